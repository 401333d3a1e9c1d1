package io.jlws.frame;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Accumulates one control frame's payload (at most 125 bytes, section 5.5) for {@link FrameParser}.
 *
 * <p>Control payload is copied rather than delivered in place because it is tiny, may straddle reads,
 * and is needed whole: a Close must be validated before it is reported and a Ping's payload echoed.
 * One fixed array per connection, so nothing is allocated per frame.
 */
final class ControlFrameBuffer {

	private final byte[] bytes = new byte[FrameHeaderWriter.MAX_CONTROL_PAYLOAD];

	private final ByteBuffer view = ByteBuffer.wrap(this.bytes).asReadOnlyBuffer();

	private int length;

	private int closeCode = CloseCodes.NO_STATUS;

	void clear() {
		this.length = 0;
		this.closeCode = CloseCodes.NO_STATUS;
	}

	/** Copies {@code count} bytes from {@code in}'s position and unmasks the copy, not the source. */
	void append(ByteBuffer in, int count, int maskKey) {
		in.get(this.bytes, this.length, count);
		Masking.unmask(this.bytes, this.length, this.length + count, maskKey, this.length);
		this.length += count;
	}

	/** Section 5.5.1 and 7.4: the code must be allowed on the wire and the reason must be UTF-8. */
	void checkClose() {
		if (this.length == 0) {
			this.closeCode = CloseCodes.NO_STATUS;
			return;
		}
		int code = ((this.bytes[0] & 0xFF) << 8) | (this.bytes[1] & 0xFF);
		if (!CloseCodes.isValidOnWire(code)) {
			throw WebSocketProtocolException.protocolError("Close code " + code + " is not allowed on the wire");
		}
		if (!Utf8Validator.isValid(this.bytes, 2, this.length)) {
			throw WebSocketProtocolException.invalidPayload("Close reason is not valid UTF-8");
		}
		this.closeCode = code;
	}

	ByteBuffer view() {
		this.view.clear().limit(this.length);
		return this.view;
	}

	int closeCode() {
		return this.closeCode;
	}

	String closeReason() {
		return (this.length <= 2) ? "" : new String(this.bytes, 2, this.length - 2, StandardCharsets.UTF_8);
	}

}
