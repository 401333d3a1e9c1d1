package io.jlws.handshake;

/**
 * A request head that we refuse to process, with the HTTP status to answer it with.
 *
 * <p>The status is one of 400 (malformed, RFC 7230 section 3), 414 (request line too long), 431 (head
 * too large or too many header fields, RFC 6585 section 5), 501 (a request form we do not implement,
 * such as {@code CONNECT}) or 505 (not HTTP/1.x). The caller answers with
 * {@link HttpResponses#error(int, String, java.util.List)} and closes the connection: after a broken
 * head the byte stream cannot be resynchronised.
 *
 * <p>No stack trace is captured: any peer can trigger this at will, the trace would only ever point
 * into the parser, and the peer's bytes, not our code, are at fault.
 */
public class HttpParseException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/** The HTTP status code to answer with. */
	private final int status;

	/**
	 * Creates an exception to be answered with {@code status}.
	 * @param status the HTTP status code for the response, e.g. 400 or 431
	 * @param message a human sentence describing what was wrong with the request
	 */
	public HttpParseException(int status, String message) {
		super(message, null, false, false);
		this.status = status;
	}

	/**
	 * A malformed request, status 400.
	 * @param message a human sentence describing what was malformed
	 * @return a new exception with status 400
	 */
	static HttpParseException badRequest(String message) {
		return new HttpParseException(400, message);
	}

	/**
	 * The HTTP status code the request must be answered with.
	 * @return 400, 414, 431, 501 or 505 when thrown by this package
	 */
	public int status() {
		return this.status;
	}

}
