package io.jlws;

import java.util.Map;

/**
 * A snapshot of a context's counters, published by the service thread a few times a second and readable from
 * any thread (for health and metrics).
 *
 * @param running whether the service loop is running
 * @param port the bound port, -1 without a listener
 * @param connections open connections (handshaking, HTTP and WebSocket)
 * @param maxConnections the effective connection limit
 * @param perProtocol established WebSocket connections per protocol name
 * @param messagesIn complete messages received
 * @param messagesOut messages sent (final frames written)
 * @param bytesIn bytes read from sockets
 * @param bytesOut bytes written to sockets
 * @param acceptPauses how often the listener stopped accepting at the connection limit
 * @param acceptPausedMillis total time the listener spent paused
 * @param rejectedHandshakes upgrade requests refused (4xx) or timed out
 * @param protocolErrors connections closed for a protocol violation (1002, 1007, 1009)
 * @param loopLagMillis how late the last loop turn was compared to its planned wake-up
 * @param lastTurnNanos {@link System#nanoTime()} at the end of the last loop turn
 * @param atConnectionLimit whether the listener is paused at the connection limit right now (the server is full)
 * @param shedConnections clients answered 503 and closed because they waited in the backlog of a full server for
 * longer than {@link Limits#handshakeTimeout()}
 */
public record ContextStats(boolean running, int port, int connections, int maxConnections,
		Map<String, Integer> perProtocol, long messagesIn, long messagesOut, long bytesIn, long bytesOut,
		long acceptPauses, long acceptPausedMillis, long rejectedHandshakes, long protocolErrors, long loopLagMillis,
		long lastTurnNanos, boolean atConnectionLimit, long shedConnections) {

}
