package io.jlws;

import java.time.Duration;

/**
 * The limits a context enforces, each with a safe default and a defined failure mode. Immutable; build with
 * {@link #builder()}.
 *
 * @param maxConnections most simultaneous connections; 0 = as many as the file-descriptor limit allows (lws
 * sizes its tables from the fd limit). At the limit the listener stops accepting until a connection ends.
 * @param maxFrameSize largest frame payload accepted; larger closes with 1009
 * @param maxMessageSize largest message (all fragments) accepted; larger closes with 1009
 * @param maxPendingBytes unsent bytes held per connection; beyond it the connection is aborted (a peer that does
 * not read cannot receive a close frame)
 * @param maxHeaderBytes largest HTTP request head; larger is answered 431
 * @param maxForeignQueue tasks other threads may queue; a full queue makes the call return {@code false}
 * @param handshakeTimeout time allowed from accept to a complete upgrade request
 * @param closeTimeout time allowed for the peer to answer our close frame
 * @param pingInterval idle time after which a PING is sent, and the time allowed for its PONG; zero = off. The
 * default, {@link #DEFAULT_PING_INTERVAL}, drops a dead peer or one that stopped reading within twice that, while a
 * live peer that answers (every browser and WebSocket library does) stays connected however quiet it is
 * @param idleTimeout time without traffic after which the connection is closed with 1001; zero = off
 */
public record Limits(int maxConnections, long maxFrameSize, long maxMessageSize, int maxPendingBytes,
		int maxHeaderBytes, int maxForeignQueue, Duration handshakeTimeout, Duration closeTimeout,
		Duration pingInterval, Duration idleTimeout) {

	/**
	 * The default {@link #pingInterval()}: 30 seconds, under the idle limits of nginx (60 s) and most load balancers,
	 * so a quiet connection through them is not cut either.
	 */
	public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(30);

	/** The defaults. */
	public static final Limits DEFAULT = builder().build();

	public Limits {
		require(maxConnections >= 0, "maxConnections must be >= 0 (0 = from the fd limit), was " + maxConnections);
		require(maxFrameSize > 0, "maxFrameSize must be > 0, was " + maxFrameSize);
		require(maxMessageSize >= maxFrameSize,
				"maxMessageSize (" + maxMessageSize + ") must be >= maxFrameSize (" + maxFrameSize + ")");
		require(maxPendingBytes > 0, "maxPendingBytes must be > 0, was " + maxPendingBytes);
		require(maxHeaderBytes >= 256, "maxHeaderBytes must be >= 256, was " + maxHeaderBytes);
		require(maxForeignQueue > 0, "maxForeignQueue must be > 0, was " + maxForeignQueue);
		requirePositive(handshakeTimeout, "handshakeTimeout");
		requirePositive(closeTimeout, "closeTimeout");
		require(pingInterval != null && !pingInterval.isNegative(), "pingInterval must be >= 0");
		require(idleTimeout != null && !idleTimeout.isNegative(), "idleTimeout must be >= 0");
	}

	/** A builder starting from the defaults. */
	public static Builder builder() {
		return new Builder();
	}

	/** A builder starting from these values. */
	public Builder toBuilder() {
		return new Builder().maxConnections(this.maxConnections)
			.maxFrameSize(this.maxFrameSize)
			.maxMessageSize(this.maxMessageSize)
			.maxPendingBytes(this.maxPendingBytes)
			.maxHeaderBytes(this.maxHeaderBytes)
			.maxForeignQueue(this.maxForeignQueue)
			.handshakeTimeout(this.handshakeTimeout)
			.closeTimeout(this.closeTimeout)
			.pingInterval(this.pingInterval)
			.idleTimeout(this.idleTimeout);
	}

	private static void require(boolean ok, String message) {
		if (!ok) {
			throw new IllegalArgumentException(message);
		}
	}

	private static void requirePositive(Duration d, String name) {
		require(d != null && !d.isNegative() && !d.isZero(), name + " must be > 0, was " + d);
	}

	/** Builds {@link Limits}; every setter has the record component's meaning. */
	public static final class Builder {

		private int maxConnections = 0;

		private long maxFrameSize = 1024 * 1024;

		private long maxMessageSize = 4 * 1024 * 1024;

		private int maxPendingBytes = 8 * 1024 * 1024;

		private int maxHeaderBytes = 8 * 1024;

		private int maxForeignQueue = 4096;

		private Duration handshakeTimeout = Duration.ofSeconds(5);

		private Duration closeTimeout = Duration.ofSeconds(5);

		private Duration pingInterval = DEFAULT_PING_INTERVAL;

		private Duration idleTimeout = Duration.ZERO;

		private Builder() {
		}

		public Builder maxConnections(int v) {
			this.maxConnections = v;
			return this;
		}

		public Builder maxFrameSize(long v) {
			this.maxFrameSize = v;
			return this;
		}

		public Builder maxMessageSize(long v) {
			this.maxMessageSize = v;
			return this;
		}

		public Builder maxPendingBytes(int v) {
			this.maxPendingBytes = v;
			return this;
		}

		public Builder maxHeaderBytes(int v) {
			this.maxHeaderBytes = v;
			return this;
		}

		public Builder maxForeignQueue(int v) {
			this.maxForeignQueue = v;
			return this;
		}

		public Builder handshakeTimeout(Duration v) {
			this.handshakeTimeout = v;
			return this;
		}

		public Builder closeTimeout(Duration v) {
			this.closeTimeout = v;
			return this;
		}

		public Builder pingInterval(Duration v) {
			this.pingInterval = v;
			return this;
		}

		public Builder idleTimeout(Duration v) {
			this.idleTimeout = v;
			return this;
		}

		public Limits build() {
			return new Limits(this.maxConnections, this.maxFrameSize, this.maxMessageSize, this.maxPendingBytes,
					this.maxHeaderBytes, this.maxForeignQueue, this.handshakeTimeout, this.closeTimeout,
					this.pingInterval, this.idleTimeout);
		}

	}

}
