package io.jlws.sample.actuator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.jlws.sample.SampleApplication;
import io.jlws.sample.support.JlwsTestClient;
import io.jlws.sample.support.JlwsTestClient.Session;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample's actuator endpoints on a management port of their own ({@code management.server.port=0}), next to
 * Spring's web server and jlws' port, all three ephemeral: health component {@code jlws} UP with its details, and
 * the {@code jlws.*} meters, following a live connection.
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "jlws.port=0", "jlws.address=127.0.0.1", "server.address=127.0.0.1",
				"management.server.port=0", "management.server.address=127.0.0.1" })
@DirtiesContext
class ActuatorManagementPortTests {

	@Value("${local.jlws.port}")
	private int jlwsPort;

	@Value("${local.server.port}")
	private int serverPort;

	@Value("${local.management.port}")
	private int managementPort;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	private HttpResponse<String> get(int port, String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(10))
			.build(), BodyHandlers.ofString());
	}

	private DocumentContext json(int port, String path) throws Exception {
		HttpResponse<String> response = get(port, path);
		assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
		return JsonPath.parse(response.body());
	}

	@Test
	void threeDistinctEphemeralPorts() {
		assertThat(List.of(this.jlwsPort, this.serverPort, this.managementPort)).doesNotHaveDuplicates()
			.allSatisfy((p) -> assertThat(p).isPositive());
	}

	@Test
	void healthShowsJlwsUpWithDetailsThatFollowConnections() throws Exception {
		DocumentContext health = json(this.managementPort, "/actuator/health");
		assertThat(health.read("$.status", String.class)).isEqualTo("UP");
		assertThat(health.read("$.components.jlws.status", String.class)).isEqualTo("UP");
		assertThat(health.read("$.components.jlws.details.port", Integer.class)).isEqualTo(this.jlwsPort);
		assertThat(health.read("$.components.jlws.details.maxConnections", Integer.class)).isPositive();
		assertThat(health.read("$.components.jlws.details.connections", Integer.class)).isNotNull();
		assertThat(health.read("$.components.jlws.details", java.util.Map.class)).containsKeys("perProtocol",
				"loopLagMillis", "lastTurnMillisAgo", "acceptPauses", "rejectedHandshakes", "protocolErrors");

		try (JlwsTestClient client = new JlwsTestClient()) {
			Session session = client.connect(this.jlwsPort, "/", "dumb-increment-protocol");
			session.awaitEstablished();
			await().atMost(JlwsTestClient.TIMEOUT).untilAsserted(() -> {
				DocumentContext now = json(this.managementPort, "/actuator/health");
				assertThat(now.read("$.components.jlws.details.perProtocol['dumb-increment-protocol']", Integer.class))
					.isEqualTo(1);
				assertThat(now.read("$.components.jlws.details.connections", Integer.class)).isGreaterThanOrEqualTo(1);
			});
			await().atMost(JlwsTestClient.TIMEOUT).untilAsserted(() -> assertThat(json(this.managementPort,
					"/actuator/metrics/jlws.connections?tag=protocol:dumb-increment-protocol")
				.read("$.measurements[0].value", Double.class)).isEqualTo(1.0));
		}
		await().atMost(JlwsTestClient.TIMEOUT).untilAsserted(() -> assertThat(json(this.managementPort,
				"/actuator/health").read("$.components.jlws.details.connections", Integer.class)).isZero());
	}

	@Test
	void metricsListTheJlwsMeters() throws Exception {
		List<String> names = json(this.managementPort, "/actuator/metrics").read("$.names");
		assertThat(names).contains("jlws.connections", "jlws.connections.max", "jlws.messages", "jlws.bytes",
				"jlws.loop.lag", "jlws.connections.rejected");
		DocumentContext connections = json(this.managementPort, "/actuator/metrics/jlws.connections");
		List<String> protocols = connections.read("$.availableTags[?(@.tag == 'protocol')].values[*]");
		assertThat(protocols).contains("http-only", "dumb-increment-protocol", "lws-mirror-protocol", "lws-status",
				"echo", "fraggle-protocol", "none");
	}

	@Test
	void actuatorIsOnlyOnTheManagementPort() throws Exception {
		assertThat(get(this.serverPort, "/actuator/health").statusCode()).isEqualTo(404);
		assertThat(get(this.jlwsPort, "/actuator/health").statusCode()).isEqualTo(404);
	}

}
