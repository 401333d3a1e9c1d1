package io.jlws.autoconfigure.metrics;

import io.jlws.Context;
import io.jlws.autoconfigure.JlwsAutoConfiguration;
import io.jlws.spring.metrics.JlwsMeterBinder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration for {@link JlwsMeterBinder}: jlws meters on every {@link MeterRegistry} (Boot binds
 * {@link MeterBinder} beans to its registries).
 */
@AutoConfiguration(after = JlwsAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass({ Context.class, MeterBinder.class })
@ConditionalOnBean({ MeterRegistry.class, Context.class })
public final class JlwsMetricsAutoConfiguration {

	JlwsMetricsAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	JlwsMeterBinder jlwsMeterBinder(Context context) {
		return new JlwsMeterBinder(context);
	}

}
