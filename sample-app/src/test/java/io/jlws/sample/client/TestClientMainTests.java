package io.jlws.sample.client;

import java.time.Duration;

import io.jlws.sample.client.SampleRuns.Exit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code SampleApplication.main} in once mode as a child JVM, for the real exit status: {@code System.exit} after
 * closing the application.
 */
class TestClientMainTests {

	private static final Duration LIMIT = Duration.ofSeconds(60);

	private static ConfigurableApplicationContext server;

	@BeforeAll
	static void startServer() {
		server = SampleRuns.startServer();
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Test
	void exitsZeroAgainstTheSampleServer() throws Exception {
		Exit exit = SampleRuns.runMain(LIMIT,
				"--sample.client=ws://127.0.0.1:" + SampleRuns.jlwsPort(server) + "/", "--sample.once=true");
		assertThat(exit.code()).as(exit.output()).isZero();
		assertThat(exit.output()).contains("dumb-increment: 0\n", "dumb-increment: 9\n", "once: OK: ")
			.doesNotContain("Tomcat");
	}

	@Test
	void exitsNonZeroAgainstAClosedPortWithinTenSeconds() throws Exception {
		int port = SampleRuns.closedPort();
		Exit exit = SampleRuns.runMain(LIMIT, "--sample.client=ws://127.0.0.1:" + port + "/", "--sample.once=true");
		assertThat(exit.code()).as(exit.output()).isEqualTo(1);
		assertThat(exit.output()).contains("once: FAILED: ", "connection refused");
		// JVM and Spring startup included
		assertThat(exit.took()).isLessThan(Duration.ofSeconds(20));
	}

}
