package io.jlws.sample.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import io.jlws.ClientConnectInfo;
import io.jlws.sample.support.JlwsTestClient;
import io.jlws.sample.support.JlwsTestClient.Message;
import io.jlws.sample.support.JlwsTestClient.Session;
import io.jlws.sample.support.RawWebSocket;
import io.jlws.sample.support.RawWebSocket.Frame;
import io.jlws.sample.support.SampleAppTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code lws-status}: on every connect and disconnect of an lws-status client each of them gets the JSON list of
 * lws-status clients (peer, time, user agent) as one fragmented message: a TEXT frame without FIN, then
 * CONTINUATION frames, the last with FIN.
 */
@SampleAppTest
class StatusProtocolTests {

	@Value("${local.jlws.port}")
	private int port;

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
	void connectsAndDisconnectsAreAnnouncedToEveryStatusClientAsOneFragmentedMessage() throws Exception {
		String uaOne = "status-test-raw/" + UUID.randomUUID();
		String uaTwo = "status-test-core/" + UUID.randomUUID();
		try (RawWebSocket one = RawWebSocket.open(this.port)) {
			assertThat(one.upgrade("/", List.of("lws-status"), Map.of("User-Agent", uaOne)).status()).isEqualTo(101);

			// its own connect
			String json = readFragmentedText(one);
			assertThat(uas(json)).contains(uaOne).doesNotContain(uaTwo);
			assertThat(peerOf(json, uaOne)).endsWith(":" + one.localPort());
			assertThat(JsonPath.<List<String>>read(json, "$.clients[*].time")).allSatisfy((t) -> assertThat(t).isNotBlank());

			// a second client connects: both get the list of both
			Session two = this.client.connect(ClientConnectInfo.builder("127.0.0.1", this.port)
				.subprotocols("lws-status")
				.header("User-Agent", uaTwo));
			assertThat(two.awaitEstablished()).isEqualTo("lws-status");
			json = readFragmentedText(one);
			assertThat(uas(json)).contains(uaOne, uaTwo);
			Message seenByTwo = two.nextMessage();
			assertThat(seenByTwo.binary()).isFalse();
			assertThat(uas(seenByTwo.text())).contains(uaOne, uaTwo);
			// the core client saw the fragments through the fragment API: 64-byte frames, one message
			assertThat(seenByTwo.frames()).isEqualTo((seenByTwo.length() + 63) / 64).isGreaterThan(1);
			assertThat(seenByTwo.chunks().get(0).first()).isTrue();
			assertThat(seenByTwo.chunks().subList(1, seenByTwo.chunks().size())).noneMatch((c) -> c.first());
			assertThat(seenByTwo.chunks().subList(0, seenByTwo.chunks().size() - 1)).noneMatch((c) -> c.last());

			// it leaves: the first is told
			two.close(1000, "bye");
			two.awaitClosed();
			json = readFragmentedText(one);
			assertThat(uas(json)).contains(uaOne).doesNotContain(uaTwo);
		}
	}

	/** Reads one message, asserting the fragmentation: TEXT without FIN, CONTINUATIONs, the last with FIN. */
	private static String readFragmentedText(RawWebSocket ws) throws IOException {
		List<Frame> frames = new ArrayList<>();
		Frame frame;
		do {
			frame = ws.readFrame();
			frames.add(frame);
		}
		while (!frame.fin());
		assertThat(frames).as("frames of one lws-status message").hasSizeGreaterThan(1);
		assertThat(frames.get(0).opcode()).isEqualTo(RawWebSocket.TEXT);
		assertThat(frames.get(0).fin()).isFalse();
		ByteArrayOutputStream message = new ByteArrayOutputStream();
		for (int i = 0; i < frames.size(); i++) {
			if (i > 0) {
				assertThat(frames.get(i).opcode()).as("frame %d", i).isEqualTo(RawWebSocket.CONTINUATION);
			}
			assertThat(frames.get(i).fin()).as("FIN of frame %d", i).isEqualTo(i == frames.size() - 1);
			message.writeBytes(frames.get(i).payload());
		}
		return message.toString(StandardCharsets.UTF_8);
	}

	private static List<String> uas(String json) {
		return JsonPath.read(json, "$.clients[*].ua");
	}

	private static String peerOf(String json, String ua) {
		List<String> peers = JsonPath.read(json, "$.clients[?(@.ua == '" + ua + "')].peer");
		assertThat(peers).hasSize(1);
		return peers.get(0);
	}

}
