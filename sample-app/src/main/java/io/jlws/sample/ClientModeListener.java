package io.jlws.sample;

import java.util.Map;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;

/**
 * In the client modes the app opens no port: no jlws listener ({@code jlws.port=-1}, lws
 * {@code CONTEXT_PORT_NO_LISTEN}) and no Spring web server ({@code spring.main.web-application-type=none}).
 * <p>
 * These are defaults that override {@code application.yml} (whose {@code jlws.port} is the server's 7681) but not
 * the command line, system properties or the environment, so they go right after the system environment. That is
 * also why {@code SpringApplication.setDefaultProperties} will not do: default properties come after
 * {@code application.yml}. Registered in {@code META-INF/spring.factories}; runs once the config data is loaded and
 * before Spring binds {@code spring.main.*}.
 */
class ClientModeListener implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

	static final String SOURCE_NAME = "sampleClientMode";

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		ConfigurableEnvironment environment = event.getEnvironment();
		if (!SampleMode.isClient(environment)) {
			return;
		}
		MapPropertySource defaults = new MapPropertySource(SOURCE_NAME,
				Map.of("jlws.port", "-1", "spring.main.web-application-type", "none"));
		MutablePropertySources sources = environment.getPropertySources();
		if (sources.contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
			sources.addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, defaults);
		}
		else {
			sources.addFirst(defaults);
		}
	}

}
