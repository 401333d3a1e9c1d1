package io.jlws.client;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.jlws.CallbackResult;
import io.jlws.ClientConnectInfo;
import io.jlws.Connection;
import io.jlws.Context;
import io.jlws.ContextInfo;
import io.jlws.Limits;
import io.jlws.Protocol;
import io.jlws.WriteType;

/**
 * A started client-only context (no listener, lws CONTEXT_PORT_NO_LISTEN) whose protocol records every event as
 * text ("CLIENT_RECEIVE text hello", "CLIENT_CONNECTION_ERROR connection refused ...") and sends what tests queue.
 */
final class ClientFixture implements AutoCloseable {

	/** Per-connection: frames to write at the next CLIENT_WRITEABLE. */
	static final class Outbox {

		final ArrayDeque<Object[]> frames = new ArrayDeque<>();

		final java.io.ByteArrayOutputStream message = new java.io.ByteArrayOutputStream();

	}

	final BlockingQueue<String> events = new LinkedBlockingQueue<>();

	final Context context;

	ClientFixture(Limits limits) throws Exception {
		Protocol<Outbox> p = Protocol.builder("client", this::callback).sessionData(Outbox::new).build();
		this.context = Context.create(
				ContextInfo.builder().port(ContextInfo.NO_LISTEN).protocol(p).limits(limits).build());
		this.context.start();
	}

	ClientFixture() throws Exception {
		this(Limits.builder()
			.maxFrameSize(32 << 20)
			.maxMessageSize(32 << 20)
			.maxPendingBytes(64 << 20)
			.closeTimeout(java.time.Duration.ofMillis(500))
			.build());
	}

	private CallbackResult callback(Connection c, io.jlws.Reason reason, Outbox out, ByteBuffer in) {
		switch (reason) {
			case CLIENT_RECEIVE -> {
				byte[] b = new byte[in.remaining()];
				in.get(b);
				out.message.writeBytes(b);
				if (c.isFinalFragment()) {
					byte[] m = out.message.toByteArray();
					out.message.reset();
					this.events.add("CLIENT_RECEIVE " + (c.frameIsBinary() ? "binary " + m.length
							: "text " + new String(m, StandardCharsets.UTF_8)));
				}
			}
			case CLIENT_WRITEABLE -> {
				Object[] f;
				while ((f = out.frames.poll()) != null) {
					if (f[0] == null) {
						return CallbackResult.CLOSE;
					}
					c.write(ByteBuffer.wrap((byte[]) f[1]), (WriteType) f[0], (Boolean) f[2]);
				}
			}
			case CLIENT_CONNECTION_ERROR -> this.events.add("CLIENT_CONNECTION_ERROR "
					+ StandardCharsets.UTF_8.decode(in) + " | " + c.closeReason());
			case CLIENT_CLOSED -> this.events.add("CLIENT_CLOSED " + c.closeStatus() + " " + c.closeReason());
			case CLIENT_RECEIVE_PONG -> this.events.add("CLIENT_RECEIVE_PONG " + StandardCharsets.UTF_8.decode(in));
			case CLIENT_ESTABLISHED -> this.events.add("CLIENT_ESTABLISHED " + c.negotiatedSubprotocol());
			default -> {
			}
		}
		return CallbackResult.CONTINUE;
	}

	Connection connect(ClientConnectInfo info) {
		return this.context.connect(info);
	}

	/** Queues a frame (or a close when type is null) and asks for CLIENT_WRITEABLE, on the service thread. */
	void send(Connection c, WriteType type, byte[] payload, boolean fin) throws Exception {
		this.context.executeOn(c.id(), (conn) -> {
			((Outbox) conn.sessionData()).frames.add(new Object[] { type, payload, fin });
			conn.requestWritable();
		}).get(5, TimeUnit.SECONDS);
	}

	void sendText(Connection c, String text) throws Exception {
		send(c, WriteType.TEXT, text.getBytes(StandardCharsets.UTF_8), true);
	}

	String next() throws InterruptedException {
		String e = this.events.poll(10, TimeUnit.SECONDS);
		if (e == null) {
			throw new AssertionError("no client event within 10 s");
		}
		return e;
	}

	@Override
	public void close() {
		this.context.stop();
	}

}
