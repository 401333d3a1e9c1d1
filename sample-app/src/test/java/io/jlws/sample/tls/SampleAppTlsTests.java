package io.jlws.sample.tls;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The sample app with TLS from properties, checked with the JDK's own clients (SunJSSE): the echo protocol over
 * {@code wss://localhost} with the test CA trusted and the host name verified, refused without it, and the actuator's
 * jlws health saying TLS is on and with which protocols.
 */
class SampleAppTlsTests extends TlsSampleAppTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@Value("${local.jlws.port}")
	private int port;

	@Value("${local.server.port}")
	private int serverPort;

	@Test
	void echoOverWssWithTheTestCaTrusted() throws Exception {
		HttpClient http = HttpClient.newBuilder().sslContext(trustingTheTestCa()).connectTimeout(TIMEOUT).build();
		BlockingQueue<String> received = new LinkedBlockingQueue<>();
		WebSocket ws = http.newWebSocketBuilder()
			.buildAsync(URI.create("wss://localhost:" + this.port + "/echo"), new WebSocket.Listener() {

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
			ws.sendText("jdk over wss", true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			assertThat(received.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("jdk over wss");
			ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
		finally {
			ws.abort();
		}
	}

	@Test
	void jdkClientWithoutTheTestCaRefusesTheServer() {
		HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
		assertThatExceptionOfType(ExecutionException.class)
			.isThrownBy(() -> http.newWebSocketBuilder()
				.buildAsync(URI.create("wss://localhost:" + this.port + "/echo"), new WebSocket.Listener() {
				})
				.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
			.satisfies((ex) -> assertThat(causes(ex)).hasAtLeastOneElementOfType(SSLHandshakeException.class));
	}

	@Test
	void healthSaysTlsIsOnWithItsProtocols() throws Exception {
		HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
		HttpResponse<String> response = http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.serverPort + "/actuator/health/jlws"))
					.timeout(TIMEOUT)
					.build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.body()).contains("\"tls\":true")
			.contains("\"tlsProtocols\":[\"TLSv1.3\",\"TLSv1.2\"]")
			.contains("\"tlsClientAuth\":\"none\"")
			.containsPattern("\"tlsCipherSuites\":[1-9]");
	}

	private static SSLContext trustingTheTestCa() throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		store.load(null, null);
		try (var in = Files.newInputStream(TestCertificates.get().ca())) {
			store.setCertificateEntry("test-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
		}
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(store);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, trust.getTrustManagers(), null);
		return context;
	}

	private static List<Throwable> causes(Throwable ex) {
		List<Throwable> causes = new ArrayList<>();
		for (Throwable cause = ex; cause != null && !causes.contains(cause); cause = cause.getCause()) {
			causes.add(cause);
		}
		return causes;
	}

}
