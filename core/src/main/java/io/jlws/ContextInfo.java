package io.jlws;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a {@link Context} is created from: libwebsockets' {@code struct lws_context_creation_info}.
 * Immutable; build with {@link #builder()}.
 */
public final class ContextInfo {

	/** {@code port} value for a context with no listener (lws {@code CONTEXT_PORT_NO_LISTEN}). */
	public static final int NO_LISTEN = -1;

	/** The settings a bare builder produces. */
	public static final ContextInfo DEFAULT = builder().build();

	private final String address;

	private final int port;

	private final List<Protocol<?>> protocols;

	private final Limits limits;

	private final KeepAlive keepAlive;

	private final int logLevel;

	private final LogEmitter logEmitter;

	private final List<String> allowedOrigins;

	private final OriginPolicy originPolicy;

	private final String serviceThreadName;

	private final int readBufferSize;

	private final boolean externalPoll;

	private final io.jlws.tls.TlsSettings tls;

	private final io.jlws.tls.TlsSettings clientTls;

	private ContextInfo(Builder b) {
		this.address = b.address;
		this.port = b.port;
		this.protocols = List.copyOf(b.protocols);
		this.limits = b.limits;
		this.keepAlive = b.keepAlive;
		this.logLevel = b.logLevel;
		this.logEmitter = b.logEmitter;
		this.allowedOrigins = List.copyOf(b.allowedOrigins);
		this.originPolicy = OriginPolicy.of(this.allowedOrigins);
		this.serviceThreadName = b.serviceThreadName;
		this.readBufferSize = b.readBufferSize;
		this.externalPoll = b.externalPoll;
		this.tls = b.tls;
		this.clientTls = b.clientTls;
	}

	/** A builder with the defaults: port 7681 on all interfaces, no protocols, {@link Limits#DEFAULT}. */
	public static Builder builder() {
		return new Builder();
	}

	/** Listen address (lws {@code iface}); {@code null} = all interfaces. */
	public String address() {
		return this.address;
	}

	/** Listen port (lws {@code port}); 0 = ephemeral, {@link #NO_LISTEN} = none. */
	public int port() {
		return this.port;
	}

	/** Protocols in order; the first also answers plain HTTP (lws {@code protocols}). */
	public List<Protocol<?>> protocols() {
		return this.protocols;
	}

	/** Limits. */
	public Limits limits() {
		return this.limits;
	}

	/** TCP keepalive (lws {@code ka_time}, {@code ka_probes}, {@code ka_interval}). */
	public KeepAlive keepAlive() {
		return this.keepAlive;
	}

	/** The initial log level mask (see {@link LogLevel}). */
	public int logLevel() {
		return this.logLevel;
	}

	/** The initial log emitter, {@code null} for SLF4J. */
	public LogEmitter logEmitter() {
		return this.logEmitter;
	}

	/** Origins allowed to open WebSockets, as configured; empty = same origin. See {@link OriginPolicy}. */
	public List<String> allowedOrigins() {
		return this.allowedOrigins;
	}

	/** The policy {@link #allowedOrigins()} make: handshakes it refuses get 403. */
	public OriginPolicy originPolicy() {
		return this.originPolicy;
	}

	/** Name of the thread {@link Context#start()} creates. */
	public String serviceThreadName() {
		return this.serviceThreadName;
	}

	/** Size of the one read buffer the service thread shares between connections (lws {@code pt_serv_buf_size}). */
	public int readBufferSize() {
		return this.readBufferSize;
	}

	/**
	 * Whether the context runs inside an application's own poll loop: it owns no selector, announces its
	 * channels through {@link Reason#ADD_POLL_FD} and friends on the first protocol, and is driven by
	 * {@link Context#serviceFd(PollFd)} and {@link Context#servicePending()} (libwebsockets' external polling).
	 */
	public boolean externalPoll() {
		return this.externalPoll;
	}

	/**
	 * TLS for the listener, or {@code null} for plain TCP. With TLS the port speaks only TLS (libwebsockets
	 * without {@code LWS_SERVER_OPTION_ALLOW_NON_SSL_ON_SSL_PORT}); see {@link io.jlws.tls.TlsSettings} for
	 * {@code ssl_cert_filepath}, {@code ssl_cipher_list} and the others.
	 */
	public io.jlws.tls.TlsSettings tls() {
		return this.tls;
	}

	/**
	 * Trust settings for {@code wss://} client connections (CA file, cipher lists), or {@code null} for the JDK's
	 * trusted CAs and defaults.
	 */
	public io.jlws.tls.TlsSettings clientTls() {
		return this.clientTls;
	}

	/** A builder holding these settings. */
	public Builder toBuilder() {
		Builder b = new Builder();
		b.address = this.address;
		b.port = this.port;
		b.protocols.addAll(this.protocols);
		b.limits = this.limits;
		b.keepAlive = this.keepAlive;
		b.logLevel = this.logLevel;
		b.logEmitter = this.logEmitter;
		b.allowedOrigins = this.allowedOrigins;
		b.serviceThreadName = this.serviceThreadName;
		b.readBufferSize = this.readBufferSize;
		b.externalPoll = this.externalPoll;
		b.tls = this.tls;
		b.clientTls = this.clientTls;
		return b;
	}

	/** Builds a {@link ContextInfo}. */
	public static final class Builder {

		private String address;

		private int port = 7681;

		private final List<Protocol<?>> protocols = new ArrayList<>();

		private Limits limits = Limits.DEFAULT;

		private KeepAlive keepAlive = KeepAlive.OFF;

		private int logLevel = LogLevel.DEFAULT;

		private LogEmitter logEmitter;

		private List<String> allowedOrigins = List.of();

		private String serviceThreadName = "jlws-service";

		private int readBufferSize = 64 * 1024;

		private boolean externalPoll;

		private io.jlws.tls.TlsSettings tls;

		private io.jlws.tls.TlsSettings clientTls;

		private Builder() {
		}

		/** TLS for the listener; {@code null} = plain. See {@link ContextInfo#tls()}. */
		public Builder tls(io.jlws.tls.TlsSettings settings) {
			this.tls = settings;
			return this;
		}

		/** Trust settings for wss:// clients; see {@link ContextInfo#clientTls()}. */
		public Builder clientTls(io.jlws.tls.TlsSettings settings) {
			this.clientTls = settings;
			return this;
		}

		/** Runs the context inside the application's poll loop; see {@link ContextInfo#externalPoll()}. */
		public Builder externalPoll(boolean external) {
			this.externalPoll = external;
			return this;
		}

		/** Listen address, e.g. {@code 127.0.0.1}; {@code null} = all interfaces. */
		public Builder address(String address) {
			this.address = address;
			return this;
		}

		/** Listen port: 0 = ephemeral, {@link #NO_LISTEN} = no listener. */
		public Builder port(int port) {
			if (port < NO_LISTEN || port > 65535) {
				throw new IllegalArgumentException("port must be -1 (no listener), 0 (ephemeral) or 1-65535, was "
						+ port);
			}
			this.port = port;
			return this;
		}

		/** Adds a protocol; order matters (see {@link ContextInfo#protocols()}). */
		public Builder protocol(Protocol<?> protocol) {
			this.protocols.add(Objects.requireNonNull(protocol, "protocol"));
			return this;
		}

		/** Adds protocols in order. */
		public Builder protocols(List<? extends Protocol<?>> protocols) {
			protocols.forEach(this::protocol);
			return this;
		}

		public Builder limits(Limits limits) {
			this.limits = Objects.requireNonNull(limits, "limits");
			return this;
		}

		public Builder keepAlive(KeepAlive keepAlive) {
			this.keepAlive = Objects.requireNonNull(keepAlive, "keepAlive");
			return this;
		}

		public Builder logLevel(int bits) {
			this.logLevel = bits;
			return this;
		}

		public Builder logEmitter(LogEmitter emitter) {
			this.logEmitter = emitter;
			return this;
		}

		/**
		 * Origins allowed to open WebSockets: {@code *} (any), origins such as {@code https://example.com}, or
		 * patterns such as {@code https://*.example.com} and {@code http://localhost:*}; empty (the default) = same
		 * origin only. Requests without {@code Origin} (not from a browser page) always pass. See
		 * {@link OriginPolicy}; {@link #build()} rejects entries it cannot read.
		 * @param origins the entries
		 * @return this builder
		 */
		public Builder allowedOrigins(List<String> origins) {
			this.allowedOrigins = List.copyOf(origins);
			return this;
		}

		public Builder serviceThreadName(String name) {
			this.serviceThreadName = Objects.requireNonNull(name, "name");
			return this;
		}

		/** Size of the shared read buffer, 4 KiB to 16 MiB. */
		public Builder readBufferSize(int bytes) {
			if (bytes < 4096 || bytes > 16 * 1024 * 1024) {
				throw new IllegalArgumentException("readBufferSize must be 4 KiB to 16 MiB, was " + bytes);
			}
			this.readBufferSize = bytes;
			return this;
		}

		/**
		 * Builds the settings.
		 * @throws IllegalArgumentException when two protocols share a name or two protocols claim one path
		 */
		public ContextInfo build() {
			Set<String> names = new HashSet<>();
			Set<String> paths = new HashSet<>();
			for (Protocol<?> p : this.protocols) {
				if (!names.add(p.name())) {
					throw new IllegalArgumentException("Two protocols are named '" + p.name() + "'");
				}
				for (String path : p.paths()) {
					if (!paths.add(path)) {
						throw new IllegalArgumentException("Two protocols claim the path '" + path + "'");
					}
				}
			}
			return new ContextInfo(this);
		}

	}

}
