package io.jlws.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Runs the local {@code openssl} command: {@code openssl ciphers} is the reference the cipher-list translation
 * is tested against, and other subcommands check PEM files interoperate.
 */
final class OpenSslCli {

	private static Boolean available;

	private OpenSslCli() {
	}

	/**
	 * Skips the calling test when {@code openssl} is not installed, except on CI (env {@code CI} set), where
	 * a missing binary would silently hide the comparison, so it fails instead.
	 */
	static void assumeAvailable() {
		if (!available() && System.getenv("CI") != null) {
			throw new AssertionError("openssl is not installed but CI is set: the cipher comparison must run");
		}
		Assumptions.assumeTrue(available(), "openssl is not installed");
	}

	static synchronized boolean available() {
		if (available == null) {
			try {
				available = !ciphers("-V", "ALL").isEmpty();
			}
			catch (IOException ex) {
				available = false;
			}
		}
		return available;
	}

	/**
	 * The stdout lines of {@code openssl ciphers args...}; empty when OpenSSL reports "no cipher match".
	 */
	static List<String> ciphers(String... args) throws IOException {
		List<String> command = new ArrayList<>(List.of("ciphers"));
		command.addAll(List.of(args));
		return run(command.toArray(new String[0]));
	}

	/** The stdout lines of {@code openssl args...}; empty if it exits with an error. */
	static List<String> run(String... args) throws IOException {
		Exec exec = exec(args);
		return (exec.exitCode() == 0) ? exec.lines() : List.of();
	}

	/** Whether {@code openssl args...} exits with status 0. */
	static boolean succeeds(String... args) throws IOException {
		return exec(args).exitCode() == 0;
	}

	private static Exec exec(String... args) throws IOException {
		List<String> command = new ArrayList<>(List.of("openssl"));
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
		try (InputStream out = process.getInputStream()) {
			String text = new String(out.readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IOException("openssl timed out: " + command);
			}
			return new Exec(process.exitValue(), text.lines().filter((line) -> !line.isBlank()).toList());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
	}

	private record Exec(int exitCode, List<String> lines) {
	}

	/**
	 * The TLS 1.2-and-older OpenSSL names {@code openssl ciphers -V cipherString} selects, in its order.
	 */
	static List<String> tls12Names(String cipherString) throws IOException {
		List<String> names = new ArrayList<>();
		for (String line : ciphers("-V", cipherString)) {
			String[] f = line.trim().split("\\s+");
			if (f.length >= 4 && f[1].equals("-") && !f[3].equals("TLSv1.3")) {
				names.add(f[2]);
			}
		}
		return names;
	}

}
