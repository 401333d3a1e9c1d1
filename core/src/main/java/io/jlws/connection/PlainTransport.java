package io.jlws.connection;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/** The socket itself: reads and gathering writes go straight to the channel. */
final class PlainTransport implements Transport {

	private final SocketChannel channel;

	PlainTransport(SocketChannel channel) {
		this.channel = channel;
	}

	@Override
	public int read(ByteBuffer dst) throws IOException {
		return this.channel.read(dst);
	}

	@Override
	public boolean hasBufferedInput() {
		return false;
	}

	@Override
	public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
		return (length == 1) ? this.channel.write(srcs[offset]) : this.channel.write(srcs, offset, length);
	}

	@Override
	public boolean flush() {
		return true;
	}

	@Override
	public boolean hasUnflushed() {
		return false;
	}

	@Override
	public boolean ready() {
		return true;
	}

	@Override
	public void shutdownOutput() throws IOException {
		this.channel.shutdownOutput();
	}

}
