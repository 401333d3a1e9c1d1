package io.jlws.daemon;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The command line that starts this JVM again, for the daemon relaunch.
 * <p>
 * On Linux it is the exact argv from {@code /proc/self/cmdline} with argv[0] replaced by this JVM's java executable:
 * that keeps arguments containing spaces, {@code -jar}, {@code -m}, {@code @argfiles} and source-file launches
 * intact, and does not repeat {@code JDK_JAVA_OPTIONS}, which the child reads from the inherited environment anyway.
 * Elsewhere it is rebuilt from the runtime MXBean's input arguments and {@code sun.java.command}, which cannot tell
 * an argument with a space from two arguments.
 */
public final class JvmCommandLine {

	private JvmCommandLine() {
	}

	/** This JVM's command line, java executable first. */
	public static List<String> current() {
		String java = javaExecutable();
		try {
			List<String> argv = fromProcCmdline(Files.readAllBytes(Path.of("/proc/self/cmdline")), java);
			if (argv.size() > 1) {
				return argv;
			}
		}
		catch (IOException | RuntimeException ex) {
			// no procfs: rebuild below
		}
		return rebuild(java, ManagementFactory.getRuntimeMXBean().getInputArguments(),
				System.getProperty("sun.java.command", ""), System.getProperty("java.class.path", ""));
	}

	/** This JVM's java executable, absolute, so the child does not depend on PATH. */
	public static String javaExecutable() {
		return ProcessHandle.current()
			.info()
			.command()
			.orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
	}

	/**
	 * Splits {@code /proc/PID/cmdline}: each argument ends with a NUL, and empty arguments are kept.
	 * @param java replaces argv[0]
	 */
	static List<String> fromProcCmdline(byte[] raw, String java) {
		// The kernel hands back argv bytes as they were; decode them as the JVM decoded its own arguments.
		Charset charset = Charset.forName(System.getProperty("sun.jnu.encoding", Charset.defaultCharset().name()));
		List<String> argv = new ArrayList<>();
		int start = 0;
		for (int i = 0; i < raw.length; i++) {
			if (raw[i] == 0) {
				argv.add(new String(raw, start, i - start, charset));
				start = i + 1;
			}
		}
		if (start < raw.length) {
			argv.add(new String(raw, start, raw.length - start, charset));
		}
		if (!argv.isEmpty()) {
			argv.set(0, java);
		}
		return argv;
	}

	/**
	 * Rebuilds a command line: java, the JVM options, then {@code -jar JAR} when {@code sun.java.command} starts
	 * with a jar, else {@code -cp CLASSPATH MAIN}, then the program arguments split on spaces.
	 */
	static List<String> rebuild(String java, List<String> inputArguments, String sunJavaCommand, String classPath) {
		List<String> command = new ArrayList<>();
		command.add(java);
		command.addAll(inputArguments);
		List<String> words = new ArrayList<>(Arrays.asList(sunJavaCommand.trim().split(" +")));
		String main = words.remove(0);
		if (main.endsWith(".jar")) {
			command.add("-jar");
		}
		else {
			command.add("-cp");
			command.add(classPath);
		}
		command.add(main);
		command.addAll(words);
		return command;
	}

}
