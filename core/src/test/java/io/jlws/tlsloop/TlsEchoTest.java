package io.jlws.tlsloop;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.jlws.CallbackResult;
import io.jlws.ClientConnectInfo;
import io.jlws.Context;
import io.jlws.ContextInfo;
import io.jlws.Limits;
import io.jlws.Protocol;
import io.jlws.Reason;
import io.jlws.WriteType;
import io.jlws.tls.SelfSignedCertificate;
import io.jlws.tls.TlsSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** TLS on the service loop: echo through jlws' own client and the JDK's, and bad input on the TLS port. */
@Timeout(60)
class TlsEchoTest {

	@TempDir
	Path dir;

	private Context server;

	private SelfSignedCertificate cert;

	private final BlockingQueue<String> events = new LinkedBlockingQueue<>();

	/** Per connection: the message being reassembled and the complete ones waiting to go back. */
	private static final class Echo {

		final java.io.ByteArrayOutputStream partial = new java.io.ByteArrayOutputStream();

		final java.util.ArrayDeque<Object[]> out = new java.util.ArrayDeque<>();

	}

	private static Protocol<Echo> echo() {
		return Protocol.<Echo>builder("echo", (c, r, e, in) -> {
			if (r == Reason.RECEIVE) {
				byte[] b = new byte[in.remaining()];
				in.get(b);
				e.partial.writeBytes(b);
				if (c.isFinalFragment()) {
					e.out.add(new Object[] { e.partial.toByteArray(), c.frameIsBinary() ? WriteType.BINARY : WriteType.TEXT });
					e.partial.reset();
					c.requestWritable();
				}
			}
			if (r == Reason.SERVER_WRITEABLE) {
				Object[] m;
				while ((m = e.out.poll()) != null) {
					c.write(ByteBuffer.wrap((byte[]) m[0]), (WriteType) m[1]);
				}
			}
			return CallbackResult.CONTINUE;
		}).sessionData(Echo::new).build();
	}

	@BeforeEach
	void start() throws Exception {
		this.cert = SelfSignedCertificate.generate();
		this.cert.writePem(this.dir.resolve("cert.pem"), this.dir.resolve("key.pem"));
		this.server = Context.create(ContextInfo.builder()
			.address("127.0.0.1")
			.port(0)
			.protocol(echo())
			.limits(Limits.builder().maxFrameSize(8 << 20).maxMessageSize(8 << 20).handshakeTimeout(Duration.ofMillis(800)).build())
			.tls(TlsSettings.builder()
				.certificatePath(this.dir.resolve("cert.pem"))
				.privateKeyPath(this.dir.resolve("key.pem"))
				.build())
			.build());
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.server.stop();
	}

	@Test
	void jlwsClientEchoesOverWssWithTheCertificateTrusted() throws Exception {
		Protocol<Void> client = Protocol.<Void>builder("echo", (c, r, s, in) -> {
			switch (r) {
				case CLIENT_ESTABLISHED -> c.requestWritable();
				case CLIENT_WRITEABLE -> {
					c.write(ByteBuffer.wrap("over tls".getBytes(StandardCharsets.UTF_8)), WriteType.TEXT);
					c.write(ByteBuffer.allocate(3 << 20), WriteType.BINARY);
				}
				case CLIENT_RECEIVE -> {
					if (c.isFinalFragment()) {
						this.events.add(c.frameIsBinary() ? "binary" : StandardCharsets.UTF_8.decode(in).toString());
					}
				}
				case CLIENT_CONNECTION_ERROR -> this.events.add("error " + StandardCharsets.UTF_8.decode(in));
				default -> {
				}
			}
			return CallbackResult.CONTINUE;
		}).rxBufferSize(8 << 20).build();
		Context ctx = Context.create(ContextInfo.builder()
			.port(ContextInfo.NO_LISTEN)
			.protocol(client)
			.limits(Limits.builder().maxFrameSize(8 << 20).maxMessageSize(8 << 20).build())
			.clientTls(TlsSettings.builder().caPath(this.dir.resolve("cert.pem")).build())
			.build());
		ctx.start();
		try {
			ctx.connect(ClientConnectInfo.of(URI.create("wss://127.0.0.1:" + this.server.port() + "/")).build());
			assertThat(this.events.poll(10, TimeUnit.SECONDS)).isEqualTo("over tls");
			assertThat(this.events.poll(10, TimeUnit.SECONDS)).isEqualTo("binary");
			// the same server is refused when its certificate is not trusted
			ctx.connect(ClientConnectInfo.builder("localhost", this.server.port()).tls(true).build());
			assertThat(this.events.poll(10, TimeUnit.SECONDS)).isEqualTo("over tls");
		}
		finally {
			ctx.stop();
		}
	}

	@Test
	void anUntrustedCertificateIsAConnectionError() throws Exception {
		Protocol<Void> client = Protocol.<Void>builder("echo", (c, r, s, in) -> {
			if (r == Reason.CLIENT_CONNECTION_ERROR) {
				this.events.add("error " + StandardCharsets.UTF_8.decode(in));
			}
			if (r == Reason.CLIENT_ESTABLISHED) {
				this.events.add("established");
			}
			return CallbackResult.CONTINUE;
		}).build();
		Context ctx = Context.create(ContextInfo.builder().port(ContextInfo.NO_LISTEN).protocol(client).build());
		ctx.start();
		try {
			ctx.connect(ClientConnectInfo.builder("127.0.0.1", this.server.port()).tls(true).build());
			assertThat(this.events.poll(10, TimeUnit.SECONDS)).startsWith("error ");
			ctx.connect(ClientConnectInfo.builder("127.0.0.1", this.server.port()).tls(true).allowSelfSigned(true).build());
			assertThat(this.events.poll(10, TimeUnit.SECONDS)).isEqualTo("established");
		}
		finally {
			ctx.stop();
		}
	}

	@Test
	void theJdkWebSocketClientEchoesOverWss() throws Exception {
		KeyStore trust = KeyStore.getInstance("PKCS12");
		trust.load(null, null);
		trust.setCertificateEntry("jlws", this.cert.certificate());
		TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		tmf.init(trust);
		SSLContext ssl = SSLContext.getInstance("TLS");
		ssl.init(null, tmf.getTrustManagers(), null);
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try {
			HttpClient http = HttpClient.newBuilder().sslContext(ssl).executor(executor).build();
			BlockingQueue<String> got = new LinkedBlockingQueue<>();
			StringBuilder text = new StringBuilder();
			WebSocket ws = http.newWebSocketBuilder()
				.buildAsync(URI.create("wss://localhost:" + this.server.port() + "/"), new WebSocket.Listener() {
					@Override
					public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
						text.append(data);
						if (last) {
							got.add(text.toString());
							text.setLength(0);
						}
						w.request(1);
						return null;
					}
				})
				.get(10, TimeUnit.SECONDS);
			String big = "x".repeat(200_000);
			ws.sendText("hello jdk", true).get(5, TimeUnit.SECONDS);
			assertThat(got.poll(10, TimeUnit.SECONDS)).isEqualTo("hello jdk");
			ws.sendText(big, true).get(5, TimeUnit.SECONDS);
			assertThat(got.poll(10, TimeUnit.SECONDS)).isEqualTo(big);
			ws.sendClose(1000, "").get(5, TimeUnit.SECONDS);
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void plainHttpGarbageTruncatedHellosAndStalledHandshakesAreDroppedWhileOthersAreServed() throws Exception {
		List<byte[]> inputs = List.of("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
				new byte[] { 0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc, 0x03, 0x03 },
				randomBytes(), new byte[0]);
		for (byte[] input : inputs) {
			try (Socket s = new Socket("127.0.0.1", this.server.port())) {
				s.setSoTimeout(5000);
				OutputStream out = s.getOutputStream();
				out.write(input);
				out.flush();
				InputStream in = s.getInputStream();
				long start = System.nanoTime();
				int n;
				try {
					while ((n = in.read()) >= 0) {
						// a TLS alert may come first; then the server closes
					}
				}
				catch (java.net.SocketException ex) {
					// reset also counts as closed
				}
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
			}
		}
		// and the loop still serves a proper client
		jlwsClientEchoesOverWssWithTheCertificateTrusted();
	}

	private static byte[] randomBytes() {
		byte[] b = new byte[300];
		new java.util.Random(7).nextBytes(b);
		return b;
	}

}
