package io.jlws.handshake;

import java.util.List;

import org.junit.jupiter.api.Test;

import static io.jlws.handshake.HttpRequestParserTests.parseOne;
import static org.assertj.core.api.Assertions.assertThat;

class HandshakeTests {

	static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

	static String upgrade(String requestLine, String... headers) {
		return requestLine + "\r\n" + String.join("\r\n", headers) + "\r\n\r\n";
	}

	static HandshakeDecision validate(String requestLine, String... headers) {
		return Handshake.validate(parseOne(upgrade(requestLine, headers)));
	}

	static HandshakeDecision.Rejected rejected(HandshakeDecision decision) {
		assertThat(decision).isInstanceOf(HandshakeDecision.Rejected.class);
		assertThat(decision.isAccepted()).isFalse();
		return (HandshakeDecision.Rejected) decision;
	}

	static HandshakeDecision.Rejected rejectedWithout(String missing) {
		String[] headers = { "Host: example.com", "Upgrade: websocket", "Connection: Upgrade",
				"Sec-WebSocket-Key: " + KEY, "Sec-WebSocket-Version: 13" };
		return rejected(validate("GET /chat HTTP/1.1",
				java.util.Arrays.stream(headers).filter((h) -> !h.startsWith(missing)).toArray(String[]::new)));
	}

	@Test
	void aBrowserUpgradeRequestIsAccepted() {
		HandshakeDecision decision = Handshake
			.validate(parseOne(HttpRequestParserTests.BROWSER_UPGRADE));
		assertThat(decision.isAccepted()).isTrue();
		assertThat(decision).isEqualTo(new HandshakeDecision.Accepted(KEY));
		assertThat(((HandshakeDecision.Accepted) decision).acceptKey()).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
	}

	@Test
	void connectionMayListUpgradeAmongOtherTokensInAnyCase() {
		HandshakeDecision decision = validate("GET / HTTP/1.1", "Host: h", "Upgrade: WebSocket",
				"Connection: keep-alive, upgrade", "Sec-WebSocket-Key: " + KEY, "Sec-WebSocket-Version: 13");
		assertThat(decision.isAccepted()).isTrue();
	}

	@Test
	void aMethodOtherThanGetIs405WithAllowGet() {
		HandshakeDecision.Rejected r = rejected(validate("POST /chat HTTP/1.1", "Host: h", "Upgrade: websocket",
				"Connection: Upgrade", "Sec-WebSocket-Key: " + KEY, "Sec-WebSocket-Version: 13"));
		assertThat(r.status()).isEqualTo(405);
		assertThat(r.reason()).isEqualTo("Method Not Allowed");
		assertThat(r.headers()).containsExactly(new String[] { "Allow", "GET" });
		assertThat(r.message()).contains("POST");
	}

	@Test
	void http10Is400() {
		HandshakeDecision.Rejected r = rejected(validate("GET / HTTP/1.0", "Host: h", "Upgrade: websocket",
				"Connection: Upgrade", "Sec-WebSocket-Key: " + KEY, "Sec-WebSocket-Version: 13"));
		assertThat(r.status()).isEqualTo(400);
		assertThat(r.message()).contains("HTTP/1.1");
	}

	@Test
	void aMissingHostIs400() {
		HandshakeDecision.Rejected r = rejectedWithout("Host");
		assertThat(r.status()).isEqualTo(400);
		assertThat(r.reason()).isEqualTo("Bad Request");
		assertThat(r.message()).isEqualTo("The Host header is missing");
		assertThat(r.headers()).isEmpty();
	}

	@Test
	void twoHostHeadersAre400() {
		HandshakeDecision.Rejected r = rejected(validate("GET / HTTP/1.1", "Host: a", "Host: b", "Upgrade: websocket",
				"Connection: Upgrade", "Sec-WebSocket-Key: " + KEY, "Sec-WebSocket-Version: 13"));
		assertThat(r.status()).isEqualTo(400);
	}

	@Test
	void aMissingUpgradeIs400() {
		assertThat(rejectedWithout("Upgrade").status()).isEqualTo(400);
	}

	@Test
	void anUpgradeToAnotherProtocolIs400() {
		HandshakeDecision.Rejected r = rejected(validate("GET / HTTP/1.1", "Host: h", "Upgrade: h2c",
				"Connection: Upgrade", "Sec-WebSocket-Key: " + KEY, "Sec-WebSocket-Version: 13"));
		assertThat(r.status()).isEqualTo(400);
		assertThat(r.message()).contains("Upgrade");
	}

	@Test
	void aConnectionHeaderWithoutUpgradeIs400() {
		assertThat(rejectedWithout("Connection").status()).isEqualTo(400);
		HandshakeDecision.Rejected r = rejected(validate("GET / HTTP/1.1", "Host: h", "Upgrade: websocket",
				"Connection: keep-alive", "Sec-WebSocket-Key: " + KEY, "Sec-WebSocket-Version: 13"));
		assertThat(r.status()).isEqualTo(400);
		assertThat(r.message()).isEqualTo("The Connection header does not list Upgrade");
	}

	@Test
	void aMissingKeyIs400() {
		assertThat(rejectedWithout("Sec-WebSocket-Key").status()).isEqualTo(400);
	}

	@Test
	void aKeyThatIsNotBase64Of16BytesIs400() {
		for (String key : List.of("not base64 at all!!!!!!=", "AAAAAAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAAAAAA",
				"dGhlIHNhbXBsZSBub25jZQ", "AAAAAAAAAAAAAAAAAAAAAA==AA", "AAAAAAAAAAAAAAAAAAAAAA=*", "", KEY + ", " + KEY)) {
			HandshakeDecision.Rejected r = rejected(validate("GET / HTTP/1.1", "Host: h", "Upgrade: websocket",
					"Connection: Upgrade", "Sec-WebSocket-Key: " + key, "Sec-WebSocket-Version: 13"));
			assertThat(r.status()).as(key).isEqualTo(400);
		}
	}

	@Test
	void twoKeysAre400() {
		HandshakeDecision.Rejected r = rejected(validate("GET / HTTP/1.1", "Host: h", "Upgrade: websocket",
				"Connection: Upgrade", "Sec-WebSocket-Key: " + KEY, "Sec-WebSocket-Key: " + KEY,
				"Sec-WebSocket-Version: 13"));
		assertThat(r.status()).isEqualTo(400);
	}

	@Test
	void anotherWebSocketVersionIs426WithSecWebSocketVersion13() {
		for (String version : List.of("8", "13, 8", "14", " ")) {
			HandshakeDecision.Rejected r = rejected(validate("GET / HTTP/1.1", "Host: h", "Upgrade: websocket",
					"Connection: Upgrade", "Sec-WebSocket-Key: " + KEY, "Sec-WebSocket-Version: " + version));
			assertThat(r.status()).as(version).isEqualTo(426);
			assertThat(r.reason()).isEqualTo("Upgrade Required");
			assertThat(r.headers()).containsExactly(new String[] { "Sec-WebSocket-Version", "13" });
		}
	}

	@Test
	void aMissingWebSocketVersionIs426() {
		HandshakeDecision.Rejected r = rejectedWithout("Sec-WebSocket-Version");
		assertThat(r.status()).isEqualTo(426);
		assertThat(r.headers()).containsExactly(new String[] { "Sec-WebSocket-Version", "13" });
	}

	@Test
	void aRejectionRendersAsAClosingErrorResponse() {
		HandshakeDecision.Rejected r = rejectedWithout("Sec-WebSocket-Version");
		String response = new String(r.response(), java.nio.charset.StandardCharsets.UTF_8);
		assertThat(response).startsWith("HTTP/1.1 426 Upgrade Required\r\n")
			.contains("\r\nSec-WebSocket-Version: 13\r\n")
			.contains("\r\nConnection: close\r\n")
			.endsWith("\r\n\r\n" + r.message() + "\n");
		assertThat(r).hasToString("Rejected[426 Upgrade Required: " + r.message() + ", Sec-WebSocket-Version: 13]");
	}

	@Test
	void rejectionsWithTheSameContentAreEqual() {
		HandshakeDecision.Rejected a = rejectedWithout("Sec-WebSocket-Version");
		HandshakeDecision.Rejected b = rejectedWithout("Sec-WebSocket-Version");
		assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(rejectedWithout("Host"));
	}

	@Test
	void isWebSocketUpgradeLooksForTheWebsocketTokenInAnyCase() {
		assertThat(Handshake.isWebSocketUpgrade(parseOne(upgrade("GET / HTTP/1.1", "Upgrade: WebSocket"))))
			.isTrue();
		assertThat(Handshake.isWebSocketUpgrade(parseOne(upgrade("GET / HTTP/1.1", "upgrade: foo, websocket"))))
			.isTrue();
		assertThat(Handshake.isWebSocketUpgrade(parseOne(upgrade("GET / HTTP/1.1", "Upgrade: h2c")))).isFalse();
		assertThat(Handshake.isWebSocketUpgrade(parseOne(upgrade("GET / HTTP/1.1", "Host: h")))).isFalse();
	}

	@Test
	void theAcceptKeyMatchesTheRfc6455Example() {
		assertThat(Handshake.acceptKey("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
	}

	@Test
	void offeredSubprotocolsAreTheTokensOfEveryHeaderInOrder() {
		HttpRequestHead head = parseOne(
				upgrade("GET / HTTP/1.1", "Sec-WebSocket-Protocol: chat, superchat", "Sec-WebSocket-Protocol: v2"));
		assertThat(Handshake.offeredSubprotocols(head)).containsExactly("chat", "superchat", "v2");
		assertThat(Handshake.offeredSubprotocols(parseOne(upgrade("GET / HTTP/1.1", "Host: h")))).isEmpty();
	}

	@Test
	void nothingOfferedMeansNoneOfferedAndNothingToEcho() {
		assertThat(Handshake.chooseSubprotocol(List.of(), List.of("chat"))).isEqualTo(SubprotocolChoice.NONE_OFFERED)
			.isInstanceOf(SubprotocolChoice.NoneOffered.class);
		assertThat(Handshake.chooseSubprotocol(null, List.of("chat")).protocolToEcho()).isNull();
	}

	@Test
	void theFirstOfferedNameThatIsServedIsChosenAndEchoed() {
		SubprotocolChoice choice = Handshake.chooseSubprotocol(List.of("unknown", "chat", "superchat"),
				List.of("superchat", "chat"));
		assertThat(choice).isEqualTo(new SubprotocolChoice.Chosen("chat"));
		assertThat(choice.protocolToEcho()).isEqualTo("chat");
	}

	@Test
	void theClientsOrderWinsOverTheServersOrder() {
		assertThat(Handshake.chooseSubprotocol(List.of("b", "a"), List.of("a", "b")))
			.isEqualTo(new SubprotocolChoice.Chosen("b"));
	}

	@Test
	void namesAreComparedCaseSensitively() {
		assertThat(Handshake.chooseSubprotocol(List.of("Chat"), List.of("chat")))
			.isEqualTo(new SubprotocolChoice.Rejected(List.of("Chat")));
	}

	@Test
	void offeredNamesNoneOfWhichAreServedAreRejected() {
		SubprotocolChoice choice = Handshake.chooseSubprotocol(List.of("x", "y"), List.of("chat"));
		assertThat(choice).isInstanceOf(SubprotocolChoice.Rejected.class);
		assertThat(((SubprotocolChoice.Rejected) choice).offered()).containsExactly("x", "y");
		assertThat(choice.protocolToEcho()).isNull();
		assertThat(Handshake.chooseSubprotocol(List.of("x"), List.of()))
			.isInstanceOf(SubprotocolChoice.Rejected.class);
	}

}
