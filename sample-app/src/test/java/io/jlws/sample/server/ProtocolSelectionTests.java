package io.jlws.sample.server;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.jlws.Context;
import io.jlws.sample.support.JlwsTestClient;
import io.jlws.sample.support.JlwsTestClient.Session;
import io.jlws.sample.support.RawWebSocket;
import io.jlws.sample.support.RawWebSocket.Response;
import io.jlws.sample.support.SampleAppTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Subprotocol selection in the sample app (README "Subprotocol selection"): nothing offered selects the protocol of
 * the path, else the first (http-only) and the 101 names none; an offered list selects the first served name in the
 * client's order; only unknown names are refused with 400.
 */
@SampleAppTest
class ProtocolSelectionTests {

	@Value("${local.jlws.port}")
	private int port;

	@Autowired
	private Context context;

	private JlwsTestClient client;

	@BeforeEach
	void startClient() throws Exception {
		this.client = new JlwsTestClient();
	}

	@AfterEach
	void stopClient() {
		this.client.close();
	}

	@Test
	void protocolsAreServedInLibwebsocketsOrder() {
		assertThat(this.context.info().protocols()).extracting((p) -> p.name())
			.containsExactly("http-only", "dumb-increment-protocol", "lws-mirror-protocol", "lws-status", "echo",
					"fraggle-protocol");
		assertThat(this.context.protocol("echo").paths()).containsExactly("/echo");
	}

	@Test
	void noSubprotocolSelectsTheFirstProtocolAndThe101NamesNone() throws Exception {
		try (RawWebSocket raw = RawWebSocket.open(this.port)) {
			Response response = raw.upgrade("/", List.of(), Map.of());
			assertThat(response.status()).as(response.statusLine()).isEqualTo(101);
			assertThat(response.header("Sec-WebSocket-Accept")).isEqualTo(raw.expectedAccept());
			assertThat(response.header("Sec-WebSocket-Protocol")).isNull();
			await().atMost(JlwsTestClient.TIMEOUT)
				.untilAsserted(() -> assertThat(this.context.stats().perProtocol()).containsEntry("http-only", 1));
		}
		await().atMost(JlwsTestClient.TIMEOUT)
			.untilAsserted(() -> assertThat(this.context.stats().perProtocol().getOrDefault("http-only", 0)).isZero());
	}

	@Test
	void coreClientOfferingNothingIsEstablishedWithoutSubprotocol() {
		Session session = this.client.connect(this.port, "/");
		assertThat(session.awaitEstablished()).isNull();
		await().atMost(JlwsTestClient.TIMEOUT)
			.untilAsserted(() -> assertThat(this.context.stats().perProtocol()).containsEntry("http-only", 1));
	}

	@Test
	void pathEchoWithoutSubprotocolSelectsEcho() {
		Session session = this.client.connect(this.port, "/echo");
		assertThat(session.awaitEstablished()).isNull();
		session.sendText("selected by path");
		assertThat(session.nextMessage().text()).isEqualTo("selected by path");
	}

	@Test
	void offeredListSelectsTheFirstServedNameInTheClientsOrder() throws Exception {
		try (RawWebSocket raw = RawWebSocket.open(this.port)) {
			Response response = raw.upgrade("/", List.of("no-such-protocol", "echo", "dumb-increment-protocol"),
					Map.of());
			assertThat(response.status()).as(response.statusLine()).isEqualTo(101);
			assertThat(response.header("Sec-WebSocket-Protocol")).isEqualTo("echo");
			raw.sendText("echo was chosen");
			RawWebSocket.Frame frame = raw.readFrame();
			assertThat(frame.opcode()).isEqualTo(RawWebSocket.TEXT);
			assertThat(frame.text()).isEqualTo("echo was chosen");
		}
	}

	@Test
	void anOfferedSubprotocolWinsOverThePath() {
		Session session = this.client.connect(this.port, "/echo", "dumb-increment-protocol");
		assertThat(session.awaitEstablished()).isEqualTo("dumb-increment-protocol");
		assertThat(session.nextMessage().text()).isEqualTo("0");
	}

	@Test
	void onlyUnknownSubprotocolsOfferedIs400() throws Exception {
		try (RawWebSocket raw = RawWebSocket.open(this.port)) {
			Response response = raw.upgrade("/", List.of("no-such-protocol", "nor-this"), Map.of());
			assertThat(response.status()).as(response.statusLine()).isEqualTo(400);
			assertThat(new String(raw.readToEnd(), StandardCharsets.ISO_8859_1)).as("connection closed after 400")
				.isNotNull();
		}
		Session session = this.client.connect(this.port, "/echo", "no-such-protocol");
		assertThat(session.awaitConnectionError()).contains("400");
	}

}
