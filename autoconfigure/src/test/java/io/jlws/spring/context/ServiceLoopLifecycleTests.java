package io.jlws.spring.context;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.jlws.Context;
import io.jlws.ContextInfo;
import io.jlws.autoconfigure.JlwsAutoConfiguration;
import io.jlws.spring.test.TestWebSocketClient;
import io.jlws.spring.test.TestWebSocketClient.Session;
import io.jlws.spring.test.TextEchoHandler;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link ServiceLoopLifecycle}: starting, stopping with 1001, and releasing a context never started.
 */
class ServiceLoopLifecycleTests {

	@Test
	void closingTheApplicationClosesOpenConnectionsWith1001() throws Exception {
		ConfigurableApplicationContext application = run("spring.lifecycle.timeout-per-shutdown-phase=5s");
		int port = application.getEnvironment().getRequiredProperty("local.jlws.port", Integer.class);
		Context context = application.getBean(Context.class);
		ServiceLoopLifecycle lifecycle = application.getBean(ServiceLoopLifecycle.class);
		try (TestWebSocketClient client = new TestWebSocketClient()) {
			Session first = client.connect(port, "/text");
			Session second = client.connect(port, "/text");
			first.sendText("still here");
			assertThat(first.nextMessage()).isEqualTo("echo: still here");
			application.close();
			assertThat(first.awaitCloseStatus()).isEqualTo(1001);
			assertThat(second.awaitCloseStatus()).isEqualTo(1001);
			assertThat(first.closeReason()).isEqualTo("server shutting down");
		}
		assertThat(context.isRunning()).isFalse();
		assertThat(lifecycle.isRunning()).isFalse();
		assertThatIOException().isThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close());
	}

	@Test
	void underscoreKeysBindFromAConfigFile() {
		try (ConfigurableApplicationContext application = run("spring.config.location=classpath:jlws-underscore.yml")) {
			io.jlws.autoconfigure.JlwsAutoConfigurationTestsAccess
				.assertYamlValues(application.getBean(Context.class).info());
			assertThat(application.getEnvironment().getProperty("local.jlws.port", Integer.class)).isEqualTo(-1);
		}
	}

	@Test
	void stopWithCallbackDoesNotBlockTheCaller() throws Exception {
		Context context = Context.create(ContextInfo.builder().port(0).address("127.0.0.1").build());
		ServiceLoopLifecycle lifecycle = new ServiceLoopLifecycle(context, (event) -> {
		}, Duration.ofSeconds(5));
		lifecycle.start();
		assertThat(lifecycle.isRunning()).isTrue();
		CountDownLatch stopped = new CountDownLatch(1);
		lifecycle.stop(stopped::countDown);
		assertThat(lifecycle.isRunning()).isFalse();
		assertThat(stopped.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(context.isRunning()).isFalse();
		lifecycle.destroy();
	}

	@Test
	void startPublishesTheInitializedEvent() throws Exception {
		Context context = Context.create(ContextInfo.builder().port(0).address("127.0.0.1").build());
		java.util.List<Object> events = new java.util.concurrent.CopyOnWriteArrayList<>();
		ServiceLoopLifecycle lifecycle = new ServiceLoopLifecycle(context, events::add, Duration.ofSeconds(5));
		try {
			lifecycle.start();
			lifecycle.start();
			assertThat(events).singleElement()
				.isInstanceOfSatisfying(JlwsServerInitializedEvent.class,
						(event) -> assertThat(event.getPort()).isEqualTo(context.port()));
		}
		finally {
			lifecycle.stop();
		}
		assertThat(context.isRunning()).isFalse();
	}

	@Test
	void destroyReleasesTheListenerOfAContextNeverStarted() throws Exception {
		Context context = Context.create(ContextInfo.builder().port(0).address("127.0.0.1").build());
		int port = context.port();
		ServiceLoopLifecycle lifecycle = new ServiceLoopLifecycle(context, (event) -> {
		}, Duration.ofSeconds(5));
		lifecycle.destroy();
		assertThat(context.isRunning()).isFalse();
		await().untilAsserted(() -> {
			try (ServerSocket rebound = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
				assertThat(rebound.getLocalPort()).isEqualTo(port);
			}
		});
	}

	private static ConfigurableApplicationContext run(String... properties) {
		return new SpringApplicationBuilder(EchoApplication.class).web(WebApplicationType.NONE)
			.properties("jlws.port=0", "jlws.address=127.0.0.1")
			.properties(properties)
			.run();
	}

	@SpringBootConfiguration
	@ImportAutoConfiguration(JlwsAutoConfiguration.class)
	@Import(TextEchoHandler.class)
	static class EchoApplication {

	}

}
