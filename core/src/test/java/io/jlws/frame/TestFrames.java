package io.jlws.frame;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Builds frames byte by byte, independently of {@link FrameHeaderWriter}, so that tests can also build
 * frames the writer refuses to produce (reserved bits, non-minimal lengths, fragmented pings).
 */
final class TestFrames {

	static final int KEY = 0x37FA213D;

	private TestFrames() {
	}

	/** Decodes hex, ignoring spaces. */
	static byte[] hex(String hex) {
		return HexFormat.of().parseHex(hex.replace(" ", ""));
	}

	static String hex(byte[] bytes) {
		return HexFormat.of().formatHex(bytes);
	}

	static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/** An unmasked frame with the shortest length encoding. */
	static byte[] unmasked(boolean fin, int opcode, byte[] payload) {
		return encode(fin, 0, opcode, payload, null);
	}

	/** A frame masked with {@code key}, with the shortest length encoding. */
	static byte[] masked(boolean fin, int opcode, byte[] payload, int key) {
		return encode(fin, 0, opcode, payload, key);
	}

	/** A masked frame if {@code key} is not null, else an unmasked one. */
	static byte[] encode(boolean fin, int rsv, int opcode, byte[] payload, Integer key) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write((fin ? 0x80 : 0) | (rsv << 4) | opcode);
		int maskBit = (key != null) ? 0x80 : 0;
		int length = payload.length;
		if (length <= 125) {
			out.write(maskBit | length);
		}
		else if (length <= 0xFFFF) {
			out.write(maskBit | 126);
			out.write(length >>> 8);
			out.write(length);
		}
		else {
			out.write(maskBit | 127);
			for (int shift = 56; shift >= 0; shift -= 8) {
				out.write((int) ((long) length >>> shift));
			}
		}
		byte[] body = payload.clone();
		if (key != null) {
			for (int shift = 24; shift >= 0; shift -= 8) {
				out.write(key >>> shift);
			}
			for (int i = 0; i < body.length; i++) {
				body[i] ^= (byte) (key >>> (24 - 8 * (i % 4)));
			}
		}
		out.writeBytes(body);
		return out.toByteArray();
	}

	static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	/** Valid UTF-8 of exactly {@code length} bytes, cycling through 1- to 4-byte code points. */
	static byte[] textOfLength(int length) {
		String[] cycle = { "a", "\u00e9", "\u20ac", "\ud83d\ude00" };
		StringBuilder text = new StringBuilder();
		int bytes = 0;
		for (int i = 0; bytes < length; i++) {
			String next = cycle[i % cycle.length];
			int size = utf8(next).length;
			if (bytes + size > length) {
				next = "a";
				size = 1;
			}
			text.append(next);
			bytes += size;
		}
		return utf8(text.toString());
	}

	/** Deterministic pseudo-random bytes. */
	static byte[] binaryOfLength(int length) {
		byte[] bytes = new byte[length];
		new java.util.Random(length).nextBytes(bytes);
		return bytes;
	}

}
