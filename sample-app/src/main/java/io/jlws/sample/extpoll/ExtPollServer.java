package io.jlws.sample.extpoll;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.jlws.Context;
import io.jlws.ContextInfo;
import io.jlws.PollFd;
import io.jlws.Protocol;
import io.jlws.sample.server.DumbIncrementProtocol;
import io.jlws.sample.server.EchoProtocol;
import io.jlws.sample.server.FraggleProtocol;
import io.jlws.sample.server.MirrorProtocol;
import io.jlws.sample.server.StatusProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * libwebsockets' {@code test-server-extpoll} in plain Java: the test server's protocols in a core {@link Context}
 * created with {@link ContextInfo.Builder#externalPoll(boolean) externalPoll(true)}, driven by the application's own
 * {@link Selector} loop on one thread, which also serves a channel of its own: a UDP socket that echoes every
 * datagram ("service other sockets as well as the websocket ones in one thread"). No Spring: the protocol classes of
 * {@code io.jlws.sample.server} are plain {@link io.jlws.Callback}s, instantiated here directly.
 * <p>
 * The loop, as in lws: wait on the selector at most {@link Context#adjustTimeout(long)} ms, hand every ready channel
 * to {@link Context#serviceFd(PollFd)} (jlws zeroes {@code revents} of its own channels; what is left non-zero is the
 * application's), then {@link Context#servicePending()} for timers, WRITEABLE requests and work queued from other
 * threads, until that returns {@code false}. {@link #stop()} may be called from any thread (a shutdown hook): jlws'
 * wake pipe is one of the watched channels, so the loop wakes, closes every WebSocket with 1001 and ends once they
 * are gone or the close timeout is over.
 * <p>
 * Create, {@link #run()} and {@link #close()} on one thread; {@link #stop()}, {@link #port()}, {@link #udpAddress()},
 * {@link #awaitTermination(Duration)} and the counters from any.
 */
public final class ExtPollServer implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(ExtPollServer.class);

	/** The longest the loop sleeps when jlws has nothing due sooner. */
	static final long MAX_WAIT_MILLIS = 1000;

	private static final int MAX_DATAGRAM = 65507;

	private final Selector selector;

	private final DatagramChannel udp;

	private final InetSocketAddress udpAddress;

	private final PollHttpProtocol pollProtocol;

	private final Context context;

	private final ByteBuffer datagram = ByteBuffer.allocate(MAX_DATAGRAM);

	private final AtomicLong datagramsEchoed = new AtomicLong();

	private final AtomicLong loopTurns = new AtomicLong();

	private final CountDownLatch terminated = new CountDownLatch(1);

	private volatile boolean running;

	/** Whether the loop thread has serviced the context, and so owns it. */
	private volatile boolean serviced;

	/** A stop was requested in this turn: begin it at once rather than after the next wait. Loop thread only. */
	private boolean stopPending;

	private ExtPollServer(Selector selector, DatagramChannel udp, PollHttpProtocol pollProtocol, Context context)
			throws IOException {
		this.selector = selector;
		this.udp = udp;
		this.udpAddress = (InetSocketAddress) udp.getLocalAddress();
		this.pollProtocol = pollProtocol;
		this.context = context;
	}

	/**
	 * Creates the context (binding its listener) and the UDP echo socket, both watched by a new selector; nothing is
	 * serviced until {@link #run()}.
	 * @param settings port, address, limits, log level and emitter, as for any context, without protocols: the
	 * external poll mode and the test server's protocols are added here
	 * @param udpAddress where the UDP echo socket binds, e.g. {@code 127.0.0.1:0}
	 * @throws IOException when a port cannot be bound
	 */
	public static ExtPollServer create(ContextInfo.Builder settings, InetSocketAddress udpAddress) throws IOException {
		Selector selector = Selector.open();
		DatagramChannel udp = null;
		try {
			// the application's channel first: a context, once created, can only be released by running the loop
			udp = DatagramChannel.open();
			udp.bind(udpAddress);
			udp.configureBlocking(false);
			udp.register(selector, SelectionKey.OP_READ);
			PollHttpProtocol poll = new PollHttpProtocol(selector);
			Context context = Context.create(settings.externalPoll(true).protocols(protocols(poll)).build());
			return new ExtPollServer(selector, udp, poll, context);
		}
		catch (IOException | RuntimeException ex) {
			if (udp != null) {
				udp.close();
			}
			selector.close();
			throw ex;
		}
	}

	/**
	 * The test server's protocols in libwebsockets' order: the poll-handling {@code http-only} first (jlws sends the
	 * poll callbacks to the first protocol), then dumb-increment, lws-mirror, lws-status, echo and fraggle.
	 */
	static List<Protocol<?>> protocols(PollHttpProtocol first) {
		return List.of(Protocol.of("http-only", first),
				Protocol.builder("dumb-increment-protocol", new DumbIncrementProtocol())
					.sessionData(DumbIncrementProtocol.Session::new)
					.build(),
				Protocol.builder("lws-mirror-protocol", new MirrorProtocol())
					.sessionData(MirrorProtocol.Session::new)
					.build(),
				Protocol.builder("lws-status", new StatusProtocol()).sessionData(StatusProtocol.Session::new).build(),
				Protocol.builder("echo", new EchoProtocol()).sessionData(EchoProtocol.Session::new).paths("/echo").build(),
				Protocol.builder("fraggle-protocol", new FraggleProtocol())
					.sessionData(FraggleProtocol.Session::new)
					.build());
	}

	/** The WebSocket/HTTP port (the bound one when port 0 was asked for). Any thread. */
	public int port() {
		return this.context.port();
	}

	/** Where the UDP echo socket is bound. Any thread. */
	public InetSocketAddress udpAddress() {
		return this.udpAddress;
	}

	/** The context the loop drives; for its {@link Context#stats()} and other any-thread methods. */
	public Context context() {
		return this.context;
	}

	/** Datagrams received and echoed so far (counted before the reply is sent). Any thread. */
	public long datagramsEchoed() {
		return this.datagramsEchoed.get();
	}

	/** Selector wake-ups so far. Any thread. */
	public long loopTurns() {
		return this.loopTurns.get();
	}

	/** Whether {@link #run()} is in its loop. Any thread. */
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Runs the loop on the calling thread, which becomes the context's service thread, until the context has stopped
	 * ({@link #stop()}); then closes the selector and the UDP socket.
	 * @throws IOException when the selector fails
	 */
	public void run() throws IOException {
		if (this.running || this.terminated.getCount() == 0) {
			throw new IllegalStateException("The loop runs once");
		}
		this.running = true;
		logger.info("extpoll: serving the test server on port {} (http://localhost:{}/) from this thread's own "
				+ "selector loop; UDP echo on {}", port(), port(), hostAndPort(this.udpAddress));
		loop();
	}

	private void loop() throws IOException {
		try {
			boolean alive = true;
			while (alive) {
				long wait = this.stopPending ? 0 : this.context.adjustTimeout(MAX_WAIT_MILLIS);
				this.stopPending = false;
				if (wait == 0) {
					this.selector.selectNow();
				}
				else {
					this.selector.select(wait);
				}
				this.loopTurns.incrementAndGet();
				serviceReady();
				alive = this.context.servicePending();
				this.serviced = true;
			}
			logger.info("extpoll: context stopped after {} loop turns, {} datagrams echoed; {} channels left watched",
					this.loopTurns.get(), this.datagramsEchoed.get(), this.pollProtocol.watchedCount());
		}
		finally {
			this.running = false;
			closeOwnChannels();
			this.terminated.countDown();
		}
	}

	private void serviceReady() {
		Iterator<SelectionKey> keys = this.selector.selectedKeys().iterator();
		while (keys.hasNext()) {
			SelectionKey key = keys.next();
			keys.remove();
			if (!key.isValid()) {
				continue; // cancelled by DEL_POLL_FD while an earlier channel of this batch was serviced
			}
			PollFd pollFd = new PollFd(key.channel(), key.readyOps());
			this.context.serviceFd(pollFd);
			if (pollFd.revents() != 0 && key.channel() == this.udp) {
				// not one of jlws' channels: it left revents alone, so it is ours to service
				echoDatagrams();
			}
		}
	}

	private void echoDatagrams() {
		try {
			SocketAddress from;
			while ((from = this.udp.receive(this.datagram.clear())) != null) {
				this.datagram.flip();
				int length = this.datagram.remaining();
				String text = printable(this.datagram);
				this.datagramsEchoed.incrementAndGet();
				// non-blocking: a reply the socket buffer cannot take is dropped, as UDP may
				this.udp.send(this.datagram, from);
				logger.info("extpoll: udp {} bytes from {} echoed: {}", length, from, text);
			}
		}
		catch (IOException ex) {
			logger.warn("extpoll: udp echo failed: {}", ex.toString());
		}
	}

	private static String printable(ByteBuffer buffer) {
		int length = Math.min(buffer.remaining(), 80);
		String text = StandardCharsets.UTF_8.decode(buffer.duplicate().limit(buffer.position() + length)).toString();
		return "'" + text.strip().replaceAll("\\p{Cntrl}", "?") + "'" + ((buffer.remaining() > length) ? "..." : "");
	}

	private void closeOwnChannels() {
		try {
			this.udp.close();
		}
		catch (IOException ex) {
			logger.debug("closing the UDP socket: {}", ex.toString());
		}
		try {
			this.selector.close();
		}
		catch (IOException ex) {
			logger.debug("closing the selector: {}", ex.toString());
		}
	}

	/**
	 * Asks the loop to stop: the listener closes, every WebSocket gets a 1001 close, and {@link #run()} returns when
	 * they are gone or after the close timeout. Returns at once; any thread.
	 */
	public void stop() {
		if (this.terminated.getCount() == 0) {
			return;
		}
		logger.info("extpoll: stopping");
		// Through the loop thread rather than context.stop() here: called from another thread before the loop thread
		// has serviced the context once, Context.stop() would claim the context for the calling thread, and the loop
		// could not service it any more. execute() queues the task and wakes the loop through jlws' wake pipe, one of
		// the channels in our selector.
		if (!this.context.execute(this::stopOnLoopThread) && this.serviced) {
			this.context.stop(); // queue full (or already stopping): the loop thread owns the context by now
		}
	}

	private void stopOnLoopThread() {
		this.context.stop(); // inside a task it only requests the stop; the next servicePending() begins it
		this.stopPending = true;
	}

	/**
	 * Waits for {@link #run()} to return.
	 * @return whether it did within the time
	 */
	public boolean awaitTermination(Duration timeout) throws InterruptedException {
		return this.terminated.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * For a server whose loop never ran: stops the context and runs the loop on this thread to its end, releasing the
	 * ports. After {@link #run()} there is nothing left to do.
	 */
	@Override
	public void close() throws IOException {
		if (this.terminated.getCount() != 0 && !this.running) {
			this.context.stop();
			this.running = true;
			loop();
		}
	}

	private static String hostAndPort(InetSocketAddress address) {
		return address.getAddress().getHostAddress() + ":" + address.getPort();
	}

}
