package io.jlws.autoconfigure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

import io.jlws.ClientConnectInfo;
import io.jlws.Connection;
import io.jlws.Context;
import io.jlws.WriteType;
import io.jlws.spring.annotation.OnClientConnectionError;
import io.jlws.spring.annotation.OnClientEstablished;
import io.jlws.spring.annotation.OnClientReceive;
import io.jlws.spring.annotation.OnClientWriteable;
import io.jlws.spring.annotation.WebSocketProtocol;
import io.jlws.spring.client.JlwsClient;
import io.jlws.spring.test.TextEchoHandler;
import io.jlws.tls.SelfSignedCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TLS from properties over real sockets on 127.0.0.1: {@code jlws.ssl-self-signed} with the JDK's WebSocket client
 * (SunJSSE, trusting anything) echoing through the listener, and a Spring Boot SSL bundle on both sides, the
 * application's own {@link JlwsClient} connecting over {@code wss://} with its trust from
 * {@code jlws.client.ssl-bundle} and host name verification on.
 */
class JlwsTlsSocketTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, JlwsAutoConfiguration.class))
		.withPropertyValues("jlws.port=0", "jlws.address=127.0.0.1", "spring.lifecycle.timeout-per-shutdown-phase=2s");

	@TempDir
	Path dir;

	@Test
	void selfSignedListenerEchoesOverWssToTheJdkClient() {
		this.runner.withPropertyValues("jlws.ssl-self-signed=true")
			.withUserConfiguration(TextEchoHandler.class)
			.run((context) -> {
				int port = context.getBean(Context.class).port();
				BlockingQueue<String> received = new LinkedBlockingQueue<>();
				HttpClient http = HttpClient.newBuilder().sslContext(trustingAnything()).build();
				WebSocket ws = http.newWebSocketBuilder()
					.connectTimeout(TIMEOUT)
					.buildAsync(URI.create("wss://127.0.0.1:" + port + "/text"), new WebSocket.Listener() {

						private final StringBuilder text = new StringBuilder();

						@Override
						public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
							this.text.append(data);
							if (last) {
								received.add(this.text.toString());
								this.text.setLength(0);
							}
							webSocket.request(1);
							return null;
						}

					})
					.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
				try {
					ws.sendText("hello over TLS ünïcödé", true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
					assertThat(received.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
						.isEqualTo("echo: hello over TLS ünïcödé");
					String large = "x".repeat(100_000);
					ws.sendText(large, true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
					String echoed = received.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
					assertThat(echoed).as("100 kB echoed").isNotNull().hasSize(large.length() + 6);
					assertThat(echoed.equals("echo: " + large)).as("100 kB echoed intact").isTrue();
					ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
				}
				finally {
					ws.abort();
				}
			});
	}

	@Test
	void sslBundlesServeAndTrustTheApplicationsOwnWssClient() throws Exception {
		SelfSignedCertificate server = SelfSignedCertificate.generate();
		Path cert = this.dir.resolve("server.crt");
		Path key = this.dir.resolve("server.key");
		server.writePem(cert, key);
		this.runner
			.withPropertyValues("jlws.ssl-bundle=server", "jlws.client.ssl-bundle=peers",
					"spring.ssl.bundle.pem.server.keystore.certificate=file:" + cert,
					"spring.ssl.bundle.pem.server.keystore.private-key=file:" + key,
					"spring.ssl.bundle.pem.peers.truststore.certificate=file:" + cert)
			.withUserConfiguration(TextEchoHandler.class, WssClientHandler.class)
			.run((context) -> {
				int port = context.getBean(Context.class).port();
				WssClientHandler handler = context.getBean(WssClientHandler.class);
				// localhost: the certificate's name, checked (no allowSelfSigned, no skipHostnameCheck)
				context.getBean(JlwsClient.class)
					.connect(ClientConnectInfo.of(URI.create("wss://localhost:" + port + "/text"))
						.subprotocols("text-echo")
						.protocol("wss-client")
						.build());
				assertThat(handler.events.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
					.isEqualTo("established text-echo");
				assertThat(handler.events.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("text echo: over wss");
			});
	}

	@Test
	void clientWithoutTrustRefusesTheSelfSignedListener() {
		this.runner.withPropertyValues("jlws.ssl-self-signed=true")
			.withUserConfiguration(TextEchoHandler.class, WssClientHandler.class)
			.run((context) -> {
				int port = context.getBean(Context.class).port();
				WssClientHandler handler = context.getBean(WssClientHandler.class);
				context.getBean(JlwsClient.class)
					.connect(ClientConnectInfo.of(URI.create("wss://localhost:" + port + "/text"))
						.subprotocols("text-echo")
						.protocol("wss-client")
						.build());
				assertThat(handler.events.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).startsWith("error ");
			});
	}

	private static SSLContext trustingAnything() throws Exception {
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, new TrustManager[] { new TrustingAnything() }, new SecureRandom());
		return context;
	}

	/** Client side of {@code wss-client}: sends one text message once established and records what happens. */
	@WebSocketProtocol(name = "wss-client", wholeMessage = true)
	static class WssClientHandler {

		final BlockingQueue<String> events = new LinkedBlockingQueue<>();

		private boolean sent;

		@OnClientEstablished
		void established(Connection connection) {
			this.events.add("established " + connection.negotiatedSubprotocol());
			connection.requestWritable();
		}

		@OnClientWriteable
		void writeable(Connection connection) {
			if (!this.sent) {
				this.sent = true;
				connection.write(ByteBuffer.wrap("over wss".getBytes(StandardCharsets.UTF_8)), WriteType.TEXT, true);
			}
		}

		@OnClientReceive
		void message(String text) {
			this.events.add("text " + text);
		}

		@OnClientConnectionError
		void error(String reason) {
			this.events.add("error " + reason);
		}

	}

	/** Development only, as in the tests: accepts any server certificate and name. */
	private static final class TrustingAnything extends X509ExtendedTrustManager {

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType, java.net.Socket socket) {
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType, java.net.Socket socket) {
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType) {
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType) {
		}

		@Override
		public X509Certificate[] getAcceptedIssuers() {
			return new X509Certificate[0];
		}

	}

}
