package io.jlws;

import java.util.Locale;

/**
 * libwebsockets' log level bits ({@code LLL_*}), combined with {@code |} into the mask given to
 * {@link Context#setLogLevel(int, LogEmitter)}.
 */
public final class LogLevel {

	/** Errors (lws {@code LLL_ERR}); SLF4J ERROR. */
	public static final int ERR = 1;

	/** Warnings (lws {@code LLL_WARN}); SLF4J WARN. */
	public static final int WARN = 2;

	/** Notable events, on by default (lws {@code LLL_NOTICE}); SLF4J INFO. */
	public static final int NOTICE = 4;

	/** Per-connection events, off by default (lws {@code LLL_INFO}); SLF4J DEBUG. */
	public static final int INFO = 8;

	/** Debugging (lws {@code LLL_DEBUG}); SLF4J TRACE. */
	public static final int DEBUG = 16;

	/** Frame parser detail (lws {@code LLL_PARSER}); SLF4J TRACE. */
	public static final int PARSER = 32;

	/** Header detail (lws {@code LLL_HEADER}); SLF4J TRACE. */
	public static final int HEADER = 64;

	/** Extension detail (lws {@code LLL_EXT}); SLF4J TRACE. */
	public static final int EXT = 128;

	/** Client detail (lws {@code LLL_CLIENT}); SLF4J TRACE. */
	public static final int CLIENT = 256;

	/** Latency measurements (lws {@code LLL_LATENCY}); SLF4J TRACE. */
	public static final int LATENCY = 512;

	/** Application messages (lws {@code LLL_USER}); SLF4J INFO. */
	public static final int USER = 1024;

	/** The libwebsockets default: ERR | WARN | NOTICE. */
	public static final int DEFAULT = ERR | WARN | NOTICE;

	/** Every bit. */
	public static final int ALL = 2047;

	private static final String[] NAMES = { "err", "warn", "notice", "info", "debug", "parser", "header", "ext",
			"client", "latency", "user" };

	private LogLevel() {
	}

	/** The lower-case lws name of a single bit ({@code "notice"}). */
	public static String name(int bit) {
		int index = Integer.numberOfTrailingZeros(bit);
		if (Integer.bitCount(bit) != 1 || index >= NAMES.length) {
			throw new IllegalArgumentException("Not a single log level bit: " + bit);
		}
		return NAMES[index];
	}

	/**
	 * Parses a mask: a number ({@code 1031}) or a comma-separated list of names ({@code err,warn,notice,user}).
	 * @throws IllegalArgumentException naming the unknown entry
	 */
	public static int parse(String value) {
		String text = value.trim();
		if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
			int bits = Integer.parseInt(text);
			if ((bits & ~ALL) != 0) {
				throw new IllegalArgumentException("Log level " + bits + " has bits outside 0-" + ALL);
			}
			return bits;
		}
		int bits = 0;
		for (String part : text.split(",")) {
			String name = part.trim().toLowerCase(Locale.ROOT);
			if (name.isEmpty()) {
				continue;
			}
			int index = java.util.Arrays.asList(NAMES).indexOf(name);
			if (index < 0) {
				throw new IllegalArgumentException("Unknown log level '" + part.trim() + "'; known: "
						+ String.join(", ", NAMES));
			}
			bits |= 1 << index;
		}
		return bits;
	}

}
