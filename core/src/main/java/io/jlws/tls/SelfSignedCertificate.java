package io.jlws.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A freshly generated self-signed certificate for development, libwebsockets' {@code ssl_self_signed}: an EC
 * P-256 key, {@code CN=localhost}, subject alternative names {@code localhost}, {@code 127.0.0.1} and
 * {@code ::1}, valid from one day ago (tolerating clock skew) for one year.
 *
 * <p>Clients only accept it if told to trust this very certificate (or to trust everything), so it is never
 * something to run in production. {@link #writePem} hands it to external tools such as
 * {@code openssl s_client -CAfile}. Immutable and thread safe.
 */
public final class SelfSignedCertificate {

	private static final Duration BACKDATE = Duration.ofDays(1);

	private static final Duration VALIDITY = Duration.ofDays(365);

	private final PrivateKey privateKey;

	private final X509Certificate certificate;

	private SelfSignedCertificate(PrivateKey privateKey, X509Certificate certificate) {
		this.privateKey = privateKey;
		this.certificate = certificate;
	}

	/**
	 * Generates a new key pair and certificate.
	 * @return the certificate and its key
	 */
	public static SelfSignedCertificate generate() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			KeyPair keyPair = generator.generateKeyPair();
			Instant now = Instant.now();
			X500Name subject = new X500Name("CN=localhost");
			// RFC 5280 4.1.2.2: positive, at most 20 octets; 127 random bits keep it positive and unique.
			BigInteger serial = new BigInteger(127, new SecureRandom());
			X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial,
					Date.from(now.minus(BACKDATE)), Date.from(now.plus(VALIDITY)), subject, keyPair.getPublic());
			builder.addExtension(Extension.subjectAlternativeName, false,
					new GeneralNames(new GeneralName[] { new GeneralName(GeneralName.dNSName, "localhost"),
							new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
							new GeneralName(GeneralName.iPAddress, "::1") }));
			builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
			builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
			builder.addExtension(Extension.extendedKeyUsage, false,
					new ExtendedKeyUsage(new KeyPurposeId[] { KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth }));
			X509Certificate certificate = new JcaX509CertificateConverter()
				.getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate())));
			return new SelfSignedCertificate(keyPair.getPrivate(), certificate);
		}
		catch (GeneralSecurityException | OperatorCreationException | IOException ex) {
			throw new IllegalStateException("Cannot generate a self-signed EC P-256 certificate", ex);
		}
	}

	/** The private key (EC P-256). */
	public PrivateKey privateKey() {
		return this.privateKey;
	}

	/** The self-signed certificate. */
	public X509Certificate certificate() {
		return this.certificate;
	}

	/** Key and certificate as {@link PemMaterial}, ready for building key managers. */
	public PemMaterial pemMaterial() {
		return PemMaterial.of(this.privateKey, List.of(this.certificate));
	}

	/** The certificate as PEM text ({@code -----BEGIN CERTIFICATE-----}). */
	public String certificatePem() {
		return pem(this.certificate);
	}

	/** The private key as unencrypted PKCS#8 PEM text ({@code -----BEGIN PRIVATE KEY-----}). */
	public String privateKeyPem() {
		StringWriter text = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
			writer.writeObject(new JcaPKCS8Generator(this.privateKey, null));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return text.toString();
	}

	/**
	 * Writes the certificate and the unencrypted PKCS#8 key as PEM files. The key file is made readable by
	 * the owner only where the file system supports POSIX permissions.
	 * @param certificateFile where to write the certificate
	 * @param privateKeyFile where to write the key
	 * @throws IOException if a file cannot be written
	 */
	public void writePem(Path certificateFile, Path privateKeyFile) throws IOException {
		Files.writeString(certificateFile, certificatePem(), StandardCharsets.US_ASCII);
		Files.writeString(privateKeyFile, privateKeyPem(), StandardCharsets.US_ASCII);
		try {
			Files.setPosixFilePermissions(privateKeyFile, PosixFilePermissions.fromString("rw-------"));
		}
		catch (UnsupportedOperationException ex) {
			// Not a POSIX file system (Windows): keep the default permissions.
		}
	}

	private static String pem(Object object) {
		StringWriter text = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
			writer.writeObject(object);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return text.toString();
	}

}
