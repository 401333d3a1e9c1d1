package io.jlws.autoconfigure.health;

import java.util.Map;

import io.jlws.Context;
import io.jlws.autoconfigure.JlwsAutoConfiguration;
import io.jlws.spring.health.JlwsHealthIndicator;
import io.jlws.spring.test.TestWebSocketClient;
import io.jlws.spring.test.TextEchoHandler;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link JlwsHealthContributorAutoConfiguration}.
 */
class JlwsHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(JlwsAutoConfiguration.class, JlwsHealthContributorAutoConfiguration.class))
		.withPropertyValues("jlws.port=0", "jlws.address=127.0.0.1");

	@Test
	void contributesAnIndicatorNamedJlws() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(JlwsHealthIndicator.class)
			.hasBean("jlwsHealthIndicator"));
	}

	@Test
	void upWithDetailsWhileTheLoopTurns() {
		this.runner.withUserConfiguration(TextEchoHandler.class).run((context) -> {
			HealthIndicator indicator = context.getBean("jlwsHealthIndicator", HealthIndicator.class);
			int port = context.getBean(Context.class).port();
			try (TestWebSocketClient client = new TestWebSocketClient()) {
				client.connect(port, "/text");
				await().untilAsserted(() -> {
					Health health = indicator.health();
					assertThat(health.getStatus()).isEqualTo(Status.UP);
					assertThat(health.getDetails()).containsEntry("port", port)
						.containsEntry("connections", 1)
						.containsEntry("perProtocol", Map.of("text-echo", 1))
						.containsKeys("maxConnections", "loopLagMillis", "acceptPauses", "atConnectionLimit",
								"shedConnections", "rejectedHandshakes", "protocolErrors");
				});
			}
		});
	}

	@Test
	void downOnceTheContextHasStopped() {
		this.runner.run((context) -> {
			HealthIndicator indicator = context.getBean("jlwsHealthIndicator", HealthIndicator.class);
			await().until(() -> indicator.health().getStatus().equals(Status.UP));
			context.getBean(Context.class).stop();
			Health health = indicator.health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("connections", 0);
		});
	}

	@Test
	void backsOffWithoutHealthClasses() {
		this.runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).hasSingleBean(Context.class)
				.doesNotHaveBean("jlwsHealthIndicator"));
	}

	@Test
	void backsOffWithoutAContext() {
		this.runner.withPropertyValues("jlws.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(JlwsHealthIndicator.class));
	}

	@Test
	void backsOffWhenTheIndicatorIsDisabled() {
		this.runner.withPropertyValues("management.health.jlws.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(Context.class)
				.doesNotHaveBean(JlwsHealthIndicator.class));
	}

	@Test
	void backsOffWhenDefaultIndicatorsAreDisabled() {
		this.runner.withPropertyValues("management.health.defaults.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(JlwsHealthIndicator.class));
	}

	@Test
	void userIndicatorWins() {
		HealthIndicator mine = () -> Health.up().withDetail("mine", true).build();
		this.runner.withBean("jlwsHealthIndicator", HealthIndicator.class, () -> mine)
			.run((context) -> assertThat(context).doesNotHaveBean(JlwsHealthIndicator.class)
				.getBean("jlwsHealthIndicator")
				.isSameAs(mine));
	}

}
