package io.jlws.spring.metrics;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import io.jlws.Context;
import io.jlws.autoconfigure.JlwsAutoConfiguration;
import io.jlws.spring.test.TestWebSocketClient;
import io.jlws.spring.test.TestWebSocketClient.Session;
import io.jlws.spring.test.TextEchoHandler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link JlwsMeterBinder} over a real socket.
 */
class JlwsMeterBinderTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JlwsAutoConfiguration.class))
		.withUserConfiguration(TextEchoHandler.class)
		.withPropertyValues("jlws.port=0", "jlws.address=127.0.0.1");

	@Test
	void metersFollowTheTraffic() {
		this.runner.run((context) -> {
			Context jlws = context.getBean(Context.class);
			MeterRegistry registry = new SimpleMeterRegistry();
			new JlwsMeterBinder(jlws, Tags.of("app", "test")).bindTo(registry);
			try (TestWebSocketClient client = new TestWebSocketClient()) {
				Session session = client.connect(jlws.port(), "/text");
				session.sendText("count me");
				assertThat(session.nextMessage()).isEqualTo("echo: count me");
				await().untilAsserted(() -> {
					assertThat(gauge(registry, "jlws.connections", "protocol", "text-echo")).isEqualTo(1);
					assertThat(counter(registry, "jlws.messages", "in")).isGreaterThanOrEqualTo(1);
					assertThat(counter(registry, "jlws.messages", "out")).isGreaterThanOrEqualTo(1);
					assertThat(counter(registry, "jlws.bytes", "in")).isPositive();
					assertThat(counter(registry, "jlws.bytes", "out")).isPositive();
				});
				assertThat(gauge(registry, "jlws.connections", "protocol", JlwsMeterBinder.NO_PROTOCOL)).isZero();
				assertThat(registry.get("jlws.connections.max").gauge().value()).isEqualTo(jlws.maxConnections());
				assertThat(registry.get("jlws.connections.rejected").functionCounter().count()).isZero();
				assertThat(registry.get("jlws.accept.pauses").functionCounter().count()).isZero();
				assertThat(registry.get("jlws.protocol.errors").functionCounter().count()).isZero();
				assertThat(registry.get("jlws.loop.lag").timeGauge().value()).isGreaterThanOrEqualTo(0);
				assertThat(registry.getMeters()).allSatisfy((meter) -> assertThat(meter.getId().getTag("app"))
					.isEqualTo("test"));
			}
		});
	}

	@Test
	void aFullServerShowsInTheMetersAndAnswersWaitingClients503() {
		this.runner.withPropertyValues("jlws.limits.max-connections=1", "jlws.limits.handshake-timeout=300ms")
			.run((context) -> {
				Context jlws = context.getBean(Context.class);
				MeterRegistry registry = new SimpleMeterRegistry();
				new JlwsMeterBinder(jlws, Tags.empty()).bindTo(registry);
				try (TestWebSocketClient client = new TestWebSocketClient()) {
					Session session = client.connect(jlws.port(), "/text");
					session.sendText("holds the only slot");
					assertThat(session.nextMessage()).isEqualTo("echo: holds the only slot");
					try (Socket waiting = new Socket()) {
						waiting.connect(new InetSocketAddress("127.0.0.1", jlws.port()), 5000);
						waiting.setSoTimeout(5000);
						waiting.getOutputStream().write(("GET /text HTTP/1.1\r\nHost: 127.0.0.1\r\n"
								+ "Upgrade: websocket\r\nConnection: Upgrade\r\n"
								+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
							.getBytes(StandardCharsets.US_ASCII));
						String answer = new String(waiting.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
						assertThat(answer).startsWith("HTTP/1.1 503 ");
					}
					await().untilAsserted(() -> {
						assertThat(registry.get("jlws.connections.limit.reached").gauge().value()).isEqualTo(1);
						assertThat(registry.get("jlws.connections.shed").functionCounter().count())
							.isGreaterThanOrEqualTo(1);
					});
				}
				await().untilAsserted(() -> assertThat(registry.get("jlws.connections.limit.reached").gauge().value())
					.isZero());
			});
	}

	private static double gauge(MeterRegistry registry, String name, String tag, String value) {
		return registry.get(name).tag(tag, value).gauge().value();
	}

	private static double counter(MeterRegistry registry, String name, String direction) {
		return registry.get(name).tag("direction", direction).functionCounter().count();
	}

}
