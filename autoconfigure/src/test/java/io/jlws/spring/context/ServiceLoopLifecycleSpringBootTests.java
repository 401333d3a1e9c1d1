package io.jlws.spring.context;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.jlws.Context;
import io.jlws.autoconfigure.JlwsAutoConfiguration;
import io.jlws.spring.test.TestWebSocketClient;
import io.jlws.spring.test.TestWebSocketClient.Session;
import io.jlws.spring.test.TextEchoHandler;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Boot application on port 0: the lifecycle starts the loop, publishes the event and {@code local.jlws.port}.
 */
@SpringBootTest(classes = ServiceLoopLifecycleSpringBootTests.EchoApplication.class,
		properties = { "jlws.port=0", "jlws.address=127.0.0.1" })
@DirtiesContext
class ServiceLoopLifecycleSpringBootTests {

	@Value("${local.jlws.port}")
	private int port;

	@Autowired
	private Context context;

	@Autowired
	private ServiceLoopLifecycle lifecycle;

	@Autowired
	private List<JlwsServerInitializedEvent> events;

	@Test
	void localJlwsPortIsTheBoundPort() {
		assertThat(this.port).isPositive().isEqualTo(this.context.port());
	}

	@Test
	void initializedEventCarriesThePort() {
		assertThat(this.events).singleElement().satisfies((event) -> {
			assertThat(event.getContext()).isSameAs(this.context);
			assertThat(event.getPort()).isEqualTo(this.port);
		});
	}

	@Test
	void lifecycleIsRunningOnTheServiceThread() {
		assertThat(this.lifecycle.isRunning()).isTrue();
		assertThat(this.lifecycle.getPhase()).isEqualTo(Integer.MAX_VALUE - 1);
		assertThat(Thread.getAllStackTraces().keySet()).anySatisfy((thread) -> {
			assertThat(thread.getName()).isEqualTo("jlws-service");
			assertThat(thread.isDaemon()).isFalse();
		});
	}

	@Test
	void echoesOverTheLocalPort() throws Exception {
		try (TestWebSocketClient client = new TestWebSocketClient()) {
			Session session = client.connect(this.port, "/text");
			session.sendText("over local.jlws.port");
			assertThat(session.nextMessage()).isEqualTo("echo: over local.jlws.port");
		}
	}

	@SpringBootConfiguration
	@ImportAutoConfiguration(JlwsAutoConfiguration.class)
	@Import(TextEchoHandler.class)
	static class EchoApplication {

		private final List<JlwsServerInitializedEvent> events = new CopyOnWriteArrayList<>();

		@Bean
		List<JlwsServerInitializedEvent> events() {
			return this.events;
		}

		@Bean
		ApplicationListener<JlwsServerInitializedEvent> recorder() {
			return this.events::add;
		}

	}

}
