package io.jlws.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.security.Security;
import java.util.List;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jlws.tls.TlsConfigException.Kind;
import io.jlws.tls.TlsSettings.ClientAuth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link TlsSettings} validation, suite and protocol resolution into a {@link TlsContext}, and the engine
 * parameters it hands out.
 */
class TlsSettingsTests {

	@TempDir
	Path dir;

	private TlsSettings.Builder server;

	@BeforeEach
	void serverFiles() throws IOException {
		Path cert = this.dir.resolve("server.crt");
		Path key = this.dir.resolve("server.key");
		SelfSignedCertificate.generate().writePem(cert, key);
		this.server = TlsSettings.builder().certificatePath(cert).privateKeyPath(key);
	}

	@Test
	void defaultsFollowLibwebsockets() {
		TlsSettings settings = TlsSettings.builder().build();
		assertThat(settings.minimumProtocol()).isEqualTo("TLSv1.2");
		assertThat(settings.clientAuth()).isEqualTo(ClientAuth.NONE);
		assertThat(settings.verifyHostname()).isTrue();
		assertThat(settings.trustAll()).isFalse();
		assertThat(settings.selfSigned()).isFalse();
		assertThat(settings.cipherList()).isNull();
	}

	@Test
	void unknownMinimumProtocolIsRejected() {
		assertThatExceptionOfType(TlsConfigException.class)
			.isThrownBy(() -> TlsSettings.builder().minimumProtocol("SSLv3").build())
			.withMessageContaining("SSLv3")
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(Kind.INVALID_SETTING));
	}

	@Test
	void serverWithoutCertificateOrSelfSignedIsRejected() {
		assertThatExceptionOfType(TlsConfigException.class)
			.isThrownBy(() -> TlsSettings.builder().build().createServerContext())
			.withMessageContaining("ssl_cert_filepath");
	}

	@Test
	void seedCipherListSkipsRc4AndPutsTls13SuitesFirst() {
		TlsContext context = this.server.cipherList("RC4-MD5:RC4-SHA:AES128-SHA:AES256-SHA:HIGH:!DSS:!aNULL")
			.build()
			.createServerContext();
		assertThat(context.skippedSuites()).startsWith("RC4-MD5", "RC4-SHA");
		assertThat(context.protocols()).containsExactly("TLSv1.3", "TLSv1.2");
		List<String> suites = context.cipherSuites();
		int firstLegacy = suites.indexOf("TLS_RSA_WITH_AES_128_CBC_SHA");
		assertThat(suites.subList(0, firstLegacy)).isNotEmpty().allMatch(CipherList::isTls13Suite);
		assertThat(suites.get(firstLegacy + 1)).isEqualTo("TLS_RSA_WITH_AES_256_CBC_SHA");
	}

	@Test
	void unknownCipherNameFailsStartupListingIt() {
		assertThatExceptionOfType(TlsConfigException.class)
			.isThrownBy(() -> this.server.cipherList("NOSUCHCIPHER:HIGH").build().createServerContext())
			.withMessageContaining("NOSUCHCIPHER")
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(Kind.INVALID_CIPHER_LIST));
	}

	@Test
	void cipherListWithNothingUsableFailsUnlessOnlyTls13IsAllowed() {
		assertThatExceptionOfType(TlsConfigException.class)
			.isThrownBy(() -> this.server.cipherList("RC4-MD5").build().createServerContext())
			.withMessageContaining("leaves no cipher suite");
		TlsContext tls13Only = this.server.minimumProtocol("TLSv1.3").build().createServerContext();
		assertThat(tls13Only.cipherSuites()).allMatch(CipherList::isTls13Suite);
		assertThat(tls13Only.skippedSuites()).containsExactly("RC4-MD5");
	}

	@Test
	void badTls13ListFailsAndEmptyOneWithMinimumTls13LeavesNoProtocol() {
		assertThatExceptionOfType(TlsConfigException.class)
			.isThrownBy(() -> this.server.tls13CipherList("TLS_NOPE").build().createServerContext())
			.withMessageContaining("TLS_NOPE")
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(Kind.INVALID_CIPHER_LIST));
		assertThatExceptionOfType(TlsConfigException.class)
			.isThrownBy(() -> this.server.tls13CipherList("").minimumProtocol("TLSv1.3").build().createServerContext())
			.withMessageContaining("No TLS protocol left");
	}

	@Test
	void serverParametersCarrySuitesOrderAndClientAuth() {
		TlsContext context = this.server.cipherList("ECDHE+AESGCM").clientAuth(ClientAuth.REQUIRED).build()
			.createServerContext();
		SSLParameters parameters = context.serverParameters();
		assertThat(parameters.getCipherSuites()).containsExactlyElementsOf(context.cipherSuites());
		assertThat(parameters.getProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
		assertThat(parameters.getUseCipherSuitesOrder()).isTrue();
		assertThat(parameters.getNeedClientAuth()).isTrue();
		assertThat(context.notes()).anyMatch((note) -> note.contains("default CAs"));
		SSLParameters optional = this.server.clientAuth(ClientAuth.OPTIONAL).build().createServerContext().serverParameters();
		assertThat(optional.getWantClientAuth()).isTrue();
		assertThat(optional.getNeedClientAuth()).isFalse();
	}

	@Test
	void clientParametersSetSniAndHostnameVerification() {
		TlsContext client = TlsSettings.builder().build().createClientContext();
		SSLParameters named = client.clientParameters("example.com");
		assertThat(named.getServerNames()).containsExactly(new SNIHostName("example.com"));
		assertThat(named.getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
		assertThat(client.clientParameters("127.0.0.1").getServerNames()).isNullOrEmpty();
		assertThat(client.clientParameters("::1").getServerNames()).isNullOrEmpty();
		TlsContext unverified = TlsSettings.builder().verifyHostname(false).build().createClientContext();
		assertThat(unverified.clientParameters("example.com").getEndpointIdentificationAlgorithm()).isNull();
		TlsContext trustAll = TlsSettings.builder().trustAll(true).build().createClientContext();
		assertThat(trustAll.clientParameters("example.com").getEndpointIdentificationAlgorithm()).isNull();
		assertThat(trustAll.isClient()).isTrue();
	}

	@Test
	void passwordIsCopiedAndNeverPrinted() {
		char[] password = "hunter2".toCharArray();
		TlsSettings settings = TlsSettings.builder().privateKeyPassword(password).build();
		password[0] = 'X';
		assertThat(settings.privateKeyPassword()).containsExactly("hunter2".toCharArray());
		assertThat(settings.toString()).doesNotContain("hunter2").contains("password=***");
	}

	@Test
	void defaultProviderIsSharedAndNotInstalledGlobally() {
		assertThat(TlsSettings.defaultProvider()).isSameAs(TlsSettings.defaultProvider());
		assertThat(TlsSettings.defaultProvider().getName()).isEqualTo("BCJSSE");
		assertThat(Security.getProvider("BCJSSE")).isNull();
		assertThat(Security.getProvider("BC")).isNull();
	}

}
