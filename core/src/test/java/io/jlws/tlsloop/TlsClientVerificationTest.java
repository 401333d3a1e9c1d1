package io.jlws.tlsloop;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import io.jlws.CallbackResult;
import io.jlws.ClientConnectInfo;
import io.jlws.Context;
import io.jlws.ContextInfo;
import io.jlws.Limits;
import io.jlws.Protocol;
import io.jlws.Reason;
import io.jlws.tls.SelfSignedCertificate;
import io.jlws.tls.TlsSettings;
import io.jlws.tlsloop.TlsInterop.Pem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * jlws' wss:// client verifying servers: a certificate trusted through {@code clientTls(caPath)} connects, one
 * for another host name is a CLIENT_CONNECTION_ERROR unless {@code skipHostnameCheck} (which skips only the
 * name, not the chain), and SNI carries the host name but never an IP literal.
 */
@Timeout(60)
class TlsClientVerificationTest {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@TempDir
	Path dir;

	/** Server with the usual self-signed certificate: CN=localhost, SAN localhost, 127.0.0.1, ::1. */
	private Context localhostServer;

	/** Server whose certificate names only other.example. */
	private Context otherServer;

	private Pem other;

	private final List<Context> clients = new ArrayList<>();

	private final BlockingQueue<String> events = new LinkedBlockingQueue<>();

	@BeforeEach
	void start() throws Exception {
		SelfSignedCertificate cert = SelfSignedCertificate.generate();
		cert.writePem(this.dir.resolve("cert.pem"), this.dir.resolve("key.pem"));
		this.localhostServer = server(this.dir.resolve("cert.pem"), this.dir.resolve("key.pem"));
		this.other = TlsInterop.certificate(this.dir, "other", "other.example", "other.example", "*.other.example");
		this.otherServer = server(this.other.certificateFile(), this.other.keyFile());
	}

	private static Context server(Path cert, Path key) throws Exception {
		Context server = Context.create(ContextInfo.builder()
			.address("127.0.0.1")
			.port(0)
			.protocol(TlsInterop.echo())
			.limits(Limits.builder().handshakeTimeout(Duration.ofSeconds(5)).build())
			.tls(TlsSettings.builder().certificatePath(cert).privateKeyPath(key).build())
			.build());
		server.start();
		return server;
	}

	@AfterEach
	void stop() {
		for (Context c : this.clients) {
			c.stop();
		}
		this.localhostServer.stop();
		this.otherServer.stop();
	}

	/** A client context trusting {@code ca} (null: the JDK's default CAs) whose protocol reports into events. */
	private Context client(Path ca) throws Exception {
		Protocol<Void> protocol = Protocol.<Void>builder("echo", (c, r, s, in) -> {
			switch (r) {
				case CLIENT_ESTABLISHED -> this.events.add("established");
				case CLIENT_CONNECTION_ERROR -> this.events.add("error " + StandardCharsets.UTF_8.decode(in));
				default -> {
				}
			}
			return CallbackResult.CONTINUE;
		}).build();
		ContextInfo.Builder info = ContextInfo.builder().port(ContextInfo.NO_LISTEN).protocol(protocol);
		if (ca != null) {
			info.clientTls(TlsSettings.builder().caPath(ca).build());
		}
		Context ctx = Context.create(info.build());
		this.clients.add(ctx);
		ctx.start();
		return ctx;
	}

	private String outcome(Context client, ClientConnectInfo.Builder connect) throws Exception {
		client.connect(connect.subprotocols("echo").build());
		String event = this.events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(event).as("an outcome within " + WAIT).isNotNull();
		return event;
	}

	@Test
	void aServerTrustedThroughCaPathIsEstablishedByNameAndByAddress() throws Exception {
		Context client = client(this.dir.resolve("cert.pem"));
		int port = this.localhostServer.port();
		assertThat(outcome(client, ClientConnectInfo.builder("localhost", port).tls(true))).isEqualTo("established");
		assertThat(outcome(client, ClientConnectInfo.builder("127.0.0.1", port).tls(true))).isEqualTo("established");
		assertThat(outcome(client, ClientConnectInfo.of(URI.create("wss://localhost:" + port + "/x?y=1"))))
			.isEqualTo("established");
	}

	@Test
	void withoutCaPathTheSelfSignedServerIsACertificateError() throws Exception {
		Context client = client(null);
		String event = outcome(client, ClientConnectInfo.builder("localhost", this.localhostServer.port()).tls(true));
		assertThat(event).startsWith("error ").containsPattern("(?i)certif|trust|path|PKIX");
	}

	@Test
	void aCertificateForAnotherHostNameIsAConnectionErrorNamingTheProblem() throws Exception {
		Context client = client(this.other.certificateFile());
		int port = this.otherServer.port();
		String byName = outcome(client, ClientConnectInfo.builder("localhost", port).tls(true));
		assertThat(byName).startsWith("error ").containsPattern("(?i)certificate|host ?name");
		String byAddress = outcome(client, ClientConnectInfo.builder("127.0.0.1", port).tls(true));
		assertThat(byAddress).startsWith("error ").containsPattern("(?i)certificate|host ?name|address");
	}

	/**
	 * libwebsockets reports the X509 verify error ("Hostname mismatch", "self-signed certificate"); the cause is
	 * in BouncyCastle's exception chain, so the CLIENT_CONNECTION_ERROR text should tell the two apart rather
	 * than only name the alert jlws itself would send (certificate_unknown).
	 */
	@Test
	void theErrorTellsAHostNameMismatchFromAnUntrustedCertificate() throws Exception {
		Context client = client(this.other.certificateFile());
		String mismatch = outcome(client, ClientConnectInfo.builder("localhost", this.otherServer.port()).tls(true));
		String untrusted = outcome(client, ClientConnectInfo.builder("localhost", this.localhostServer.port()).tls(true));
		assertThat(mismatch).startsWith("error ").containsPattern("(?i)host ?name|domain name|subject alternative|localhost");
		assertThat(untrusted).startsWith("error ").containsPattern("(?i)chain|trust|self.signed|issuer|PKIX");
	}

	@Test
	void skipHostnameCheckAcceptsTheNameMismatchButStillVerifiesTheChain() throws Exception {
		Context client = client(this.other.certificateFile());
		assertThat(outcome(client,
				ClientConnectInfo.builder("localhost", this.otherServer.port()).tls(true).skipHostnameCheck(true)))
			.isEqualTo("established");
		// the localhost server's certificate is not trusted by this client: skipping the name check is not trust-all
		assertThat(outcome(client,
				ClientConnectInfo.builder("localhost", this.localhostServer.port()).tls(true).skipHostnameCheck(true)))
			.startsWith("error ");
		// and a connection without the flag from the same context still checks the name
		assertThat(outcome(client, ClientConnectInfo.builder("localhost", this.otherServer.port()).tls(true)))
			.startsWith("error ");
	}

	@Test
	void theCaPathIsNotWidenedByAnotherConnectionsAllowSelfSigned() throws Exception {
		Context client = client(this.dir.resolve("cert.pem"));
		assertThat(outcome(client,
				ClientConnectInfo.builder("localhost", this.otherServer.port()).tls(true).allowSelfSigned(true)))
			.isEqualTo("established");
		assertThat(outcome(client, ClientConnectInfo.builder("localhost", this.otherServer.port()).tls(true)))
			.startsWith("error ");
		assertThat(outcome(client, ClientConnectInfo.builder("localhost", this.localhostServer.port()).tls(true)))
			.isEqualTo("established");
	}

	/**
	 * SNI as a JDK server sees it: the host name for {@code localhost}, nothing for an address (RFC 6066 3). The
	 * fake server answers the upgrade so the client is established both times.
	 */
	@Test
	void sniCarriesTheHostNameButNotAnAddress() throws Exception {
		SelfSignedCertificate cert = SelfSignedCertificate.generate();
		cert.writePem(this.dir.resolve("sni-cert.pem"), this.dir.resolve("sni-key.pem"));
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try (SSLServerSocket listener = (SSLServerSocket) TlsInterop
			.jdkContext(cert.certificate(), cert.privateKey(), cert.certificate())
			.getServerSocketFactory()
			.createServerSocket(0, 10, InetAddress.getByName("127.0.0.1"))) {
			listener.setSoTimeout(10_000);
			Context client = client(this.dir.resolve("sni-cert.pem"));
			for (String host : List.of("localhost", "127.0.0.1")) {
				CompletableFuture<List<SNIServerName>> seen = CompletableFuture.supplyAsync(() -> fakeUpgrade(listener),
						executor);
				assertThat(outcome(client, ClientConnectInfo.builder(host, listener.getLocalPort()).tls(true)))
					.as(host)
					.isEqualTo("established");
				List<SNIServerName> names = seen.get(10, TimeUnit.SECONDS);
				if (host.equals("localhost")) {
					assertThat(names).containsExactly(new SNIHostName("localhost"));
				}
				else {
					assertThat(names).as("no SNI for an IP literal").isEmpty();
				}
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

	/** Accepts one TLS connection, answers its WebSocket upgrade, and returns the SNI names it carried. */
	private static List<SNIServerName> fakeUpgrade(SSLServerSocket listener) {
		try (SSLSocket s = (SSLSocket) listener.accept()) {
			s.setSoTimeout(10_000);
			s.startHandshake();
			List<SNIServerName> names = ((ExtendedSSLSession) s.getSession()).getRequestedServerNames();
			BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
			String key = null;
			String line;
			while ((line = in.readLine()) != null && !line.isEmpty()) {
				if (line.regionMatches(true, 0, "Sec-WebSocket-Key:", 0, 18)) {
					key = line.substring(18).trim();
				}
			}
			String accept = Base64.getEncoder()
				.encodeToString(MessageDigest.getInstance("SHA-1")
					.digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII)));
			OutputStream out = s.getOutputStream();
			out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
					+ "Sec-WebSocket-Protocol: echo\r\nSec-WebSocket-Accept: " + accept + "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			// hold the connection until the client has read the answer
			Thread.sleep(300);
			return names;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
