package io.jlws.sample.server;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.jlws.WriteType;
import io.jlws.sample.support.JlwsTestClient;
import io.jlws.sample.support.JlwsTestClient.Message;
import io.jlws.sample.support.JlwsTestClient.Session;
import io.jlws.sample.support.RawWebSocket;
import io.jlws.sample.support.RawWebSocket.Frame;
import io.jlws.sample.support.SampleAppTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code echo} with the sample's own settings (application.yml, nothing added): text and binary come back
 * unchanged and of the same type, fragmented input comes back as one message, and a 16 MiB binary message (the
 * Autobahn 9.x size the sample's limits are raised for) makes the round trip.
 */
@SampleAppTest
class EchoProtocolTests {

	@Value("${local.jlws.port}")
	private int port;

	@Autowired
	private EchoProtocol echo;

	private JlwsTestClient client;

	@BeforeEach
	void startClient() throws Exception {
		this.client = new JlwsTestClient();
	}

	@AfterEach
	void stopClient() {
		this.client.close();
	}

	private Session connect() {
		Session session = this.client.connect(this.port, "/", "echo");
		assertThat(session.awaitEstablished()).isEqualTo("echo");
		return session;
	}

	@Test
	void textAndBinaryComeBackUnchangedAndInOrder() {
		Session session = connect();
		byte[] binary = new byte[300];
		new Random(1).nextBytes(binary);
		session.sendText("hello, jlws");
		session.sendBinary(binary);
		session.sendText("grüße, 世界 🌍");
		session.sendText("");
		session.sendBinary(new byte[0]);

		Message m = session.nextMessage();
		assertThat(m.binary()).isFalse();
		assertThat(m.text()).isEqualTo("hello, jlws");
		m = session.nextMessage();
		assertThat(m.binary()).isTrue();
		assertThat(m.data()).isEqualTo(binary);
		m = session.nextMessage();
		assertThat(m.binary()).isFalse();
		assertThat(m.text()).isEqualTo("grüße, 世界 🌍");
		m = session.nextMessage();
		assertThat(m.binary()).isFalse();
		assertThat(m.length()).isZero();
		m = session.nextMessage();
		assertThat(m.binary()).isTrue();
		assertThat(m.length()).isZero();
	}

	@Test
	void sixteenMebibyteBinaryMessageWithTheDefaultSettings() {
		Session session = connect();
		byte[] big = new byte[16 * 1024 * 1024];
		new Random(16).nextBytes(big);
		session.sendBinary(big);
		Message echoed = session.nextMessage();
		assertThat(echoed.binary()).isTrue();
		assertThat(echoed.length()).isEqualTo(big.length);
		assertThat(echoed.data()).isEqualTo(big);
		// the connection is still usable afterwards
		session.sendText("after 16 MiB");
		assertThat(session.nextMessage().text()).isEqualTo("after 16 MiB");
	}

	@Test
	void fragmentedTextIsReassembledIntoOneMessage() throws Exception {
		try (RawWebSocket raw = RawWebSocket.open(this.port)) {
			assertThat(raw.upgrade("/", List.of("echo"), Map.of()).status()).isEqualTo(101);
			raw.sendFrame(false, RawWebSocket.TEXT, "Hel".getBytes(StandardCharsets.UTF_8));
			raw.sendFrame(false, RawWebSocket.CONTINUATION, "lo, wo".getBytes(StandardCharsets.UTF_8));
			// a control frame between fragments is legal and answered at once
			raw.sendFrame(true, RawWebSocket.PING, "ping".getBytes(StandardCharsets.UTF_8));
			raw.sendFrame(false, RawWebSocket.CONTINUATION, new byte[0]);
			raw.sendFrame(true, RawWebSocket.CONTINUATION, "rld".getBytes(StandardCharsets.UTF_8));
			Frame pong = raw.readFrame();
			assertThat(pong.opcode()).isEqualTo(RawWebSocket.PONG);
			assertThat(pong.text()).isEqualTo("ping");
			Frame echoed = raw.readFrame();
			assertThat(echoed.opcode()).isEqualTo(RawWebSocket.TEXT);
			assertThat(echoed.fin()).isTrue();
			assertThat(echoed.text()).isEqualTo("Hello, world");

			raw.sendFrame(true, RawWebSocket.CLOSE, new byte[] { 0x03, (byte) 0xe8 });
			Frame close = raw.readFrame();
			assertThat(close.opcode()).isEqualTo(RawWebSocket.CLOSE);
			assertThat(close.closeStatus()).isEqualTo(1000);
		}
	}

	@Test
	void fragmentedBinaryOverTheReceiveBufferIsReassembled() {
		Session session = connect();
		byte[] whole = new byte[3 * 100_000];
		new Random(3).nextBytes(whole);
		session.send(WriteType.BINARY, java.util.Arrays.copyOfRange(whole, 0, 100_000), false);
		session.send(WriteType.CONTINUATION, java.util.Arrays.copyOfRange(whole, 100_000, 200_000), false);
		session.send(WriteType.CONTINUATION, java.util.Arrays.copyOfRange(whole, 200_000, 300_000), true);
		Message echoed = session.nextMessage();
		assertThat(echoed.binary()).isTrue();
		assertThat(echoed.frames()).as("echoed as one frame").isOne();
		assertThat(echoed.data()).isEqualTo(whole);
	}

	/**
	 * A client that sends without reading: the echo pauses reading once it holds its budget, so what it holds stays
	 * under {@code MAX_HELD_BYTES} plus one message however much is sent, the sender stalls on TCP back-pressure,
	 * and once the client reads again every message comes back, in order.
	 */
	@Test
	void aClientThatNeverReadsCannotMakeTheEchoHoldMoreThanItsBudget() throws Exception {
		int size = 64 * 1024;
		int count = 512;
		try (RawWebSocket raw = RawWebSocket.open(this.port)) {
			assertThat(raw.upgrade("/", List.of("echo"), Map.of()).status()).isEqualTo(101);
			AtomicInteger sent = new AtomicInteger();
			CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
				try {
					for (int i = 0; i < count; i++) {
						raw.sendFrame(true, RawWebSocket.BINARY, payload(i, size));
						sent.incrementAndGet();
					}
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			});
			AtomicLong maxHeld = new AtomicLong();
			AtomicInteger lastSent = new AtomicInteger(-1);
			// stalled: no message sent between two polls (or all were sent, if the buffers took them all)
			await().pollInterval(Duration.ofMillis(300)).atMost(Duration.ofSeconds(30)).until(() -> {
				maxHeld.accumulateAndGet(this.echo.heldBytes(), Math::max);
				int now = sent.get();
				return now == count || now == lastSent.getAndSet(now);
			});
			assertThat(sent.get()).as("the sender stalled before sending everything").isLessThan(count);
			assertThat(maxHeld.get()).as("bytes the echo held")
				.isLessThanOrEqualTo(EchoProtocol.MAX_HELD_BYTES + size);
			for (int i = 0; i < count; i++) {
				Frame f = raw.readFrame();
				assertThat(f.opcode()).isEqualTo(RawWebSocket.BINARY);
				assertThat(f.payload()).as("echo %d", i).isEqualTo(payload(i, size));
				maxHeld.accumulateAndGet(this.echo.heldBytes(), Math::max);
			}
			sender.get(10, TimeUnit.SECONDS);
			assertThat(maxHeld.get()).isLessThanOrEqualTo(EchoProtocol.MAX_HELD_BYTES + size);
			raw.sendFrame(true, RawWebSocket.CLOSE, new byte[] { 0x03, (byte) 0xe8 });
			assertThat(raw.readFrame().opcode()).isEqualTo(RawWebSocket.CLOSE);
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> this.echo.heldBytes() == 0);
	}

	private static byte[] payload(int index, int size) {
		byte[] b = new byte[size];
		new Random(index).nextBytes(b);
		return b;
	}

}
