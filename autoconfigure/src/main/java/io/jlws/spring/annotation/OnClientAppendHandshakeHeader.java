package io.jlws.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Handles {@link io.jlws.Reason#CLIENT_APPEND_HANDSHAKE_HEADER}: the upgrade request is being written; add headers
 * with {@link io.jlws.Connection#addHandshakeHeader(String, String)} (lws
 * {@code LWS_CALLBACK_CLIENT_APPEND_HANDSHAKE_HEADER}).
 * <p>
 * Parameters are resolved by type: {@link io.jlws.Connection}, {@link io.jlws.Reason}, {@link io.jlws.Context},
 * the protocol's session data type, and {@link java.nio.ByteBuffer} or {@code byte[]} for the event's payload.
 * The method may return {@code void} (continue), {@link io.jlws.CallbackResult} or {@code boolean}
 * ({@code false} closes). Called on the service thread.
 *
 * @see WebSocketProtocol
 * @see io.jlws.spring.client.JlwsClient
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnClientAppendHandshakeHeader {

}
