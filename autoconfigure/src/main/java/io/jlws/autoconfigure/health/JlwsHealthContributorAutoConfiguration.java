package io.jlws.autoconfigure.health;

import io.jlws.Context;
import io.jlws.autoconfigure.JlwsAutoConfiguration;
import io.jlws.spring.health.JlwsHealthIndicator;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration for {@link JlwsHealthIndicator}, contributed as {@code jlws} (bean
 * {@code jlwsHealthIndicator}); turned off by {@code management.health.jlws.enabled=false}.
 */
@AutoConfiguration(after = JlwsAutoConfiguration.class)
@ConditionalOnClass({ Context.class, HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(Context.class)
@ConditionalOnEnabledHealthIndicator("jlws")
public final class JlwsHealthContributorAutoConfiguration {

	JlwsHealthContributorAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean(name = "jlwsHealthIndicator")
	JlwsHealthIndicator jlwsHealthIndicator(Context context) {
		return new JlwsHealthIndicator(context);
	}

}
