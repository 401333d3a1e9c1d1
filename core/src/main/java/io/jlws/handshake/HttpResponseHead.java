package io.jlws.handshake;

import java.util.List;

/**
 * An immutable HTTP/1.1 response head as a WebSocket client receives it: status line and header fields.
 *
 * @param version the protocol version, e.g. {@code HTTP/1.1}
 * @param status the status code
 * @param reason the reason phrase, possibly empty
 * @param headers the header fields in arrival order
 */
public record HttpResponseHead(String version, int status, String reason, List<HttpRequestHead.Header> headers)
		implements HttpHead {

	public HttpResponseHead {
		headers = List.copyOf(headers);
	}

	/** The status line as received, for error messages ({@code HTTP/1.1 200 OK}). */
	public String statusLine() {
		return this.version + " " + this.status + (this.reason.isEmpty() ? "" : " " + this.reason);
	}

}
