package io.jlws.client;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

import static io.jlws.frame.AutobahnPayloads.closePayload;

/**
 * Payload and frame builders shared by the client-side Autobahn tests (the fuzzingserver cases, where the test is
 * the misbehaving server). Frames are built with {@link FakeServer#frame}: unmasked, as a server sends them; a few
 * variants set RSV bits or a mask, which a server must not do.
 */
final class AutobahnClientSupport {

	static final int CONTINUATION = 0x0;

	static final int TEXT = 0x1;

	static final int BINARY = 0x2;

	static final int CLOSE = 0x8;

	static final int PING = 0x9;

	static final int PONG = 0xA;

	static final int NORMAL = 1000;

	static final int PROTOCOL_ERROR = 1002;

	static final int NO_STATUS = 1005;

	static final int INVALID_PAYLOAD = 1007;

	static final int MESSAGE_TOO_BIG = 1009;

	/** Autobahn's "one chop": all frames in one write. */
	static final int ONE_CHOP = -1;

	/** Autobahn's "frame-wise chops": each frame in its own write. */
	static final int FRAME_WISE = 0;

	/** Autobahn's "octet-wise chops": one write per byte. */
	static final int OCTET_WISE = 1;

	private AutobahnClientSupport() {
	}

	// ---- server frames ----------------------------------------------------------------------------

	/** An unmasked server frame with RSV bits 0. */
	static byte[] frame(boolean fin, int opcode, byte[] payload) {
		return FakeServer.frame(fin, opcode, payload);
	}

	/** An unmasked server frame with the given RSV bits (the 3-bit field: 4 = RSV1, 2 = RSV2, 1 = RSV3). */
	static byte[] frame(boolean fin, int rsv, int opcode, byte[] payload) {
		byte[] f = FakeServer.frame(fin, opcode, payload);
		f[0] |= (byte) ((rsv & 7) << 4);
		return f;
	}

	/** A MASKED server frame, which RFC 6455 section 5.1 forbids ("A server MUST NOT mask any frames"). */
	static byte[] maskedFrame(boolean fin, int opcode, byte[] payload, byte[] key) {
		byte[] plain = FakeServer.frame(fin, opcode, payload);
		int header = plain.length - payload.length;
		byte[] f = new byte[plain.length + 4];
		System.arraycopy(plain, 0, f, 0, header);
		f[1] |= (byte) 0x80;
		System.arraycopy(key, 0, f, header, 4);
		for (int i = 0; i < payload.length; i++) {
			f[header + 4 + i] = (byte) (payload[i] ^ key[i & 3]);
		}
		return f;
	}

	static byte[] close(int code) {
		return frame(true, CLOSE, closePayload(code, new byte[0]));
	}

	static byte[] close(int code, byte[] reason) {
		return frame(true, CLOSE, closePayload(code, reason));
	}

	/** The frames of one message cut into fragments of {@code size} bytes (at least one frame). */
	static byte[] fragmented(int opcode, byte[] message, int size) {
		ByteArrayOutputStream b = new ByteArrayOutputStream(message.length + (message.length / size + 1) * 10);
		int at = 0;
		do {
			int end = Math.min(message.length, at + size);
			b.writeBytes(frame(end == message.length, (at == 0) ? opcode : CONTINUATION,
					Arrays.copyOfRange(message, at, end)));
			at = end;
		}
		while (at < message.length);
		return b.toByteArray();
	}

	static String opcodeName(int opcode) {
		return switch (opcode) {
			case CONTINUATION -> "CONTINUATION";
			case TEXT -> "TEXT";
			case BINARY -> "BINARY";
			case CLOSE -> "CLOSE";
			case PING -> "PING";
			case PONG -> "PONG";
			default -> "OPCODE_" + opcode;
		};
	}

}
