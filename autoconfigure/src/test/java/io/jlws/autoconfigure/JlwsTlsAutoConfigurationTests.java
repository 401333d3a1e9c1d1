package io.jlws.autoconfigure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.List;
import java.util.Map;

import io.jlws.Context;
import io.jlws.ContextInfo;
import io.jlws.spring.health.JlwsHealthIndicator;
import io.jlws.tls.SelfSignedCertificate;
import io.jlws.tls.TlsSettings;
import io.jlws.tls.TlsSettings.ClientAuth;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the TLS properties of {@link JlwsAutoConfiguration}: {@code jlws.ssl-*} in both spellings, Spring Boot
 * SSL bundles, {@code jlws.client.*}, conflicting settings and unusable TLS material failing startup with the
 * property named.
 */
class JlwsTlsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, JlwsAutoConfiguration.class))
		.withPropertyValues("jlws.port=-1");

	@TempDir
	Path dir;

	private final SelfSignedCertificate server = SelfSignedCertificate.generate();

	private Path cert;

	private Path key;

	@BeforeEach
	void serverFiles() throws IOException {
		this.cert = this.dir.resolve("server.crt");
		this.key = this.dir.resolve("server.key");
		this.server.writePem(this.cert, this.key);
	}

	@Test
	void tlsIsOffByDefault() {
		this.runner.run((context) -> {
			assertThat(info(context).tls()).isNull();
			assertThat(info(context).clientTls()).isNull();
		});
	}

	@Test
	void selfSignedTurnsTlsOn() {
		this.runner.withPropertyValues("jlws.ssl-self-signed=true").run((context) -> {
			TlsSettings tls = info(context).tls();
			assertThat(tls.selfSigned()).isTrue();
			assertThat(tls.certificatePath()).isNull();
			assertThat(tls.minimumProtocol()).isEqualTo("TLSv1.2");
			assertThat(tls.clientAuth()).isEqualTo(ClientAuth.NONE);
		});
	}

	@Test
	void kebabCaseTlsKeysMapOntoTlsSettings() {
		this.runner
			.withPropertyValues("jlws.ssl-cert-filepath=" + this.cert, "jlws.ssl-private-key-filepath=" + this.key,
					"jlws.ssl-cipher-list=ECDHE+AESGCM:!aNULL",
					"jlws.tls13-cipher-list=TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256",
					"jlws.ssl-min-protocol=TLSv1.3", "jlws.ssl-client-auth=required",
					"jlws.ssl-ca-filepath=" + this.cert)
			.run((context) -> {
				TlsSettings tls = info(context).tls();
				assertThat(tls.certificatePath()).isEqualTo(this.cert);
				assertThat(tls.privateKeyPath()).isEqualTo(this.key);
				assertThat(tls.cipherList()).isEqualTo("ECDHE+AESGCM:!aNULL");
				assertThat(tls.tls13CipherList()).isEqualTo("TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256");
				assertThat(tls.minimumProtocol()).isEqualTo("TLSv1.3");
				assertThat(tls.clientAuth()).isEqualTo(ClientAuth.REQUIRED);
				assertThat(tls.caPath()).isEqualTo(this.cert);
				assertThat(tls.selfSigned()).isFalse();
			});
	}

	@Test
	void libwebsocketsUnderscoreTlsKeysMapOntoTlsSettings() {
		this.runner
			.withPropertyValues("jlws.ssl_cert_filepath=" + this.cert, "jlws.ssl_private_key_filepath=" + this.key,
					"jlws.ssl_cipher_list=ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384",
					"jlws.tls13_cipher_list=", "jlws.ssl_client_auth=optional", "jlws.ssl_ca_filepath=" + this.cert)
			.run((context) -> {
				TlsSettings tls = info(context).tls();
				assertThat(tls.certificatePath()).isEqualTo(this.cert);
				assertThat(tls.privateKeyPath()).isEqualTo(this.key);
				assertThat(tls.cipherList()).isEqualTo("ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384");
				assertThat(tls.tls13CipherList()).isEmpty();
				assertThat(tls.clientAuth()).isEqualTo(ClientAuth.OPTIONAL);
				assertThat(tls.caPath()).isEqualTo(this.cert);
			});
	}

	@Test
	void keyInTheCertificateFileNeedsNoKeyProperty() throws IOException {
		Path both = this.dir.resolve("both.pem");
		Files.writeString(both, this.server.certificatePem() + this.server.privateKeyPem());
		this.runner.withPropertyValues("jlws.ssl_cert_filepath=" + both).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(info(context).tls().privateKeyPath()).isNull();
		});
	}

	@Test
	void encryptedKeyLoadsWithItsPassword() throws Exception {
		Path encrypted = encryptedKey("s3cret");
		this.runner
			.withPropertyValues("jlws.ssl-cert-filepath=" + this.cert, "jlws.ssl-private-key-filepath=" + encrypted,
					"jlws.ssl-private-key-password=s3cret")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(info(context).tls().privateKeyPassword()).containsExactly("s3cret".toCharArray());
			});
	}

	@Test
	void wrongKeyPasswordFailsStartupNamingThePasswordProperty() throws Exception {
		Path encrypted = encryptedKey("s3cret");
		this.runner
			.withPropertyValues("jlws.ssl-cert-filepath=" + this.cert, "jlws.ssl-private-key-filepath=" + encrypted,
					"jlws.ssl-private-key-password=wrong")
			.run((context) -> assertStartupFailure(context, "jlws.ssl-private-key-password cannot be used: "
					+ "Private key file " + encrypted + " cannot be decrypted: wrong password?", "(was ******)"));
	}

	@Test
	void encryptedKeyWithoutPasswordFailsStartupNamingThePasswordProperty() throws Exception {
		Path encrypted = encryptedKey("s3cret");
		this.runner
			.withPropertyValues("jlws.ssl-cert-filepath=" + this.cert, "jlws.ssl-private-key-filepath=" + encrypted)
			.run((context) -> assertStartupFailure(context,
					"jlws.ssl-private-key-password cannot be used: Private key file " + encrypted
							+ " is encrypted but no password is configured"));
	}

	@Test
	void unknownCipherNameFailsStartupNamingTheCipherListProperty() {
		this.runner
			.withPropertyValues("jlws.ssl-self-signed=true", "jlws.ssl_cipher_list=ECDHE+AESGCM:NO-SUCH-CIPHER:BOGUS")
			.run((context) -> assertStartupFailure(context,
					"jlws.ssl-cipher-list cannot be used: ssl_cipher_list \"ECDHE+AESGCM:NO-SUCH-CIPHER:BOGUS\": "
							+ "unknown cipher names: NO-SUCH-CIPHER, BOGUS",
					"(was ECDHE+AESGCM:NO-SUCH-CIPHER:BOGUS)"));
	}

	@Test
	void cipherListWithoutUsableSuiteFailsStartupNamingTheCipherListProperty() {
		this.runner.withPropertyValues("jlws.ssl-self-signed=true", "jlws.ssl-cipher-list=RC4-MD5")
			.run((context) -> assertStartupFailure(context, "jlws.ssl-cipher-list cannot be used: ssl_cipher_list "
					+ "\"RC4-MD5\" leaves no cipher suite that the TLS provider supports"));
	}

	@Test
	void unknownTls13SuiteFailsStartupNamingTheTls13Property() {
		this.runner.withPropertyValues("jlws.ssl-self-signed=true", "jlws.tls13-cipher-list=TLS_AES_512_GCM")
			.run((context) -> assertStartupFailure(context, "jlws.tls13-cipher-list cannot be used: "
					+ "tls1_3_plus_cipher_list \"TLS_AES_512_GCM\""));
	}

	@Test
	void noProtocolLeftFailsStartupNamingTheMinProtocolProperty() {
		this.runner
			.withPropertyValues("jlws.ssl-self-signed=true", "jlws.ssl-min-protocol=TLSv1.3",
					"jlws.tls13-cipher-list=")
			.run((context) -> assertStartupFailure(context,
					"jlws.ssl-min-protocol cannot be used: No TLS protocol left"));
	}

	@Test
	void unknownMinProtocolFailsStartup() {
		this.runner.withPropertyValues("jlws.ssl-self-signed=true", "jlws.ssl-min-protocol=SSLv3")
			.run((context) -> assertStartupFailure(context,
					"jlws.ssl-min-protocol must be one of TLSv1.3, TLSv1.2, TLSv1.1, TLSv1 (was SSLv3)"));
	}

	@Test
	void missingCertificateFileFailsStartupNamingTheCertificateProperty() {
		Path missing = this.dir.resolve("missing.crt");
		this.runner.withPropertyValues("jlws.ssl-cert-filepath=" + missing, "jlws.ssl-private-key-filepath=" + this.key)
			.run((context) -> assertStartupFailure(context, "jlws.ssl-cert-filepath cannot be used: Certificate file "
					+ missing + " does not exist", "(was " + missing + ")"));
	}

	@Test
	void unreadablePemFailsStartupNamingTheCertificateProperty() throws IOException {
		Path garbage = Files.writeString(this.dir.resolve("garbage.crt"), "not a certificate\n");
		this.runner
			.withPropertyValues("jlws.ssl-cert-filepath=" + garbage, "jlws.ssl-private-key-filepath=" + this.key)
			.run((context) -> assertStartupFailure(context,
					"jlws.ssl-cert-filepath cannot be used: Certificate file " + garbage + " holds no PEM certificate"));
	}

	@Test
	void missingKeyFileFailsStartupNamingTheKeyProperty() {
		Path missing = this.dir.resolve("missing.key");
		this.runner.withPropertyValues("jlws.ssl-cert-filepath=" + this.cert, "jlws.ssl-private-key-filepath=" + missing)
			.run((context) -> assertStartupFailure(context, "jlws.ssl-private-key-filepath cannot be used: "
					+ "Private key file " + missing + " does not exist"));
	}

	@Test
	void keyOfAnotherCertificateFailsStartupNamingTheKeyProperty() throws IOException {
		Path otherKey = this.dir.resolve("other.key");
		SelfSignedCertificate.generate().writePem(this.dir.resolve("other.crt"), otherKey);
		this.runner
			.withPropertyValues("jlws.ssl-cert-filepath=" + this.cert, "jlws.ssl-private-key-filepath=" + otherKey)
			.run((context) -> assertStartupFailure(context, "jlws.ssl-private-key-filepath cannot be used: "
					+ "Private key in " + otherKey + " does not match the certificate in " + this.cert));
	}

	@Test
	void missingCaFileFailsStartupNamingTheCaProperty() {
		Path missing = this.dir.resolve("missing-ca.crt");
		this.runner
			.withPropertyValues("jlws.ssl-self-signed=true", "jlws.ssl-client-auth=required",
					"jlws.ssl-ca-filepath=" + missing)
			.run((context) -> assertStartupFailure(context,
					"jlws.ssl-ca-filepath cannot be used: CA file " + missing + " does not exist"));
	}

	@Test
	void bundleAndCertificateFileConflict() {
		this.runner
			.withPropertyValues("jlws.ssl-bundle=server", "jlws.ssl-cert-filepath=" + this.cert,
					"spring.ssl.bundle.pem.server.keystore.certificate=file:" + this.cert,
					"spring.ssl.bundle.pem.server.keystore.private-key=file:" + this.key)
			.run((context) -> assertStartupFailure(context,
					"jlws.ssl-bundle must not be set together with jlws.ssl-cert-filepath"));
	}

	@Test
	void bundleAndSelfSignedConflict() {
		this.runner.withPropertyValues("jlws.ssl-bundle=server", "jlws.ssl-self-signed=true")
			.run((context) -> assertStartupFailure(context,
					"jlws.ssl-bundle must not be set together with jlws.ssl-self-signed"));
	}

	@Test
	void certificateFileAndSelfSignedConflict() {
		this.runner.withPropertyValues("jlws.ssl-cert-filepath=" + this.cert, "jlws.ssl-self-signed=true")
			.run((context) -> assertStartupFailure(context,
					"jlws.ssl-self-signed must not be true together with jlws.ssl-cert-filepath"));
	}

	@Test
	void keyWithoutCertificateFailsStartup() {
		this.runner.withPropertyValues("jlws.ssl-private-key-filepath=" + this.key)
			.run((context) -> assertStartupFailure(context,
					"jlws.ssl-private-key-filepath has no effect while TLS is off"));
		this.runner.withPropertyValues("jlws.ssl-self-signed=true", "jlws.ssl-private-key-filepath=" + this.key)
			.run((context) -> assertStartupFailure(context,
					"jlws.ssl-private-key-filepath needs jlws.ssl-cert-filepath"));
	}

	@Test
	void tlsSettingsWithoutTlsFailStartup() {
		this.runner.withPropertyValues("jlws.ssl_cipher_list=HIGH")
			.run((context) -> assertStartupFailure(context, "jlws.ssl-cipher-list has no effect while TLS is off"));
		this.runner.withPropertyValues("jlws.ssl-client-auth=required")
			.run((context) -> assertStartupFailure(context, "jlws.ssl-client-auth has no effect while TLS is off"));
	}

	@Test
	void caFileWithoutClientAuthFailsStartup() {
		this.runner.withPropertyValues("jlws.ssl-self-signed=true", "jlws.ssl-ca-filepath=" + this.cert)
			.run((context) -> assertStartupFailure(context, "jlws.ssl-ca-filepath checks client certificates and has "
					+ "no effect with jlws.ssl-client-auth=none", "jlws.client.ssl-ca-filepath"));
	}

	@Test
	void sslBundleSuppliesKeyManagersAndOptions() {
		this.runner
			.withPropertyValues("jlws.ssl-bundle=server", "spring.ssl.bundle.pem.server.keystore.certificate=file:"
					+ this.cert, "spring.ssl.bundle.pem.server.keystore.private-key=file:" + this.key,
					"spring.ssl.bundle.pem.server.options.enabled-protocols=TLSv1.3,TLSv1.2",
					"spring.ssl.bundle.pem.server.options.ciphers=TLS_AES_128_GCM_SHA256,"
							+ "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256")
			.run((context) -> {
				TlsSettings tls = info(context).tls();
				assertThat(tls.keyManagerFactory()).isNotNull();
				assertThat(tls.certificatePath()).isNull();
				assertThat(tls.trustManagerFactory()).as("no client certificates asked for").isNull();
				assertThat(tls.minimumProtocol()).isEqualTo("TLSv1.2");
				assertThat(tls.tls13CipherList()).isEqualTo("TLS_AES_128_GCM_SHA256");
				assertThat(tls.cipherList()).isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
				assertThat(tls.createServerContext().cipherSuites()).containsExactly("TLS_AES_128_GCM_SHA256",
						"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
			});
	}

	@Test
	void sslBundleProtocolsRestrictTheMinimumAndTls13() {
		this.runner
			.withPropertyValues("jlws.ssl-bundle=server", "spring.ssl.bundle.pem.server.keystore.certificate=file:"
					+ this.cert, "spring.ssl.bundle.pem.server.keystore.private-key=file:" + this.key,
					"spring.ssl.bundle.pem.server.options.enabled-protocols=TLSv1.2")
			.run((context) -> {
				TlsSettings tls = info(context).tls();
				assertThat(tls.minimumProtocol()).isEqualTo("TLSv1.2");
				assertThat(tls.tls13CipherList()).as("TLS 1.3 off").isEmpty();
				assertThat(tls.createServerContext().protocols()).containsExactly("TLSv1.2");
			});
		this.runner
			.withPropertyValues("jlws.ssl-bundle=server", "spring.ssl.bundle.pem.server.keystore.certificate=file:"
					+ this.cert, "spring.ssl.bundle.pem.server.keystore.private-key=file:" + this.key,
					"spring.ssl.bundle.pem.server.options.enabled-protocols=TLSv1.3")
			.run((context) -> assertThat(info(context).tls().createServerContext().protocols())
				.containsExactly("TLSv1.3"));
	}

	@Test
	void sslBundleTrustChecksClientCertificatesWhenAsked() {
		this.runner
			.withPropertyValues("jlws.ssl-bundle=server", "jlws.ssl-client-auth=required",
					"spring.ssl.bundle.pem.server.keystore.certificate=file:" + this.cert,
					"spring.ssl.bundle.pem.server.keystore.private-key=file:" + this.key,
					"spring.ssl.bundle.pem.server.truststore.certificate=file:" + this.cert)
			.run((context) -> {
				assertThat(info(context).tls().trustManagerFactory()).isNotNull();
				assertThat(info(context).tls().clientAuth()).isEqualTo(ClientAuth.REQUIRED);
			});
	}

	@Test
	void unknownSslBundleFailsStartupNamingTheBundleProperty() {
		this.runner.withPropertyValues("jlws.ssl-bundle=nope")
			.run((context) -> assertStartupFailure(context,
					"jlws.ssl-bundle names no SSL bundle: define spring.ssl.bundle.pem.nope.*"));
	}

	@Test
	void sslBundleWithoutKeyStoreFailsStartup() {
		this.runner
			.withPropertyValues("jlws.ssl-bundle=trust-only",
					"spring.ssl.bundle.pem.trust-only.truststore.certificate=file:" + this.cert)
			.run((context) -> assertStartupFailure(context, "jlws.ssl-bundle names an SSL bundle without a key store"));
	}

	@Test
	void sslBundleCiphersAndCipherListConflict() {
		this.runner
			.withPropertyValues("jlws.ssl-bundle=server", "jlws.ssl-cipher-list=HIGH",
					"spring.ssl.bundle.pem.server.keystore.certificate=file:" + this.cert,
					"spring.ssl.bundle.pem.server.keystore.private-key=file:" + this.key,
					"spring.ssl.bundle.pem.server.options.ciphers=TLS_AES_128_GCM_SHA256")
			.run((context) -> assertStartupFailure(context,
					"jlws.ssl-bundle names an SSL bundle with ciphers, which must not be combined with "
							+ "jlws.ssl-cipher-list"));
	}

	@Test
	void sslBundleWithUnknownCipherFailsStartupNamingTheBundle() {
		this.runner
			.withPropertyValues("jlws.ssl-bundle=server",
					"spring.ssl.bundle.pem.server.keystore.certificate=file:" + this.cert,
					"spring.ssl.bundle.pem.server.keystore.private-key=file:" + this.key,
					"spring.ssl.bundle.pem.server.options.ciphers=TLS_ECDHE_ECDSA_WITH_NOTHING")
			.run((context) -> assertStartupFailure(context, "jlws.ssl-bundle cannot be used",
					"unknown cipher names: TLS_ECDHE_ECDSA_WITH_NOTHING", "(was server)"));
	}

	@Test
	void clientCaFileMapsOntoClientTls() {
		this.runner.withPropertyValues("jlws.client.ssl_ca_filepath=" + this.cert).run((context) -> {
			assertThat(info(context).tls()).isNull();
			assertThat(info(context).clientTls().caPath()).isEqualTo(this.cert);
		});
	}

	@Test
	void clientSslBundleMapsOntoClientTls() {
		this.runner
			.withPropertyValues("jlws.client.ssl-bundle=peers",
					"spring.ssl.bundle.pem.peers.truststore.certificate=file:" + this.cert)
			.run((context) -> {
				assertThat(info(context).clientTls().trustManagerFactory()).isNotNull();
				assertThat(info(context).clientTls().keyManagerFactory()).isNull();
			});
	}

	@Test
	void missingClientCaFileFailsStartupNamingTheClientProperty() {
		Path missing = this.dir.resolve("missing-ca.crt");
		this.runner.withPropertyValues("jlws.client.ssl-ca-filepath=" + missing)
			.run((context) -> assertStartupFailure(context,
					"jlws.client.ssl-ca-filepath cannot be used: CA file " + missing + " does not exist"));
	}

	@Test
	void clientCaFileAndBundleConflict() {
		this.runner
			.withPropertyValues("jlws.client.ssl-ca-filepath=" + this.cert, "jlws.client.ssl-bundle=peers",
					"spring.ssl.bundle.pem.peers.truststore.certificate=file:" + this.cert)
			.run((context) -> assertStartupFailure(context,
					"jlws.client.ssl-bundle must not be set together with jlws.client.ssl-ca-filepath"));
	}

	@Test
	void healthDetailsSayWhetherTlsIsOnAndWithWhichProtocols() {
		this.runner.withPropertyValues("jlws.ssl-self-signed=true", "jlws.ssl-min-protocol=TLSv1.3")
			.run((context) -> {
				Map<String, Object> details = health(context);
				assertThat(details).containsEntry("tls", true)
					.containsEntry("tlsProtocols", List.of("TLSv1.3"))
					.containsEntry("tlsClientAuth", "none");
				assertThat((Integer) details.get("tlsCipherSuites")).isPositive();
			});
		this.runner.run((context) -> assertThat(health(context)).containsEntry("tls", false)
			.doesNotContainKey("tlsProtocols"));
	}

	private static Map<String, Object> health(AssertableApplicationContext context) {
		Health health = new JlwsHealthIndicator(context.getBean(Context.class)).health(true);
		return health.getDetails();
	}

	private Path encryptedKey(String password) throws Exception {
		Path file = this.dir.resolve("encrypted.key");
		PrivateKey privateKey = this.server.privateKey();
		try (JcaPEMWriter writer = new JcaPEMWriter(Files.newBufferedWriter(file, StandardCharsets.US_ASCII))) {
			writer.writeObject(new JcaPKCS8Generator(privateKey,
					new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC).setProvider(new BouncyCastleProvider())
						.setPassword(password.toCharArray())
						.build()));
		}
		return file;
	}

	private static ContextInfo info(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed();
		return context.getBean(Context.class).info();
	}

	private static void assertStartupFailure(AssertableApplicationContext context, String... messages) {
		assertThat(context).hasFailed();
		Throwable failure = context.getStartupFailure();
		while (failure != null && !(failure instanceof InvalidJlwsPropertyException)) {
			failure = failure.getCause();
		}
		assertThat(failure).as("InvalidJlwsPropertyException in %s", context.getStartupFailure()).isNotNull();
		assertThat(failure.getMessage()).contains(messages);
	}

}
