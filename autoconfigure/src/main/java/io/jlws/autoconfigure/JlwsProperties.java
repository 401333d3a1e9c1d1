package io.jlws.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.jlws.tls.TlsSettings;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties for jlws, mapped onto {@link io.jlws.ContextInfo} by
 * {@link PropertiesContextCustomizer}. Names follow libwebsockets' {@code lws_context_creation_info}; relaxed
 * binding accepts its spelling too ({@code jlws.ka_time} as well as {@code jlws.ka-time}). Defaults are the core's
 * ({@link io.jlws.ContextInfo#DEFAULT}, {@link io.jlws.Limits#DEFAULT}).
 * <p>
 * TLS for the listener is on when {@code jlws.ssl-cert-filepath} or {@code jlws.ssl-bundle} is set or
 * {@code jlws.ssl-self-signed} is true ({@link io.jlws.tls.TlsSettings}); {@code jlws.client.*} configures
 * {@code wss://} client connections. {@code jlws.daemonize.*} is acted on before the application context starts
 * ({@link DaemonizeRunListener}).
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
	 * Origins allowed to open WebSockets; others are refused with 403. Entries: "*" (any origin), an origin such as
	 * https://example.com, or a pattern such as https://*.example.com (subdomains) or http://localhost:* (any port).
	 * Empty (the default) allows the same origin only: pages served from the host and port the WebSocket is on.
	 * Clients that send no Origin (not browser pages) always pass.
	 */
	private List<String> allowedOrigins = new ArrayList<>();

	/**
	 * Name of the thread that runs the service loop.
	 */
	private String serviceThreadName = "jlws-service";

	/**
	 * Path to the PEM certificate chain (leaf first) the listener serves over TLS (lws ssl_cert_filepath). Setting
	 * it turns TLS on.
	 */
	private @Nullable String sslCertFilepath;

	/**
	 * Path to the PEM private key of the certificate (lws ssl_private_key_filepath). When not set, the key is looked
	 * for in the certificate file.
	 */
	private @Nullable String sslPrivateKeyFilepath;

	/**
	 * Password of an encrypted private key (lws ssl_private_key_password).
	 */
	private @Nullable String sslPrivateKeyPassword;

	/**
	 * Path to the PEM CA certificates that client certificates are checked against (lws ssl_ca_filepath); used with
	 * ssl-client-auth optional or required. The JDK's trusted CAs when not set.
	 */
	private @Nullable String sslCaFilepath;

	/**
	 * OpenSSL cipher string for TLS 1.2 and older (lws ssl_cipher_list), such as "ECDHE+AESGCM:!aNULL". Unknown
	 * names fail startup. The TLS provider's defaults when not set.
	 */
	private @Nullable String sslCipherList;

	/**
	 * TLS 1.3 cipher suites separated by colons (lws tls1_3_plus_cipher_list), such as
	 * "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256". Empty disables TLS 1.3. The TLS provider's defaults when
	 * not set.
	 */
	private @Nullable String tls13CipherList;

	/**
	 * Whether to serve a generated self-signed certificate (CN=localhost, for localhost, 127.0.0.1 and ::1) when no
	 * certificate is configured (lws ssl_self_signed). Turns TLS on. For development only: clients reject it unless
	 * told to accept it.
	 */
	private boolean sslSelfSigned;

	/**
	 * Client certificate request of the listener: none, optional (an invalid certificate is still refused) or
	 * required (lws LWS_SERVER_OPTION_REQUIRE_VALID_OPENSSL_CLIENT_CERT).
	 */
	private TlsSettings.ClientAuth sslClientAuth = TlsSettings.ClientAuth.NONE;

	/**
	 * Oldest TLS protocol accepted: TLSv1.3, TLSv1.2, TLSv1.1 or TLSv1.
	 */
	private String sslMinProtocol = "TLSv1.2";

	/**
	 * Name of a Spring Boot SSL bundle (spring.ssl.bundle.*) with the listener's certificate and key, and the trust
	 * for client certificates; the idiomatic alternative to the ssl-*-filepath properties. Turns TLS on. The bundle's
	 * enabled protocols and ciphers, when set, further restrict ssl-min-protocol and replace the cipher lists. Read
	 * at startup: a reloaded bundle takes effect after a restart.
	 */
	private @Nullable String sslBundle;

	/**
	 * Client connections (wss://) opened through JlwsClient.
	 */
	private final Client client = new Client();

	/**
	 * Running as a background daemon (lws_daemonize).
	 */
	private final Daemonize daemonize = new Daemonize();

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

	public @Nullable String getSslCertFilepath() {
		return this.sslCertFilepath;
	}

	public void setSslCertFilepath(@Nullable String sslCertFilepath) {
		this.sslCertFilepath = sslCertFilepath;
	}

	public @Nullable String getSslPrivateKeyFilepath() {
		return this.sslPrivateKeyFilepath;
	}

	public void setSslPrivateKeyFilepath(@Nullable String sslPrivateKeyFilepath) {
		this.sslPrivateKeyFilepath = sslPrivateKeyFilepath;
	}

	public @Nullable String getSslPrivateKeyPassword() {
		return this.sslPrivateKeyPassword;
	}

	public void setSslPrivateKeyPassword(@Nullable String sslPrivateKeyPassword) {
		this.sslPrivateKeyPassword = sslPrivateKeyPassword;
	}

	public @Nullable String getSslCaFilepath() {
		return this.sslCaFilepath;
	}

	public void setSslCaFilepath(@Nullable String sslCaFilepath) {
		this.sslCaFilepath = sslCaFilepath;
	}

	public @Nullable String getSslCipherList() {
		return this.sslCipherList;
	}

	public void setSslCipherList(@Nullable String sslCipherList) {
		this.sslCipherList = sslCipherList;
	}

	public @Nullable String getTls13CipherList() {
		return this.tls13CipherList;
	}

	public void setTls13CipherList(@Nullable String tls13CipherList) {
		this.tls13CipherList = tls13CipherList;
	}

	public boolean isSslSelfSigned() {
		return this.sslSelfSigned;
	}

	public void setSslSelfSigned(boolean sslSelfSigned) {
		this.sslSelfSigned = sslSelfSigned;
	}

	public TlsSettings.ClientAuth getSslClientAuth() {
		return this.sslClientAuth;
	}

	public void setSslClientAuth(TlsSettings.ClientAuth sslClientAuth) {
		this.sslClientAuth = sslClientAuth;
	}

	public String getSslMinProtocol() {
		return this.sslMinProtocol;
	}

	public void setSslMinProtocol(String sslMinProtocol) {
		this.sslMinProtocol = sslMinProtocol;
	}

	public @Nullable String getSslBundle() {
		return this.sslBundle;
	}

	public void setSslBundle(@Nullable String sslBundle) {
		this.sslBundle = sslBundle;
	}

	public Client getClient() {
		return this.client;
	}

	public Daemonize getDaemonize() {
		return this.daemonize;
	}

	public Limits getLimits() {
		return this.limits;
	}

	/**
	 * Settings for {@code wss://} client connections ({@link io.jlws.ContextInfo#clientTls()}).
	 */
	public static class Client {

		/**
		 * Path to the PEM CA certificates that wss:// servers are checked against (lws ssl_ca_filepath of a client
		 * context). The JDK's trusted CAs when not set.
		 */
		private @Nullable String sslCaFilepath;

		/**
		 * Name of a Spring Boot SSL bundle (spring.ssl.bundle.*) whose trust checks wss:// servers and whose key, if
		 * it has one, is the client certificate. Alternative to ssl-ca-filepath.
		 */
		private @Nullable String sslBundle;

		public @Nullable String getSslCaFilepath() {
			return this.sslCaFilepath;
		}

		public void setSslCaFilepath(@Nullable String sslCaFilepath) {
			this.sslCaFilepath = sslCaFilepath;
		}

		public @Nullable String getSslBundle() {
			return this.sslBundle;
		}

		public void setSslBundle(@Nullable String sslBundle) {
			this.sslBundle = sslBundle;
		}

	}

	/**
	 * Running as a daemon, libwebsockets' {@code lws_daemonize} ({@link io.jlws.Daemon}); acted on by
	 * {@link DaemonizeRunListener} before the application context starts.
	 */
	public static class Daemonize {

		/**
		 * Whether to turn the application into a background daemon before the application context starts: the JVM is
		 * relaunched detached (under setsid, output discarded) and the starting process exits once the daemon holds
		 * the lock file. Linux only.
		 */
		private boolean enabled;

		/**
		 * Pid lock file of the daemon (lws _lock_path); required when daemonize is enabled. While it names a running
		 * process, another start exits with status 1. Removed when the daemon stops.
		 */
		private @Nullable String lockFile;

		/**
		 * Time the starting process waits for the daemon to take the lock file before giving up.
		 */
		private Duration startTimeout = Duration.ofSeconds(10);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable String getLockFile() {
			return this.lockFile;
		}

		public void setLockFile(@Nullable String lockFile) {
			this.lockFile = lockFile;
		}

		public Duration getStartTimeout() {
			return this.startTimeout;
		}

		public void setStartTimeout(Duration startTimeout) {
			this.startTimeout = startTimeout;
		}

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
		 * Idle time after which a PING is sent, and the time allowed for its PONG: a dead peer, or one that stopped
		 * reading, is dropped within twice this. 0 turns pings off.
		 */
		private Duration pingInterval = Duration.ofSeconds(30);

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
