package io.jlws.sample.syslog;

import java.io.IOException;
import java.util.Locale;

import io.jlws.log.SyslogEmitter;
import io.jlws.log.SyslogFacility;

import org.springframework.core.env.PropertyResolver;

/**
 * The sample's syslog settings, shared by the Logback {@code syslog} profile ({@code logback-spring.xml}) and the
 * optional lws-level emitter: {@code sample.syslog.host} (127.0.0.1), {@code sample.syslog.port} (514),
 * {@code sample.syslog.facility} (USER) and {@code spring.application.name} (jlws-sample) as the tag.
 */
public final class SampleSyslog {

	/** The receiver's host. */
	public static final String HOST = "sample.syslog.host";

	/** The receiver's UDP port. */
	public static final String PORT = "sample.syslog.port";

	/** The facility, a name such as USER, DAEMON or LOCAL0. */
	public static final String FACILITY = "sample.syslog.facility";

	/** Whether jlws' own lines go straight to syslog through core's {@link SyslogEmitter}. */
	public static final String LWS_EMITTER = "sample.syslog.lws-emitter";

	/** The tag (program name) when {@code spring.application.name} is not set. */
	public static final String DEFAULT_APP_NAME = "jlws-sample";

	private SampleSyslog() {
	}

	/** Whether {@value #LWS_EMITTER} is {@code true}. */
	public static boolean lwsEmitterEnabled(PropertyResolver properties) {
		return properties.getProperty(LWS_EMITTER, Boolean.class, false);
	}

	/**
	 * Opens core's UDP syslog emitter (libwebsockets' {@code lwsl_emit_syslog}) for these settings. Close it after
	 * the context that uses it has stopped.
	 * @throws IllegalArgumentException for an unknown facility or an unresolvable host
	 * @throws IOException when no datagram socket can be opened
	 */
	public static SyslogEmitter emitter(PropertyResolver properties) throws IOException {
		String host = properties.getProperty(HOST, "127.0.0.1").trim();
		int port = properties.getProperty(PORT, Integer.class, SyslogEmitter.DEFAULT_PORT);
		String facility = properties.getProperty(FACILITY, "USER").trim().toUpperCase(Locale.ROOT);
		String appName = properties.getProperty("spring.application.name", DEFAULT_APP_NAME).trim();
		SyslogFacility parsed;
		try {
			parsed = SyslogFacility.valueOf(facility);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(FACILITY + "=" + facility + " is not a syslog facility (USER, DAEMON, "
					+ "LOCAL0 ... LOCAL7, ...)", ex);
		}
		return SyslogEmitter.builder().target(host, port).facility(parsed).appName(appName).build();
	}

}
