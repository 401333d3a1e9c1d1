package io.jlws.sample.actuator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.jlws.sample.support.SampleAppTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;

/** Without {@code management.server.port}, the sample's actuator endpoints are on Spring's web server. */
@SampleAppTest
class ActuatorServerPortTests {

	@Value("${local.jlws.port}")
	private int jlwsPort;

	@Value("${local.server.port}")
	private int serverPort;

	@Test
	void healthOnServerPortShowsJlwsUp() throws Exception {
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		HttpResponse<String> response = http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.serverPort + "/actuator/health"))
					.timeout(Duration.ofSeconds(10))
					.build(),
				BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		DocumentContext health = JsonPath.parse(response.body());
		assertThat(health.read("$.components.jlws.status", String.class)).isEqualTo("UP");
		assertThat(health.read("$.components.jlws.details.port", Integer.class)).isEqualTo(this.jlwsPort);
		assertThat(this.serverPort).isNotEqualTo(this.jlwsPort);
	}

}
