package io.jlws.loop;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * What the service loop needs from a connection: readiness and timer entry points. Implementations live in
 * {@code io.jlws.connection}; the loop knows nothing of HTTP or WebSocket. Service thread only.
 */
public interface LoopConnection extends ConnectionList.Member {

	/** Creates the connection object for an accepted socket. */
	@FunctionalInterface
	interface Factory {

		LoopConnection create(ServiceLoop loop, SocketChannel channel, long id, long nowNanos) throws IOException;

	}

	long id();

	/** Gives the connection its selection key right after registration. */
	void key(Registration key);

	/** The socket is readable: read into the shared buffer and process what arrived. */
	void onReadable(ByteBuffer readBuffer, ByteBuffer readView, long nowNanos);

	/** A connect we started can be finished (client connections). */
	default void onConnectable() {
	}

	/** The socket can take the pending tail. */
	void onWritable();

	/** A {@code requestWritable()} made during the last turn is due. */
	void deliverRequestedWriteable();

	/** Reading was resumed: process the bytes held back while it was stopped. */
	void processCarry(ByteBuffer scratchView);

	/** Periodic check of handshake, close, user, ping and idle timeouts. */
	void checkTimeouts(long nowNanos);

	/** The context is stopping: close gracefully (1001 for WebSockets). */
	void shutdown();

	/** Closes the socket now, without a close handshake. */
	void abort(int status, String reason);

}
