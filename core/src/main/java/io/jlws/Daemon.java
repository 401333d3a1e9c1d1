package io.jlws;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

import io.jlws.daemon.DaemonStarter;

/**
 * Turns the application into a headless background process guarded by a pid lock file: libwebsockets'
 * {@code lws_daemonize}. Call it first thing in {@code main}:
 *
 * <pre>{@code
 * public static void main(String[] args) throws IOException {
 *     Daemon.daemonize(Path.of("/run/myapp.pid"));
 *     // only the daemon gets here
 *     Context context = Context.create(info);
 *     Runtime.getRuntime().addShutdownHook(new Thread(context::stop));
 *     context.start();
 * }
 * }</pre>
 *
 * <b>A relaunch, not a fork.</b> A JVM cannot fork or call {@code setsid}, so the starting process runs the same
 * command line again (the same java, JVM options, class path or jar, and program arguments, in the same working
 * directory and environment) under util-linux {@code setsid}, which makes it the leader of a new session with no
 * controlling terminal, with stdin, stdout and stderr on {@code /dev/null}. Consequences:
 * <ul>
 * <li>Nothing the program did before {@code daemonize()} carries over; the daemon starts {@code main} afresh. Hence
 * "first thing": work done earlier is done twice, and sockets bound earlier would clash.</li>
 * <li>For a short while both JVMs live, so a JVM option that binds a fixed port (a JDWP agent, a JMX port) makes the
 * daemon fail to start.</li>
 * <li>The daemon's output is discarded, as in lws: log through something else, e.g.
 * {@link io.jlws.log.SyslogEmitter} or an SLF4J file appender. {@code System.out} writes are harmless.</li>
 * <li>The relaunched JVM is recognised by the environment variable {@value DaemonStarter#CHILD_ENV} together with its
 * parent being the starter, so programs the daemon runs are not mistaken for it.</li>
 * <li>The daemon keeps the starter's working directory, so relative paths (class path, lock file) still resolve;
 * lws changes nothing there either.</li>
 * </ul>
 * <b>The starting process</b> never returns from {@code daemonize()}. If the lock file names a running process it
 * prints {@code Daemon already running pid N} to stderr and exits 1. A stale lock (the pid is not running, or the
 * content is no pid) is removed with a NOTICE line. It then starts the daemon and waits, at most the start timeout,
 * until the lock holds the daemon's pid: then it exits 0; if the daemon died first or the time ran out (the daemon is
 * then stopped) it prints why to stderr and exits 1.
 * <p>
 * <b>The daemon</b> writes its pid in decimal, without newline, to the lock file with mode 0640, published atomically
 * so that of two racing starts only one daemon survives, and returns. A shutdown hook removes the lock if it still
 * holds the daemon's pid, so {@code kill -TERM} (or SIGINT, SIGHUP) stops it cleanly together with the
 * application's own hooks, e.g. one calling {@link Context#stop()} or Spring's graceful shutdown. After SIGKILL the
 * lock stays behind and is replaced as stale by the next start. Calling {@code daemonize()} again in the daemon does
 * nothing.
 * <p>
 * Linux only, like the setsid it relies on ({@code /usr/bin/setsid}).
 */
public final class Daemon {

	/** How long the starting process waits for the daemon to take the lock by default. */
	public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(10);

	private Daemon() {
	}

	/**
	 * Daemonizes with {@link #DEFAULT_START_TIMEOUT}. See the class description.
	 * @param lockFile the pid lock file (lws {@code _lock_path}); its directory must be writable
	 * @throws IllegalStateException in the starting process, when {@code /usr/bin/setsid} is missing
	 */
	public static void daemonize(Path lockFile) {
		daemonize(lockFile, DEFAULT_START_TIMEOUT);
	}

	/**
	 * Daemonizes: in the starting process this ends the JVM ({@code System.exit} 0 when the daemon runs, 1
	 * otherwise); in the daemon it returns once the lock is held.
	 * @param lockFile the pid lock file (lws {@code _lock_path}); its directory must be writable
	 * @param startTimeout how long the starting process waits for the daemon to hold the lock
	 * @throws IllegalStateException in the starting process, when {@code /usr/bin/setsid} is missing
	 */
	public static void daemonize(Path lockFile, Duration startTimeout) {
		Objects.requireNonNull(lockFile, "lockFile");
		Objects.requireNonNull(startTimeout, "startTimeout");
		switch (DaemonStarter.system().daemonize(lockFile, startTimeout)) {
			case DAEMON -> {
				// continue as the daemon
			}
			case STARTED -> System.exit(0);
			case ALREADY_RUNNING, FAILED -> System.exit(1);
		}
	}

	/** Whether this JVM is the daemon, i.e. {@link #daemonize} returned here holding the lock. */
	public static boolean isDaemon() {
		return DaemonStarter.isDaemon();
	}

}
