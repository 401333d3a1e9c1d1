package io.jlws.loop;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.jlws.Callback;
import io.jlws.CallbackResult;
import io.jlws.Connection;
import io.jlws.PollArgs;
import io.jlws.PollFd;
import io.jlws.Context;
import io.jlws.ContextInfo;
import io.jlws.ContextStats;
import io.jlws.Protocol;
import io.jlws.Reason;
import io.jlws.log.JlwsLog;

/**
 * The service loop: one selector, the listening socket, the shared read buffer and write staging buffer, the
 * foreign-task queue, timers and the once-per-interval sweep (lws {@code lws_service} and
 * {@code lws_service_periodic}).
 * <p>
 * Threading: owned by one thread, the first to call {@link #service(long)}; every other method is for that thread
 * too except {@link #offer(Runnable)}, {@link #wakeUp(boolean)} and {@link #stats()}.
 */
public final class ServiceLoop {

	/** How often connection timeouts, pings and statistics are checked (lws checks once a second). */
	static final long SWEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(100);


	private final Context context;

	private final ContextInfo info;

	private final JlwsLog log;

	private final Poller poller;

	/** jlws' own selector, or {@code null} in external-poll mode. */
	private final SelectorPoller selectorPoller;

	/** Poll callbacks come during context creation too, before any thread owns the loop: a thread-local fits. */
	private static final ThreadLocal<PollArgs> POLL_ARGS = new ThreadLocal<>();

	/** The listening socket, or {@code null} without one (lws CONTEXT_PORT_NO_LISTEN). */
	private final Listener listener;


	private final int port;

	private final int maxConnections;

	private final KeepAliveOptions keepAlive;

	private final ByteBuffer readBuffer;

	private final ByteBuffer readView;

	private final LoopConnection.Factory factory;

	private final TaskQueue tasks;

	/** Made once: a method reference per turn would allocate on every turn. */
	private final java.util.function.Consumer<Runnable> taskRunner = this::runTask;

	private final TimerQueue timers = new TimerQueue();

	private final ConnectionList<LoopConnection> all = new ConnectionList<>(0);

	private final Map<Protocol<?>, ConnectionList<LoopConnection>> established = new LinkedHashMap<>();

	private final Map<Long, LoopConnection> byId = new HashMap<>();

	private final ArrayDeque<LoopConnection> writable = new ArrayDeque<>();

	private final java.util.List<Adopted> adopted = new java.util.ArrayList<>();

	private final ArrayDeque<LoopConnection> resumed = new ArrayDeque<>();

	private final AtomicBoolean wakePending = new AtomicBoolean();

	private final AtomicBoolean cancelPending = new AtomicBoolean();

	private final LoopCounters counters = new LoopCounters();

	private volatile ContextStats stats;

	private volatile Thread owner;

	private boolean initialized;


	private long nextSweep;

	private final java.util.concurrent.atomic.AtomicLong nextId = new java.util.concurrent.atomic.AtomicLong(1);

	private final Resolver resolver = new Resolver(this);

	private boolean stopping;

	private long stopDeadline;

	private volatile boolean terminated;

	private boolean inService;

	public ServiceLoop(Context context, ContextInfo info, JlwsLog log, LoopConnection.Factory factory)
			throws IOException {
		this.context = context;
		this.factory = factory;
		this.info = info;
		this.log = log;
		this.tasks = new TaskQueue(info.limits().maxForeignQueue());
		this.readBuffer = ByteBuffer.allocateDirect(info.readBufferSize());
		this.readView = this.readBuffer.duplicate();
		this.keepAlive = new KeepAliveOptions(info.keepAlive(), log);
		this.maxConnections = FdLimits.effectiveMaxConnections(info.limits().maxConnections());
		for (Protocol<?> p : info.protocols()) {
			this.established.put(p, new ConnectionList<>(1));
		}
		this.selectorPoller = info.externalPoll() ? null : new SelectorPoller();
		this.poller = info.externalPoll() ? new ExternalPoller(this) : this.selectorPoller;
		if (this.poller instanceof ExternalPoller external) {
			external.start();
		}
		try {
			this.listener = (info.port() == ContextInfo.NO_LISTEN) ? null : Listener.open(this, info, this.poller);
		}
		catch (IOException ex) {
			this.poller.close();
			throw ex;
		}
		this.port = (this.listener != null) ? this.listener.port() : ContextInfo.NO_LISTEN;
		long fdLimit = FdLimits.maxFileDescriptors();
		log.notice("max connections {} (fd limit {})", this.maxConnections, fdLimit);
		if (info.limits().maxConnections() > this.maxConnections) {
			log.warn("limits.max-connections {} exceeds what the fd limit {} allows; using {}",
					info.limits().maxConnections(), fdLimit, this.maxConnections);
		}
		publishStats(System.nanoTime(), 0);
	}

	// ---- any thread -------------------------------------------------------------------------------

	/** The bound port, or -1 without a listener. */
	public int port() {
		return this.port;
	}

	public int maxConnections() {
		return this.maxConnections;
	}

	/** Queues a task for the service thread and wakes it; {@code false} when full or stopped. */
	public boolean offer(Runnable task) {
		if (!this.tasks.offer(task)) {
			return false;
		}
		wakeUp(false);
		return true;
	}

	/**
	 * Wakes the selector; with {@code cancel} the next turn also delivers EVENT_WAIT_CANCELLED. The flag makes
	 * repeated wake-ups before the loop turns cost one {@code wakeup()} syscall.
	 */
	public void wakeUp(boolean cancel) {
		if (cancel) {
			this.cancelPending.set(true);
		}
		if (Thread.currentThread() != this.owner && this.wakePending.compareAndSet(false, true)) {
			this.poller.wakeUp();
		}
	}

	public ContextStats stats() {
		return this.stats;
	}

	public boolean isTerminated() {
		return this.terminated;
	}

	/** Whether the calling thread owns the loop (or no thread has claimed it yet). */
	public boolean isServiceThread() {
		Thread t = this.owner;
		return t == null || t == Thread.currentThread();
	}

	/** Claims the loop for the current thread. */
	public void claim() {
		Thread me = Thread.currentThread();
		Thread t = this.owner;
		if (t != null && t != me) {
			throw new IllegalStateException("The service loop belongs to thread '" + t.getName()
					+ "'; call service() only from it (libwebsockets is single-threaded)");
		}
		this.owner = me;
	}

	// ---- service thread ---------------------------------------------------------------------------

	public void checkThread() {
		if (this.owner != Thread.currentThread()) {
			throw new IllegalStateException("Called from thread '" + Thread.currentThread().getName()
					+ "': connections may only be used on the service thread; other threads use "
					+ "Context.execute, executeOn, broadcastForeign or wakeUp");
		}
	}

	/**
	 * One loop turn: waits at most {@code timeoutMillis} for I/O (less when work or a timer is due), then handles
	 * ready sockets, foreign tasks, WRITEABLE requests and timers.
	 * @return {@code false} once the loop has terminated
	 */
	public boolean service(long timeoutMillis) throws IOException {
		claim();
		if (this.terminated) {
			return false;
		}
		if (this.inService) {
			throw new IllegalStateException("service() called from inside a callback: the loop is not reentrant");
		}
		this.inService = true;
		try {
			return turn(timeoutMillis);
		}
		finally {
			this.inService = false;
		}
	}

	/** Whether a turn is running (so the caller is inside a callback or task). */
	public boolean isInService() {
		return this.inService;
	}

	private boolean turn(long timeoutMillis) throws IOException {
		if (this.selectorPoller == null) {
			throw new IllegalStateException("This context is in external-poll mode: call serviceFd() for ready "
					+ "channels and servicePending(), not service()");
		}
		long now = System.nanoTime();
		initialize(now);
		long waitNanos = waitNanos(TimeUnit.MILLISECONDS.toNanos(Math.max(0, timeoutMillis)), now);
		Selector selector = this.selectorPoller.selector;
		if (waitNanos == 0) {
			selector.selectNow();
		}
		else {
			selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(waitNanos + 999_999)));
		}
		this.wakePending.set(false);
		now = System.nanoTime();
		var keys = selector.selectedKeys();
		for (SelectionKey key : keys) {
			if (key.isValid()) {
				dispatch(key.attachment(), key.readyOps(), now);
			}
		}
		keys.clear();
		return afterIo();
	}

	private void initialize(long now) {
		if (!this.initialized) {
			this.initialized = true;
			this.nextSweep = now + SWEEP_NANOS;
			for (Protocol<?> p : this.info.protocols()) {
				call(p, null, Reason.PROTOCOL_INIT, null, null);
			}
			publishStats(now, 0);
		}
	}

	/** How long the loop may sleep: at most {@code maxNanos}, less when a timer or the sweep is due, 0 when busy. */
	private long waitNanos(long maxNanos, long now) {
		boolean busy = !this.tasks.isEmpty() || !this.writable.isEmpty() || !this.resumed.isEmpty()
				|| this.cancelPending.get() || this.stopping;
		if (busy) {
			return 0;
		}
		return Math.min(maxNanos, Math.min(this.timers.nanosUntilNext(now), Math.max(0, this.nextSweep - now)));
	}

	/** Hands a ready channel to its owner. */
	private void dispatch(Object attachment, int ready, long now) {
		if (attachment instanceof LoopConnection conn) {
			if ((ready & SelectionKey.OP_CONNECT) != 0) {
				conn.onConnectable();
				return;
			}
			if ((ready & SelectionKey.OP_WRITE) != 0) {
				conn.onWritable();
			}
			if ((ready & SelectionKey.OP_READ) != 0) {
				conn.onReadable(this.readBuffer, this.readView, now);
			}
		}
		else if (attachment instanceof Adopted adopted) {
			adopted.ready(ready);
		}
		else if (attachment instanceof Listener l) {
			l.onAcceptable(now);
		}
		else if (attachment == ExternalPoller.WAKE_PIPE) {
			((ExternalPoller) this.poller).drainWakeUps();
			this.wakePending.set(false);
		}
	}

	/** Everything a turn does after socket readiness: tasks, wake-ups, WRITEABLE, timers, the sweep, stopping. */
	private boolean afterIo() {
		this.tasks.drain(this.taskRunner);
		if (this.cancelPending.getAndSet(false)) {
			for (Protocol<?> p : this.info.protocols()) {
				call(p, null, Reason.EVENT_WAIT_CANCELLED, null, null);
			}
		}
		processResumed();
		deliverWritable();
		this.timers.runDue(System.nanoTime());
		long now = System.nanoTime();
		if (now - this.nextSweep >= 0) {
			long lag = now - this.nextSweep;
			this.nextSweep = now + SWEEP_NANOS;
			sweep(now, lag);
		}
		if (this.stopping && (this.all.size() == 0 || now - this.stopDeadline >= 0)) {
			terminate();
			return false;
		}
		return true;
	}

	// ---- external poll loop (lws_service_fd) ------------------------------------------------------

	/**
	 * Services one channel an external loop found ready (lws {@code lws_service_fd}); zeroes {@code revents} when
	 * the channel is jlws', leaves it for the application otherwise.
	 */
	public void serviceFd(PollFd pollFd) {
		claim();
		if (this.terminated || !(this.poller instanceof ExternalPoller external)) {
			if (this.selectorPoller != null) {
				throw new IllegalStateException("serviceFd() needs a context created with externalPoll(true)");
			}
			return;
		}
		var r = external.lookup(pollFd.channel());
		if (r == null) {
			return;
		}
		int ready = pollFd.revents() & (r.interestOps() | SelectionKey.OP_CONNECT);
		pollFd.revents(0);
		inTurn(() -> {
			long now = System.nanoTime();
			initialize(now);
			dispatch(r.attachment, ready, now);
			return true;
		});
	}

	/**
	 * Runs what does not wait for a socket: foreign tasks, wake-up events, WRITEABLE requests, timers and
	 * timeouts (lws {@code lws_service_adjust_timeout} + the forced service of pending work).
	 * @return {@code false} once the context has stopped
	 */
	public boolean servicePending() {
		claim();
		if (this.terminated) {
			return false;
		}
		return inTurn(() -> {
			initialize(System.nanoTime());
			return afterIo();
		});
	}

	/** How many milliseconds an external loop may sleep before {@link #servicePending()} has work, capped. */
	public long adjustTimeout(long maxMillis) {
		long nanos = waitNanos(TimeUnit.MILLISECONDS.toNanos(Math.max(0, maxMillis)), System.nanoTime());
		return (nanos == 0) ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos + 999_999));
	}

	private boolean inTurn(java.util.function.BooleanSupplier work) {
		if (this.inService) {
			throw new IllegalStateException("service called from inside a callback: the loop is not reentrant");
		}
		this.inService = true;
		try {
			return work.getAsBoolean();
		}
		finally {
			this.inService = false;
		}
	}

	/** Delivers one of the four poll callbacks to the first protocol. */
	void pollCallback(Reason reason, PollArgs args) {
		if (this.info.protocols().isEmpty()) {
			return;
		}
		PollArgs outer = POLL_ARGS.get();
		POLL_ARGS.set(args);
		try {
			call(this.info.protocols().get(0), null, reason, null, null);
		}
		finally {
			POLL_ARGS.set(outer);
		}
	}

	/** The arguments of the poll callback being delivered, else {@code null}. */
	public PollArgs pollArgs() {
		return POLL_ARGS.get();
	}

	/** See {@link PollArgs#current()}. */
	public static PollArgs currentPollArgs() {
		return POLL_ARGS.get();
	}

	private void runTask(Runnable task) {
		try {
			task.run();
		}
		catch (RuntimeException | LinkageError | AssertionError ex) {
			this.log.err("foreign task {} failed: {}", task, stackTrace(ex));
		}
	}

	/** Services an application channel in this loop; it must be non-blocking. */
	public io.jlws.AdoptedChannel adopt(java.nio.channels.SelectableChannel channel, int ops,
			io.jlws.AdoptedChannel.Handler handler) throws IOException {
		if (channel.isBlocking()) {
			throw new IllegalArgumentException("Adopted channels must be non-blocking (configureBlocking(false))");
		}
		Adopted adopted = new Adopted(channel, handler, this.log, this.adopted::remove);
		adopted.registration(this.poller.register(channel, ops, adopted));
		this.adopted.add(adopted);
		return adopted;
	}

	/**
	 * Takes an accepted (or adopted, lws {@code lws_adopt_socket}) socket as a server connection: HTTP, then maybe
	 * WebSocket.
	 * @return {@code false} when the socket could not be set up (it is closed then)
	 */
	public boolean adoptAccepted(SocketChannel ch, long now) {
		try {
			configure(ch);
			LoopConnection conn = this.factory.create(this, ch, nextId(), now);
			track(conn);
			conn.key(this.poller.register(ch, SelectionKey.OP_READ, conn));
			return true;
		}
		catch (IOException ex) {
			this.log.info("could not set up accepted socket: {}", ex.toString());
			closeQuietly(ch);
			return false;
		}
	}

	private void processResumed() {
		for (int n = this.resumed.size(); n > 0; n--) {
			LoopConnection conn = this.resumed.poll();
			conn.processCarry(this.readView);
		}
	}

	private void deliverWritable() {
		for (int n = this.writable.size(); n > 0; n--) {
			LoopConnection conn = this.writable.poll();
			conn.deliverRequestedWriteable();
		}
	}

	private void sweep(long now, long lagNanos) {
		this.all.forEachSnapshot((conn) -> conn.checkTimeouts(now));
		if (this.listener != null && !this.stopping) {
			this.listener.shedIfWaitedTooLong(now, this.info.limits().handshakeTimeout().toNanos());
		}
		publishStats(now, lagNanos);
	}

	private void publishStats(long now, long lagNanos) {
		Map<String, Integer> perProtocol = new LinkedHashMap<>();
		this.established.forEach((p, list) -> perProtocol.put(p.name(), list.size()));
		long paused = (this.listener != null) ? this.listener.pausedNanos(now) : 0;
		LoopCounters c = this.counters;
		this.stats = new ContextStats(this.initialized && !this.terminated, this.port, this.all.size(), this.maxConnections,
				Map.copyOf(perProtocol), c.messagesIn, c.messagesOut, c.bytesIn, c.bytesOut, c.acceptPauses,
				TimeUnit.NANOSECONDS.toMillis(paused), c.rejectedHandshakes, c.protocolErrors,
				TimeUnit.NANOSECONDS.toMillis(lagNanos), this.initialized ? now : 0,
				this.listener != null && this.listener.isPaused(), c.shedConnections);
	}

	// ---- shutdown ---------------------------------------------------------------------------------

	/**
	 * Starts an orderly stop: no more accepts or foreign tasks, every WebSocket gets a 1001 close, and the loop
	 * terminates when all connections are gone or the grace period ends.
	 */
	public void beginStop(long graceNanos) {
		if (this.stopping) {
			return;
		}
		this.stopping = true;
		this.stopDeadline = System.nanoTime() + graceNanos;
		this.tasks.close();
		if (this.listener != null) {
			this.listener.close();
		}
		this.all.forEachSnapshot((conn) -> conn.shutdown());
	}

	/** Refuses further foreign work at once; any thread. The loop itself stops at its next turn. */
	public void refuseTasks() {
		this.tasks.close();
	}

	public boolean isStopping() {
		return this.stopping;
	}

	private void terminate() {
		this.all.forEachSnapshot((conn) -> conn.abort(1006, "context stopped"));
		new java.util.ArrayList<>(this.adopted).forEach(Adopted::close);
		// Work accepted before the stop still runs: the queue refuses new work but keeps what it took.
		this.tasks.close();
		this.tasks.drainAll(this.taskRunner);
		for (Protocol<?> p : this.info.protocols()) {
			call(p, null, Reason.PROTOCOL_DESTROY, null, null);
		}
		this.timers.clear();
		this.resolver.shutdown();
		this.terminated = true;
		this.poller.close();
		publishStats(System.nanoTime(), 0);
	}

	// ---- services for connections -----------------------------------------------------------------

	public TimerQueue timers() {
		return this.timers;
	}

	public LoopCounters counters() {
		return this.counters;
	}

	public void requestWritable(LoopConnection conn) {
		this.writable.add(conn);
	}

	public void resumeReading(LoopConnection conn) {
		this.resumed.add(conn);
	}

	public Context context() {
		return this.context;
	}

	public ContextInfo info() {
		return this.info;
	}

	public JlwsLog log() {
		return this.log;
	}

	/** Established WebSocket connections of a protocol. */
	public ConnectionList<LoopConnection> established(Protocol<?> protocol) {
		ConnectionList<LoopConnection> list = this.established.get(protocol);
		if (list == null) {
			throw new IllegalArgumentException(protocol + " is not served by this context");
		}
		return list;
	}

	public LoopConnection connection(long id) {
		return this.byId.get(id);
	}

	/** A fresh connection id; any thread. */
	public long nextId() {
		return this.nextId.getAndIncrement();
	}

	/** Whether another connection fits under the limit. */
	public boolean hasRoom() {
		return this.all.size() < this.maxConnections;
	}

	/** Starts counting and sweeping a connection we open ourselves (a client's), before it has a socket. */
	public void track(LoopConnection conn) {
		this.all.add(conn);
		this.byId.put(conn.id(), conn);
	}

	/** Registers the socket of a tracked connection. */
	public Registration register(Object owner, java.nio.channels.SelectableChannel channel, int ops)
			throws IOException {
		return this.poller.register(channel, ops, owner);
	}

	/** Applies the context's TCP options (NODELAY, keepalive) to a socket. */
	public void configure(java.nio.channels.SocketChannel channel) throws IOException {
		channel.configureBlocking(false);
		channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
		this.keepAlive.apply(channel);
	}

	/**
	 * Resolves a host name off the service thread (name lookups block) and hands the result back to it.
	 * @param done called on the service thread with the address, or with {@code null} and the failure
	 */
	public void resolve(String host, java.util.function.BiConsumer<java.net.InetAddress, Exception> done) {
		this.resolver.resolve(host, done);
	}

	/** Called by a connection once its socket is closed. */
	public void removed(LoopConnection conn) {
		this.all.remove(conn);
		this.byId.remove(conn.id());
		if (this.listener != null) {
			this.listener.resumeIfRoom(System.nanoTime());
		}
	}

	public List<Protocol<?>> protocols() {
		return this.info.protocols();
	}

	/** Runs a user callback, turning anything it throws into CLOSE with 1011 rather than a dead loop. */
	@SuppressWarnings("unchecked")
	public CallbackResult call(Protocol<?> protocol, Connection conn, Reason reason, Object session,
			ByteBuffer in) {
		try {
			CallbackResult result = ((Callback<Object>) protocol.callback()).callback(conn, reason, session, in);
			return (result != null) ? result : CallbackResult.CONTINUE;
		}
		catch (RuntimeException | LinkageError | AssertionError | StackOverflowError ex) {
			this.log.err("callback of protocol '{}' threw on {}: {}", protocol.name(), reason, stackTrace(ex));
			if (conn != null) {
				conn.setCloseReason(1011, "internal error");
			}
			return CallbackResult.CLOSE;
		}
	}

	/** The whole trace as text: emitters take lines, and a handler bug needs its stack. */
	private static String stackTrace(Throwable ex) {
		java.io.StringWriter trace = new java.io.StringWriter();
		ex.printStackTrace(new java.io.PrintWriter(trace));
		return trace.toString();
	}

	static void closeQuietly(java.io.Closeable c) {
		try {
			c.close();
		}
		catch (IOException | RuntimeException ex) {
			// nothing useful to do: the descriptor is gone either way
		}
	}

	/** Plain counters written by the service thread only and published in {@link ContextStats}. */
	public static final class LoopCounters {

		public long messagesIn;

		public long messagesOut;

		public long bytesIn;

		public long bytesOut;

		public long acceptPauses;

		public long acceptPausedNanos;

		public long rejectedHandshakes;

		public long protocolErrors;

		public long shedConnections;

	}

}
