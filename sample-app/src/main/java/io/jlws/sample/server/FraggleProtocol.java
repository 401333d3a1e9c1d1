package io.jlws.sample.server;

import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;

import io.jlws.Callback;
import io.jlws.CallbackResult;
import io.jlws.Connection;
import io.jlws.Reason;
import io.jlws.WriteType;
import io.jlws.sample.ConditionalOnServerMode;
import io.jlws.spring.annotation.WebSocketProtocol;
import org.springframework.core.annotation.Order;

/**
 * libwebsockets' test-fraggle wire format: on connect the server sends one binary message in a random number of
 * randomly sized fragments, one fragment per WRITEABLE, then the 4-byte big-endian sum of its bytes (as unsigned
 * values) as a separate binary message. A client reassembles with the fragment API and checks the sum.
 */
@ConditionalOnServerMode
@WebSocketProtocol(name = "fraggle-protocol", sessionData = FraggleProtocol.Session.class)
@Order(5)
public class FraggleProtocol implements Callback<FraggleProtocol.Session> {

	static final int MAX_FRAGMENTS = 16;

	static final int MAX_FRAGMENT_BYTES = 8000;

	/** Per-connection state. */
	public static class Session {

		int fragmentsLeft;

		int sum;

		boolean started;

		boolean sumSent;

	}

	@Override
	public CallbackResult callback(Connection connection, Reason reason, Session session, ByteBuffer in) {
		switch (reason) {
			case ESTABLISHED -> {
				session.fragmentsLeft = 1 + ThreadLocalRandom.current().nextInt(MAX_FRAGMENTS);
				connection.requestWritable();
			}
			case SERVER_WRITEABLE -> {
				return writeNext(connection, session);
			}
			default -> {
			}
		}
		return CallbackResult.CONTINUE;
	}

	private CallbackResult writeNext(Connection connection, Session session) {
		if (session.fragmentsLeft > 0) {
			byte[] fragment = new byte[1 + ThreadLocalRandom.current().nextInt(MAX_FRAGMENT_BYTES)];
			ThreadLocalRandom.current().nextBytes(fragment);
			for (byte b : fragment) {
				session.sum += b & 0xff;
			}
			session.fragmentsLeft--;
			WriteType type = session.started ? WriteType.CONTINUATION : WriteType.BINARY;
			session.started = true;
			if (connection.write(ByteBuffer.wrap(fragment), type, session.fragmentsLeft == 0) < 0) {
				return CallbackResult.CLOSE;
			}
			connection.requestWritable();
		}
		else if (!session.sumSent) {
			session.sumSent = true;
			ByteBuffer sum = ByteBuffer.allocate(4).putInt(session.sum).flip();
			if (connection.write(sum, WriteType.BINARY) < 0) {
				return CallbackResult.CLOSE;
			}
		}
		return CallbackResult.CONTINUE;
	}

}
