package io.jlws.sample.tls;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * The third-party programs the TLS interop tests drive: found on PATH or in /usr/bin; a test is skipped when one is
 * missing, unless the environment variable {@code CI} is set (.ci/run installs them), where it fails.
 */
final class Tools {

	private Tools() {
	}

	/** Whether {@code CI} is set (and not "false"). */
	static boolean inCi() {
		String ci = System.getenv("CI");
		return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false");
	}

	/** Skips the test when {@code available} is false locally; fails it in CI. */
	static void require(boolean available, String what) {
		if (!available && inCi()) {
			throw new AssertionError(what + " is required in CI (.ci/run installs it)");
		}
		Assumptions.assumeTrue(available, what + " is not available (.ci/run installs it)");
	}

	/** An executable on PATH or in /usr/bin, or {@code null}. */
	static Path executable(String name) {
		List<String> dirs = new ArrayList<>();
		String path = System.getenv("PATH");
		if (path != null) {
			dirs.addAll(List.of(path.split(File.pathSeparator)));
		}
		dirs.add("/usr/bin");
		for (String dir : dirs) {
			if (dir.isEmpty()) {
				continue;
			}
			Path candidate = Paths.get(dir, name);
			if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		return null;
	}

	/** An executable that must be there: {@link #require} with a hint naming the Debian package. */
	static Path requireExecutable(String name, String hint) {
		Path executable = executable(name);
		require(executable != null, name + " (" + hint + ")");
		return executable;
	}

	/** A log file under target/interop, emptied. */
	static Path log(String name) throws IOException {
		Path log = Paths.get("target", "interop", name);
		Files.createDirectories(log.getParent());
		Files.deleteIfExists(log);
		return log;
	}

	/** What a log holds so far (ISO-8859-1: tools may print anything). */
	static String read(Path log) throws IOException {
		return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
	}

	/** Ends a process this test started and its descendants: TERM, then KILL; waits until they are gone. */
	static void kill(Process process) throws InterruptedException {
		if (process == null) {
			return;
		}
		List<ProcessHandle> descendants = process.descendants().toList();
		process.destroy();
		if (!process.waitFor(5, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			process.waitFor(10, TimeUnit.SECONDS);
		}
		for (ProcessHandle child : descendants) {
			if (child.isAlive()) {
				child.destroyForcibly();
				child.onExit().completeOnTimeout(child, 10, TimeUnit.SECONDS).join();
			}
		}
	}

}
