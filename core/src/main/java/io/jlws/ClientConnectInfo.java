package io.jlws;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Where and how a client connection connects: libwebsockets' {@code struct lws_client_connect_info}. Immutable;
 * build with {@link #builder(String, int)} or {@link #of(URI)}.
 */
public final class ClientConnectInfo {

	private final String host;

	private final int port;

	private final String path;

	private final String hostHeader;

	private final String origin;

	private final List<String> subprotocols;

	private final List<String[]> headers;

	private final String protocol;

	private final Object sessionData;

	private final Duration connectTimeout;

	private final boolean tls;

	private final boolean allowSelfSigned;

	private final boolean skipHostnameCheck;

	private ClientConnectInfo(Builder b) {
		this.host = b.host;
		this.port = b.port;
		this.path = b.path;
		this.hostHeader = (b.hostHeader != null) ? b.hostHeader : defaultHostHeader(b.host, b.port, b.tls);
		this.origin = b.origin;
		this.subprotocols = List.copyOf(b.subprotocols);
		this.headers = List.copyOf(b.headers);
		this.protocol = b.protocol;
		this.sessionData = b.sessionData;
		this.connectTimeout = b.connectTimeout;
		this.tls = b.tls;
		this.allowSelfSigned = b.allowSelfSigned;
		this.skipHostnameCheck = b.skipHostnameCheck;
	}

	private static String defaultHostHeader(String host, int port, boolean tls) {
		String h = host.contains(":") ? "[" + host + "]" : host;
		return (port == (tls ? 443 : 80)) ? h : h + ":" + port;
	}

	/** A builder for {@code host:port}, path {@code /}. */
	public static Builder builder(String host, int port) {
		return new Builder(host, port);
	}

	/**
	 * A builder from a {@code ws://} URI: host, port (default 80), path and query.
	 * @throws IllegalArgumentException for another scheme or a URI without a host
	 */
	public static Builder of(URI uri) {
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		boolean secure = scheme.equals("wss");
		if (!scheme.equals("ws") && !secure) {
			throw new IllegalArgumentException("Not a ws:// or wss:// URI: " + uri);
		}
		if (uri.getHost() == null) {
			throw new IllegalArgumentException("No host in " + uri);
		}
		int port = (uri.getPort() > 0) ? uri.getPort() : (secure ? 443 : 80);
		String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty()) ? "/" : uri.getRawPath();
		if (uri.getRawQuery() != null) {
			path = path + "?" + uri.getRawQuery();
		}
		String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
				: uri.getHost();
		return builder(host, port).path(path).tls(secure);
	}

	/** Host name or address to connect to (lws {@code address}). */
	public String host() {
		return this.host;
	}

	/** TCP port (lws {@code port}). */
	public int port() {
		return this.port;
	}

	/** Request path with query (lws {@code path}). */
	public String path() {
		return this.path;
	}

	/** {@code Host} header value (lws {@code host}). */
	public String hostHeader() {
		return this.hostHeader;
	}

	/** {@code Origin} header value, or {@code null} for none (lws {@code origin}). */
	public String origin() {
		return this.origin;
	}

	/** Subprotocols offered in {@code Sec-WebSocket-Protocol}, in order (lws {@code protocol}). */
	public List<String> subprotocols() {
		return this.subprotocols;
	}

	/** Extra request headers as name/value pairs. */
	public List<String[]> headers() {
		return this.headers;
	}

	/**
	 * Name of the context protocol whose callback gets this connection's events (lws {@code local_protocol_name});
	 * {@code null} = the first offered subprotocol the context has, else the context's first protocol.
	 */
	public String protocol() {
		return this.protocol;
	}

	/** Session data for the connection (lws {@code userdata}); {@code null} = the protocol's factory. */
	public Object sessionData() {
		return this.sessionData;
	}

	/** Time allowed for name resolution and the TCP connect (libwebsockets: 5 s). */
	public Duration connectTimeout() {
		return this.connectTimeout;
	}

	/** Whether to speak TLS ({@code wss://}; lws {@code LCCSCF_USE_SSL}). */
	public boolean tls() {
		return this.tls;
	}

	/**
	 * Whether any server certificate is accepted, self-signed included: for development only (lws
	 * {@code LCCSCF_ALLOW_SELFSIGNED}, the test client's {@code --ssl} with {@code -s}).
	 */
	public boolean allowSelfSigned() {
		return this.allowSelfSigned;
	}

	/** Whether the certificate's host name is not checked (lws {@code LCCSCF_SKIP_SERVER_CERT_HOSTNAME_CHECK}). */
	public boolean skipHostnameCheck() {
		return this.skipHostnameCheck;
	}

	/** Builds {@link ClientConnectInfo}. */
	public static final class Builder {

		private final String host;

		private final int port;

		private String path = "/";

		private String hostHeader;

		private String origin;

		private List<String> subprotocols = List.of();

		private final List<String[]> headers = new ArrayList<>();

		private String protocol;

		private Object sessionData;

		private Duration connectTimeout = Duration.ofSeconds(5);

		private boolean tls;

		private boolean allowSelfSigned;

		private boolean skipHostnameCheck;

		private Builder(String host, int port) {
			this.host = Objects.requireNonNull(host, "host");
			if (host.isEmpty()) {
				throw new IllegalArgumentException("host must not be empty");
			}
			if (port < 1 || port > 65535) {
				throw new IllegalArgumentException("port must be 1-65535, was " + port);
			}
			this.port = port;
		}

		/** Path and query, starting with {@code /}. */
		public Builder path(String path) {
			if (!path.startsWith("/") || path.chars().anyMatch((c) -> c <= ' ' || c >= 127)) {
				throw new IllegalArgumentException("path must start with / and hold no spaces or controls: " + path);
			}
			this.path = path;
			return this;
		}

		public Builder hostHeader(String host) {
			this.hostHeader = host;
			return this;
		}

		public Builder origin(String origin) {
			this.origin = origin;
			return this;
		}

		/** Subprotocols to offer, in preference order. */
		public Builder subprotocols(String... names) {
			this.subprotocols = List.of(names);
			return this;
		}

		/** One more request header. */
		public Builder header(String name, String value) {
			this.headers.add(new String[] { Objects.requireNonNull(name), Objects.requireNonNull(value) });
			return this;
		}

		/** The context protocol that handles this connection. */
		public Builder protocol(String name) {
			this.protocol = name;
			return this;
		}

		public Builder sessionData(Object data) {
			this.sessionData = data;
			return this;
		}

		public Builder connectTimeout(Duration timeout) {
			if (timeout.isNegative() || timeout.isZero()) {
				throw new IllegalArgumentException("connectTimeout must be > 0, was " + timeout);
			}
			this.connectTimeout = timeout;
			return this;
		}

		public Builder tls(boolean tls) {
			this.tls = tls;
			return this;
		}

		/** Accept any server certificate; development only. See {@link ClientConnectInfo#allowSelfSigned()}. */
		public Builder allowSelfSigned(boolean allow) {
			this.allowSelfSigned = allow;
			return this;
		}

		/** Do not check the certificate's host name. See {@link ClientConnectInfo#skipHostnameCheck()}. */
		public Builder skipHostnameCheck(boolean skip) {
			this.skipHostnameCheck = skip;
			return this;
		}

		public ClientConnectInfo build() {
			return new ClientConnectInfo(this);
		}

	}

}
