package io.jlws.server;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.jlws.CallbackResult;
import io.jlws.Protocol;
import io.jlws.Reason;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Clients that misbehave around the handshake: the callbacks must still pair up and nothing may leak. */
class HostileClientTest {

	private static final byte[] UPGRADE = ("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
			+ "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
		.getBytes(StandardCharsets.US_ASCII);

	/** Per-connection state the way an application keeps it; the callbacks record what they saw. */
	static final class Session {

		boolean open;

	}

	/**
	 * A client that sends a valid upgrade and resets the socket at once makes the 101 write fail. The connection is
	 * then gone before it was established: ESTABLISHED must not fire (with or without session data), and every
	 * ESTABLISHED that did fire is followed by exactly one CLOSED.
	 */
	@Test
	void aClientThatResetsRightAfterItsUpgradeRequestIsNeverEstablishedWithoutClosed() throws Exception {
		List<String> problems = new CopyOnWriteArrayList<>();
		List<Reason> seen = new CopyOnWriteArrayList<>();
		Protocol<Session> protocol = Protocol.<Session>builder("reset", (conn, reason, session, in) -> {
			if (conn == null) {
				return CallbackResult.CONTINUE;
			}
			seen.add(reason);
			if (reason == Reason.ESTABLISHED) {
				if (session == null) {
					problems.add("ESTABLISHED with a null session on conn#" + conn.id());
				}
				else {
					session.open = true;
				}
			}
			else if (reason == Reason.CLOSED) {
				if (session == null || !session.open) {
					problems.add("CLOSED without ESTABLISHED on conn#" + conn.id());
				}
				else {
					session.open = false;
				}
			}
			return CallbackResult.CONTINUE;
		}).sessionData(Session::new).build();
		int rounds = 20;
		try (ServerFixture server = ServerFixture.of(protocol)) {
			for (int i = 0; i < rounds; i++) {
				resetAfterUpgradeWhileTheLoopIsHeld(server);
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> server.context.stats().connections() == 0);
			// every connection is gone: each ESTABLISHED must have had its CLOSED by now, not only at stop
			long established = seen.stream().filter((r) -> r == Reason.ESTABLISHED).count();
			long closed = seen.stream().filter((r) -> r == Reason.CLOSED).count();
			assertThat(closed).as("CLOSED per ESTABLISHED with no connection left").isEqualTo(established);
			// the server still works
			try (RawClient ok = RawClient.upgraded(server.port(), "/", "reset")) {
				ok.sendClose(1000, "");
				assertThat(ok.awaitEof()).isTrue();
			}
		}
		assertThat(problems).isEmpty();
	}

	/**
	 * Holds the service thread in a task while the client sends its upgrade and resets, so the server reads the
	 * request (or the reset) only afterwards and its 101 goes to a dead peer.
	 */
	private static void resetAfterUpgradeWhileTheLoopIsHeld(ServerFixture server) throws Exception {
		CountDownLatch held = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		assertThat(server.context.execute(() -> {
			held.countDown();
			try {
				release.await(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		})).isTrue();
		Socket socket = new Socket();
		try {
			assertThat(held.await(5, TimeUnit.SECONDS)).isTrue();
			// the kernel completes the TCP handshake while the loop is held; the server accepts it afterwards
			socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
			socket.getOutputStream().write(UPGRADE);
			socket.getOutputStream().flush();
			socket.setSoLinger(true, 0);
		}
		finally {
			socket.close();
			release.countDown();
		}
	}

}
