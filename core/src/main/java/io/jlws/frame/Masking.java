package io.jlws.frame;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The payload masking of RFC 6455 section 5.3: byte {@code j} of a frame's payload is XORed with byte
 * {@code j % 4} of the 32-bit masking key, most significant byte first.
 *
 * <p>The transform is its own inverse, so {@link #mask} and {@link #unmask} are the same operation under
 * two names, one for each side of the wire. Both work in place so that received data can be unmasked
 * inside the shared read buffer and delivered without a copy (the payload is touched exactly once).
 *
 * <p>Chunked payloads: a frame may be unmasked piecewise as its bytes arrive; {@code maskOffset} says
 * how many payload bytes of the same frame preceded {@code from}, which decides where in the key the
 * chunk starts.
 */
public final class Masking {

	private Masking() {
	}

	/**
	 * Unmasks {@code buf[from, to)} in place (absolute indexes up to the limit; position and limit are
	 * not changed).
	 * @param buf the buffer holding the payload bytes; must be writable unless {@code maskKey} is 0
	 * @param from first payload index, inclusive
	 * @param to last payload index, exclusive
	 * @param maskKey the frame's masking key as read big-endian from the header
	 * @param maskOffset how many payload bytes of this frame came before {@code from}
	 */
	public static void unmask(ByteBuffer buf, int from, int to, int maskKey, long maskOffset) {
		if (maskKey == 0 || from >= to) {
			// XOR with zero changes nothing; skipping it also lets read-only buffers through.
			return;
		}
		int key = Integer.rotateLeft(maskKey, 8 * (int) (maskOffset & 3));
		long wide = ((long) key << 32) | (key & 0xFFFFFFFFL);
		if (buf.order() == ByteOrder.LITTLE_ENDIAN) {
			// getLong in little-endian puts byte i in the low bits, so the key must be mirrored to match.
			wide = Long.reverseBytes(wide);
		}
		int i = from;
		for (int end = to - 7; i < end; i += 8) {
			buf.putLong(i, buf.getLong(i) ^ wide);
		}
		// i - from is a multiple of 8 here, so the tail starts again at the first byte of the rotated key.
		for (int shift = 24; i < to; i++, shift = (shift - 8) & 31) {
			buf.put(i, (byte) (buf.get(i) ^ (key >>> shift)));
		}
	}

	/**
	 * Masks {@code buf[from, to)} in place; identical to {@link #unmask(ByteBuffer, int, int, int, long)}
	 * and named for the sending side.
	 * @param buf the buffer holding the payload bytes
	 * @param from first payload index, inclusive
	 * @param to last payload index, exclusive
	 * @param maskKey the masking key written into the frame header
	 * @param maskOffset how many payload bytes of this frame came before {@code from}
	 */
	public static void mask(ByteBuffer buf, int from, int to, int maskKey, long maskOffset) {
		unmask(buf, from, to, maskKey, maskOffset);
	}

	/**
	 * Unmasks {@code bytes[from, to)} in place; meant for small payloads such as control frames
	 * accumulated in an array.
	 * @param bytes the payload bytes
	 * @param from first payload index, inclusive
	 * @param to last payload index, exclusive
	 * @param maskKey the frame's masking key
	 * @param maskOffset how many payload bytes of this frame came before {@code from}
	 */
	public static void unmask(byte[] bytes, int from, int to, int maskKey, long maskOffset) {
		if (maskKey == 0) {
			return;
		}
		int shift = 24 - 8 * (int) (maskOffset & 3);
		for (int i = from; i < to; i++, shift = (shift - 8) & 31) {
			bytes[i] = (byte) (bytes[i] ^ (maskKey >>> shift));
		}
	}

	/**
	 * Masks {@code bytes[from, to)} in place; identical to {@link #unmask(byte[], int, int, int, long)}.
	 * @param bytes the payload bytes
	 * @param from first payload index, inclusive
	 * @param to last payload index, exclusive
	 * @param maskKey the masking key written into the frame header
	 * @param maskOffset how many payload bytes of this frame came before {@code from}
	 */
	public static void mask(byte[] bytes, int from, int to, int maskKey, long maskOffset) {
		unmask(bytes, from, to, maskKey, maskOffset);
	}

}
