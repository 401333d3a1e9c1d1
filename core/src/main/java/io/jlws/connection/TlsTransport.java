package io.jlws.connection;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * TLS on the service thread: a non-blocking {@link SSLEngine} between the connection and its socket. Ciphertext
 * in is kept until a record is complete; ciphertext out is at most about one record (the connection keeps
 * plaintext it could not hand over, as for plain sockets). Handshake tasks run inline: they are short, and the
 * loop owns everything anyway. Service thread only.
 */
final class TlsTransport implements Transport {

	private static final ByteBuffer[] NOTHING = { ByteBuffer.allocate(0) };

	private final SocketChannel channel;

	private final SSLEngine engine;

	private ByteBuffer netIn;

	private final ByteBuffer netOut;

	/** Plaintext unwrapped but not yet handed out (when the reader's buffer was too small). */
	private ByteBuffer appIn;

	private boolean handshakeDone;

	private boolean inboundClosed;

	TlsTransport(SocketChannel channel, SSLEngine engine) throws SSLException {
		this.channel = channel;
		this.engine = engine;
		int packet = engine.getSession().getPacketBufferSize();
		this.netIn = ByteBuffer.allocate(packet);
		this.netOut = ByteBuffer.allocate(packet + 256);
		this.appIn = ByteBuffer.allocate(0);
		engine.beginHandshake();
	}

	@Override
	public int read(ByteBuffer dst) throws IOException {
		if (this.appIn.hasRemaining()) {
			return drainAppIn(dst);
		}
		if (this.inboundClosed) {
			return -1;
		}
		int got = (this.netIn.hasRemaining()) ? this.channel.read(this.netIn) : 0;
		if (got < 0 && this.netIn.position() == 0) {
			this.inboundClosed = true;
			return -1;
		}
		int produced;
		try {
			produced = unwrapInto(dst);
		}
		catch (SSLException ex) {
			sendAlert();
			throw ex;
		}
		if (produced == 0 && got < 0) {
			// EOF inside a record, or without close_notify: both end the stream (a truncation attack cannot
			// make a WebSocket message look complete; the frame layer still needs its close frame)
			this.inboundClosed = true;
			return -1;
		}
		return (produced == 0 && this.inboundClosed) ? -1 : produced;
	}

	private int unwrapInto(ByteBuffer dst) throws IOException {
		int produced = 0;
		while (true) {
			this.netIn.flip();
			ByteBuffer target = (dst.remaining() >= this.engine.getSession().getApplicationBufferSize()) ? dst
					: ensureAppIn();
			SSLEngineResult result;
			try {
				result = this.engine.unwrap(this.netIn, target);
			}
			finally {
				this.netIn.compact();
			}
			if (target != dst) {
				target.flip();
				produced += drainAppIn(dst);
			}
			else {
				produced += result.bytesProduced();
			}
			switch (result.getStatus()) {
				case BUFFER_UNDERFLOW -> {
					growNetInIfFull();
					progressHandshake(result.getHandshakeStatus());
					return produced;
				}
				case BUFFER_OVERFLOW -> {
					if (this.appIn.hasRemaining() || !dst.hasRemaining()) {
						return produced;
					}
				}
				case CLOSED -> {
					this.inboundClosed = true;
					if (!this.engine.isOutboundDone()) {
						// answer close_notify with ours
						this.engine.closeOutbound();
						progressHandshake(HandshakeStatus.NEED_WRAP);
					}
					return produced;
				}
				case OK -> {
				}
			}
			progressHandshake(result.getHandshakeStatus());
			if (this.appIn.hasRemaining() || (this.netIn.position() == 0)) {
				return produced;
			}
		}
	}

	/**
	 * After a failed unwrap the engine holds a fatal alert (handshake_failure, bad_record_mac...): send it, so the
	 * peer learns why instead of seeing a bare close.
	 */
	private void sendAlert() {
		try {
			this.engine.closeOutbound();
			for (int i = 0; i < 4 && !this.engine.isOutboundDone(); i++) {
				this.engine.wrap(NOTHING, this.netOut);
			}
			flush();
		}
		catch (IOException | RuntimeException ex) {
			// the connection is being dropped either way
		}
	}

	private ByteBuffer ensureAppIn() {
		int size = this.engine.getSession().getApplicationBufferSize();
		if (this.appIn.capacity() < size) {
			this.appIn = ByteBuffer.allocate(size);
		}
		this.appIn.clear();
		return this.appIn;
	}

	private int drainAppIn(ByteBuffer dst) {
		int n = Math.min(dst.remaining(), this.appIn.remaining());
		ByteBuffer slice = this.appIn.duplicate();
		slice.limit(slice.position() + n);
		dst.put(slice);
		this.appIn.position(this.appIn.position() + n);
		return n;
	}

	private void growNetInIfFull() {
		int packet = this.engine.getSession().getPacketBufferSize();
		if (!this.netIn.hasRemaining() && this.netIn.capacity() < packet) {
			ByteBuffer grown = ByteBuffer.allocate(packet);
			this.netIn.flip();
			grown.put(this.netIn);
			this.netIn = grown;
		}
	}

	/** Runs tasks and wraps handshake messages until the engine waits for the peer (or is done). */
	private void progressHandshake(HandshakeStatus status) throws IOException {
		HandshakeStatus hs = status;
		while (true) {
			switch (hs) {
				case NEED_TASK -> {
					Runnable task;
					while ((task = this.engine.getDelegatedTask()) != null) {
						task.run();
					}
					hs = this.engine.getHandshakeStatus();
				}
				case NEED_WRAP -> {
					if (this.netOut.remaining() < this.engine.getSession().getPacketBufferSize() && !flush()) {
						return;
					}
					SSLEngineResult r = this.engine.wrap(NOTHING, this.netOut);
					flush();
					hs = r.getHandshakeStatus();
					if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
						return;
					}
				}
				case FINISHED, NOT_HANDSHAKING -> {
					this.handshakeDone = true;
					return;
				}
				default -> {
					return;
				}
			}
		}
	}

	@Override
	public boolean hasBufferedInput() {
		return this.appIn.hasRemaining() || (this.netIn.position() > 0 && this.handshakeDone && !this.inboundClosed
				&& hasCompleteRecord());
	}

	/** Whether {@code netIn} holds a whole TLS record (5-byte header says how long). */
	private boolean hasCompleteRecord() {
		if (this.netIn.position() < 5) {
			return false;
		}
		int length = ((this.netIn.get(3) & 0xff) << 8) | (this.netIn.get(4) & 0xff);
		return this.netIn.position() >= 5 + length;
	}

	@Override
	public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
		if (!this.handshakeDone) {
			progressHandshake(this.engine.getHandshakeStatus());
			if (!this.handshakeDone) {
				return 0;
			}
		}
		long consumed = 0;
		int packet = this.engine.getSession().getPacketBufferSize();
		while (remaining(srcs, offset, length) > 0) {
			if (this.netOut.remaining() < packet && !flush()) {
				break;
			}
			SSLEngineResult r = this.engine.wrap(srcs, offset, length, this.netOut);
			consumed += r.bytesConsumed();
			if (r.getStatus() != SSLEngineResult.Status.OK) {
				break;
			}
		}
		flush();
		return consumed;
	}

	private static long remaining(ByteBuffer[] srcs, int offset, int length) {
		long n = 0;
		for (int i = offset; i < offset + length; i++) {
			n += srcs[i].remaining();
		}
		return n;
	}

	@Override
	public boolean flush() throws IOException {
		if (this.netOut.position() == 0) {
			return true;
		}
		this.netOut.flip();
		try {
			this.channel.write(this.netOut);
		}
		finally {
			this.netOut.compact();
		}
		return this.netOut.position() == 0;
	}

	@Override
	public boolean hasUnflushed() {
		return this.netOut.position() > 0;
	}

	@Override
	public boolean ready() {
		return this.handshakeDone;
	}

	@Override
	public void shutdownOutput() throws IOException {
		if (!this.engine.isOutboundDone()) {
			this.engine.closeOutbound();
			progressHandshake(HandshakeStatus.NEED_WRAP);
		}
		flush();
		this.channel.shutdownOutput();
	}

	/** The negotiated protocol and suite, for logs. */
	String describe() {
		return this.engine.getSession().getProtocol() + " " + this.engine.getSession().getCipherSuite();
	}

}
