package io.jlws.tls;

import java.io.IOException;
import java.nio.file.Path;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jlws.tls.TlsSettings.ClientAuth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Real handshakes between a server and a client {@link SSLEngine} from {@link TlsSettings}, on BouncyCastle's
 * JSSE provider, in memory: the server's self-signed certificate goes through PEM files and
 * {@link PemMaterial}, the client trusts that file as its CA.
 *
 * <p>BouncyCastle's engine reports a failed handshake as a plain {@link SSLException} carrying the TLS alert
 * ({@code handshake_failure(40)}, {@code certificate_unknown(46)}), not as {@code SSLHandshakeException} like
 * SunJSSE, so the failures are asserted by alert.
 */
class TlsHandshakeTests {

	private static final String ECDSA_GCM_ONLY = "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384";

	@TempDir
	Path dir;

	private Path cert;

	private Path key;

	@BeforeEach
	void serverCertificate() throws IOException {
		this.cert = this.dir.resolve("server.crt");
		this.key = this.dir.resolve("server.key");
		SelfSignedCertificate.generate().writePem(this.cert, this.key);
	}

	@Test
	void restrictedCipherListNegotiatesAListedSuiteOverTls12WhenTls13IsDisabled() throws SSLException {
		TlsContext server = server().cipherList(ECDSA_GCM_ONLY).tls13CipherList("").build().createServerContext();
		SSLEngine serverEngine = server.newServerEngine();
		SSLEngine clientEngine = client().build().createClientContext().newClientEngine("localhost", 443);
		EngineHandshake.run(clientEngine, serverEngine);
		assertThat(server.protocols()).containsExactly("TLSv1.2");
		assertThat(serverEngine.getSession().getProtocol()).isEqualTo("TLSv1.2");
		assertThat(serverEngine.getSession().getCipherSuite()).isIn(server.cipherSuites())
			.isIn("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384");
		assertThat(clientEngine.getSession().getCipherSuite()).isEqualTo(serverEngine.getSession().getCipherSuite());
	}

	@Test
	void serverPreferenceOrderPicksTheFirstListedSuite() throws SSLException {
		TlsContext server = server().cipherList("ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-ECDSA-AES128-GCM-SHA256")
			.tls13CipherList("")
			.build()
			.createServerContext();
		SSLEngine serverEngine = server.newServerEngine();
		EngineHandshake.run(client().build().createClientContext().newClientEngine("localhost", 443), serverEngine);
		assertThat(serverEngine.getSession().getCipherSuite()).isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384");
	}

	@Test
	void tls13IsNegotiatedByDefaultWithTheConfiguredTls13Suite() throws SSLException {
		TlsContext server = server().cipherList(ECDSA_GCM_ONLY)
			.tls13CipherList("TLS_CHACHA20_POLY1305_SHA256")
			.build()
			.createServerContext();
		SSLEngine serverEngine = server.newServerEngine();
		EngineHandshake.run(client().build().createClientContext().newClientEngine("localhost", 443), serverEngine);
		assertThat(serverEngine.getSession().getProtocol()).isEqualTo("TLSv1.3");
		assertThat(serverEngine.getSession().getCipherSuite()).isEqualTo("TLS_CHACHA20_POLY1305_SHA256");
	}

	@Test
	void minimumTls13RejectsATls12OnlyClient() throws SSLException {
		TlsContext server = server().minimumProtocol("TLSv1.3").build().createServerContext();
		assertThat(server.protocols()).containsExactly("TLSv1.3");
		SSLEngine clientEngine = client().build().createClientContext().newClientEngine("localhost", 443);
		clientEngine.setEnabledProtocols(new String[] { "TLSv1.2" });
		assertThatExceptionOfType(SSLException.class)
			.isThrownBy(() -> EngineHandshake.run(clientEngine, server.newServerEngine()));
	}

	@Test
	void clientOfferingOnlyExcludedSuitesFailsTheHandshake() {
		TlsContext server = server().cipherList(ECDSA_GCM_ONLY).tls13CipherList("").build().createServerContext();
		SSLEngine clientEngine = client().build().createClientContext().newClientEngine("localhost", 443);
		clientEngine.setEnabledCipherSuites(new String[] { "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384" });
		clientEngine.setEnabledProtocols(new String[] { "TLSv1.2" });
		assertThatExceptionOfType(SSLException.class)
			.isThrownBy(() -> EngineHandshake.run(clientEngine, server.newServerEngine()))
			.withMessageContaining("handshake_failure");
	}

	@Test
	void clientWithoutTheServerCertificateAsCaRejectsIt() {
		TlsContext server = server().build().createServerContext();
		SSLEngine clientEngine = TlsSettings.builder().build().createClientContext().newClientEngine("localhost", 443);
		assertThatExceptionOfType(SSLException.class)
			.isThrownBy(() -> EngineHandshake.run(clientEngine, server.newServerEngine()))
			.withMessageContaining("certificate_unknown");
	}

	@Test
	void hostnameVerificationRejectsAnotherName() {
		TlsContext server = server().build().createServerContext();
		SSLEngine clientEngine = client().build().createClientContext().newClientEngine("example.com", 443);
		assertThatExceptionOfType(SSLException.class)
			.isThrownBy(() -> EngineHandshake.run(clientEngine, server.newServerEngine()))
			.withMessageContaining("certificate_unknown");
	}

	@Test
	void trustAllAcceptsAnUnknownCertificateAndName() throws SSLException {
		TlsContext server = server().build().createServerContext();
		TlsContext client = TlsSettings.builder().trustAll(true).build().createClientContext();
		SSLEngine clientEngine = client.newClientEngine("example.com", 443);
		EngineHandshake.run(clientEngine, server.newServerEngine());
		assertThat(clientEngine.getSession().getProtocol()).isEqualTo("TLSv1.3");
		assertThat(client.notes()).anyMatch((note) -> note.contains("NOT verified"));
	}

	@Test
	void selfSignedSettingGeneratesTheServerCertificate() throws SSLException {
		TlsContext server = TlsSettings.builder().selfSigned(true).build().createServerContext();
		TlsContext client = TlsSettings.builder().trustAll(true).build().createClientContext();
		SSLEngine clientEngine = client.newClientEngine("localhost", 443);
		EngineHandshake.run(clientEngine, server.newServerEngine());
		assertThat(clientEngine.getSession().getPeerCertificates()[0]).isEqualTo(server.certificate().orElseThrow());
		assertThat(server.notes()).anyMatch((note) -> note.contains("self-signed"));
	}

	@Test
	void requiredClientCertificateIsVerifiedAgainstTheCaFile() throws IOException {
		Path clientCert = this.dir.resolve("client.crt");
		Path clientKey = this.dir.resolve("client.key");
		SelfSignedCertificate.generate().writePem(clientCert, clientKey);
		TlsContext server = server().clientAuth(ClientAuth.REQUIRED).caPath(clientCert).build().createServerContext();
		TlsContext client = client().certificatePath(clientCert).privateKeyPath(clientKey).build().createClientContext();
		SSLEngine serverEngine = server.newServerEngine();
		EngineHandshake.run(client.newClientEngine("localhost", 443), serverEngine);
		assertThat(serverEngine.getSession().getPeerCertificates()[0])
			.isEqualTo(PemMaterial.loadCertificates(clientCert).get(0));
	}

	@Test
	void requiredClientCertificateMissingFailsTheHandshake() {
		TlsContext server = server().clientAuth(ClientAuth.REQUIRED).caPath(this.cert).build().createServerContext();
		SSLEngine clientEngine = client().build().createClientContext().newClientEngine("localhost", 443);
		assertThatExceptionOfType(SSLException.class)
			.isThrownBy(() -> EngineHandshake.run(clientEngine, server.newServerEngine()));
	}

	@Test
	void optionalClientCertificateMayBeAbsent() throws SSLException {
		TlsContext server = server().clientAuth(ClientAuth.OPTIONAL).caPath(this.cert).build().createServerContext();
		SSLEngine serverEngine = server.newServerEngine();
		EngineHandshake.run(client().build().createClientContext().newClientEngine("localhost", 443), serverEngine);
		assertThatExceptionOfType(SSLPeerUnverifiedException.class)
			.isThrownBy(() -> serverEngine.getSession().getPeerCertificates());
	}

	private TlsSettings.Builder server() {
		return TlsSettings.builder().certificatePath(this.cert).privateKeyPath(this.key);
	}

	private TlsSettings.Builder client() {
		return TlsSettings.builder().caPath(this.cert);
	}

}
