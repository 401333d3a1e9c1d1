/**
 * Internal: the RFC 6455 frame codec.
 *
 * <p>Everything here is pure: {@link java.nio.ByteBuffer}s in, events or
 * {@link io.jlws.frame.WebSocketProtocolException}s out. No sockets, threads, clocks or callbacks, so the
 * codec can be tested byte by byte without a network and reused by both the server and the client role.
 * None of the classes is thread safe; each connection owns its own {@link io.jlws.frame.FrameParser}.
 */
package io.jlws.frame;
