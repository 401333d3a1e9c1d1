package io.jlws;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One connection of a {@link Context}: libwebsockets' {@code struct lws} (a "wsi").
 * <p>
 * Threading: every method except {@link #id()} must be called on the context's service thread, normally from a
 * {@link Callback}; other threads reach a connection through {@link Context#executeOn(long, java.util.function.Consumer)}.
 * Calling from another thread throws {@link IllegalStateException}. A connection object is only meaningful while
 * it lives: callbacks only ever receive live connections, and after {@link Reason#CLOSED} it must not be used.
 */
public interface Connection {

	/** A stable identifier, unique within the context; safe to keep and to use from any thread. */
	long id();

	/** The protocol this connection is bound to (lws {@code lws_get_protocol}). */
	Protocol<?> protocol();

	/** The session data created for this connection, or {@code null} (lws {@code lws_wsi_user}). */
	Object sessionData();

	/** The context that owns this connection (lws {@code lws_get_context}). */
	Context context();

	/** The peer's address, or {@code null} once the socket is closed. */
	InetSocketAddress remoteAddress();

	/** The subprotocol echoed in the 101 response, or {@code null} when the client offered none. */
	String negotiatedSubprotocol();

	// ---- request head: FILTER_PROTOCOL_CONNECTION, ESTABLISHED and HTTP only --------------------------

	/**
	 * The value of the first request header with this name (case-insensitive), or {@code null}. Available during
	 * {@link Reason#FILTER_PROTOCOL_CONNECTION}, {@link Reason#ESTABLISHED} and {@link Reason#HTTP}; afterwards the
	 * header store is released, as in libwebsockets (lws {@code lws_hdr_copy}).
	 * @throws IllegalStateException when the headers have been released
	 */
	String header(String name);

	/**
	 * Every request header in arrival order, names as sent.
	 * @throws IllegalStateException when the headers have been released
	 */
	List<Map.Entry<String, String>> headers();

	/** The request method ({@code GET}). Same availability as {@link #header(String)}. */
	String method();

	/** The request path, without the query. Same availability as {@link #header(String)}. */
	String path();

	/** The raw query string without {@code '?'}, {@code ""} when none. Same availability as {@link #header(String)}. */
	String query();

	/**
	 * The first value of a query parameter, decoded, or {@code null} (lws {@code lws_get_urlarg_by_name}).
	 * Same availability as {@link #header(String)}.
	 */
	String queryParameter(String name);

	// ---- receiving: valid during RECEIVE ----------------------------------------------------------

	/** Whether the chunk being received ends its message (lws {@code lws_is_final_fragment}). */
	boolean isFinalFragment();

	/** Whether the chunk being received starts a message (lws {@code lws_is_first_fragment}). */
	boolean isFirstFragment();

	/** Payload bytes of the current frame still to come after this chunk (lws {@code lws_remaining_packet_payload}). */
	long remainingPacketPayload();

	/** Whether the message being received is binary (lws {@code lws_frame_is_binary}). */
	boolean frameIsBinary();

	/**
	 * Stops ({@code false}) or resumes ({@code true}) reading from this connection. Bytes already read are kept
	 * and delivered after resuming (lws {@code lws_rx_flow_control}).
	 */
	void rxFlowControl(boolean enable);

	// ---- sending ----------------------------------------------------------------------------------

	/**
	 * Asks for one {@link Reason#SERVER_WRITEABLE} callback when the connection can take data. Requests made before
	 * the callback arrives coalesce into one (lws {@code lws_callback_on_writable}).
	 */
	void requestWritable();

	/**
	 * Sends a frame; legal only during {@link Reason#SERVER_WRITEABLE} ({@link Reason#CLIENT_WRITEABLE} for
	 * clients) or {@link Reason#BROADCAST} of this connection (lws {@code lws_write}). Client frames are masked
	 * with a fresh key each. The payload is consumed (its position moves to its limit). Frames written
	 * in one callback leave together when it returns; bytes the socket does not take are kept and sent before the
	 * next WRITEABLE (at most {@link Limits#maxPendingBytes()}: beyond that the connection is aborted).
	 * @param payload the frame payload
	 * @param type the frame type
	 * @param fin {@code false} to leave the message open for {@link WriteType#CONTINUATION} frames (lws
	 * {@code LWS_WRITE_NO_FIN})
	 * @return the number of payload bytes accepted
	 * @throws IllegalStateException outside a WRITEABLE callback, off the service thread, or when closing
	 * @throws IllegalArgumentException for a control frame over 125 bytes or not final
	 */
	int write(ByteBuffer payload, WriteType type, boolean fin);

	/** Sends a whole message in one final frame; see {@link #write(ByteBuffer, WriteType, boolean)}. */
	default int write(ByteBuffer payload, WriteType type) {
		return write(payload, type, true);
	}

	/** Unsent bytes held for this connection because the socket did not take them (lws {@code lws_partial_buffered}). */
	int pendingBytes();

	/**
	 * Answers a plain HTTP request; legal only during {@link Reason#HTTP}. The connection closes once the response
	 * has been sent.
	 */
	void respond(HttpResponse response);

	// ---- closing, timers --------------------------------------------------------------------------

	/**
	 * Sets the status and reason of the close frame sent when a callback next returns {@link CallbackResult#CLOSE}
	 * (lws {@code lws_close_reason}).
	 * @param status an RFC 6455 close code valid on the wire (1000-1003, 1007-1014, 3000-4999)
	 * @param reason UTF-8 text, truncated to fit the 125-byte control frame
	 */
	void setCloseReason(int status, String reason);

	/**
	 * During {@link Reason#CLOSED} (and after a close frame arrived): the close code; 1006 when the connection ended
	 * without a close handshake.
	 */
	int closeStatus();

	/** During {@link Reason#CLOSED}: a human-readable reason (the peer's, or why jlws ended it). */
	String closeReason();

	/**
	 * Closes the connection unless it shows activity within the duration; {@code Duration.ZERO} cancels
	 * (lws {@code lws_set_timeout}). Activity means any bytes received.
	 */
	void setTimeout(Duration timeout);

	/**
	 * Delivers one {@link Reason#TIMER} after the duration; setting it again replaces the previous one and
	 * {@code Duration.ZERO} or negative cancels (lws {@code lws_set_timer_usecs}).
	 */
	void setTimer(Duration delay);

	/** Whether the WebSocket is open and not closing. */
	boolean isOpen();

	/** Whether this is a client connection made with {@link Context#connect(ClientConnectInfo)}. */
	boolean isClient();

	/**
	 * Adds a header to the client's upgrade request; legal only during
	 * {@link Reason#CLIENT_APPEND_HANDSHAKE_HEADER} (lws {@code lws_add_http_header_by_name} there).
	 * @throws IllegalArgumentException for a name that is not a token or a value with CR or LF
	 */
	void addHandshakeHeader(String name, String value);

}
