package io.jlws.server;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

import io.jlws.CallbackResult;
import io.jlws.Context;
import io.jlws.ContextInfo;
import io.jlws.Limits;
import io.jlws.Protocol;
import io.jlws.Reason;
import io.jlws.WriteType;

/** A core-only echo server on 127.0.0.1:0 for loop tests; reassembles with the seeds' fragment idiom. */
final class EchoServer implements AutoCloseable {

	static final class Session {

		final ByteArrayOutputStream message = new ByteArrayOutputStream();

		final ArrayDeque<Object[]> outbox = new ArrayDeque<>();

	}

	final Context context;

	EchoServer(Limits limits) throws Exception {
		Protocol<Session> echo = Protocol.builder("echo", EchoServer::callback).sessionData(Session::new).build();
		this.context = Context.create(
				ContextInfo.builder().address("127.0.0.1").port(0).protocol(echo).limits(limits).build());
		this.context.start();
	}

	EchoServer() throws Exception {
		this(Limits.builder().maxFrameSize(32 << 20).maxMessageSize(32 << 20).maxPendingBytes(64 << 20).build());
	}

	int port() {
		return this.context.port();
	}

	static CallbackResult callback(io.jlws.Connection conn, Reason reason, Session session, ByteBuffer in) {
		switch (reason) {
			case RECEIVE -> {
				byte[] chunk = new byte[in.remaining()];
				in.get(chunk);
				session.message.writeBytes(chunk);
				if (conn.isFinalFragment()) {
					session.outbox.add(new Object[] { session.message.toByteArray(), conn.frameIsBinary() });
					session.message.reset();
					conn.requestWritable();
				}
			}
			case SERVER_WRITEABLE -> {
				Object[] next;
				while ((next = session.outbox.poll()) != null) {
					conn.write(ByteBuffer.wrap((byte[]) next[0]),
							((Boolean) next[1]) ? WriteType.BINARY : WriteType.TEXT);
				}
			}
			default -> {
			}
		}
		return CallbackResult.CONTINUE;
	}

	@Override
	public void close() {
		this.context.stop();
	}

}
