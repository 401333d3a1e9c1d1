package io.jlws;

/**
 * What a {@link Callback} wants done with its connection: libwebsockets' callback return value.
 */
public enum CallbackResult {

	/** Keep the connection (lws: return 0). */
	CONTINUE,

	/**
	 * Close the connection (lws: return -1). An established WebSocket gets a close frame with the status set by
	 * {@link Connection#setCloseReason(int, String)}, 1000 when none was set; during
	 * {@link Reason#FILTER_PROTOCOL_CONNECTION} the upgrade is refused with 403.
	 */
	CLOSE

}
