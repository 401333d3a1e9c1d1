package io.jlws.tls;

import java.net.Socket;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Accepts every certificate: {@link TlsSettings#trustAll()} for development against self-signed servers, like
 * libwebsockets' LCCSCF_ALLOW_SELFSIGNED plus skipping the hostname check. Never for production.
 */
final class InsecureTrustManager extends X509ExtendedTrustManager {

	private static final X509Certificate[] NO_ISSUERS = new X509Certificate[0];

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType) {
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType) {
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
	}

	@Override
	public X509Certificate[] getAcceptedIssuers() {
		return NO_ISSUERS;
	}

}
