package io.jlws.sample.extpoll;

import java.net.ConnectException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.jlws.ContextInfo;
import io.jlws.Limits;
import io.jlws.sample.support.JlwsTestClient;
import io.jlws.sample.support.JlwsTestClient.Message;
import io.jlws.sample.support.JlwsTestClient.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The external poll server in-process: its loop on a thread of the test, on ephemeral loopback ports, with the
 * settings {@code --sample.extpoll=true --jlws.port=0 --jlws.address=127.0.0.1} would give it (so the limits of
 * {@code application.yml}). Every protocol and the UDP echo are served by that one thread.
 */
@Timeout(60)
class ExtPollServerTests {

	private static final String LOOP_THREAD = "extpoll-test-loop";

	private ExtPollServer server;

	private Thread loop;

	private final CompletableFuture<Void> loopEnded = new CompletableFuture<>();

	private JlwsTestClient client;

	@BeforeEach
	void start() throws Exception {
		CompletableFuture<ExtPollServer> created = new CompletableFuture<>();
		this.loop = new Thread(() -> {
			try {
				// created and run on the same thread, as main does
				ExtPollServer s = ExtPollServer.create(settings(), new InetSocketAddress("127.0.0.1", 0));
				created.complete(s);
				s.run();
				this.loopEnded.complete(null);
			}
			catch (Throwable ex) {
				created.completeExceptionally(ex);
				this.loopEnded.completeExceptionally(ex);
			}
		}, LOOP_THREAD);
		this.loop.start();
		this.server = created.get(20, TimeUnit.SECONDS);
		this.client = new JlwsTestClient();
	}

	private static ContextInfo.Builder settings() {
		return ExtPollMain.settings(ExtPollMain.environment(
				new String[] { "--sample.extpoll=true", "--jlws.port=0", "--jlws.address=127.0.0.1" }, true));
	}

	@AfterEach
	void stop() throws Exception {
		if (this.client != null) {
			this.client.close();
		}
		if (this.server != null) {
			this.server.stop();
		}
		this.loopEnded.get(20, TimeUnit.SECONDS); // rethrows what the loop failed with
		this.loop.join(5_000);
		assertThat(this.loop.isAlive()).as("the loop thread ended").isFalse();
	}

	@Test
	void theSettingsComeFromApplicationYmlAndTheCommandLine() {
		Limits limits = this.server.context().info().limits();
		assertThat(limits.maxFrameSize()).isEqualTo(20L * 1024 * 1024);
		assertThat(limits.maxMessageSize()).isEqualTo(20L * 1024 * 1024);
		assertThat(this.server.context().info().externalPoll()).isTrue();
		assertThat(this.server.context().info().address()).isEqualTo("127.0.0.1");
		assertThat(this.server.port()).isPositive();
		assertThat(this.server.context().info().protocols()).extracting(io.jlws.Protocol::name)
			.containsExactly("http-only", "dumb-increment-protocol", "lws-mirror-protocol", "lws-status", "echo",
					"fraggle-protocol");
	}

	@Test
	void echoesTextAndALargeBinaryMessage() {
		Session session = this.client.connect(this.server.port(), "/", "echo");
		assertThat(session.awaitEstablished()).isEqualTo("echo");
		session.sendText("hello from the external poll loop");
		assertThat(session.nextMessage().text()).isEqualTo("hello from the external poll loop");
		// 8 MiB outgrows the socket buffers: jlws asks the loop for OP_WRITE (SET_MODE_POLL_FD) and drops it again
		byte[] big = new byte[8 * 1024 * 1024];
		new Random(42).nextBytes(big);
		session.sendBinary(big);
		Message echoed = session.nextMessage();
		assertThat(echoed.binary()).isTrue();
		assertThat(echoed.length()).isEqualTo(big.length);
		assertThat(echoed.data()).isEqualTo(big);
	}

	@Test
	void theEchoPathSelectsEchoWithoutASubprotocol() {
		Session session = this.client.connect(this.server.port(), "/echo");
		session.awaitEstablished();
		session.sendText("by path");
		assertThat(session.nextMessage().text()).isEqualTo("by path");
	}

	@Test
	void dumbIncrementNumbersArriveSoTimersRunThroughServicePending() {
		Session session = this.client.connect(this.server.port(), "/", "dumb-increment-protocol");
		assertThat(session.awaitEstablished()).isEqualTo("dumb-increment-protocol");
		long start = System.nanoTime();
		List<String> numbers = new ArrayList<>();
		for (int i = 0; i <= 10; i++) {
			numbers.add(session.nextMessage().text());
		}
		long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
		assertThat(numbers).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
		// every 50 ms: the loop sleeps no longer than adjustTimeout() allows
		assertThat(elapsedMillis).isBetween(400L, 5_000L);
	}

	@Test
	void fraggleAndStatusAndMirrorAreServedToo() {
		Session fraggle = this.client.connect(this.server.port(), "/", "fraggle-protocol");
		fraggle.awaitEstablished();
		Message message = fraggle.nextMessage();
		Message sum = fraggle.nextMessage();
		int expected = 0;
		for (byte b : message.data()) {
			expected += b & 0xff;
		}
		assertThat(ByteBuffer.wrap(sum.data()).getInt()).isEqualTo(expected);

		Session status = this.client.connect(this.server.port(), "/", "lws-status");
		status.awaitEstablished();
		assertThat(status.nextMessage().text()).startsWith("{\"clients\":[");

		Session mirror = this.client.connect(this.server.port(), "/?mirror=extpoll", "lws-mirror-protocol");
		mirror.awaitEstablished();
		mirror.sendText("d #000000 10 10 20 20;");
		assertThat(mirror.nextMessage().text()).isEqualTo("d #000000 10 10 20 20;");
	}

	@Test
	void servesTheTestPageOverHttp() throws Exception {
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(10))
			.build();
		HttpResponse<String> page = http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.server.port() + "/"))
					.timeout(Duration.ofSeconds(10))
					.build(),
				BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/html"));
		assertThat(page.body()).contains("<script src=\"app.js\">");
		HttpResponse<String> missing = http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.server.port() + "/nothing-here"))
					.timeout(Duration.ofSeconds(10))
					.build(),
				BodyHandlers.ofString());
		assertThat(missing.statusCode()).isEqualTo(404);
	}

	@Test
	void theUnrelatedUdpChannelIsServicedByTheSameThread() throws Exception {
		try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
			udp.setSoTimeout(10_000);
			for (String text : List.of("ping", "pong", "hello, loop")) {
				byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
				udp.send(new DatagramPacket(bytes, bytes.length, this.server.udpAddress()));
				DatagramPacket reply = new DatagramPacket(new byte[1024], 1024);
				udp.receive(reply);
				assertThat(new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8)).isEqualTo(text);
				assertThat(reply.getSocketAddress()).isEqualTo(this.server.udpAddress());
			}
		}
		assertThat(this.server.datagramsEchoed()).isEqualTo(3);
		// work queued from another thread runs on the loop thread, through servicePending()
		CompletableFuture<String> thread = new CompletableFuture<>();
		assertThat(this.server.context().execute(() -> thread.complete(Thread.currentThread().getName()))).isTrue();
		assertThat(thread.get(10, TimeUnit.SECONDS)).isEqualTo(LOOP_THREAD);
	}

	@Test
	void stopFromAnotherThreadClosesTheWebSocketsAndEndsTheLoopAndReleasesThePorts() throws Exception {
		int port = this.server.port();
		InetSocketAddress udpAddress = this.server.udpAddress();
		Session session = this.client.connect(port, "/", "dumb-increment-protocol");
		session.awaitEstablished();
		session.nextMessage();
		assertThat(this.server.isRunning()).isTrue();

		this.server.stop();

		assertThat(session.awaitClosed().status()).as("going away").isEqualTo(1001);
		this.loopEnded.get(20, TimeUnit.SECONDS);
		this.loop.join(10_000);
		assertThat(this.loop.isAlive()).isFalse();
		assertThat(this.server.isRunning()).isFalse();
		assertThat(this.server.awaitTermination(Duration.ZERO)).isTrue();
		assertThat(this.server.context().isRunning()).isFalse();
		assertThat(this.server.loopTurns()).isPositive();
		assertThatExceptionOfType(ConnectException.class).as("the listener is closed").isThrownBy(() -> {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
			}
		});
		// the UDP echo is gone: nothing answers, and its port can be bound again
		try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
			udp.setSoTimeout(500);
			udp.send(new DatagramPacket(new byte[] { 1 }, 1, udpAddress));
			assertThat(catchThrowable(() -> udp.receive(new DatagramPacket(new byte[16], 16))))
				.isInstanceOfAny(SocketTimeoutException.class, PortUnreachableException.class);
		}
		try (DatagramSocket rebound = new DatagramSocket(udpAddress)) {
			assertThat(rebound.getLocalPort()).isEqualTo(udpAddress.getPort());
		}
		// a second stop is harmless
		this.server.stop();
	}

	@Test
	void closeReleasesAServerWhoseLoopNeverRan() throws Exception {
		ExtPollServer idle = ExtPollServer.create(settings(), new InetSocketAddress("127.0.0.1", 0));
		int port = idle.port();
		idle.close();
		assertThat(idle.context().isRunning()).isFalse();
		assertThat(idle.awaitTermination(Duration.ZERO)).isTrue();
		try (java.net.ServerSocket rebound = new java.net.ServerSocket()) {
			rebound.bind(new InetSocketAddress("127.0.0.1", port));
		}
		try (DatagramSocket rebound = new DatagramSocket(idle.udpAddress())) {
			assertThat(rebound.getLocalPort()).isEqualTo(idle.udpAddress().getPort());
		}
	}

	@Test
	void aStopRequestedBeforeTheLoopRunsIsCarriedOutByTheLoopThread() throws Exception {
		ExtPollServer early = ExtPollServer.create(settings(), new InetSocketAddress("127.0.0.1", 0));
		// from this thread, before any thread has serviced the context
		early.stop();
		CompletableFuture<Void> ran = CompletableFuture.runAsync(() -> {
			try {
				early.run();
			}
			catch (java.io.IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		});
		ran.get(20, TimeUnit.SECONDS);
		assertThat(early.context().isRunning()).isFalse();
		assertThat(early.awaitTermination(Duration.ZERO)).isTrue();
	}

}
