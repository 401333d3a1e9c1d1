package io.jlws.handshake;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable HTTP/1.1 request head: the request line and the header fields, without a body.
 *
 * <p>Header fields keep their order and the case the peer sent; lookups by name are case-insensitive
 * (RFC 7230 section 3.2) and scan the list without allocating. A head has at most a few dozen fields,
 * so a linear scan beats a map. Values are decoded as ISO-8859-1, so every byte survives as one
 * {@code char}.
 *
 * <p>The request target is kept raw ({@link #target()}) and split into {@link #path()} and
 * {@link #query()}; percent-decoding is done only on request ({@link #decodedPath()},
 * {@link #queryParameters()}).
 */
public final class HttpRequestHead implements HttpHead {

	private final String method;

	private final String target;

	private final String path;

	private final String query;

	private final String version;

	private final List<Header> headers;

	/**
	 * One header field as received: name in its original case, value without surrounding whitespace.
	 * @param name the field name, an RFC 7230 token
	 * @param value the field value with optional whitespace trimmed
	 */
	public record Header(String name, String value) {

		/**
		 * Checks that neither part is null.
		 * @param name the field name
		 * @param value the field value
		 */
		public Header {
			Objects.requireNonNull(name, "name");
			Objects.requireNonNull(value, "value");
		}

	}

	/**
	 * Creates a head and splits {@code target} into path and query (RFC 7230 section 5.3).
	 *
	 * <p>Accepted targets: origin-form ({@code /path?query}), absolute-form
	 * ({@code http://host/path?query}, whose path defaults to {@code /}) and, for {@code OPTIONS} only,
	 * asterisk-form ({@code *}, path {@code *}).
	 * @param method the request method, case-sensitive (e.g. {@code GET})
	 * @param target the raw request-target
	 * @param version the protocol version, e.g. {@code HTTP/1.1}
	 * @param headers the header fields in the order received; copied
	 * @throws HttpParseException 501 for authority-form ({@code CONNECT}), 400 for any other target
	 * that is not one of the forms above
	 */
	public HttpRequestHead(String method, String target, String version, List<Header> headers) {
		this.method = Objects.requireNonNull(method, "method");
		this.target = Objects.requireNonNull(target, "target");
		this.version = Objects.requireNonNull(version, "version");
		this.headers = List.copyOf(headers);
		String pathAndQuery = pathAndQuery(method, target);
		int q = pathAndQuery.indexOf('?');
		this.path = (q < 0) ? pathAndQuery : pathAndQuery.substring(0, q);
		this.query = (q < 0) ? "" : pathAndQuery.substring(q + 1);
	}

	/**
	 * The path and query part of a target, or an exception if the target form is not accepted.
	 * @param method the request method
	 * @param target the raw request-target
	 * @return the target from its path on, e.g. {@code /a?b}
	 */
	static String pathAndQuery(String method, String target) {
		if (target.startsWith("/")) {
			return target;
		}
		if ("*".equals(target) && "OPTIONS".equals(method)) {
			return target;
		}
		if ("CONNECT".equals(method)) {
			throw new HttpParseException(501, "CONNECT is not implemented: this is not a proxy");
		}
		int colon = schemeEnd(target);
		if (colon > 0 && target.startsWith("//", colon + 1)) {
			int authorityStart = colon + 3;
			int authorityEnd = authorityStart;
			while (authorityEnd < target.length() && target.charAt(authorityEnd) != '/'
					&& target.charAt(authorityEnd) != '?') {
				authorityEnd++;
			}
			if (authorityEnd > authorityStart) {
				String rest = target.substring(authorityEnd);
				return rest.startsWith("/") ? rest : "/" + rest;
			}
		}
		throw HttpParseException.badRequest("The request target must be a path or an absolute URI");
	}

	/** Index of the ':' after an RFC 3986 scheme ({@code ALPHA *( ALPHA / DIGIT / + / - / . )}), or -1. */
	private static int schemeEnd(String target) {
		for (int i = 0; i < target.length(); i++) {
			char c = target.charAt(i);
			boolean alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
			if (c == ':') {
				return (i > 0) ? i : -1;
			}
			if (!alpha && (i == 0 || !((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'))) {
				return -1;
			}
		}
		return -1;
	}

	/**
	 * The request method, case-sensitive as RFC 7230 section 3.1.1 requires.
	 * @return e.g. {@code GET}
	 */
	public String method() {
		return this.method;
	}

	/**
	 * The request-target exactly as received.
	 * @return e.g. {@code /chat?room=1} or {@code http://example.com/chat}
	 */
	public String target() {
		return this.target;
	}

	/**
	 * The path of the target, still percent-encoded; for absolute-form the part after the authority.
	 * @return never empty; starts with {@code /} (or is {@code *} for {@code OPTIONS *})
	 */
	public String path() {
		return this.path;
	}

	/**
	 * The raw query after the first {@code ?}, still encoded.
	 * @return the query without the {@code ?}, or {@code ""} when there is none
	 */
	public String query() {
		return this.query;
	}

	/**
	 * The protocol version from the request line.
	 * @return e.g. {@code HTTP/1.1}
	 */
	public String version() {
		return this.version;
	}

	/**
	 * All header fields in the order received, names in their original case.
	 * @return an unmodifiable list; duplicates are kept
	 */
	@Override
	public List<Header> headers() {
		return this.headers;
	}

	/**
	 * Percent-decodes the path as UTF-8 (RFC 3986 section 2.1); {@code +} stays a plus.
	 *
	 * <p>{@code %2F} decodes to {@code /} and {@code ..} segments are left alone: a caller mapping
	 * paths to files must normalise and confine the result itself.
	 * @return the decoded path
	 * @throws HttpParseException (400) on a malformed escape, bytes that are not UTF-8, or an encoded NUL
	 */
	public String decodedPath() {
		String decoded = HttpChars.percentDecode(this.path, false, "path");
		if (decoded.indexOf('\0') >= 0) {
			throw HttpParseException.badRequest("The path contains an encoded NUL");
		}
		return decoded;
	}

	/**
	 * Every value of a header field, for fields that may repeat (RFC 7230 section 3.2.2).
	 * @param name the field name, matched case-insensitively
	 * @return the values in the order received; empty when absent
	 */
	public List<String> headerValues(String name) {
		List<String> values = new ArrayList<>(2);
		for (Header h : this.headers) {
			if (h.name().equalsIgnoreCase(name)) {
				values.add(h.value());
			}
		}
		return Collections.unmodifiableList(values);
	}

	/**
	 * The query decoded as application/x-www-form-urlencoded: pairs split on {@code &}, name and value
	 * on the first {@code =}, {@code +} is a space and {@code %XX} are UTF-8 bytes. A pair without
	 * {@code =} has the value {@code ""}; empty pairs are skipped.
	 * @return an unmodifiable map in query order; each name maps to all its values in order
	 * @throws HttpParseException (400) on a malformed escape or bytes that are not UTF-8
	 */
	public Map<String, List<String>> queryParameters() {
		Map<String, List<String>> params = new LinkedHashMap<>();
		int start = 0;
		while (start < this.query.length()) {
			int end = this.query.indexOf('&', start);
			if (end < 0) {
				end = this.query.length();
			}
			if (end > start) {
				int eq = this.query.indexOf('=', start);
				boolean hasValue = eq >= 0 && eq < end;
				String name = decodeQuery(start, hasValue ? eq : end);
				String value = hasValue ? decodeQuery(eq + 1, end) : "";
				params.computeIfAbsent(name, (n) -> new ArrayList<>(1)).add(value);
			}
			start = end + 1;
		}
		params.replaceAll((n, values) -> List.copyOf(values));
		return Collections.unmodifiableMap(params);
	}

	/**
	 * The first value of a query parameter, decoded as in {@link #queryParameters()}.
	 * @param name the decoded parameter name, case-sensitive
	 * @return the first value, {@code ""} for a bare {@code name}, or null when absent
	 * @throws HttpParseException (400) on a malformed escape or bytes that are not UTF-8
	 */
	public String queryParameter(String name) {
		List<String> values = queryParameters().get(name);
		return (values != null) ? values.get(0) : null;
	}

	private String decodeQuery(int from, int to) {
		return HttpChars.percentDecode(this.query.substring(from, to), true, "query");
	}

	/**
	 * The request line followed by the header fields, one per line, for logs and test failures.
	 * @return a multi-line description
	 */
	@Override
	public String toString() {
		StringBuilder sb = new StringBuilder(64 + 32 * this.headers.size());
		sb.append(this.method).append(' ').append(this.target).append(' ').append(this.version);
		for (Header h : this.headers) {
			sb.append('\n').append(h.name()).append(": ").append(h.value());
		}
		return sb.toString();
	}

}
