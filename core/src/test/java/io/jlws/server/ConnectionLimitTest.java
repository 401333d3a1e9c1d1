package io.jlws.server;

import java.lang.management.ManagementFactory;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.sun.management.UnixOperatingSystemMXBean;
import io.jlws.Context;
import io.jlws.ContextInfo;
import io.jlws.Limits;
import io.jlws.loop.FdLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * At the connection limit the listener stops accepting and new clients wait in the kernel backlog, for at most the
 * handshake timeout: then they are answered 503.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ConnectionLimitTest {

	@Test
	void atTheLimitANewClientWaitsInTheBacklogUntilAConnectionCloses() throws Exception {
		Limits limits = Limits.builder().maxConnections(2).closeTimeout(Duration.ofSeconds(1)).build();
		try (EchoServer server = new EchoServer(limits)) {
			assertThat(server.context.maxConnections()).isEqualTo(2);
			assertThat(server.context.stats().maxConnections()).isEqualTo(2);
			try (RawClient first = RawClient.upgraded(server.port(), "/", "echo");
					RawClient second = RawClient.upgraded(server.port(), "/", "echo");
					RawClient third = new RawClient(server.port())) {
				// the TCP connect succeeded (kernel backlog) but nobody reads the upgrade request
				third.socket().setSoTimeout(300);
				assertThatThrownBy(() -> third.upgrade("/", "echo")).isInstanceOf(SocketTimeoutException.class);
				await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
					assertThat(server.context.stats().acceptPauses()).isGreaterThanOrEqualTo(1);
					assertThat(server.context.stats().connections()).isEqualTo(2);
				});

				// the two open connections still work
				second.sendText("still here");
				assertThat(second.readMessage().text()).isEqualTo("still here");

				first.close();
				third.socket().setSoTimeout(5000);
				assertThat(third.readHead()).startsWith("HTTP/1.1 101");
				third.sendText("finally");
				assertThat(third.readMessage().text()).isEqualTo("finally");
				await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
					assertThat(server.context.stats().connections()).isEqualTo(2);
					assertThat(server.context.stats().acceptPausedMillis()).isGreaterThan(0);
				});
			}
		}
	}

	@Test
	void aClientWaitingInTheBacklogOfAFullServerLongerThanTheHandshakeTimeoutIsAnswered503() throws Exception {
		Limits limits = Limits.builder().maxConnections(1).handshakeTimeout(Duration.ofMillis(300))
			.closeTimeout(Duration.ofSeconds(1)).build();
		try (EchoServer server = new EchoServer(limits);
				RawClient first = RawClient.upgraded(server.port(), "/", "echo")) {
			long start = System.nanoTime();
			try (RawClient waiting = new RawClient(server.port())) {
				waiting.socket().setSoTimeout(5000);
				String head = waiting.upgrade("/", "echo");
				assertThat(head).startsWith("HTTP/1.1 503").contains("Retry-After: 1");
				assertThat(System.nanoTime() - start).as("answered only after the handshake timeout")
					.isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(300));
				assertThat(waiting.awaitEof()).isTrue();
			}
			await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
				assertThat(server.context.stats().atConnectionLimit()).isTrue();
				assertThat(server.context.stats().shedConnections()).isGreaterThanOrEqualTo(1);
				assertThat(server.context.stats().connections()).isEqualTo(1);
			});
			// the connection that holds the only slot is untouched
			first.sendText("still served");
			assertThat(first.readMessage().text()).isEqualTo("still served");
			first.sendClose(1000, "");
			assertThat(first.awaitEof()).isTrue();
			// room again: the next client is upgraded
			try (RawClient next = RawClient.upgraded(server.port(), "/", "echo")) {
				next.sendText("after");
				assertThat(next.readMessage().text()).isEqualTo("after");
			}
			await().atMost(Duration.ofSeconds(2))
				.untilAsserted(() -> assertThat(server.context.stats().atConnectionLimit()).isFalse());
		}
	}

	@Test
	void theDefaultLimitIsTheFdLimitMinusDescriptorsInUseMinusAReserve() throws Exception {
		assumeThat(ManagementFactory.getOperatingSystemMXBean()).isInstanceOf(UnixOperatingSystemMXBean.class);
		UnixOperatingSystemMXBean os = (UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
		long fdLimit = os.getMaxFileDescriptorCount();
		long openBefore = os.getOpenFileDescriptorCount();
		Context context = Context.create(ContextInfo.builder().address("127.0.0.1").port(0).build());
		long openAfter = os.getOpenFileDescriptorCount();
		try {
			int max = context.maxConnections();
			assertThat(max).isGreaterThan(0).isLessThanOrEqualTo((int) Math.min(fdLimit, Integer.MAX_VALUE));
			// the count is taken while the context is created, so it lies between the two readings (a little
			// slack for descriptors other threads open or close meanwhile)
			long slack = 16;
			assertThat((long) max).isBetween(fdLimit - openAfter - FdLimits.RESERVE - slack,
					fdLimit - openBefore - FdLimits.RESERVE + slack);
			assertThat(context.stats().maxConnections()).isEqualTo(max);
		}
		finally {
			context.stop(Duration.ZERO);
			for (int i = 0; i < 100 && context.service(0); i++) {
				// terminate the never-started loop so its selector and port are released
			}
		}
	}

	@Test
	void aConfiguredLimitAboveWhatTheFdLimitAllowsIsCapped() throws Exception {
		assumeThat(ManagementFactory.getOperatingSystemMXBean()).isInstanceOf(UnixOperatingSystemMXBean.class);
		UnixOperatingSystemMXBean os = (UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
		long fdLimit = os.getMaxFileDescriptorCount();
		assumeThat(fdLimit).isLessThan(Integer.MAX_VALUE);
		Context context = Context.create(ContextInfo.builder()
			.address("127.0.0.1")
			.port(0)
			.limits(Limits.builder().maxConnections(Integer.MAX_VALUE).build())
			.build());
		try {
			assertThat((long) context.maxConnections()).isLessThanOrEqualTo(fdLimit - FdLimits.RESERVE);
		}
		finally {
			context.stop(Duration.ZERO);
			for (int i = 0; i < 100 && context.service(0); i++) {
				// terminate the never-started loop
			}
		}
	}

}
