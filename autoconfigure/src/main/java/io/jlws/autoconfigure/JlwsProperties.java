package io.jlws.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties for jlws, mapped onto {@link io.jlws.ContextInfo} by
 * {@link PropertiesContextCustomizer}. Names follow libwebsockets' {@code lws_context_creation_info}; relaxed
 * binding accepts its spelling too ({@code jlws.ka_time} as well as {@code jlws.ka-time}). Defaults are the core's
 * ({@link io.jlws.ContextInfo#DEFAULT}, {@link io.jlws.Limits#DEFAULT}).
 */
@ConfigurationProperties("jlws")
public class JlwsProperties {

	/**
	 * Whether to auto-configure a jlws context and run its service loop.
	 */
	private boolean enabled = true;

	/**
	 * Listen port: 0 picks a free port (published as local.jlws.port), -1 opens no listener (lws
	 * CONTEXT_PORT_NO_LISTEN).
	 */
	private int port = 7681;

	/**
	 * Listen address (lws iface). All interfaces when not set.
	 */
	private @Nullable String address;

	/**
	 * Seconds a connection is idle before the first TCP keepalive probe (lws ka_time); 0 turns keepalive off.
	 */
	private int kaTime;

	/**
	 * Unanswered TCP keepalive probes before a connection is declared dead (lws ka_probes). Must be set when
	 * ka-time is.
	 */
	private int kaProbes;

	/**
	 * Seconds between TCP keepalive probes (lws ka_interval). Must be set when ka-time is.
	 */
	private int kaInterval;

	/**
	 * Log level mask: lws bits as a number (1031) or a comma-separated list of names (err,warn,notice,info,debug,
	 * parser,header,ext,client,latency,user).
	 */
	private String logLevel = "err,warn,notice";

	/**
	 * Origins (such as https://example.com) allowed to open WebSockets; others are refused with 403. Any origin when
	 * empty; "*" also allows any.
	 */
	private List<String> allowedOrigins = new ArrayList<>();

	/**
	 * Name of the thread that runs the service loop.
	 */
	private String serviceThreadName = "jlws-service";

	/**
	 * Limits enforced on connections and messages.
	 */
	private final Limits limits = new Limits();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public int getPort() {
		return this.port;
	}

	public void setPort(int port) {
		this.port = port;
	}

	public @Nullable String getAddress() {
		return this.address;
	}

	public void setAddress(@Nullable String address) {
		this.address = address;
	}

	public int getKaTime() {
		return this.kaTime;
	}

	public void setKaTime(int kaTime) {
		this.kaTime = kaTime;
	}

	public int getKaProbes() {
		return this.kaProbes;
	}

	public void setKaProbes(int kaProbes) {
		this.kaProbes = kaProbes;
	}

	public int getKaInterval() {
		return this.kaInterval;
	}

	public void setKaInterval(int kaInterval) {
		this.kaInterval = kaInterval;
	}

	public String getLogLevel() {
		return this.logLevel;
	}

	public void setLogLevel(String logLevel) {
		this.logLevel = logLevel;
	}

	public List<String> getAllowedOrigins() {
		return this.allowedOrigins;
	}

	public void setAllowedOrigins(List<String> allowedOrigins) {
		this.allowedOrigins = allowedOrigins;
	}

	public String getServiceThreadName() {
		return this.serviceThreadName;
	}

	public void setServiceThreadName(String serviceThreadName) {
		this.serviceThreadName = serviceThreadName;
	}

	public Limits getLimits() {
		return this.limits;
	}

	/**
	 * Limits, each with a defined failure mode ({@link io.jlws.Limits}).
	 */
	public static class Limits {

		/**
		 * Most simultaneous connections; 0 sizes it from the file-descriptor limit, which also caps larger values.
		 * At the limit the listener stops accepting until a connection closes.
		 */
		private int maxConnections;

		/**
		 * Largest frame payload accepted; a larger frame closes the connection with 1009.
		 */
		private DataSize maxFrameSize = DataSize.ofMegabytes(1);

		/**
		 * Largest message (all fragments) accepted; a larger one closes the connection with 1009. Also bounds
		 * whole-message aggregation for handlers.
		 */
		private DataSize maxMessageSize = DataSize.ofMegabytes(4);

		/**
		 * Unsent bytes held per connection for a peer that reads slowly; beyond it the connection is aborted.
		 */
		private DataSize maxPendingBytes = DataSize.ofMegabytes(8);

		/**
		 * Largest HTTP request head accepted; a larger one is answered with 431.
		 */
		private DataSize maxHeaderBytes = DataSize.ofKilobytes(8);

		/**
		 * Tasks and broadcasts other threads may queue for the service loop; when full, the call returns false.
		 */
		private int maxForeignQueue = 4096;

		/**
		 * Time allowed from accepting a connection to a complete upgrade request.
		 */
		private Duration handshakeTimeout = Duration.ofSeconds(5);

		/**
		 * Time allowed for the peer to answer a close frame; also bounds each connection's part of a shutdown.
		 */
		private Duration closeTimeout = Duration.ofSeconds(5);

		/**
		 * Idle time after which a PING is sent, and the time allowed for its PONG. 0 turns pings off.
		 */
		private Duration pingInterval = Duration.ZERO;

		/**
		 * Time without traffic after which a connection is closed with 1001. 0 turns it off.
		 */
		private Duration idleTimeout = Duration.ZERO;

		public int getMaxConnections() {
			return this.maxConnections;
		}

		public void setMaxConnections(int maxConnections) {
			this.maxConnections = maxConnections;
		}

		public DataSize getMaxFrameSize() {
			return this.maxFrameSize;
		}

		public void setMaxFrameSize(DataSize maxFrameSize) {
			this.maxFrameSize = maxFrameSize;
		}

		public DataSize getMaxMessageSize() {
			return this.maxMessageSize;
		}

		public void setMaxMessageSize(DataSize maxMessageSize) {
			this.maxMessageSize = maxMessageSize;
		}

		public DataSize getMaxPendingBytes() {
			return this.maxPendingBytes;
		}

		public void setMaxPendingBytes(DataSize maxPendingBytes) {
			this.maxPendingBytes = maxPendingBytes;
		}

		public DataSize getMaxHeaderBytes() {
			return this.maxHeaderBytes;
		}

		public void setMaxHeaderBytes(DataSize maxHeaderBytes) {
			this.maxHeaderBytes = maxHeaderBytes;
		}

		public int getMaxForeignQueue() {
			return this.maxForeignQueue;
		}

		public void setMaxForeignQueue(int maxForeignQueue) {
			this.maxForeignQueue = maxForeignQueue;
		}

		public Duration getHandshakeTimeout() {
			return this.handshakeTimeout;
		}

		public void setHandshakeTimeout(Duration handshakeTimeout) {
			this.handshakeTimeout = handshakeTimeout;
		}

		public Duration getCloseTimeout() {
			return this.closeTimeout;
		}

		public void setCloseTimeout(Duration closeTimeout) {
			this.closeTimeout = closeTimeout;
		}

		public Duration getPingInterval() {
			return this.pingInterval;
		}

		public void setPingInterval(Duration pingInterval) {
			this.pingInterval = pingInterval;
		}

		public Duration getIdleTimeout() {
			return this.idleTimeout;
		}

		public void setIdleTimeout(Duration idleTimeout) {
			this.idleTimeout = idleTimeout;
		}

	}

}
