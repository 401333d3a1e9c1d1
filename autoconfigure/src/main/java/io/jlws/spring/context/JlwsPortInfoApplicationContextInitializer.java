package io.jlws.spring.context;

import java.util.HashMap;
import java.util.Map;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;

/**
 * Sets {@code local.jlws.port} in the {@link Environment} once the jlws service loop runs, so that tests using
 * {@code jlws.port=0} can inject it with {@code @Value("${local.jlws.port}")} (Boot's
 * {@code local.server.port}). Registered in {@code META-INF/spring.factories}; the property goes to the parent
 * contexts too.
 */
public class JlwsPortInfoApplicationContextInitializer
		implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	/** The property set to the bound port. */
	public static final String PROPERTY_NAME = "local.jlws.port";

	private static final String PROPERTY_SOURCE_NAME = "jlws.ports";

	@Override
	public void initialize(ConfigurableApplicationContext applicationContext) {
		applicationContext.addApplicationListener(new Listener(applicationContext));
	}

	private static final class Listener implements ApplicationListener<JlwsServerInitializedEvent> {

		private final ConfigurableApplicationContext applicationContext;

		Listener(ConfigurableApplicationContext applicationContext) {
			this.applicationContext = applicationContext;
		}

		@Override
		public void onApplicationEvent(JlwsServerInitializedEvent event) {
			setPortProperty(this.applicationContext, event.getPort());
		}

		private static void setPortProperty(ApplicationContext context, int port) {
			if (context instanceof ConfigurableApplicationContext configurable) {
				setPortProperty(configurable.getEnvironment(), port);
			}
			if (context.getParent() != null) {
				setPortProperty(context.getParent(), port);
			}
		}

		@SuppressWarnings("unchecked")
		private static void setPortProperty(ConfigurableEnvironment environment, int port) {
			MutablePropertySources sources = environment.getPropertySources();
			PropertySource<?> source = sources.get(PROPERTY_SOURCE_NAME);
			if (source == null) {
				source = new MapPropertySource(PROPERTY_SOURCE_NAME, new HashMap<>());
				sources.addFirst(source);
			}
			((Map<String, Object>) source.getSource()).put(PROPERTY_NAME, port);
		}

	}

}
