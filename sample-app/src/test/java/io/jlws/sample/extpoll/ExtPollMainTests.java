package io.jlws.sample.extpoll;

import java.net.ConnectException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.jlws.sample.SampleMode;
import io.jlws.sample.support.JlwsTestClient;
import io.jlws.sample.support.JlwsTestClient.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@code java -jar jlws-sample-app.jar --sample.extpoll=true}: {@code SampleApplication.main} runs the external poll
 * server instead of Spring, in a child JVM, and SIGTERM stops it through its shutdown hook.
 */
@Timeout(120)
class ExtPollMainTests {

	private static final Pattern SERVING = Pattern
		.compile("extpoll: serving the test server on port (\\d+) .* UDP echo on 127\\.0\\.0\\.1:(\\d+)");

	@Test
	void mainRunsTheServerWithoutSpringUntilSigterm() throws Exception {
		try (ChildJvm jvm = ChildJvm.startSample("--sample.extpoll=true", "--jlws.port=0", "--jlws.address=127.0.0.1",
				"--sample.extpoll.udp-port=0")) {
			Matcher serving = jvm.awaitOutput(SERVING, Duration.ofSeconds(60));
			int port = Integer.parseInt(serving.group(1));
			int udpPort = Integer.parseInt(serving.group(2));

			HttpResponse<String> page = HttpClient.newBuilder()
				.version(HttpClient.Version.HTTP_1_1)
				.build()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
					.timeout(Duration.ofSeconds(10))
					.build(), BodyHandlers.ofString());
			assertThat(page.statusCode()).isEqualTo(200);
			assertThat(page.body()).contains("<title>");
			try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
				udp.setSoTimeout(10_000);
				byte[] ping = "ping".getBytes(StandardCharsets.US_ASCII);
				udp.send(new DatagramPacket(ping, ping.length, new InetSocketAddress("127.0.0.1", udpPort)));
				DatagramPacket reply = new DatagramPacket(new byte[64], 64);
				udp.receive(reply);
				assertThat(new String(reply.getData(), 0, reply.getLength(), StandardCharsets.US_ASCII))
					.isEqualTo("ping");
			}
			jvm.awaitOutput(Pattern.compile("udp 4 bytes from .* echoed: 'ping'"), Duration.ofSeconds(10));

			try (JlwsTestClient client = new JlwsTestClient()) {
				Session session = client.connect(port, "/", "dumb-increment-protocol");
				session.awaitEstablished();
				assertThat(session.nextMessage().text()).isEqualTo("0");
				assertThat(session.nextMessage().text()).isEqualTo("1");

				// the JVM exits with 128 + 15 after a SIGTERM once the hooks are done; main itself returned normally
				assertThat(jvm.terminate(Duration.ofSeconds(30))).as("exit code after SIGTERM").isEqualTo(143);
				assertThat(session.awaitClosed().status()).isEqualTo(1001);
			}
			String output = jvm.output();
			assertThat(output).contains("max connections", "extpoll: stopping",
					"extpoll: context stopped after", "0 channels left watched");
			assertThat(output).as("no Spring application context")
				.doesNotContain("Started SampleApplication", "Tomcat", "Exception");
			assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> {
				try (Socket socket = new Socket()) {
					socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
				}
			});
		}
	}

	@Test
	void aPortInUseEndsMainWithExitCodeOne() throws Exception {
		try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
				java.net.InetAddress.getByName("127.0.0.1"));
				ChildJvm jvm = ChildJvm.startSample("--sample.extpoll=true", "--jlws.address=127.0.0.1",
						"--jlws.port=" + taken.getLocalPort())) {
			jvm.awaitOutput(Pattern.compile("extpoll: cannot start"), Duration.ofSeconds(60));
			assertThat(jvm.terminate(Duration.ofSeconds(30))).isEqualTo(1);
		}
	}

	@Test
	void theModeIsReadFromTheCommandLineAndExcludesTheClientModes() {
		assertThat(ExtPollMain.isSelected(new String[] { "--sample.extpoll=true" })).isTrue();
		assertThat(ExtPollMain.isSelected(new String[] { "--sample.extpoll=false" })).isFalse();
		assertThat(ExtPollMain.isSelected(new String[] { "--jlws.port=0" })).isFalse();
		assertThat(ExtPollMain.isSelected(new String[0])).isFalse();
		assertThatIllegalStateException()
			.isThrownBy(() -> ExtPollMain.isSelected(
					new String[] { "--sample.extpoll=true", "--sample.client=ws://127.0.0.1:1/" }))
			.withMessageContaining(SampleMode.EXTPOLL);
	}

}
