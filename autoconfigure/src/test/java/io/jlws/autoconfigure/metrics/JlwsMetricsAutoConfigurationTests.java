package io.jlws.autoconfigure.metrics;

import io.jlws.Context;
import io.jlws.autoconfigure.JlwsAutoConfiguration;
import io.jlws.spring.metrics.JlwsMeterBinder;
import io.jlws.spring.test.TextEchoHandler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JlwsMetricsAutoConfiguration}.
 */
class JlwsMetricsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JlwsAutoConfiguration.class, JlwsMetricsAutoConfiguration.class))
		.withPropertyValues("jlws.port=-1");

	@Test
	void createsBinderWhenARegistryExists() {
		this.runner.withBean(SimpleMeterRegistry.class)
			.run((context) -> assertThat(context).hasSingleBean(JlwsMeterBinder.class));
	}

	@Test
	void backsOffWithoutARegistry() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(Context.class)
			.doesNotHaveBean(JlwsMeterBinder.class));
	}

	@Test
	void backsOffWithoutMicrometer() {
		this.runner.withClassLoader(new FilteredClassLoader("io.micrometer"))
			.run((context) -> assertThat(context).hasSingleBean(Context.class)
				.doesNotHaveBean(JlwsMeterBinder.class));
	}

	@Test
	void backsOffWithoutAContext() {
		this.runner.withBean(SimpleMeterRegistry.class)
			.withPropertyValues("jlws.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(JlwsMeterBinder.class));
	}

	@Test
	void userBinderWins() {
		this.runner.withBean(SimpleMeterRegistry.class)
			.withUserConfiguration(UserBinderConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(JlwsMeterBinder.class).hasBean("myBinder"));
	}

	@Test
	void bootBindsTheMetersToItsRegistry() {
		this.runner
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
			.withUserConfiguration(TextEchoHandler.class)
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("jlws.connections").tag("protocol", "text-echo").gauge().value()).isZero();
				assertThat(registry.get("jlws.messages").tag("direction", "in").functionCounter()).isNotNull();
				assertThat(registry.get("jlws.loop.lag").timeGauge()).isNotNull();
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserBinderConfiguration {

		@Bean
		JlwsMeterBinder myBinder(Context context) {
			return new JlwsMeterBinder(context, Tags.of("app", "mine"));
		}

	}

}
