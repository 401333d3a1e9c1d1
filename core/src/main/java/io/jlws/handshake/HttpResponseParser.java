package io.jlws.handshake;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Incremental parser for the response head a WebSocket client waits for after its upgrade request. Collects bytes
 * up to the blank line (bounded by {@code maxHeaderBytes}) and leaves what follows — frames the server may send
 * at once — in the buffer. Not thread safe.
 */
public final class HttpResponseParser {

	private final int maxHeaderBytes;

	private byte[] bytes = new byte[512];

	private int length;

	public HttpResponseParser(int maxHeaderBytes) {
		this.maxHeaderBytes = maxHeaderBytes;
	}

	/**
	 * Consumes bytes of a response head.
	 * @return the head, or {@code null} when more bytes are needed
	 * @throws HttpParseException (status 0) for a malformed or oversize head
	 */
	public HttpResponseHead parse(ByteBuffer in) {
		while (in.hasRemaining()) {
			byte b = in.get();
			if (this.length == this.maxHeaderBytes) {
				throw new HttpParseException(0, "response head larger than " + this.maxHeaderBytes + " bytes");
			}
			if (this.length == this.bytes.length) {
				this.bytes = java.util.Arrays.copyOf(this.bytes, Math.min(this.bytes.length * 2, this.maxHeaderBytes));
			}
			this.bytes[this.length++] = b;
			if (b == '\n' && endsHead()) {
				return head(new String(this.bytes, 0, this.length, StandardCharsets.ISO_8859_1));
			}
		}
		return null;
	}

	private boolean endsHead() {
		int n = this.length;
		return (n >= 2 && this.bytes[n - 2] == '\n') || (n >= 4 && this.bytes[n - 2] == '\r' && this.bytes[n - 3] == '\n');
	}

	private static HttpResponseHead head(String text) {
		String[] lines = text.split("\r?\n");
		String status = lines[0];
		if (!status.startsWith("HTTP/1.") || status.length() < 12 || status.charAt(8) != ' ') {
			throw new HttpParseException(0, "not an HTTP/1.x status line: '" + printable(status) + "'");
		}
		int code;
		try {
			code = Integer.parseInt(status.substring(9, 12));
		}
		catch (NumberFormatException ex) {
			throw new HttpParseException(0, "bad status code in '" + printable(status) + "'");
		}
		String reason = (status.length() > 13) ? status.substring(13) : "";
		List<HttpRequestHead.Header> headers = new ArrayList<>();
		for (int i = 1; i < lines.length; i++) {
			String line = lines[i];
			if (line.isEmpty()) {
				continue;
			}
			int colon = line.indexOf(':');
			if (colon <= 0 || !HttpChars.isToken(line.substring(0, colon))) {
				throw new HttpParseException(0, "malformed response header '" + printable(line) + "'");
			}
			headers.add(new HttpRequestHead.Header(line.substring(0, colon),
					HttpChars.trimOws(line, colon + 1, line.length())));
		}
		return new HttpResponseHead(status.substring(0, 8), code, reason, headers);
	}

	private static String printable(String s) {
		String cut = (s.length() > 80) ? s.substring(0, 80) + "..." : s;
		return cut.replaceAll("[^\\x20-\\x7e]", "?");
	}

}
