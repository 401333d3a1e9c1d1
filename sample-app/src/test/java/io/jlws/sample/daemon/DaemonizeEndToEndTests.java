package io.jlws.sample.daemon;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.jlws.sample.SampleApplication;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code jlws.daemonize.*} for real: the sample app started in a child JVM (this JVM's java and class path, so it
 * runs the code under test without a packaged jar) with {@code --jlws.daemonize.enabled=true
 * --jlws.daemonize.lock-file=...}. The starting JVM relaunches itself detached under setsid before the application
 * context starts and exits 0 once the daemon holds the lock; the daemon, named by the pid in the lock file, serves the
 * echo protocol on {@code jlws.port}; SIGTERM to it ({@link ProcessHandle#destroy()}) stops it and removes the lock. A
 * second start while it runs exits 1. The daemon's output is discarded, so it logs to a file
 * ({@code logging.file.name}) that failures print. Every process is killed in {@code finally}.
 */
@Timeout(180)
class DaemonizeEndToEndTests {

	private static final Duration START = Duration.ofSeconds(60);

	@TempDir
	Path dir;

	@Test
	void daemonServesThenStopsOnSigtermRemovingTheLock() throws Exception {
		Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/setsid")), "util-linux setsid (Linux only)");
		Path lock = this.dir.resolve("sample.pid");
		Path daemonLog = this.dir.resolve("daemon.log");
		int port = freePort();
		Process starter = null;
		Process second = null;
		ProcessHandle daemon = null;
		try {
			starter = start(lock, daemonLog, port, "starter.log");
			assertThat(starter.waitFor(START.toSeconds(), TimeUnit.SECONDS))
				.as("the starting JVM exits once the daemon holds the lock; %s", logs("starter.log", daemonLog))
				.isTrue();
			assertThat(starter.exitValue()).as(logs("starter.log", daemonLog)).isZero();

			assertThat(lock).exists();
			long pid = Long.parseLong(Files.readString(lock, StandardCharsets.US_ASCII).trim());
			Optional<ProcessHandle> handle = ProcessHandle.of(pid);
			assertThat(handle).as("the daemon named by the lock; %s", logs("starter.log", daemonLog)).isPresent();
			daemon = handle.get();
			assertThat(daemon.isAlive()).isTrue();
			assertThat(pid).isNotEqualTo(starter.pid()).isNotEqualTo(ProcessHandle.current().pid());

			ProcessHandle running = daemon;
			// the daemon took the lock before its application context started: wait for the listener
			await().atMost(START)
				.pollInterval(Duration.ofMillis(200))
				.ignoreExceptions()
				.untilAsserted(() -> assertThat(echo(port, "hello daemon"))
					.as("echo from the daemon (alive: %s); %s", running.isAlive(), logs("starter.log", daemonLog))
					.isEqualTo("hello daemon"));

			second = start(lock, this.dir.resolve("second-daemon.log"), freePort(), "second.log");
			assertThat(second.waitFor(START.toSeconds(), TimeUnit.SECONDS)).isTrue();
			assertThat(second.exitValue()).as(logs("second.log", daemonLog)).isEqualTo(1);
			assertThat(Files.readString(this.dir.resolve("second.log"))).contains("Daemon already running pid " + pid);
			assertThat(Files.readString(lock, StandardCharsets.US_ASCII).trim()).isEqualTo(Long.toString(pid));

			assertThat(daemon.destroy()).as("SIGTERM sent").isTrue();
			assertThat(daemon.onExit().completeOnTimeout(null, 30, TimeUnit.SECONDS).join())
				.as("the daemon stops on SIGTERM; %s", logs("starter.log", daemonLog))
				.isNotNull();
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(lock).doesNotExist());
		}
		finally {
			kill(starter);
			kill(second);
			if (daemon != null && daemon.isAlive()) {
				daemon.destroyForcibly();
				daemon.onExit().completeOnTimeout(null, 10, TimeUnit.SECONDS).join();
			}
			// a daemon that was started but never named in the lock (a failed start) is the starter's child only
			// while the starter lives; the starter is gone by now, so look for it by the lock it would have taken
			killNamedIn(lock);
		}
	}

	private Process start(Path lock, Path daemonLog, int port, String logName) throws IOException {
		List<String> command = List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), SampleApplication.class.getName(),
				"--jlws.daemonize.enabled=true", "--jlws.daemonize.lock-file=" + lock, "--jlws.port=" + port,
				"--jlws.address=127.0.0.1", "--server.port=0", "--server.address=127.0.0.1",
				"--spring.lifecycle.timeout-per-shutdown-phase=2s", "--logging.file.name=" + daemonLog);
		return new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(this.dir.resolve(logName).toFile())
			.start();
	}

	/** Sends one text message to the echo protocol and returns what came back, or null. */
	private static String echo(int port, String text) throws Exception {
		BlockingQueue<String> received = new LinkedBlockingQueue<>();
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		WebSocket ws = http.newWebSocketBuilder()
			.buildAsync(URI.create("ws://127.0.0.1:" + port + "/echo"), new WebSocket.Listener() {

				@Override
				public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
					received.add(data.toString());
					return null;
				}

			})
			.get(5, TimeUnit.SECONDS);
		try {
			ws.sendText(text, true).get(5, TimeUnit.SECONDS);
			return received.poll(5, TimeUnit.SECONDS);
		}
		finally {
			ws.abort();
		}
	}

	private String logs(String starterLog, Path daemonLog) {
		return "starter output:\n" + read(this.dir.resolve(starterLog)) + "\ndaemon log:\n" + read(daemonLog);
	}

	private static String read(Path file) {
		try {
			return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "(none)";
		}
		catch (IOException ex) {
			return "(unreadable: " + ex + ")";
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static void kill(Process process) throws InterruptedException {
		if (process != null && process.isAlive()) {
			process.destroyForcibly();
			process.waitFor(10, TimeUnit.SECONDS);
		}
	}

	private static void killNamedIn(Path lock) {
		try {
			if (Files.exists(lock)) {
				long pid = Long.parseLong(Files.readString(lock, StandardCharsets.US_ASCII).trim());
				// only our own daemon: the pid of a dead one may have been reused
				ProcessHandle.of(pid)
					.filter((process) -> process.info().commandLine().orElse("").contains(lock.toString()))
					.ifPresent((process) -> {
						process.destroyForcibly();
						process.onExit().completeOnTimeout(null, 10, TimeUnit.SECONDS).join();
					});
			}
		}
		catch (IOException | NumberFormatException ex) {
			// nothing to kill
		}
	}

}
