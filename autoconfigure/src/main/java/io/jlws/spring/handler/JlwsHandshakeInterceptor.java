package io.jlws.spring.handler;

import io.jlws.Connection;

import org.jspecify.annotations.Nullable;

/**
 * Checks every WebSocket upgrade request before the chosen protocol's own
 * {@link io.jlws.spring.annotation.OnFilterConnection @OnFilterConnection} (or its
 * {@link io.jlws.Reason#FILTER_PROTOCOL_CONNECTION} case) sees it: the place for authentication. Beans of this
 * type apply to every discovered protocol, in {@code @Order}.
 * <p>
 * Called on the service thread during {@link io.jlws.Reason#FILTER_PROTOCOL_CONNECTION}: request headers, path and
 * query are readable through the connection; it must not block.
 */
@FunctionalInterface
public interface JlwsHandshakeInterceptor {

	/**
	 * Decides whether an upgrade may proceed.
	 * @param connection the connection, bound to the chosen protocol ({@link Connection#protocol()})
	 * @param sessionData the connection's new session data, or {@code null} when the protocol has none; a
	 * principal taken from the headers can be stored in it
	 * @return {@code false} to refuse the upgrade with 403
	 */
	boolean beforeHandshake(Connection connection, @Nullable Object sessionData);

}
