package io.jlws.sample.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

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
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A test CA and a server certificate it signed, for {@code localhost}, {@code 127.0.0.1} and {@code ::1}, written as
 * PEM files once per test JVM: {@link #ca()} for clients that verify (Python's ssl module, the jlws client),
 * {@link #certificate()} (leaf, then the CA) and {@link #privateKey()} for servers (the sample app through
 * {@code jlws.ssl-*}, libwebsockets' test server through {@code --ssl-cert}/{@code --ssl-key}). EC P-256 with
 * SHA-256 signatures: accepted by OpenSSL 3 at its default security level, unlike the 1024-bit test certificate
 * Debian's libwebsockets-test-server ships.
 */
final class TestCertificates {

	private static final TestCertificates INSTANCE = create();

	private final Path dir;

	private TestCertificates(Path dir) {
		this.dir = dir;
	}

	/** The certificates, generated on first use into a temporary directory removed when the JVM exits. */
	static TestCertificates get() {
		return INSTANCE;
	}

	/** The CA certificate (PEM). */
	Path ca() {
		return this.dir.resolve("ca.pem");
	}

	/** The server's certificate chain: leaf first, then the CA (PEM). */
	Path certificate() {
		return this.dir.resolve("server.pem");
	}

	/** The server's private key, unencrypted PKCS#8 (PEM). */
	Path privateKey() {
		return this.dir.resolve("server.key");
	}

	private static TestCertificates create() {
		try {
			Path dir = Files.createTempDirectory("jlws-sample-tls");
			KeyPair caKey = ecKey();
			X500Name caName = new X500Name("CN=jlws sample test CA");
			Instant now = Instant.now();
			Date from = Date.from(now.minus(Duration.ofDays(1)));
			Date to = Date.from(now.plus(Duration.ofDays(30)));
			JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
			X509v3CertificateBuilder caBuilder = new JcaX509v3CertificateBuilder(caName, serial(), from, to, caName,
					caKey.getPublic());
			caBuilder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
			caBuilder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
			caBuilder.addExtension(Extension.subjectKeyIdentifier, false,
					extensions.createSubjectKeyIdentifier(caKey.getPublic()));
			X509Certificate ca = sign(caBuilder, caKey);

			KeyPair serverKey = ecKey();
			X509v3CertificateBuilder serverBuilder = new JcaX509v3CertificateBuilder(caName, serial(), from, to,
					new X500Name("CN=localhost"), serverKey.getPublic());
			serverBuilder.addExtension(Extension.subjectAlternativeName, false,
					new GeneralNames(new GeneralName[] { new GeneralName(GeneralName.dNSName, "localhost"),
							new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
							new GeneralName(GeneralName.iPAddress, "::1") }));
			serverBuilder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
			serverBuilder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
			serverBuilder.addExtension(Extension.extendedKeyUsage, false,
					new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
			serverBuilder.addExtension(Extension.authorityKeyIdentifier, false,
					extensions.createAuthorityKeyIdentifier(ca));
			X509Certificate server = sign(serverBuilder, caKey);

			TestCertificates certificates = new TestCertificates(dir);
			Files.writeString(certificates.ca(), pem(ca), StandardCharsets.US_ASCII);
			Files.writeString(certificates.certificate(), pem(server) + pem(ca), StandardCharsets.US_ASCII);
			Files.writeString(certificates.privateKey(), pem(new JcaPKCS8Generator(serverKey.getPrivate(), null)),
					StandardCharsets.US_ASCII);
			// deleted in reverse order: the files, then the directory
			for (Path file : new Path[] { dir, certificates.ca(), certificates.certificate(),
					certificates.privateKey() }) {
				file.toFile().deleteOnExit();
			}
			return certificates;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot generate the test certificates", ex);
		}
	}

	private static KeyPair ecKey() throws GeneralSecurityException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		return generator.generateKeyPair();
	}

	private static BigInteger serial() {
		return new BigInteger(127, new SecureRandom());
	}

	private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer) throws Exception {
		return new JcaX509CertificateConverter()
			.getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
	}

	private static String pem(Object object) throws IOException {
		StringWriter text = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
			writer.writeObject(object);
		}
		return text.toString();
	}

}
