package io.jlws.spring.client;

import java.net.URI;

import io.jlws.ClientConnectInfo;
import io.jlws.Connection;
import io.jlws.Context;

/**
 * Opens client connections on the application's jlws {@link Context}: libwebsockets'
 * {@code lws_client_connect_via_info}, injectable. The connection's events go to the protocol it is bound to, so a
 * {@link io.jlws.spring.annotation.WebSocketProtocol @WebSocketProtocol} bean with
 * {@link io.jlws.spring.annotation.OnClientEstablished @OnClientEstablished},
 * {@link io.jlws.spring.annotation.OnClientReceive @OnClientReceive} and the other {@code @OnClient*} methods (or a
 * {@link io.jlws.Callback} bean) handles them.
 * <p>
 * <b>Threading.</b> {@code connect} may be called from any thread: off the service thread the start is queued
 * for it, as {@link Context#execute(Runnable)} does, and the connection is established later. The returned
 * {@link Connection} is a handle to keep: only {@link Connection#id()} may be used off the service thread; reach
 * the connection from other threads with {@link Context#executeOn(long, java.util.function.Consumer)}, or work
 * with it in its callbacks.
 */
public interface JlwsClient {

	/**
	 * Starts a client connection and returns its handle at once. Exactly one of
	 * {@link io.jlws.Reason#CLIENT_ESTABLISHED} and {@link io.jlws.Reason#CLIENT_CONNECTION_ERROR} (with the
	 * reason) follows on the bound protocol.
	 * @param info where to connect, the subprotocols to offer and the protocol to bind
	 * @return the connection, usable on the service thread once established
	 * @throws IllegalArgumentException when the context has no protocol to bind the connection to
	 * @throws java.util.concurrent.RejectedExecutionException off the service thread when the context's foreign
	 * queue is full or the context is stopping
	 */
	Connection connect(ClientConnectInfo info);

	/**
	 * Connects to a {@code ws://} or {@code wss://} URI, offering {@code protocol} as the subprotocol and binding
	 * the connection to the context protocol of that name.
	 * @param uri the server, path and query
	 * @param protocol the subprotocol to offer and the context protocol that handles the connection
	 * @return the connection, usable on the service thread once established
	 * @throws IllegalArgumentException for another scheme, a URI without a host, or no such protocol
	 * @throws java.util.concurrent.RejectedExecutionException off the service thread when the context's foreign
	 * queue is full or the context is stopping
	 */
	default Connection connect(URI uri, String protocol) {
		return connect(ClientConnectInfo.of(uri).subprotocols(protocol).protocol(protocol).build());
	}

	/** The context the connections are made on, for {@link Context#executeOn} and {@link Context#execute}. */
	Context context();

}
