package io.jlws.tls;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.util.List;
import java.util.Objects;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509KeyManager;

import io.jlws.tls.TlsConfigException.Kind;

/**
 * A private key with its certificate chain, loaded from PEM files the way libwebsockets takes
 * {@code ssl_cert_filepath}, {@code ssl_private_key_filepath} and {@code ssl_private_key_password}, plus the
 * CA bundle of {@code ssl_ca_filepath} for verifying peers.
 *
 * <p>Key formats: PKCS#8 ({@code PRIVATE KEY}), encrypted PKCS#8 ({@code ENCRYPTED PRIVATE KEY}), PKCS#1 RSA
 * ({@code RSA PRIVATE KEY}), SEC1 EC ({@code EC PRIVATE KEY}), the last two optionally OpenSSL-encrypted
 * ({@code Proc-Type: 4,ENCRYPTED}). Loading checks that the key belongs to the first (leaf) certificate.
 * Every failure is a {@link TlsConfigException} naming the file. Instances are immutable and thread safe.
 */
public final class PemMaterial {

	private static final String ALIAS = "jlws";

	// Only protects the in-memory key store handed to the key manager factory; never written anywhere.
	private static final char[] STORE_PASSWORD = "jlws-in-memory".toCharArray();

	private final PrivateKey privateKey;

	private final List<X509Certificate> certificateChain;

	private PemMaterial(PrivateKey privateKey, List<X509Certificate> certificateChain) {
		this.privateKey = privateKey;
		this.certificateChain = List.copyOf(certificateChain);
	}

	/**
	 * Loads a certificate chain and its private key.
	 * @param certificateFile PEM with the leaf certificate first, then any intermediates
	 * @param privateKeyFile PEM with the private key; may be the certificate file itself
	 * @param password the key password, or null for an unencrypted key
	 * @return the checked key and chain
	 * @throws TlsConfigException if a file is missing or unreadable, holds no certificate or key, the key
	 * format is unsupported, the password is missing or wrong, or the key does not match the certificate
	 */
	public static PemMaterial load(Path certificateFile, Path privateKeyFile, char[] password) {
		List<X509Certificate> chain = PemFiles.certificates(certificateFile, "Certificate file");
		PrivateKey key = PemFiles.privateKey(privateKeyFile, password);
		if (!matches(key, chain.get(0).getPublicKey())) {
			throw new TlsConfigException(Kind.KEY_MISMATCH, privateKeyFile, "Private key in " + privateKeyFile
					+ " does not match the certificate in " + certificateFile + " ("
					+ chain.get(0).getSubjectX500Principal().getName() + ")");
		}
		return new PemMaterial(key, chain);
	}

	/**
	 * Wraps an in-memory key and chain, e.g. a {@link SelfSignedCertificate}.
	 * @param privateKey the private key
	 * @param certificateChain the leaf certificate first
	 * @return the checked key and chain
	 * @throws TlsConfigException if the chain is empty or the key does not match the leaf certificate
	 */
	public static PemMaterial of(PrivateKey privateKey, List<X509Certificate> certificateChain) {
		Objects.requireNonNull(privateKey, "privateKey");
		if (certificateChain.isEmpty()) {
			throw new TlsConfigException(Kind.NO_CERTIFICATE, null, "Certificate chain is empty");
		}
		if (!matches(privateKey, certificateChain.get(0).getPublicKey())) {
			throw new TlsConfigException(Kind.KEY_MISMATCH, null, "Private key does not match the certificate ("
					+ certificateChain.get(0).getSubjectX500Principal().getName() + ")");
		}
		return new PemMaterial(privateKey, certificateChain);
	}

	/**
	 * Reads every certificate of a PEM file, e.g. a chain or a CA bundle.
	 * @param file the PEM file
	 * @return the certificates in file order, never empty
	 * @throws TlsConfigException if the file is missing or holds no certificate
	 */
	public static List<X509Certificate> loadCertificates(Path file) {
		return PemFiles.certificates(file, "Certificate file");
	}

	/**
	 * Reads the private key of a PEM file.
	 * @param file the PEM file
	 * @param password the key password, or null
	 * @return the key
	 * @throws TlsConfigException if the file is missing, holds no supported key, or the password is wrong
	 */
	public static PrivateKey loadPrivateKey(Path file, char[] password) {
		return PemFiles.privateKey(file, password);
	}

	/**
	 * Loads a CA bundle ({@code ssl_ca_filepath}) into an in-memory trust store.
	 * @param caFile PEM with one or more CA certificates
	 * @return a key store with one trusted-certificate entry per certificate
	 * @throws TlsConfigException if the file is missing or holds no certificate
	 */
	public static KeyStore loadTrustStore(Path caFile) {
		List<X509Certificate> cas = PemFiles.certificates(caFile, "CA file");
		try {
			KeyStore store = emptyStore();
			for (int i = 0; i < cas.size(); i++) {
				store.setCertificateEntry("ca-" + i, cas.get(i));
			}
			return store;
		}
		catch (GeneralSecurityException ex) {
			throw new TlsConfigException(Kind.NO_CERTIFICATE, caFile, "CA file " + caFile + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * A PKIX trust manager factory of {@code provider} over {@code trustStore}.
	 * @param trustStore e.g. {@link #loadTrustStore(Path)}, or null for the provider's default (the JDK's cacerts)
	 * @param provider the JSSE provider, e.g. {@link TlsSettings#defaultProvider()}
	 * @return an initialised factory
	 */
	public static TrustManagerFactory trustManagerFactory(KeyStore trustStore, Provider provider) {
		try {
			TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX", provider);
			factory.init(trustStore);
			return factory;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("TLS provider " + provider.getName() + " has no usable PKIX trust managers", ex);
		}
	}

	/** The private key. */
	public PrivateKey privateKey() {
		return this.privateKey;
	}

	/** The certificate chain, leaf first. */
	public List<X509Certificate> certificateChain() {
		return this.certificateChain;
	}

	/** The leaf certificate. */
	public X509Certificate certificate() {
		return this.certificateChain.get(0);
	}

	/**
	 * A PKIX key manager factory of {@code provider} holding this key and chain.
	 * @param provider the JSSE provider the SSLContext comes from
	 * @return an initialised factory
	 */
	public KeyManagerFactory keyManagerFactory(Provider provider) {
		try {
			KeyStore store = emptyStore();
			store.setKeyEntry(ALIAS, this.privateKey, STORE_PASSWORD, this.certificateChain.toArray(new X509Certificate[0]));
			KeyManagerFactory factory = KeyManagerFactory.getInstance("PKIX", provider);
			factory.init(store, STORE_PASSWORD);
			return factory;
		}
		catch (GeneralSecurityException ex) {
			throw new TlsConfigException(Kind.UNSUPPORTED_KEY, null, "The " + this.privateKey.getAlgorithm()
					+ " key cannot be used by TLS provider " + provider.getName() + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * The X.509 key manager of {@link #keyManagerFactory(Provider)}.
	 * @param provider the JSSE provider the SSLContext comes from
	 * @return the key manager
	 */
	public X509KeyManager keyManager(Provider provider) {
		for (KeyManager manager : keyManagerFactory(provider).getKeyManagers()) {
			if (manager instanceof X509KeyManager x509) {
				return x509;
			}
		}
		throw new IllegalStateException("TLS provider " + provider.getName() + " returned no X509KeyManager");
	}

	private static KeyStore emptyStore() throws GeneralSecurityException {
		KeyStore store = KeyStore.getInstance("PKCS12");
		try {
			store.load(null, null);
		}
		catch (java.io.IOException ex) {
			throw new GeneralSecurityException(ex);
		}
		return store;
	}

	/**
	 * Whether {@code key} is the private half of {@code publicKey}: RSA by modulus, everything else by signing
	 * a random challenge and verifying it, which works for any algorithm without knowing its key encoding.
	 */
	static boolean matches(PrivateKey key, PublicKey publicKey) {
		if (!family(key.getAlgorithm()).equals(family(publicKey.getAlgorithm()))) {
			return false;
		}
		if (key instanceof RSAKey rsa && publicKey instanceof RSAKey rsaPublic) {
			return rsa.getModulus().equals(rsaPublic.getModulus());
		}
		String algorithm = switch (family(key.getAlgorithm())) {
			case "EC" -> "SHA256withECDSA";
			case "DSA" -> "SHA256withDSA";
			default -> key.getAlgorithm();
		};
		try {
			byte[] challenge = new byte[32];
			new SecureRandom().nextBytes(challenge);
			Signature signer = Signature.getInstance(algorithm);
			signer.initSign(key);
			signer.update(challenge);
			byte[] signature = signer.sign();
			Signature verifier = Signature.getInstance(algorithm);
			verifier.initVerify(publicKey);
			verifier.update(challenge);
			return verifier.verify(signature);
		}
		catch (GeneralSecurityException ex) {
			return false;
		}
	}

	private static String family(String algorithm) {
		return switch (algorithm) {
			case "ECDSA" -> "EC";
			case "Ed25519", "Ed448" -> "EdDSA";
			default -> algorithm;
		};
	}

}
