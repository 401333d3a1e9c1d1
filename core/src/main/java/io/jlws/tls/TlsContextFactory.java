package io.jlws.tls;

import java.net.Socket;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;

import org.bouncycastle.jsse.BCX509ExtendedKeyManager;

import io.jlws.tls.TlsConfigException.Kind;
import io.jlws.tls.TlsSettings.ClientAuth;

/**
 * Turns {@link TlsSettings} into a {@link TlsContext}: key and trust managers, then the protocols and cipher
 * suites resolved against what the provider supports. Stateless.
 */
final class TlsContextFactory {

	/** Key types looked at for {@link #leafCertificate}. */
	private static final List<String> KEY_TYPES = List.of("EC", "RSA", "RSASSA-PSS", "EdDSA", "Ed25519", "Ed448",
			"DSA");

	private TlsContextFactory() {
	}

	static TlsContext server(TlsSettings settings, Provider provider) {
		List<String> notes = new ArrayList<>();
		KeyManager[] keys;
		X509Certificate certificate;
		if (settings.keyManagerFactory() != null) {
			keys = ForeignKeyManager.adapt(settings.keyManagerFactory().getKeyManagers());
			certificate = leafCertificate(keys);
		}
		else {
			PemMaterial material;
			if (settings.certificatePath() != null) {
				Path keyPath = (settings.privateKeyPath() != null) ? settings.privateKeyPath()
						: settings.certificatePath();
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
			keys = material.keyManagerFactory(provider).getKeyManagers();
			certificate = material.certificate();
		}
		TrustManager[] trust = null;
		if (settings.clientAuth() != ClientAuth.NONE) {
			if (settings.trustManagerFactory() != null) {
				trust = settings.trustManagerFactory().getTrustManagers();
			}
			else {
				if (settings.caPath() == null) {
					notes.add("Client certificates are verified against the JDK's default CAs (no ssl_ca_filepath)");
				}
				trust = PemMaterial.trustManagerFactory(
						(settings.caPath() != null) ? PemMaterial.loadTrustStore(settings.caPath()) : null, provider)
					.getTrustManagers();
			}
		}
		SSLContext context = init(provider, keys, trust);
		return resolve(settings, context, certificate, false, notes);
	}

	static TlsContext client(TlsSettings settings, Provider provider) {
		List<String> notes = new ArrayList<>();
		KeyManager[] keys = null;
		X509Certificate certificate = null;
		if (settings.keyManagerFactory() != null) {
			keys = ForeignKeyManager.adapt(settings.keyManagerFactory().getKeyManagers());
			certificate = leafCertificate(keys);
		}
		else if (settings.certificatePath() != null) {
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
		else if (settings.trustManagerFactory() != null) {
			trust = settings.trustManagerFactory().getTrustManagers();
		}
		else {
			trust = PemMaterial.trustManagerFactory(
					(settings.caPath() != null) ? PemMaterial.loadTrustStore(settings.caPath()) : null, provider)
				.getTrustManagers();
		}
		SSLContext context = init(provider, keys, trust);
		return resolve(settings, context, certificate, true, notes);
	}

	/**
	 * The leaf certificate of the first entry an X.509 key manager offers, for {@link TlsContext#certificate()};
	 * null when the managers are not X.509 ones or hold no entry of a common key type.
	 */
	private static X509Certificate leafCertificate(KeyManager[] keys) {
		for (KeyManager key : keys) {
			if (key instanceof X509KeyManager manager) {
				for (String type : KEY_TYPES) {
					String[] aliases = manager.getServerAliases(type, null);
					if (aliases == null) {
						aliases = manager.getClientAliases(type, null);
					}
					if (aliases != null) {
						for (String alias : aliases) {
							X509Certificate[] chain = manager.getCertificateChain(alias);
							if (chain != null && chain.length > 0) {
								return chain[0];
							}
						}
					}
				}
			}
		}
		return null;
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

	/**
	 * Lets BouncyCastle's JSSE use another provider's X.509 key manager (SunJSSE's, or one wrapping it such as
	 * Spring Boot's alias-selecting manager). BouncyCastle asks for credentials with key types of its own: the
	 * signature key for TLS 1.3 ({@code EC/secp256r1}, {@code Ed25519}, {@code RSASSA-PSS}, {@code RSA}) and key
	 * exchange names for TLS 1.2 ({@code ECDHE_ECDSA}, {@code ECDHE_RSA}, {@code DHE_DSS}); the JDK's managers
	 * only know key algorithms ({@code EC}, {@code RSA}, {@code DSA}) and answer null. This adapter asks the
	 * delegate with the key algorithm and returns its choice only if that key really fits (the named curve for
	 * TLS 1.3 ECDSA), so the delegate's own choice (such as a configured alias) is never overridden. BouncyCastle's
	 * own managers are used as they are.
	 */
	static final class ForeignKeyManager extends X509ExtendedKeyManager {

		private final X509KeyManager delegate;

		private ForeignKeyManager(X509KeyManager delegate) {
			this.delegate = delegate;
		}

		static KeyManager[] adapt(KeyManager[] keys) {
			KeyManager[] adapted = keys.clone();
			for (int i = 0; i < adapted.length; i++) {
				if (adapted[i] instanceof X509KeyManager manager && !(manager instanceof BCX509ExtendedKeyManager)) {
					adapted[i] = new ForeignKeyManager(manager);
				}
			}
			return adapted;
		}

		/** The JDK key algorithm for a BouncyCastle key type, or null for one this adapter does not know. */
		static String keyAlgorithm(String keyType) {
			if (keyType == null) {
				return null;
			}
			if (keyType.startsWith("EC/") || keyType.equals("ECDHE_ECDSA") || keyType.equals("ECDSA")
					|| keyType.equals("EC")) {
				return "EC";
			}
			return switch (keyType) {
				case "RSA", "ECDHE_RSA", "DHE_RSA", "SRP_RSA" -> "RSA";
				case "DSA", "DHE_DSS", "SRP_DSS" -> "DSA";
				case "RSASSA-PSS" -> "RSASSA-PSS";
				case "Ed25519", "Ed448" -> "EdDSA";
				default -> null;
			};
		}

		/** Whether the leaf certificate of {@code alias} holds a key of {@code keyType}. */
		boolean fits(String alias, String keyType) {
			X509Certificate[] chain = (alias != null) ? this.delegate.getCertificateChain(alias) : null;
			if (chain == null || chain.length == 0 || this.delegate.getPrivateKey(alias) == null) {
				return false;
			}
			PublicKey key = chain[0].getPublicKey();
			String algorithm = keyAlgorithm(keyType);
			if (algorithm == null) {
				return false;
			}
			if (algorithm.equals("EdDSA")) {
				return key.getAlgorithm().equals(keyType) || (key.getAlgorithm().equals("EdDSA")
						&& key instanceof java.security.interfaces.EdECKey ed
						&& ed.getParams().getName().equalsIgnoreCase(keyType));
			}
			if (!key.getAlgorithm().equals(algorithm)
					&& !(algorithm.equals("EC") && key.getAlgorithm().equals("ECDSA"))) {
				return false;
			}
			if (keyType.startsWith("EC/")) {
				return key instanceof ECPublicKey ec && onCurve(ec.getParams(), keyType.substring(3));
			}
			return true;
		}

		private static boolean onCurve(ECParameterSpec params, String curve) {
			try {
				AlgorithmParameters named = AlgorithmParameters.getInstance("EC", BcProviders.jca());
				named.init(new ECGenParameterSpec(curve));
				ECParameterSpec expected = named.getParameterSpec(ECParameterSpec.class);
				return expected.getCurve().equals(params.getCurve()) && expected.getOrder().equals(params.getOrder())
						&& expected.getGenerator().equals(params.getGenerator());
			}
			catch (GeneralSecurityException ex) {
				return false;
			}
		}

		private String[] fitting(String[] aliases, String keyType) {
			if (aliases == null) {
				return null;
			}
			String[] fitting = Arrays.stream(aliases).filter((alias) -> fits(alias, keyType)).toArray(String[]::new);
			return (fitting.length > 0) ? fitting : null;
		}

		@Override
		public String[] getServerAliases(String keyType, Principal[] issuers) {
			String algorithm = keyAlgorithm(keyType);
			return (algorithm != null) ? fitting(this.delegate.getServerAliases(algorithm, issuers), keyType) : null;
		}

		@Override
		public String[] getClientAliases(String keyType, Principal[] issuers) {
			String algorithm = keyAlgorithm(keyType);
			return (algorithm != null) ? fitting(this.delegate.getClientAliases(algorithm, issuers), keyType) : null;
		}

		@Override
		public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
			String algorithm = keyAlgorithm(keyType);
			String alias = (algorithm != null) ? this.delegate.chooseServerAlias(algorithm, issuers, socket) : null;
			return fits(alias, keyType) ? alias : null;
		}

		@Override
		public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
			String algorithm = keyAlgorithm(keyType);
			if (algorithm == null) {
				return null;
			}
			String alias = (this.delegate instanceof X509ExtendedKeyManager extended)
					? extended.chooseEngineServerAlias(algorithm, issuers, engine)
					: this.delegate.chooseServerAlias(algorithm, issuers, null);
			return fits(alias, keyType) ? alias : null;
		}

		@Override
		public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
			for (String keyType : keyTypes) {
				String algorithm = keyAlgorithm(keyType);
				String alias = (algorithm != null)
						? this.delegate.chooseClientAlias(new String[] { algorithm }, issuers, socket) : null;
				if (fits(alias, keyType)) {
					return alias;
				}
			}
			return null;
		}

		@Override
		public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
			for (String keyType : keyTypes) {
				String algorithm = keyAlgorithm(keyType);
				if (algorithm == null) {
					continue;
				}
				String[] types = { algorithm };
				String alias = (this.delegate instanceof X509ExtendedKeyManager extended)
						? extended.chooseEngineClientAlias(types, issuers, engine)
						: this.delegate.chooseClientAlias(types, issuers, null);
				if (fits(alias, keyType)) {
					return alias;
				}
			}
			return null;
		}

		@Override
		public X509Certificate[] getCertificateChain(String alias) {
			return this.delegate.getCertificateChain(alias);
		}

		@Override
		public PrivateKey getPrivateKey(String alias) {
			return this.delegate.getPrivateKey(alias);
		}

	}

}
