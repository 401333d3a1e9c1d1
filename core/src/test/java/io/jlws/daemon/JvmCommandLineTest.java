package io.jlws.daemon;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JvmCommandLineTest {

	@Test
	void procCmdlineIsSplitOnNulKeepingEmptyAndSpacedArguments() {
		byte[] raw = "java\0-Xmx64m\0-cp\0a.jar\0Main\0two words\0\0last\0".getBytes(StandardCharsets.UTF_8);
		assertThat(JvmCommandLine.fromProcCmdline(raw, "/jdk/bin/java"))
			.containsExactly("/jdk/bin/java", "-Xmx64m", "-cp", "a.jar", "Main", "two words", "", "last");
	}

	@Test
	void rebuildUsesTheClassPathForAMainClass() {
		assertThat(JvmCommandLine.rebuild("/jdk/bin/java", List.of("-Xmx64m", "-Dx=y"), "com.example.Main a b",
				"/lib/a.jar:/classes"))
			.containsExactly("/jdk/bin/java", "-Xmx64m", "-Dx=y", "-cp", "/lib/a.jar:/classes", "com.example.Main", "a",
					"b");
	}

	@Test
	void rebuildUsesDashJarForAJar() {
		assertThat(JvmCommandLine.rebuild("/jdk/bin/java", List.of(), "/opt/app.jar --port 80", "/opt/app.jar"))
			.containsExactly("/jdk/bin/java", "-jar", "/opt/app.jar", "--port", "80");
	}

	@Test
	void currentIsThisJvmsOwnCommandLine() throws Exception {
		List<String> command = JvmCommandLine.current();
		assertThat(Path.of(command.get(0))).isAbsolute().isExecutable();
		assertThat(Path.of(command.get(0)).getFileName()).hasToString("java");
		String[] procArgs = new String(Files.readAllBytes(Path.of("/proc/self/cmdline")), StandardCharsets.UTF_8)
			.split("\0");
		assertThat(command.subList(1, command.size())).containsExactly(List.of(procArgs)
			.subList(1, procArgs.length)
			.toArray(String[]::new));
	}

}
