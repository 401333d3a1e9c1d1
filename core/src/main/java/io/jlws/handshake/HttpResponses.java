package io.jlws.handshake;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds HTTP/1.1 response heads (RFC 7230 section 3) as bytes ready to write.
 *
 * <p>Every line ends with CRLF and the head with an empty line. Headers are {@code {name, value}}
 * arrays; names must be tokens and values may not contain CR, LF or other control characters except
 * HTAB, so no caller-supplied text (a subprotocol, a message, a redirect target) can end the head early
 * and inject a response of its own (response splitting). Violations throw
 * {@link IllegalArgumentException}: they are bugs in the caller, not in the peer. Text is encoded as
 * ISO-8859-1 in heads (characters above U+00FF are refused) and as UTF-8 in bodies.
 */
public final class HttpResponses {

	private static final String CRLF = "\r\n";

	private HttpResponses() {
	}

	/**
	 * The 101 accepting a WebSocket handshake (RFC 6455 section 4.2.2 item 5):
	 * <pre>
	 * HTTP/1.1 101 Switching Protocols
	 * Upgrade: websocket
	 * Connection: Upgrade
	 * Sec-WebSocket-Accept: {acceptKey}
	 * Sec-WebSocket-Protocol: {subprotocol}      (only when not null)
	 * {extra headers}
	 * </pre>
	 * followed by the empty line. No {@code Content-Length}: a 101 has no body, and the bytes after it
	 * are frames.
	 * @param acceptKey the value from {@link Handshake#acceptKey(String)}
	 * @param subprotocolOrNull the chosen subprotocol, a token; null when the client offered none
	 * (then no {@code Sec-WebSocket-Protocol} header may be sent)
	 * @param extraHeaders more {@code {name, value}} headers, e.g. {@code Sec-WebSocket-Extensions};
	 * may be null
	 * @return the ASCII bytes of the head
	 * @throws IllegalArgumentException if a header name is not a token, a value contains CR/LF, or the
	 * subprotocol is not a token
	 */
	public static byte[] switchingProtocols(String acceptKey, String subprotocolOrNull, List<String[]> extraHeaders) {
		StringBuilder sb = new StringBuilder(160);
		sb.append("HTTP/1.1 101 Switching Protocols\r\n");
		header(sb, "Upgrade", "websocket");
		header(sb, "Connection", "Upgrade");
		header(sb, "Sec-WebSocket-Accept", acceptKey);
		if (subprotocolOrNull != null) {
			if (!HttpChars.isToken(subprotocolOrNull)) {
				throw new IllegalArgumentException("A subprotocol must be a token: '" + subprotocolOrNull + "'");
			}
			header(sb, "Sec-WebSocket-Protocol", subprotocolOrNull);
		}
		headers(sb, extraHeaders);
		return bytes(sb.append(CRLF));
	}

	/**
	 * A generic response head: status line, the given headers, {@code Content-Length} when
	 * {@code contentLength >= 0}, {@code Connection: close} when {@code close}, then the empty line.
	 * Do not pass {@code Content-Length} or {@code Connection} in {@code headers}; this method writes
	 * them.
	 * @param status a three-digit status code
	 * @param reason the reason phrase; null for {@link #reasonPhrase(int)}
	 * @param headers {@code {name, value}} headers in order; may be null
	 * @param contentLength the body length; negative for none (101, 204, 304 and HEAD answers aside,
	 * omitting it means the body ends when the connection closes)
	 * @param close whether the connection will be closed after this response
	 * @return the ASCII bytes of the head
	 * @throws IllegalArgumentException on a status outside 100-999, or a reason, name or value that
	 * could split the response
	 */
	public static byte[] head(int status, String reason, List<String[]> headers, long contentLength, boolean close) {
		return bytes(headBuilder(status, reason, headers, contentLength, close));
	}

	/**
	 * A complete error response closing the connection: the head with
	 * {@code Content-Type: text/plain; charset=utf-8}, {@code X-Content-Type-Options: nosniff}, the
	 * extra headers, {@code Content-Length} and {@code Connection: close}, then the message and a
	 * newline as the body.
	 * @param status the error status, e.g. 400 or 431
	 * @param message the human message for the body; null for the reason phrase
	 * @param extraHeaders more {@code {name, value}} headers, e.g. {@code Allow: GET}; may be null
	 * @return head and body bytes
	 * @throws IllegalArgumentException as {@link #head}
	 */
	public static byte[] error(int status, String message, List<String[]> extraHeaders) {
		byte[] body = (((message != null) ? message : reasonPhrase(status)) + "\n").getBytes(StandardCharsets.UTF_8);
		List<String[]> all = new ArrayList<>(2 + ((extraHeaders != null) ? extraHeaders.size() : 0));
		all.add(new String[] { "Content-Type", "text/plain; charset=utf-8" });
		all.add(new String[] { "X-Content-Type-Options", "nosniff" });
		if (extraHeaders != null) {
			all.addAll(extraHeaders);
		}
		StringBuilder head = headBuilder(status, null, all, body.length, true);
		byte[] out = new byte[head.length() + body.length];
		int n = head.length();
		for (int i = 0; i < n; i++) {
			out[i] = (byte) head.charAt(i);
		}
		System.arraycopy(body, 0, out, n, body.length);
		return out;
	}

	/**
	 * The standard reason phrase (RFC 9110 section 15) for common statuses.
	 * @param status a status code
	 * @return e.g. {@code Not Found}; for other codes the class name, e.g. {@code Client Error}
	 */
	public static String reasonPhrase(int status) {
		return switch (status) {
			case 101 -> "Switching Protocols";
			case 200 -> "OK";
			case 201 -> "Created";
			case 204 -> "No Content";
			case 206 -> "Partial Content";
			case 301 -> "Moved Permanently";
			case 302 -> "Found";
			case 303 -> "See Other";
			case 304 -> "Not Modified";
			case 307 -> "Temporary Redirect";
			case 308 -> "Permanent Redirect";
			case 400 -> "Bad Request";
			case 401 -> "Unauthorized";
			case 403 -> "Forbidden";
			case 404 -> "Not Found";
			case 405 -> "Method Not Allowed";
			case 408 -> "Request Timeout";
			case 409 -> "Conflict";
			case 410 -> "Gone";
			case 411 -> "Length Required";
			case 413 -> "Content Too Large";
			case 414 -> "URI Too Long";
			case 415 -> "Unsupported Media Type";
			case 416 -> "Range Not Satisfiable";
			case 426 -> "Upgrade Required";
			case 429 -> "Too Many Requests";
			case 431 -> "Request Header Fields Too Large";
			case 500 -> "Internal Server Error";
			case 501 -> "Not Implemented";
			case 502 -> "Bad Gateway";
			case 503 -> "Service Unavailable";
			case 504 -> "Gateway Timeout";
			case 505 -> "HTTP Version Not Supported";
			default -> switch (status / 100) {
				case 1 -> "Informational";
				case 2 -> "Success";
				case 3 -> "Redirection";
				case 4 -> "Client Error";
				case 5 -> "Server Error";
				default -> "Unknown";
			};
		};
	}

	/**
	 * The {@code Content-Type} for a static file, by its extension (case-insensitive). Text types carry
	 * {@code ; charset=utf-8}, since browsers otherwise guess; JavaScript is {@code text/javascript}
	 * (RFC 9239).
	 * @param fileName a file name or path; the part after the last {@code .} of the last segment counts
	 * @return the media type; {@code application/octet-stream} when unknown or without extension
	 */
	public static String contentTypeFor(String fileName) {
		if (fileName == null) {
			return "application/octet-stream";
		}
		int slash = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
		int dot = fileName.lastIndexOf('.');
		String ext = (dot > slash) ? fileName.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
		return switch (ext) {
			case "html", "htm" -> "text/html; charset=utf-8";
			case "js", "mjs" -> "text/javascript; charset=utf-8";
			case "css" -> "text/css; charset=utf-8";
			case "txt" -> "text/plain; charset=utf-8";
			case "json", "map" -> "application/json";
			case "png" -> "image/png";
			case "jpg", "jpeg" -> "image/jpeg";
			case "gif" -> "image/gif";
			case "svg" -> "image/svg+xml";
			case "ico" -> "image/x-icon";
			case "wasm" -> "application/wasm";
			case "woff2" -> "font/woff2";
			default -> "application/octet-stream";
		};
	}

	private static StringBuilder headBuilder(int status, String reason, List<String[]> headers, long contentLength,
			boolean close) {
		if (status < 100 || status > 999) {
			throw new IllegalArgumentException("A status code has three digits: " + status);
		}
		String phrase = (reason != null) ? reason : reasonPhrase(status);
		checkValue("reason phrase", phrase);
		StringBuilder sb = new StringBuilder(128);
		sb.append("HTTP/1.1 ").append(status).append(' ').append(phrase).append(CRLF);
		headers(sb, headers);
		if (contentLength >= 0) {
			header(sb, "Content-Length", Long.toString(contentLength));
		}
		if (close) {
			header(sb, "Connection", "close");
		}
		return sb.append(CRLF);
	}

	private static void headers(StringBuilder sb, List<String[]> headers) {
		if (headers == null) {
			return;
		}
		for (String[] h : headers) {
			if (h == null || h.length != 2) {
				throw new IllegalArgumentException("A header must be a {name, value} pair");
			}
			header(sb, h[0], h[1]);
		}
	}

	private static void header(StringBuilder sb, String name, String value) {
		if (!HttpChars.isToken(name)) {
			throw new IllegalArgumentException("A header name must be a token: '" + name + "'");
		}
		checkValue(name, value);
		sb.append(name).append(": ").append(value).append(CRLF);
	}

	/** Refuses CR, LF and other controls (HTAB aside) and characters that ISO-8859-1 cannot encode. */
	private static void checkValue(String what, String value) {
		if (value == null) {
			throw new IllegalArgumentException("The " + what + " value is null");
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '\r' || c == '\n') {
				throw new IllegalArgumentException("The " + what + " value contains CR or LF (response splitting)");
			}
			if ((c < 0x20 && c != '\t') || c == 0x7F || c > 0xFF) {
				throw new IllegalArgumentException("The " + what + " value contains a character not allowed in a header");
			}
		}
	}

	private static byte[] bytes(StringBuilder sb) {
		byte[] out = new byte[sb.length()];
		for (int i = 0; i < out.length; i++) {
			out[i] = (byte) sb.charAt(i);
		}
		return out;
	}

}
