package io.jlws.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Handles {@link io.jlws.Reason#FILTER_PROTOCOL_CONNECTION}: an upgrade request chose this protocol; headers and
 * query are readable, and returning {@code false} or {@link io.jlws.CallbackResult#CLOSE} refuses it with 403 (lws
 * {@code LWS_CALLBACK_FILTER_PROTOCOL_CONNECTION}). Runs after every
 * {@link io.jlws.spring.handler.JlwsHandshakeInterceptor} accepted the request; the place to attach a principal
 * to the session data.
 * <p>
 * Parameters are resolved by type: {@link io.jlws.Connection}, {@link io.jlws.Reason}, {@link io.jlws.Context},
 * the protocol's session data type, and {@link java.nio.ByteBuffer} or {@code byte[]} for the event's payload.
 * The method may return {@code void} (continue), {@link io.jlws.CallbackResult} or {@code boolean}
 * ({@code false} closes). Called on the service thread.
 *
 * @see WebSocketProtocol
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnFilterConnection {

}
