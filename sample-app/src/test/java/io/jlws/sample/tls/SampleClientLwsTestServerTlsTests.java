package io.jlws.sample.tls;

import io.jlws.sample.interop.ExternalTools;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.IntStream;

import io.jlws.sample.SampleApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's test client (once mode) over {@code wss://} against libwebsockets' own test server (Debian package
 * {@code libwebsockets-test-server}, on OpenSSL) started with {@code --ssl --ssl-cert --ssl-key} and
 * {@link TestCertificates}' server certificate (the one it ships is a 1024-bit key that OpenSSL 3 refuses at its
 * default security level). Once trusting the test CA through {@code jlws.client.ssl-ca-filepath}, with the host name
 * checked; once with {@code sample.allow-self-signed=true}, which accepts any certificate.
 */
@ExtendWith(OutputCaptureExtension.class)
class SampleClientLwsTestServerTlsTests {

	static final String SERVER = "libwebsockets-test-server";

	@Test
	void onceModeSucceedsOverWssTrustingTheTestCa(CapturedOutput output) throws Exception {
		runAgainstLwsTestServer(output, "--jlws.client.ssl-ca-filepath=" + TestCertificates.get().ca());
	}

	@Test
	void onceModeSucceedsOverWssAllowingSelfSigned(CapturedOutput output) throws Exception {
		runAgainstLwsTestServer(output, "--sample.allow-self-signed=true");
	}

	@Test
	void onceModeFailsOverWssWithoutTrust(CapturedOutput output) throws Exception {
		Path binary = ExternalTools.requireExecutable(SERVER, "Debian package libwebsockets-test-server");
		int port = freePort();
		Path log = ExternalTools.log("libwebsockets-test-server-tls-untrusted.log");
		Process server = null;
		try {
			server = startServer(binary, port, log);
			int code = runClient("--sample.client=wss://127.0.0.1:" + port + "/", "--sample.once=true");
			assertThat(code).as("exit code; output:%n%s", output.getOut()).isEqualTo(1);
			assertThat(output.getOut()).contains("once: FAILED: ").contains("connection failed");
		}
		finally {
			ExternalTools.kill(server);
		}
	}

	private void runAgainstLwsTestServer(CapturedOutput output, String trust) throws Exception {
		Path binary = ExternalTools.requireExecutable(SERVER, "Debian package libwebsockets-test-server");
		int port = freePort();
		Path log = ExternalTools.log("libwebsockets-test-server-tls-" + port + ".log");
		Process server = null;
		try {
			server = startServer(binary, port, log);
			int code = runClient("--sample.client=wss://127.0.0.1:" + port + "/", "--sample.once=true", trust);
			assertThat(code).as("exit code; output:%n%s%nserver log:%n%s", output.getOut(), ExternalTools.read(log)).isZero();
			assertThat(output.getOut()).contains(IntStream.range(0, 10).mapToObj((n) -> "dumb-increment: " + n + "\n")
				.toArray(String[]::new)).contains("once: OK: ");
		}
		finally {
			ExternalTools.kill(server);
		}
		assertThat(ExternalTools.read(log)).contains("Vhost 'default' using TLS mode");
	}

	private static Process startServer(Path binary, int port, Path log) throws Exception {
		TestCertificates certificates = TestCertificates.get();
		Process server = new ProcessBuilder(binary.toString(), "--port", Integer.toString(port), "--ssl", "--ssl-cert",
				certificates.certificate().toString(), "--ssl-key", certificates.privateKey().toString())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		awaitListening(server, port, log);
		return server;
	}

	/** Runs a client mode in-process as {@code main} does and returns the exit code {@code main} would exit with. */
	private static int runClient(String... args) {
		List<String> all = new ArrayList<>(List.of(args));
		all.add("--spring.lifecycle.timeout-per-shutdown-phase=2s");
		ConfigurableApplicationContext context = SpringApplication.run(SampleApplication.class,
				all.toArray(new String[0]));
		try {
			OptionalInt code = SampleApplication.awaitClientRun(context);
			assertThat(code).as("a run that ends by itself").isPresent();
			return SpringApplication.exit(context, code::getAsInt);
		}
		finally {
			context.close();
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static void awaitListening(Process server, int port, Path log) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (true) {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
				return;
			}
			catch (IOException ex) {
				if (!server.isAlive() || System.nanoTime() > deadline) {
					throw new AssertionError(SERVER + " does not listen on " + port + "; log:\n" + ExternalTools.read(log), ex);
				}
				Thread.sleep(50);
			}
		}
	}

}
