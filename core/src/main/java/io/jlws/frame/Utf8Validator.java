package io.jlws.frame;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Incremental UTF-8 validator: a table-driven DFA in the style of Bjoern Hoehrmann's decoder.
 *
 * <p>Why incremental: RFC 6455 section 8.1 requires a text message to be valid UTF-8 as a whole, but
 * its bytes arrive in frames and chunks that may split a code point anywhere. The DFA state survives
 * across {@code update} calls so each byte is examined exactly once, and section 8.1 lets (and the
 * Autobahn suite expects) an endpoint fail the connection as soon as the bytes so far can no longer be
 * a prefix of valid UTF-8, rather than after buffering the whole message.
 *
 * <p>Rejected, per RFC 3629: overlong encodings (C0, C1, E0 80-9F, F0 80-8F), UTF-16 surrogates
 * (ED A0-BF), code points above U+10FFFF (F4 90-BF, F5-FF), stray continuation bytes and truncated
 * sequences followed by a non-continuation byte. A sequence cut off at the end of the input is not an
 * error until the caller says the input is over: see {@link #isComplete()}.
 *
 * <p>Not thread safe; one instance per connection.
 */
public final class Utf8Validator {

	// Byte classes. Only the distinctions the states below need: the three continuation ranges exist
	// because E0, ED, F0 and F4 restrict their second byte to part of 80-BF.
	private static final int ASCII = 0, CONT_80_8F = 1, CONT_90_9F = 2, CONT_A0_BF = 3, ILLEGAL = 4,
			LEAD2 = 5, E0 = 6, LEAD3 = 7, ED = 8, F0 = 9, LEAD4 = 10, F4 = 11;

	// States, premultiplied by 16 so a transition is one add and one load, as in Hoehrmann's table.
	private static final int ACCEPT = 0;

	private static final int NEED1 = 16, NEED2 = 32, NEED3 = 48, AFTER_E0 = 64, AFTER_ED = 80, AFTER_F0 = 96,
			AFTER_F4 = 112;

	private static final int REJECT = 128;

	private static final byte[] CLASSES = new byte[256];

	private static final int[] TRANSITIONS = new int[REJECT + 16];

	private static final long HIGH_BITS = 0x8080808080808080L;

	private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
			ByteOrder.nativeOrder());

	static {
		for (int b = 0; b < 256; b++) {
			CLASSES[b] = (byte) classOf(b);
		}
		Arrays.fill(TRANSITIONS, REJECT);
		set(ACCEPT, ASCII, ACCEPT);
		set(ACCEPT, LEAD2, NEED1);
		set(ACCEPT, E0, AFTER_E0);
		set(ACCEPT, LEAD3, NEED2);
		set(ACCEPT, ED, AFTER_ED);
		set(ACCEPT, F0, AFTER_F0);
		set(ACCEPT, LEAD4, NEED3);
		set(ACCEPT, F4, AFTER_F4);
		for (int c = CONT_80_8F; c <= CONT_A0_BF; c++) {
			set(NEED1, c, ACCEPT);
			set(NEED2, c, NEED1);
			set(NEED3, c, NEED2);
		}
		// E0 80-9F would be an overlong 3-byte form of U+0000-U+07FF.
		set(AFTER_E0, CONT_A0_BF, NEED1);
		// ED A0-BF would encode the surrogates U+D800-U+DFFF.
		set(AFTER_ED, CONT_80_8F, NEED1);
		set(AFTER_ED, CONT_90_9F, NEED1);
		// F0 80-8F would be an overlong 4-byte form of U+0000-U+FFFF.
		set(AFTER_F0, CONT_90_9F, NEED2);
		set(AFTER_F0, CONT_A0_BF, NEED2);
		// F4 90-BF would be above U+10FFFF.
		set(AFTER_F4, CONT_80_8F, NEED2);
	}

	private int state = ACCEPT;

	private static int classOf(int b) {
		if (b < 0x80) {
			return ASCII;
		}
		if (b < 0x90) {
			return CONT_80_8F;
		}
		if (b < 0xA0) {
			return CONT_90_9F;
		}
		if (b < 0xC0) {
			return CONT_A0_BF;
		}
		if (b < 0xC2 || b > 0xF4) {
			return ILLEGAL;
		}
		if (b < 0xE0) {
			return LEAD2;
		}
		if (b == 0xE0) {
			return E0;
		}
		if (b == 0xED) {
			return ED;
		}
		if (b < 0xF0) {
			return LEAD3;
		}
		if (b == 0xF0) {
			return F0;
		}
		return (b == 0xF4) ? F4 : LEAD4;
	}

	private static void set(int state, int byteClass, int next) {
		TRANSITIONS[state + byteClass] = next;
	}

	private static int step(int state, byte b) {
		return TRANSITIONS[state + CLASSES[b & 0xFF]];
	}

	/**
	 * Feeds {@code buf[from, to)} (absolute indexes up to the limit; position and limit are not touched,
	 * so the caller can validate a chunk it is about to hand on).
	 * @param buf the bytes
	 * @param from first index, inclusive
	 * @param to last index, exclusive
	 * @return false as soon as the bytes fed since the last {@link #reset()} cannot be the start of
	 * valid UTF-8; the validator then stays failed until reset
	 */
	public boolean update(ByteBuffer buf, int from, int to) {
		this.state = run(this.state, buf, from, to);
		return this.state != REJECT;
	}

	/**
	 * Feeds {@code bytes[from, to)}, like {@link #update(ByteBuffer, int, int)}.
	 * @param bytes the bytes
	 * @param from first index, inclusive
	 * @param to last index, exclusive
	 * @return false once the input can no longer be valid UTF-8
	 */
	public boolean update(byte[] bytes, int from, int to) {
		this.state = run(this.state, bytes, from, to);
		return this.state != REJECT;
	}

	/**
	 * Feeds all of {@code bytes}.
	 * @param bytes the bytes
	 * @return false once the input can no longer be valid UTF-8
	 */
	public boolean update(byte[] bytes) {
		return update(bytes, 0, bytes.length);
	}

	/**
	 * Whether the input so far ends on a code point boundary. Call it when the message ends (the final
	 * fragment): a text message that stops in the middle of a code point is invalid (section 8.1).
	 * @return true if every byte fed so far forms complete, valid code points
	 */
	public boolean isComplete() {
		return this.state == ACCEPT;
	}

	/**
	 * Whether the input so far is still a valid prefix of UTF-8, i.e. no {@code update} has failed.
	 * @return false after a failed update until {@link #reset()}
	 */
	public boolean isValidSoFar() {
		return this.state != REJECT;
	}

	/** Forgets all input, ready for the next message. */
	public void reset() {
		this.state = ACCEPT;
	}

	/**
	 * Validates {@code buf}'s remaining bytes as one complete UTF-8 string without allocating, e.g. for a
	 * Close frame reason (section 5.5.1).
	 * @param buf the bytes between position and limit; position and limit are not changed
	 * @return true if they are complete, valid UTF-8
	 */
	public static boolean isValid(ByteBuffer buf) {
		return run(ACCEPT, buf, buf.position(), buf.limit()) == ACCEPT;
	}

	/**
	 * Validates {@code bytes[from, to)} as one complete UTF-8 string without allocating.
	 * @param bytes the bytes
	 * @param from first index, inclusive
	 * @param to last index, exclusive
	 * @return true if they are complete, valid UTF-8
	 */
	public static boolean isValid(byte[] bytes, int from, int to) {
		return run(ACCEPT, bytes, from, to) == ACCEPT;
	}

	private static int run(int state, ByteBuffer buf, int from, int to) {
		int i = from;
		while (i < to) {
			if (state == REJECT) {
				return REJECT;
			}
			// Most text is ASCII: between code points, skip whole words of it. The high-bit test is the
			// same in either byte order, so the buffer's order does not matter.
			if (state == ACCEPT) {
				while (i + 8 <= to && (buf.getLong(i) & HIGH_BITS) == 0) {
					i += 8;
				}
				if (i == to) {
					break;
				}
			}
			state = step(state, buf.get(i++));
		}
		return state;
	}

	private static int run(int state, byte[] bytes, int from, int to) {
		int i = from;
		while (i < to) {
			if (state == REJECT) {
				return REJECT;
			}
			if (state == ACCEPT) {
				while (i + 8 <= to && (((long) LONGS.get(bytes, i)) & HIGH_BITS) == 0) {
					i += 8;
				}
				if (i == to) {
					break;
				}
			}
			state = step(state, bytes[i++]);
		}
		return state;
	}

}
