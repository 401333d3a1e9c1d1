package io.jlws.sample.syslog;

import java.time.Duration;
import java.util.regex.Pattern;

import io.jlws.sample.extpoll.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --spring.profiles.active=syslog}: {@code logback-spring.xml} sends the app's log to syslog over UDP with
 * Logback's SyslogAppender instead of the console. Run as a child JVM: Spring Boot sets Logback up once per JVM
 * while an application context lives, and the tests' cached contexts would keep the console setup.
 */
@Timeout(120)
class SyslogProfileTests {

	/** RFC 3164 after the PRI: "Mmm dd hh:mm:ss HOST ". */
	private static final String HEADER = "[A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d \\S+ ";

	@Test
	void theSyslogProfileSendsTheLogToSyslogOverUdpAndNotToTheConsole() throws Exception {
		try (SyslogReceiver syslog = new SyslogReceiver();
				ChildJvm app = ChildJvm.startSample("--spring.profiles.active=syslog",
						"--sample.syslog.port=" + syslog.port(), "--jlws.port=0", "--jlws.address=127.0.0.1",
						"--server.port=0", "--server.address=127.0.0.1",
						"--spring.lifecycle.timeout-per-shutdown-phase=2s")) {
			String tag = "jlws-sample\\[" + app.pid() + "\\]: ";
			// facility USER (1) * 8 + severity INFO (6)
			String started = syslog.awaitLine((line) -> line.contains("Started SampleApplication"),
					Duration.ofSeconds(60));
			assertThat(started).matches(Pattern.compile("<14>" + HEADER + tag
					+ "INFO  \\[main\\] io\\.jlws\\.sample\\.SampleApplication : Started SampleApplication in .*"));
			// jlws' own NOTICE line, through SLF4J (io.jlws at INFO)
			String jlws = syslog.awaitLine((line) -> line.contains("max connections"), Duration.ofSeconds(5));
			assertThat(jlws).matches(Pattern.compile("<14>" + HEADER + tag
					+ "INFO  \\[main\\] io\\.jlws : max connections \\d+ \\(fd limit \\d+\\)"));
			assertThat(syslog.received()).anyMatch((line) -> line.contains("The following 1 profile is active: \"syslog\""));

			assertThat(app.terminate(Duration.ofSeconds(30))).as("exit code after SIGTERM: 128 + 15").isEqualTo(143);
			assertThat(app.output()).as("nothing on the console").doesNotContain("Started SampleApplication",
					"max connections");
		}
	}

	@Test
	void withoutTheProfileTheConsoleKeepsBootsFormat() throws Exception {
		try (SyslogReceiver syslog = new SyslogReceiver();
				ChildJvm app = ChildJvm.startSample("--sample.syslog.port=" + syslog.port(), "--jlws.port=0",
						"--jlws.address=127.0.0.1", "--server.port=0", "--server.address=127.0.0.1",
						"--spring.lifecycle.timeout-per-shutdown-phase=2s")) {
			app.awaitOutput(Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\S*\\s+INFO " + app.pid()
					+ " --- \\[\\s*main\\] io\\.jlws\\.sample\\.SampleApplication\\s+: Started SampleApplication"),
					Duration.ofSeconds(60));
			assertThat(app.terminate(Duration.ofSeconds(30))).isEqualTo(143);
			assertThat(syslog.received()).isEmpty();
		}
	}

}
