package io.jlws.loop;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

import io.jlws.ContextInfo;

/**
 * The listening socket and the connection limit at its door. At the limit it stops accepting, as libwebsockets
 * does: new connections wait in the kernel's backlog, not in jlws, until a connection ends; pauses are counted.
 * A full server does not leave clients waiting forever, though: once the pause has lasted the handshake timeout,
 * the clients in the backlog are accepted, answered {@code 503 Service Unavailable} with {@code Retry-After} and
 * closed (counted as shed), so a load balancer or client can go elsewhere. Service thread only.
 */
final class Listener {

	private static final int ACCEPTS_PER_TURN = 64;

	private static final int BACKLOG = 1024;

	private static final byte[] SERVICE_UNAVAILABLE = ("HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\n"
			+ "Connection: close\r\nContent-Type: text/plain\r\nContent-Length: 32\r\n\r\n"
			+ "Server at its connection limit\r\n").getBytes(StandardCharsets.US_ASCII);

	private final ByteBuffer discard = ByteBuffer.allocate(4096);

	private final ServiceLoop loop;

	private final ServerSocketChannel server;

	private Registration registration;

	private final int port;

	private boolean paused;

	private long pausedSince;

	private Listener(ServiceLoop loop, ServerSocketChannel server) throws IOException {
		this.loop = loop;
		this.server = server;
		this.port = ((InetSocketAddress) server.getLocalAddress()).getPort();
	}

	/** Binds the configured address and port and registers for OP_ACCEPT. */
	static Listener open(ServiceLoop loop, ContextInfo info, Poller poller) throws IOException {
		ServerSocketChannel ch = ServerSocketChannel.open();
		try {
			ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
			InetSocketAddress bind = (info.address() == null) ? new InetSocketAddress(info.port())
					: new InetSocketAddress(info.address(), info.port());
			ch.bind(bind, BACKLOG);
			ch.configureBlocking(false);
			Listener listener = new Listener(loop, ch);
			listener.registration = poller.register(ch, SelectionKey.OP_ACCEPT, listener);
			return listener;
		}
		catch (IOException ex) {
			ch.close();
			throw ex;
		}
	}

	int port() {
		return this.port;
	}

	/** The socket is acceptable: take up to a turn's worth of connections, pausing at the limit. */
	void onAcceptable(long now) {
		for (int i = 0; i < ACCEPTS_PER_TURN; i++) {
			if (!this.loop.hasRoom()) {
				pause(now);
				return;
			}
			if (this.loop.isStopping()) {
				return;
			}
			SocketChannel ch;
			try {
				ch = this.server.accept();
			}
			catch (IOException ex) {
				this.loop.log().warn("accept failed: {}", ex.toString());
				return;
			}
			if (ch == null) {
				return;
			}
			this.loop.adoptAccepted(ch, now);
		}
	}

	private void pause(long now) {
		if (!this.paused) {
			this.paused = true;
			this.pausedSince = now;
			this.loop.counters().acceptPauses++;
			this.registration.interestOps(0);
			this.loop.log().notice("connection limit {} reached: not accepting until a connection closes",
					this.loop.maxConnections());
		}
	}

	/** A connection ended: accept again if there is room. */
	void resumeIfRoom(long now) {
		if (this.paused && this.loop.hasRoom() && !this.loop.isStopping()) {
			this.paused = false;
			this.loop.counters().acceptPausedNanos += now - this.pausedSince;
			this.registration.interestOps(SelectionKey.OP_ACCEPT);
		}
	}

	boolean isPaused() {
		return this.paused;
	}

	/**
	 * Paused at the limit for at least {@code maxWaitNanos}: answers up to a turn's worth of waiting clients 503 and
	 * closes them. Called from the loop's sweep, so a full server answers newcomers within a sweep of the timeout.
	 */
	void shedIfWaitedTooLong(long now, long maxWaitNanos) {
		if (!this.paused || now - this.pausedSince < maxWaitNanos) {
			return;
		}
		int shed = 0;
		for (int i = 0; i < ACCEPTS_PER_TURN; i++) {
			SocketChannel ch;
			try {
				ch = this.server.accept();
			}
			catch (IOException ex) {
				// out of descriptors or the like: the clients stay in the backlog until the next sweep
				break;
			}
			if (ch == null) {
				break;
			}
			shed(ch);
			shed++;
		}
		if (shed > 0) {
			this.loop.counters().shedConnections += shed;
			this.loop.log().notice("connection limit {} reached for {} ms: answered {} waiting client(s) 503",
					this.loop.maxConnections(), java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(now - this.pausedSince),
					shed);
		}
	}

	private void shed(SocketChannel ch) {
		try {
			ch.configureBlocking(false);
			// read what the client already sent, so closing sends a FIN after the answer rather than a reset
			this.discard.clear();
			ch.read(this.discard);
			ch.write(ByteBuffer.wrap(SERVICE_UNAVAILABLE));
			ch.shutdownOutput();
		}
		catch (IOException ex) {
			// the client is gone: nothing to answer
		}
		finally {
			ServiceLoop.closeQuietly(ch);
		}
	}

	/** Nanos spent paused, including a pause in progress. */
	long pausedNanos(long now) {
		return this.loop.counters().acceptPausedNanos + (this.paused ? now - this.pausedSince : 0);
	}

	void close() {
		this.registration.cancel();
		ServiceLoop.closeQuietly(this.server);
	}

}
