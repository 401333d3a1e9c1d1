package io.jlws.handshake;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Character classes and decoding rules shared by the parser, the request head and the responses.
 *
 * <p>Grammar references are to RFC 7230 (HTTP/1.1 message syntax) and RFC 3986 (URIs).
 */
final class HttpChars {

	/** {@code tchar} of RFC 7230 section 3.2.6, indexed by ASCII code. */
	private static final boolean[] TCHAR = new boolean[128];

	static {
		for (char c = '0'; c <= '9'; c++) {
			TCHAR[c] = true;
		}
		for (char c = 'a'; c <= 'z'; c++) {
			TCHAR[c] = true;
			TCHAR[Character.toUpperCase(c)] = true;
		}
		for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
			TCHAR[c] = true;
		}
	}

	private HttpChars() {
	}

	/**
	 * Whether {@code c} may appear in a token (method, header name, subprotocol name).
	 * @param c a character or an unsigned byte value
	 * @return true for RFC 7230 {@code tchar}
	 */
	static boolean isTchar(int c) {
		return c >= 0 && c < 128 && TCHAR[c];
	}

	/**
	 * Whether {@code s} is a non-empty RFC 7230 token.
	 * @param s the candidate, may be null
	 * @return true if every character is a {@code tchar}
	 */
	static boolean isToken(String s) {
		if (s == null || s.isEmpty()) {
			return false;
		}
		for (int i = 0; i < s.length(); i++) {
			if (!isTchar(s.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Optional whitespace of RFC 7230 section 3.2.3.
	 * @param c a character
	 * @return true for SP and HTAB
	 */
	static boolean isOws(int c) {
		return c == ' ' || c == '\t';
	}

	/**
	 * Removes leading and trailing SP/HTAB, nothing else (unlike {@link String#trim()}).
	 * @param s the string
	 * @param from first index to consider
	 * @param to index after the last character to consider
	 * @return the trimmed substring
	 */
	static String trimOws(String s, int from, int to) {
		while (from < to && isOws(s.charAt(from))) {
			from++;
		}
		while (to > from && isOws(s.charAt(to - 1))) {
			to--;
		}
		return s.substring(from, to);
	}

	private static int hexValue(char c) {
		if (c >= '0' && c <= '9') {
			return c - '0';
		}
		if (c >= 'a' && c <= 'f') {
			return c - 'a' + 10;
		}
		if (c >= 'A' && c <= 'F') {
			return c - 'A' + 10;
		}
		return -1;
	}

	/**
	 * Decodes {@code %XX} escapes (RFC 3986 section 2.1) and the resulting bytes as strict UTF-8.
	 * @param s the raw text, e.g. a path or a query component
	 * @param plusIsSpace whether {@code +} means a space (application/x-www-form-urlencoded) or
	 * itself (a path)
	 * @param what what is being decoded, for the error message
	 * @return the decoded text
	 * @throws HttpParseException (400) on a truncated or non-hex escape, or bytes that are not UTF-8
	 */
	static String percentDecode(String s, boolean plusIsSpace, String what) {
		if (s.indexOf('%') < 0 && (!plusIsSpace || s.indexOf('+') < 0)) {
			return s;
		}
		byte[] raw = s.getBytes(StandardCharsets.UTF_8);
		byte[] out = new byte[raw.length];
		int n = 0;
		for (int i = 0; i < raw.length; i++) {
			byte b = raw[i];
			if (b == '%') {
				int hi = (i + 2 < raw.length) ? hexValue((char) raw[i + 1]) : -1;
				int lo = (hi >= 0) ? hexValue((char) raw[i + 2]) : -1;
				if (lo < 0) {
					throw HttpParseException.badRequest("Invalid percent-encoding in the " + what);
				}
				out[n++] = (byte) ((hi << 4) | lo);
				i += 2;
			}
			else if (b == '+' && plusIsSpace) {
				out[n++] = ' ';
			}
			else {
				out[n++] = b;
			}
		}
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(out, 0, n))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw HttpParseException.badRequest("The " + what + " is not UTF-8 after percent-decoding");
		}
	}

}
