package io.jlws.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Handles {@link io.jlws.Reason#CLIENT_CONNECTION_ERROR}: a client connection attempt failed (name resolution,
 * refused, connect or handshake timeout, a non-101 answer, a refusal by
 * {@link OnClientFilterPreEstablish @OnClientFilterPreEstablish}, ...). Delivered to the connection's bound
 * protocol; exactly one of this and {@link OnClientEstablished @OnClientEstablished} per connect (lws
 * {@code LWS_CALLBACK_CLIENT_CONNECTION_ERROR}).
 * <p>
 * Parameters are resolved by type: {@link io.jlws.Connection}, {@link io.jlws.Reason}, {@link io.jlws.Context},
 * the protocol's session data type, and the reason as {@link String}, {@link java.nio.ByteBuffer} or
 * {@code byte[]} (UTF-8). The connection is dead: only {@link io.jlws.Connection#id()},
 * {@link io.jlws.Connection#closeReason()} and the session data are meaningful. The method may return
 * {@code void}, {@link io.jlws.CallbackResult} or {@code boolean}; the result is ignored. Called on the service
 * thread.
 *
 * @see WebSocketProtocol
 * @see io.jlws.spring.client.JlwsClient
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnClientConnectionError {

}
