package io.jlws;

import java.nio.channels.SelectableChannel;

/**
 * An application channel (socket, pipe, UDP channel) serviced by a context's loop next to its WebSocket
 * connections, so "other sockets as well as the websocket ones" run in one thread (the seeds' single-thread
 * rule). Created by {@link Context#adopt(SelectableChannel, int, Handler)}. Service thread only.
 */
public interface AdoptedChannel {

	/** Readiness callbacks, on the service thread. */
	interface Handler {

		/** The channel is readable (or, for a ServerSocketChannel, acceptable). */
		void onReadable(AdoptedChannel channel);

		/** The channel is writable; only while {@code OP_WRITE} is in the interest set. */
		default void onWritable(AdoptedChannel channel) {
		}

		/** The channel was closed by {@link #close()} or because the context stopped. */
		default void onClosed(AdoptedChannel channel) {
		}

	}

	/** The channel. */
	SelectableChannel channel();

	/** Replaces the interest set ({@code SelectionKey.OP_READ}, {@code OP_WRITE}, ...). */
	void interest(int ops);

	/** Stops servicing and closes the channel; {@link Handler#onClosed} follows. */
	void close();

	/** Whether it is still serviced. */
	boolean isOpen();

}
