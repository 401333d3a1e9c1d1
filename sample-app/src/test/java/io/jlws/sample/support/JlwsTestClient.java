package io.jlws.sample.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.jlws.CallbackResult;
import io.jlws.ClientConnectInfo;
import io.jlws.Connection;
import io.jlws.Context;
import io.jlws.ContextInfo;
import io.jlws.Limits;
import io.jlws.Protocol;
import io.jlws.Reason;
import io.jlws.WriteType;

/**
 * A test client made of the core jlws client: one {@link Context} without a listener
 * ({@link ContextInfo#NO_LISTEN}) on a service thread of its own, and one {@link Protocol} whose callback records,
 * per connection, what arrives (messages reassembled with the fragment API, each with the chunks it came in) and
 * sends what the test queued, from {@link Reason#CLIENT_WRITEABLE} only, as the threading rules demand.
 * {@link #close()} stops the context (1001 to every open connection) and ends its thread.
 */
public final class JlwsTestClient implements AutoCloseable {

	/** The bound of every wait in the helpers. */
	public static final Duration TIMEOUT = Duration.ofSeconds(20);

	/** Client-side limits large enough for the echo protocol's 16 MiB messages. */
	public static final Limits LIMITS = Limits.builder()
		.maxFrameSize(32L * 1024 * 1024)
		.maxMessageSize(32L * 1024 * 1024)
		.maxPendingBytes(64 * 1024 * 1024)
		.build();

	private static final String PROTOCOL = "test-client";

	/** Bytes written per CLIENT_WRITEABLE before asking for the next one (keeps the pending buffer small). */
	private static final int WRITE_BUDGET = 1024 * 1024;

	private static final AtomicInteger INSTANCES = new AtomicInteger();

	private final Context context;

	private final List<Session> sessions = new ArrayList<>();

	public JlwsTestClient() throws IOException {
		Protocol<Session> protocol = Protocol.<Session>builder(PROTOCOL, (connection, reason, session, in) -> {
			if (session == null) {
				return CallbackResult.CONTINUE; // protocol-wide reasons
			}
			return session.on(connection, reason, in);
		}).build();
		this.context = Context.create(ContextInfo.builder()
			.port(ContextInfo.NO_LISTEN)
			.protocol(protocol)
			.limits(LIMITS)
			.serviceThreadName("jlws-test-client-" + INSTANCES.incrementAndGet())
			.build());
		this.context.start();
	}

	/** The client's context. */
	public Context context() {
		return this.context;
	}

	/** Connects to {@code ws://127.0.0.1:port/path} offering the subprotocols (none: no header). */
	public Session connect(int port, String path, String... subprotocols) {
		return connect(ClientConnectInfo.builder("127.0.0.1", port).path(path).subprotocols(subprotocols));
	}

	/** Connects with the given settings; the session data and bound protocol are the client's own. */
	public Session connect(ClientConnectInfo.Builder info) {
		Session session = new Session(this.context);
		synchronized (this.sessions) {
			this.sessions.add(session);
		}
		session.connection = this.context.connect(info.protocol(PROTOCOL).sessionData(session).build());
		return session;
	}

	/** Stops the client context: every open connection gets a close 1001, then the service thread ends. */
	@Override
	public void close() {
		this.context.stop(Duration.ofSeconds(3));
	}

	/** One chunk as CLIENT_RECEIVE delivered it, with the fragment API's answers at that moment. */
	public record Chunk(boolean first, boolean last, boolean binary, long remainingInFrame, int length) {
	}

	/** One reassembled message; {@code data} holds at most the session's keep-bytes prefix. */
	public record Message(boolean binary, byte[] data, int length, int frames, List<Chunk> chunks) {

		public String text() {
			return new String(this.data, StandardCharsets.UTF_8);
		}

		@Override
		public String toString() {
			return (this.binary ? "binary" : "text") + "[" + this.length + " bytes, " + this.frames + " frames"
					+ (this.binary ? "" : ", '" + abbreviate(text()) + "'") + "]";
		}

		private static String abbreviate(String s) {
			return (s.length() > 60) ? s.substring(0, 60) + "..." : s;
		}

	}

	/** How a connection ended. */
	public record Closed(int status, String reason) {
	}

	private record Frame(WriteType type, byte[] data, boolean fin) {
	}

	/** One client connection: what arrived, what to send. Any thread, except the {@code on} callback. */
	public static final class Session {

		private final Context context;

		volatile Connection connection;

		private final CompletableFuture<String> established = new CompletableFuture<>();

		private final CompletableFuture<String> connectionError = new CompletableFuture<>();

		private final CompletableFuture<Closed> closed = new CompletableFuture<>();

		private final LinkedBlockingQueue<Message> messages = new LinkedBlockingQueue<>();

		private final ConcurrentLinkedQueue<Frame> outbox = new ConcurrentLinkedQueue<>();

		private final AtomicInteger received = new AtomicInteger();

		private final AtomicInteger sent = new AtomicInteger();

		private volatile long lastReceiveNanos = System.nanoTime();

		private volatile int keepBytes = Integer.MAX_VALUE;

		private volatile boolean closeRequested;

		private volatile int closeStatus;

		private volatile String closeText;

		// service thread only: the message being reassembled
		private ByteArrayOutputStream partial = new ByteArrayOutputStream();

		private List<Chunk> chunks = new ArrayList<>();

		private int partialLength;

		private int frames;

		Session(Context context) {
			this.context = context;
		}

		CallbackResult on(Connection conn, Reason reason, ByteBuffer in) {
			switch (reason) {
				case CLIENT_ESTABLISHED -> this.established.complete(conn.negotiatedSubprotocol());
				case CLIENT_CONNECTION_ERROR -> {
					String why = StandardCharsets.UTF_8.decode(in).toString();
					this.connectionError.complete(why);
					this.established.completeExceptionally(new IllegalStateException("connection error: " + why));
				}
				case CLIENT_RECEIVE -> receive(conn, in);
				case CLIENT_WRITEABLE -> {
					return writeable(conn);
				}
				case CLIENT_CLOSED -> this.closed.complete(new Closed(conn.closeStatus(), conn.closeReason()));
				default -> {
				}
			}
			return CallbackResult.CONTINUE;
		}

		private void receive(Connection conn, ByteBuffer in) {
			if (conn.isFirstFragment()) {
				this.partial = new ByteArrayOutputStream();
				this.chunks = new ArrayList<>();
				this.partialLength = 0;
				this.frames = 0;
			}
			int length = in.remaining();
			this.chunks.add(new Chunk(conn.isFirstFragment(), conn.isFinalFragment(), conn.frameIsBinary(),
					conn.remainingPacketPayload(), length));
			int keep = Math.min(length, Math.max(0, this.keepBytes - this.partial.size()));
			byte[] bytes = new byte[keep];
			in.get(bytes);
			in.position(in.limit());
			this.partial.writeBytes(bytes);
			this.partialLength += length;
			if (conn.remainingPacketPayload() == 0) {
				this.frames++;
			}
			if (conn.isFinalFragment()) {
				this.messages.add(new Message(conn.frameIsBinary(), this.partial.toByteArray(), this.partialLength,
						this.frames, List.copyOf(this.chunks)));
				this.lastReceiveNanos = System.nanoTime();
				this.received.incrementAndGet();
			}
		}

		private CallbackResult writeable(Connection conn) {
			if (this.closeRequested) {
				conn.setCloseReason(this.closeStatus, this.closeText);
				return CallbackResult.CLOSE;
			}
			long written = 0;
			Frame frame;
			while (written < WRITE_BUDGET && (frame = this.outbox.poll()) != null) {
				conn.write(ByteBuffer.wrap(frame.data()), frame.type(), frame.fin());
				written += frame.data().length;
				this.sent.incrementAndGet();
			}
			if (!this.outbox.isEmpty()) {
				conn.requestWritable();
			}
			return CallbackResult.CONTINUE;
		}

		// ---- test thread API ----------------------------------------------------------------------

		/** Keeps only the first {@code bytes} of each message (lengths stay exact); for bulk tests. */
		public Session keepBytes(int bytes) {
			this.keepBytes = bytes;
			return this;
		}

		/** Waits for CLIENT_ESTABLISHED; returns the negotiated subprotocol ({@code null}: none). */
		public String awaitEstablished() {
			try {
				return this.established.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (ExecutionException ex) {
				throw new AssertionError("Not established: " + ex.getCause().getMessage(), ex.getCause());
			}
			catch (TimeoutException | InterruptedException ex) {
				throw new AssertionError("Not established within " + TIMEOUT, ex);
			}
		}

		/** Waits for CLIENT_CONNECTION_ERROR; returns its reason. */
		public String awaitConnectionError() {
			return await(this.connectionError, "CLIENT_CONNECTION_ERROR");
		}

		/** Waits for CLIENT_CLOSED. */
		public Closed awaitClosed() {
			return await(this.closed, "CLIENT_CLOSED");
		}

		public boolean isClosed() {
			return this.closed.isDone();
		}

		/** The next complete message. */
		public Message nextMessage() {
			try {
				Message m = this.messages.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
				if (m == null) {
					throw new AssertionError("No message within " + TIMEOUT);
				}
				return m;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
		}

		/** Messages received and not yet taken, taken now. */
		public List<Message> drain() {
			List<Message> out = new ArrayList<>();
			this.messages.drainTo(out);
			return out;
		}

		/** Complete messages received so far. */
		public int received() {
			return this.received.get();
		}

		/** {@link System#nanoTime()} of the last complete message (of the session's creation before any). */
		public long lastReceiveNanos() {
			return this.lastReceiveNanos;
		}

		/** Frames handed to {@code write} so far. */
		public int sent() {
			return this.sent.get();
		}

		/** Frames queued and not written yet. */
		public int unsent() {
			return this.outbox.size();
		}

		public Session sendText(String text) {
			return send(WriteType.TEXT, text.getBytes(StandardCharsets.UTF_8), true);
		}

		public Session sendBinary(byte[] data) {
			return send(WriteType.BINARY, data, true);
		}

		/** Queues a frame (a fragment when {@code fin} is false) and asks for CLIENT_WRITEABLE. */
		public Session send(WriteType type, byte[] data, boolean fin) {
			this.outbox.add(new Frame(type, data, fin));
			onConnection(Connection::requestWritable);
			return this;
		}

		/** Stops reading the socket (lws_rx_flow_control(wsi, 0)); returns once it took effect. */
		public void pauseReading() {
			onConnection((c) -> c.rxFlowControl(false));
		}

		/** Reads again. */
		public void resumeReading() {
			onConnection((c) -> c.rxFlowControl(true));
		}

		/** Closes from the next CLIENT_WRITEABLE with this status and reason. */
		public void close(int status, String reason) {
			this.closeStatus = status;
			this.closeText = reason;
			this.closeRequested = true;
			onConnection(Connection::requestWritable);
		}

		private void onConnection(java.util.function.Consumer<Connection> task) {
			Boolean ran = await(this.context.executeOn(this.connection.id(), task), "a task on the client loop");
			if (!ran) {
				throw new AssertionError("The client connection is gone");
			}
		}

		private static <T> T await(CompletableFuture<T> future, String what) {
			try {
				return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (ExecutionException ex) {
				throw new AssertionError(what + " failed", ex.getCause());
			}
			catch (TimeoutException | InterruptedException ex) {
				throw new AssertionError("No " + what + " within " + TIMEOUT, ex);
			}
		}

	}

}
