package io.jlws.frame;

import java.nio.ByteBuffer;

/**
 * The rules of RFC 6455 section 5 that a received frame header must obey, one method per header byte
 * so that {@link FrameParser} can apply each rule as soon as the byte that decides it has arrived.
 *
 * <p>Split out of the parser so the protocol rules read in one place, apart from the buffering. Methods
 * are pure: they throw or return, and the parser may run them again over a header that grows by a byte.
 */
final class FrameHeaderRules {

	/** The RSV1 bit within the three RSV bits ({@code (b0 >>> 4) & 7}). */
	static final int RSV1 = 0x4;

	private final boolean expectMasked;

	private final long maxFramePayload;

	private final long maxMessagePayload;

	private boolean allowRsv1;

	FrameHeaderRules(boolean expectMasked, long maxFramePayload, long maxMessagePayload) {
		if (maxFramePayload < 0 || maxMessagePayload < 0) {
			throw new IllegalArgumentException("Payload limits must not be negative");
		}
		this.expectMasked = expectMasked;
		this.maxFramePayload = maxFramePayload;
		this.maxMessagePayload = maxMessagePayload;
	}

	void allowRsv1(boolean allow) {
		this.allowRsv1 = allow;
	}

	/** FIN, RSV1-3 and opcode: everything that depends on the first byte and the message in progress. */
	void checkFirstByte(int b0, boolean messageInProgress) {
		int op = b0 & 0x0F;
		// RFC 7692 section 6.1: permessage-deflate sets RSV1 on the first frame of a message only.
		int allowedRsv = (this.allowRsv1 && (op == Opcode.TEXT || op == Opcode.BINARY)) ? RSV1 : 0;
		if ((((b0 >>> 4) & 0x7) & ~allowedRsv) != 0) {
			// Section 5.2: a nonzero RSV bit that no negotiated extension defines MUST fail the connection.
			throw WebSocketProtocolException.protocolError("Reserved bits must be 0 unless an extension defines them");
		}
		if (!Opcode.isKnown(op)) {
			throw WebSocketProtocolException.protocolError("Opcode 0x" + Integer.toHexString(op) + " is reserved");
		}
		if (Opcode.isControl(op)) {
			// Section 5.5: "All control frames MUST NOT be fragmented."
			if ((b0 & 0x80) == 0) {
				throw WebSocketProtocolException.protocolError("Control frames must be final");
			}
		}
		else if (op == Opcode.CONTINUATION) {
			if (!messageInProgress) {
				throw WebSocketProtocolException.protocolError("Continuation frame without a message in progress");
			}
		}
		else if (messageInProgress) {
			// Section 5.4: the fragments of a message may only be interleaved with control frames.
			throw WebSocketProtocolException
				.protocolError(Opcode.name(op) + " frame inside a fragmented message, expected CONTINUATION");
		}
	}

	/** MASK and the 7-bit length, given the opcode from the first byte. */
	void checkSecondByte(int op, int b1) {
		boolean masked = (b1 & 0x80) != 0;
		if (masked != this.expectMasked) {
			// Section 5.1: a server MUST close on an unmasked frame, a client on a masked one.
			throw WebSocketProtocolException
				.protocolError(this.expectMasked ? "Client frames must be masked" : "Server frames must not be masked");
		}
		if (Opcode.isControl(op) && (b1 & 0x7F) > FrameHeaderWriter.MAX_CONTROL_PAYLOAD) {
			// Section 5.5: "All control frames MUST have a payload length of 125 bytes or less."
			throw WebSocketProtocolException.protocolError("Control frame payload must be at most 125 bytes");
		}
	}

	/** The first byte of a 64-bit length, which already decides whether it is negative. */
	void checkFirstLengthByte(int b2) {
		if ((b2 & 0x80) != 0) {
			// Section 5.2: "the most significant bit MUST be 0".
			throw WebSocketProtocolException.protocolError("Frame length must not have its most significant bit set");
		}
	}

	/** Reads a 16- or 64-bit extended length and rejects encodings that are not the shortest. */
	long readExtendedLength(ByteBuffer src, int at, int extendedBytes) {
		long length = readBigEndian(src, at, extendedBytes);
		// Section 5.2: "the minimal number of bytes MUST be used to encode the length".
		long minimum = (extendedBytes == 2) ? 126 : 0x10000;
		if (length < minimum) {
			throw WebSocketProtocolException.protocolError(
					"Frame length " + length + " is not minimally encoded in " + (8 * extendedBytes) + " bits");
		}
		return length;
	}

	/**
	 * The size limits and the Close length rule, on the declared length before any payload is read.
	 * @param messageLengthBefore payload of the earlier frames of the message (0 for a new message)
	 */
	void checkLength(int op, long length, long messageLengthBefore) {
		if (length > this.maxFramePayload) {
			throw WebSocketProtocolException.tooBig(
					"Frame payload of " + length + " bytes exceeds the limit of " + this.maxFramePayload + " bytes");
		}
		if (Opcode.isData(op)) {
			if (length > this.maxMessagePayload - messageLengthBefore) {
				throw WebSocketProtocolException
					.tooBig("Message payload exceeds the limit of " + this.maxMessagePayload + " bytes");
			}
		}
		else if (op == Opcode.CLOSE && length == 1) {
			// Section 5.5.1: a Close body, if present, starts with a 2-byte status code.
			throw WebSocketProtocolException.protocolError("Close frame payload must not be 1 byte");
		}
	}

	/** Byte by byte, so the caller's buffer order does not matter. */
	static long readBigEndian(ByteBuffer src, int at, int bytes) {
		long value = 0;
		for (int i = 0; i < bytes; i++) {
			value = (value << 8) | (src.get(at + i) & 0xFF);
		}
		return value;
	}

}
