package io.jlws.tlsloop;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.jlws.Context;
import io.jlws.ContextInfo;
import io.jlws.Limits;
import io.jlws.tls.SelfSignedCertificate;
import io.jlws.tls.TlsSettings;
import io.jlws.tlsloop.TlsInterop.Exec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code openssl s_client} against a jlws TLS echo server: the configured OpenSSL cipher strings are what gets
 * negotiated (and nothing else), TLS 1.3 suites likewise, refused handshakes do not disturb the listener, and a
 * WebSocket upgrade plus a masked frame typed into s_client come back as a 101 and the echoed frame.
 */
@Timeout(120)
class OpenSslInteropTest {

	private static final String TLS12_LIST = "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384";

	private static final Duration RUN_LIMIT = Duration.ofSeconds(20);

	private static final Pattern CIPHER_IS = Pattern.compile("New, (\\S+), Cipher is (\\S+)");

	@TempDir
	Path dir;

	private Context server;

	@BeforeEach
	void requireOpenssl() throws Exception {
		TlsInterop.requireTool("openssl", TlsInterop.opensslAvailable());
		SelfSignedCertificate cert = SelfSignedCertificate.generate();
		cert.writePem(this.dir.resolve("cert.pem"), this.dir.resolve("key.pem"));
	}

	@AfterEach
	void stop() {
		if (this.server != null) {
			this.server.stop();
		}
	}

	private void start(TlsSettings.Builder tls) throws Exception {
		this.server = Context.create(ContextInfo.builder()
			.address("127.0.0.1")
			.port(0)
			.protocol(TlsInterop.echo())
			.limits(Limits.builder().handshakeTimeout(Duration.ofSeconds(5)).build())
			.tls(tls.certificatePath(this.dir.resolve("cert.pem")).privateKeyPath(this.dir.resolve("key.pem")).build())
			.build());
		this.server.start();
	}

	private Exec sClient(String... args) throws Exception {
		return TlsInterop.run(this.dir, TlsInterop.sClient(this.server.port(), args), new byte[0], RUN_LIMIT);
	}

	/** "protocol cipher" from s_client's "New, TLSv1.2, Cipher is X" line, or null. */
	private static String[] negotiated(Exec exec) {
		Matcher m = CIPHER_IS.matcher(exec.out());
		return m.find() ? new String[] { m.group(1), m.group(2) } : null;
	}

	private void assertHandshakeWorks(Exec exec, String protocol, String cipher) {
		assertThat(exec.timedOut()).as(exec.all()).isFalse();
		assertThat(exec.exitCode()).as(exec.all()).isZero();
		assertThat(negotiated(exec)).as(exec.all()).containsExactly(protocol, cipher);
		assertThat(exec.out()).as(exec.all()).contains("Verification: OK", "Verify return code: 0 (ok)");
	}

	private void assertHandshakeFails(Exec exec) {
		assertThat(exec.timedOut()).as(exec.all()).isFalse();
		assertThat(exec.exitCode()).as(exec.all()).isNotZero();
		String[] n = negotiated(exec);
		assertThat(n == null || n[1].equals("(NONE)")).as(exec.all()).isTrue();
	}

	@Test
	void tls12NegotiatesOnlyTheConfiguredSuitesInServerOrder() throws Exception {
		start(TlsSettings.builder().cipherList(TLS12_LIST).minimumProtocol("TLSv1.2").tls13CipherList(""));
		String ca = this.dir.resolve("cert.pem").toString();
		// OpenSSL's default client order puts AES256 first; the server's order (libwebsockets sets
		// SSL_OP_CIPHER_SERVER_PREFERENCE) picks the first configured suite
		Exec all = sClient("-tls1_2", "-CAfile", ca, "-verify_return_error");
		assertHandshakeWorks(all, "TLSv1.2", "ECDHE-ECDSA-AES128-GCM-SHA256");
		// a client that only has the second configured suite gets it
		Exec second = sClient("-tls1_2", "-cipher", "ECDHE-ECDSA-AES256-GCM-SHA384", "-CAfile", ca);
		assertHandshakeWorks(second, "TLSv1.2", "ECDHE-ECDSA-AES256-GCM-SHA384");
		// suites outside the list are refused, and the listener keeps serving others
		for (String excluded : List.of("ECDHE-ECDSA-CHACHA20-POLY1305", "AES128-SHA", "ECDHE-ECDSA-AES128-SHA256")) {
			assertHandshakeFails(sClient("-tls1_2", "-cipher", excluded + ":@SECLEVEL=0", "-CAfile", ca));
			assertHandshakeWorks(sClient("-tls1_2", "-CAfile", ca), "TLSv1.2", "ECDHE-ECDSA-AES128-GCM-SHA256");
		}
	}

	@Test
	void tls13OnlyTheConfiguredSuite() throws Exception {
		start(TlsSettings.builder().cipherList(TLS12_LIST).tls13CipherList("TLS_AES_256_GCM_SHA384"));
		String ca = this.dir.resolve("cert.pem").toString();
		assertHandshakeFails(sClient("-tls1_3", "-ciphersuites", "TLS_AES_128_GCM_SHA256", "-CAfile", ca));
		assertHandshakeWorks(sClient("-tls1_3", "-ciphersuites", "TLS_AES_256_GCM_SHA384", "-CAfile", ca), "TLSv1.3",
				"TLS_AES_256_GCM_SHA384");
		// a client offering every TLS 1.3 suite gets the configured one; TLS 1.2 still works alongside
		assertHandshakeWorks(sClient("-tls1_3", "-CAfile", ca), "TLSv1.3", "TLS_AES_256_GCM_SHA384");
		assertHandshakeWorks(sClient("-tls1_2", "-CAfile", ca), "TLSv1.2", "ECDHE-ECDSA-AES128-GCM-SHA256");
	}

	/**
	 * OpenSSL (and so libwebsockets) answers a ClientHello it cannot serve with a fatal handshake_failure alert
	 * before closing, so the client can tell "no common suite" from a network failure.
	 */
	@Test
	void renegotiationIsRefusedWithAnAlertAndTheServerGoesOn() throws Exception {
		start(TlsSettings.builder());
		// "R" on an open stdin asks s_client to renegotiate (TLS 1.2): the server must refuse, not go along
		Process p = new ProcessBuilder(TlsInterop.sClient(this.server.port(), "-tls1_2")).redirectErrorStream(true)
			.start();
		String output;
		try {
			p.getOutputStream().write("R\n".getBytes(StandardCharsets.US_ASCII));
			p.getOutputStream().flush();
			boolean ended = p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
			if (!ended) {
				p.getOutputStream().close();
			}
			output = new String(p.getInputStream().readNBytes(64 * 1024), StandardCharsets.ISO_8859_1);
		}
		finally {
			TlsInterop.kill(p);
		}
		assertThat(output).contains("RENEGOTIATING").contains("no renegotiation");
		Exec after = sClient("-tls1_2");
		assertThat(after.all()).contains("Cipher is");
	}

	@Test
	void aRefusedHandshakeGetsAFatalHandshakeFailureAlert() throws Exception {
		start(TlsSettings.builder().cipherList(TLS12_LIST).tls13CipherList("TLS_AES_256_GCM_SHA384"));
		Exec tls12 = sClient("-tls1_2", "-cipher", "ECDHE-ECDSA-CHACHA20-POLY1305");
		assertHandshakeFails(tls12);
		Exec tls13 = sClient("-tls1_3", "-ciphersuites", "TLS_AES_128_GCM_SHA256");
		assertHandshakeFails(tls13);
		assertThat(tls12.all()).as("TLS 1.2: alert expected, not a silent close").contains("alert handshake failure");
		assertThat(tls13.all()).as("TLS 1.3: alert expected, not a silent close").contains("alert handshake failure");
	}

	@Test
	void minimumProtocolTls12RefusesTls11() throws Exception {
		start(TlsSettings.builder().cipherList(TLS12_LIST).minimumProtocol("TLSv1.2"));
		Exec old = sClient("-tls1_1", "-cipher", "ALL:@SECLEVEL=0");
		assertHandshakeFails(old);
		// the refusal is the server's: the client did send its TLS 1.1 ClientHello
		assertThat(old.out()).as(old.all()).containsPattern("written [1-9]\\d* bytes");
		Exec current = sClient("-CAfile", this.dir.resolve("cert.pem").toString());
		assertThat(current.exitCode()).as(current.all()).isZero();
		assertThat(negotiated(current)).as(current.all()).isNotNull();
		assertThat(negotiated(current)[0]).isEqualTo("TLSv1.3");
	}

	@Test
	void webSocketUpgradeAndMaskedFrameThroughSClient() throws Exception {
		start(TlsSettings.builder().cipherList(TLS12_LIST));
		for (String version : List.of("-tls1_2", "-tls1_3")) {
			ByteArrayOutputStream in = new ByteArrayOutputStream();
			in.writeBytes(("GET /chat HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
					+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
					+ "Sec-WebSocket-Protocol: echo\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			byte[] payload = "hello from openssl s_client".getBytes(StandardCharsets.UTF_8);
			in.write(masked(0x81, payload));
			in.write(masked(0x88, new byte[] { 0x03, (byte) 0xe8 }));
			// -quiet implies -ign_eof: s_client keeps reading until the server closes after the close handshake
			Exec exec = TlsInterop.run(this.dir,
					TlsInterop.sClient(this.server.port(), version, "-quiet", "-CAfile", this.dir.resolve("cert.pem").toString()),
					in.toByteArray(), RUN_LIMIT);
			assertThat(exec.timedOut()).as(version + ": the server closes after the close handshake\n" + exec.all()).isFalse();
			String out = exec.out();
			assertThat(out).as(exec.all()).startsWith("HTTP/1.1 101 ");
			int end = out.indexOf("\r\n\r\n");
			assertThat(end).as(exec.all()).isPositive();
			String head = out.substring(0, end);
			assertThat(head).containsIgnoringCase("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
			assertThat(head).containsIgnoringCase("Sec-WebSocket-Protocol: echo");
			byte[] rest = java.util.Arrays.copyOfRange(exec.stdout(), end + 4, exec.stdout().length);
			ByteArrayOutputStream expected = new ByteArrayOutputStream();
			expected.write(0x81);
			expected.write(payload.length);
			expected.writeBytes(payload);
			expected.writeBytes(new byte[] { (byte) 0x88, 0x02, 0x03, (byte) 0xe8 });
			assertThat(rest).as(version + ": echoed text frame then the close reply\n" + exec.all())
				.isEqualTo(expected.toByteArray());
		}
	}

	/** A masked client frame, FIN set, payload under 126 bytes. */
	private static byte[] masked(int firstByte, byte[] payload) {
		byte[] key = { 0x37, (byte) 0xfa, 0x21, 0x3d };
		ByteArrayOutputStream b = new ByteArrayOutputStream();
		b.write(firstByte);
		b.write(0x80 | payload.length);
		b.writeBytes(key);
		for (int i = 0; i < payload.length; i++) {
			b.write(payload[i] ^ key[i & 3]);
		}
		return b.toByteArray();
	}

}
