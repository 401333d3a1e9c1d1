package io.jlws.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Handles {@link io.jlws.Reason#CLIENT_RECEIVE}: data arrived on a client connection (lws
 * {@code LWS_CALLBACK_CLIENT_RECEIVE}).
 * <p>
 * Works exactly as {@link OnReceive @OnReceive} does for server connections: parameters are resolved by type
 * ({@link io.jlws.Connection}, {@link io.jlws.Reason}, {@link io.jlws.Context}, the session data type, the payload
 * as {@link java.nio.ByteBuffer} or {@code byte[]}); chunks by default, whole messages with
 * {@link WebSocketProtocol#wholeMessage()}, when a {@link String} parameter receives a text message decoded. A
 * binary message to a method whose only payload parameter is a {@code String} closes the connection with 1003.
 * Called on the service thread.
 * <p>
 * One method may carry both {@code @OnReceive} and {@code @OnClientReceive} to handle both sides alike.
 *
 * @see WebSocketProtocol
 * @see io.jlws.spring.client.JlwsClient
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnClientReceive {

}
