package io.jlws.sample.server;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

import io.jlws.sample.support.RawWebSocket;
import io.jlws.sample.support.SampleAppTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plain HTTP on the jlws port, answered by the first protocol ({@code http-only}) from {@code classpath:testpage/}:
 * the test page and its script, 405 for other methods, 404 for what is not there.
 */
@SampleAppTest
class TestPageHttpTests {

	@Value("${local.jlws.port}")
	private int port;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	private HttpResponse<byte[]> send(String method, String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(10))
			.method(method, method.equals("POST") ? BodyPublishers.ofString("x=1") : BodyPublishers.noBody())
			.build();
		return this.http.send(request, BodyHandlers.ofByteArray());
	}

	private static byte[] resource(String name) throws Exception {
		try (InputStream in = TestPageHttpTests.class.getClassLoader().getResourceAsStream(name)) {
			assertThat(in).as(name).isNotNull();
			return in.readAllBytes();
		}
	}

	@Test
	void rootIsTheTestPage() throws Exception {
		HttpResponse<byte[]> response = send("GET", "/");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/html"));
		assertThat(response.body()).isEqualTo(resource("testpage/index.html"));
		assertThat(new String(response.body(), java.nio.charset.StandardCharsets.UTF_8))
			.contains("id=\"number\"", "id=\"canvas\"", "id=\"mirrored\"", "<script src=\"app.js\">");
		assertThat(send("GET", "/index.html").body()).isEqualTo(response.body());
	}

	@Test
	void appJsIsJavaScript() throws Exception {
		HttpResponse<byte[]> response = send("GET", "/app.js");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).matches("(text|application)/javascript.*"));
		assertThat(response.body()).isEqualTo(resource("testpage/app.js"));
	}

	@Test
	void headHasNoBody() throws Exception {
		HttpResponse<byte[]> response = send("HEAD", "/app.js");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEmpty();
	}

	@Test
	void postIs405() throws Exception {
		HttpResponse<byte[]> response = send("POST", "/");
		assertThat(response.statusCode()).isEqualTo(405);
		assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD");
	}

	@Test
	void missingIs404() throws Exception {
		assertThat(send("GET", "/no-such-page.html").statusCode()).isEqualTo(404);
		assertThat(send("GET", "/testpage/index.html").statusCode()).isEqualTo(404);
	}

	@Test
	void nothingOutsideTheTestPageFolderIsServed() throws Exception {
		// a raw request: HttpClient would normalise the dot segments away
		try (RawWebSocket raw = RawWebSocket.open(this.port)) {
			RawWebSocket.Response head = raw.request("GET /../application.yml HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
			assertThat(head.status()).isEqualTo(404);
		}
		assertThat(send("GET", "/io/jlws/sample/SampleApplication.class").statusCode()).isEqualTo(404);
	}

}
