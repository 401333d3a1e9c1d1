package io.jlws.tls;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

import io.jlws.tls.TlsSettings.ClientAuth;

/**
 * A ready {@link SSLContext} with the cipher suites and protocols resolved from {@link TlsSettings}, and the
 * {@link SSLParameters} to put on each engine (the context's defaults are not changed, so parameters are
 * applied per engine).
 *
 * <p>{@link #skippedSuites()} and {@link #notes()} are for the caller to log once at startup: suites the
 * cipher list selected that the provider lacks (a warning), and remarks such as an ignored
 * {@code @SECLEVEL} or a generated self-signed certificate. Immutable and thread safe; engines are not.
 */
public final class TlsContext {

	// RFC 6066 3: SNI carries host names only, never IPv4 or IPv6 literals.
	private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|.*:.*|\\[.*\\]");

	private final SSLContext sslContext;

	private final List<String> cipherSuites;

	private final List<String> protocols;

	private final ClientAuth clientAuth;

	private final boolean client;

	private final X509Certificate certificate;

	private final boolean verifyHostname;

	private final List<String> skippedSuites;

	private final List<String> notes;

	TlsContext(SSLContext sslContext, List<String> cipherSuites, List<String> protocols, ClientAuth clientAuth,
			boolean client, X509Certificate certificate, boolean verifyHostname, List<String> skippedSuites,
			List<String> notes) {
		this.sslContext = sslContext;
		this.cipherSuites = List.copyOf(cipherSuites);
		this.protocols = List.copyOf(protocols);
		this.clientAuth = clientAuth;
		this.client = client;
		this.certificate = certificate;
		this.verifyHostname = verifyHostname;
		this.skippedSuites = List.copyOf(skippedSuites);
		this.notes = List.copyOf(notes);
	}

	/** The initialised context. */
	public SSLContext sslContext() {
		return this.sslContext;
	}

	/** The suites to enable, in preference order: TLS 1.3 ones first, then those of the cipher list. */
	public List<String> cipherSuites() {
		return this.cipherSuites;
	}

	/** The protocols to enable, newest first. */
	public List<String> protocols() {
		return this.protocols;
	}

	/** Whether this context was built for the client side. */
	public boolean isClient() {
		return this.client;
	}

	/** Our own leaf certificate: the server's, or the client certificate if one is configured. */
	public Optional<X509Certificate> certificate() {
		return Optional.ofNullable(this.certificate);
	}

	/** OpenSSL names selected by {@code ssl_cipher_list} that the provider does not support; log as a warning. */
	public List<String> skippedSuites() {
		return this.skippedSuites;
	}

	/** Remarks to log at startup (ignored options, self-signed certificate, disabled checks). */
	public List<String> notes() {
		return this.notes;
	}

	/**
	 * Server-side parameters: suites and protocols, the server's suite order preferred (libwebsockets sets
	 * SSL_OP_CIPHER_SERVER_PREFERENCE), and the client-certificate request.
	 * @return fresh parameters for {@link SSLEngine#setSSLParameters}
	 */
	public SSLParameters serverParameters() {
		SSLParameters parameters = base();
		parameters.setUseCipherSuitesOrder(true);
		if (this.clientAuth == ClientAuth.REQUIRED) {
			parameters.setNeedClientAuth(true);
		}
		else if (this.clientAuth == ClientAuth.OPTIONAL) {
			parameters.setWantClientAuth(true);
		}
		return parameters;
	}

	/**
	 * Client-side parameters: suites and protocols, SNI for {@code host} unless it is an IP literal, and
	 * hostname verification ({@code HTTPS} endpoint identification) unless disabled or trusting all.
	 * @param host the host name or address being connected to
	 * @return fresh parameters for {@link SSLEngine#setSSLParameters}
	 */
	public SSLParameters clientParameters(String host) {
		SSLParameters parameters = base();
		if (host != null && !IP_LITERAL.matcher(host).matches()) {
			parameters.setServerNames(List.of(new SNIHostName(host)));
		}
		if (this.verifyHostname) {
			parameters.setEndpointIdentificationAlgorithm("HTTPS");
		}
		return parameters;
	}

	/** A new server-mode engine with {@link #serverParameters()}. */
	public SSLEngine newServerEngine() {
		SSLEngine engine = this.sslContext.createSSLEngine();
		engine.setUseClientMode(false);
		engine.setSSLParameters(serverParameters());
		return engine;
	}

	/**
	 * A new client-mode engine with {@link #clientParameters(String)}; host and port also key session resumption.
	 * @param host the host name or address being connected to
	 * @param port the port being connected to
	 * @return the engine, handshake not yet begun
	 */
	public SSLEngine newClientEngine(String host, int port) {
		SSLEngine engine = this.sslContext.createSSLEngine(host, port);
		engine.setUseClientMode(true);
		engine.setSSLParameters(clientParameters(host));
		return engine;
	}

	private SSLParameters base() {
		return new SSLParameters(this.cipherSuites.toArray(new String[0]), this.protocols.toArray(new String[0]));
	}

}
