package io.jlws.sample.extpoll;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.jlws.sample.SampleApplication;

/**
 * {@code SampleApplication.main} in a child JVM with this JVM's class path, its output (stdout and stderr) in a
 * temporary file: for what only a process of its own shows, such as a shutdown hook on SIGTERM or a logging setup
 * that an earlier application context in this JVM would otherwise have claimed. {@link #close()} kills it if still
 * alive.
 */
public final class ChildJvm implements AutoCloseable {

	private final Process process;

	private final Path log;

	private ChildJvm(Process process, Path log) {
		this.process = process;
		this.log = log;
	}

	/** Starts {@code SampleApplication} with the arguments. */
	public static ChildJvm startSample(String... args) throws IOException {
		Path log = Files.createTempFile("jlws-sample", ".log");
		List<String> command = new ArrayList<>(List.of(
				Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), SampleApplication.class.getName()));
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		return new ChildJvm(process, log);
	}

	/** The process id. */
	public long pid() {
		return this.process.pid();
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	/** Everything it printed so far. */
	public String output() {
		try {
			return Files.readString(this.log, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Waits until its output matches.
	 * @throws AssertionError when it does not within the time, or the process ends first
	 */
	public Matcher awaitOutput(Pattern pattern, Duration limit) throws InterruptedException {
		long deadline = System.nanoTime() + limit.toNanos();
		while (true) {
			boolean ended = !this.process.isAlive();
			Matcher matcher = pattern.matcher(output());
			if (matcher.find()) {
				return matcher;
			}
			if (ended || System.nanoTime() > deadline) {
				throw new AssertionError("No /" + pattern + "/ in the output " + (ended ? "(process ended)" : "after "
						+ limit) + ":\n" + output());
			}
			Thread.sleep(50);
		}
	}

	/**
	 * Sends SIGTERM and waits for the exit.
	 * @return the exit code, or -1 when it had to be killed
	 */
	public int terminate(Duration limit) throws InterruptedException {
		this.process.destroy();
		if (this.process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
			return this.process.exitValue();
		}
		this.process.destroyForcibly();
		this.process.waitFor(10, TimeUnit.SECONDS);
		return -1;
	}

	@Override
	public void close() throws IOException, InterruptedException {
		if (this.process.isAlive()) {
			this.process.destroyForcibly();
			this.process.waitFor(10, TimeUnit.SECONDS);
		}
		Files.deleteIfExists(this.log);
	}

}
