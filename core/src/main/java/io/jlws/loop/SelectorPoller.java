package io.jlws.loop;

import java.io.IOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;

/** jlws' own poller: one {@link Selector}; registrations are its keys. */
final class SelectorPoller implements Poller {

	final Selector selector;

	SelectorPoller() throws IOException {
		this.selector = Selector.open();
	}

	@Override
	public Registration register(SelectableChannel channel, int ops, Object attachment) throws IOException {
		return new KeyRegistration(channel.register(this.selector, ops, attachment));
	}

	@Override
	public void wakeUp() {
		this.selector.wakeup();
	}

	@Override
	public void close() {
		ServiceLoop.closeQuietly(this.selector);
	}

	/** A selection key seen as a {@link Registration}. */
	static final class KeyRegistration extends Registration {

		private final SelectionKey key;

		KeyRegistration(SelectionKey key) {
			this.key = key;
		}

		@Override
		public int interestOps() {
			return this.key.interestOps();
		}

		@Override
		public void interestOps(int ops) {
			this.key.interestOps(ops);
		}

		@Override
		public void cancel() {
			this.key.cancel();
		}

		@Override
		public boolean isValid() {
			return this.key.isValid();
		}

	}

}
