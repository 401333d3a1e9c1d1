package io.jlws.loop;

/**
 * One channel's place in the poller: its interest set, as a {@link java.nio.channels.SelectionKey} holds it for
 * jlws' own selector, or as an external poll loop is told about it (lws {@code SET_MODE_POLL_FD} and
 * {@code CLEAR_MODE_POLL_FD}). Service thread only.
 */
public abstract class Registration {

	/** The interest set, {@code SelectionKey.OP_*} bits. */
	public abstract int interestOps();

	/** Replaces the interest set. */
	public abstract void interestOps(int ops);

	/** Forgets the channel (lws {@code DEL_POLL_FD}). */
	public abstract void cancel();

	public abstract boolean isValid();

	/** Turns one interest bit on or off; a no-op when nothing changes. */
	public final void interest(int op, boolean on) {
		if (!isValid()) {
			return;
		}
		int ops = interestOps();
		int next = on ? (ops | op) : (ops & ~op);
		if (next != ops) {
			interestOps(next);
		}
	}

}
