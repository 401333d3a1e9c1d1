package io.jlws.sample.client;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's test client (once mode) against libwebsockets' own test server (Debian package
 * {@code libwebsockets-test-server}), whose {@code dumb-increment-protocol} counts every 50 ms and whose
 * {@code lws-mirror-protocol} sends every message to every member, the sender included. Skipped when the program is
 * missing, unless {@code CI} is set.
 */
@ExtendWith(OutputCaptureExtension.class)
class LwsTestServerInteropTests {

	static final String SERVER = "libwebsockets-test-server";

	@Test
	void onceModeSucceedsAgainstLibwebsocketsTestServer(CapturedOutput output) throws Exception {
		Path binary = SampleRuns.requireExecutable(SERVER, "Debian package libwebsockets-test-server");
		int port = SampleRuns.closedPort();
		Path log = Paths.get("target", "interop", "libwebsockets-test-server-" + port + ".log");
		Files.createDirectories(log.getParent());
		Process process = null;
		try {
			process = new ProcessBuilder(binary.toString(), "--port", Integer.toString(port))
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			SampleRuns.awaitListening(port, Duration.ofSeconds(10));
			int code = SampleRuns.runClient("--sample.client=ws://127.0.0.1:" + port + "/", "--sample.once=true");
			assertThat(code).as("exit code; output:%n%s%nserver log:%n%s", output.getOut(), read(log)).isZero();
			assertThat(output.getOut()).contains(IntStream.range(0, 10).mapToObj((n) -> "dumb-increment: " + n + "\n")
				.toArray(String[]::new)).contains("once: OK: ");
		}
		finally {
			SampleRuns.kill(process);
		}
	}

	private static String read(Path log) throws Exception {
		return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
	}

}
