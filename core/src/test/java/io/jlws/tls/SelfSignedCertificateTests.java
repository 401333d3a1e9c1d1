package io.jlws.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SelfSignedCertificate}: what the certificate says, and that its PEM files load back and satisfy openssl.
 */
class SelfSignedCertificateTests {

	@TempDir
	Path dir;

	@Test
	void isAnEcP256LocalhostCertificateValidForAYear() throws Exception {
		X509Certificate cert = SelfSignedCertificate.generate().certificate();
		assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
		assertThat(cert.getIssuerX500Principal()).isEqualTo(cert.getSubjectX500Principal());
		assertThat(((ECPublicKey) cert.getPublicKey()).getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
		assertThat(cert.getSubjectAlternativeNames()).containsExactlyInAnyOrder(List.of(2, "localhost"),
				List.of(7, "127.0.0.1"), List.of(7, "0:0:0:0:0:0:0:1"));
		Instant now = Instant.now();
		assertThat(cert.getNotBefore().toInstant()).isBefore(now.minus(Duration.ofHours(23)));
		assertThat(cert.getNotAfter().toInstant()).isAfter(now.plus(Duration.ofDays(364)));
		assertThat(cert.getBasicConstraints()).isEqualTo(-1);
		cert.verify(cert.getPublicKey());
	}

	@Test
	void eachCallGeneratesANewKeyAndSerial() {
		SelfSignedCertificate a = SelfSignedCertificate.generate();
		SelfSignedCertificate b = SelfSignedCertificate.generate();
		assertThat(a.certificate().getSerialNumber()).isNotEqualTo(b.certificate().getSerialNumber()).isPositive();
		assertThat(a.privateKey()).isNotEqualTo(b.privateKey());
	}

	@Test
	void pemFilesLoadBackAndTheKeyIsOwnerOnly() throws IOException {
		SelfSignedCertificate generated = SelfSignedCertificate.generate();
		Path cert = this.dir.resolve("cert.pem");
		Path key = this.dir.resolve("key.pem");
		generated.writePem(cert, key);
		assertThat(Files.readString(cert)).startsWith("-----BEGIN CERTIFICATE-----");
		assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----");
		PemMaterial material = PemMaterial.load(cert, key, null);
		assertThat(material.certificate()).isEqualTo(generated.certificate());
		assertThat(material.privateKey().getEncoded()).isEqualTo(generated.privateKey().getEncoded());
		if (Files.getFileAttributeView(key, java.nio.file.attribute.PosixFileAttributeView.class) != null) {
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
		}
	}

	@Test
	void opensslAcceptsThePemFiles() throws IOException {
		OpenSslCli.assumeAvailable();
		Path cert = this.dir.resolve("cert.pem");
		Path key = this.dir.resolve("key.pem");
		SelfSignedCertificate.generate().writePem(cert, key);
		assertThat(OpenSslCli.run("x509", "-in", cert.toString(), "-noout", "-ext", "subjectAltName"))
			.anyMatch((line) -> line.contains("DNS:localhost") && line.contains("IP Address:127.0.0.1"));
		assertThat(OpenSslCli.succeeds("pkey", "-in", key.toString(), "-noout")).isTrue();
		assertThat(OpenSslCli.succeeds("verify", "-CAfile", cert.toString(), cert.toString())).isTrue();
	}

}
