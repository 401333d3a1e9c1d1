package io.jlws.daemon;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Real JVMs: {@link DaemonTestMain} started the way a user starts a daemonizing program. */
class DaemonProcessTest {

	private static final Duration LAUNCH = Duration.ofSeconds(40);

	@TempDir
	Path dir;

	private Path lock;

	private int port;

	private final List<Process> launchers = new ArrayList<>();

	private final List<Long> daemons = new ArrayList<>();

	@BeforeEach
	void setUp() throws IOException {
		// A space in the argument proves the relaunch keeps the argv exactly.
		this.lock = Files.createDirectories(this.dir.resolve("with space")).resolve("daemon.pid");
		this.port = freePort();
	}

	@AfterEach
	void killEverything() throws Exception {
		this.launchers.forEach(Process::destroyForcibly);
		if (Files.exists(this.lock)) {
			this.daemons.add(Long.parseLong(Files.readString(this.lock).trim()));
		}
		for (long pid : this.daemons) {
			ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
		}
		for (long pid : this.daemons) {
			try {
				await().atMost(Duration.ofSeconds(10)).until(() -> !LockFile.isRunning(pid));
			}
			finally {
				ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
			}
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return s.getLocalPort();
		}
	}

	/** Runs the starter and waits for it to exit; stdout and stderr go to files next to the lock. */
	private Launch launch(String name, String... extra) throws Exception {
		List<String> command = new ArrayList<>(List.of(JvmCommandLine.javaExecutable(), "-cp",
				System.getProperty("java.class.path"), DaemonTestMain.class.getName(), this.lock.toString(),
				Integer.toString(this.port)));
		command.addAll(List.of(extra));
		Path out = this.dir.resolve(name + ".out");
		Path err = this.dir.resolve(name + ".err");
		Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
		this.launchers.add(p);
		assertThat(p.waitFor(LAUNCH.toSeconds(), TimeUnit.SECONDS)).as("starter exits").isTrue();
		Launch launch = new Launch(p.exitValue(), Files.readString(out), Files.readString(err));
		if (Files.exists(this.lock)) {
			this.daemons.add(Long.parseLong(Files.readString(this.lock).trim()));
		}
		return launch;
	}

	record Launch(int status, String stdout, String stderr) {
	}

	@Test
	void theDaemonRunsHeadlessInItsOwnSessionServesAndStopsOnSigterm() throws Exception {
		try (DatagramSocket syslog = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
			syslog.setSoTimeout(10_000);
			Launch started = launch("first", Integer.toString(syslog.getLocalPort()));
			assertThat(started.status()).as(started.toString()).isZero();
			assertThat(started.stderr()).isEmpty();

			String content = Files.readString(this.lock);
			assertThat(content).matches("[1-9][0-9]*");
			long pid = Long.parseLong(content);
			assertThat(Files.getPosixFilePermissions(this.lock)).isEqualTo(LockFile.MODE);
			assertThat(LockFile.isRunning(pid)).isTrue();
			assertThat(pid).isNotEqualTo(this.launchers.get(0).pid());
			ProcStat stat = ProcStat.of(pid);
			assertThat(stat.session()).isEqualTo(pid).isNotEqualTo(ProcStat.of(ProcessHandle.current().pid()).session());
			assertThat(stat.pgrp()).isEqualTo(pid);
			assertThat(ProcStat.stdio(pid)).containsExactly("/dev/null", "/dev/null", "/dev/null");

			// Its log goes to syslog since stdio is gone: the startup notice, then the test main's USER line.
			String notice = receive(syslog);
			assertThat(notice).startsWith("<13>").contains(" jlws[" + pid + "]: max connections ");
			assertThat(receive(syslog)).startsWith("<15>").endsWith("daemon " + pid + " serving, isDaemon=true");

			assertThat(echo("hello daemon")).isEqualTo("hello daemon");

			Launch second = launch("second");
			assertThat(second.status()).isEqualTo(1);
			assertThat(second.stderr()).contains("Daemon already running pid " + pid);
			assertThat(Files.readString(this.lock)).isEqualTo(content);

			ProcessHandle.of(pid).orElseThrow().destroy();
			await().atMost(Duration.ofSeconds(15)).until(() -> !Files.exists(this.lock) && !LockFile.isRunning(pid));
			assertThat(accepts()).isFalse();
		}
	}

	@Test
	void aStaleLockFromADeadDaemonIsReplaced() throws Exception {
		long dead = LockFileTest.deadPid();
		Files.writeString(this.lock, Long.toString(dead));
		Launch started = launch("stale");
		assertThat(started.status()).as(started.toString()).isZero();
		// The starter's NOTICE, through the test classpath's logback console appender.
		assertThat(started.stdout()).contains("stale lock file " + this.lock + " (pid " + dead + " not running) replaced");
		long pid = Long.parseLong(Files.readString(this.lock));
		assertThat(pid).isNotEqualTo(dead);
		assertThat(LockFile.isRunning(pid)).isTrue();
		await().atMost(Duration.ofSeconds(10)).until(this::accepts);
	}

	private static String receive(DatagramSocket socket) throws IOException {
		byte[] buf = new byte[4096];
		DatagramPacket packet = new DatagramPacket(buf, buf.length);
		socket.receive(packet);
		return new String(buf, 0, packet.getLength(), StandardCharsets.UTF_8);
	}

	private boolean accepts() {
		try (Socket s = new Socket()) {
			s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port), 1000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private String echo(String text) throws Exception {
		CompletableFuture<String> reply = new CompletableFuture<>();
		StringBuilder message = new StringBuilder();
		WebSocket.Listener listener = new WebSocket.Listener() {
			@Override
			public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
				message.append(data);
				if (last) {
					reply.complete(message.toString());
				}
				ws.request(1);
				return null;
			}
		};
		HttpClient http = HttpClient.newHttpClient();
		WebSocket ws = http.newWebSocketBuilder()
			.subprotocols("echo")
			.buildAsync(URI.create("ws://127.0.0.1:" + this.port + "/"), listener)
			.get(10, TimeUnit.SECONDS);
		assertThat(ws.getSubprotocol()).isEqualTo("echo");
		ws.sendText(text, true).get(5, TimeUnit.SECONDS);
		String result = reply.get(10, TimeUnit.SECONDS);
		ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
		return result;
	}

}
