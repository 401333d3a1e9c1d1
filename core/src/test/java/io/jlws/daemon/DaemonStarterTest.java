package io.jlws.daemon;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.jlws.daemon.DaemonStarter.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/** The starter's side with shell scripts standing in for the relaunched JVM: fast, and failures are easy to stage. */
class DaemonStarterTest {

	/** Does what the daemon JVM does: its pid, no newline, into the lock named by the marker; then runs. */
	private static final List<String> SHELL_DAEMON = List.of("sh", "-c",
			"printf %s $$ > \"${JLWS_DAEMON_CHILD#*:}\"; exec sleep 30");

	@TempDir
	Path dir;

	private Path lock;

	private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

	private final List<Long> pids = new ArrayList<>();

	@BeforeEach
	void setUp() {
		this.lock = this.dir.resolve("d.pid");
	}

	@AfterEach
	void killEverything() {
		this.pids.forEach((pid) -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
	}

	private DaemonStarter starter(Map<String, String> env, Path setsid, Supplier<List<String>> command) {
		return new DaemonStarter(env, new PrintStream(this.stderr, true, StandardCharsets.UTF_8), setsid, command);
	}

	private DaemonStarter starter(List<String> command) {
		return starter(Map.of(), DaemonStarter.SETSID, () -> command);
	}

	private String stderr() {
		return this.stderr.toString(StandardCharsets.UTF_8);
	}

	private long lockedPid() throws Exception {
		long pid = Long.parseLong(Files.readString(this.lock));
		this.pids.add(pid);
		return pid;
	}

	@Test
	void aRunningHolderStopsTheStartWithLwsMessage() throws Exception {
		Process holder = new ProcessBuilder("sleep", "30").start();
		this.pids.add(holder.pid());
		Files.writeString(this.lock, Long.toString(holder.pid()));
		DaemonStarter starter = starter(Map.of(), DaemonStarter.SETSID, () -> {
			throw new AssertionError("must not relaunch");
		});
		assertThat(starter.daemonize(this.lock, Duration.ofSeconds(5))).isEqualTo(Outcome.ALREADY_RUNNING);
		assertThat(stderr()).isEqualTo("Daemon already running pid " + holder.pid() + System.lineSeparator());
		assertThat(Files.readString(this.lock)).isEqualTo(Long.toString(holder.pid()));
	}

	@Test
	void theStarterSucceedsOnceTheChildHoldsTheLockInANewSessionWithoutStdio() throws Exception {
		assertThat(starter(SHELL_DAEMON).daemonize(this.lock, Duration.ofSeconds(10))).isEqualTo(Outcome.STARTED);
		long pid = lockedPid();
		assertThat(LockFile.isRunning(pid)).isTrue();
		assertThat(ProcStat.of(pid).session()).isEqualTo(pid).isNotEqualTo(ProcStat.of(ProcessHandle.current().pid())
			.session());
		assertThat(ProcStat.stdio(pid)).containsOnly("/dev/null");
		assertThat(stderr()).isEmpty();
	}

	@Test
	void aStaleLockIsReplaced() throws Exception {
		long dead = LockFileTest.deadPid();
		Files.writeString(this.lock, Long.toString(dead));
		assertThat(starter(SHELL_DAEMON).daemonize(this.lock, Duration.ofSeconds(10))).isEqualTo(Outcome.STARTED);
		assertThat(lockedPid()).isNotEqualTo(dead);
	}

	@Test
	void aChildThatDiesBeforeLockingFailsTheStart() {
		assertThat(starter(List.of("sh", "-c", "exit 3")).daemonize(this.lock, Duration.ofSeconds(10)))
			.isEqualTo(Outcome.FAILED);
		assertThat(stderr()).startsWith("Daemon exited with status 3 before taking lock file " + this.lock);
	}

	@Test
	void aChildThatNeverLocksIsStoppedAtTheTimeout() throws Exception {
		Path pidFile = this.dir.resolve("child");
		List<String> slow = List.of("sh", "-c", "printf %s $$ > " + pidFile + "; exec sleep 30");
		long start = System.nanoTime();
		assertThat(starter(slow).daemonize(this.lock, Duration.ofMillis(500))).isEqualTo(Outcome.FAILED);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		assertThat(stderr()).startsWith("Daemon did not take lock file " + this.lock + " within 500 ms; stopping it");
		long child = Long.parseLong(Files.readString(pidFile));
		this.pids.add(child);
		await().atMost(Duration.ofSeconds(5)).until(() -> !LockFile.isRunning(child));
		assertThat(this.lock).doesNotExist();
	}

	@Test
	void anInheritedMarkerFromAnotherParentDoesNotMakeADaemon() throws Exception {
		Map<String, String> env = Map.of(DaemonStarter.CHILD_ENV, "1:" + this.lock.toAbsolutePath());
		DaemonStarter starter = starter(env, DaemonStarter.SETSID, () -> SHELL_DAEMON);
		assertThat(starter.daemonize(this.lock, Duration.ofSeconds(10))).isEqualTo(Outcome.STARTED);
		assertThat(lockedPid()).isNotEqualTo(ProcessHandle.current().pid());
		assertThat(DaemonStarter.isDaemon()).isFalse();
	}

	@Test
	void aMissingSetsidIsAClearError() {
		DaemonStarter starter = starter(Map.of(), this.dir.resolve("no-setsid"), () -> SHELL_DAEMON);
		assertThatIllegalStateException().isThrownBy(() -> starter.daemonize(this.lock, Duration.ofSeconds(1)))
			.withMessageContaining("setsid (util-linux)")
			.withMessageContaining("no-setsid");
	}

	@Test
	void anUnwritableLockDirectoryFailsBeforeStarting() {
		Path nowhere = this.dir.resolve("missing/d.pid");
		DaemonStarter starter = starter(Map.of(), DaemonStarter.SETSID, () -> {
			throw new AssertionError("must not relaunch");
		});
		assertThat(starter.daemonize(nowhere, Duration.ofSeconds(1))).isEqualTo(Outcome.FAILED);
		assertThat(stderr()).contains("Cannot create lock file " + nowhere, "is not a writable directory");
	}

}
