package io.jlws.sample.lifecycle;

import java.time.Duration;

import io.jlws.Context;
import io.jlws.sample.SampleApplication;
import io.jlws.sample.support.JlwsTestClient;
import io.jlws.sample.support.JlwsTestClient.Session;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Spring Framework 7 pauses cached test contexts on a context switch ({@code ConfigurableApplicationContext.pause()},
 * which stops every pauseable SmartLifecycle) and restarts them when a test uses them again. jlws must serve again
 * after {@code restart()}, or opt out of pausing.
 * <p>
 * ServiceLoopLifecycle opts out of pausing ({@code isPauseable()} is false), so the jlws port stays open.
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "jlws.port=0", "jlws.address=127.0.0.1", "server.address=127.0.0.1", "pause-test=true" })
@DirtiesContext
class ContextPauseTests {

	@Autowired
	private ConfigurableApplicationContext applicationContext;

	@Autowired
	private Environment environment;

	@Test
	void jlwsServesAfterTheContextIsPausedAndRestarted() throws Exception {
		this.applicationContext.pause();
		this.applicationContext.restart();
		Context context = this.applicationContext.getBean(Context.class);
		assertThat(context.isRunning()).as("jlws context running after restart").isTrue();
		int port = this.environment.getRequiredProperty("local.jlws.port", Integer.class);
		try (JlwsTestClient client = new JlwsTestClient()) {
			Session session = client.connect(port, "/echo");
			session.awaitEstablished();
			session.sendText("still here");
			assertThat(session.nextMessage().text()).isEqualTo("still here");
		}
		await().atMost(Duration.ofSeconds(5))
			.until(() -> System.nanoTime() - context.stats().lastTurnNanos() < Duration.ofSeconds(1).toNanos());
	}

}
