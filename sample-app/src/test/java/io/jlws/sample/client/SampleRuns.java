package io.jlws.sample.client;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.jlws.Context;
import io.jlws.sample.SampleApplication;
import org.junit.jupiter.api.Assumptions;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Running the sample app in the tests: its server in-process on ephemeral loopback ports, its client modes
 * in-process (a Spring context of their own, as {@code main} runs them but without {@code System.exit}) or as a
 * child JVM, and third-party programs found on PATH.
 */
final class SampleRuns {

	private SampleRuns() {
	}

	/** The sample app in server mode, jlws and Spring's web server on ephemeral ports on 127.0.0.1. */
	static ConfigurableApplicationContext startServer() {
		return SpringApplication.run(SampleApplication.class, "--jlws.port=0", "--jlws.address=127.0.0.1",
				"--server.port=0", "--server.address=127.0.0.1", "--spring.lifecycle.timeout-per-shutdown-phase=2s");
	}

	/** The jlws port of a started sample server. */
	static int jlwsPort(ConfigurableApplicationContext server) {
		return server.getBean(Context.class).port();
	}

	/**
	 * Runs a client mode in-process as {@code main} does: starts the app with the arguments, waits for its exit
	 * code, closes it.
	 * @param whileRunning sees the running application context before it is closed
	 * @return the exit code {@code main} would exit with
	 */
	static int runClient(Consumer<ConfigurableApplicationContext> whileRunning, String... args) {
		ConfigurableApplicationContext context = SpringApplication.run(SampleApplication.class,
				withTestDefaults(args));
		try {
			OptionalInt code = SampleApplication.awaitClientRun(context);
			assertThat(code).as("a run that ends by itself").isPresent();
			whileRunning.accept(context);
			return SpringApplication.exit(context, code::getAsInt);
		}
		finally {
			context.close();
		}
	}

	static int runClient(String... args) {
		return runClient((context) -> {
		}, args);
	}

	/** Starts a client mode in-process that runs until its context is closed. */
	static ConfigurableApplicationContext startClient(String... args) {
		return SpringApplication.run(SampleApplication.class, withTestDefaults(args));
	}

	private static String[] withTestDefaults(String... args) {
		List<String> all = new ArrayList<>(List.of(args));
		all.add("--spring.lifecycle.timeout-per-shutdown-phase=2s");
		return all.toArray(new String[0]);
	}

	/** What a child process did. */
	record Exit(int code, String output, Duration took) {

	}

	/**
	 * Runs {@code SampleApplication.main} in a child JVM with this JVM's class path, killed after {@code limit}.
	 * @return its exit code and output; the code is -1 when it had to be killed
	 */
	static Exit runMain(Duration limit, String... args) throws IOException, InterruptedException {
		Path log = Files.createTempFile("sample-client", ".log");
		List<String> command = new ArrayList<>(List.of(
				Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), SampleApplication.class.getName()));
		command.addAll(List.of(args));
		long start = System.nanoTime();
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		try {
			boolean exited = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			String output = Files.readString(log, StandardCharsets.UTF_8);
			return new Exit(exited ? process.exitValue() : -1, output, took);
		}
		finally {
			kill(process);
			Files.deleteIfExists(log);
		}
	}

	/** A loopback port nothing listens on (just released). */
	static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	/** Waits until 127.0.0.1:port accepts connections. */
	static void awaitListening(int port, Duration limit) throws InterruptedException {
		long deadline = System.nanoTime() + limit.toNanos();
		while (true) {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
				return;
			}
			catch (IOException ex) {
				if (System.nanoTime() > deadline) {
					throw new AssertionError("nothing listens on 127.0.0.1:" + port + " after " + limit, ex);
				}
				Thread.sleep(50);
			}
		}
	}

	/** Whether the environment variable {@code CI} is set: third-party programs are required there. */
	static boolean inCi() {
		String ci = System.getenv("CI");
		return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false");
	}

	/** An executable on PATH or in /usr/bin; skips the test when missing locally, fails it in CI. */
	static Path requireExecutable(String name, String hint) {
		List<String> dirs = new ArrayList<>();
		String path = System.getenv("PATH");
		if (path != null) {
			dirs.addAll(List.of(path.split(File.pathSeparator)));
		}
		dirs.add("/usr/bin");
		for (String dir : dirs) {
			Path candidate = dir.isEmpty() ? null : Paths.get(dir, name);
			if (candidate != null && Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		String missing = name + " not found (" + hint + "; .ci/run installs it)";
		if (inCi()) {
			throw new AssertionError(missing + " but CI is set");
		}
		Assumptions.abort(missing);
		return null;
	}

	/** Ends a process this test started: TERM, then KILL. */
	static void kill(Process process) throws InterruptedException {
		if (process == null || !process.isAlive()) {
			return;
		}
		process.destroy();
		if (!process.waitFor(5, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			process.waitFor(10, TimeUnit.SECONDS);
		}
	}

}
