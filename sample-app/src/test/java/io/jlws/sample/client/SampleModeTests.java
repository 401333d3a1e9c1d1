package io.jlws.sample.client;

import io.jlws.Context;
import io.jlws.Protocol;
import io.jlws.sample.SampleApplication;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** Which beans each mode registers, and which ports it opens. */
class SampleModeTests {

	@Test
	void serverModeServesTheTestServerProtocolsAndRunsNoClient() {
		try (ConfigurableApplicationContext server = SampleRuns.startServer()) {
			assertThat(server).isInstanceOf(WebServerApplicationContext.class);
			assertThat(server.getBean(Context.class).port()).isPositive();
			assertThat(server.getBean(Context.class).info().protocols()).extracting(Protocol::name)
				.containsExactly("http-only", "dumb-increment-protocol", "lws-mirror-protocol", "lws-status", "echo",
						"fraggle-protocol");
			assertThat(server.getBeanNamesForType(TestClient.class)).isEmpty();
			assertThat(server.getBeanNamesForType(AutobahnTestee.class)).isEmpty();
			assertThat(SampleApplication.awaitClientRun(server)).isEmpty();
		}
	}

	@Test
	void clientModeDefaultsGiveWayToTheCommandLine() throws Exception {
		try (DroppingServer server = new DroppingServer(Integer.MAX_VALUE)) {
			ConfigurableApplicationContext client = SampleRuns.startClient(
					"--sample.client=ws://127.0.0.1:" + server.port() + "/", "--jlws.port=0",
					"--jlws.address=127.0.0.1");
			try {
				assertThat(client.getBean(Context.class).port()).isPositive();
				assertThat(client).isNotInstanceOf(WebServerApplicationContext.class);
			}
			finally {
				client.close();
			}
		}
	}

	@Test
	void bothClientModesAtOnceFailAtStartup() {
		assertThatIllegalStateException()
			.isThrownBy(() -> SpringApplication.run(SampleApplication.class, "--sample.client=ws://127.0.0.1:1/",
					"--sample.autobahn=ws://127.0.0.1:1/"))
			.withMessageContaining("cannot be used together");
	}

}
