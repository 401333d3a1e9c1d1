/**
 * Annotations for WebSocket protocol handler beans: {@link io.jlws.spring.annotation.WebSocketProtocol} on the
 * class, one {@code @On*} annotation per {@link io.jlws.Reason} on its methods.
 */
package io.jlws.spring.annotation;
