package io.jlws.sample.client;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import io.jlws.Connection;
import io.jlws.WriteType;
import io.jlws.sample.SampleMode;
import io.jlws.spring.annotation.OnClientClosed;
import io.jlws.spring.annotation.OnClientConnectionError;
import io.jlws.spring.annotation.OnClientEstablished;
import io.jlws.spring.annotation.OnClientReceive;
import io.jlws.spring.annotation.OnClientWriteable;
import io.jlws.spring.annotation.OnTimer;
import io.jlws.spring.annotation.WebSocketProtocol;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * The client side of libwebsockets' {@code lws-mirror-protocol} (lws {@code callback_lws_mirror} in
 * {@code test-client.c}): draws random circles ({@code c #RRGGBB x y r;}, the test page's format) on the shared
 * mirror at random intervals, and tells {@link TestClient} when one of its own comes back from the server.
 * <p>
 * Sending is timer-driven and writeable-driven, as in lws: the timer only asks for CLIENT_WRITEABLE and the circle
 * is written there. A WRITEABLE that arrives unrequested writes nothing.
 */
@ConditionalOnProperty(SampleMode.CLIENT)
@WebSocketProtocol(name = TestClient.MIRROR, wholeMessage = true, sessionData = MirrorClient.Session.class)
public class MirrorClient {

	static final int MIN_DELAY_MILLIS = 20;

	static final int MAX_DELAY_MILLIS = 200;

	/** Sent circles remembered to recognise them coming back. */
	static final int REMEMBERED = 64;

	private final TestClient client;

	public MirrorClient(TestClient client) {
		this.client = client;
	}

	/** Per-connection state. */
	public static class Session {

		final ArrayDeque<String> sent = new ArrayDeque<>();

		boolean due;

	}

	@OnClientEstablished
	void established(Connection connection) {
		this.client.established(TestClient.MIRROR);
		connection.setTimer(nextDelay());
	}

	@OnTimer
	void timer(Connection connection, Session session) {
		session.due = true;
		connection.requestWritable();
	}

	@OnClientWriteable
	void writeable(Connection connection, Session session) {
		if (!session.due) {
			return;
		}
		session.due = false;
		String circle = randomCircle();
		connection.write(ByteBuffer.wrap(circle.getBytes(StandardCharsets.US_ASCII)), WriteType.TEXT);
		if (session.sent.size() == REMEMBERED) {
			session.sent.poll();
		}
		session.sent.add(circle);
		connection.setTimer(nextDelay());
	}

	@OnClientReceive
	void received(String message, Session session) {
		if (session.sent.contains(message)) {
			this.client.mirrorEchoed();
		}
	}

	@OnClientClosed
	void closed(Connection connection) {
		this.client.closed(TestClient.MIRROR, connection.closeStatus(), connection.closeReason());
	}

	@OnClientConnectionError
	void failed(String reason) {
		this.client.connectionError(TestClient.MIRROR, reason);
	}

	/** lws: {@code "c #%06X %u %u %u;"} with a random colour, x < 512, y < 256 and radius 1-32. */
	static String randomCircle() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return String.format(Locale.ROOT, "c #%06X %d %d %d;", random.nextInt(1 << 24), random.nextInt(512),
				random.nextInt(256), random.nextInt(32) + 1);
	}

	private static Duration nextDelay() {
		return Duration.ofMillis(ThreadLocalRandom.current().nextInt(MIN_DELAY_MILLIS, MAX_DELAY_MILLIS + 1));
	}

}
