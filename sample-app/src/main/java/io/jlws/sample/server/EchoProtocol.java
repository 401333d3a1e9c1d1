package io.jlws.sample.server;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

import io.jlws.Callback;
import io.jlws.CallbackResult;
import io.jlws.Connection;
import io.jlws.Reason;
import io.jlws.WriteType;
import io.jlws.sample.ConditionalOnServerMode;
import io.jlws.spring.annotation.WebSocketProtocol;
import org.springframework.core.annotation.Order;

/**
 * {@code echo}: every message comes back unchanged, text as text and binary as binary, up to
 * {@code jlws.limits.max-message-size}. Also selected by the path {@code /echo} when no subprotocol is offered.
 * Messages are reassembled with the seeds' fragment idiom; when more than {@link #MAX_QUEUED} wait to be sent,
 * reading pauses ({@code rxFlowControl}) so a client that sends without reading cannot grow the queue unbounded.
 */
@ConditionalOnServerMode
@WebSocketProtocol(name = "echo", paths = "/echo", sessionData = EchoProtocol.Session.class)
@Order(4)
public class EchoProtocol implements Callback<EchoProtocol.Session> {

	static final int MAX_QUEUED = 16;

	/** Per-connection state. */
	public static class Session {

		ByteBuffer message = ByteBuffer.allocate(0);

		final ArrayDeque<ByteBuffer> outbox = new ArrayDeque<>();

		final ArrayDeque<WriteType> types = new ArrayDeque<>();

		boolean paused;

	}

	@Override
	public CallbackResult callback(Connection connection, Reason reason, Session session, ByteBuffer in) {
		switch (reason) {
			case RECEIVE -> receive(connection, session, in);
			case SERVER_WRITEABLE -> {
				ByteBuffer next;
				while ((next = session.outbox.poll()) != null) {
					if (connection.write(next, session.types.poll()) < 0) {
						return CallbackResult.CLOSE;
					}
				}
				if (session.paused) {
					session.paused = false;
					connection.rxFlowControl(true);
				}
			}
			default -> {
			}
		}
		return CallbackResult.CONTINUE;
	}

	private void receive(Connection connection, Session session, ByteBuffer in) {
		boolean complete = connection.isFinalFragment();
		if (complete && session.message.position() == 0) {
			// one chunk is the whole message: copy it once, exactly sized
			session.outbox.add(ByteBuffer.allocate(in.remaining()).put(in).flip());
		}
		else {
			session.message = append(session.message, in, connection.remainingPacketPayload());
			if (!complete) {
				return;
			}
			session.outbox.add(session.message.flip());
			session.message = ByteBuffer.allocate(0);
		}
		session.types.add(connection.frameIsBinary() ? WriteType.BINARY : WriteType.TEXT);
		connection.requestWritable();
		if (session.outbox.size() >= MAX_QUEUED && !session.paused) {
			session.paused = true;
			connection.rxFlowControl(false);
		}
	}

	/** Appends, growing to fit this chunk plus what is known to follow in the frame. */
	private static ByteBuffer append(ByteBuffer into, ByteBuffer chunk, long stillToCome) {
		if (into.remaining() < chunk.remaining()) {
			long want = Math.max((long) into.position() + chunk.remaining() + stillToCome, into.capacity() * 2L);
			ByteBuffer grown = ByteBuffer.allocate((int) Math.min(want, Integer.MAX_VALUE - 8));
			into.flip();
			grown.put(into);
			into = grown;
		}
		return into.put(chunk);
	}

}
