package io.jlws.sample.tls;

import io.jlws.sample.interop.ExternalTools;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.jlws.Context;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * libwebsockets' own test client (Debian package {@code libwebsockets-test-server}, on OpenSSL) against the sample
 * app over TLS: {@code --ssl} is its lax mode (lws' {@code -s}: self-signed certificates allowed, host name not
 * checked; it does not verify the certificate, so the test CA need not be installed). With {@code -O} it exits by
 * itself when its mirror session ends, after a random number of writes, which takes a few seconds; so it runs for at
 * most 3 s and is killed if still running. Either way its log must show TLS, the upgrade and the mirror session and
 * no connection error, and the server must have counted the traffic both ways.
 */
class LibwebsocketsTestClientTlsTests extends TlsSampleAppTests {

	static final String CLIENT = "libwebsockets-test-client";

	@Value("${local.jlws.port}")
	private int port;

	@Autowired
	private Context context;

	@Test
	void libwebsocketsTestClientConnectsBothProtocolsOverTls() throws Exception {
		Path client = ExternalTools.requireExecutable(CLIENT, "Debian package libwebsockets-test-server");
		Path log = ExternalTools.log("libwebsockets-test-client-tls.log");
		long messagesInBefore = this.context.stats().messagesIn();
		long messagesOutBefore = this.context.stats().messagesOut();
		Process process = null;
		boolean exitedByItself;
		try {
			process = new ProcessBuilder(client.toString(), "127.0.0.1", "--port", Integer.toString(this.port), "--ssl",
					"-O")
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
				assertThat(this.context.stats().perProtocol().getOrDefault("dumb-increment-protocol", 0))
					.isGreaterThanOrEqualTo(1);
				assertThat(this.context.stats().perProtocol().getOrDefault("lws-mirror-protocol", 0))
					.isGreaterThanOrEqualTo(1);
				assertThat(ExternalTools.read(log)).contains("mirror: LWS_CALLBACK_CLIENT_ESTABLISHED");
			});
			exitedByItself = process.waitFor(3, TimeUnit.SECONDS);
			if (exitedByItself) {
				assertThat(process.exitValue()).as("exit status; log:%n%s", ExternalTools.read(log)).isZero();
			}
		}
		finally {
			ExternalTools.kill(process);
		}
		String output = ExternalTools.read(log);
		assertThat(output).as(output)
			.contains("Using SSL")
			.contains("lws_http_client_http_response 101")
			.contains("mirror: LWS_CALLBACK_CLIENT_ESTABLISHED")
			.contains("Peer Cert CN        : localhost")
			.doesNotContain("CLIENT_CONNECTION_ERROR");
		if (exitedByItself) {
			assertThat(output).contains("closing mirror session", "mirror: LWS_CALLBACK_CLOSED");
		}
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			assertThat(this.context.stats().messagesIn() - messagesInBefore).isGreaterThan(100);
			assertThat(this.context.stats().messagesOut() - messagesOutBefore).isGreaterThan(100);
		});
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
			assertThat(this.context.stats().perProtocol().getOrDefault("dumb-increment-protocol", 0)).isZero();
			assertThat(this.context.stats().perProtocol().getOrDefault("lws-mirror-protocol", 0)).isZero();
		});
	}

}
