package io.jlws.sample.interop;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.jlws.Context;
import io.jlws.sample.support.SampleAppTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * libwebsockets' own test client (Debian package {@code libwebsockets-test-server}) against the sample app: it
 * opens a dumb-increment and a mirror connection and draws circles on the mirror, one per CLIENT_WRITEABLE. With
 * {@code -O} ("once") it exits by itself when its mirror session ends, after 16384 to 81919 writes (a random
 * lifetime), which takes a few seconds; so it runs for at most 3 s and is killed if still running. Either way its
 * log must show the upgrade and the mirror session and no connection error, and the server must have counted the
 * traffic both ways.
 */
@SampleAppTest
class LibwebsocketsTestClientInteropTests {

	static final String CLIENT = "libwebsockets-test-client";

	@Value("${local.jlws.port}")
	private int port;

	@Autowired
	private Context context;

	@Test
	void libwebsocketsTestClientConnectsBothProtocols() throws Exception {
		Path client = ExternalTools.executable(CLIENT);
		ExternalTools.require(client != null, CLIENT + " (Debian package libwebsockets-test-server)");
		Path log = Paths.get("target", "interop", "libwebsockets-test-client.log");
		Files.createDirectories(log.getParent());
		long messagesInBefore = this.context.stats().messagesIn();
		long messagesOutBefore = this.context.stats().messagesOut();
		Process process = null;
		boolean exitedByItself;
		try {
			process = new ProcessBuilder(client.toString(), "127.0.0.1", "--port", Integer.toString(this.port), "-O")
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			// both connections reach the server's protocols
			await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
				assertThat(this.context.stats().perProtocol().getOrDefault("dumb-increment-protocol", 0))
					.isGreaterThanOrEqualTo(1);
				assertThat(this.context.stats().perProtocol().getOrDefault("lws-mirror-protocol", 0))
					.isGreaterThanOrEqualTo(1);
				assertThat(read(log)).contains("mirror: LWS_CALLBACK_CLIENT_ESTABLISHED");
			});
			// then let it draw on the mirror and count for a while
			exitedByItself = process.waitFor(3, TimeUnit.SECONDS);
			if (exitedByItself) {
				assertThat(process.exitValue()).as("exit status; log:%n%s", read(log)).isZero();
			}
		}
		finally {
			ExternalTools.kill(process);
		}
		String output = read(log);
		assertThat(output).contains("lws_http_client_http_response 101")
			.contains("mirror: LWS_CALLBACK_CLIENT_ESTABLISHED")
			.doesNotContain("CLIENT_CONNECTION_ERROR");
		if (exitedByItself) {
			// -O: the mirror session ran its full lifetime and was closed by the client, cleanly
			assertThat(output).contains("closing mirror session", "mirror: LWS_CALLBACK_CLOSED");
		}
		// circles in, circles mirrored back plus the dumb-increment numbers out
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			assertThat(this.context.stats().messagesIn() - messagesInBefore).isGreaterThan(100);
			assertThat(this.context.stats().messagesOut() - messagesOutBefore).isGreaterThan(100);
		});
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
			assertThat(this.context.stats().perProtocol().getOrDefault("dumb-increment-protocol", 0)).isZero();
			assertThat(this.context.stats().perProtocol().getOrDefault("lws-mirror-protocol", 0)).isZero();
		});
	}

	private static String read(Path log) throws java.io.IOException {
		return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
	}

}
