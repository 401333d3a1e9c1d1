package io.jlws.loop;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SelectableChannel;
import java.util.IdentityHashMap;
import java.util.Map;

import io.jlws.PollArgs;
import io.jlws.Reason;

/**
 * The poller of a context in external-poll mode: it owns no selector and tells the application's loop what to
 * watch through the first protocol's ADD/DEL/SET_MODE/CLEAR_MODE_POLL_FD callbacks, as libwebsockets does. Wake-ups
 * go through a pipe the application watches like any other channel (lws' event pipe). Service thread only, except
 * {@link #wakeUp()}.
 */
final class ExternalPoller implements Poller {

	/** Attachment of the wake-up pipe's source. */
	static final Object WAKE_PIPE = new Object();

	private final ServiceLoop loop;

	private final Map<SelectableChannel, ExternalRegistration> channels = new IdentityHashMap<>();

	private final Pipe pipe;

	private final ByteBuffer one = ByteBuffer.allocate(1);

	private final ByteBuffer drain = ByteBuffer.allocate(64);

	ExternalPoller(ServiceLoop loop) throws IOException {
		this.loop = loop;
		this.pipe = Pipe.open();
		this.pipe.sink().configureBlocking(false);
		this.pipe.source().configureBlocking(false);
	}

	/** Announces the wake-up pipe; done once the loop can deliver callbacks. */
	void start() throws IOException {
		register(this.pipe.source(), java.nio.channels.SelectionKey.OP_READ, WAKE_PIPE);
	}

	@Override
	public Registration register(SelectableChannel channel, int ops, Object attachment) throws IOException {
		ExternalRegistration r = new ExternalRegistration(channel, attachment);
		this.channels.put(channel, r);
		r.ops = ops;
		this.loop.pollCallback(Reason.ADD_POLL_FD, new PollArgs(channel, ops, ops, 0));
		return r;
	}

	/** The registration of a channel jlws owns, or {@code null} for the application's own channels. */
	ExternalRegistration lookup(SelectableChannel channel) {
		return this.channels.get(channel);
	}

	/** Empties the wake-up pipe. */
	void drainWakeUps() {
		try {
			while (this.drain.clear() != null && this.pipe.source().read(this.drain) > 0) {
				// one byte per wake-up; their number does not matter
			}
		}
		catch (IOException ex) {
			// the pipe is closed with the context
		}
	}

	@Override
	public synchronized void wakeUp() {
		try {
			this.one.clear();
			this.pipe.sink().write(this.one);
		}
		catch (IOException ex) {
			// full (a wake-up is pending anyway) or closed (the context is gone)
		}
	}

	@Override
	public void close() {
		ExternalRegistration wake = this.channels.get(this.pipe.source());
		if (wake != null) {
			wake.cancel();
		}
		ServiceLoop.closeQuietly(this.pipe.sink());
		ServiceLoop.closeQuietly(this.pipe.source());
	}

	/** A channel as the application's loop knows it. */
	final class ExternalRegistration extends Registration {

		final SelectableChannel channel;

		final Object attachment;

		int ops;

		boolean valid = true;

		ExternalRegistration(SelectableChannel channel, Object attachment) {
			this.channel = channel;
			this.attachment = attachment;
		}

		@Override
		public int interestOps() {
			return this.ops;
		}

		@Override
		public void interestOps(int next) {
			int previous = this.ops;
			this.ops = next;
			int added = next & ~previous;
			int cleared = previous & ~next;
			if (added != 0) {
				ExternalPoller.this.loop.pollCallback(Reason.SET_MODE_POLL_FD,
						new PollArgs(this.channel, previous | added, added, previous));
			}
			if (cleared != 0) {
				ExternalPoller.this.loop.pollCallback(Reason.CLEAR_MODE_POLL_FD,
						new PollArgs(this.channel, next, cleared, previous | added));
			}
		}

		@Override
		public void cancel() {
			if (!this.valid) {
				return;
			}
			this.valid = false;
			ExternalPoller.this.channels.remove(this.channel);
			ExternalPoller.this.loop.pollCallback(Reason.DEL_POLL_FD, new PollArgs(this.channel, 0, this.ops, this.ops));
		}

		@Override
		public boolean isValid() {
			return this.valid;
		}

	}

}
