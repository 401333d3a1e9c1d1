package io.jlws.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.jlws.Protocol;

import org.springframework.core.annotation.AliasFor;
import org.springframework.stereotype.Component;

/**
 * Marks a bean as the handler of one WebSocket subprotocol: libwebsockets' {@code struct lws_protocols} entry.
 * <p>
 * The bean either implements {@link io.jlws.Callback} (lws style: one method, a {@link io.jlws.Reason} switch) or
 * declares methods annotated {@link OnEstablished @OnEstablished}, {@link OnReceive @OnReceive},
 * {@link OnWriteable @OnWriteable}, {@link OnClosed @OnClosed} and the other {@code @On*} annotations, whose
 * parameters are resolved by type (see {@link OnReceive}). Protocols are offered in {@code @Order}; the first one
 * also answers plain HTTP requests and is chosen when the client offers no subprotocol and no {@link #paths()}
 * match.
 * <p>
 * The same bean can serve client connections bound to its protocol (opened with
 * {@link io.jlws.spring.client.JlwsClient} or {@link io.jlws.Context#connect}), as one lws protocol callback serves
 * both sides: {@link OnClientEstablished @OnClientEstablished}, {@link OnClientReceive @OnClientReceive},
 * {@link OnClientWriteable @OnClientWriteable}, {@link OnClientClosed @OnClientClosed},
 * {@link OnClientConnectionError @OnClientConnectionError} and the other {@code @OnClient*} annotations handle
 * them; {@link OnTimer @OnTimer} and {@link OnPeerClose @OnPeerClose} serve both sides.
 * <p>
 * Every method runs on the context's service thread and must not block.
 * <p>
 * The {@link io.jlws.Context} is built from these beans, so a handler cannot take it as a constructor or field
 * dependency (that would be a cycle): declare a {@code Context} parameter on a handler method, use
 * {@link io.jlws.Connection#context()}, or inject {@code ObjectProvider<Context>}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
public @interface WebSocketProtocol {

	/** Alias for {@link #name()}. */
	@AliasFor(annotation = Component.class, attribute = "value")
	String value() default "";

	/**
	 * Subprotocol name sent in {@code Sec-WebSocket-Protocol}, an HTTP token (lws {@code name}). Required. It is
	 * also the bean name when the class is found by component scanning, as with {@code @Service("name")}.
	 */
	@AliasFor(annotation = Component.class, attribute = "value")
	String name() default "";

	/**
	 * Request paths (exact match, e.g. {@code /echo}) that select this protocol when the client offers no
	 * subprotocol.
	 */
	String[] paths() default {};

	/** Largest chunk handed to {@link OnReceive @OnReceive} at once (lws {@code rx_buffer_size}). */
	int rxBufferSize() default Protocol.DEFAULT_RX_BUFFER_SIZE;

	/**
	 * Whether {@link OnReceive @OnReceive} and {@link OnClientReceive @OnClientReceive} are called once per complete
	 * message instead of once per chunk. The message is aggregated up to {@code jlws.limits.max-message-size}; a
	 * larger one closes the connection with 1009. Only whole messages can be received as a {@link String}.
	 */
	boolean wholeMessage() default false;

	/**
	 * Per-connection session data class (lws {@code per_session_data}), created with its no-arg constructor for
	 * each connection and resolved as a handler method parameter of that type; {@code void.class} for none.
	 */
	Class<?> sessionData() default void.class;

}
