package io.jlws;

import java.nio.ByteBuffer;

/**
 * The per-protocol user callback: libwebsockets' {@code lws_callback_function}.
 * <p>
 * Threading: always called on the context's service thread, never concurrently. It must not block: every
 * connection of the context waits while it runs.
 *
 * @param <S> the per-connection session data type (lws {@code per_session_data})
 */
@FunctionalInterface
public interface Callback<S> {

	/**
	 * Handles one event.
	 * @param connection the connection, live for the duration of the call; {@code null} for protocol-wide
	 * reasons
	 * @param reason why the callback is called
	 * @param session the connection's session data from {@link Protocol.Builder#sessionData}, or {@code null}
	 * @param in the event's payload (see each {@link Reason}), valid only during the call; may be {@code null}
	 * @return {@link CallbackResult#CLOSE} to close the connection, otherwise {@link CallbackResult#CONTINUE}
	 */
	CallbackResult callback(Connection connection, Reason reason, S session, ByteBuffer in);

}
