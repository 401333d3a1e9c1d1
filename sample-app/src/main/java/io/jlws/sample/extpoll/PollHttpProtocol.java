package io.jlws.sample.extpoll;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.IdentityHashMap;
import java.util.Map;

import io.jlws.Callback;
import io.jlws.CallbackResult;
import io.jlws.Connection;
import io.jlws.PollArgs;
import io.jlws.Reason;
import io.jlws.sample.server.HttpOnlyProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first protocol of the external poll server, {@code http-only} as in libwebsockets' test-server-extpoll: it
 * keeps the application's {@link Selector} in step with jlws' channels ({@link Reason#ADD_POLL_FD},
 * {@link Reason#DEL_POLL_FD}, {@link Reason#SET_MODE_POLL_FD}, {@link Reason#CLEAR_MODE_POLL_FD}, which jlws sends
 * to the first protocol only, with {@link PollArgs#current()}), and hands every other reason to
 * {@link HttpOnlyProtocol}, which serves the test page over HTTP.
 * <p>
 * Called on the thread that creates the context (the first ADD_POLL_FDs: wake pipe and listener) and then on the
 * loop thread; the two are never at once, and the sample uses one thread for both.
 */
final class PollHttpProtocol implements Callback<Void> {

	private static final Logger logger = LoggerFactory.getLogger(PollHttpProtocol.class);

	private final Selector selector;

	private final Callback<Void> http = new HttpOnlyProtocol();

	/** jlws' channels and their keys in {@link #selector} (lws test-server-extpoll's {@code pollfds} array). */
	private final Map<SelectableChannel, SelectionKey> watched = new IdentityHashMap<>();

	PollHttpProtocol(Selector selector) {
		this.selector = selector;
	}

	/** How many of jlws' channels are watched now. Loop thread. */
	int watchedCount() {
		return this.watched.size();
	}

	@Override
	public CallbackResult callback(Connection connection, Reason reason, Void session, ByteBuffer in) {
		switch (reason) {
			case ADD_POLL_FD -> add(PollArgs.current());
			case DEL_POLL_FD -> delete(PollArgs.current());
			case SET_MODE_POLL_FD, CLEAR_MODE_POLL_FD -> change(PollArgs.current());
			default -> {
				return this.http.callback(connection, reason, session, in);
			}
		}
		return CallbackResult.CONTINUE;
	}

	private void add(PollArgs args) {
		SelectionKey key = this.watched.get(args.channel());
		if (key != null && key.isValid()) {
			key.interestOps(args.events());
			return;
		}
		try {
			this.watched.put(args.channel(), args.channel().register(this.selector, args.events()));
		}
		catch (IOException | CancelledKeyException | IllegalArgumentException ex) {
			// ClosedChannelException: jlws closed it meanwhile and will send DEL_POLL_FD
			logger.warn("cannot watch {}: {}", args.channel(), ex.toString());
		}
	}

	private void delete(PollArgs args) {
		SelectionKey key = this.watched.remove(args.channel());
		if (key != null) {
			key.cancel();
		}
	}

	private void change(PollArgs args) {
		SelectionKey key = this.watched.get(args.channel());
		if (key == null || !key.isValid()) {
			add(args);
			return;
		}
		key.interestOps(args.events());
	}

}
