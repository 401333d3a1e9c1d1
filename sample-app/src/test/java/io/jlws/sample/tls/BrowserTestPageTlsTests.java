package io.jlws.sample.tls;

import io.jlws.sample.interop.ExternalTools;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test page over {@code https://} and its WebSockets over {@code wss://} in Debian's Chromium, headless, driven
 * by {@code src/test/browser/testpage-tls.js}: {@code testpage.js} unchanged, with Chromium told to accept the test
 * certificate ({@code --ignore-certificate-errors}; installing the test CA would need an NSS database). The page
 * picks {@code wss://} itself because it was loaded over https; the script checks the dumb-increment counter, the
 * mirror and lws-status, and saves {@code target/browser/testpage-tls.png}.
 */
class BrowserTestPageTlsTests extends TlsSampleAppTests {

	static final Path BROWSER_DIR = Paths.get("src", "test", "browser").toAbsolutePath();

	static final Path OUT = Paths.get("target", "browser").toAbsolutePath();

	@Value("${local.jlws.port}")
	private int port;

	@Test
	void testPageWorksOverHttpsAndWssInHeadlessChromium() throws Exception {
		Path node = ExternalTools.requireExecutable("node", "Debian package nodejs");
		Path chromium = ExternalTools.requireExecutable("chromium", "Debian package chromium");
		ExternalTools.require(Files.isDirectory(BROWSER_DIR.resolve("node_modules/playwright-core")),
				"playwright-core in " + BROWSER_DIR + "/node_modules (npm ci)");
		Files.createDirectories(OUT);
		Path screenshot = OUT.resolve("testpage-tls.png");
		Files.deleteIfExists(screenshot);
		Path log = OUT.resolve("testpage-tls.log");
		ProcessBuilder builder = new ProcessBuilder(node.toString(), "testpage-tls.js",
				"https://127.0.0.1:" + this.port + "/", screenshot.toString())
			.directory(BROWSER_DIR.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().put("CHROMIUM", chromium.toString());
		Process process = null;
		boolean exited;
		try {
			process = builder.start();
			// the script has its own 30 s timeout; this bound is for a script that hangs anyway
			exited = process.waitFor(60, TimeUnit.SECONDS);
		}
		finally {
			ExternalTools.kill(process);
		}
		String output = Files.readString(log, StandardCharsets.UTF_8);
		assertThat(exited).as("node exited within 60 s; output:%n%s", output).isTrue();
		assertThat(process.exitValue()).as("exit status; output:%n%s", output).isZero();
		assertThat(output).contains("[testpage-tls] https", "[testpage] OK");
		assertThat(screenshot).exists();
		assertThat(Files.size(screenshot)).isGreaterThan(1000);
	}

}
