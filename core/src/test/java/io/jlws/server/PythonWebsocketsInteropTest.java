package io.jlws.server;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Debian's python3-websockets client echoes through a core-only echo server (installed by .ci/run). */
class PythonWebsocketsInteropTest {

	/** Debian's interpreter, which sees Debian's python3-websockets even where another python3 is first on PATH. */
	static final String PYTHON = new File("/usr/bin/python3").canExecute() ? "/usr/bin/python3" : "python3";

	static boolean pythonWebsocketsAvailable() {
		try {
			Process p = new ProcessBuilder(PYTHON, "-c", "import websockets").redirectErrorStream(true).start();
			return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
		}
		catch (Exception ex) {
			return false;
		}
	}

	@Test
	void python3WebsocketsEchoesTextBinaryFragmentsAndPing() throws Exception {
		boolean available = pythonWebsocketsAvailable();
		if (System.getenv("CI") == null) {
			Assumptions.assumeTrue(available, "python3-websockets not installed (.ci/run installs it)");
		}
		assertThat(available).as("python3-websockets must be installed in CI").isTrue();
		try (EchoServer server = new EchoServer()) {
			Process p = new ProcessBuilder(PYTHON, script(), Integer.toString(server.port()))
				.redirectErrorStream(true)
				.start();
			boolean done = p.waitFor(60, TimeUnit.SECONDS);
			String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!done) {
				p.destroyForcibly();
			}
			assertThat(done).as("python client finished").isTrue();
			assertThat(p.exitValue()).as(output).isZero();
			assertThat(output).contains("python3-websockets echo OK");
		}
	}

	private static String script() throws URISyntaxException {
		return new File(PythonWebsocketsInteropTest.class.getResource("/interop/python_echo_client.py").toURI())
			.getAbsolutePath();
	}

}
