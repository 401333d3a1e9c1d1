package io.jlws.sample.interop;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

import io.jlws.sample.support.SampleAppTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test page in a real browser: Debian's Chromium, headless, driven by {@code playwright-core} from
 * {@code src/test/browser/testpage.js} (whose {@code npm ci} .ci/run does). The script checks the dumb-increment
 * counter, draws on the mirror canvas until a stroke comes back, sees itself in lws-status and saves
 * {@code target/browser/testpage.png}.
 */
@SampleAppTest
class BrowserTestPageTests {

	static final Path BROWSER_DIR = Paths.get("src", "test", "browser").toAbsolutePath();

	static final Path OUT = Paths.get("target", "browser").toAbsolutePath();

	@Value("${local.jlws.port}")
	private int port;

	@Test
	void testPageCountsMirrorsAndShowsStatusInHeadlessChromium() throws Exception {
		Path node = ExternalTools.executable("node");
		Path chromium = ExternalTools.executable("chromium");
		ExternalTools.require(node != null, "node (Debian package nodejs)");
		ExternalTools.require(chromium != null, "chromium (Debian package chromium)");
		ExternalTools.require(Files.isDirectory(BROWSER_DIR.resolve("node_modules/playwright-core")),
				"playwright-core in " + BROWSER_DIR + "/node_modules (npm ci)");

		Files.createDirectories(OUT);
		Path screenshot = OUT.resolve("testpage.png");
		Files.deleteIfExists(screenshot);
		Path log = OUT.resolve("testpage.log");
		String url = "http://127.0.0.1:" + this.port + "/";
		ProcessBuilder builder = new ProcessBuilder(node.toString(), "testpage.js", url, screenshot.toString())
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
		assertThat(output).contains("[testpage] OK");
		assertThat(screenshot).exists();
		assertThat(Files.size(screenshot)).isGreaterThan(1000);
	}

}
