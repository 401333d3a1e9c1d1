package io.jlws.sample.client;

import io.jlws.Context;
import io.jlws.Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Autobahn TestSuite client testee mode ({@code --sample.autobahn}) in-process against
 * {@link FakeFuzzingServer}.
 */
@ExtendWith(OutputCaptureExtension.class)
class AutobahnTesteeTests {

	@Test
	void runsEveryCaseEchoingEveryMessageThenUpdatesTheReports(CapturedOutput output) throws Exception {
		try (FakeFuzzingServer fuzzer = new FakeFuzzingServer("3")) {
			int code = SampleRuns.runClient((client) -> {
				assertThat(client).isNotInstanceOf(WebServerApplicationContext.class);
				Context context = client.getBean(Context.class);
				assertThat(context.port()).isEqualTo(-1);
				assertThat(context.info().protocols()).extracting(Protocol::name).containsExactly("autobahn-testee");
			}, "--sample.autobahn=ws://127.0.0.1:" + fuzzer.port() + "/", "--sample.agent=jlws test");
			assertThat(code).as(output.getOut()).isZero();
			assertThat(fuzzer.failures).isEmpty();
			assertThat(fuzzer.passedCases).containsExactly(1, 2, 3);
			assertThat(fuzzer.caseAgents).containsExactly("jlws test", "jlws test", "jlws test");
			assertThat(fuzzer.reportAgents).containsExactly("jlws test");
			assertThat(output.getOut()).contains("autobahn: 3 cases", "autobahn: case 3/3 closed 1000",
					"autobahn: OK: 3 cases run, reports updated");
		}
	}

	@Test
	void aServerThatSendsNoCountIsAFailure(CapturedOutput output) throws Exception {
		try (FakeFuzzingServer fuzzer = new FakeFuzzingServer("many")) {
			int code = SampleRuns.runClient("--sample.autobahn=ws://127.0.0.1:" + fuzzer.port() + "/");
			assertThat(code).isEqualTo(1);
			assertThat(fuzzer.caseAgents).isEmpty();
			assertThat(output.getOut()).contains("autobahn: FAILED: /getCaseCount sent no case count but many");
		}
	}

	@Test
	void aClosedPortIsAFailure(CapturedOutput output) throws Exception {
		int port = SampleRuns.closedPort();
		int code = SampleRuns.runClient("--sample.autobahn=ws://127.0.0.1:" + port + "/");
		assertThat(code).isEqualTo(1);
		assertThat(output.getOut())
			.contains("autobahn: FAILED: /getCaseCount: connection refused by 127.0.0.1:" + port);
	}

}
