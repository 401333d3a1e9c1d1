package io.jlws.spring.health;

import java.time.Duration;

import io.jlws.Context;
import io.jlws.ContextInfo;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link JlwsHealthIndicator} on real contexts.
 */
class JlwsHealthIndicatorTests {

	@Test
	void upWhileTheLoopTurnsThenDownWhenStopped() throws Exception {
		Context context = Context.create(ContextInfo.builder().port(0).address("127.0.0.1").build());
		JlwsHealthIndicator indicator = new JlwsHealthIndicator(context);
		context.start();
		try {
			await().until(() -> indicator.health().getStatus().equals(Status.UP));
			Health health = indicator.health();
			assertThat(health.getDetails()).containsEntry("port", context.port())
				.containsEntry("connections", 0)
				.containsEntry("maxConnections", context.maxConnections())
				.containsEntry("loopLagMillis", context.stats().loopLagMillis());
		}
		finally {
			context.stop();
		}
		assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
	}

	@Test
	void downWhenTheLastTurnIsOlderThanTheThreshold() throws Exception {
		Context context = Context.create(ContextInfo.builder().port(-1).build());
		try {
			JlwsHealthIndicator indicator = new JlwsHealthIndicator(context, Duration.ofNanos(1));
			await().until(() -> indicator.health().getStatus().equals(Status.DOWN));
			assertThat(indicator.health().getDetails()).containsKey("lastTurnMillisAgo");
		}
		finally {
			context.stop(Duration.ZERO);
			context.service(0);
		}
	}

}
