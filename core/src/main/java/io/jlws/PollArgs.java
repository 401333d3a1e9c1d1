package io.jlws;

import java.nio.channels.SelectableChannel;

/**
 * What an external poll loop is told in {@link Reason#ADD_POLL_FD}, {@link Reason#DEL_POLL_FD},
 * {@link Reason#SET_MODE_POLL_FD} and {@link Reason#CLEAR_MODE_POLL_FD}: libwebsockets' {@code struct lws_pollargs}.
 * Read it with {@link #current()} (or {@link Context#pollArgs()}) during those callbacks; the first ones come
 * while {@link Context#create(ContextInfo)} runs, before the application holds the context.
 *
 * @param channel the channel to watch (register it with your selector on ADD, cancel on DEL)
 * @param events the full interest set after the change, {@code SelectionKey.OP_*} bits (lws {@code events})
 * @param changed the bits added (ADD, SET_MODE) or cleared (CLEAR_MODE); the old set on DEL
 * @param previous the interest set before the change (lws {@code prev_events})
 */
public record PollArgs(SelectableChannel channel, int events, int changed, int previous) {

	/** The arguments of the poll callback running on this thread, or {@code null} outside one. */
	public static PollArgs current() {
		return io.jlws.loop.ServiceLoop.currentPollArgs();
	}

}
