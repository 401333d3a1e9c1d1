package io.jlws.sample.interop;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs one of the Node scripts in {@code src/test/browser} (playwright-core driving Debian's headless Chromium)
 * against a URL and checks that it passed and saved its screenshot under {@code target/browser}.
 */
public final class BrowserDriver {

	static final Path BROWSER_DIR = Paths.get("src", "test", "browser").toAbsolutePath();

	static final Path OUT = Paths.get("target", "browser").toAbsolutePath();

	private BrowserDriver() {
	}

	/**
	 * @param script the script file, e.g. {@code testpage.js}
	 * @param url the page to open
	 * @param name the base name of the screenshot and log
	 * @return what the script printed
	 */
	public static String run(String script, String url, String name) throws Exception {
		Path node = ExternalTools.requireExecutable("node", "Debian package nodejs");
		Path chromium = ExternalTools.requireExecutable("chromium", "Debian package chromium");
		ExternalTools.require(Files.isDirectory(BROWSER_DIR.resolve("node_modules/playwright-core")),
				"playwright-core in " + BROWSER_DIR + "/node_modules (npm ci)");
		Files.createDirectories(OUT);
		Path screenshot = OUT.resolve(name + ".png");
		Files.deleteIfExists(screenshot);
		Path log = OUT.resolve(name + ".log");
		ProcessBuilder builder = new ProcessBuilder(node.toString(), script, url, screenshot.toString())
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
		assertThat(screenshot).exists();
		assertThat(Files.size(screenshot)).isGreaterThan(1000);
		return output;
	}

}
