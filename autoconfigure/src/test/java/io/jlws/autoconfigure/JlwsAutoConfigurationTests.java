package io.jlws.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.jlws.Context;
import io.jlws.ContextInfo;
import io.jlws.KeepAlive;
import io.jlws.LogLevel;
import io.jlws.Protocol;
import io.jlws.spring.context.JlwsPortInUseException;
import io.jlws.spring.context.ServiceLoopLifecycle;
import io.jlws.spring.handler.DefaultProtocolDiscoverer;
import io.jlws.spring.handler.ProtocolDiscoverer;
import io.jlws.spring.test.CallbackEchoHandler;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JlwsAutoConfiguration}.
 */
class JlwsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JlwsAutoConfiguration.class))
		.withPropertyValues("jlws.port=-1");

	@Test
	void createsContextDiscovererAndLifecycle() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(Context.class)
				.hasSingleBean(DefaultProtocolDiscoverer.class)
				.hasSingleBean(ServiceLoopLifecycle.class)
				.hasSingleBean(JlwsProperties.class);
			assertThat(context.getBean(ServiceLoopLifecycle.class).isRunning()).isTrue();
			assertThat(context.getBean(ServiceLoopLifecycle.class).getShutdownTimeout())
				.isEqualTo(Duration.ofSeconds(30));
		});
	}

	@Test
	void backsOffWhenDisabled() {
		this.runner.withPropertyValues("jlws.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(Context.class)
				.doesNotHaveBean(ProtocolDiscoverer.class)
				.doesNotHaveBean(ServiceLoopLifecycle.class)
				.doesNotHaveBean(JlwsProperties.class));
	}

	@Test
	void backsOffWithoutTheCore() {
		this.runner.withClassLoader(new FilteredClassLoader(Context.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ServiceLoopLifecycle.class));
	}

	@Test
	void userContextBeanWins() {
		this.runner.withUserConfiguration(UserContextConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(Context.class);
			assertThat(context.getBean(Context.class).info().serviceThreadName()).isEqualTo("user-context");
			assertThat(context.getBean(ServiceLoopLifecycle.class).getContext())
				.isSameAs(context.getBean(Context.class));
		});
	}

	@Test
	void userDiscovererWins() {
		Protocol<Void> handMade = Protocol.of("hand-made", (connection, reason, session, in) -> null);
		this.runner.withBean(ProtocolDiscoverer.class, () -> () -> List.of(handMade)).run((context) -> {
			assertThat(context).doesNotHaveBean(DefaultProtocolDiscoverer.class);
			assertThat(info(context).protocols()).containsExactly(handMade);
		});
	}

	@Test
	void userLifecycleWins() {
		this.runner.withUserConfiguration(UserLifecycleConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(ServiceLoopLifecycle.class).hasBean("customLifecycle");
			assertThat(context.getBean(ServiceLoopLifecycle.class).getShutdownTimeout())
				.isEqualTo(Duration.ofSeconds(1));
		});
	}

	@Test
	void discoveredProtocolsAreServed() {
		this.runner.withUserConfiguration(CallbackEchoHandler.class)
			.run((context) -> assertThat(info(context).protocols()).extracting(Protocol::name)
				.containsExactly("callback-echo"));
	}

	@Test
	void shutdownTimeoutComesFromSpringLifecycle() {
		this.runner.withPropertyValues("spring.lifecycle.timeout-per-shutdown-phase=7s")
			.run((context) -> assertThat(context.getBean(ServiceLoopLifecycle.class).getShutdownTimeout())
				.isEqualTo(Duration.ofSeconds(7)));
	}

	@Test
	void kebabCaseKeysBind() {
		this.runner
			.withPropertyValues("jlws.ka-time=60", "jlws.ka-probes=3", "jlws.ka-interval=10",
					"jlws.limits.max-connections=500")
			.run((context) -> {
				assertThat(info(context).keepAlive()).isEqualTo(new KeepAlive(60, 3, 10));
				assertThat(info(context).limits().maxConnections()).isEqualTo(500);
			});
	}

	@Test
	void libwebsocketsUnderscoreKeysBind() {
		this.runner
			.withPropertyValues("jlws.ka_time=60", "jlws.ka_probes=3", "jlws.ka_interval=10",
					"jlws.limits.max_connections=500", "jlws.limits.max_frame_size=64KB")
			.run((context) -> {
				assertThat(info(context).keepAlive()).isEqualTo(new KeepAlive(60, 3, 10));
				assertThat(info(context).limits().maxConnections()).isEqualTo(500);
				assertThat(info(context).limits().maxFrameSize()).isEqualTo(64 * 1024);
			});
	}

	@Test
	void underscoreKeysBindFromAMapPropertySource() {
		this.runner.withInitializer((applicationContext) -> applicationContext.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("lws-style",
					Map.of("jlws.ka_time", 20, "jlws.ka_probes", 2, "jlws.ka_interval", 5,
							"jlws.limits.max_connections", 77, "jlws.limits.handshake_timeout", "2s"))))
			.run((context) -> {
				assertThat(info(context).keepAlive()).isEqualTo(new KeepAlive(20, 2, 5));
				assertThat(info(context).limits().maxConnections()).isEqualTo(77);
				assertThat(info(context).limits().handshakeTimeout()).isEqualTo(Duration.ofSeconds(2));
			});
	}

	@Test
	void underscoreKeysBindFromYaml() {
		this.runner.withInitializer((applicationContext) -> {
			try {
				new YamlPropertySourceLoader().load("jlws-underscore", new ClassPathResource("jlws-underscore.yml"))
					.forEach(applicationContext.getEnvironment().getPropertySources()::addFirst);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}).run((context) -> assertYamlValues(info(context)));
	}

	static void assertYamlValues(ContextInfo info) {
		assertThat(info.port()).isEqualTo(-1);
		assertThat(info.keepAlive()).isEqualTo(new KeepAlive(45, 4, 7));
		assertThat(info.logLevel()).isEqualTo(LogLevel.DEFAULT | LogLevel.USER);
		assertThat(info.serviceThreadName()).isEqualTo("yaml-loop");
		assertThat(info.allowedOrigins()).containsExactly("https://yaml.example");
		assertThat(info.limits().maxConnections()).isEqualTo(123);
		assertThat(info.limits().maxFrameSize()).isEqualTo(2 * 1024 * 1024);
		assertThat(info.limits().maxMessageSize()).isEqualTo(8 * 1024 * 1024);
		assertThat(info.limits().handshakeTimeout()).isEqualTo(Duration.ofSeconds(3));
		assertThat(info.limits().idleTimeout()).isEqualTo(Duration.ofMinutes(1));
	}

	@Test
	void logLevelNamesAndBitsMap() {
		this.runner.withPropertyValues("jlws.log-level=err,warn,notice,user")
			.run((context) -> assertThat(info(context).logLevel()).isEqualTo(1031));
		this.runner.withPropertyValues("jlws.log_level=1")
			.run((context) -> assertThat(info(context).logLevel()).isEqualTo(LogLevel.ERR));
	}

	@Test
	void limitsMap() {
		this.runner
			.withPropertyValues("jlws.limits.max-frame-size=16MB", "jlws.limits.max-message-size=16MB",
					"jlws.limits.max-pending-bytes=32MB", "jlws.limits.max-header-bytes=4KB",
					"jlws.limits.max-foreign-queue=10", "jlws.limits.close-timeout=1s",
					"jlws.limits.ping-interval=30s", "jlws.limits.idle-timeout=10m")
			.run((context) -> {
				io.jlws.Limits limits = info(context).limits();
				assertThat(limits.maxFrameSize()).isEqualTo(16 * 1024 * 1024);
				assertThat(limits.maxMessageSize()).isEqualTo(16 * 1024 * 1024);
				assertThat(limits.maxPendingBytes()).isEqualTo(32 * 1024 * 1024);
				assertThat(limits.maxHeaderBytes()).isEqualTo(4 * 1024);
				assertThat(limits.maxForeignQueue()).isEqualTo(10);
				assertThat(limits.closeTimeout()).isEqualTo(Duration.ofSeconds(1));
				assertThat(limits.pingInterval()).isEqualTo(Duration.ofSeconds(30));
				assertThat(limits.idleTimeout()).isEqualTo(Duration.ofMinutes(10));
			});
	}

	@Test
	void frameLargerThanMessageFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("jlws.limits.max_frame_size=8MB", "jlws.limits.max-message-size=1MB")
			.run((context) -> assertStartupFailure(context,
					"jlws.limits.max-frame-size must not exceed jlws.limits.max-message-size (1048576B) "
							+ "(was 8388608B)"));
	}

	@Test
	void negativeSizeFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("jlws.limits.max-frame-size=-1")
			.run((context) -> assertStartupFailure(context, "jlws.limits.max-frame-size must be > 0"));
	}

	@Test
	void kaTimeWithoutProbesFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("jlws.ka_time=60")
			.run((context) -> assertStartupFailure(context, "jlws.ka-probes must be > 0 when jlws.ka-time is set"));
	}

	@Test
	void unknownLogLevelNameFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("jlws.log-level=err,chatty")
			.run((context) -> assertStartupFailure(context, "jlws.log-level is invalid: Unknown log level 'chatty'"));
	}

	@Test
	void invalidPortFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("jlws.port=65536")
			.run((context) -> assertStartupFailure(context, "jlws.port must be -1 (no listener), 0 (ephemeral)"));
	}

	@Test
	void portInUseFailsStartup() throws IOException {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			this.runner.withPropertyValues("jlws.port=" + taken.getLocalPort(), "jlws.address=127.0.0.1")
				.run((context) -> {
					assertThat(context).hasFailed();
					assertThat(context.getStartupFailure()).rootCause().isInstanceOf(java.net.BindException.class);
					assertThat(findCause(context.getStartupFailure(), JlwsPortInUseException.class).getPort())
						.isEqualTo(taken.getLocalPort());
				});
		}
	}

	@Test
	void customizersRunInOrderAfterTheProperties() {
		this.runner.withPropertyValues("jlws.service-thread-name=from-properties")
			.withUserConfiguration(CustomizerConfiguration.class)
			.run((context) -> {
				assertThat(info(context).serviceThreadName()).isEqualTo("from-properties-first-second");
				assertThat(info(context).protocols()).extracting(Protocol::name).containsExactly("customized");
			});
	}

	private static ContextInfo info(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed();
		return context.getBean(Context.class).info();
	}

	private static void assertStartupFailure(AssertableApplicationContext context, String message) {
		assertThat(context).hasFailed();
		assertThat(findCause(context.getStartupFailure(), InvalidJlwsPropertyException.class))
			.hasMessageContaining(message);
	}

	static <T extends Throwable> T findCause(Throwable failure, Class<T> type) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (type.isInstance(t)) {
				return type.cast(t);
			}
		}
		throw new AssertionError("No " + type.getName() + " in " + failure, failure);
	}

	@Configuration(proxyBeanMethods = false)
	static class UserContextConfiguration {

		@Bean
		Context userContext() throws IOException {
			return Context.create(ContextInfo.builder().port(-1).serviceThreadName("user-context").build());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserLifecycleConfiguration {

		@Bean
		ServiceLoopLifecycle customLifecycle(Context context,
				org.springframework.context.ApplicationEventPublisher publisher) {
			return new ServiceLoopLifecycle(context, publisher, Duration.ofSeconds(1));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizerConfiguration {

		@Bean
		@Order(2)
		JlwsContextCustomizer second() {
			return (builder) -> builder.serviceThreadName(builder.build().serviceThreadName() + "-second");
		}

		@Bean
		@Order(1)
		JlwsContextCustomizer first() {
			return (builder) -> builder.serviceThreadName(builder.build().serviceThreadName() + "-first")
				.protocol(Protocol.of("customized", (connection, reason, session, in) -> null));
		}

	}

}
