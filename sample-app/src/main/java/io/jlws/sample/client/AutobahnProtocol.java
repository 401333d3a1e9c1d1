package io.jlws.sample.client;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

import io.jlws.Callback;
import io.jlws.CallbackResult;
import io.jlws.Connection;
import io.jlws.Reason;
import io.jlws.WriteType;
import io.jlws.sample.SampleMode;
import io.jlws.spring.annotation.WebSocketProtocol;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * The Autobahn TestSuite client testee's protocol, lws style (one callback, a reason switch): every connection
 * carries its {@link Step} as session data ({@code ClientConnectInfo.sessionData}, lws {@code userdata}). An echo
 * step sends every message back unchanged, text as text and binary as binary, reassembled with the fragment API up
 * to {@code jlws.limits.max-message-size} (larger closes with 1009); other steps keep the last text message (the
 * case count). When more than {@link #MAX_QUEUED} echoes wait to be sent, reading pauses
 * ({@code rxFlowControl}). Service thread only.
 */
@ConditionalOnProperty(SampleMode.AUTOBAHN)
@WebSocketProtocol(AutobahnProtocol.NAME)
public class AutobahnProtocol implements Callback<AutobahnProtocol.Step> {

	static final String NAME = "autobahn-testee";

	static final int MAX_QUEUED = 16;

	/**
	 * One connection of the testee's run: {@link #done} completes when it is over, with the close status, or
	 * exceptionally when it could not be established. The other fields belong to the service thread; read them
	 * only after {@code done} completed.
	 */
	public static final class Step {

		final boolean echo;

		final CompletableFuture<Integer> done = new CompletableFuture<>();

		String text;

		String closeReason = "";

		private ByteBuffer message = ByteBuffer.allocate(0);

		private final ArrayDeque<ByteBuffer> outbox = new ArrayDeque<>();

		private final ArrayDeque<WriteType> types = new ArrayDeque<>();

		private boolean paused;

		Step(boolean echo) {
			this.echo = echo;
		}

	}

	@Override
	public CallbackResult callback(Connection connection, Reason reason, Step step, ByteBuffer in) {
		if (step == null) {
			return CallbackResult.CONTINUE;
		}
		switch (reason) {
			case CLIENT_RECEIVE -> {
				return receive(connection, step, in);
			}
			case CLIENT_WRITEABLE -> {
				ByteBuffer next;
				while ((next = step.outbox.poll()) != null) {
					connection.write(next, step.types.poll());
				}
				if (step.paused) {
					step.paused = false;
					connection.rxFlowControl(true);
				}
			}
			case CLIENT_CLOSED -> {
				step.closeReason = connection.closeReason();
				step.done.complete(connection.closeStatus());
			}
			case CLIENT_CONNECTION_ERROR -> step.done
				.completeExceptionally(new IllegalStateException(StandardCharsets.UTF_8.decode(in).toString()));
			default -> {
			}
		}
		return CallbackResult.CONTINUE;
	}

	private CallbackResult receive(Connection connection, Step step, ByteBuffer in) {
		long max = connection.context().info().limits().maxMessageSize();
		if ((long) step.message.position() + in.remaining() > max) {
			connection.setCloseReason(1009, "messages are limited to " + max + " bytes");
			return CallbackResult.CLOSE;
		}
		step.message = append(step.message, in, connection.remainingPacketPayload(), max);
		if (!connection.isFinalFragment()) {
			return CallbackResult.CONTINUE;
		}
		ByteBuffer whole = step.message.flip();
		step.message = ByteBuffer.allocate(0);
		boolean binary = connection.frameIsBinary();
		if (!step.echo) {
			step.text = binary ? null : StandardCharsets.UTF_8.decode(whole).toString();
			return CallbackResult.CONTINUE;
		}
		step.outbox.add(whole);
		step.types.add(binary ? WriteType.BINARY : WriteType.TEXT);
		connection.requestWritable();
		if (step.outbox.size() >= MAX_QUEUED && !step.paused) {
			step.paused = true;
			connection.rxFlowControl(false);
		}
		return CallbackResult.CONTINUE;
	}

	/** Appends, growing to fit this chunk plus what is known to follow in the frame, at most to {@code max}. */
	private static ByteBuffer append(ByteBuffer into, ByteBuffer chunk, long stillToCome, long max) {
		if (into.remaining() < chunk.remaining()) {
			long want = Math.max((long) into.position() + chunk.remaining() + Math.max(0, stillToCome),
					into.capacity() * 2L);
			ByteBuffer grown = ByteBuffer.allocate((int) Math.min(want, Math.min(max, Integer.MAX_VALUE - 8)));
			into.flip();
			grown.put(into);
			into = grown;
		}
		return into.put(chunk);
	}

}
