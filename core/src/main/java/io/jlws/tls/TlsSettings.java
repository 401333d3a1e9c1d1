package io.jlws.tls;

import java.nio.file.Path;
import java.security.Provider;
import java.util.List;
import java.util.Objects;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

import io.jlws.tls.TlsConfigException.Kind;

/**
 * Immutable TLS configuration, libwebsockets' TLS fields of {@code lws_context_creation_info}, and the factory
 * for the {@link TlsContext} built from it, server or client.
 *
 * <p>Server: the certificate ({@code ssl_cert_filepath}) and key ({@code ssl_private_key_filepath},
 * {@code ssl_private_key_password}) or a generated {@link SelfSignedCertificate} ({@code ssl_self_signed});
 * client certificates checked against {@code ssl_ca_filepath} as {@link #clientAuth()} demands. Client: the
 * server is trusted through {@code ssl_ca_filepath}, the JDK's default CAs, or (development only) anything.
 * Both: {@code ssl_cipher_list} for TLS 1.2 and older, {@code tls1_3_plus_cipher_list} for TLS 1.3, and a
 * minimum protocol.
 *
 * <p>Instead of PEM files, ready-made JSSE factories can supply the key material
 * ({@link Builder#keyManagerFactory}) and the trust ({@link Builder#trustManagerFactory}), for key stores and
 * managers that come from elsewhere (a PKCS#12 file, an HSM, a Spring Boot SSL bundle). A key manager factory
 * replaces the certificate and key files; a trust manager factory replaces {@code ssl_ca_filepath}.
 *
 * <p>TLS runs on BouncyCastle's JSSE provider, passed explicitly to every factory and never installed as a
 * global security provider. Nothing here logs: {@link TlsContext} reports skipped suites and notes for the
 * caller to log. Instances are immutable and thread safe.
 */
public final class TlsSettings {

	/** Whether the server asks clients for a certificate, like OpenSSL's SSL_VERIFY_PEER flags. */
	public enum ClientAuth {

		/** No client certificate is requested. */
		NONE,

		/** A certificate is requested; a client without one is still accepted, an invalid one is not. */
		OPTIONAL,

		/** A valid client certificate is required (libwebsockets' REQUIRE_VALID_OPENSSL_CLIENT_CERT). */
		REQUIRED

	}

	/** The protocol names {@link Builder#minimumProtocol(String)} accepts, newest first. */
	static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2", "TLSv1.1", "TLSv1");

	private final Path certificatePath;

	private final Path privateKeyPath;

	private final char[] privateKeyPassword;

	private final Path caPath;

	private final ClientAuth clientAuth;

	private final String cipherList;

	private final String tls13CipherList;

	private final String minimumProtocol;

	private final boolean selfSigned;

	private final boolean trustAll;

	private final boolean verifyHostname;

	private final KeyManagerFactory keyManagerFactory;

	private final TrustManagerFactory trustManagerFactory;

	private TlsSettings(Builder builder) {
		this.certificatePath = builder.certificatePath;
		this.privateKeyPath = builder.privateKeyPath;
		this.privateKeyPassword = (builder.privateKeyPassword != null) ? builder.privateKeyPassword.clone() : null;
		this.caPath = builder.caPath;
		this.clientAuth = builder.clientAuth;
		this.cipherList = builder.cipherList;
		this.tls13CipherList = builder.tls13CipherList;
		this.minimumProtocol = builder.minimumProtocol;
		this.selfSigned = builder.selfSigned;
		this.trustAll = builder.trustAll;
		this.verifyHostname = builder.verifyHostname;
		this.keyManagerFactory = builder.keyManagerFactory;
		this.trustManagerFactory = builder.trustManagerFactory;
	}

	/** A builder with the defaults: no files, {@link ClientAuth#NONE}, provider cipher defaults, TLSv1.2. */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * The shared BouncyCastle JSSE provider instance the no-argument factories use, with BouncyCastle's JCA
	 * provider as its crypto so that every suite it lists can really be negotiated (ChaCha20, AES-CCM, ARIA,
	 * Camellia). Created on first use and not registered with {@link java.security.Security}.
	 */
	public static Provider defaultProvider() {
		return BcProviders.jsse();
	}

	/** Builds a server context with {@link #defaultProvider()}; see {@link #createServerContext(Provider)}. */
	public TlsContext createServerContext() {
		return createServerContext(defaultProvider());
	}

	/**
	 * Builds the server side: loads (or generates) the certificate and key, resolves the cipher lists and
	 * protocols against {@code provider}.
	 * @param provider the JSSE provider
	 * @return the context, with skipped suites and notes to log
	 * @throws TlsConfigException if a file, the key, a cipher list or a setting is unusable
	 */
	public TlsContext createServerContext(Provider provider) {
		return TlsContextFactory.server(this, provider);
	}

	/** Builds a client context with {@link #defaultProvider()}; see {@link #createClientContext(Provider)}. */
	public TlsContext createClientContext() {
		return createClientContext(defaultProvider());
	}

	/**
	 * Builds the client side: trust from {@link #caPath()}, the JDK default, or everything if
	 * {@link #trustAll()}; a client certificate if {@link #certificatePath()} is set.
	 * @param provider the JSSE provider
	 * @return the context
	 * @throws TlsConfigException if a file, the key, a cipher list or a setting is unusable
	 */
	public TlsContext createClientContext(Provider provider) {
		return TlsContextFactory.client(this, provider);
	}

	/** {@code ssl_cert_filepath}: PEM certificate chain, leaf first, or null. */
	public Path certificatePath() {
		return this.certificatePath;
	}

	/** {@code ssl_private_key_filepath}: PEM private key, or null (then it is looked for in the certificate file). */
	public Path privateKeyPath() {
		return this.privateKeyPath;
	}

	/** {@code ssl_private_key_password}: a copy of the key password, or null. */
	public char[] privateKeyPassword() {
		return (this.privateKeyPassword != null) ? this.privateKeyPassword.clone() : null;
	}

	/** {@code ssl_ca_filepath}: PEM CA bundle for verifying the peer, or null for the JDK's default CAs. */
	public Path caPath() {
		return this.caPath;
	}

	/** Whether the server requests or requires client certificates. */
	public ClientAuth clientAuth() {
		return this.clientAuth;
	}

	/** {@code ssl_cipher_list}: OpenSSL cipher string for TLS 1.2 and older, or null for the provider's defaults. */
	public String cipherList() {
		return this.cipherList;
	}

	/** {@code tls1_3_plus_cipher_list}: TLS 1.3 suites, or null for the provider's defaults; empty disables TLS 1.3. */
	public String tls13CipherList() {
		return this.tls13CipherList;
	}

	/** The oldest protocol to accept, e.g. {@code TLSv1.2}. */
	public String minimumProtocol() {
		return this.minimumProtocol;
	}

	/** {@code ssl_self_signed}: generate a self-signed certificate when no certificate file is set (server). */
	public boolean selfSigned() {
		return this.selfSigned;
	}

	/** Client only, development only: accept any server certificate and skip hostname verification. */
	public boolean trustAll() {
		return this.trustAll;
	}

	/** Client only: verify that the server certificate names the host connected to (HTTPS rules). */
	public boolean verifyHostname() {
		return this.verifyHostname;
	}

	/**
	 * Ready-made key material used instead of {@link #certificatePath()} and {@link #privateKeyPath()}: the
	 * server's certificate and key, or the client's certificate; or null.
	 */
	public KeyManagerFactory keyManagerFactory() {
		return this.keyManagerFactory;
	}

	/**
	 * Ready-made trust used instead of {@link #caPath()}: for the server certificate (client side) or client
	 * certificates (server side, when {@link #clientAuth()} asks for them); or null.
	 */
	public TrustManagerFactory trustManagerFactory() {
		return this.trustManagerFactory;
	}

	@Override
	public String toString() {
		return "TlsSettings[cert=" + this.certificatePath + ", key=" + this.privateKeyPath + ", password="
				+ ((this.privateKeyPassword != null) ? "***" : "none") + ", ca=" + this.caPath + ", clientAuth="
				+ this.clientAuth + ", cipherList=" + this.cipherList + ", tls13CipherList=" + this.tls13CipherList
				+ ", minimumProtocol=" + this.minimumProtocol + ", selfSigned=" + this.selfSigned + ", trustAll="
				+ this.trustAll + ", verifyHostname=" + this.verifyHostname
				+ ((this.keyManagerFactory != null) ? ", keyManagerFactory=" + this.keyManagerFactory.getAlgorithm() : "")
				+ ((this.trustManagerFactory != null) ? ", trustManagerFactory=" + this.trustManagerFactory.getAlgorithm()
						: "")
				+ "]";
	}

	/** BouncyCastle's JSSE logs every handshake at JUL INFO; kept for problems only unless configured otherwise. */
	private static final java.util.logging.Logger JSSE_LOG = java.util.logging.Logger.getLogger("org.bouncycastle.jsse");

	/** Lowers BouncyCastle JSSE's JUL logger to WARNING when nobody set its level; called before serving TLS. */
	public static void quietJsseLogging() {
		if (JSSE_LOG.getLevel() == null) {
			JSSE_LOG.setLevel(java.util.logging.Level.WARNING);
		}
	}

	/** A builder holding these settings. */
	public Builder toBuilder() {
		return builder().certificatePath(this.certificatePath)
			.privateKeyPath(this.privateKeyPath)
			.privateKeyPassword(this.privateKeyPassword)
			.caPath(this.caPath)
			.clientAuth(this.clientAuth)
			.cipherList(this.cipherList)
			.tls13CipherList(this.tls13CipherList)
			.minimumProtocol(this.minimumProtocol)
			.selfSigned(this.selfSigned)
			.trustAll(this.trustAll)
			.verifyHostname(this.verifyHostname)
			.keyManagerFactory(this.keyManagerFactory)
			.trustManagerFactory(this.trustManagerFactory);
	}

	/** Builder for {@link TlsSettings}; not thread safe. */
	public static final class Builder {

		private Path certificatePath;

		private Path privateKeyPath;

		private char[] privateKeyPassword;

		private Path caPath;

		private ClientAuth clientAuth = ClientAuth.NONE;

		private String cipherList;

		private String tls13CipherList;

		private String minimumProtocol = "TLSv1.2";

		private boolean selfSigned;

		private boolean trustAll;

		private boolean verifyHostname = true;

		private KeyManagerFactory keyManagerFactory;

		private TrustManagerFactory trustManagerFactory;

		private Builder() {
		}

		/** See {@link TlsSettings#certificatePath()}. */
		public Builder certificatePath(Path certificatePath) {
			this.certificatePath = certificatePath;
			return this;
		}

		/** See {@link TlsSettings#privateKeyPath()}. */
		public Builder privateKeyPath(Path privateKeyPath) {
			this.privateKeyPath = privateKeyPath;
			return this;
		}

		/** See {@link TlsSettings#privateKeyPassword()}; copied. */
		public Builder privateKeyPassword(char[] privateKeyPassword) {
			this.privateKeyPassword = (privateKeyPassword != null) ? privateKeyPassword.clone() : null;
			return this;
		}

		/** See {@link TlsSettings#privateKeyPassword()}. */
		public Builder privateKeyPassword(String privateKeyPassword) {
			return privateKeyPassword((privateKeyPassword != null) ? privateKeyPassword.toCharArray() : null);
		}

		/** See {@link TlsSettings#caPath()}. */
		public Builder caPath(Path caPath) {
			this.caPath = caPath;
			return this;
		}

		/** See {@link TlsSettings#clientAuth()}. */
		public Builder clientAuth(ClientAuth clientAuth) {
			this.clientAuth = Objects.requireNonNull(clientAuth, "clientAuth");
			return this;
		}

		/** See {@link TlsSettings#cipherList()}. */
		public Builder cipherList(String cipherList) {
			this.cipherList = cipherList;
			return this;
		}

		/** See {@link TlsSettings#tls13CipherList()}. */
		public Builder tls13CipherList(String tls13CipherList) {
			this.tls13CipherList = tls13CipherList;
			return this;
		}

		/** See {@link TlsSettings#minimumProtocol()}: one of TLSv1.3, TLSv1.2, TLSv1.1, TLSv1. */
		public Builder minimumProtocol(String minimumProtocol) {
			this.minimumProtocol = Objects.requireNonNull(minimumProtocol, "minimumProtocol");
			return this;
		}

		/** See {@link TlsSettings#selfSigned()}. */
		public Builder selfSigned(boolean selfSigned) {
			this.selfSigned = selfSigned;
			return this;
		}

		/** See {@link TlsSettings#trustAll()}. */
		public Builder trustAll(boolean trustAll) {
			this.trustAll = trustAll;
			return this;
		}

		/** See {@link TlsSettings#verifyHostname()}. */
		public Builder verifyHostname(boolean verifyHostname) {
			this.verifyHostname = verifyHostname;
			return this;
		}

		/**
		 * See {@link TlsSettings#keyManagerFactory()}: an initialised factory, used as is (not copied).
		 * @param keyManagerFactory the factory, or null for the PEM files
		 * @return this builder
		 */
		public Builder keyManagerFactory(KeyManagerFactory keyManagerFactory) {
			this.keyManagerFactory = keyManagerFactory;
			return this;
		}

		/**
		 * See {@link TlsSettings#trustManagerFactory()}: an initialised factory, used as is (not copied).
		 * @param trustManagerFactory the factory, or null for {@code ssl_ca_filepath} or the JDK's default CAs
		 * @return this builder
		 */
		public Builder trustManagerFactory(TrustManagerFactory trustManagerFactory) {
			this.trustManagerFactory = trustManagerFactory;
			return this;
		}

		/**
		 * Checks the settings that need no file or provider and builds.
		 * @return the settings
		 * @throws TlsConfigException for an unknown minimum protocol, or key material or trust given twice (a
		 * key manager factory with a certificate file, a trust manager factory with a CA file)
		 */
		public TlsSettings build() {
			if (this.keyManagerFactory != null && this.certificatePath != null) {
				throw new TlsConfigException(Kind.INVALID_SETTING, null, "Key material is given twice: "
						+ "ssl_cert_filepath and a KeyManagerFactory; set one of them");
			}
			if (this.trustManagerFactory != null && this.caPath != null) {
				throw new TlsConfigException(Kind.INVALID_SETTING, null, "Trust is given twice: "
						+ "ssl_ca_filepath and a TrustManagerFactory; set one of them");
			}
			if (!PROTOCOLS.contains(this.minimumProtocol)) {
				throw new TlsConfigException(Kind.INVALID_SETTING, null, "Unsupported minimum TLS protocol \""
						+ this.minimumProtocol + "\": expected one of " + String.join(", ", PROTOCOLS));
			}
			return new TlsSettings(this);
		}

	}

}
