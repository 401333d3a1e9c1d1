package io.jlws.handshake;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What request and response heads share: header fields in arrival order, looked up by name case-insensitively
 * (RFC 7230 §3.2). A head has at most a few dozen fields, so a linear scan without allocation beats a map.
 */
public interface HttpHead {

	/** Every header field in arrival order, names in the case the peer sent. */
	List<HttpRequestHead.Header> headers();

	/**
	 * The first value of a header field.
	 * @param name the field name, matched case-insensitively
	 * @return the first value, or null when the field is absent
	 */
	default String header(String name) {
		for (HttpRequestHead.Header h : headers()) {
			if (h.name().equalsIgnoreCase(name)) {
				return h.value();
			}
		}
		return null;
	}

	/**
	 * The comma-separated list elements of every value of a header field (RFC 7230 §7), as used by
	 * {@code Connection}, {@code Upgrade}, {@code Sec-WebSocket-Protocol} and {@code Sec-WebSocket-Extensions}.
	 * Elements are trimmed and empty ones dropped ({@code "a,, b"} is {@code [a, b]}); a comma inside a
	 * double-quoted string does not split, so extension parameters such as {@code x="a,b"} stay in one element.
	 * @param name the field name, matched case-insensitively
	 * @return the elements in order, across all occurrences of the field
	 */
	default List<String> headerTokens(String name) {
		List<String> tokens = new ArrayList<>(4);
		for (HttpRequestHead.Header h : headers()) {
			if (h.name().equalsIgnoreCase(name)) {
				String v = h.value();
				int start = 0;
				while (start <= v.length()) {
					int end = elementEnd(v, start);
					String element = HttpChars.trimOws(v, start, end);
					if (!element.isEmpty()) {
						tokens.add(element);
					}
					start = end + 1;
				}
			}
		}
		return Collections.unmodifiableList(tokens);
	}

	/**
	 * Whether any list element of a header field equals {@code token}, ignoring case; e.g.
	 * {@code hasToken("Connection", "upgrade")} is true for {@code Connection: keep-alive, Upgrade}.
	 * @param header the field name, matched case-insensitively
	 * @param token the element to look for, matched case-insensitively
	 * @return true if some element matches
	 */
	default boolean hasToken(String header, String token) {
		for (HttpRequestHead.Header h : headers()) {
			if (h.name().equalsIgnoreCase(header)) {
				String v = h.value();
				int start = 0;
				while (start <= v.length()) {
					int end = elementEnd(v, start);
					int s = start;
					int e = end;
					while (s < e && HttpChars.isOws(v.charAt(s))) {
						s++;
					}
					while (e > s && HttpChars.isOws(v.charAt(e - 1))) {
						e--;
					}
					if (e - s == token.length() && v.regionMatches(true, s, token, 0, e - s)) {
						return true;
					}
					start = end + 1;
				}
			}
		}
		return false;
	}

	/** Index of the comma ending the list element that starts at {@code start}, or the length. */
	private static int elementEnd(String v, int start) {
		boolean quoted = false;
		for (int i = start; i < v.length(); i++) {
			char c = v.charAt(i);
			if (quoted && c == '\\') {
				i++;
			}
			else if (c == '"') {
				quoted = !quoted;
			}
			else if (c == ',' && !quoted) {
				return i;
			}
		}
		return v.length();
	}

}
