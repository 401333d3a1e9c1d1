package io.jlws.autoconfigure;

import java.time.Duration;

import io.jlws.Context;
import io.jlws.ContextInfo;
import io.jlws.spring.client.DefaultJlwsClient;
import io.jlws.spring.client.JlwsClient;
import io.jlws.spring.context.JlwsContextFactory;
import io.jlws.spring.context.ServiceLoopLifecycle;
import io.jlws.spring.handler.DefaultProtocolDiscoverer;
import io.jlws.spring.handler.JlwsHandshakeInterceptor;
import io.jlws.spring.handler.ProtocolDiscoverer;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration for a jlws {@link Context}: protocols from
 * {@code @WebSocketProtocol} beans, settings from {@code jlws.*} properties and {@link JlwsContextCustomizer} beans,
 * a {@link ServiceLoopLifecycle} that runs the service loop with the application, and a {@link JlwsClient} that
 * opens client connections on it. TLS comes from {@code jlws.ssl-*} properties or a Spring Boot SSL bundle
 * ({@link SslBundles}, hence after Boot's SSL auto-configuration).
 *
 * @see JlwsProperties
 */
@AutoConfiguration(afterName = "org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration")
@ConditionalOnClass(Context.class)
@ConditionalOnProperty(prefix = "jlws", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(JlwsProperties.class)
public final class JlwsAutoConfiguration {

	private static final String SHUTDOWN_TIMEOUT_PROPERTY = "spring.lifecycle.timeout-per-shutdown-phase";

	private static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

	JlwsAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean(ProtocolDiscoverer.class)
	DefaultProtocolDiscoverer jlwsProtocolDiscoverer(ListableBeanFactory beanFactory,
			ObjectProvider<JlwsHandshakeInterceptor> interceptors) {
		return new DefaultProtocolDiscoverer(beanFactory, interceptors.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	Context jlwsContext(JlwsProperties properties, ProtocolDiscoverer protocolDiscoverer,
			ObjectProvider<JlwsContextCustomizer> customizers, ObjectProvider<SslBundles> sslBundles) {
		ContextInfo.Builder builder = ContextInfo.builder();
		new PropertiesContextCustomizer(properties, sslBundles.getIfAvailable()).customize(builder);
		builder.protocols(protocolDiscoverer.findProtocols());
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return JlwsContextFactory.create(builder.build());
	}

	/** Looks the context up on first use, so that handler beans can inject the client without a cycle. */
	@Bean
	@ConditionalOnMissingBean(JlwsClient.class)
	DefaultJlwsClient jlwsClient(ObjectProvider<Context> context) {
		return new DefaultJlwsClient(context::getObject);
	}

	@Bean
	@ConditionalOnMissingBean
	ServiceLoopLifecycle jlwsServiceLoopLifecycle(Context context, ApplicationEventPublisher publisher,
			Environment environment) {
		Duration timeout = Binder.get(environment)
			.bind(SHUTDOWN_TIMEOUT_PROPERTY, Duration.class)
			.orElse(DEFAULT_SHUTDOWN_TIMEOUT);
		return new ServiceLoopLifecycle(context, publisher, timeout);
	}

}
