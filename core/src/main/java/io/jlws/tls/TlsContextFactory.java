package io.jlws.tls;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

import io.jlws.tls.TlsConfigException.Kind;
import io.jlws.tls.TlsSettings.ClientAuth;

/**
 * Turns {@link TlsSettings} into a {@link TlsContext}: key and trust managers, then the protocols and cipher
 * suites resolved against what the provider supports. Stateless.
 */
final class TlsContextFactory {

	private TlsContextFactory() {
	}

	static TlsContext server(TlsSettings settings, Provider provider) {
		List<String> notes = new ArrayList<>();
		PemMaterial material;
		if (settings.certificatePath() != null) {
			Path keyPath = (settings.privateKeyPath() != null) ? settings.privateKeyPath() : settings.certificatePath();
			material = PemMaterial.load(settings.certificatePath(), keyPath, settings.privateKeyPassword());
		}
		else if (settings.selfSigned()) {
			material = SelfSignedCertificate.generate().pemMaterial();
			notes.add("Using a generated self-signed certificate (CN=localhost); clients will not trust it "
					+ "unless told to");
		}
		else {
			throw new TlsConfigException(Kind.INVALID_SETTING, null, "TLS server needs a certificate: set "
					+ "ssl_cert_filepath and ssl_private_key_filepath, or ssl_self_signed");
		}
		TrustManager[] trust = null;
		if (settings.clientAuth() != ClientAuth.NONE) {
			if (settings.caPath() == null) {
				notes.add("Client certificates are verified against the JDK's default CAs (no ssl_ca_filepath)");
			}
			trust = PemMaterial.trustManagerFactory(
					(settings.caPath() != null) ? PemMaterial.loadTrustStore(settings.caPath()) : null, provider)
				.getTrustManagers();
		}
		SSLContext context = init(provider, material.keyManagerFactory(provider).getKeyManagers(), trust);
		return resolve(settings, context, material.certificate(), false, notes);
	}

	static TlsContext client(TlsSettings settings, Provider provider) {
		List<String> notes = new ArrayList<>();
		KeyManager[] keys = null;
		X509Certificate certificate = null;
		if (settings.certificatePath() != null) {
			Path keyPath = (settings.privateKeyPath() != null) ? settings.privateKeyPath() : settings.certificatePath();
			PemMaterial material = PemMaterial.load(settings.certificatePath(), keyPath, settings.privateKeyPassword());
			keys = material.keyManagerFactory(provider).getKeyManagers();
			certificate = material.certificate();
		}
		TrustManager[] trust;
		if (settings.trustAll()) {
			trust = new TrustManager[] { new InsecureTrustManager() };
			notes.add("Server certificates are NOT verified (trustAll): for development only");
		}
		else {
			trust = PemMaterial.trustManagerFactory(
					(settings.caPath() != null) ? PemMaterial.loadTrustStore(settings.caPath()) : null, provider)
				.getTrustManagers();
		}
		SSLContext context = init(provider, keys, trust);
		return resolve(settings, context, certificate, true, notes);
	}

	private static SSLContext init(Provider provider, KeyManager[] keys, TrustManager[] trust) {
		try {
			SSLContext context = SSLContext.getInstance("TLS", provider);
			// An explicit SecureRandom: BC's JSSE otherwise asks the JCA for "DEFAULT", which only the
			// (not installed) BC JCA provider offers.
			context.init(keys, trust, new SecureRandom());
			return context;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("TLS provider " + provider.getName() + " cannot create a TLS context", ex);
		}
	}

	private static TlsContext resolve(TlsSettings settings, SSLContext context, X509Certificate certificate,
			boolean client, List<String> notes) {
		List<String> supportedSuites = Arrays.asList(context.getSupportedSSLParameters().getCipherSuites());
		List<String> defaultSuites = Arrays.asList(context.getDefaultSSLParameters().getCipherSuites());
		List<String> supportedProtocols = Arrays.asList(context.getSupportedSSLParameters().getProtocols());
		int oldest = TlsSettings.PROTOCOLS.indexOf(settings.minimumProtocol());
		List<String> protocols = new ArrayList<>();
		for (String protocol : TlsSettings.PROTOCOLS.subList(0, oldest + 1)) {
			if (supportedProtocols.contains(protocol)) {
				protocols.add(protocol);
			}
		}
		List<String> tls13 = List.of();
		if (protocols.contains("TLSv1.3")) {
			tls13 = (settings.tls13CipherList() != null)
					? cipherListError(() -> CipherList.tls13Suites(settings.tls13CipherList(), supportedSuites))
					: defaultSuites.stream().filter(CipherList::isTls13Suite).toList();
			if (tls13.isEmpty()) {
				protocols.remove("TLSv1.3");
				notes.add("TLS 1.3 disabled: tls1_3_plus_cipher_list is empty");
			}
		}
		boolean legacy = protocols.stream().anyMatch((p) -> !p.equals("TLSv1.3"));
		List<String> legacySuites = List.of();
		List<String> skipped = List.of();
		if (settings.cipherList() != null) {
			CipherList.Result result = CipherList.parse(settings.cipherList(), supportedSuites);
			notes.addAll(result.notes());
			skipped = result.skipped();
			// Unknown names always fail; an empty selection only matters if TLS 1.2 or older may be used.
			if (!result.unknown().isEmpty() || legacy) {
				result.requireUsable();
			}
			legacySuites = result.cipherSuites();
		}
		else if (legacy) {
			legacySuites = defaultSuites.stream().filter((s) -> !CipherList.isTls13Suite(s)).toList();
		}
		if (protocols.isEmpty()) {
			throw new TlsConfigException(Kind.INVALID_SETTING, null, "No TLS protocol left: minimum "
					+ settings.minimumProtocol() + " but TLS 1.3 is disabled by an empty tls1_3_plus_cipher_list");
		}
		List<String> suites = new ArrayList<>(tls13);
		if (legacy) {
			suites.addAll(legacySuites);
		}
		return new TlsContext(context, suites, protocols, settings.clientAuth(), client, certificate,
				client && settings.verifyHostname() && !settings.trustAll(), skipped, notes);
	}

	private static List<String> cipherListError(Supplier<List<String>> resolution) {
		try {
			return resolution.get();
		}
		catch (TlsConfigException ex) {
			throw ex;
		}
		catch (IllegalArgumentException ex) {
			throw new TlsConfigException(Kind.INVALID_CIPHER_LIST, null, ex.getMessage(), ex);
		}
	}

}
