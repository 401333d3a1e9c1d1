package io.jlws.sample.interop;

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

import static org.assertj.core.api.Assertions.assertThat;

/** Finding the third-party programs the interop tests drive, and the CI rule: skip locally, fail in CI. */
public final class ExternalTools {

	private ExternalTools() {
	}

	/** Whether the environment variable {@code CI} is set (as .ci/run's callers do). */
	public static boolean inCi() {
		String ci = System.getenv("CI");
		return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false");
	}

	/** Skips the test when {@code available} is false locally; fails it in CI with the hint. */
	public static void require(boolean available, String what) {
		if (inCi()) {
			assertThat(available).as(what + " is required in CI (.ci/run installs it)").isTrue();
		}
		else {
			Assumptions.assumeTrue(available, what + " is not available (.ci/run installs it)");
		}
	}

	/** An executable on PATH or in /usr/bin, or {@code null}. */
	public static Path executable(String name) {
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

	/** Ends a process we started and its descendants: TERM, then KILL; waits until it is gone. */
	public static void kill(Process process) throws InterruptedException {
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
		assertThat(process.isAlive()).as("process " + process.pid() + " still alive").isFalse();
	}

	public static Path requireExecutable(String name, String hint) {
		Path executable = executable(name);
		require(executable != null, name + " (" + hint + ")");
		return executable;
	}

	/** A log file under target/interop, emptied. */
	public static Path log(String name) throws IOException {
		Path log = Paths.get("target", "interop", name);
		Files.createDirectories(log.getParent());
		Files.deleteIfExists(log);
		return log;
	}

	/** What a log holds so far (ISO-8859-1: tools may print anything). */
	public static String read(Path log) throws IOException {
		return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
	}

}
