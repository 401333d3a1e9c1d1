package io.jlws.autoconfigure;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;

import io.jlws.Daemon;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.StringUtils;

/**
 * Acts on {@code jlws.daemonize.enabled} and {@code jlws.daemonize.lock-file} before the application context starts:
 * libwebsockets' {@code lws_daemonize} through {@link Daemon#daemonize(Path, Duration)}. The starting process
 * relaunches the JVM detached and exits (0 once the daemon holds the lock, 1 if a daemon already runs or the start
 * failed); in the relaunched JVM the call returns and the application starts as usual.
 * <p>
 * Runs once the environment is prepared, after Spring Boot has loaded the configuration files (so the properties may
 * come from {@code application.yml} as well as the command line or the environment) and before any bean is created,
 * so the starting process binds no port. Properties bind with relaxed names ({@code jlws.daemonize.lock_file},
 * {@code JLWS_DAEMONIZE_ENABLED}). Independent of {@code jlws.enabled}. Registered in {@code META-INF/spring.factories}.
 */
public class DaemonizeRunListener implements SpringApplicationRunListener, Ordered {

	/** After Boot's {@code EventPublishingRunListener} (order 0), which loads the configuration files. */
	public static final int ORDER = 10;

	private static final String PREFIX = "jlws.daemonize";

	private static final Logger logger = LoggerFactory.getLogger(DaemonizeRunListener.class);

	private final Daemonizer daemonizer;

	/**
	 * Creates the listener, as {@link SpringApplication} does.
	 * @param application the application being run
	 * @param args its arguments
	 */
	public DaemonizeRunListener(SpringApplication application, String[] args) {
		this(Daemon::daemonize);
	}

	/**
	 * Creates a listener that hands the decision to {@code daemonizer}.
	 * @param daemonizer what daemonizes; {@link Daemon#daemonize(Path, Duration)} in production
	 */
	DaemonizeRunListener(Daemonizer daemonizer) {
		this.daemonizer = daemonizer;
	}

	@Override
	public void environmentPrepared(ConfigurableBootstrapContext bootstrapContext,
			ConfigurableEnvironment environment) {
		JlwsProperties.Daemonize daemonize = Binder.get(environment)
			.bind(PREFIX, Bindable.of(JlwsProperties.Daemonize.class))
			.orElseGet(JlwsProperties.Daemonize::new);
		if (!daemonize.isEnabled()) {
			return;
		}
		Path lockFile = lockFile(daemonize.getLockFile());
		Duration startTimeout = daemonize.getStartTimeout();
		if (startTimeout == null || startTimeout.isNegative() || startTimeout.isZero()) {
			throw new InvalidJlwsPropertyException(PREFIX + ".start-timeout", startTimeout, "must be > 0");
		}
		if (!Daemon.isDaemon()) {
			logger.info("jlws.daemonize.enabled: relaunching as a daemon with lock file {}", lockFile);
		}
		this.daemonizer.daemonize(lockFile, startTimeout);
	}

	private static Path lockFile(String value) {
		if (!StringUtils.hasText(value)) {
			throw new InvalidJlwsPropertyException(PREFIX + ".lock-file", value,
					"must be set when jlws.daemonize.enabled is true (the daemon's pid lock file, lws _lock_path)");
		}
		try {
			return Path.of(value.trim()).toAbsolutePath();
		}
		catch (InvalidPathException ex) {
			throw new InvalidJlwsPropertyException(PREFIX + ".lock-file", value, "is not a valid path: "
					+ ex.getMessage(), ex);
		}
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	/** Turns the process into a daemon: {@link Daemon#daemonize(Path, Duration)}, replaceable in tests. */
	@FunctionalInterface
	interface Daemonizer {

		/**
		 * Daemonizes; returns only in the daemon.
		 * @param lockFile the pid lock file
		 * @param startTimeout how long the starting process waits for the daemon
		 */
		void daemonize(Path lockFile, Duration startTimeout);

	}

}
