package io.jlws.sample.server;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;

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
 * <p>
 * What the app holds per connection is bounded, the way an lws app should bound it: messages are reassembled with
 * the seeds' fragment idiom into an outbox; once the outbox is not empty and holds, with the message being
 * reassembled, {@link #MAX_HELD_BYTES}, reading pauses ({@code rxFlowControl}) until it is empty again. Each
 * {@code SERVER_WRITEABLE} writes one message and asks for the next callback, so jlws' own pending bytes never hold
 * more than one message either (WRITEABLE comes only once earlier bytes have left). A client that sends without
 * reading therefore costs at most {@code MAX_HELD_BYTES} plus two messages, however much it sends.
 */
@ConditionalOnServerMode
@WebSocketProtocol(name = "echo", paths = "/echo", sessionData = EchoProtocol.Session.class)
@Order(4)
public class EchoProtocol implements Callback<EchoProtocol.Session> {

	/** The outbox size (with the message being reassembled) at which reading pauses. */
	static final int MAX_HELD_BYTES = 256 * 1024;

	private final AtomicLong held = new AtomicLong();

	/** Per-connection state. Service thread only. */
	public static class Session {

		ByteBuffer message = ByteBuffer.allocate(0);

		final ArrayDeque<ByteBuffer> outbox = new ArrayDeque<>();

		final ArrayDeque<WriteType> types = new ArrayDeque<>();

		long outboxBytes;

		boolean paused;

		long heldBytes() {
			return this.outboxBytes + this.message.position();
		}

	}

	/** Bytes all connections' sessions hold right now (outboxes and messages being reassembled); any thread. */
	public long heldBytes() {
		return this.held.get();
	}

	@Override
	public CallbackResult callback(Connection connection, Reason reason, Session session, ByteBuffer in) {
		switch (reason) {
			case RECEIVE -> {
				long before = session.heldBytes();
				receive(connection, session, in);
				this.held.addAndGet(session.heldBytes() - before);
			}
			case SERVER_WRITEABLE -> {
				long before = session.heldBytes();
				CallbackResult result = writeNext(connection, session);
				this.held.addAndGet(session.heldBytes() - before);
				return result;
			}
			case CLOSED -> {
				this.held.addAndGet(-session.heldBytes());
				session.outbox.clear();
				session.types.clear();
				session.outboxBytes = 0;
				session.message = ByteBuffer.allocate(0);
			}
			default -> {
			}
		}
		return CallbackResult.CONTINUE;
	}

	private CallbackResult writeNext(Connection connection, Session session) {
		ByteBuffer next = session.outbox.poll();
		if (next == null) {
			return CallbackResult.CONTINUE;
		}
		session.outboxBytes -= next.remaining();
		if (connection.write(next, session.types.poll()) < 0) {
			return CallbackResult.CLOSE;
		}
		if (!session.outbox.isEmpty()) {
			connection.requestWritable();
		}
		else if (session.paused) {
			session.paused = false;
			connection.rxFlowControl(true);
		}
		return CallbackResult.CONTINUE;
	}

	private void receive(Connection connection, Session session, ByteBuffer in) {
		boolean complete = connection.isFinalFragment();
		ByteBuffer whole;
		if (complete && session.message.position() == 0) {
			// one chunk is the whole message: copy it once, exactly sized
			whole = ByteBuffer.allocate(in.remaining()).put(in).flip();
		}
		else {
			session.message = append(session.message, in, connection.remainingPacketPayload());
			if (!complete) {
				pauseWhenFull(connection, session);
				return;
			}
			whole = session.message.flip();
			session.message = ByteBuffer.allocate(0);
		}
		session.outbox.add(whole);
		session.outboxBytes += whole.remaining();
		session.types.add(connection.frameIsBinary() ? WriteType.BINARY : WriteType.TEXT);
		connection.requestWritable();
		pauseWhenFull(connection, session);
	}

	private static void pauseWhenFull(Connection connection, Session session) {
		// only with something to write: the WRITEABLE that empties the outbox is what resumes reading
		if (!session.paused && !session.outbox.isEmpty() && session.heldBytes() >= MAX_HELD_BYTES) {
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
