package io.jlws.daemon;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class LockFileTest {

	private static final long SELF = ProcessHandle.current().pid();

	@TempDir
	Path dir;

	private Path lock;

	private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

	private final List<Process> processes = new ArrayList<>();

	@BeforeEach
	void setUp() {
		this.lock = this.dir.resolve("app.pid");
		this.logged.start();
		((Logger) LoggerFactory.getLogger("io.jlws")).addAppender(this.logged);
	}

	@AfterEach
	void tearDown() {
		((Logger) LoggerFactory.getLogger("io.jlws")).detachAppender(this.logged);
		this.processes.forEach(Process::destroyForcibly);
	}

	static long deadPid() throws Exception {
		Process p = new ProcessBuilder("true").start();
		p.waitFor();
		return p.pid();
	}

	private long runningPid() throws Exception {
		Process p = new ProcessBuilder("sleep", "30").start();
		this.processes.add(p);
		return p.pid();
	}

	@Test
	void takeWritesThePidInDecimalWithoutNewlineAndMode0640() throws Exception {
		LockFile.take(this.lock, SELF);
		assertThat(Files.readString(this.lock)).isEqualTo(Long.toString(SELF));
		assertThat(Files.getPosixFilePermissions(this.lock)).isEqualTo(LockFile.MODE);
		assertThat(LockFile.inspect(this.lock)).isEqualTo(new LockFile.Status(LockFile.Kind.HELD, SELF,
				Long.toString(SELF)));
		try (var leftovers = Files.list(this.dir)) {
			assertThat(leftovers).containsExactly(this.lock);
		}
	}

	@Test
	void takingAgainWithTheSamePidIsANoOp() throws Exception {
		LockFile.take(this.lock, SELF);
		LockFile.take(this.lock, SELF);
		assertThat(Files.readString(this.lock)).isEqualTo(Long.toString(SELF));
	}

	@Test
	void aRunningHolderIsNotReplaced() throws Exception {
		long holder = runningPid();
		Files.writeString(this.lock, holder + "\n");
		assertThatThrownBy(() -> LockFile.take(this.lock, SELF)).isInstanceOfSatisfying(LockFile.HeldException.class,
				(ex) -> assertThat(ex.pid()).isEqualTo(holder))
			.hasMessageContaining("Daemon already running pid " + holder);
		assertThat(Files.readString(this.lock)).isEqualTo(holder + "\n");
	}

	@Test
	void aDeadPidIsStaleAndReplacedWithANotice() throws Exception {
		long dead = deadPid();
		Files.writeString(this.lock, Long.toString(dead));
		assertThat(LockFile.inspect(this.lock).kind()).isEqualTo(LockFile.Kind.STALE);
		LockFile.take(this.lock, SELF);
		assertThat(Files.readString(this.lock)).isEqualTo(Long.toString(SELF));
		assertThat(this.logged.list).singleElement().satisfies((event) -> {
			assertThat(event.getLevel().toString()).isEqualTo("INFO");
			assertThat(event.getFormattedMessage())
				.isEqualTo("stale lock file " + this.lock + " (pid " + dead + " not running) replaced");
		});
	}

	@Test
	void unparsableContentIsStale() throws Exception {
		for (String junk : new String[] { "", "garbage\n", "-5", "0", "99999999999999999999" }) {
			Files.writeString(this.lock, junk);
			assertThat(LockFile.inspect(this.lock)).as(junk).extracting(LockFile.Status::kind, LockFile.Status::pid)
				.containsExactly(LockFile.Kind.STALE, -1L);
		}
		LockFile.take(this.lock, SELF);
		assertThat(this.logged.list.get(0).getFormattedMessage()).contains("unparsable content '99999999999999999999'");
	}

	@Test
	void aZombieIsNotRunning() throws Exception {
		// sh backgrounds a short sleep, then execs a long one that never reaps it: the short one turns zombie.
		Process parent = new ProcessBuilder("sh", "-c", "sleep 0 & echo $!; exec sleep 30").start();
		this.processes.add(parent);
		long zombie = Long.parseLong(parent.inputReader(StandardCharsets.US_ASCII).readLine());
		await().atMost(Duration.ofSeconds(5)).until(() -> Files.readString(Path.of("/proc/" + zombie + "/stat"))
			.contains(") Z "));
		assertThat(LockFile.isRunning(zombie)).isFalse();
		assertThat(LockFile.isRunning(parent.pid())).isTrue();
	}

	@Test
	void releaseRemovesOnlyOurOwnLock() throws Exception {
		long other = runningPid();
		Files.writeString(this.lock, Long.toString(other));
		assertThat(LockFile.releaseIfOwned(this.lock, SELF)).isFalse();
		assertThat(this.lock).exists();
		Files.writeString(this.lock, Long.toString(SELF));
		assertThat(LockFile.releaseIfOwned(this.lock, SELF)).isTrue();
		assertThat(this.lock).doesNotExist();
		assertThat(LockFile.releaseIfOwned(this.lock, SELF)).isFalse();
	}

	@Test
	void ofTwoRacingTakersExactlyOneWins() throws Exception {
		long other = runningPid();
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			for (int round = 0; round < 30; round++) {
				Files.deleteIfExists(this.lock);
				List<Future<Boolean>> results = new ArrayList<>();
				for (long pid : new long[] { SELF, other }) {
					Callable<Boolean> take = () -> {
						try {
							LockFile.take(this.lock, pid);
							return true;
						}
						catch (LockFile.HeldException ex) {
							return false;
						}
					};
					results.add(pool.submit(take));
				}
				boolean first = results.get(0).get();
				boolean second = results.get(1).get();
				assertThat(first ^ second).as("round %d", round).isTrue();
				assertThat(Files.readString(this.lock)).isEqualTo(Long.toString(first ? SELF : other));
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

}
