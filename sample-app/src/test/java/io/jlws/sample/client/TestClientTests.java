package io.jlws.sample.client;

import java.time.Duration;
import java.util.stream.IntStream;

import io.jlws.Context;
import io.jlws.Protocol;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The test client mode ({@code --sample.client}) in-process against the sample app's own server and against
 * servers that fail in chosen ways.
 */
@ExtendWith(OutputCaptureExtension.class)
class TestClientTests {

	private static ConfigurableApplicationContext server;

	@BeforeAll
	static void startServer() {
		server = SampleRuns.startServer();
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	private static String serverUri() {
		return "ws://127.0.0.1:" + SampleRuns.jlwsPort(server) + "/";
	}

	@Test
	void onceModeSucceedsAgainstTheSampleServerAndPrintsEveryNumber(CapturedOutput output) {
		int code = SampleRuns.runClient("--sample.client=" + serverUri(), "--sample.once=true");
		assertThat(code).as(output.getOut()).isZero();
		assertThat(output.getOut()).contains(IntStream.range(0, 10).mapToObj((n) -> "dumb-increment: " + n + "\n")
			.toArray(String[]::new)).contains("once: OK: ");
		assertThat(output.getOut()).doesNotContain("once: FAILED");
	}

	@Test
	void clientModeOpensNoPortAndHasOnlyTheClientProtocols() {
		int code = SampleRuns.runClient((client) -> {
			assertThat(client).isNotInstanceOf(WebServerApplicationContext.class);
			Context context = client.getBean(Context.class);
			assertThat(context.port()).isEqualTo(-1);
			assertThat(context.info().protocols()).extracting(Protocol::name)
				.containsExactlyInAnyOrder("dumb-increment-protocol", "lws-mirror-protocol");
			assertThat(client.getBean("dumb-increment-protocol")).isInstanceOf(DumbIncrementClient.class);
		}, "--sample.client=" + serverUri(), "--sample.once=true");
		assertThat(code).isZero();
	}

	@Test
	void onceModeFailsFastAgainstAClosedPort(CapturedOutput output) throws Exception {
		int port = SampleRuns.closedPort();
		long start = System.nanoTime();
		int code = SampleRuns.runClient("--sample.client=ws://127.0.0.1:" + port + "/", "--sample.once=true");
		assertThat(code).isNotZero();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
		assertThat(output.getOut()).contains("once: FAILED: ").contains("connection refused by 127.0.0.1:" + port);
	}

	@Test
	void onceModeFailsWhenAConnectionDrops(CapturedOutput output) throws Exception {
		try (DroppingServer dropping = new DroppingServer(3)) {
			int code = SampleRuns.runClient("--sample.client=ws://127.0.0.1:" + dropping.port() + "/",
					"--sample.once=true");
			assertThat(code).isNotZero();
			assertThat(output.getOut()).contains("dumb-increment: 2")
				.contains("once: FAILED: dumb-increment-protocol: closed 1001 going away");
		}
	}

	@Test
	void onceModeFailsWhenNotDoneWithinTenSeconds(CapturedOutput output) throws Exception {
		// numbers keep coming and nothing fails, but the mirror never sends anything back
		try (DroppingServer silentMirror = new DroppingServer(Integer.MAX_VALUE, false)) {
			long start = System.nanoTime();
			int code = SampleRuns.runClient("--sample.client=ws://127.0.0.1:" + silentMirror.port() + "/",
					"--sample.once=true");
			assertThat(code).isNotZero();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(TestClient.ONCE_DEADLINE,
					TestClient.ONCE_DEADLINE.plusSeconds(5));
			assertThat(output.getOut()).contains("dumb-increment: 10")
				.contains("once: FAILED: not done within 10 s")
				.contains("own mirror message not back");
		}
	}

	@Test
	void endlessModeReconnectsAfterADrop(CapturedOutput output) throws Exception {
		try (DroppingServer dropping = new DroppingServer(3)) {
			ConfigurableApplicationContext client = SampleRuns
				.startClient("--sample.client=ws://127.0.0.1:" + dropping.port() + "/");
			try {
				await().atMost(Duration.ofSeconds(15))
					.untilAsserted(() -> assertThat(dropping.dumbIncrementConnections).hasValueGreaterThanOrEqualTo(3));
				assertThat(dropping.mirrorConnections).hasValue(1);
				assertThat(output.getOut()).contains("dumb-increment-protocol: reconnecting in 1000 ms")
					.doesNotContain("once: ");
			}
			finally {
				client.close();
			}
		}
	}

}
