package io.jlws.bench;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

import io.jlws.CallbackResult;
import io.jlws.Connection;
import io.jlws.Context;
import io.jlws.ContextInfo;
import io.jlws.Limits;
import io.jlws.Protocol;
import io.jlws.Reason;
import io.jlws.WriteType;

/**
 * The core-only echo server the benchmark drives: one service thread, every text and binary message echoed on
 * any path, subprotocol {@code echo} (also the default). Usage: {@code CoreEcho PORT}.
 */
public final class CoreEcho {

	private CoreEcho() {
	}

	/** Per-connection state: the message being reassembled and what waits to be sent. */
	static final class Session {

		ByteBuffer partial;

		final ArrayDeque<ByteBuffer> outbox = new ArrayDeque<>();

		final ArrayDeque<WriteType> types = new ArrayDeque<>();

	}

	static CallbackResult echo(Connection c, Reason reason, Session s, ByteBuffer in) {
		if (reason == Reason.RECEIVE) {
			boolean last = c.isFinalFragment();
			if (last && s.partial == null) {
				s.outbox.add(ByteBuffer.allocate(in.remaining()).put(in).flip());
			}
			else {
				int need = in.remaining() + (int) c.remainingPacketPayload();
				if (s.partial == null) {
					s.partial = ByteBuffer.allocate(Math.max(need, 4096));
				}
				else if (s.partial.remaining() < in.remaining()) {
					ByteBuffer grown = ByteBuffer.allocate(Math.max(s.partial.capacity() * 2, s.partial.position() + need));
					s.partial.flip();
					s.partial = grown.put(s.partial);
				}
				s.partial.put(in);
				if (!last) {
					return CallbackResult.CONTINUE;
				}
				s.outbox.add(s.partial.flip());
				s.partial = null;
			}
			s.types.add(c.frameIsBinary() ? WriteType.BINARY : WriteType.TEXT);
			c.requestWritable();
		}
		else if (reason == Reason.SERVER_WRITEABLE) {
			ByteBuffer next;
			while ((next = s.outbox.poll()) != null) {
				c.write(next, s.types.poll());
			}
		}
		return CallbackResult.CONTINUE;
	}

	public static void main(String[] args) throws Exception {
		int port = Integer.parseInt(args[0]);
		Protocol<Session> echo = Protocol.builder("echo", CoreEcho::echo).sessionData(Session::new).rxBufferSize(65536).build();
		Context context = Context.create(ContextInfo.builder()
			.address("127.0.0.1")
			.port(port)
			.protocol(echo)
			.limits(Limits.builder().maxFrameSize(64 << 20).maxMessageSize(64 << 20).maxPendingBytes(256 << 20).build())
			.build());
		Runtime.getRuntime().addShutdownHook(new Thread(context::stop));
		while (context.service(1000)) {
			// the main thread is the service thread
		}
	}

}
