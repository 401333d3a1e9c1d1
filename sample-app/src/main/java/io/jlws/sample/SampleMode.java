package io.jlws.sample;

import org.springframework.core.env.PropertyResolver;
import org.springframework.util.StringUtils;

/**
 * Which of its modes the sample app runs in, from its properties: libwebsockets' test server (the default), its test
 * client ({@code --sample.client=ws://HOST:PORT/}), an Autobahn TestSuite client testee
 * ({@code --sample.autobahn=ws://HOST:PORT/ --sample.agent=NAME}), or the test server in an external poll loop
 * without Spring ({@code --sample.extpoll=true}, see {@link io.jlws.sample.extpoll.ExtPollMain}).
 */
public final class SampleMode {

	/** The server the test client connects to. */
	public static final String CLIENT = "sample.client";

	/** The Autobahn fuzzing server the testee connects to. */
	public static final String AUTOBAHN = "sample.autobahn";

	/** The test server in the application's own selector loop, without Spring (libwebsockets' test-server-extpoll). */
	public static final String EXTPOLL = "sample.extpoll";

	private SampleMode() {
	}

	/**
	 * Whether a client mode is selected. A property set to {@code false} counts as not set, as it does for
	 * {@code @ConditionalOnProperty} on the client beans.
	 * @throws IllegalStateException when both client modes are selected
	 */
	public static boolean isClient(PropertyResolver properties) {
		boolean client = isSet(properties, CLIENT);
		boolean autobahn = isSet(properties, AUTOBAHN);
		if (client && autobahn) {
			throw new IllegalStateException("--" + CLIENT + " and --" + AUTOBAHN + " cannot be used together");
		}
		return client || autobahn;
	}

	/**
	 * Whether the external poll server is selected. It is decided before Spring starts, from the command line, system
	 * properties and the environment only ({@code application.yml} is not consulted).
	 * @throws IllegalStateException when a client mode is selected as well
	 */
	public static boolean isExtPoll(PropertyResolver properties) {
		boolean extpoll = isSet(properties, EXTPOLL);
		if (extpoll && isClient(properties)) {
			throw new IllegalStateException("--" + EXTPOLL + " cannot be used with --" + CLIENT + " or --" + AUTOBAHN);
		}
		return extpoll;
	}

	private static boolean isSet(PropertyResolver properties, String name) {
		String value = properties.getProperty(name);
		return StringUtils.hasText(value) && !"false".equalsIgnoreCase(value.trim());
	}

}
