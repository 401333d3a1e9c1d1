package io.jlws.server;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.jlws.CallbackResult;
import io.jlws.Connection;
import io.jlws.Limits;
import io.jlws.Protocol;
import io.jlws.Reason;
import io.jlws.WriteType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code rxFlowControl(false)} stops delivery for one connection, including frames already read in the same
 * buffer; {@code rxFlowControl(true)} resumes it without losing or reordering anything.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class RxFlowControlTest {

	private static final long PAUSE_MILLIS = 200;

	/** What the server saw, in order. */
	record Received(String text, boolean timerHadFired, long nanos) {
	}

	static final class Session {

		final ArrayDeque<String> outbox = new ArrayDeque<>();

		boolean paused;

	}

	static final class PausingProtocol {

		final List<Received> received = new CopyOnWriteArrayList<>();

		final List<Long> timerFiredAt = new CopyOnWriteArrayList<>();

		final Protocol<Session> protocol;

		/** Whether reading stops in ESTABLISHED rather than on the first RECEIVE. */
		final boolean pauseOnEstablished;

		PausingProtocol(boolean pauseOnEstablished) {
			this.pauseOnEstablished = pauseOnEstablished;
			this.protocol = Protocol.builder("pause", this::callback).sessionData(Session::new).build();
		}

		PausingProtocol() {
			this(false);
		}

		private void pause(Connection conn, Session session) {
			session.paused = true;
			conn.rxFlowControl(false);
			conn.setTimer(Duration.ofMillis(PAUSE_MILLIS));
		}

		private CallbackResult callback(Connection conn, Reason reason, Session session, ByteBuffer in) {
			switch (reason) {
				case RECEIVE -> {
					byte[] b = new byte[in.remaining()];
					in.get(b);
					String text = new String(b, StandardCharsets.UTF_8);
					this.received.add(new Received(text, !this.timerFiredAt.isEmpty(), System.nanoTime()));
					session.outbox.add(text);
					conn.requestWritable();
					if (!session.paused) {
						pause(conn, session);
					}
				}
				case ESTABLISHED -> {
					if (this.pauseOnEstablished) {
						pause(conn, session);
					}
				}
				case TIMER -> {
					this.timerFiredAt.add(System.nanoTime());
					conn.rxFlowControl(true);
				}
				case SERVER_WRITEABLE -> {
					String next;
					while ((next = session.outbox.poll()) != null) {
						conn.write(ByteBuffer.wrap(next.getBytes(StandardCharsets.UTF_8)), WriteType.TEXT);
					}
				}
				default -> {
				}
			}
			return CallbackResult.CONTINUE;
		}

		void assertPausedUntilTheTimerFired(List<String> sent) {
			await().atMost(Duration.ofSeconds(5)).until(() -> this.received.size() >= sent.size());
			assertThat(this.received).extracting(Received::text).containsExactlyElementsOf(sent);
			assertThat(this.timerFiredAt).hasSize(1);
			assertThat(this.received.get(0).timerHadFired()).as("first message before the timer").isFalse();
			for (Received r : this.received.subList(1, this.received.size())) {
				assertThat(r.timerHadFired()).as("'%s' delivered only after the timer fired", r.text()).isTrue();
				assertThat(r.nanos() - this.received.get(0).nanos())
					.as("'%s' delivered at least the pause after the first", r.text())
					.isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(PAUSE_MILLIS));
			}
		}

	}

	private static final Limits LIMITS = Limits.builder().closeTimeout(Duration.ofSeconds(1)).build();

	private static final List<String> MESSAGES = List.of("m0", "m1", "m2", "m3", "m4");

	@Test
	void framesThatArriveInOneReadAreHeldBackUntilReadingResumes() throws Exception {
		PausingProtocol pausing = new PausingProtocol();
		try (ServerFixture server = ServerFixture.of(LIMITS, pausing.protocol);
				RawClient client = RawClient.upgraded(server.port(), "/", "pause")) {
			// all five frames leave in one write, so the server reads them together and must keep the tail
			ByteArrayOutputStream burst = new ByteArrayOutputStream();
			for (String m : MESSAGES) {
				burst.writeBytes(RawClient.frame(true, 0, 1, m.getBytes(StandardCharsets.UTF_8), true));
			}
			client.sendRaw(burst.toByteArray());
			for (String m : MESSAGES) {
				assertThat(client.readMessage().text()).isEqualTo(m);
			}
			pausing.assertPausedUntilTheTimerFired(MESSAGES);
		}
	}

	@Test
	void framesSentWhileReadingIsStoppedWaitInTheSocketUntilReadingResumes() throws Exception {
		PausingProtocol pausing = new PausingProtocol();
		try (ServerFixture server = ServerFixture.of(LIMITS, pausing.protocol);
				RawClient client = RawClient.upgraded(server.port(), "/", "pause")) {
			client.sendText(MESSAGES.get(0));
			// the echo proves the server handled m0 and stopped reading before the rest is sent
			assertThat(client.readMessage().text()).isEqualTo(MESSAGES.get(0));
			for (String m : MESSAGES.subList(1, MESSAGES.size())) {
				client.sendText(m);
			}
			for (String m : MESSAGES.subList(1, MESSAGES.size())) {
				assertThat(client.readMessage().text()).isEqualTo(m);
			}
			pausing.assertPausedUntilTheTimerFired(MESSAGES);
		}
	}

	/**
	 * A client may send frames right behind its upgrade request; when ESTABLISHED stops reading, none of them may be
	 * delivered before reading resumes.
	 */
	@Test
	void framesThatArriveWithTheUpgradeRequestWaitWhenEstablishedStopsReading() throws Exception {
		PausingProtocol pausing = new PausingProtocol(true);
		try (ServerFixture server = ServerFixture.of(LIMITS, pausing.protocol);
				RawClient client = new RawClient(server.port())) {
			ByteArrayOutputStream burst = new ByteArrayOutputStream();
			burst.writeBytes(("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
					+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
					+ "Sec-WebSocket-Protocol: pause\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			for (String m : MESSAGES) {
				burst.writeBytes(RawClient.frame(true, 0, 1, m.getBytes(StandardCharsets.UTF_8), true));
			}
			client.sendRaw(burst.toByteArray());
			assertThat(client.readHead()).startsWith("HTTP/1.1 101");
			for (String m : MESSAGES) {
				assertThat(client.readMessage().text()).isEqualTo(m);
			}
			await().atMost(Duration.ofSeconds(5)).until(() -> pausing.received.size() >= MESSAGES.size());
			assertThat(pausing.received).extracting(Received::text).containsExactlyElementsOf(MESSAGES);
			for (Received r : pausing.received) {
				assertThat(r.timerHadFired()).as("'%s' delivered only after the timer fired", r.text()).isTrue();
			}
		}
	}

	@Test
	void aFragmentedMessageSplitByThePauseIsReassembledInOrder() throws Exception {
		PausingProtocol pausing = new PausingProtocol();
		try (ServerFixture server = ServerFixture.of(LIMITS, pausing.protocol);
				RawClient client = RawClient.upgraded(server.port(), "/", "pause")) {
			ByteArrayOutputStream burst = new ByteArrayOutputStream();
			burst.writeBytes(RawClient.frame(false, 0, 1, "a".getBytes(StandardCharsets.UTF_8), true));
			burst.writeBytes(RawClient.frame(false, 0, 0, "b".getBytes(StandardCharsets.UTF_8), true));
			burst.writeBytes(RawClient.frame(true, 0, 0, "c".getBytes(StandardCharsets.UTF_8), true));
			client.sendRaw(burst.toByteArray());
			// each chunk is echoed as its own message
			for (String m : List.of("a", "b", "c")) {
				assertThat(client.readMessage().text()).isEqualTo(m);
			}
			pausing.assertPausedUntilTheTimerFired(List.of("a", "b", "c"));
		}
	}

}
