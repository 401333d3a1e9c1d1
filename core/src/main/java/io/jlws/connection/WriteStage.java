package io.jlws.connection;

import java.nio.ByteBuffer;

import io.jlws.frame.FrameHeaderWriter;

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

	private ServerConnection owner;

	public WriteStage(int capacity) {
		this.stage = ByteBuffer.allocateDirect(capacity);
	}

	/** Stages one unmasked frame for {@code conn}; consumes the payload. */
	void frame(ServerConnection conn, boolean fin, int opcode, ByteBuffer payload) {
		claim(conn);
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

	/** Stages raw bytes (an HTTP response head or body) for {@code conn}. */
	void raw(ServerConnection conn, ByteBuffer bytes) {
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
		ServerConnection conn = this.owner;
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
	void discard(ServerConnection conn) {
		if (this.owner == conn) {
			this.owner = null;
			this.stage.clear();
		}
	}

	private void claim(ServerConnection conn) {
		if (this.owner != conn) {
			flush();
			this.owner = conn;
		}
	}

}
