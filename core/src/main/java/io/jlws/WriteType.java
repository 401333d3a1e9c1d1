package io.jlws;

/**
 * The kind of frame {@link Connection#write} sends: libwebsockets' {@code enum lws_write_protocol}.
 * A message sent in fragments starts with {@link #TEXT} or {@link #BINARY} with {@code fin = false}, continues
 * with {@link #CONTINUATION} frames and ends with one whose {@code fin} is true (lws {@code LWS_WRITE_NO_FIN}).
 */
public enum WriteType {

	/** A text frame; the payload must be UTF-8 (lws {@code LWS_WRITE_TEXT}). */
	TEXT(1),

	/** A binary frame (lws {@code LWS_WRITE_BINARY}). */
	BINARY(2),

	/** A continuation of a fragmented message (lws {@code LWS_WRITE_CONTINUATION}). */
	CONTINUATION(0),

	/** A ping, at most 125 bytes (lws {@code LWS_WRITE_PING}). */
	PING(9),

	/** An unsolicited pong, at most 125 bytes (lws {@code LWS_WRITE_PONG}). */
	PONG(10);

	private final int opcode;

	WriteType(int opcode) {
		this.opcode = opcode;
	}

	/** The RFC 6455 opcode of the frame. */
	public int opcode() {
		return this.opcode;
	}

	/** Whether this is a control frame type (PING or PONG), which may not be fragmented. */
	public boolean isControl() {
		return this == PING || this == PONG;
	}

}
