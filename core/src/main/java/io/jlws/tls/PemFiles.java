package io.jlws.tls;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

import io.jlws.tls.TlsConfigException.Kind;

/**
 * Reads certificates and private keys from PEM files with BouncyCastle's {@link PEMParser}, turning every
 * failure into a {@link TlsConfigException} that names the file.
 *
 * <p>Keys come out as JDK key objects (default JCA providers), which every TLS provider accepts. Only the
 * password-based decryption uses a private, never installed, BouncyCastle provider instance, because the
 * JDK lacks some of the PBE schemes OpenSSL writes. Stateless and thread safe.
 */
final class PemFiles {

	private PemFiles() {
	}

	/** Every certificate in {@code file}, in file order; other PEM blocks (e.g. a key) are skipped. */
	static List<X509Certificate> certificates(Path file, String what) {
		List<X509Certificate> certificates = new ArrayList<>();
		JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
		for (Object object : objects(file, what, Kind.NO_CERTIFICATE)) {
			if (object instanceof X509CertificateHolder holder) {
				try {
					certificates.add(converter.getCertificate(holder));
				}
				catch (CertificateException ex) {
					throw new TlsConfigException(Kind.NO_CERTIFICATE, file,
							what + " " + file + ": certificate #" + (certificates.size() + 1) + " cannot be parsed: "
									+ ex.getMessage(), ex);
				}
			}
		}
		if (certificates.isEmpty()) {
			throw new TlsConfigException(Kind.NO_CERTIFICATE, file,
					what + " " + file + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
		}
		return certificates;
	}

	/**
	 * The first private key in {@code file}: PKCS#8 (plain or encrypted), PKCS#1 RSA, SEC1 EC or DSA, the
	 * traditional ones optionally OpenSSL-encrypted ({@code Proc-Type: 4,ENCRYPTED}). Certificates and
	 * {@code EC PARAMETERS} blocks before it are skipped. The password is ignored for an unencrypted key.
	 */
	static PrivateKey privateKey(Path file, char[] password) {
		String what = "Private key file";
		for (Object object : objects(file, what, Kind.NO_PRIVATE_KEY)) {
			if (object instanceof X509CertificateHolder || object instanceof ASN1ObjectIdentifier
					|| object instanceof X9ECParameters) {
				continue;
			}
			if (object instanceof SubjectPublicKeyInfo) {
				throw new TlsConfigException(Kind.NO_PRIVATE_KEY, file,
						what + " " + file + " holds a public key where a private key was expected");
			}
			return convert(file, decrypt(file, object, password));
		}
		throw new TlsConfigException(Kind.NO_PRIVATE_KEY, file, what + " " + file + " holds no PEM private key "
				+ "(PRIVATE KEY, ENCRYPTED PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY)");
	}

	private static PrivateKeyInfo decrypt(Path file, Object object, char[] password) {
		if (object instanceof PrivateKeyInfo info) {
			return info;
		}
		if (object instanceof PEMKeyPair pair) {
			return pair.getPrivateKeyInfo();
		}
		boolean encrypted = object instanceof PEMEncryptedKeyPair || object instanceof PKCS8EncryptedPrivateKeyInfo;
		if (!encrypted) {
			throw new TlsConfigException(Kind.UNSUPPORTED_KEY, file, "Private key file " + file
					+ ": unsupported PEM content (" + object.getClass().getSimpleName() + ")");
		}
		if (password == null || password.length == 0) {
			throw new TlsConfigException(Kind.PASSWORD_REQUIRED, file,
					"Private key file " + file + " is encrypted but no password is configured");
		}
		try {
			if (object instanceof PEMEncryptedKeyPair pair) {
				return pair.decryptKeyPair(new JcePEMDecryptorProviderBuilder().setProvider(BcProviders.jca()).build(password))
					.getPrivateKeyInfo();
			}
			return ((PKCS8EncryptedPrivateKeyInfo) object).decryptPrivateKeyInfo(
					new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BcProviders.jca()).build(password));
		}
		catch (Exception ex) {
			// A wrong password surfaces as bad padding or, when the padding happens to pass, as garbage DER;
			// the exception type says nothing useful either way.
			throw new TlsConfigException(Kind.WRONG_PASSWORD, file, "Private key file " + file
					+ " cannot be decrypted: wrong password? (" + ex.getMessage() + ")", ex);
		}
	}

	private static PrivateKey convert(Path file, PrivateKeyInfo info) {
		try {
			return new JcaPEMKeyConverter().getPrivateKey(info);
		}
		catch (Exception ex) {
			throw new TlsConfigException(Kind.UNSUPPORTED_KEY, file, "Private key file " + file
					+ ": unsupported key algorithm " + info.getPrivateKeyAlgorithm().getAlgorithm() + " ("
					+ ex.getMessage() + ")", ex);
		}
	}

	private static List<Object> objects(Path file, String what, Kind emptyKind) {
		List<Object> objects = new ArrayList<>();
		// PEM is ASCII; ISO-8859-1 never fails on stray bytes, so a binary (DER) file reads as "no PEM".
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1);
				PEMParser parser = new PEMParser(reader)) {
			for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
				objects.add(object);
			}
			return objects;
		}
		catch (NoSuchFileException ex) {
			throw new TlsConfigException(Kind.FILE_NOT_READABLE, file, what + " " + file + " does not exist", ex);
		}
		catch (IOException ex) {
			if (!Files.isReadable(file) || Files.isDirectory(file)) {
				throw new TlsConfigException(Kind.FILE_NOT_READABLE, file,
						what + " " + file + " cannot be read: " + ex, ex);
			}
			throw new TlsConfigException(emptyKind, file, what + " " + file + " is not valid PEM: " + ex.getMessage(),
					ex);
		}
	}

}
