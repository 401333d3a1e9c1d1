package io.jlws.server;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

import io.jlws.CallbackResult;
import io.jlws.Connection;
import io.jlws.Limits;
import io.jlws.Protocol;
import io.jlws.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * User timers ({@code setTimer}), user timeouts ({@code setTimeout}) and the liveness limits: ping interval, idle
 * timeout and handshake timeout. Every path must deliver CLOSED exactly once per established connection and never
 * for a connection that did not upgrade.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class TimerAndLivenessTest {

	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(1);

	/** One callback, as the service thread saw it. */
	record Event(long id, Reason reason, int closeStatus, String closeReason, long nanos) {
	}

	/** A protocol that records every per-connection callback; {@code onEstablished} may act on the connection. */
	static final class Recorder {

		final List<Event> events = new CopyOnWriteArrayList<>();

		final LinkedBlockingQueue<Long> established = new LinkedBlockingQueue<>();

		final Protocol<Void> protocol;

		Recorder(String name, BiConsumer<Connection, Reason> also) {
			this.protocol = Protocol.of(name, (conn, reason, session, in) -> {
				if (conn != null) {
					boolean closed = reason == Reason.CLOSED;
					this.events.add(new Event(conn.id(), reason, closed ? conn.closeStatus() : 0,
							closed ? conn.closeReason() : null, System.nanoTime()));
					if (reason == Reason.ESTABLISHED) {
						this.established.add(conn.id());
					}
				}
				also.accept(conn, reason);
				return CallbackResult.CONTINUE;
			});
		}

		Recorder(String name) {
			this(name, (conn, reason) -> {
			});
		}

		long awaitEstablished() throws InterruptedException {
			Long id = this.established.poll(5, TimeUnit.SECONDS);
			assertThat(id).as("an ESTABLISHED callback").isNotNull();
			return id;
		}

		List<Event> of(long id, Reason reason) {
			return this.events.stream().filter((e) -> e.id() == id && e.reason() == reason).toList();
		}

		Event awaitClosed(long id) {
			await().atMost(Duration.ofSeconds(5)).until(() -> !of(id, Reason.CLOSED).isEmpty());
			return of(id, Reason.CLOSED).get(0);
		}

		/** Call once the context has stopped (no callback can follow): CLOSED once per ESTABLISHED, else never. */
		void assertClosedExactlyOncePerEstablishedConnection() {
			List<Long> ids = this.events.stream().map(Event::id).distinct().toList();
			for (long id : ids) {
				int established = of(id, Reason.ESTABLISHED).size();
				assertThat(established).as("ESTABLISHED of conn#%d", id).isLessThanOrEqualTo(1);
				assertThat(of(id, Reason.CLOSED)).as("CLOSED of conn#%d", id).hasSize(established);
				if (established == 1) {
					List<Event> own = this.events.stream().filter((e) -> e.id() == id).toList();
					assertThat(own.get(own.size() - 1).reason()).as("last callback of conn#%d", id)
						.isEqualTo(Reason.CLOSED);
				}
			}
		}

	}

	private static Limits.Builder limits() {
		return Limits.builder().closeTimeout(CLOSE_TIMEOUT);
	}

	// ---- setTimer -----------------------------------------------------------------------------------

	@Test
	void setTimerFiresOnceAfterTheDelayAndReSettingReplacesIt() throws Exception {
		Recorder rec = new Recorder("timer");
		try (ServerFixture server = ServerFixture.of(limits().build(), rec.protocol);
				RawClient client = RawClient.upgraded(server.port(), "/", "timer")) {
			long id = rec.awaitEstablished();

			// fires once, after the delay
			AtomicLong setAt = new AtomicLong();
			assertThat(server.context.executeOn(id, (c) -> {
				setAt.set(System.nanoTime());
				c.setTimer(Duration.ofMillis(150));
			}).get(5, TimeUnit.SECONDS)).isTrue();
			await().atMost(Duration.ofSeconds(3)).until(() -> rec.of(id, Reason.TIMER).size() == 1);
			assertThat(rec.of(id, Reason.TIMER).get(0).nanos() - setAt.get())
				.isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(150));
			await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2))
				.until(() -> rec.of(id, Reason.TIMER).size() == 1);

			// a longer delay replaces a shorter one: one TIMER, after the longer delay
			assertThat(server.context.executeOn(id, (c) -> {
				setAt.set(System.nanoTime());
				c.setTimer(Duration.ofMillis(100));
				c.setTimer(Duration.ofMillis(400));
			}).get(5, TimeUnit.SECONDS)).isTrue();
			await().atMost(Duration.ofSeconds(3)).until(() -> rec.of(id, Reason.TIMER).size() == 2);
			assertThat(rec.of(id, Reason.TIMER).get(1).nanos() - setAt.get())
				.isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(400));

			// a shorter delay replaces a longer one: the longer one never fires
			assertThat(server.context.executeOn(id, (c) -> {
				setAt.set(System.nanoTime());
				c.setTimer(Duration.ofMillis(500));
			}).get(5, TimeUnit.SECONDS)).isTrue();
			assertThat(server.context.executeOn(id, (c) -> c.setTimer(Duration.ofMillis(50)))
				.get(5, TimeUnit.SECONDS)).isTrue();
			await().atMost(Duration.ofSeconds(3)).until(() -> rec.of(id, Reason.TIMER).size() == 3);
			assertThat(rec.of(id, Reason.TIMER).get(2).nanos() - setAt.get())
				.isLessThan(TimeUnit.MILLISECONDS.toNanos(500));
			await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(2))
				.until(() -> rec.of(id, Reason.TIMER).size() == 3);
			assertThat(rec.of(id, Reason.CLOSED)).isEmpty();
		}
		rec.assertClosedExactlyOncePerEstablishedConnection();
	}

	@Test
	void durationZeroCancelsTheTimer() throws Exception {
		Recorder rec = new Recorder("cancel");
		try (ServerFixture server = ServerFixture.of(limits().build(), rec.protocol);
				RawClient client = RawClient.upgraded(server.port(), "/", "cancel")) {
			long id = rec.awaitEstablished();
			assertThat(server.context.executeOn(id, (c) -> c.setTimer(Duration.ofMillis(200)))
				.get(5, TimeUnit.SECONDS)).isTrue();
			assertThat(server.context.executeOn(id, (c) -> c.setTimer(Duration.ZERO)).get(5, TimeUnit.SECONDS))
				.isTrue();
			assertThat(server.context.executeOn(id, (c) -> c.setTimer(Duration.ofMillis(-1))).get(5, TimeUnit.SECONDS))
				.as("a negative delay is accepted and cancels too").isTrue();
			await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
				.until(() -> rec.of(id, Reason.TIMER).isEmpty());
			// the connection can still use timers afterwards
			assertThat(server.context.executeOn(id, (c) -> c.setTimer(Duration.ofMillis(50)))
				.get(5, TimeUnit.SECONDS)).isTrue();
			await().atMost(Duration.ofSeconds(3)).until(() -> rec.of(id, Reason.TIMER).size() == 1);
		}
		rec.assertClosedExactlyOncePerEstablishedConnection();
	}

	@Test
	void aTimerOfAConnectionThatClosedNeverFires() throws Exception {
		Recorder rec = new Recorder("gone", (conn, reason) -> {
			if (reason == Reason.ESTABLISHED) {
				conn.setTimer(Duration.ofMillis(300));
			}
		});
		try (ServerFixture server = ServerFixture.of(limits().build(), rec.protocol)) {
			long id;
			try (RawClient client = RawClient.upgraded(server.port(), "/", "gone")) {
				id = rec.awaitEstablished();
			}
			rec.awaitClosed(id);
			await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
				.until(() -> rec.of(id, Reason.TIMER).isEmpty());
		}
		rec.assertClosedExactlyOncePerEstablishedConnection();
	}

	// ---- setTimeout ---------------------------------------------------------------------------------

	@Test
	void setTimeoutClosesASilentConnectionWith1006() throws Exception {
		Recorder rec = new Recorder("timeout", (conn, reason) -> {
			if (reason == Reason.ESTABLISHED) {
				conn.setTimeout(Duration.ofMillis(300));
			}
		});
		try (ServerFixture server = ServerFixture.of(limits().build(), rec.protocol);
				RawClient client = RawClient.upgraded(server.port(), "/", "timeout")) {
			long id = rec.awaitEstablished();
			long start = rec.of(id, Reason.ESTABLISHED).get(0).nanos();
			client.socket().setSoTimeout(3000);
			assertThat(client.awaitEof()).as("EOF within 3 s").isTrue();
			Event closed = rec.awaitClosed(id);
			assertThat(closed.closeStatus()).isEqualTo(1006);
			assertThat(closed.nanos() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(300));
		}
		rec.assertClosedExactlyOncePerEstablishedConnection();
	}

	/**
	 * Connection.setTimeout: "Closes the connection unless it shows activity within the duration" (lws_set_timeout
	 * counts from the call). A connection that was already quiet for longer than the timeout when it is set must
	 * still get the whole duration.
	 */
	@Test
	void setTimeoutCountsFromTheCallNotFromTheLastActivity() throws Exception {
		AtomicLong setAt = new AtomicLong();
		Recorder rec = new Recorder("late", (conn, reason) -> {
			if (reason == Reason.ESTABLISHED) {
				conn.setTimer(Duration.ofMillis(500));
			}
			else if (reason == Reason.TIMER) {
				setAt.set(System.nanoTime());
				conn.setTimeout(Duration.ofMillis(300));
			}
		});
		try (ServerFixture server = ServerFixture.of(limits().build(), rec.protocol);
				RawClient client = RawClient.upgraded(server.port(), "/", "late")) {
			long id = rec.awaitEstablished();
			client.socket().setSoTimeout(3000);
			assertThat(client.awaitEof()).as("EOF within 3 s").isTrue();
			Event closed = rec.awaitClosed(id);
			assertThat(closed.closeStatus()).isEqualTo(1006);
			assertThat(TimeUnit.NANOSECONDS.toMillis(closed.nanos() - setAt.get()))
				.as("milliseconds from setTimeout(300 ms) to the close").isGreaterThanOrEqualTo(300);
		}
		rec.assertClosedExactlyOncePerEstablishedConnection();
	}

	@Test
	void setTimeoutZeroCancelsTheTimeout() throws Exception {
		Recorder rec = new Recorder("untimed", (conn, reason) -> {
			if (reason == Reason.ESTABLISHED) {
				conn.setTimeout(Duration.ofMillis(200));
				conn.setTimeout(Duration.ZERO);
				conn.setTimer(Duration.ofMillis(600));
			}
		});
		try (ServerFixture server = ServerFixture.of(limits().build(), rec.protocol);
				RawClient client = RawClient.upgraded(server.port(), "/", "untimed")) {
			long id = rec.awaitEstablished();
			// the TIMER at 600 ms proves three timeouts' worth of silence passed
			await().atMost(Duration.ofSeconds(3)).until(() -> rec.of(id, Reason.TIMER).size() == 1);
			assertThat(rec.of(id, Reason.CLOSED)).isEmpty();
			client.send(true, 9, new byte[0]);
			assertThat(client.read().opcode()).isEqualTo(10);
		}
		rec.assertClosedExactlyOncePerEstablishedConnection();
	}

	@Test
	void activityKeepsASetTimeoutConnectionOpen() throws Exception {
		Recorder rec = new Recorder("busy", (conn, reason) -> {
			if (reason == Reason.ESTABLISHED) {
				conn.setTimeout(Duration.ofMillis(300));
			}
		});
		try (ServerFixture server = ServerFixture.of(limits().build(), rec.protocol);
				RawClient client = RawClient.upgraded(server.port(), "/", "busy")) {
			long id = rec.awaitEstablished();
			long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(900);
			while (System.nanoTime() - end < 0) {
				// ping round trips, back to back, are activity (bytes received)
				client.send(true, 9, new byte[0]);
				assertThat(client.read().opcode()).isEqualTo(10);
			}
			AtomicBoolean open = new AtomicBoolean();
			assertThat(server.context.executeOn(id, (c) -> open.set(c.isOpen())).get(5, TimeUnit.SECONDS)).isTrue();
			assertThat(open).isTrue();
			assertThat(rec.of(id, Reason.CLOSED)).isEmpty();
		}
		rec.assertClosedExactlyOncePerEstablishedConnection();
	}

	// ---- ping interval ------------------------------------------------------------------------------

	@Test
	void aClientThatAnswersPingsStaysConnected() throws Exception {
		Recorder rec = new Recorder("pinged");
		Limits limits = limits().pingInterval(Duration.ofMillis(200)).build();
		try (ServerFixture server = ServerFixture.of(limits, rec.protocol);
				RawClient client = RawClient.upgraded(server.port(), "/", "pinged")) {
			long id = rec.awaitEstablished();
			long start = System.nanoTime();
			client.socket().setSoTimeout(3000);
			int pings = 0;
			while (pings < 4) {
				RawClient.Frame f = client.read();
				assertThat(f.opcode()).as("only PINGs arrive").isEqualTo(9);
				client.send(true, 10, f.payload());
				pings++;
			}
			long elapsed = System.nanoTime() - start;
			assertThat(elapsed).as("connected for more than three intervals")
				.isGreaterThan(TimeUnit.MILLISECONDS.toNanos(3 * 200));
			await().atMost(Duration.ofSeconds(2)).until(() -> rec.of(id, Reason.RECEIVE_PONG).size() == 4);
			AtomicBoolean open = new AtomicBoolean();
			assertThat(server.context.executeOn(id, (c) -> open.set(c.isOpen())).get(5, TimeUnit.SECONDS)).isTrue();
			assertThat(open).isTrue();
			assertThat(rec.of(id, Reason.CLOSED)).isEmpty();
		}
		rec.assertClosedExactlyOncePerEstablishedConnection();
	}

	@Test
	void aClientThatNeverAnswersPingsIsDropped() throws Exception {
		Recorder rec = new Recorder("deaf");
		Limits limits = limits().pingInterval(Duration.ofMillis(200)).build();
		// the server counts from the turn that read the upgrade, a little before ESTABLISHED is recorded, so the
		// lower bound is measured from before the client connects
		long start = System.nanoTime();
		try (ServerFixture server = ServerFixture.of(limits, rec.protocol);
				RawClient client = RawClient.upgraded(server.port(), "/", "deaf")) {
			long id = rec.awaitEstablished();
			client.socket().setSoTimeout(3000);
			// reads (and discards the PING) but never answers
			assertThat(client.awaitEof()).as("EOF within 3 s").isTrue();
			Event closed = rec.awaitClosed(id);
			assertThat(closed.closeReason()).containsIgnoringCase("ping");
			assertThat(closed.closeStatus()).isEqualTo(1006);
			assertThat(closed.nanos() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(2 * 200));
		}
		rec.assertClosedExactlyOncePerEstablishedConnection();
	}

	// ---- idle timeout -------------------------------------------------------------------------------

	@Test
	void aSilentClientGetsCloseGoingAwayAfterTheIdleTimeout() throws Exception {
		Recorder rec = new Recorder("idle");
		Limits limits = limits().idleTimeout(Duration.ofMillis(300)).build();
		// measured from before the connect: the server counts from the turn that read the upgrade
		long start = System.nanoTime();
		try (ServerFixture server = ServerFixture.of(limits, rec.protocol);
				RawClient client = RawClient.upgraded(server.port(), "/", "idle")) {
			long id = rec.awaitEstablished();
			client.socket().setSoTimeout(3000);
			RawClient.Frame close = client.read();
			long elapsed = System.nanoTime() - start;
			assertThat(close.opcode()).isEqualTo(8);
			assertThat(close.closeCode()).isEqualTo(1001);
			assertThat(elapsed).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(300));
			client.sendClose(1001, "");
			assertThat(client.awaitEof()).isTrue();
			Event closed = rec.awaitClosed(id);
			assertThat(closed.closeStatus()).isEqualTo(1001);
		}
		rec.assertClosedExactlyOncePerEstablishedConnection();
	}

	@Test
	void anIdleClientThatIgnoresTheCloseIsDroppedAfterTheCloseTimeout() throws Exception {
		Recorder rec = new Recorder("idle2");
		Limits limits = limits().idleTimeout(Duration.ofMillis(300)).closeTimeout(Duration.ofMillis(300)).build();
		try (ServerFixture server = ServerFixture.of(limits, rec.protocol);
				RawClient client = RawClient.upgraded(server.port(), "/", "idle2")) {
			long id = rec.awaitEstablished();
			client.socket().setSoTimeout(3000);
			RawClient.Frame close = client.read();
			assertThat(close.closeCode()).isEqualTo(1001);
			assertThat(client.awaitEof()).isTrue();
			Event closed = rec.awaitClosed(id);
			assertThat(closed.closeStatus()).isEqualTo(1001);
		}
		rec.assertClosedExactlyOncePerEstablishedConnection();
	}

	// ---- handshake timeout --------------------------------------------------------------------------

	@Test
	void aTcpClientThatSendsNothingIsDisconnectedAfterTheHandshakeTimeout() throws Exception {
		Recorder rec = new Recorder("slow");
		Limits limits = limits().handshakeTimeout(Duration.ofMillis(300)).build();
		try (ServerFixture server = ServerFixture.of(limits, rec.protocol);
				Socket socket = new Socket()) {
			long before = server.context.stats().rejectedHandshakes();
			socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
			socket.setSoTimeout(3000);
			long start = System.nanoTime();
			assertThat(readToEof(socket.getInputStream())).as("nothing but EOF").isEqualTo(0);
			assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(250));
			await().atMost(Duration.ofSeconds(2))
				.until(() -> server.context.stats().rejectedHandshakes() >= before + 1);
			assertThat(rec.events).isEmpty();
		}
		assertThat(rec.events).isEmpty();
	}

	@Test
	void aHalfSentUpgradeRequestIsAlsoCutOffByTheHandshakeTimeout() throws Exception {
		Recorder rec = new Recorder("half");
		Limits limits = limits().handshakeTimeout(Duration.ofMillis(300)).build();
		try (ServerFixture server = ServerFixture.of(limits, rec.protocol);
				Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
			socket.setSoTimeout(3000);
			OutputStream out = socket.getOutputStream();
			out.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			assertThat(readToEof(socket.getInputStream())).as("nothing but EOF").isEqualTo(0);
			await().atMost(Duration.ofSeconds(2)).until(() -> server.context.stats().rejectedHandshakes() >= 1);
		}
		assertThat(rec.events).isEmpty();
	}

	@Test
	void closedIsNeverDeliveredForConnectionsThatNeverUpgraded() throws Exception {
		Recorder rec = new Recorder("never");
		try (ServerFixture server = ServerFixture.of(limits().build(), rec.protocol)) {
			// a plain HTTP request: HTTP callback, 404, no WebSocket
			try (RawClient http = new RawClient(server.port())) {
				http.sendRaw("GET /nothing HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
				assertThat(http.readHead()).startsWith("HTTP/1.1 404");
			}
			// an upgrade offering only subprotocols we do not serve: 400
			try (RawClient refused = new RawClient(server.port())) {
				assertThat(refused.upgrade("/", "unknown")).startsWith("HTTP/1.1 400");
			}
			// and one that upgrades, for contrast
			long id;
			try (RawClient ok = RawClient.upgraded(server.port(), "/", "never")) {
				id = rec.awaitEstablished();
			}
			rec.awaitClosed(id);
			await().atMost(Duration.ofSeconds(2)).until(() -> server.context.stats().connections() == 0);
		}
		assertThat(rec.events).filteredOn((e) -> e.reason() == Reason.HTTP).hasSize(1);
		assertThat(rec.events).filteredOn((e) -> e.reason() == Reason.CLOSED).extracting(Event::id).containsExactly(
				rec.events.stream().filter((e) -> e.reason() == Reason.ESTABLISHED).findFirst().orElseThrow().id());
		rec.assertClosedExactlyOncePerEstablishedConnection();
	}

	@Test
	void closedIsDeliveredOnceWhenTheContextStopsUnderOpenConnections() throws Exception {
		Recorder rec = new Recorder("shutdown");
		ServerFixture server = ServerFixture.of(limits().build(), rec.protocol);
		try (RawClient a = RawClient.upgraded(server.port(), "/", "shutdown");
				RawClient b = RawClient.upgraded(server.port(), "/", "shutdown")) {
			rec.awaitEstablished();
			rec.awaitEstablished();
			Thread stopper = new Thread(server::close, "stopper");
			stopper.start();
			for (RawClient c : List.of(a, b)) {
				RawClient.Frame close = c.read();
				assertThat(close.opcode()).isEqualTo(8);
				assertThat(close.closeCode()).isEqualTo(1001);
				c.sendClose(1001, "");
				assertThat(c.awaitEof()).isTrue();
			}
			stopper.join(10_000);
			assertThat(stopper.isAlive()).isFalse();
		}
		finally {
			server.close();
		}
		assertThat(rec.events).filteredOn((e) -> e.reason() == Reason.CLOSED).hasSize(2)
			.allSatisfy((e) -> assertThat(e.closeStatus()).isEqualTo(1001));
		rec.assertClosedExactlyOncePerEstablishedConnection();
	}

	/** Reads until EOF; returns how many bytes came before it. A reset counts as EOF. */
	private static int readToEof(InputStream in) throws Exception {
		int n = 0;
		try {
			while (in.read() >= 0) {
				n++;
			}
		}
		catch (SocketException ex) {
			// connection reset: the server closed it too
		}
		return n;
	}

}
