package io.jlws.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jlws.tls.TlsConfigException.Kind;
import io.jlws.tls.TlsSettings.ClientAuth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link TlsSettings} with ready-made JSSE factories instead of PEM files, as a Spring Boot SSL bundle hands them
 * over: the JDK's own (SunJSSE) key and trust manager factories over in-memory key stores, used by BouncyCastle's
 * JSSE engines, with real in-memory handshakes.
 */
class TlsSettingsManagerFactoryTests {

	private static final char[] PASSWORD = "secret".toCharArray();

	@TempDir
	Path dir;

	private final SelfSignedCertificate server = SelfSignedCertificate.generate();

	@Test
	void serverKeyManagerFactoryAndClientTrustManagerFactoryHandshake() throws Exception {
		TlsContext serverContext = TlsSettings.builder()
			.keyManagerFactory(keyManagerFactory(this.server))
			.build()
			.createServerContext();
		TlsContext clientContext = TlsSettings.builder()
			.trustManagerFactory(trustManagerFactory(this.server))
			.build()
			.createClientContext();
		SSLEngine serverEngine = serverContext.newServerEngine();
		EngineHandshake.run(clientContext.newClientEngine("localhost", 443), serverEngine);
		assertThat(serverEngine.getSession().getProtocol()).isEqualTo("TLSv1.3");
		assertThat(serverContext.certificate()).contains(this.server.certificate());
		assertThat(serverContext.notes()).isEmpty();
	}

	@Test
	void jdkKeyManagerServesTls12ForEcdsa() throws Exception {
		TlsContext serverContext = TlsSettings.builder()
			.keyManagerFactory(keyManagerFactory(this.server))
			.tls13CipherList("")
			.build()
			.createServerContext();
		SSLEngine serverEngine = serverContext.newServerEngine();
		EngineHandshake.run(trustingClient().newClientEngine("localhost", 443), serverEngine);
		assertThat(serverEngine.getSession().getProtocol()).isEqualTo("TLSv1.2");
		assertThat(serverEngine.getSession().getCipherSuite()).startsWith("TLS_ECDHE_ECDSA_");
	}

	@Test
	void jdkKeyManagerServesRsaKeysOverTls13AndTls12() throws Exception {
		KeyPair rsa = TestKeys.rsa();
		X509Certificate certificate = TestKeys.certificate(rsa, "localhost");
		KeyManagerFactory keys = keyManagerFactory(rsa.getPrivate(), certificate);
		for (String tls13 : new String[] { null, "" }) {
			TlsContext serverContext = TlsSettings.builder()
				.keyManagerFactory(keys)
				.tls13CipherList(tls13)
				.build()
				.createServerContext();
			assertThat(serverContext.certificate()).contains(certificate);
			SSLEngine serverEngine = serverContext.newServerEngine();
			EngineHandshake.run(trustingClient().newClientEngine("localhost", 443), serverEngine);
			assertThat(serverEngine.getSession().getProtocol()).isEqualTo((tls13 == null) ? "TLSv1.3" : "TLSv1.2");
			assertThat(serverEngine.getSession().getLocalCertificates()[0]).isEqualTo(certificate);
		}
	}

	@Test
	void jdkKeyManagerServesP384KeysOverTls13() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp384r1"));
		KeyPair ec = generator.generateKeyPair();
		X509Certificate certificate = TestKeys.certificate(ec, "localhost");
		TlsContext serverContext = TlsSettings.builder()
			.keyManagerFactory(keyManagerFactory(ec.getPrivate(), certificate))
			.build()
			.createServerContext();
		SSLEngine serverEngine = serverContext.newServerEngine();
		EngineHandshake.run(trustingClient().newClientEngine("localhost", 443), serverEngine);
		assertThat(serverEngine.getSession().getProtocol()).isEqualTo("TLSv1.3");
		assertThat(serverEngine.getSession().getLocalCertificates()[0]).isEqualTo(certificate);
	}

	@Test
	void clientTrustManagerFactoryWithoutTheServerCertificateRejectsIt() throws Exception {
		TlsContext serverContext = TlsSettings.builder()
			.keyManagerFactory(keyManagerFactory(this.server))
			.build()
			.createServerContext();
		TlsContext clientContext = TlsSettings.builder()
			.trustManagerFactory(trustManagerFactory(SelfSignedCertificate.generate()))
			.build()
			.createClientContext();
		assertThatExceptionOfType(SSLException.class).isThrownBy(() -> EngineHandshake
			.run(clientContext.newClientEngine("localhost", 443), serverContext.newServerEngine()));
	}

	@Test
	void keyManagerFactoryTakesPrecedenceOverSelfSigned() throws Exception {
		TlsContext serverContext = TlsSettings.builder()
			.keyManagerFactory(keyManagerFactory(this.server))
			.selfSigned(true)
			.build()
			.createServerContext();
		assertThat(serverContext.certificate()).contains(this.server.certificate());
	}

	@Test
	void serverTrustManagerFactoryChecksRequiredClientCertificates() throws Exception {
		SelfSignedCertificate client = SelfSignedCertificate.generate();
		TlsContext serverContext = TlsSettings.builder()
			.keyManagerFactory(keyManagerFactory(this.server))
			.trustManagerFactory(trustManagerFactory(client))
			.clientAuth(ClientAuth.REQUIRED)
			.build()
			.createServerContext();
		TlsSettings.Builder clientSettings = TlsSettings.builder().trustManagerFactory(trustManagerFactory(this.server));
		TlsContext withCertificate = clientSettings.keyManagerFactory(keyManagerFactory(client))
			.build()
			.createClientContext();
		assertThat(withCertificate.certificate()).contains(client.certificate());
		SSLEngine serverEngine = serverContext.newServerEngine();
		EngineHandshake.run(withCertificate.newClientEngine("localhost", 443), serverEngine);
		assertThat(serverEngine.getSession().getPeerCertificates()[0]).isEqualTo(client.certificate());
		TlsContext withoutCertificate = TlsSettings.builder()
			.trustManagerFactory(trustManagerFactory(this.server))
			.build()
			.createClientContext();
		assertThatExceptionOfType(SSLException.class).isThrownBy(() -> EngineHandshake
			.run(withoutCertificate.newClientEngine("localhost", 443), serverContext.newServerEngine()));
	}

	@Test
	void cipherListsAndMinimumProtocolStillApply() throws Exception {
		TlsContext serverContext = TlsSettings.builder()
			.keyManagerFactory(keyManagerFactory(this.server))
			.cipherList("ECDHE-ECDSA-AES256-GCM-SHA384")
			.tls13CipherList("")
			.build()
			.createServerContext();
		assertThat(serverContext.protocols()).containsExactly("TLSv1.2");
		assertThat(serverContext.cipherSuites()).containsExactly("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384");
	}

	@Test
	void keyManagerFactoryAndCertificateFileAreRejectedTogether() throws Exception {
		Path cert = this.dir.resolve("server.crt");
		this.server.writePem(cert, this.dir.resolve("server.key"));
		KeyManagerFactory keys = keyManagerFactory(this.server);
		assertThatExceptionOfType(TlsConfigException.class)
			.isThrownBy(() -> TlsSettings.builder().keyManagerFactory(keys).certificatePath(cert).build())
			.withMessageContaining("ssl_cert_filepath")
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(Kind.INVALID_SETTING));
	}

	@Test
	void trustManagerFactoryAndCaFileAreRejectedTogether() throws Exception {
		Path ca = this.dir.resolve("ca.crt");
		this.server.writePem(ca, this.dir.resolve("ca.key"));
		TrustManagerFactory trust = trustManagerFactory(this.server);
		assertThatExceptionOfType(TlsConfigException.class)
			.isThrownBy(() -> TlsSettings.builder().trustManagerFactory(trust).caPath(ca).build())
			.withMessageContaining("ssl_ca_filepath")
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(Kind.INVALID_SETTING));
	}

	@Test
	void toBuilderKeepsTheFactories() throws Exception {
		KeyManagerFactory keys = keyManagerFactory(this.server);
		TrustManagerFactory trust = trustManagerFactory(this.server);
		TlsSettings settings = TlsSettings.builder().keyManagerFactory(keys).trustManagerFactory(trust).build();
		TlsSettings copy = settings.toBuilder().trustAll(true).build();
		assertThat(copy.keyManagerFactory()).isSameAs(keys);
		assertThat(copy.trustManagerFactory()).isSameAs(trust);
		assertThat(copy.toString()).contains("keyManagerFactory=" + keys.getAlgorithm(),
				"trustManagerFactory=" + trust.getAlgorithm());
	}

	private static TlsContext trustingClient() {
		return TlsSettings.builder().trustAll(true).build().createClientContext();
	}

	/** The JDK's default key manager factory (SunJSSE) over a PKCS#12 store holding the key and certificate. */
	private static KeyManagerFactory keyManagerFactory(SelfSignedCertificate certificate)
			throws GeneralSecurityException, IOException {
		return keyManagerFactory(certificate.privateKey(), certificate.certificate());
	}

	private static KeyManagerFactory keyManagerFactory(PrivateKey key, X509Certificate certificate)
			throws GeneralSecurityException, IOException {
		KeyStore store = KeyStore.getInstance("PKCS12");
		store.load(null, null);
		store.setKeyEntry("server", key, PASSWORD, new Certificate[] { certificate });
		KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		factory.init(store, PASSWORD);
		return factory;
	}

	/** The JDK's default trust manager factory (SunJSSE PKIX) trusting exactly {@code certificate}. */
	private static TrustManagerFactory trustManagerFactory(SelfSignedCertificate certificate)
			throws GeneralSecurityException, IOException {
		KeyStore store = KeyStore.getInstance("PKCS12");
		store.load(null, null);
		store.setCertificateEntry("trusted", certificate.certificate());
		TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		factory.init(store);
		return factory;
	}

}
