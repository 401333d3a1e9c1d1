package io.jlws.tlsloop;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

import io.jlws.Context;
import io.jlws.ContextInfo;
import io.jlws.Limits;
import io.jlws.LogLevel;
import io.jlws.tls.SelfSignedCertificate;
import io.jlws.tls.TlsSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Peers that never complete a TLS handshake: a stall mid-ClientHello is dropped at the handshake timeout with
 * exactly one INFO line; garbage, plain HTTP and a truncated ClientHello followed by EOF are closed with at most
 * one INFO line each; and all the while a well-behaved wss client (the JDK's WebSocket) keeps getting echoes.
 */
@Timeout(60)
class TlsBadInputTest {

	private static final Duration HANDSHAKE_TIMEOUT = Duration.ofMillis(500);

	@TempDir
	Path dir;

	private Context server;

	private SelfSignedCertificate cert;

	/** Every line the server logged: level bit and text. */
	private final ConcurrentLinkedQueue<Object[]> lines = new ConcurrentLinkedQueue<>();

	private ExecutorService executor;

	private GoodClient good;

	@BeforeEach
	void start() throws Exception {
		this.cert = SelfSignedCertificate.generate();
		this.cert.writePem(this.dir.resolve("cert.pem"), this.dir.resolve("key.pem"));
		this.server = Context.create(ContextInfo.builder()
			.address("127.0.0.1")
			.port(0)
			.protocol(TlsInterop.echo())
			.logLevel(LogLevel.ERR | LogLevel.WARN | LogLevel.NOTICE | LogLevel.INFO)
			.logEmitter((level, line) -> this.lines.add(new Object[] { level, line }))
			.limits(Limits.builder().handshakeTimeout(HANDSHAKE_TIMEOUT).build())
			.tls(TlsSettings.builder()
				.certificatePath(this.dir.resolve("cert.pem"))
				.privateKeyPath(this.dir.resolve("key.pem"))
				.build())
			.build());
		this.server.start();
		this.executor = Executors.newCachedThreadPool();
		// a cold JVM may need longer than the 500 ms handshake timeout for its very first TLS handshake: warm up
		try {
			new GoodClient().close();
		}
		catch (Exception ex) {
			// only the warm-up may fail
		}
		this.good = new GoodClient();
	}

	@AfterEach
	void stop() {
		try {
			if (this.good != null) {
				this.good.close();
			}
		}
		finally {
			this.server.stop();
			this.executor.shutdownNow();
		}
	}

	/** The JDK's WebSocket client over wss, trusting the generated certificate. */
	private final class GoodClient implements AutoCloseable {

		private final ExecutorService http = Executors.newSingleThreadExecutor();

		private final BlockingQueue<String> got = new LinkedBlockingQueue<>();

		private final WebSocket ws;

		private int sequence;

		GoodClient() throws Exception {
			SSLContext ssl = TlsInterop.jdkContext(TlsBadInputTest.this.cert.certificate(), null, null);
			HttpClient client = HttpClient.newBuilder().sslContext(ssl).executor(this.http).build();
			StringBuilder text = new StringBuilder();
			try {
				this.ws = client.newWebSocketBuilder()
					.subprotocols("echo")
					.buildAsync(URI.create("wss://localhost:" + TlsBadInputTest.this.server.port() + "/"),
							new WebSocket.Listener() {
								@Override
								public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
									text.append(data);
									if (last) {
										GoodClient.this.got.add(text.toString());
										text.setLength(0);
									}
									w.request(1);
									return null;
								}
							})
					.get(10, TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				this.http.shutdownNow();
				throw ex;
			}
		}

		/** One echo round trip; returns how long it took. */
		Duration roundTrip() throws Exception {
			String message = "still served " + (++this.sequence);
			long start = System.nanoTime();
			this.ws.sendText(message, true).get(5, TimeUnit.SECONDS);
			assertThat(this.got.poll(5, TimeUnit.SECONDS)).isEqualTo(message);
			return Duration.ofNanos(System.nanoTime() - start);
		}

		@Override
		public void close() {
			try {
				this.ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				this.ws.abort();
			}
			finally {
				this.http.shutdownNow();
			}
		}

	}

	/** A real TLS 1.2/1.3 ClientHello record as the JDK's client writes it. */
	private static byte[] clientHello() throws Exception {
		SSLContext jdk = SSLContext.getInstance("TLS");
		jdk.init(null, null, null);
		SSLEngine engine = jdk.createSSLEngine("localhost", 443);
		engine.setUseClientMode(true);
		ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
		engine.wrap(ByteBuffer.allocate(0), out);
		out.flip();
		byte[] hello = new byte[out.remaining()];
		out.get(hello);
		assertThat(hello[0]).as("handshake record").isEqualTo((byte) 0x16);
		return hello;
	}

	/** The INFO lines about the connection from {@code s}' local port (connections log as conn#N[/ip:port]). */
	private List<String> infoLinesAbout(Socket s) {
		String tag = ":" + s.getLocalPort() + "]";
		List<String> found = new ArrayList<>();
		for (Object[] l : this.lines) {
			if ((int) l[0] == LogLevel.INFO && ((String) l[1]).contains(tag)) {
				found.add((String) l[1]);
			}
		}
		return found;
	}

	/** What the server sent before closing, and when it closed (counted from {@code since}). */
	private record Closed(Duration took, byte[] received) {
	}

	/** Reads until the server closes (a reset counts); fails the test if that takes more than 5 s. */
	private static Closed awaitClosed(Socket s, long since) throws IOException {
		s.setSoTimeout(5000);
		InputStream in = s.getInputStream();
		java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
		try {
			int b;
			while ((b = in.read()) >= 0) {
				received.write(b);
			}
		}
		catch (SocketException ex) {
			// reset counts as closed
		}
		return new Closed(Duration.ofNanos(System.nanoTime() - since), received.toByteArray());
	}

	@Test
	void aStallMidClientHelloIsDroppedAtTheHandshakeTimeoutWithOneInfoLineWhileOthersAreServed() throws Exception {
		this.good.roundTrip();
		byte[] hello = clientHello();
		List<Socket> stalled = new ArrayList<>();
		List<CompletableFuture<Closed>> closed = new ArrayList<>();
		try {
			long start = System.nanoTime();
			for (int i = 0; i < 5; i++) {
				Socket s = new Socket("127.0.0.1", this.server.port());
				stalled.add(s);
				s.getOutputStream().write(Arrays.copyOf(hello, hello.length / 2));
				s.getOutputStream().flush();
				closed.add(CompletableFuture.supplyAsync(() -> {
					try {
						return awaitClosed(s, start);
					}
					catch (IOException ex) {
						throw new java.io.UncheckedIOException(ex);
					}
				}, this.executor));
			}
			// the loop keeps echoing for the good client while the stalled handshakes wait for their timeout
			int trips = 0;
			while (!closed.stream().allMatch(CompletableFuture::isDone)) {
				assertThat(this.good.roundTrip()).isLessThan(Duration.ofSeconds(1));
				trips++;
			}
			assertThat(trips).isPositive();
			for (int i = 0; i < stalled.size(); i++) {
				Duration took = closed.get(i).get(10, TimeUnit.SECONDS).took();
				assertThat(took).as("dropped at, not before, the handshake timeout")
					.isGreaterThanOrEqualTo(HANDSHAKE_TIMEOUT.minusMillis(50))
					.isLessThan(HANDSHAKE_TIMEOUT.plusMillis(1500));
			}
			Thread.sleep(200);
			for (Socket s : stalled) {
				List<String> info = infoLinesAbout(s);
				assertThat(info).as("INFO lines for port %d; all lines: %s", s.getLocalPort(), allLines()).hasSize(1);
				assertThat(info.get(0)).containsIgnoringCase("handshake timeout");
			}
		}
		finally {
			for (Socket s : stalled) {
				s.close();
			}
		}
		this.good.roundTrip();
	}

	@Test
	void garbagePlainHttpAndATruncatedHelloWithEofAreClosedWithAtMostOneInfoLineEach() throws Exception {
		byte[] garbage = new byte[300];
		new Random(7).nextBytes(garbage);
		garbage[0] = 0x47; // not a TLS content type
		byte[] hello = clientHello();
		record Input(String name, byte[] bytes, boolean eof) {
		}
		List<Input> inputs = List.of(new Input("random garbage", garbage, false),
				new Input("plain HTTP request", ("GET / HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
						+ "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
						+ "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII), false),
				new Input("truncated ClientHello then EOF", Arrays.copyOf(hello, 40), true),
				new Input("whole ClientHello then EOF", hello, true),
				new Input("TLS record header announcing 64 KiB", new byte[] { 0x16, 0x03, 0x01, (byte) 0xff, (byte) 0xff },
						false));
		for (Input input : inputs) {
			try (Socket s = new Socket("127.0.0.1", this.server.port())) {
				long start = System.nanoTime();
				s.getOutputStream().write(input.bytes());
				s.getOutputStream().flush();
				if (input.eof()) {
					s.shutdownOutput();
				}
				Closed closed = awaitClosed(s, start);
				assertThat(closed.took()).as(input.name() + ": closed").isLessThan(HANDSHAKE_TIMEOUT.plusMillis(1500));
				if (!input.eof() && closed.received().length > 0) {
					// no handshake, no HTTP answer: at most an alert record (0x15). BouncyCastle queues no alert for
					// record-layer failures (unknown content type, record_overflow), so none is required here.
					assertThat(closed.received()).as(input.name() + ": only an alert before the close").startsWith((byte) 0x15);
				}
				Thread.sleep(100);
				assertThat(infoLinesAbout(s)).as(input.name() + ": at most one INFO line; all lines: " + allLines())
					.hasSizeLessThanOrEqualTo(1);
				assertThat(this.good.roundTrip()).as(input.name() + ": the good client is still served")
					.isLessThan(Duration.ofSeconds(1));
			}
		}
		// nothing above is worth more than INFO
		assertThat(this.lines).noneMatch((l) -> (int) l[0] == LogLevel.ERR || (int) l[0] == LogLevel.WARN);
		this.good.roundTrip();
	}

	private List<String> allLines() {
		return this.lines.stream().map((l) -> LogLevel.name((int) l[0]) + " " + l[1]).toList();
	}

}
