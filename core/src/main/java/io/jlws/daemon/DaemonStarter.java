package io.jlws.daemon;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@link io.jlws.Daemon#daemonize} does, returning an {@link Outcome} instead of exiting so tests can run it.
 * <p>
 * The starting process checks the lock, relaunches the JVM under {@code setsid} with stdio on {@code /dev/null} and
 * a marker in the environment, and waits until the child's pid is in the lock file (lws' parent likewise waits for
 * the child's all-clear signal before exiting). The relaunched process recognises the marker, takes the lock and
 * carries on as the daemon.
 */
public final class DaemonStarter {

	/** The environment variable marking the relaunched JVM: {@code <starter pid>:<absolute lock path>}. */
	public static final String CHILD_ENV = "JLWS_DAEMON_CHILD";

	/** util-linux setsid, which starts the child as the leader of a new session, without a controlling tty. */
	public static final Path SETSID = Path.of("/usr/bin/setsid");

	private static final Logger log = LoggerFactory.getLogger("io.jlws");

	private static final File DEV_NULL = new File("/dev/null");

	private static final long POLL_MILLIS = 25;

	/** Locks this JVM holds as a daemon, so a second daemonize() in the daemon is a no-op. */
	private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

	/** How daemonize() ends in this process. */
	public enum Outcome {

		/** This is the daemon and holds the lock: return and run. */
		DAEMON,

		/** This is the starter and the daemon holds the lock: exit 0. */
		STARTED,

		/** Another running process holds the lock: exit 1. */
		ALREADY_RUNNING,

		/** The daemon could not be started or could not take the lock: exit 1. */
		FAILED

	}

	private final Map<String, String> env;

	private final PrintStream err;

	private final Path setsid;

	private final Supplier<List<String>> command;

	DaemonStarter(Map<String, String> env, PrintStream err, Path setsid, Supplier<List<String>> command) {
		this.env = env;
		this.err = err;
		this.setsid = setsid;
		this.command = command;
	}

	/** The starter for this JVM: real environment, stderr, {@link #SETSID} and {@link JvmCommandLine#current()}. */
	public static DaemonStarter system() {
		return new DaemonStarter(System.getenv(), System.err, SETSID, JvmCommandLine::current);
	}

	/** Whether this JVM took a lock as a daemon. */
	public static boolean isDaemon() {
		return !HELD.isEmpty();
	}

	/**
	 * Runs the starter or daemon side, whichever this process is.
	 * @throws IllegalStateException when the starter side finds no executable setsid
	 */
	public Outcome daemonize(Path lockFile, Duration startTimeout) {
		Path lock = lockFile.toAbsolutePath().normalize();
		if (HELD.contains(lock)) {
			return Outcome.DAEMON;
		}
		if (isRelaunchedFor(lock)) {
			return becomeDaemon(lock);
		}
		return start(lock, startTimeout);
	}

	/**
	 * The marker alone is not enough: the daemon's own child processes inherit it. Only the process the starter
	 * launched, whose parent is still that waiting starter, is the daemon.
	 */
	private boolean isRelaunchedFor(Path lock) {
		String marker = this.env.get(CHILD_ENV);
		int colon = (marker != null) ? marker.indexOf(':') : -1;
		if (colon <= 0 || !marker.substring(colon + 1).equals(lock.toString())) {
			return false;
		}
		long starter;
		try {
			starter = Long.parseLong(marker.substring(0, colon));
		}
		catch (NumberFormatException ex) {
			return false;
		}
		return ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L) == starter;
	}

	private Outcome becomeDaemon(Path lock) {
		long self = ProcessHandle.current().pid();
		try {
			LockFile.take(lock, self);
		}
		catch (LockFile.HeldException ex) {
			// Another starter's daemon won the race; our starter sees this and reports it.
			return Outcome.ALREADY_RUNNING;
		}
		catch (IOException ex) {
			// stderr is /dev/null by now; an application logging to a file or syslog still gets this
			log.error("daemon cannot take lock file {}: {}", lock, ex.toString());
			return Outcome.FAILED;
		}
		if (HELD.add(lock)) {
			// SIGTERM, SIGINT and SIGHUP run shutdown hooks; SIGKILL leaves a stale lock the next start replaces.
			Runtime.getRuntime()
				.addShutdownHook(new Thread(() -> LockFile.releaseIfOwned(lock, self), "jlws-daemon-lock"));
		}
		return Outcome.DAEMON;
	}

	private Outcome start(Path lock, Duration startTimeout) {
		long self = ProcessHandle.current().pid();
		try {
			LockFile.Status status = LockFile.inspect(lock);
			// Our own pid in the lock is a recycled pid (a container restarted with the same numbering): stale.
			if (status.kind() == LockFile.Kind.HELD && status.pid() != self) {
				this.err.println("Daemon already running pid " + status.pid());
				return Outcome.ALREADY_RUNNING;
			}
			if (status.kind() != LockFile.Kind.ABSENT) {
				LockFile.removeStale(lock, status);
			}
		}
		catch (IOException ex) {
			this.err.println("Cannot read lock file " + lock + ": " + ex);
			return Outcome.FAILED;
		}
		// Checked here because the daemon's own failure would only reach /dev/null.
		Path dir = lock.getParent();
		if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
			this.err.println("Cannot create lock file " + lock + ": " + dir + " is not a writable directory");
			return Outcome.FAILED;
		}
		if (!Files.isExecutable(this.setsid)) {
			throw new IllegalStateException("Daemon.daemonize() relaunches the JVM in a new session with setsid "
					+ "(util-linux), but " + this.setsid + " is not an executable file");
		}
		List<String> command = new ArrayList<>();
		command.add(this.setsid.toString());
		command.addAll(this.command.get());
		ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(DEV_NULL))
			.redirectOutput(ProcessBuilder.Redirect.to(DEV_NULL))
			.redirectError(ProcessBuilder.Redirect.to(DEV_NULL));
		builder.environment().put(CHILD_ENV, self + ":" + lock);
		Process child;
		try {
			child = builder.start();
		}
		catch (IOException ex) {
			this.err.println("Cannot start the daemon: " + ex.getMessage());
			return Outcome.FAILED;
		}
		return awaitLock(lock, child, startTimeout);
	}

	/** Waits for the child's pid in the lock: a real wait on another process, hence the bounded poll. */
	private Outcome awaitLock(Path lock, Process child, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		try {
			while (true) {
				boolean exited = !child.isAlive();
				LockFile.Status status = LockFile.inspect(lock);
				if (status.kind() == LockFile.Kind.HELD) {
					// If setsid had to fork (it does when already a group leader) the daemon is its child, with
					// another pid, and setsid itself exits 0 at once.
					if (status.pid() == child.pid() || (exited && child.exitValue() == 0)) {
						return Outcome.STARTED;
					}
					if (exited) {
						this.err.println("Daemon already running pid " + status.pid());
						return Outcome.ALREADY_RUNNING;
					}
				}
				if (exited && child.exitValue() != 0) {
					this.err.println("Daemon exited with status " + child.exitValue() + " before taking lock file "
							+ lock);
					return Outcome.FAILED;
				}
				if (System.nanoTime() - deadline >= 0) {
					this.err.println("Daemon did not take lock file " + lock + " within " + timeout.toMillis()
							+ " ms; stopping it");
					stop(child);
					return Outcome.FAILED;
				}
				Thread.sleep(POLL_MILLIS);
			}
		}
		catch (IOException ex) {
			this.err.println("Cannot read lock file " + lock + ": " + ex);
			stop(child);
			return Outcome.FAILED;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.err.println("Interrupted while waiting for the daemon; stopping it");
			stop(child);
			return Outcome.FAILED;
		}
	}

	/** Reported as failed, so it must not linger: SIGTERM, then SIGKILL. */
	private static void stop(Process child) {
		child.destroy();
		try {
			if (!child.waitFor(2, TimeUnit.SECONDS)) {
				child.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			child.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

}
