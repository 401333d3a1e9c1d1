package io.jlws.frame;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Writes RFC 6455 frame headers (section 5.2) and Close payloads (section 5.5.1).
 *
 * <p>Only the header is written: the payload stays in the caller's buffer so an unmasked frame can
 * leave in one gathering write of {@code [header, payload]} without copying it. A masking client masks
 * the payload itself with {@link Masking#mask(ByteBuffer, int, int, int, long)}.
 *
 * <p>Lengths always use the shortest encoding (section 5.2 requires it: "the minimal number of bytes
 * MUST be used") and the RSV bits are 0 because no extension is negotiated yet.
 */
public final class FrameHeaderWriter {

	/** The largest payload a control frame may carry (section 5.5). */
	public static final int MAX_CONTROL_PAYLOAD = 125;

	/** The largest header: 2 fixed bytes, an 8-byte extended length and a 4-byte masking key. */
	public static final int MAX_HEADER_LENGTH = 14;

	private FrameHeaderWriter() {
	}

	/**
	 * The number of header bytes a frame needs, so callers can reserve headroom before the payload.
	 * @param payloadLength the payload length in bytes, at least 0
	 * @param masked whether a masking key follows the length
	 * @return 2, 4 or 10, plus 4 when masked
	 */
	public static int headerLength(long payloadLength, boolean masked) {
		checkLength(payloadLength);
		int length = (payloadLength <= 125) ? 2 : (payloadLength <= 0xFFFF) ? 4 : 10;
		return masked ? length + 4 : length;
	}

	/**
	 * Writes a header at {@code dst}'s position and advances it by {@link #headerLength(long, boolean)}.
	 * @param dst where to write; must have enough remaining space
	 * @param fin whether this is the final frame of its message
	 * @param opcode one of the {@link Opcode} constants
	 * @param payloadLength the payload length in bytes
	 * @param masked whether to set the MASK bit and write {@code maskKey} (required from clients)
	 * @param maskKey the masking key, written big-endian; ignored when not masked
	 * @throws IllegalArgumentException for an unknown opcode, a negative length, or a control frame that
	 * is not final or longer than 125 bytes, none of which a peer would accept
	 * @throws BufferOverflowException if {@code dst} has too little room
	 */
	public static void writeHeader(ByteBuffer dst, boolean fin, int opcode, long payloadLength, boolean masked,
			int maskKey) {
		int length = headerLength(payloadLength, masked);
		checkFrame(fin, opcode, payloadLength);
		if (dst.remaining() < length) {
			throw new BufferOverflowException();
		}
		int p = dst.position();
		for (int i = 0; i < length; i++) {
			dst.put(p + i, headerByte(i, fin, opcode, payloadLength, masked, maskKey));
		}
		dst.position(p + length);
	}

	/**
	 * Writes a header into {@code dst} at {@code offset}, like
	 * {@link #writeHeader(ByteBuffer, boolean, int, long, boolean, int)}, for callers that keep headroom
	 * in an array in front of the payload.
	 * @param dst where to write
	 * @param offset index of the first header byte
	 * @param fin whether this is the final frame of its message
	 * @param opcode one of the {@link Opcode} constants
	 * @param payloadLength the payload length in bytes
	 * @param masked whether to set the MASK bit and write {@code maskKey}
	 * @param maskKey the masking key; ignored when not masked
	 * @return the number of bytes written
	 * @throws IllegalArgumentException as for the ByteBuffer variant
	 * @throws IndexOutOfBoundsException if the header does not fit
	 */
	public static int writeHeader(byte[] dst, int offset, boolean fin, int opcode, long payloadLength, boolean masked,
			int maskKey) {
		int length = headerLength(payloadLength, masked);
		checkFrame(fin, opcode, payloadLength);
		Objects.checkFromIndexSize(offset, length, dst.length);
		for (int i = 0; i < length; i++) {
			dst[offset + i] = headerByte(i, fin, opcode, payloadLength, masked, maskKey);
		}
		return length;
	}

	/**
	 * Builds a Close frame payload: the code as two big-endian bytes followed by the UTF-8 reason
	 * (section 5.5.1). The reason is cut at a code point boundary so the payload stays within the
	 * 125 bytes a control frame may carry and still decodes as valid UTF-8 at the peer, which would
	 * otherwise fail the connection with 1007.
	 * @param code a code {@link CloseCodes#isValidOnWire(int) valid on the wire}
	 * @param reason a human reason, may be null or empty
	 * @return a new buffer, position 0, holding 2 to 125 bytes
	 * @throws IllegalArgumentException if the code may not be sent (e.g. 1005 or 1006)
	 */
	public static ByteBuffer closePayload(int code, String reason) {
		if (!CloseCodes.isValidOnWire(code)) {
			throw new IllegalArgumentException("Close code " + code + " may not be sent in a Close frame");
		}
		byte[] utf8 = (reason != null) ? reason.getBytes(StandardCharsets.UTF_8) : new byte[0];
		int reasonLength = utf8.length;
		if (reasonLength > MAX_CONTROL_PAYLOAD - 2) {
			reasonLength = MAX_CONTROL_PAYLOAD - 2;
			// Back up over continuation bytes (10xxxxxx) so the cut falls before a lead byte.
			while ((utf8[reasonLength] & 0xC0) == 0x80) {
				reasonLength--;
			}
		}
		ByteBuffer payload = ByteBuffer.allocate(2 + reasonLength);
		payload.put((byte) (code >>> 8)).put((byte) code).put(utf8, 0, reasonLength);
		return payload.flip();
	}

	private static byte headerByte(int i, boolean fin, int opcode, long payloadLength, boolean masked,
			int maskKey) {
		int extended = (payloadLength <= 125) ? 0 : (payloadLength <= 0xFFFF) ? 2 : 8;
		if (i == 0) {
			return (byte) ((fin ? 0x80 : 0) | opcode);
		}
		if (i == 1) {
			int length7 = (extended == 0) ? (int) payloadLength : (extended == 2) ? 126 : 127;
			return (byte) ((masked ? 0x80 : 0) | length7);
		}
		int e = i - 2;
		if (e < extended) {
			return (byte) (payloadLength >>> (8 * (extended - 1 - e)));
		}
		int k = e - extended;
		return (byte) (maskKey >>> (24 - 8 * k));
	}

	private static void checkLength(long payloadLength) {
		if (payloadLength < 0) {
			throw new IllegalArgumentException("Payload length must not be negative: " + payloadLength);
		}
	}

	private static void checkFrame(boolean fin, int opcode, long payloadLength) {
		if (!Opcode.isKnown(opcode)) {
			throw new IllegalArgumentException("Unknown opcode " + Opcode.name(opcode));
		}
		if (Opcode.isControl(opcode) && (!fin || payloadLength > MAX_CONTROL_PAYLOAD)) {
			throw new IllegalArgumentException(
					"Control frames must be final and carry at most 125 bytes: " + Opcode.name(opcode) + ", fin="
							+ fin + ", length=" + payloadLength);
		}
	}

}
