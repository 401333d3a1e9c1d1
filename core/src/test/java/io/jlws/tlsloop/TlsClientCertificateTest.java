package io.jlws.tlsloop;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import io.jlws.CallbackResult;
import io.jlws.ClientConnectInfo;
import io.jlws.Context;
import io.jlws.ContextInfo;
import io.jlws.Limits;
import io.jlws.Protocol;
import io.jlws.tls.SelfSignedCertificate;
import io.jlws.tls.TlsSettings;
import io.jlws.tls.TlsSettings.ClientAuth;
import io.jlws.tlsloop.TlsInterop.Exec;
import io.jlws.tlsloop.TlsInterop.Pem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Client certificates ({@code clientAuth} with {@code caPath} naming the accepted client certificate): the JDK's
 * client, jlws' own client and openssl s_client get through with the key and are refused without it (or with an
 * untrusted one), over TLS 1.2 and 1.3; OPTIONAL lets certificate-less clients in.
 */
@Timeout(60)
class TlsClientCertificateTest {

	@TempDir
	Path dir;

	private SelfSignedCertificate serverCert;

	private Pem client;

	private Pem intruder;

	private Context server;

	private Context jlwsClient;

	@BeforeEach
	void certificates() throws Exception {
		this.serverCert = SelfSignedCertificate.generate();
		this.serverCert.writePem(this.dir.resolve("cert.pem"), this.dir.resolve("key.pem"));
		this.client = TlsInterop.certificate(this.dir, "client", "jlws test client");
		this.intruder = TlsInterop.certificate(this.dir, "intruder", "jlws test client");
	}

	@AfterEach
	void stop() {
		if (this.jlwsClient != null) {
			this.jlwsClient.stop();
		}
		if (this.server != null) {
			this.server.stop();
		}
	}

	private void start(ClientAuth auth) throws Exception {
		this.server = Context.create(ContextInfo.builder()
			.address("127.0.0.1")
			.port(0)
			.protocol(TlsInterop.echo())
			.limits(Limits.builder().handshakeTimeout(Duration.ofSeconds(5)).build())
			.tls(TlsSettings.builder()
				.certificatePath(this.dir.resolve("cert.pem"))
				.privateKeyPath(this.dir.resolve("key.pem"))
				.clientAuth(auth)
				.caPath(this.client.certificateFile())
				.build())
			.build());
		this.server.start();
	}

	/**
	 * A JDK SSLSocket client: handshake, upgrade request and one masked text frame. Returns the response status
	 * line followed by the echoed text, or "failed: ..." when the server refused the connection at any point.
	 */
	private String jdkUpgrade(Pem identity, String protocol) throws Exception {
		SSLContext ssl = TlsInterop.jdkContext(this.serverCert.certificate(), (identity != null) ? identity.key() : null,
				(identity != null) ? identity.certificate() : null);
		try (SSLSocket s = (SSLSocket) ssl.getSocketFactory().createSocket("localhost", this.server.port())) {
			s.setSoTimeout(5000);
			s.setEnabledProtocols(new String[] { protocol });
			s.startHandshake();
			OutputStream out = s.getOutputStream();
			out.write(("GET / HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
					+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
					+ "Sec-WebSocket-Protocol: echo\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			byte[] payload = "certified".getBytes(StandardCharsets.US_ASCII);
			out.write(new byte[] { (byte) 0x81, (byte) (0x80 | payload.length), 0, 0, 0, 0 }); // zero mask key
			out.write(payload);
			out.flush();
			InputStream in = s.getInputStream();
			ByteArrayOutputStream got = new ByteArrayOutputStream();
			while (true) {
				int b = in.read();
				if (b < 0) {
					return "failed: EOF after " + got.size() + " bytes";
				}
				got.write(b);
				String text = got.toString(StandardCharsets.ISO_8859_1);
				int end = text.indexOf("\r\n\r\n");
				if (end >= 0 && text.length() == end + 4 + 2 + payload.length) {
					return text.substring(0, text.indexOf("\r\n")) + " | "
							+ text.substring(end + 4 + 2);
				}
			}
		}
		catch (IOException ex) {
			return "failed: " + ex;
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "TLSv1.2", "TLSv1.3" })
	void requiredClientCertificateJdkClient(String protocol) throws Exception {
		start(ClientAuth.REQUIRED);
		assertThat(jdkUpgrade(this.client, protocol)).isEqualTo("HTTP/1.1 101 Switching Protocols | certified");
		assertThat(jdkUpgrade(null, protocol)).as("no certificate").startsWith("failed: ");
		assertThat(jdkUpgrade(this.intruder, protocol)).as("a certificate the CA file does not hold").startsWith("failed: ");
		assertThat(jdkUpgrade(this.client, protocol)).as("still serving").startsWith("HTTP/1.1 101 ");
	}

	@Test
	void optionalClientCertificateLetsCertificateLessClientsInButNotUntrustedOnes() throws Exception {
		start(ClientAuth.OPTIONAL);
		for (String protocol : List.of("TLSv1.2", "TLSv1.3")) {
			assertThat(jdkUpgrade(this.client, protocol)).as(protocol).startsWith("HTTP/1.1 101 ");
			assertThat(jdkUpgrade(null, protocol)).as(protocol).startsWith("HTTP/1.1 101 ");
			assertThat(jdkUpgrade(this.intruder, protocol)).as(protocol).startsWith("failed: ");
		}
	}

	@Test
	void jlwsClientPresentsItsCertificateFromClientTls() throws Exception {
		start(ClientAuth.REQUIRED);
		BlockingQueue<String> events = new LinkedBlockingQueue<>();
		java.util.function.Supplier<Protocol<Void>> protocol = () -> Protocol.<Void>builder("echo", (c, r, s, in) -> {
			switch (r) {
				case CLIENT_ESTABLISHED -> events.add("established");
				case CLIENT_CONNECTION_ERROR -> events.add("error " + StandardCharsets.UTF_8.decode(in));
				default -> {
				}
			}
			return CallbackResult.CONTINUE;
		}).build();
		this.jlwsClient = Context.create(ContextInfo.builder()
			.port(ContextInfo.NO_LISTEN)
			.protocol(protocol.get())
			.clientTls(TlsSettings.builder()
				.caPath(this.dir.resolve("cert.pem"))
				.certificatePath(this.client.certificateFile())
				.privateKeyPath(this.client.keyFile())
				.build())
			.build());
		this.jlwsClient.start();
		this.jlwsClient.connect(ClientConnectInfo.builder("localhost", this.server.port()).tls(true).build());
		assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("established");
		Context bare = Context.create(ContextInfo.builder()
			.port(ContextInfo.NO_LISTEN)
			.protocol(protocol.get())
			.clientTls(TlsSettings.builder().caPath(this.dir.resolve("cert.pem")).build())
			.build());
		bare.start();
		try {
			bare.connect(ClientConnectInfo.builder("localhost", this.server.port()).tls(true).build());
			assertThat(events.poll(10, TimeUnit.SECONDS)).startsWith("error ");
		}
		finally {
			bare.stop();
		}
	}

	@Test
	void opensslSClientWithAndWithoutTheClientCertificate() throws Exception {
		TlsInterop.requireTool("openssl", TlsInterop.opensslAvailable());
		start(ClientAuth.REQUIRED);
		List<String> with = TlsInterop.sClient(this.server.port(), "-tls1_2", "-cert",
				this.client.certificateFile().toString(), "-key", this.client.keyFile().toString(), "-CAfile",
				this.dir.resolve("cert.pem").toString());
		Exec ok = TlsInterop.run(this.dir, with, new byte[0], Duration.ofSeconds(20));
		assertThat(ok.exitCode()).as(ok.all()).isZero();
		assertThat(ok.out()).as(ok.all()).contains("Cipher is ECDHE-ECDSA-");
		Exec refused = TlsInterop.run(this.dir, TlsInterop.sClient(this.server.port(), "-tls1_2"), new byte[0],
				Duration.ofSeconds(20));
		assertThat(refused.timedOut()).isFalse();
		assertThat(refused.exitCode()).as(refused.all()).isNotZero();
	}

}
