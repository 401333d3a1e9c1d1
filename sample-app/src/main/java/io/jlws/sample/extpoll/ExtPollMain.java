package io.jlws.sample.extpoll;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;

import io.jlws.ContextInfo;
import io.jlws.autoconfigure.JlwsProperties;
import io.jlws.autoconfigure.PropertiesContextCustomizer;
import io.jlws.log.SyslogEmitter;
import io.jlws.sample.SampleMode;
import io.jlws.sample.syslog.SampleSyslog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.logging.LogFile;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * {@code java -jar jlws-sample-app.jar --sample.extpoll=true [--jlws.port=P]}: the test server in an
 * {@link ExtPollServer} loop on the main thread, with no Spring application context and so no service-loop
 * lifecycle, actuator or Spring web server. {@code SampleApplication.main} hands over here before Spring starts.
 * <p>
 * Only Spring's property and logging utilities are used, so that the options read as in the other modes:
 * <ul>
 * <li>{@code jlws.*} from the command line, system properties, the environment and the first document of
 * {@code classpath:application.yml} (its limits: 20 MB frames and messages), applied by the starter's
 * {@link PropertiesContextCustomizer}; no profile documents, no {@code spring.config.*};
 * <li>{@code sample.extpoll.udp-port} (0 = ephemeral, logged) for the UDP echo socket on
 * {@code sample.extpoll.udp-address} (127.0.0.1);
 * <li>logging through Spring Boot's logging system and {@code logback-spring.xml}, so
 * {@code --spring.profiles.active=syslog} and {@code sample.syslog.*} work here too, and so do
 * {@code --logging.level.NAME=LEVEL}; {@code --sample.syslog.lws-emitter=true} sends jlws' lines to syslog
 * directly.
 * </ul>
 * SIGTERM or SIGINT stop the loop from a shutdown hook (WebSockets get 1001, at most {@code jlws.limits.close-timeout}
 * to finish), and {@code main} returns; it exits with 1 when the server cannot start.
 */
public final class ExtPollMain {

	/** Port of the UDP echo socket; 0 = ephemeral. */
	public static final String UDP_PORT = "sample.extpoll.udp-port";

	/** Address of the UDP echo socket. */
	public static final String UDP_ADDRESS = "sample.extpoll.udp-address";

	private ExtPollMain() {
	}

	/**
	 * Whether the arguments (or system properties or the environment, {@code SAMPLE_EXTPOLL}) select this mode.
	 * @throws IllegalStateException when a client mode is selected as well
	 */
	public static boolean isSelected(String[] args) {
		return SampleMode.isExtPoll(environment(args, false));
	}

	/**
	 * Runs the server until a shutdown hook stops it.
	 * @return the exit code: 0 after a stop, 1 when it could not start or its loop failed
	 */
	public static int run(String[] args) {
		ConfigurableEnvironment environment = environment(args, true);
		LoggingSystem logging = initializeLogging(environment);
		Logger logger = LoggerFactory.getLogger(ExtPollMain.class);
		SyslogEmitter emitter = null;
		ExtPollServer server;
		ContextInfo.Builder settings;
		try {
			settings = settings(environment);
			if (SampleSyslog.lwsEmitterEnabled(environment)) {
				emitter = SampleSyslog.emitter(environment);
				settings.logEmitter(emitter);
			}
			server = ExtPollServer.create(settings, udpAddress(environment));
		}
		catch (IOException | RuntimeException ex) {
			logger.error("extpoll: cannot start: {}", ex.toString());
			close(emitter);
			return 1;
		}
		Duration grace = server.context().info().limits().closeTimeout().plusSeconds(5);
		Thread hook = new Thread(() -> {
			server.stop();
			try {
				if (!server.awaitTermination(grace)) {
					logger.warn("extpoll: the loop did not end within {}", grace);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, "extpoll-shutdown");
		Runtime.getRuntime().addShutdownHook(hook);
		try {
			server.run();
			return 0;
		}
		catch (IOException | RuntimeException ex) {
			logger.error("extpoll: the loop failed", ex);
			return 1;
		}
		finally {
			try {
				Runtime.getRuntime().removeShutdownHook(hook);
			}
			catch (IllegalStateException ex) {
				// the JVM is shutting down: the hook is what ended the loop
			}
			close(emitter);
			Runnable flush = logging.getShutdownHandler();
			if (flush != null) {
				flush.run();
			}
		}
	}

	/**
	 * The context settings from {@code jlws.*}, as the starter applies them (see {@link JlwsProperties}); no protocols.
	 * @throws io.jlws.autoconfigure.InvalidJlwsPropertyException for a bad value
	 */
	static ContextInfo.Builder settings(ConfigurableEnvironment environment) {
		JlwsProperties properties = Binder.get(environment)
			.bind("jlws", Bindable.of(JlwsProperties.class))
			.orElseGet(JlwsProperties::new);
		ContextInfo.Builder builder = ContextInfo.builder();
		new PropertiesContextCustomizer(properties).customize(builder);
		return builder;
	}

	static InetSocketAddress udpAddress(ConfigurableEnvironment environment) {
		String address = environment.getProperty(UDP_ADDRESS, "127.0.0.1").trim();
		int port = environment.getProperty(UDP_PORT, Integer.class, 0);
		return new InetSocketAddress(address, port);
	}

	/**
	 * The command line (Spring's {@code --name=value} form), system properties and the environment, then optionally
	 * the profile-less documents of {@code classpath:application.yml}.
	 */
	static ConfigurableEnvironment environment(String[] args, boolean withApplicationYml) {
		StandardEnvironment environment = new StandardEnvironment();
		if (args.length > 0) {
			environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
		}
		ClassPathResource yml = new ClassPathResource("application.yml", ExtPollMain.class.getClassLoader());
		if (withApplicationYml && yml.exists()) {
			try {
				for (PropertySource<?> document : new YamlPropertySourceLoader().load("application.yml", yml)) {
					if (!document.containsProperty("spring.config.activate.on-profile")
							&& !document.containsProperty("spring.config.activate.on-cloud-platform")) {
						environment.getPropertySources().addLast(document);
					}
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException("cannot read classpath:application.yml", ex);
			}
		}
		return environment;
	}

	/** Spring Boot's logging system with {@code logback-spring.xml}, as a Spring application would set it up. */
	private static LoggingSystem initializeLogging(ConfigurableEnvironment environment) {
		LoggingSystem logging = LoggingSystem.get(ExtPollMain.class.getClassLoader());
		logging.beforeInitialize();
		logging.initialize(new LoggingInitializationContext(environment), null, LogFile.get(environment));
		Binder.get(environment)
			.bind("logging.level", Bindable.mapOf(String.class, LogLevel.class))
			.ifBound((levels) -> levels.forEach((name, level) -> logging
				.setLogLevel("root".equalsIgnoreCase(name) ? LoggingSystem.ROOT_LOGGER_NAME : name, level)));
		return logging;
	}

	private static void close(SyslogEmitter emitter) {
		if (emitter != null) {
			emitter.close();
		}
	}

}
