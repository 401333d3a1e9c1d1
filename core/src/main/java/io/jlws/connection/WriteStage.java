package io.jlws.connection;

import java.nio.ByteBuffer;

import io.jlws.frame.FrameHeaderWriter;
import io.jlws.frame.Masking;

/**
 * The service thread's one write staging buffer: frames written during a callback collect here and leave in one
 * gathering write when the callback returns (or when another connection starts writing). Large payloads are not
 * copied: they go straight out behind the staged bytes, from the caller's buffer, before {@code write} returns.
 * Service thread only.
 */
public final class WriteStage {

	/** Payloads up to this size are copied into the stage so many small frames leave in one syscall. */
	static final int COPY_MAX = 4096;

	private final ByteBuffer stage;

	private final ByteBuffer[] pair = new ByteBuffer[2];

	private WsConnection owner;

	private final MaskKeys keys = new MaskKeys();

	public WriteStage(int capacity) {
		this.stage = ByteBuffer.allocateDirect(capacity);
	}

	/** Stages one frame for {@code conn} (masked when it is a client's); consumes the payload. */
	void frame(WsConnection conn, boolean fin, int opcode, ByteBuffer payload) {
		claim(conn);
		if (conn.masksFrames()) {
			maskedFrame(conn, fin, opcode, payload);
			return;
		}
		int length = payload.remaining();
		int headerLength = FrameHeaderWriter.headerLength(length, false);
		boolean copy = length <= COPY_MAX;
		if (this.stage.remaining() < headerLength + (copy ? length : 0)) {
			flush();
			this.owner = conn;
		}
		FrameHeaderWriter.writeHeader(this.stage, fin, opcode, length, false, 0);
		if (copy) {
			this.stage.put(payload);
		}
		else {
			this.stage.flip();
			this.pair[0] = this.stage;
			this.pair[1] = payload;
			conn.send(this.pair);
			this.pair[0] = null;
			this.pair[1] = null;
			this.stage.clear();
			this.owner = null;
		}
	}

	/**
	 * A client frame: RFC 6455 §5.3 wants a fresh unpredictable key per frame, and masking needs a copy, so the
	 * payload is masked while it is copied into the stage, a stage-full at a time.
	 */
	private void maskedFrame(WsConnection conn, boolean fin, int opcode, ByteBuffer payload) {
		int length = payload.remaining();
		if (this.stage.remaining() < FrameHeaderWriter.headerLength(length, true)) {
			flush();
			this.owner = conn;
		}
		int key = this.keys.nextKey();
		FrameHeaderWriter.writeHeader(this.stage, fin, opcode, length, true, key);
		long offset = 0;
		while (payload.hasRemaining()) {
			if (!this.stage.hasRemaining()) {
				flush();
				this.owner = conn;
			}
			int n = Math.min(this.stage.remaining(), payload.remaining());
			int from = this.stage.position();
			this.stage.put(from, payload, payload.position(), n);
			this.stage.position(from + n);
			payload.position(payload.position() + n);
			Masking.mask(this.stage, from, from + n, key, offset);
			offset += n;
		}
	}

	/** Stages raw bytes (an HTTP response head or body) for {@code conn}. */
	void raw(WsConnection conn, ByteBuffer bytes) {
		claim(conn);
		if (bytes.remaining() <= this.stage.remaining()) {
			this.stage.put(bytes);
			return;
		}
		this.stage.flip();
		this.pair[0] = this.stage;
		this.pair[1] = bytes;
		conn.send(this.pair);
		this.pair[0] = null;
		this.pair[1] = null;
		this.stage.clear();
		this.owner = null;
	}

	/** Sends what is staged to its connection. */
	void flush() {
		WsConnection conn = this.owner;
		this.owner = null;
		if (conn == null || this.stage.position() == 0) {
			this.stage.clear();
			return;
		}
		this.stage.flip();
		this.pair[0] = this.stage;
		this.pair[1] = null;
		conn.send(this.pair);
		this.pair[0] = null;
		this.stage.clear();
	}

	/** Drops staged bytes of a connection that is going away. */
	void discard(WsConnection conn) {
		if (this.owner == conn) {
			this.owner = null;
			this.stage.clear();
		}
	}

	private void claim(WsConnection conn) {
		if (this.owner != conn) {
			flush();
			this.owner = conn;
		}
	}

}
