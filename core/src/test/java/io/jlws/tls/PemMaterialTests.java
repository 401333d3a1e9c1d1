package io.jlws.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.util.List;

import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.X509TrustManager;

import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jlws.tls.TlsConfigException.Kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link PemMaterial} loading every key format it supports, written in the test with bcpkix, and the failures
 * that must name the file.
 */
class PemMaterialTests {

	private static final char[] PASSWORD = "s3cret".toCharArray();

	@TempDir
	Path dir;

	private KeyPair rsa;

	private X509Certificate rsaCert;

	private Path rsaCertFile;

	@BeforeEach
	void rsaCertificate() throws Exception {
		this.rsa = TestKeys.rsa();
		this.rsaCert = TestKeys.certificate(this.rsa, "rsa.test");
		this.rsaCertFile = this.dir.resolve("rsa.crt");
		TestKeys.writePem(this.rsaCertFile, this.rsaCert);
	}

	@Test
	void loadsPkcs1RsaKey() throws Exception {
		Path key = this.dir.resolve("rsa-pkcs1.key");
		assertThat(TestKeys.writePem(key, this.rsa.getPrivate())).startsWith("-----BEGIN RSA PRIVATE KEY-----");
		assertLoads(key, null, this.rsaCert);
	}

	@Test
	void loadsPkcs8RsaKey() throws Exception {
		Path key = this.dir.resolve("rsa-pkcs8.key");
		assertThat(TestKeys.writePem(key, new JcaPKCS8Generator(this.rsa.getPrivate(), null)))
			.startsWith("-----BEGIN PRIVATE KEY-----");
		assertLoads(key, null, this.rsaCert);
	}

	@Test
	void loadsEncryptedPkcs8RsaKey() throws Exception {
		Path key = encryptedPkcs8(this.rsa);
		assertLoads(key, PASSWORD, this.rsaCert);
	}

	@Test
	void loadsTraditionalOpenSslEncryptedRsaKey() throws Exception {
		Path key = traditionalEncrypted(this.rsa);
		assertThat(Files.readString(key)).contains("Proc-Type: 4,ENCRYPTED");
		assertLoads(key, PASSWORD, this.rsaCert);
	}

	@Test
	void loadsSec1EcKeyAndIgnoresAPasswordForAPlainKey() throws Exception {
		KeyPair ec = TestKeys.ec();
		X509Certificate cert = TestKeys.certificate(ec, "ec.test");
		Path certFile = this.dir.resolve("ec.crt");
		TestKeys.writePem(certFile, cert);
		Path key = this.dir.resolve("ec.key");
		assertThat(TestKeys.writePem(key, TestKeys.sec1(ec.getPrivate()))).startsWith("-----BEGIN EC PRIVATE KEY-----");
		PemMaterial material = PemMaterial.load(certFile, key, PASSWORD);
		assertThat(((ECPrivateKey) material.privateKey()).getS()).isEqualTo(((ECPrivateKey) ec.getPrivate()).getS());
		assertThat(material.certificate()).isEqualTo(cert);
	}

	@Test
	void loadsKeysWrittenByTheOpenSslTool() throws IOException {
		OpenSslCli.assumeAvailable();
		Path cert = this.dir.resolve("ossl.crt");
		Path ecKey = this.dir.resolve("ossl-ec.key");
		Path encrypted = this.dir.resolve("ossl-enc.key");
		// "ecparam -genkey" writes an EC PARAMETERS block before the EC PRIVATE KEY.
		assertThat(OpenSslCli.succeeds("ecparam", "-name", "prime256v1", "-genkey", "-out", ecKey.toString())).isTrue();
		assertThat(OpenSslCli.succeeds("req", "-x509", "-new", "-key", ecKey.toString(), "-subj", "/CN=ossl",
				"-days", "1", "-out", cert.toString()))
			.isTrue();
		assertThat(OpenSslCli.succeeds("pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", ecKey.toString(), "-out",
				encrypted.toString(), "-passout", "pass:s3cret"))
			.isTrue();
		assertThat(Files.readString(ecKey)).contains("EC PARAMETERS");
		assertThat(PemMaterial.load(cert, ecKey, null).certificate().getSubjectX500Principal().getName())
			.isEqualTo("CN=ossl");
		assertThat(PemMaterial.load(cert, encrypted, PASSWORD).privateKey().getAlgorithm()).isEqualTo("EC");
	}

	@Test
	void loadsAChainAndAKeyFromTheCertificateFile() throws Exception {
		X509Certificate other = TestKeys.certificate(TestKeys.ec(), "intermediate.test");
		Path combined = this.dir.resolve("combined.pem");
		TestKeys.writePem(combined, this.rsaCert, other, this.rsa.getPrivate());
		PemMaterial material = PemMaterial.load(combined, combined, null);
		assertThat(material.certificateChain()).containsExactly(this.rsaCert, other);
	}

	@Test
	void keyManagerOfTheTlsProviderServesTheKeyAndChain() throws Exception {
		Path key = this.dir.resolve("rsa.key");
		TestKeys.writePem(key, this.rsa.getPrivate());
		X509KeyManager manager = PemMaterial.load(this.rsaCertFile, key, null).keyManager(TlsSettings.defaultProvider());
		String alias = manager.chooseServerAlias("RSA", null, null);
		assertThat(alias).isNotNull();
		assertThat(manager.getCertificateChain(alias)).containsExactly(this.rsaCert);
		assertThat(manager.getPrivateKey(alias)).isEqualTo(this.rsa.getPrivate());
	}

	@Test
	void caBundleBecomesATrustStore() throws Exception {
		X509Certificate second = TestKeys.certificate(TestKeys.ec(), "second-ca.test");
		Path bundle = this.dir.resolve("ca.pem");
		TestKeys.writePem(bundle, this.rsaCert, second);
		KeyStore store = PemMaterial.loadTrustStore(bundle);
		assertThat(store.size()).isEqualTo(2);
		TrustManagerFactory factory = PemMaterial.trustManagerFactory(store, TlsSettings.defaultProvider());
		X509TrustManager trust = (X509TrustManager) factory.getTrustManagers()[0];
		assertThat(trust.getAcceptedIssuers()).containsExactlyInAnyOrder(this.rsaCert, second);
	}

	@Test
	void missingFileIsNamed() {
		Path missing = this.dir.resolve("nope.crt");
		assertFails(() -> PemMaterial.loadCertificates(missing), Kind.FILE_NOT_READABLE, missing, "does not exist");
		assertFails(() -> PemMaterial.loadTrustStore(missing), Kind.FILE_NOT_READABLE, missing, "CA file");
	}

	@Test
	void fileWithoutCertificateIsRejected() throws IOException {
		Path key = this.dir.resolve("only-key.pem");
		TestKeys.writePem(key, this.rsa.getPrivate());
		assertFails(() -> PemMaterial.loadCertificates(key), Kind.NO_CERTIFICATE, key, "holds no PEM certificate");
		Path binary = this.dir.resolve("cert.der");
		Files.write(binary, new byte[] { 0x30, (byte) 0x82, 0x01, 0x00, 0x7f });
		assertFails(() -> PemMaterial.loadCertificates(binary), Kind.NO_CERTIFICATE, binary, "no PEM certificate");
	}

	@Test
	void fileWithoutPrivateKeyIsRejected() throws IOException {
		assertFails(() -> PemMaterial.loadPrivateKey(this.rsaCertFile, null), Kind.NO_PRIVATE_KEY, this.rsaCertFile,
				"holds no PEM private key");
		Path publicKey = this.dir.resolve("public.pem");
		TestKeys.writePem(publicKey, this.rsa.getPublic());
		assertFails(() -> PemMaterial.loadPrivateKey(publicKey, null), Kind.NO_PRIVATE_KEY, publicKey, "public key");
	}

	@Test
	void unsupportedPemContentIsRejected() throws IOException {
		Path crl = this.dir.resolve("weird.pem");
		Files.writeString(crl, "-----BEGIN CERTIFICATE REQUEST-----\nMAA=\n-----END CERTIFICATE REQUEST-----\n");
		assertThatExceptionOfType(TlsConfigException.class).isThrownBy(() -> PemMaterial.loadPrivateKey(crl, null))
			.withMessageContaining(crl.toString());
	}

	@Test
	void encryptedKeyWithoutPasswordIsRejected() throws Exception {
		Path key = encryptedPkcs8(this.rsa);
		assertFails(() -> PemMaterial.load(this.rsaCertFile, key, null), Kind.PASSWORD_REQUIRED, key, "no password");
	}

	@Test
	void wrongPasswordIsRejectedForBothEncryptedFormats() throws Exception {
		char[] wrong = "wrong".toCharArray();
		Path pkcs8 = encryptedPkcs8(this.rsa);
		assertFails(() -> PemMaterial.load(this.rsaCertFile, pkcs8, wrong), Kind.WRONG_PASSWORD, pkcs8, "wrong password");
		Path traditional = traditionalEncrypted(this.rsa);
		assertFails(() -> PemMaterial.load(this.rsaCertFile, traditional, wrong), Kind.WRONG_PASSWORD, traditional,
				"wrong password");
	}

	@Test
	void keyOfAnotherPairIsRejectedNamingBothFiles() throws Exception {
		Path otherRsa = this.dir.resolve("other-rsa.key");
		TestKeys.writePem(otherRsa, TestKeys.rsa().getPrivate());
		assertFails(() -> PemMaterial.load(this.rsaCertFile, otherRsa, null), Kind.KEY_MISMATCH, otherRsa,
				this.rsaCertFile.toString());
		Path ecKey = this.dir.resolve("ec-for-rsa.key");
		TestKeys.writePem(ecKey, new JcaPKCS8Generator(TestKeys.ec().getPrivate(), null));
		assertFails(() -> PemMaterial.load(this.rsaCertFile, ecKey, null), Kind.KEY_MISMATCH, ecKey, "does not match");
		SelfSignedCertificate a = SelfSignedCertificate.generate();
		SelfSignedCertificate b = SelfSignedCertificate.generate();
		assertThatExceptionOfType(TlsConfigException.class)
			.isThrownBy(() -> PemMaterial.of(a.privateKey(), List.of(b.certificate())))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(Kind.KEY_MISMATCH));
	}

	private void assertLoads(Path key, char[] password, X509Certificate cert) {
		PemMaterial material = PemMaterial.load(this.rsaCertFile, key, password);
		assertThat(material.certificate()).isEqualTo(cert);
		assertThat(material.privateKey().getEncoded()).isEqualTo(this.rsa.getPrivate().getEncoded());
	}

	private Path encryptedPkcs8(KeyPair pair) throws Exception {
		Path key = this.dir.resolve("encrypted-pkcs8.key");
		String pem = TestKeys.writePem(key, new JcaPKCS8Generator(pair.getPrivate(),
				new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC).setProvider(BcProviders.jca())
					.setPassword(PASSWORD)
					.build()));
		assertThat(pem).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
		return key;
	}

	private Path traditionalEncrypted(KeyPair pair) throws IOException {
		Path key = this.dir.resolve("traditional.key");
		try (JcaPEMWriter writer = new JcaPEMWriter(Files.newBufferedWriter(key))) {
			writer.writeObject(pair.getPrivate(),
					new JcePEMEncryptorBuilder("AES-256-CBC").setProvider(BcProviders.jca()).build(PASSWORD));
		}
		return key;
	}

	private static void assertFails(Runnable action, Kind kind, Path file, String messagePart) {
		assertThatExceptionOfType(TlsConfigException.class).isThrownBy(action::run)
			.withMessageContaining(file.toString())
			.withMessageContaining(messagePart)
			.satisfies((ex) -> {
				assertThat(ex.kind()).isEqualTo(kind);
				assertThat(ex.file()).isEqualTo(file);
			});
	}

}
