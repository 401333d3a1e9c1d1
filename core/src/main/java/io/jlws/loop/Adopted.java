package io.jlws.loop;

import java.io.IOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;

import io.jlws.AdoptedChannel;
import io.jlws.log.JlwsLog;

/** An application channel in the loop; see {@link AdoptedChannel}. Service thread only. */
final class Adopted implements AdoptedChannel {

	private final SelectableChannel channel;

	private final Handler handler;

	private final JlwsLog log;

	private Registration registration;

	private final java.util.function.Consumer<Adopted> onClose;

	private boolean open = true;

	Adopted(SelectableChannel channel, Handler handler, JlwsLog log, java.util.function.Consumer<Adopted> onClose) {
		this.channel = channel;
		this.handler = handler;
		this.log = log;
		this.onClose = onClose;
	}

	void registration(Registration registration) {
		this.registration = registration;
	}

	void ready(int ops) {
		try {
			if ((ops & SelectionKey.OP_WRITE) != 0 && this.open) {
				this.handler.onWritable(this);
			}
			if ((ops & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT)) != 0 && this.open) {
				this.handler.onReadable(this);
			}
		}
		catch (RuntimeException ex) {
			this.log.err("handler of adopted channel {} threw: {}", this.channel, ex.toString());
			close();
		}
	}

	@Override
	public SelectableChannel channel() {
		return this.channel;
	}

	@Override
	public void interest(int ops) {
		if (this.open) {
			this.registration.interestOps(ops);
		}
	}

	@Override
	public void close() {
		if (!this.open) {
			return;
		}
		this.open = false;
		this.registration.cancel();
		this.onClose.accept(this);
		try {
			this.channel.close();
		}
		catch (IOException ex) {
			// closed either way
		}
		try {
			this.handler.onClosed(this);
		}
		catch (RuntimeException ex) {
			this.log.err("handler of adopted channel {} threw on close: {}", this.channel, ex.toString());
		}
	}

	@Override
	public boolean isOpen() {
		return this.open;
	}

}
