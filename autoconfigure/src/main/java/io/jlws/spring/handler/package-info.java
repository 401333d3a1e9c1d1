/**
 * Turns {@link io.jlws.spring.annotation.WebSocketProtocol @WebSocketProtocol} beans into core
 * {@link io.jlws.Protocol protocols}: discovery, the annotated-method adapter and handshake interceptors.
 */
@NullMarked
package io.jlws.spring.handler;

import org.jspecify.annotations.NullMarked;
