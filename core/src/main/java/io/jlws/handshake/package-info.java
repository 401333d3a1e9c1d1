/**
 * Internal: HTTP/1.1 request heads and the RFC 6455 section 4.2 opening handshake.
 *
 * <p>Everything here is pure: {@link java.nio.ByteBuffer}s in, values or
 * {@link io.jlws.handshake.HttpParseException}s out. No sockets, threads, clocks or callbacks, so a
 * handshake can be tested byte by byte without a network. {@link io.jlws.handshake.HttpRequestParser}
 * turns bytes into an {@link io.jlws.handshake.HttpRequestHead}; {@link io.jlws.handshake.Handshake}
 * makes the server's decisions (upgrade or plain HTTP, 101 or 400/405/426, accept key, subprotocol,
 * origin); {@link io.jlws.handshake.HttpResponses} writes the answer as ASCII bytes. The parser is not
 * thread safe (one per connection); every other type is immutable or stateless.
 */
package io.jlws.handshake;
