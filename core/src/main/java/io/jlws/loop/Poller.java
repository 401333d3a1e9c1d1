package io.jlws.loop;

import java.io.IOException;
import java.nio.channels.SelectableChannel;

/**
 * Where the loop's channels are watched: jlws' own {@link java.nio.channels.Selector}, or an application's poll
 * loop told through libwebsockets' four poll callbacks. Service thread only, except {@link #wakeUp()}.
 */
interface Poller extends AutoCloseable {

	/** Starts watching a non-blocking channel for {@code ops}; {@code attachment} is handed back when it is ready. */
	Registration register(SelectableChannel channel, int ops, Object attachment) throws IOException;

	/** Interrupts a wait in progress (or the next one); any thread. */
	void wakeUp();

	@Override
	void close();

}
