package io.jlws.spring.client;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import io.jlws.CallbackResult;
import io.jlws.Connection;
import io.jlws.Context;
import io.jlws.ContextInfo;
import io.jlws.Protocol;
import io.jlws.Reason;
import io.jlws.WriteType;

/**
 * A core echo server on 127.0.0.1, port 0, for client tests: protocol {@code echo} sends every message back
 * whole, text as text, and records the {@code X-Client} header of every upgrade request.
 */
final class EchoServer implements AutoCloseable {

	final BlockingQueue<String> clientHeaders = new LinkedBlockingQueue<>();

	private final Context context;

	EchoServer() throws Exception {
		Protocol<Session> echo = Protocol.builder("echo", this::callback).sessionData(Session::new).build();
		this.context = Context.create(ContextInfo.builder().address("127.0.0.1").port(0).protocol(echo).build());
		this.context.start();
	}

	int port() {
		return this.context.port();
	}

	private CallbackResult callback(Connection c, Reason reason, Session session, ByteBuffer in) {
		switch (reason) {
			case FILTER_PROTOCOL_CONNECTION -> {
				String header = c.header("X-Client");
				this.clientHeaders.add((header != null) ? header : "(none)");
			}
			case RECEIVE -> {
				byte[] chunk = new byte[in.remaining()];
				in.get(chunk);
				session.message.writeBytes(chunk);
				if (c.isFinalFragment()) {
					session.outbox.add(new Object[] { session.message.toByteArray(),
							c.frameIsBinary() ? WriteType.BINARY : WriteType.TEXT });
					session.message.reset();
					c.requestWritable();
				}
			}
			case SERVER_WRITEABLE -> {
				Object[] m;
				while ((m = session.outbox.poll()) != null) {
					c.write(ByteBuffer.wrap((byte[]) m[0]), (WriteType) m[1]);
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

	static final class Session {

		final ByteArrayOutputStream message = new ByteArrayOutputStream();

		final ArrayDeque<Object[]> outbox = new ArrayDeque<>();

	}

}
