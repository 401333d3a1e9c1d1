package io.jlws.frame;

/**
 * A peer broke RFC 6455; the connection must be failed with {@link #closeCode()} (section 7.1.7).
 *
 * <p>The message is a human sentence meant for the log line and, truncated, for the Close reason.
 * No stack trace is captured: a misbehaving or hostile peer can trigger this on every frame, the
 * trace would only ever point into the parser, and the peer's bytes, not our code, are at fault.
 */
public class WebSocketProtocolException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final int closeCode;

	/**
	 * Creates an exception for a violation that must close the connection with {@code closeCode}.
	 * @param closeCode the close status to send, usually 1002, 1007 or 1009
	 * @param message a human sentence describing the violation
	 */
	public WebSocketProtocolException(int closeCode, String message) {
		super(message, null, false, false);
		this.closeCode = closeCode;
	}

	/**
	 * A generic protocol violation, close code 1002 (e.g. a fragmented control frame).
	 * @param message a human sentence describing the violation
	 * @return a new exception with close code {@link CloseCodes#PROTOCOL_ERROR}
	 */
	public static WebSocketProtocolException protocolError(String message) {
		return new WebSocketProtocolException(CloseCodes.PROTOCOL_ERROR, message);
	}

	/**
	 * Payload inconsistent with the message type, close code 1007 (e.g. text that is not UTF-8,
	 * RFC 6455 section 8.1).
	 * @param message a human sentence describing the violation
	 * @return a new exception with close code {@link CloseCodes#INVALID_PAYLOAD}
	 */
	public static WebSocketProtocolException invalidPayload(String message) {
		return new WebSocketProtocolException(CloseCodes.INVALID_PAYLOAD, message);
	}

	/**
	 * A frame or message larger than we accept, close code 1009.
	 * @param message a human sentence naming the size and the limit
	 * @return a new exception with close code {@link CloseCodes#MESSAGE_TOO_BIG}
	 */
	public static WebSocketProtocolException tooBig(String message) {
		return new WebSocketProtocolException(CloseCodes.MESSAGE_TOO_BIG, message);
	}

	/**
	 * The status code the connection must be closed with.
	 * @return an RFC 6455 close code that is valid on the wire
	 */
	public int closeCode() {
		return this.closeCode;
	}

}
