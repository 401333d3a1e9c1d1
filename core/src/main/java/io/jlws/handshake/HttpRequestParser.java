package io.jlws.handshake;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Incremental parser for an HTTP/1.1 request head (RFC 7230 section 3), fed whatever bytes a
 * non-blocking read produced.
 *
 * <p>{@link #parse(ByteBuffer)} consumes bytes up to and including the empty line that ends the head
 * and returns the head, leaving the buffer positioned on the first byte after it: a WebSocket client
 * may send its first frames in the same segment as the upgrade request, and those bytes belong to the
 * frame parser. While the head is incomplete it consumes everything and returns null; the current
 * line is kept in an internal array that grows up to the limit, finished lines are parsed at once.
 *
 * <p>Limits are checked byte by byte, so a peer streaming an endless head is stopped as soon as it
 * crosses one, never buffered without bound:
 * <ul>
 * <li>the head, counting every byte {@code parse} consumes (request line, header lines, line
 * terminators and the final empty line), may be at most {@code maxHeaderBytes} long: the first byte
 * over the limit throws 431 (RFC 6585 section 5), or 414 if the request line has not ended yet (the
 * request-target is what makes request lines long);</li>
 * <li>at most {@code maxHeaderCount} header fields (100 by default), else 431.</li>
 * </ul>
 *
 * <p>Syntax follows RFC 7230 strictly where leniency enables request smuggling or response splitting:
 * single spaces in the request line, a {@code tchar} method and header name, no whitespace before the
 * colon, no obsolete line folding, no control characters or bare CR in values; each is 400. A
 * well-formed version other than HTTP/1.x is 505. For robustness, bare LF line endings are accepted
 * like CRLF and empty lines before the request line are skipped (RFC 7230 sections 3.5 and 3.1).
 *
 * <p>Not thread safe: one parser per connection, used by the thread that reads it. After a complete
 * head the parser is ready for the next request on a keep-alive connection; after an
 * {@link HttpParseException} the connection must be answered and closed, or the parser
 * {@link #reset()}.
 */
public final class HttpRequestParser {

	/** The default maximum number of header fields. */
	public static final int DEFAULT_MAX_HEADER_COUNT = 100;

	private static final int INITIAL_LINE_CAPACITY = 256;

	private final int maxHeaderBytes;

	private final int maxHeaderCount;

	/** The current, unfinished line (without its LF). */
	private byte[] line;

	private int lineLength;

	/** Bytes of the current head consumed so far. */
	private int headBytes;

	private String method;

	private String target;

	private String version;

	private final List<HttpRequestHead.Header> headers = new ArrayList<>();

	private boolean failed;

	/**
	 * Creates a parser allowing at most 100 header fields.
	 * @param maxHeaderBytes the maximum size of a head in bytes, terminators included
	 */
	public HttpRequestParser(int maxHeaderBytes) {
		this(maxHeaderBytes, DEFAULT_MAX_HEADER_COUNT);
	}

	/**
	 * Creates a parser.
	 * @param maxHeaderBytes the maximum size of a head in bytes, terminators included; positive
	 * @param maxHeaderCount the maximum number of header fields; zero or more
	 */
	public HttpRequestParser(int maxHeaderBytes, int maxHeaderCount) {
		if (maxHeaderBytes <= 0) {
			throw new IllegalArgumentException("maxHeaderBytes must be positive: " + maxHeaderBytes);
		}
		if (maxHeaderCount < 0) {
			throw new IllegalArgumentException("maxHeaderCount must not be negative: " + maxHeaderCount);
		}
		this.maxHeaderBytes = maxHeaderBytes;
		this.maxHeaderCount = maxHeaderCount;
		this.line = new byte[Math.min(INITIAL_LINE_CAPACITY, maxHeaderBytes)];
	}

	/**
	 * Consumes bytes of a request head.
	 * @param in bytes read from the peer; on return its position is just after the head, or at its
	 * limit when the head is still incomplete
	 * @return the complete head, or null when more bytes are needed
	 * @throws HttpParseException when the head is malformed or too large; the status says which
	 * @throws IllegalStateException when called after a failure without {@link #reset()}
	 */
	public HttpRequestHead parse(ByteBuffer in) {
		if (this.failed) {
			throw new IllegalStateException("The parser failed on an earlier request; reset() it first");
		}
		try {
			while (in.hasRemaining()) {
				byte b = in.get();
				if (++this.headBytes > this.maxHeaderBytes) {
					throw tooLarge();
				}
				if (b == '\n') {
					HttpRequestHead head = endOfLine();
					if (head != null) {
						return head;
					}
				}
				else {
					append(b);
				}
			}
			return null;
		}
		catch (HttpParseException ex) {
			this.failed = true;
			throw ex;
		}
	}

	/**
	 * Discards any partial head and a failure, to parse a new request from its first byte.
	 */
	public void reset() {
		this.lineLength = 0;
		this.headBytes = 0;
		this.method = null;
		this.target = null;
		this.version = null;
		this.headers.clear();
		this.failed = false;
	}

	private HttpParseException tooLarge() {
		if (this.version == null) {
			return new HttpParseException(414,
					"The request line is longer than the " + this.maxHeaderBytes + "-byte header limit");
		}
		return new HttpParseException(431, "The request head is larger than " + this.maxHeaderBytes + " bytes");
	}

	private void append(byte b) {
		if (this.lineLength == this.line.length) {
			// headBytes bounds lineLength, so this never grows past maxHeaderBytes
			this.line = Arrays.copyOf(this.line, Math.min(this.line.length * 2, this.maxHeaderBytes));
		}
		this.line[this.lineLength++] = b;
	}

	/** Handles a complete line; returns the head when the line was the empty one ending it. */
	private HttpRequestHead endOfLine() {
		int length = this.lineLength;
		if (length > 0 && this.line[length - 1] == '\r') {
			length--;
		}
		this.lineLength = 0;
		if (this.version == null) {
			if (length > 0) {
				parseRequestLine(length);
			}
			// else: an empty line before the request line, ignored (RFC 7230 section 3.5)
			return null;
		}
		if (length > 0) {
			parseHeaderLine(length);
			return null;
		}
		HttpRequestHead head = new HttpRequestHead(this.method, this.target, this.version, this.headers);
		reset();
		return head;
	}

	private void parseRequestLine(int length) {
		byte[] l = this.line;
		int sp1 = indexOf(l, 0, length, (byte) ' ');
		int sp2 = (sp1 < 0) ? -1 : indexOf(l, sp1 + 1, length, (byte) ' ');
		if (sp2 < 0) {
			throw HttpParseException.badRequest("The request line must be 'METHOD SP target SP HTTP/1.1'");
		}
		if (sp1 == 0) {
			throw HttpParseException.badRequest("The request line has no method");
		}
		for (int i = 0; i < sp1; i++) {
			if (!HttpChars.isTchar(l[i] & 0xFF)) {
				throw HttpParseException.badRequest("The method is not a token");
			}
		}
		if (sp2 == sp1 + 1) {
			throw HttpParseException.badRequest("The request line has no target (or two spaces)");
		}
		for (int i = sp1 + 1; i < sp2; i++) {
			int c = l[i] & 0xFF;
			if (c <= 0x20 || c >= 0x7F || c == '#') {
				throw HttpParseException.badRequest("The request target has a character not allowed in a URI");
			}
		}
		String v = ascii(l, sp2 + 1, length);
		if (!v.startsWith("HTTP/")) {
			throw HttpParseException.badRequest("The request line does not end with an HTTP version");
		}
		if (!(v.length() == 8 && v.charAt(5) == '1' && v.charAt(6) == '.' && isDigit(v.charAt(7)))) {
			int dot = v.indexOf('.', 5);
			String major = v.substring(5, (dot < 0) ? v.length() : dot);
			if (isVersionNumber(v, 5) && !"1".equals(major)) {
				// a well-formed version of another major; "HTTP/1" or "HTTP/1.10" is merely malformed
				throw new HttpParseException(505, "HTTP version " + v.substring(5) + " is not supported, only 1.x");
			}
			throw HttpParseException.badRequest("The HTTP version is malformed");
		}
		this.method = ascii(l, 0, sp1);
		this.target = ascii(l, sp1 + 1, sp2);
		HttpRequestHead.pathAndQuery(this.method, this.target); // reject a bad target now, not at the end
		this.version = v;
	}

	private void parseHeaderLine(int length) {
		byte[] l = this.line;
		if (HttpChars.isOws(l[0])) {
			throw HttpParseException.badRequest("Obsolete line folding (a line starting with whitespace) is not accepted");
		}
		if (this.headers.size() == this.maxHeaderCount) {
			throw new HttpParseException(431, "The request has more than " + this.maxHeaderCount + " header fields");
		}
		int colon = indexOf(l, 0, length, (byte) ':');
		if (colon < 0) {
			throw HttpParseException.badRequest("A header line has no colon");
		}
		if (colon == 0) {
			throw HttpParseException.badRequest("A header field has an empty name");
		}
		for (int i = 0; i < colon; i++) {
			if (!HttpChars.isTchar(l[i] & 0xFF)) {
				throw HttpParseException.badRequest(HttpChars.isOws(l[i])
						? "Whitespace between a header name and the colon is not allowed"
						: "A header name is not a token");
			}
		}
		int start = colon + 1;
		int end = length;
		while (start < end && HttpChars.isOws(l[start])) {
			start++;
		}
		while (end > start && HttpChars.isOws(l[end - 1])) {
			end--;
		}
		for (int i = start; i < end; i++) {
			int c = l[i] & 0xFF;
			if ((c < 0x20 && c != '\t') || c == 0x7F) {
				throw HttpParseException.badRequest(
						(c == '\r') ? "A header line has a bare CR" : "A header value has a control character");
			}
		}
		this.headers.add(new HttpRequestHead.Header(ascii(l, 0, colon), latin1(l, start, end)));
	}

	/** Whether {@code v} from {@code from} is {@code DIGIT+ ( "." DIGIT+ )?}. */
	private static boolean isVersionNumber(String v, int from) {
		int dot = v.indexOf('.', from);
		int end = (dot < 0) ? v.length() : dot;
		return isDigits(v, from, end) && (dot < 0 || isDigits(v, dot + 1, v.length()));
	}

	private static boolean isDigits(String s, int from, int to) {
		if (from >= to) {
			return false;
		}
		for (int i = from; i < to; i++) {
			if (!isDigit(s.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	private static int indexOf(byte[] a, int from, int to, byte b) {
		for (int i = from; i < to; i++) {
			if (a[i] == b) {
				return i;
			}
		}
		return -1;
	}

	private static String ascii(byte[] a, int from, int to) {
		return new String(a, from, to - from, StandardCharsets.US_ASCII);
	}

	private static String latin1(byte[] a, int from, int to) {
		return new String(a, from, to - from, StandardCharsets.ISO_8859_1);
	}

}
