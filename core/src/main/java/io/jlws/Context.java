package io.jlws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import io.jlws.connection.ClientConnection;
import io.jlws.connection.ConnectionSupport;
import io.jlws.connection.ServerConnection;
import io.jlws.connection.WsConnection;
import io.jlws.log.JlwsLog;
import io.jlws.loop.ConnectionList;
import io.jlws.loop.LoopConnection;
import io.jlws.loop.ServiceLoop;

/**
 * A jlws context: the listening socket, the protocols and one service loop that drives every connection
 * (libwebsockets' {@code struct lws_context}).
 * <p>
 * <b>Threading.</b> One thread services the context: the thread {@link #start()} creates (named by
 * {@link ContextInfo#serviceThreadName()}), or the first thread that calls {@link #service(long)}. Every callback
 * runs on it and every {@link Connection} method must be called on it. Other threads may only call
 * {@link #execute(Runnable)}, {@link #executeOn(long, Consumer)}, {@link #broadcastForeign}, {@link #wakeUp()},
 * {@link #stats()}, {@link #port()}, {@link #setLogLevel(int, LogEmitter)} and {@link #stop()}; these queue work
 * for the service thread and wake it. The queue is bounded ({@link Limits#maxForeignQueue()}): when it is full, or
 * the context is stopping, those calls return {@code false} at once. Work the queue accepted is always run, even
 * when the context stops meanwhile.
 */
public final class Context implements AutoCloseable {

	private final ContextInfo info;

	private final JlwsLog log;

	private final ServiceLoop loop;

	private final ConnectionSupport support;

	private volatile Thread thread;

	private volatile long stopGraceNanos = -1;

	private Context(ContextInfo info) throws IOException {
		this.info = info;
		this.log = new JlwsLog(info.logLevel(), info.logEmitter());
		for (Protocol<?> p : info.protocols()) {
			p.bind(this);
		}
		this.support = new ConnectionSupport(info, this.log, serverTls(info, this.log));
		LoopConnection.Factory factory = ServerConnection.factory(this.support);
		this.loop = new ServiceLoop(this, info, this.log, factory);
	}

	/**
	 * Builds the listener's TLS context and says what it will negotiate: suites at NOTICE, suites the provider
	 * lacks at WARN, a generated certificate at WARN.
	 * @throws io.jlws.tls.TlsConfigException for unusable settings (unknown cipher names, no suite left, bad PEM)
	 */
	private static io.jlws.tls.TlsContext serverTls(ContextInfo info, JlwsLog log) {
		io.jlws.tls.TlsSettings settings = info.tls();
		if (settings == null) {
			return null;
		}
		io.jlws.tls.TlsSettings.quietJsseLogging();
		io.jlws.tls.TlsContext tls = settings.createServerContext();
		if (settings.selfSigned() && settings.certificatePath() == null) {
			log.warn("ssl_self_signed: serving a generated self-signed certificate; for development only");
		}
		if (!tls.skippedSuites().isEmpty()) {
			log.warn("ssl_cipher_list names suites the TLS provider lacks, skipped: {}", tls.skippedSuites());
		}
		tls.notes().forEach((note) -> log.notice("tls: {}", note));
		log.notice("tls on: protocols {}, cipher suites {}", tls.protocols(), tls.cipherSuites());
		return tls;
	}

	/**
	 * Creates a context and binds its listener (lws {@code lws_create_context}). Nothing is serviced until
	 * {@link #start()} or {@link #service(long)}.
	 * @throws IOException when the port cannot be bound
	 */
	public static Context create(ContextInfo info) throws IOException {
		return new Context(Objects.requireNonNull(info, "info"));
	}

	/** The settings this context was created from. */
	public ContextInfo info() {
		return this.info;
	}

	/** The bound port (useful after asking for port 0), or -1 without a listener. Any thread. */
	public int port() {
		return this.loop.port();
	}

	/** The effective connection limit (fd limit minus reserve, capped by {@link Limits#maxConnections()}). */
	public int maxConnections() {
		return this.loop.maxConnections();
	}

	/** A snapshot of the counters, refreshed a few times a second. Any thread. */
	public ContextStats stats() {
		return this.loop.stats();
	}

	/** The protocol of that name, or {@code null}. */
	public Protocol<?> protocol(String name) {
		for (Protocol<?> p : this.info.protocols()) {
			if (p.name().equals(name)) {
				return p;
			}
		}
		return null;
	}

	// ---- servicing --------------------------------------------------------------------------------

	/**
	 * Runs one loop turn, waiting at most {@code timeoutMillis} for something to do (lws {@code lws_service}).
	 * The first thread to call it becomes the service thread.
	 * @return {@code false} once the context has stopped
	 * @throws IllegalStateException when called from another thread than the service thread
	 */
	public boolean service(long timeoutMillis) {
		requestedStop();
		try {
			return this.loop.service(timeoutMillis);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("service loop failed", ex);
		}
	}

	// ---- external poll loop -------------------------------------------------------------------------

	/**
	 * Services one channel the application's poll loop found ready (lws {@code lws_service_fd}). Pass every ready
	 * channel: for jlws' own it handles the readiness and zeroes {@link PollFd#revents()}; for the application's
	 * channels it leaves {@code revents} untouched so the caller services them. Only for contexts created with
	 * {@link ContextInfo.Builder#externalPoll(boolean)}; the calling thread becomes the service thread.
	 */
	public void serviceFd(PollFd pollFd) {
		this.loop.serviceFd(pollFd);
	}

	/**
	 * Runs the work that does not wait for a socket: foreign tasks, wake-ups, WRITEABLE requests, timers and
	 * timeouts. An external loop calls it after each poll (and after {@link #adjustTimeout(long)} ms at the latest).
	 * @return {@code false} once the context has stopped
	 */
	public boolean servicePending() {
		requestedStop();
		return this.loop.servicePending();
	}

	/**
	 * How long an external poll loop may sleep, at most {@code maxMillis}: less when a timer or timeout is due,
	 * 0 when work is pending (lws {@code lws_service_adjust_timeout}).
	 */
	public long adjustTimeout(long maxMillis) {
		return this.loop.adjustTimeout(maxMillis);
	}

	/** During {@link Reason#ADD_POLL_FD} and the other poll callbacks: the channel and events; else {@code null}. */
	public PollArgs pollArgs() {
		return this.loop.pollArgs();
	}

	/**
	 * Services an application channel in this context's loop, next to the WebSocket connections (the seeds'
	 * "service other sockets as well as the websocket ones in one thread"). Service thread only.
	 * @param channel a non-blocking channel
	 * @param ops the initial interest set, {@code SelectionKey.OP_*}
	 * @param handler called on the service thread when the channel is ready or closed
	 * @throws java.io.UncheckedIOException when the channel cannot be registered
	 */
	public AdoptedChannel adopt(java.nio.channels.SelectableChannel channel, int ops, AdoptedChannel.Handler handler) {
		this.loop.checkThread();
		try {
			return this.loop.adopt(channel, ops, handler);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot adopt " + channel, ex);
		}
	}

	/**
	 * Takes an already accepted socket as if this context's listener had accepted it: HTTP, then maybe WebSocket
	 * (lws {@code lws_adopt_socket}). Service thread only.
	 * @return {@code false} when the socket could not be set up (it is closed)
	 */
	public boolean adoptSocket(java.nio.channels.SocketChannel socket) {
		this.loop.checkThread();
		return this.loop.adoptAccepted(socket, System.nanoTime());
	}

	/** Begins a stop that {@link #stop(Duration)} requested from another thread, on the service thread. */
	private void requestedStop() {
		long grace = this.stopGraceNanos;
		if (grace >= 0 && !this.loop.isStopping()) {
			this.loop.claim();
			this.loop.beginStop(grace);
		}
	}

	/**
	 * Starts a service thread that calls {@link #service(long)} until the context stops.
	 * @throws IllegalStateException when already started
	 */
	public synchronized void start() {
		if (this.thread != null) {
			throw new IllegalStateException("Context already started");
		}
		Thread t = new Thread(this::runLoop, this.info.serviceThreadName());
		this.thread = t;
		t.start();
	}

	private void runLoop() {
		try {
			while (service(1000)) {
				// each turn does its own work
			}
		}
		catch (RuntimeException | Error ex) {
			this.log.err("service loop died: {}", ex.toString());
			throw ex;
		}
	}

	/** Whether the loop has not terminated yet. */
	public boolean isRunning() {
		return !this.loop.isTerminated();
	}

	/** Stops with the limits' close timeout as the grace period. See {@link #stop(Duration)}. */
	public void stop() {
		stop(this.info.limits().closeTimeout());
	}

	/**
	 * Stops the context: the listener closes, new foreign work is refused, every WebSocket gets a 1001 close, and
	 * the loop ends when all connections are gone or the grace period is over (the rest are dropped). Queued
	 * foreign tasks still run; broadcasts reach only connections still open. Then every protocol gets
	 * {@link Reason#PROTOCOL_DESTROY} (lws {@code lws_context_destroy}). From another thread this waits for the
	 * service thread started by {@link #start()} to end. On a context never serviced, or on the thread that
	 * drives {@link #service(long)} (outside a callback), it runs the loop to its end itself; inside a callback it
	 * only requests the stop and the loop ends after the current turn. Foreign work is refused from this call on.
	 */
	public void stop(Duration grace) {
		if (this.stopGraceNanos < 0) {
			this.stopGraceNanos = Math.max(0, grace.toNanos());
		}
		this.loop.refuseTasks();
		this.loop.wakeUp(false);
		Thread t = this.thread;
		if (t != null && t != Thread.currentThread()) {
			try {
				t.join(grace.toMillis() + 5000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		else if (this.info.externalPoll()) {
			// The application's loop thread begins the stop at its next servicePending() and must go on calling
			// serviceFd/servicePending until that returns false; claiming the loop here would steal it.
			return;
		}
		else if (t == null && this.loop.isServiceThread() && !this.loop.isInService()) {
			// Nobody else will turn this loop (never started, or driven by this thread between turns):
			// run it to the end here so the listener and every socket are released.
			while (service(10)) {
				// closing handshakes and the grace period run their course
			}
		}
	}

	/** Same as {@link #stop()}. */
	@Override
	public void close() {
		stop();
	}

	// ---- client connections -----------------------------------------------------------------------

	/**
	 * Starts a client connection (lws {@code lws_client_connect_via_info}) and returns its handle at once; it is
	 * usable only after {@link Reason#CLIENT_ESTABLISHED}. Failures (name resolution, refused, connect timeout,
	 * handshake timeout, a non-101 answer, a bad {@code Sec-WebSocket-Accept}, a subprotocol or extension that was
	 * not offered, rejection by {@link Reason#CLIENT_FILTER_PRE_ESTABLISH}) arrive as
	 * {@link Reason#CLIENT_CONNECTION_ERROR} on the bound protocol with the reason in {@code in}. Nothing blocks
	 * the loop: names resolve on a helper thread and the connect is non-blocking. Any thread: off the service
	 * thread the start is queued like {@link #execute(Runnable)}.
	 * @throws IllegalArgumentException when the context has no protocol to bind the connection to
	 * @throws java.util.concurrent.RejectedExecutionException off the service thread when the foreign queue is full
	 * or the context is stopping
	 */
	public Connection connect(ClientConnectInfo info) {
		Protocol<?> bound = clientProtocol(info);
		ClientConnection conn = ClientConnection.create(this.loop, this.support, info, bound);
		if (this.loop.isServiceThread() && this.loop.isInService()) {
			conn.start();
		}
		else if (!this.loop.offer(conn::start)) {
			throw new java.util.concurrent.RejectedExecutionException(
					"Cannot start the connection: the foreign queue is full or the context is stopping");
		}
		return conn;
	}

	private Protocol<?> clientProtocol(ClientConnectInfo info) {
		if (info.protocol() != null) {
			Protocol<?> p = protocol(info.protocol());
			if (p == null) {
				throw new IllegalArgumentException("No protocol named '" + info.protocol() + "' in this context");
			}
			return p;
		}
		for (String offered : info.subprotocols()) {
			Protocol<?> p = protocol(offered);
			if (p != null) {
				return p;
			}
		}
		if (this.info.protocols().isEmpty()) {
			throw new IllegalArgumentException("A client connection needs a protocol in the context to bind to");
		}
		return this.info.protocols().get(0);
	}

	// ---- other threads ----------------------------------------------------------------------------

	/**
	 * Wakes the service loop; every protocol then gets one {@link Reason#EVENT_WAIT_CANCELLED} (wake-ups before
	 * the loop turns coalesce). Any thread (lws {@code lws_cancel_service}).
	 */
	public void wakeUp() {
		this.loop.wakeUp(true);
	}

	/**
	 * Runs a task on the service thread. Any thread.
	 * @return {@code false} when the queue is full or the context is stopping (the task will not run)
	 */
	public boolean execute(Runnable task) {
		return this.loop.offer(Objects.requireNonNull(task, "task"));
	}

	/**
	 * Runs a task with a connection on the service thread, if that connection still lives then. Any thread.
	 * Inside the task the connection may be used as in a callback, except that {@code write} needs
	 * {@code requestWritable()} and a WRITEABLE callback as usual.
	 * @return completes with {@code true} after the task ran, {@code false} when the connection was gone or the
	 * queue refused the task, or exceptionally with what the task threw; completed on the service thread, so do
	 * not block in its dependents
	 */
	public CompletableFuture<Boolean> executeOn(long connectionId, Consumer<Connection> task) {
		Objects.requireNonNull(task, "task");
		CompletableFuture<Boolean> result = new CompletableFuture<>();
		boolean queued = this.loop.offer(() -> {
			LoopConnection conn = this.loop.connection(connectionId);
			if (!(conn instanceof Connection c) || (conn instanceof WsConnection s && s.isClosed())) {
				result.complete(false);
				return;
			}
			try {
				task.accept(c);
				result.complete(true);
			}
			catch (RuntimeException ex) {
				result.completeExceptionally(ex);
			}
		});
		if (!queued) {
			result.complete(false);
		}
		return result;
	}

	/**
	 * Delivers {@link Reason#BROADCAST} with a copy of the payload to every established connection of the protocol,
	 * on the service thread (libwebsockets' {@code libwebsockets_broadcast_foreign}). The callback may write; when
	 * it writes nothing and {@code type} is not {@code null}, jlws sends the payload itself as one final frame of
	 * that type. Any thread.
	 * @param protocolName the protocol's name
	 * @param payload the bytes between position and limit (copied; the buffer is not modified)
	 * @param type how to send the payload when the callback does not, or {@code null} to leave it to the callback
	 * @return {@code false} when the queue is full or the context is stopping
	 * @throws IllegalArgumentException when no protocol has that name
	 */
	public boolean broadcastForeign(String protocolName, ByteBuffer payload, WriteType type) {
		Protocol<?> protocol = protocol(protocolName);
		if (protocol == null) {
			throw new IllegalArgumentException("No protocol named '" + protocolName + "'");
		}
		ByteBuffer copy = ByteBuffer.allocate(payload.remaining()).put(payload.duplicate()).flip().asReadOnlyBuffer();
		return this.loop.offer(() -> {
			ConnectionList<LoopConnection> members = this.loop.established(protocol);
			members.forEachSnapshot((conn) -> ((WsConnection) conn).deliverBroadcast(copy, type));
		});
	}

	/**
	 * Asks for a WRITEABLE callback on every established connection of the protocol (lws
	 * {@code lws_callback_on_writable_all_protocol}). Service thread only.
	 */
	public void requestWritableAll(Protocol<?> protocol) {
		this.loop.checkThread();
		ConnectionList<LoopConnection> members = this.loop.established(protocol);
		for (int i = 0; i < members.size(); i++) {
			((Connection) members.get(i)).requestWritable();
		}
	}

	// ---- logging ----------------------------------------------------------------------------------

	/**
	 * Sets the log level mask and, unless {@code null}, the emitter (lws {@code lws_set_log_level}). Any thread.
	 * @param bits {@link LogLevel} bits
	 * @param emitter receives lines that pass the mask; {@code null} keeps the current one
	 */
	public void setLogLevel(int bits, LogEmitter emitter) {
		this.log.set(bits, emitter);
	}

	/** The current log level mask. */
	public int logLevel() {
		return this.log.mask();
	}

	/** Logs a line with this context's mask and emitter, e.g. {@code LogLevel.USER} (lws {@code lwsl_user}). */
	public void log(int level, String format, Object... args) {
		this.log.log(level, format, args);
	}

}
