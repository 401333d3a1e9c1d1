package io.jlws.sample.client;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicInteger;

import io.jlws.CallbackResult;
import io.jlws.Connection;
import io.jlws.Context;
import io.jlws.ContextInfo;
import io.jlws.Protocol;
import io.jlws.Reason;
import io.jlws.WriteType;

/**
 * A core jlws server on 127.0.0.1 that speaks the test server's two protocols but drops every
 * {@code dumb-increment-protocol} connection after {@code numbersBeforeClose} numbers; {@code lws-mirror-protocol}
 * echoes each message to its sender, or swallows them all. Counts the connections established per protocol.
 */
final class DroppingServer implements AutoCloseable {

	final AtomicInteger dumbIncrementConnections = new AtomicInteger();

	final AtomicInteger mirrorConnections = new AtomicInteger();

	private final int numbersBeforeClose;

	private final boolean mirrorEchoes;

	private final Context context;

	DroppingServer(int numbersBeforeClose) throws Exception {
		this(numbersBeforeClose, true);
	}

	DroppingServer(int numbersBeforeClose, boolean mirrorEchoes) throws Exception {
		this.numbersBeforeClose = numbersBeforeClose;
		this.mirrorEchoes = mirrorEchoes;
		Protocol<int[]> dumb = Protocol.builder("dumb-increment-protocol", this::dumbIncrement)
			.sessionData(() -> new int[1])
			.build();
		Protocol<ArrayDeque<byte[]>> mirror = Protocol.builder("lws-mirror-protocol", this::mirror)
			.sessionData(ArrayDeque::new)
			.build();
		this.context = Context.create(
				ContextInfo.builder().address("127.0.0.1").port(0).protocol(dumb).protocol(mirror).build());
		this.context.start();
	}

	int port() {
		return this.context.port();
	}

	private CallbackResult dumbIncrement(Connection c, Reason reason, int[] number, ByteBuffer in) {
		switch (reason) {
			case ESTABLISHED -> {
				this.dumbIncrementConnections.incrementAndGet();
				c.setTimer(Duration.ofMillis(20));
			}
			case TIMER -> c.requestWritable();
			case SERVER_WRITEABLE -> {
				if (number[0] == this.numbersBeforeClose) {
					c.setCloseReason(1001, "going away");
					return CallbackResult.CLOSE;
				}
				c.write(ByteBuffer.wrap(Integer.toString(number[0]++).getBytes(StandardCharsets.US_ASCII)),
						WriteType.TEXT);
				c.setTimer(Duration.ofMillis(20));
			}
			default -> {
			}
		}
		return CallbackResult.CONTINUE;
	}

	private CallbackResult mirror(Connection c, Reason reason, ArrayDeque<byte[]> outbox, ByteBuffer in) {
		switch (reason) {
			case ESTABLISHED -> this.mirrorConnections.incrementAndGet();
			case RECEIVE -> {
				// circles are small: one chunk each
				byte[] message = new byte[in.remaining()];
				in.get(message);
				if (this.mirrorEchoes) {
					outbox.add(message);
					c.requestWritable();
				}
			}
			case SERVER_WRITEABLE -> {
				byte[] message;
				while ((message = outbox.poll()) != null) {
					c.write(ByteBuffer.wrap(message), WriteType.TEXT);
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
