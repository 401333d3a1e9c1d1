package io.jlws.sample.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.jlws.sample.support.JlwsTestClient;
import io.jlws.sample.support.JlwsTestClient.Message;
import io.jlws.sample.support.JlwsTestClient.Session;
import io.jlws.sample.support.RawWebSocket;
import io.jlws.sample.support.RawWebSocket.Frame;
import io.jlws.sample.support.SampleAppTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code lws-mirror-protocol}: every message goes to every member of its {@code ?mirror=} instance, the sender
 * included, and to nobody else; a member that stops reading holds the senders back through the bounded ring
 * (rx flow control) and either catches up with everything in order or, after {@code SLOW_READER_GRACE}, is dropped
 * so the others go on.
 */
@SampleAppTest
class MirrorProtocolTests {

	/** Messages the sender sends in the flow-control tests (the number). */
	static final int COUNT = 1000;

	/**
	 * Size of each: large enough that what a paused reader's socket buffers can hold (a few MB) is far less than
	 * {@code COUNT} messages, so the ring, not the kernel, must absorb the difference.
	 */
	static final int SIZE = 32 * 1024;

	/** The paused reader's fixed socket receive buffer. */
	static final int SMALL_RECEIVE_BUFFER = 32 * 1024;

	@Value("${local.jlws.port}")
	private int port;

	private JlwsTestClient client;

	@BeforeEach
	void startClient() throws Exception {
		this.client = new JlwsTestClient();
	}

	@AfterEach
	void stopClient() {
		this.client.close();
	}

	private static String uniqueMirror() {
		return "?mirror=" + UUID.randomUUID();
	}

	private Session join(String mirror) {
		Session session = this.client.connect(this.port, "/" + mirror, "lws-mirror-protocol");
		assertThat(session.awaitEstablished()).isEqualTo("lws-mirror-protocol");
		return session;
	}

	@Test
	void membersOfOneMirrorGetEveryMessageSenderIncludedOtherMirrorsNone() {
		String a = uniqueMirror();
		String b = uniqueMirror();
		Session a1 = join(a);
		Session a2 = join(a);
		Session b1 = join(b);
		a1.sendText("c #ff0000 10 10 3;");
		assertThat(a1.nextMessage().text()).isEqualTo("c #ff0000 10 10 3;");
		assertThat(a2.nextMessage().text()).isEqualTo("c #ff0000 10 10 3;");
		a2.sendText("d #00ff00 1 2 3 4;");
		assertThat(a2.nextMessage().text()).isEqualTo("d #00ff00 1 2 3 4;");
		assertThat(a1.nextMessage().text()).isEqualTo("d #00ff00 1 2 3 4;");

		// both messages of mirror a were mirrored before b1's own marker: b1 would have had them first
		b1.sendText("b marker");
		Message first = b1.nextMessage();
		assertThat(first.binary()).isFalse();
		assertThat(first.text()).isEqualTo("b marker");
		assertThat(b1.drain()).isEmpty();

		// and mirror a never sees b's marker
		a1.sendText("a marker");
		assertThat(a1.nextMessage().text()).isEqualTo("a marker");
		assertThat(a2.nextMessage().text()).isEqualTo("a marker");
	}

	@Test
	void aReaderThatPausesCatchesUpWithEverythingInOrderAndHoldsTheSenderBackMeanwhile() throws Exception {
		String mirror = uniqueMirror();
		Session sender = join(mirror).keepBytes(16);
		try (RawWebSocket slow = RawWebSocket.open(this.port, SMALL_RECEIVE_BUFFER)) {
			assertThat(slow.upgrade("/" + mirror, List.of("lws-mirror-protocol"), Map.of()).status()).isEqualTo(101);
			// the slow member does not read at all while the sender sends everything
			for (int i = 0; i < COUNT; i++) {
				sender.sendText(message(i));
			}
			// the ring stops the sender well before the end: what it gets mirrored stops growing
			await().atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> sender.received() > 0
						&& System.nanoTime() - sender.lastReceiveNanos() > Duration.ofMillis(300).toNanos());
			int heldAt = sender.received();
			assertThat(heldAt).as("messages mirrored while the slow member did not read").isLessThan(COUNT);
			// now it reads (within the 2 s grace): everything arrives, in order, and the sender is let go
			for (int i = 0; i < COUNT; i++) {
				Frame frame = slow.readFrame();
				assertThat(frame.opcode()).isEqualTo(RawWebSocket.TEXT);
				assertThat(frame.fin()).isTrue();
				assertThat(frame.payload()).hasSize(SIZE);
				assertThat(prefix(frame.payload())).isEqualTo(prefix(i));
			}
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> sender.received() == COUNT);
		assertInOrder(sender.drain(), COUNT);
	}

	@Test
	void aReaderStillPausedAfterTheGraceIsDroppedAndTheOthersGoOn() throws Exception {
		String mirror = uniqueMirror();
		Session sender = join(mirror).keepBytes(16);
		Session reader = join(mirror).keepBytes(16);
		try (RawWebSocket slow = RawWebSocket.open(this.port, SMALL_RECEIVE_BUFFER)) {
			assertThat(slow.upgrade("/" + mirror, List.of("lws-mirror-protocol"), Map.of()).status()).isEqualTo(101);
			for (int i = 0; i < COUNT; i++) {
				sender.sendText(message(i));
			}
			// only possible once the slow member was dropped: the ring could not take all the messages otherwise
			await().atMost(Duration.ofSeconds(30)).until(() -> sender.received() == COUNT && reader.received() == COUNT);
			assertInOrder(sender.drain(), COUNT);
			assertInOrder(reader.drain(), COUNT);

			// what the dropped member still finds on its socket is an in-order prefix, then the end of the
			// connection without a close frame (lws' LWS_TO_KILL_ASYNC idiom: it would not read one anyway)
			List<Frame> frames = new ArrayList<>();
			Frame close = null;
			while (close == null) {
				try {
					Frame frame = slow.readFrame();
					if (frame.opcode() == RawWebSocket.CLOSE) {
						close = frame;
					}
					else {
						frames.add(frame);
					}
				}
				catch (IOException ex) {
					break; // EOF or reset
				}
			}
			assertThat(close).as("close frame sent to the dropped member").isNull();
			assertThat(frames.size()).as("messages the dropped member got").isLessThan(COUNT);
			for (int i = 0; i < frames.size(); i++) {
				assertThat(prefix(frames.get(i).payload())).isEqualTo(prefix(i));
			}
		}
		assertThat(sender.isClosed()).isFalse();
		assertThat(reader.isClosed()).isFalse();
	}

	private static String message(int i) {
		StringBuilder b = new StringBuilder(SIZE).append(prefix(i));
		while (b.length() < SIZE) {
			b.append('x');
		}
		return b.toString();
	}

	private static String prefix(int i) {
		return String.format("msg %06d", i);
	}

	private static String prefix(byte[] payload) {
		return new String(Arrays.copyOf(payload, Math.min(payload.length, 10)), StandardCharsets.UTF_8);
	}

	private static void assertInOrder(List<Message> messages, int count) {
		assertThat(messages).hasSize(count);
		for (int i = 0; i < count; i++) {
			Message m = messages.get(i);
			assertThat(m.binary()).isFalse();
			assertThat(m.length()).isEqualTo(SIZE);
			assertThat(prefix(m.data())).isEqualTo(prefix(i));
		}
	}

}
