package io.jlws;

/**
 * Why a {@link Callback} is being called: libwebsockets' {@code enum lws_callback_reasons}.
 * <p>
 * Every reason is delivered on the service thread. Reasons marked "protocol-wide" are delivered with a
 * {@code null} connection and {@code null} session data.
 */
public enum Reason {

	/** Protocol-wide: the context is starting its service loop (lws {@code LWS_CALLBACK_PROTOCOL_INIT}). */
	PROTOCOL_INIT,

	/** Protocol-wide: the context has stopped (lws {@code LWS_CALLBACK_PROTOCOL_DESTROY}). */
	PROTOCOL_DESTROY,

	/**
	 * External poll loop, first protocol only: start watching {@link Context#pollArgs()}'s channel for its events
	 * (lws {@code LWS_CALLBACK_ADD_POLL_FD}).
	 */
	ADD_POLL_FD,

	/** External poll loop: stop watching the channel (lws {@code LWS_CALLBACK_DEL_POLL_FD}). */
	DEL_POLL_FD,

	/** External poll loop: add the {@code changed} bits to the channel's interest (lws {@code LWS_CALLBACK_SET_MODE_POLL_FD}). */
	SET_MODE_POLL_FD,

	/**
	 * External poll loop: remove the {@code changed} bits from the channel's interest (lws
	 * {@code LWS_CALLBACK_CLEAR_MODE_POLL_FD}).
	 */
	CLEAR_MODE_POLL_FD,

	/**
	 * An upgrade request chose this protocol; the request line and every header are readable and returning
	 * {@link CallbackResult#CLOSE} refuses it with 403 (lws {@code LWS_CALLBACK_FILTER_PROTOCOL_CONNECTION}).
	 * This is the place to copy headers: they are released after {@link #ESTABLISHED}.
	 */
	FILTER_PROTOCOL_CONNECTION,

	/** The 101 response has been sent and the connection is open (lws {@code LWS_CALLBACK_ESTABLISHED}). */
	ESTABLISHED,

	/**
	 * A chunk of a data frame arrived; {@code in} holds it (at most the protocol's rx buffer size), valid only
	 * during the callback. See {@link Connection#isFinalFragment()} and friends (lws {@code LWS_CALLBACK_RECEIVE}).
	 */
	RECEIVE,

	/** A PONG arrived; {@code in} holds its payload (lws {@code LWS_CALLBACK_RECEIVE_PONG}). */
	RECEIVE_PONG,

	/**
	 * The connection can take data now: the only place besides {@link #BROADCAST} where
	 * {@link Connection#write} is legal. May arrive unrequested; write nothing then (lws
	 * {@code LWS_CALLBACK_SERVER_WRITEABLE}).
	 */
	SERVER_WRITEABLE,

	/**
	 * The peer sent a CLOSE; {@code in} holds its payload (code and reason). jlws echoes it after the callback
	 * (lws {@code LWS_CALLBACK_WS_PEER_INITIATED_CLOSE}).
	 */
	WS_PEER_INITIATED_CLOSE,

	/**
	 * The connection is gone; delivered exactly once for every established connection.
	 * {@link Connection#closeStatus()} and {@link Connection#closeReason()} say why (lws
	 * {@code LWS_CALLBACK_CLOSED}).
	 */
	CLOSED,

	/**
	 * A plain HTTP request arrived on the listening port; delivered to the first protocol. Answer with
	 * {@link Connection#respond(HttpResponse)}; no answer means 404 (lws {@code LWS_CALLBACK_HTTP}).
	 */
	HTTP,

	/** The timer set by {@link Connection#setTimer(java.time.Duration)} fired (lws {@code LWS_CALLBACK_TIMER}). */
	TIMER,

	/**
	 * Protocol-wide: another thread called {@link Context#wakeUp()}; wake-ups that arrive before the loop turns
	 * are coalesced into one (lws {@code LWS_CALLBACK_EVENT_WAIT_CANCELLED}).
	 */
	EVENT_WAIT_CANCELLED,

	/**
	 * Another thread called {@link Context#broadcastForeign}; {@code in} holds the payload. Writing is legal
	 * here as in {@link #SERVER_WRITEABLE} (libwebsockets 1.x {@code LWS_CALLBACK_BROADCAST}).
	 */
	BROADCAST,

	/**
	 * Client: a header may be added to the upgrade request now, with
	 * {@link Connection#addHandshakeHeader(String, String)} (lws {@code LWS_CALLBACK_CLIENT_APPEND_HANDSHAKE_HEADER}).
	 */
	CLIENT_APPEND_HANDSHAKE_HEADER,

	/**
	 * Client: the server's 101 response passed the RFC checks; its headers are readable and returning
	 * {@link CallbackResult#CLOSE} refuses it (lws {@code LWS_CALLBACK_CLIENT_FILTER_PRE_ESTABLISH}).
	 */
	CLIENT_FILTER_PRE_ESTABLISH,

	/** Client: the WebSocket is open (lws {@code LWS_CALLBACK_CLIENT_ESTABLISHED}). */
	CLIENT_ESTABLISHED,

	/**
	 * Client: the connection attempt failed; {@code in} holds the reason as UTF-8 text, also in
	 * {@link Connection#closeReason()}. Delivered to the connection's bound protocol, as libwebsockets 4.x does
	 * (its 1.x README says protocol 0). Exactly one of this and {@link #CLIENT_ESTABLISHED} per connect (lws
	 * {@code LWS_CALLBACK_CLIENT_CONNECTION_ERROR}).
	 */
	CLIENT_CONNECTION_ERROR,

	/** Client: a chunk of a data frame arrived, as {@link #RECEIVE} (lws {@code LWS_CALLBACK_CLIENT_RECEIVE}). */
	CLIENT_RECEIVE,

	/** Client: a PONG arrived (lws {@code LWS_CALLBACK_CLIENT_RECEIVE_PONG}). */
	CLIENT_RECEIVE_PONG,

	/** Client: the connection can take data, as {@link #SERVER_WRITEABLE} (lws {@code LWS_CALLBACK_CLIENT_WRITEABLE}). */
	CLIENT_WRITEABLE,

	/**
	 * Client: an established client connection is gone; exactly once, as {@link #CLOSED} (lws
	 * {@code LWS_CALLBACK_CLIENT_CLOSED}).
	 */
	CLIENT_CLOSED

}
