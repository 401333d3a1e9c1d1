package io.jlws.frame;

import java.nio.ByteBuffer;

/**
 * Incremental RFC 6455 frame parser: a pure state machine fed whatever bytes the socket returned.
 *
 * <p>Why push/pull in chunks: the service loop reads into one buffer shared by all connections, so the
 * parser must resume at any byte boundary, keep no reference into that buffer between calls, and hand
 * data payload on where it lies instead of copying it. Each {@link #next(ByteBuffer, int)} consumes bytes
 * from {@code in} and reports one {@link Event}:
 * <ul>
 * <li>{@link Event#NEED_MORE}: all of {@code in} was consumed; an incomplete header (up to 14 bytes) or
 * control payload (up to 125) is kept internally, so the caller may refill or reuse its buffer.</li>
 * <li>{@link Event#DATA}: a chunk of a TEXT, BINARY or CONTINUATION frame's payload, unmasked in place, at
 * {@code in[chunkStart(), chunkStart() + chunkLength())}; {@code in}'s position is already past it. A
 * zero-length data frame yields exactly one DATA event with an empty chunk.</li>
 * <li>{@link Event#CONTROL}: a complete PING, PONG or CLOSE frame, possibly between the fragments of a
 * data message (section 5.4).</li>
 * </ul>
 * <pre>{@code
 * while ((event = parser.next(readBuffer, rxBufferSize)) != Event.NEED_MORE) {
 *     if (event == Event.DATA) deliver(readBuffer, parser.chunkStart(), parser.chunkLength());
 *     else handleControl(parser.opcode(), parser.controlPayload());
 * }
 * }</pre>
 *
 * <p>Header rules (section 5, see {@code FrameHeaderRules}) are checked on the byte that decides them,
 * before any payload is delivered: 1002 for protocol errors, 1009 for the size limits. Text is validated
 * as UTF-8 chunk by chunk across fragments and fails as soon as it cannot be valid (1007, section 8.1).
 * Close frames are checked for length 1 and codes not allowed on the wire (1002) and a non-UTF-8 reason
 * (1007). A violation throws {@link WebSocketProtocolException} and leaves the parser CORRUPT: every later
 * {@code next} throws {@link IllegalStateException} until {@link #reset()}, since the connection must be
 * failed anyway (section 7.1.7) and the position in the stream is lost.
 *
 * <p>{@code next} allocates nothing (except an exception on a violation). Accessors describe the last
 * event and are valid until the next call. Not thread safe: one parser per connection.
 */
public final class FrameParser {

	/** What a call to {@link FrameParser#next(ByteBuffer, int)} produced. */
	public enum Event {

		/** All input was consumed without completing a chunk or control frame: read more bytes. */
		NEED_MORE,

		/** A chunk of data frame payload is available, see {@link FrameParser#chunkStart()}. */
		DATA,

		/** A complete control frame is available, see {@link FrameParser#controlPayload()}. */
		CONTROL

	}

	private enum State {

		HEADER, DATA_PAYLOAD, CONTROL_PAYLOAD, CORRUPT

	}

	private final FrameHeaderRules rules;

	private final Utf8Validator utf8 = new Utf8Validator();

	private final ControlFrameBuffer control = new ControlFrameBuffer();

	// An incomplete header, kept so the caller may reuse its buffer.
	private final byte[] header = new byte[FrameHeaderWriter.MAX_HEADER_LENGTH];
	private final ByteBuffer headerView = ByteBuffer.wrap(this.header);
	private int headerFill;

	private State state = State.HEADER;

	private String corruptedBy;

	// The frame being read. A control frame overwrites these between data frames, which is fine: data
	// frame state is only needed while its payload is read, and control frames cannot split a payload.
	private boolean fin;
	private int rsv;
	private int opcode;
	private int maskKey;
	private long frameLength;
	private long frameRemaining;
	private boolean nextChunkFirstOfFrame;

	// The data message the frames belong to, which survives interleaved control frames.
	private boolean messageInProgress;
	private int messageOpcode;
	private long messageLength;
	private boolean nextChunkFirstOfMessage;

	// The last DATA event.
	private ByteBuffer chunkSource;
	private int chunkStart;
	private int chunkLength;
	private boolean firstChunkOfFrame;
	private boolean firstChunkOfMessage;
	private ByteBuffer payloadView;
	private ByteBuffer payloadViewSource;

	/**
	 * Creates a parser for one side of one connection.
	 * @param expectMasked true on the server, which must receive masked frames; false on the client,
	 * which must receive unmasked ones (section 5.1)
	 * @param maxFramePayload the largest frame payload accepted, {@link Long#MAX_VALUE} for no limit
	 * @param maxMessagePayload the largest total payload of a (fragmented) data message accepted,
	 * {@link Long#MAX_VALUE} for no limit
	 */
	public FrameParser(boolean expectMasked, long maxFramePayload, long maxMessagePayload) {
		this.rules = new FrameHeaderRules(expectMasked, maxFramePayload, maxMessagePayload);
	}

	/**
	 * Whether RSV1 may be set on the first frame of a data message. Off by default because no extension
	 * is negotiated yet; permessage-deflate (RFC 7692 section 6) will turn it on. Even then RSV1 on a
	 * continuation or control frame, and RSV2/RSV3 always, fail with 1002.
	 * @param allow whether RSV1 is allowed
	 * @return this parser
	 */
	public FrameParser allowRsv1(boolean allow) {
		this.rules.allowRsv1(allow);
		return this;
	}

	/**
	 * Consumes bytes from {@code in} up to the next event.
	 * @param in received bytes between position and limit; the position is advanced past what was
	 * consumed. Must be writable when frames are masked, because payload is unmasked in place.
	 * @param maxChunk the largest data chunk to report at once, at least 1
	 * @return the event; {@link Event#NEED_MORE} only once {@code in} has no bytes remaining
	 * @throws WebSocketProtocolException if the peer violated RFC 6455; the parser is then corrupt
	 * @throws IllegalStateException if an earlier call threw a {@link WebSocketProtocolException}
	 * @throws IllegalArgumentException if {@code maxChunk} is less than 1
	 */
	public Event next(ByteBuffer in, int maxChunk) {
		if (maxChunk <= 0) {
			throw new IllegalArgumentException("maxChunk must be positive: " + maxChunk);
		}
		try {
			while (true) {
				switch (this.state) {
					case HEADER:
						if (!readHeader(in)) {
							return Event.NEED_MORE;
						}
						break;
					case DATA_PAYLOAD:
						return readData(in, maxChunk);
					case CONTROL_PAYLOAD:
						return readControl(in);
					default:
						throw new IllegalStateException(
								"Frame parser is corrupt after a protocol violation: " + this.corruptedBy);
				}
			}
		}
		catch (WebSocketProtocolException ex) {
			this.state = State.CORRUPT;
			this.corruptedBy = ex.getMessage();
			throw ex;
		}
	}

	/** Forgets all state, including a corruption, as if newly constructed (limits and RSV1 are kept). */
	public void reset() {
		this.state = State.HEADER;
		this.corruptedBy = null;
		this.headerFill = 0;
		this.control.clear();
		this.messageInProgress = false;
		this.messageLength = 0;
		this.utf8.reset();
		this.chunkSource = null;
		this.payloadView = null;
		this.payloadViewSource = null;
	}

	private boolean readHeader(ByteBuffer in) {
		int p = in.position();
		int available = in.limit() - p;
		if (available == 0) {
			return false;
		}
		if (this.headerFill == 0) {
			// Usual case: the whole header is in the caller's buffer, decode it where it lies.
			int length = examineHeader(in, p, available);
			if (length > 0) {
				in.position(p + length);
				return true;
			}
			// examineHeader checked every byte present; fewer than 14 remain, keep them for next time.
			in.get(this.header, 0, available);
			this.headerFill = available;
			return false;
		}
		// A header split across reads: add one byte at a time so checks still fire on the deciding byte
		// and no byte past the header is taken.
		while (in.hasRemaining()) {
			this.header[this.headerFill++] = in.get();
			if (examineHeader(this.headerView, 0, this.headerFill) > 0) {
				this.headerFill = 0;
				return true;
			}
		}
		return false;
	}

	/**
	 * Validates the {@code available} header bytes at {@code src[base]} and, once the header is complete,
	 * starts the frame. Pure until then, so it may be run again over a growing prefix.
	 * @return the header length if complete, else 0
	 */
	private int examineHeader(ByteBuffer src, int base, int available) {
		int b0 = src.get(base) & 0xFF;
		this.rules.checkFirstByte(b0, this.messageInProgress);
		if (available < 2) {
			return 0;
		}
		int b1 = src.get(base + 1) & 0xFF;
		int op = b0 & 0x0F;
		this.rules.checkSecondByte(op, b1);
		int length7 = b1 & 0x7F;
		int extended = (length7 == 126) ? 2 : (length7 == 127) ? 8 : 0;
		if (extended == 8 && available >= 3) {
			this.rules.checkFirstLengthByte(src.get(base + 2) & 0xFF);
		}
		if (available < 2 + extended) {
			return 0;
		}
		long length = (extended == 0) ? length7 : this.rules.readExtendedLength(src, base + 2, extended);
		this.rules.checkLength(op, length, (op == Opcode.CONTINUATION) ? this.messageLength : 0);
		boolean masked = (b1 & 0x80) != 0;
		int headerLength = 2 + extended + (masked ? 4 : 0);
		if (available < headerLength) {
			return 0;
		}
		int key = masked ? (int) FrameHeaderRules.readBigEndian(src, base + 2 + extended, 4) : 0;
		startFrame(b0, length, key);
		return headerLength;
	}

	private void startFrame(int b0, long length, int key) {
		this.fin = (b0 & 0x80) != 0;
		this.rsv = (b0 >>> 4) & 0x7;
		this.opcode = b0 & 0x0F;
		this.maskKey = key;
		this.frameLength = length;
		this.frameRemaining = length;
		if (Opcode.isControl(this.opcode)) {
			this.control.clear();
			this.state = State.CONTROL_PAYLOAD;
			return;
		}
		if (this.opcode != Opcode.CONTINUATION) {
			this.messageInProgress = true;
			this.messageOpcode = this.opcode;
			this.messageLength = 0;
			this.nextChunkFirstOfMessage = true;
			this.utf8.reset();
		}
		this.messageLength += length;
		this.nextChunkFirstOfFrame = true;
		this.state = State.DATA_PAYLOAD;
	}

	private Event readData(ByteBuffer in, int maxChunk) {
		int start = in.position();
		int length = (int) Math.min(Math.min(this.frameRemaining, in.limit() - start), maxChunk);
		if (length == 0 && this.frameRemaining > 0) {
			return Event.NEED_MORE;
		}
		int end = start + length;
		Masking.unmask(in, start, end, this.maskKey, this.frameLength - this.frameRemaining);
		this.frameRemaining -= length;
		in.position(end);
		if (this.messageOpcode == Opcode.TEXT) {
			// Section 8.1: fail as soon as the text cannot be valid, not when the message ends.
			if (!this.utf8.update(in, start, end)) {
				throw WebSocketProtocolException.invalidPayload("Text message is not valid UTF-8");
			}
			if (this.fin && this.frameRemaining == 0 && !this.utf8.isComplete()) {
				throw WebSocketProtocolException.invalidPayload("Text message ends inside a UTF-8 sequence");
			}
		}
		this.chunkSource = in;
		this.chunkStart = start;
		this.chunkLength = length;
		this.firstChunkOfFrame = this.nextChunkFirstOfFrame;
		this.firstChunkOfMessage = this.nextChunkFirstOfMessage;
		this.nextChunkFirstOfFrame = false;
		this.nextChunkFirstOfMessage = false;
		if (this.frameRemaining == 0) {
			this.state = State.HEADER;
			if (this.fin) {
				this.messageInProgress = false;
			}
		}
		return Event.DATA;
	}

	private Event readControl(ByteBuffer in) {
		int length = (int) Math.min(this.frameRemaining, in.remaining());
		this.control.append(in, length, this.maskKey);
		this.frameRemaining -= length;
		if (this.frameRemaining > 0) {
			return Event.NEED_MORE;
		}
		this.state = State.HEADER;
		if (this.opcode == Opcode.CLOSE) {
			this.control.checkClose();
		}
		return Event.CONTROL;
	}

	/** Returns the last frame's opcode: TEXT, BINARY or CONTINUATION after DATA, else PING, PONG or CLOSE. */
	public int opcode() {
		return this.opcode;
	}

	/** Returns TEXT or BINARY, the last DATA chunk's message type, which CONTINUATION frames lack (5.4). */
	public int messageOpcode() {
		return this.messageOpcode;
	}

	/** Returns the FIN bit of the last frame, which is set on the final frame of a message and on every control frame. */
	public boolean fin() {
		return this.fin;
	}

	/** Returns the last frame's RSV bits (RSV1 = 0x4) for permessage-deflate; 0 unless {@link #allowRsv1}. */
	public int rsv() {
		return this.rsv;
	}

	/** Returns the absolute index in the buffer passed to {@link #next} where the last DATA chunk starts. */
	public int chunkStart() {
		return this.chunkStart;
	}

	/** Returns the length of the last DATA chunk: at most {@code maxChunk}, and 0 only for a zero-length frame. */
	public int chunkLength() {
		return this.chunkLength;
	}

	/**
	 * The last DATA chunk as a buffer from its first to its last byte, sharing content with the buffer
	 * passed to {@link #next(ByteBuffer, int)}. One view is reused for as long as the caller passes the
	 * same buffer, so this allocates only when the caller switches buffers; code that must never
	 * allocate uses {@link #chunkStart()} and {@link #chunkLength()} instead. Valid until the next call.
	 * @return a view whose position and limit bound the chunk (big-endian, like every duplicate)
	 * @throws IllegalStateException if no DATA event has been reported yet
	 */
	public ByteBuffer payload() {
		if (this.chunkSource == null) {
			throw new IllegalStateException("No data chunk has been reported");
		}
		if (this.payloadViewSource != this.chunkSource) {
			this.payloadView = this.chunkSource.duplicate();
			this.payloadViewSource = this.chunkSource;
		}
		this.payloadView.clear().limit(this.chunkStart + this.chunkLength).position(this.chunkStart);
		return this.payloadView;
	}

	/** Returns whether the last DATA chunk is the first of its frame. */
	public boolean isFirstChunkOfFrame() {
		return this.firstChunkOfFrame;
	}

	/** Returns whether the last DATA chunk is the first of its message (the first of its TEXT or BINARY frame). */
	public boolean isFirstChunkOfMessage() {
		return this.firstChunkOfMessage;
	}

	/** Returns how many payload bytes of the current frame are still to come after the last DATA chunk. */
	public long remainingInFrame() {
		return this.frameRemaining;
	}

	/** Returns whether the last DATA chunk ends its message: {@code fin() && remainingInFrame() == 0}. */
	public boolean isMessageComplete() {
		return this.fin && this.frameRemaining == 0;
	}

	/**
	 * The payload of the last CONTROL frame, unmasked, as a read-only view of an internal array. Valid
	 * until the next call; copy it to keep it (e.g. to echo a PING's payload in the PONG).
	 * @return a view from position 0 to the payload length (0 to 125 bytes)
	 */
	public ByteBuffer controlPayload() {
		return this.control.view();
	}

	/**
	 * The status code of the last CLOSE frame (section 5.5.1), already checked to be allowed on the wire.
	 * @return the code, or {@link CloseCodes#NO_STATUS} (1005) when the frame had no payload
	 * @throws IllegalStateException unless the last event was a CLOSE frame
	 */
	public int closeCode() {
		checkClose();
		return this.control.closeCode();
	}

	/**
	 * The reason of the last CLOSE frame, already checked to be valid UTF-8. Decoded on each call.
	 * @return the reason, or {@code ""} when there was none
	 * @throws IllegalStateException unless the last event was a CLOSE frame
	 */
	public String closeReason() {
		checkClose();
		return this.control.closeReason();
	}

	private void checkClose() {
		if (this.opcode != Opcode.CLOSE || this.state == State.CONTROL_PAYLOAD || this.state == State.CORRUPT) {
			throw new IllegalStateException("The last event was not a CLOSE frame");
		}
	}

}
