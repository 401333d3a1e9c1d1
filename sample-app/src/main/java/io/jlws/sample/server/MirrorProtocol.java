package io.jlws.sample.server;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.jlws.Callback;
import io.jlws.CallbackResult;
import io.jlws.Connection;
import io.jlws.Reason;
import io.jlws.WriteType;
import io.jlws.sample.ConditionalOnServerMode;
import io.jlws.spring.annotation.WebSocketProtocol;
import org.springframework.core.annotation.Order;

/**
 * libwebsockets' {@code lws-mirror-protocol}: every message is sent as text to every member of the same mirror
 * instance ({@code ?mirror=NAME}, default {@code ""}), the sender included, through a bounded ring per instance.
 * <p>
 * Back-pressure works as in the lws test server: when the slowest member falls {@link Mirror#HIGH_WATER}
 * messages behind, senders stop being read ({@code rxFlowControl(false)}) until it is back under
 * {@link Mirror#LOW_WATER}. A member that holds the ring at the high-water mark for longer than
 * {@link #SLOW_READER_GRACE} is dropped with 1008 so the others can go on. All state is touched on the service
 * thread only, so it needs no locks.
 */
@ConditionalOnServerMode
@WebSocketProtocol(name = "lws-mirror-protocol", sessionData = MirrorProtocol.Session.class)
@Order(2)
public class MirrorProtocol implements Callback<MirrorProtocol.Session> {

	static final Duration SLOW_READER_GRACE = Duration.ofSeconds(2);

	static final int WRITES_PER_CALLBACK = 32;

	/** Largest message accepted for mirroring; larger closes with 1009. */
	static final int MAX_MESSAGE = 64 * 1024;

	private final Map<String, Mirror> mirrors = new HashMap<>();

	/** Per-connection state. */
	public static class Session {

		Mirror mirror;

		long tail;

		boolean paused;

		/** Dropped as too slow: waits for its timeout to kill it and gets no more messages. */
		boolean dropped;

		final ByteArrayOutputStream partial = new ByteArrayOutputStream();

	}

	@Override
	public CallbackResult callback(Connection connection, Reason reason, Session session, ByteBuffer in) {
		return switch (reason) {
			case FILTER_PROTOCOL_CONNECTION -> {
				String name = connection.queryParameter("mirror");
				session.mirror = this.mirrors.computeIfAbsent((name != null) ? name : "", Mirror::new);
				yield CallbackResult.CONTINUE;
			}
			case ESTABLISHED -> {
				session.mirror.members.add(connection);
				session.tail = session.mirror.head();
				yield CallbackResult.CONTINUE;
			}
			case RECEIVE -> receive(connection, session, in);
			case SERVER_WRITEABLE -> writeable(connection, session);
			case TIMER -> dropSlowReaders(session.mirror);
			case CLOSED -> {
				leave(connection, session);
				yield CallbackResult.CONTINUE;
			}
			default -> CallbackResult.CONTINUE;
		};
	}

	private CallbackResult receive(Connection connection, Session session, ByteBuffer in) {
		if (session.partial.size() + in.remaining() > MAX_MESSAGE) {
			connection.setCloseReason(1009, "mirror messages are limited to " + MAX_MESSAGE + " bytes");
			return CallbackResult.CLOSE;
		}
		byte[] chunk = new byte[in.remaining()];
		in.get(chunk);
		session.partial.writeBytes(chunk);
		if (!connection.isFinalFragment()) {
			return CallbackResult.CONTINUE;
		}
		Mirror mirror = session.mirror;
		if (mirror.full()) {
			dropSlowReaders(mirror);
		}
		mirror.append(session.partial.toByteArray());
		session.partial.reset();
		for (Connection member : mirror.members) {
			member.requestWritable();
		}
		if (mirror.backlog() >= Mirror.HIGH_WATER && !session.paused) {
			session.paused = true;
			mirror.pausedSenders.add(connection);
			connection.rxFlowControl(false);
			connection.setTimer(SLOW_READER_GRACE);
		}
		return CallbackResult.CONTINUE;
	}

	private CallbackResult writeable(Connection connection, Session session) {
		if (session.dropped) {
			// a WRITEABLE asked for before the drop: the ring has moved on, and what it holds now would leave a gap
			return CallbackResult.CONTINUE;
		}
		Mirror mirror = session.mirror;
		int written = 0;
		while (session.tail < mirror.head() && written < WRITES_PER_CALLBACK) {
			if (connection.write(ByteBuffer.wrap(mirror.get(session.tail)), WriteType.TEXT) < 0) {
				return CallbackResult.CLOSE;
			}
			session.tail++;
			written++;
		}
		if (session.tail < mirror.head()) {
			connection.requestWritable();
		}
		resumeSendersIfDrained(mirror);
		return CallbackResult.CONTINUE;
	}

	private void resumeSendersIfDrained(Mirror mirror) {
		if (mirror.pausedSenders.isEmpty() || mirror.backlog() > Mirror.LOW_WATER) {
			return;
		}
		for (Connection sender : mirror.pausedSenders) {
			((Session) sender.sessionData()).paused = false;
			sender.rxFlowControl(true);
			sender.setTimer(Duration.ZERO);
		}
		mirror.pausedSenders.clear();
	}

	/** A paused sender's grace ran out: drop the members still holding the ring at its oldest message. */
	private CallbackResult dropSlowReaders(Mirror mirror) {
		if (mirror.backlog() < Mirror.HIGH_WATER) {
			return CallbackResult.CONTINUE;
		}
		long oldest = mirror.slowestTail();
		List<Connection> slow = new ArrayList<>();
		for (Connection member : mirror.members) {
			if (((Session) member.sessionData()).tail == oldest) {
				slow.add(member);
			}
		}
		for (Connection member : slow) {
			// lws' LWS_TO_KILL_ASYNC idiom: a reader this far behind would not read a close frame either,
			// so it is dropped on the next sweep rather than asked to close.
			Session s = (Session) member.sessionData();
			s.tail = mirror.head();
			s.dropped = true;
			mirror.members.remove(member);
			member.setCloseReason(1008, "too slow to read the mirror");
			member.setTimeout(Duration.ofNanos(1));
		}
		resumeSendersIfDrained(mirror);
		return CallbackResult.CONTINUE;
	}

	private void leave(Connection connection, Session session) {
		Mirror mirror = session.mirror;
		if (mirror == null) {
			return;
		}
		mirror.members.remove(connection);
		mirror.pausedSenders.remove(connection);
		if (mirror.members.isEmpty()) {
			this.mirrors.remove(mirror.name);
		}
		else {
			resumeSendersIfDrained(mirror);
		}
	}

}
