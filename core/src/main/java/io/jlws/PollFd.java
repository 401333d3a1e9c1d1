package io.jlws;

import java.nio.channels.SelectableChannel;

/**
 * A ready channel handed to {@link Context#serviceFd(PollFd)} by an external poll loop: libwebsockets'
 * {@code struct lws_pollfd}. Events are {@link java.nio.channels.SelectionKey} {@code OP_*} bits. Java's
 * {@code SelectionKey.readyOps()} cannot be changed, so this carries a mutable copy: jlws zeroes {@link #revents()}
 * for channels it owns and leaves it alone for the application's own channels.
 */
public final class PollFd {

	private final SelectableChannel channel;

	private int revents;

	/**
	 * @param channel the ready channel
	 * @param revents what it is ready for ({@code SelectionKey.readyOps()})
	 */
	public PollFd(SelectableChannel channel, int revents) {
		this.channel = channel;
		this.revents = revents;
	}

	/** The channel (lws {@code fd}). */
	public SelectableChannel channel() {
		return this.channel;
	}

	/** Readiness still to be handled; 0 after jlws handled it (lws {@code revents}). */
	public int revents() {
		return this.revents;
	}

	/** Sets the readiness still to be handled. */
	public void revents(int revents) {
		this.revents = revents;
	}

}
