package io.jlws.frame;

/**
 * The frame opcodes of RFC 6455 section 5.2, as plain {@code int}s.
 *
 * <p>Ints rather than an enum because the parser reads the opcode straight from the low nibble of the
 * first header byte and must also be able to talk about the reserved values (3-7, 0xB-0xF) it rejects.
 */
public final class Opcode {

	/** A continuation of a fragmented message (RFC 6455 section 5.4). */
	public static final int CONTINUATION = 0x0;

	/** First frame of a text message; the whole message must be UTF-8 (section 5.6). */
	public static final int TEXT = 0x1;

	/** First frame of a binary message (section 5.6). */
	public static final int BINARY = 0x2;

	/** Close control frame (section 5.5.1). */
	public static final int CLOSE = 0x8;

	/** Ping control frame (section 5.5.2). */
	public static final int PING = 0x9;

	/** Pong control frame (section 5.5.3). */
	public static final int PONG = 0xA;

	private Opcode() {
	}

	/**
	 * Whether {@code opcode} denotes a control frame: section 5.5 defines control frames as those whose
	 * opcode has the most significant bit of the nibble set, which includes the reserved 0xB-0xF.
	 * @param opcode a 4-bit opcode
	 * @return true for 0x8-0xF
	 */
	public static boolean isControl(int opcode) {
		return (opcode & 0x8) != 0;
	}

	/**
	 * Whether {@code opcode} is one of the defined data frame opcodes (section 5.6), including
	 * {@link #CONTINUATION}.
	 * @param opcode a 4-bit opcode
	 * @return true for CONTINUATION, TEXT and BINARY
	 */
	public static boolean isData(int opcode) {
		return opcode == CONTINUATION || opcode == TEXT || opcode == BINARY;
	}

	/**
	 * Whether {@code opcode} is defined by RFC 6455; the others are reserved and, without a negotiated
	 * extension that defines them, must fail the connection (section 5.2).
	 * @param opcode a 4-bit opcode
	 * @return true for 0, 1, 2, 8, 9 and 0xA
	 */
	public static boolean isKnown(int opcode) {
		return isData(opcode) || opcode == CLOSE || opcode == PING || opcode == PONG;
	}

	/**
	 * A readable name for logs and exception messages.
	 * @param opcode any int
	 * @return e.g. {@code "TEXT"}, or {@code "RESERVED(0x3)"} for an opcode RFC 6455 does not define
	 */
	public static String name(int opcode) {
		return switch (opcode) {
			case CONTINUATION -> "CONTINUATION";
			case TEXT -> "TEXT";
			case BINARY -> "BINARY";
			case CLOSE -> "CLOSE";
			case PING -> "PING";
			case PONG -> "PONG";
			default -> "RESERVED(0x" + Integer.toHexString(opcode).toUpperCase() + ")";
		};
	}

}
