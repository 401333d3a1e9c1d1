package io.jlws.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Handles {@link io.jlws.Reason#RECEIVE}: data arrived (lws {@code LWS_CALLBACK_RECEIVE}).
 * <p>
 * Parameters are resolved by type: {@link io.jlws.Connection}, {@link io.jlws.Reason}, {@link io.jlws.Context},
 * the protocol's session data type, and the payload as {@link java.nio.ByteBuffer} (valid only during the call) or
 * {@code byte[]} (a copy). The method may return {@code void} (continue), {@link io.jlws.CallbackResult} or
 * {@code boolean} ({@code false} closes). Called on the service thread.
 * <p>
 * By default the method is called once per chunk (at most {@link WebSocketProtocol#rxBufferSize()} bytes); use
 * {@link io.jlws.Connection#isFinalFragment()} and friends to find message boundaries. With
 * {@link WebSocketProtocol#wholeMessage()} it is called once per complete message, and a {@link String} parameter
 * receives a text message decoded (the core has validated its UTF-8). A chunk can end inside a UTF-8 sequence,
 * so {@code String} is refused at startup for chunked delivery.
 * <p>
 * Binary messages and {@code String}: when the method also declares a {@code ByteBuffer} or {@code byte[]}
 * parameter, the {@code String} is {@code null} for a binary message; when {@code String} is its only payload
 * parameter, a binary message closes the connection with 1003 (RFC 6455 "unsupported data", for an endpoint
 * that only understands text).
 *
 * @see WebSocketProtocol
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnReceive {

}
