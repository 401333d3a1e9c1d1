package io.jlws.handshake;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.tuple;

class HttpRequestParserTests {

	/** What Chromium sends to open a WebSocket. */
	static final String BROWSER_UPGRADE = "GET /chat?room=lobby HTTP/1.1\r\n"
			+ "Host: example.com:8080\r\n"
			+ "Connection: Upgrade\r\n"
			+ "Pragma: no-cache\r\n"
			+ "Cache-Control: no-cache\r\n"
			+ "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36\r\n"
			+ "Upgrade: websocket\r\n"
			+ "Origin: http://example.com:8080\r\n"
			+ "Sec-WebSocket-Version: 13\r\n"
			+ "Accept-Encoding: gzip, deflate, br, zstd\r\n"
			+ "Accept-Language: en-US,en;q=0.9\r\n"
			+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
			+ "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n"
			+ "Sec-WebSocket-Protocol: chat, superchat\r\n"
			+ "\r\n";

	/** A masked text frame "Hello" (RFC 6455 section 5.7), sent right behind the head. */
	static final byte[] FRAME = { (byte) 0x81, (byte) 0x85, 0x37, (byte) 0xfa, 0x21, 0x3d, 0x7f, (byte) 0x9f, 0x4d,
			0x51, 0x58 };

	static ByteBuffer ascii(String s) {
		return ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
	}

	static byte[] headAndFrame() {
		byte[] head = BROWSER_UPGRADE.getBytes(StandardCharsets.ISO_8859_1);
		byte[] all = new byte[head.length + FRAME.length];
		System.arraycopy(head, 0, all, 0, head.length);
		System.arraycopy(FRAME, 0, all, head.length, FRAME.length);
		return all;
	}

	static byte[] remaining(ByteBuffer... buffers) {
		int n = 0;
		for (ByteBuffer b : buffers) {
			n += b.remaining();
		}
		byte[] out = new byte[n];
		int i = 0;
		for (ByteBuffer b : buffers) {
			int r = b.remaining();
			b.get(out, i, r);
			i += r;
		}
		return out;
	}

	static HttpRequestHead parseOne(String request) {
		return new HttpRequestParser(8192).parse(ascii(request));
	}

	@Test
	void aBrowserUpgradeRequestParsesInOneGoAndLeavesTheFrameInTheBuffer() {
		ByteBuffer in = ByteBuffer.wrap(headAndFrame());
		HttpRequestHead head = new HttpRequestParser(8192).parse(in);
		assertThat(head).isNotNull();
		assertThat(head.method()).isEqualTo("GET");
		assertThat(head.target()).isEqualTo("/chat?room=lobby");
		assertThat(head.path()).isEqualTo("/chat");
		assertThat(head.query()).isEqualTo("room=lobby");
		assertThat(head.version()).isEqualTo("HTTP/1.1");
		assertThat(head.headers()).hasSize(13);
		assertThat(head.headers().get(0)).isEqualTo(new HttpRequestHead.Header("Host", "example.com:8080"));
		assertThat(head.header("sec-websocket-key")).isEqualTo("dGhlIHNhbXBsZSBub25jZQ==");
		assertThat(head.headerTokens("Sec-WebSocket-Protocol")).containsExactly("chat", "superchat");
		assertThat(in.position()).isEqualTo(BROWSER_UPGRADE.length());
		assertThat(remaining(in)).isEqualTo(FRAME);
	}

	@Test
	void splittingTheRequestAtEveryOffsetIntoTwoBuffersGivesTheSameHeadAndLeavesTheFrame() {
		byte[] all = headAndFrame();
		String expected = new HttpRequestParser(8192).parse(ByteBuffer.wrap(all)).toString();
		HttpRequestParser parser = new HttpRequestParser(8192);
		for (int split = 0; split <= all.length; split++) {
			ByteBuffer first = ByteBuffer.wrap(all, 0, split);
			ByteBuffer second = ByteBuffer.wrap(all, split, all.length - split);
			HttpRequestHead head = parser.parse(first);
			if (split < BROWSER_UPGRADE.length()) {
				assertThat(head).as("split at %d", split).isNull();
				assertThat(first.hasRemaining()).isFalse();
				head = parser.parse(second);
			}
			assertThat(head).as("split at %d", split).isNotNull();
			assertThat(head.toString()).isEqualTo(expected);
			assertThat(remaining(first, second)).as("split at %d", split).isEqualTo(FRAME);
		}
	}

	@Test
	void feedingTheRequestByteByByteGivesTheSameHeadOnTheLastByteOfTheHead() {
		byte[] all = headAndFrame();
		HttpRequestParser parser = new HttpRequestParser(8192);
		HttpRequestHead head = null;
		int i = 0;
		while (head == null) {
			ByteBuffer one = ByteBuffer.wrap(all, i++, 1);
			head = parser.parse(one);
			assertThat(one.hasRemaining()).isFalse();
		}
		assertThat(i).isEqualTo(BROWSER_UPGRADE.length());
		assertThat(head.toString()).isEqualTo(new HttpRequestParser(8192).parse(ByteBuffer.wrap(all)).toString());
	}

	@Test
	void twoPipelinedRequestsOnAKeepAliveConnectionParseOneAfterTheOther() {
		ByteBuffer in = ascii("GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: y\r\n\r\n");
		HttpRequestParser parser = new HttpRequestParser(1024);
		assertThat(parser.parse(in).path()).isEqualTo("/a");
		HttpRequestHead second = parser.parse(in);
		assertThat(second.path()).isEqualTo("/b");
		assertThat(second.header("Host")).isEqualTo("y");
		assertThat(in.hasRemaining()).isFalse();
	}

	@Test
	void resetDiscardsAPartialHead() {
		HttpRequestParser parser = new HttpRequestParser(1024);
		assertThat(parser.parse(ascii("POST /x HTTP/1.1\r\nX-Half: v"))).isNull();
		parser.reset();
		HttpRequestHead head = parser.parse(ascii("GET /y HTTP/1.1\r\n\r\n"));
		assertThat(head.method()).isEqualTo("GET");
		assertThat(head.headers()).isEmpty();
	}

	@Test
	void aHeadExactlyAtTheLimitPassesAndOneByteLessIsRejectedWith431() {
		String request = "GET / HTTP/1.1\r\nHost: example.com\r\nX-Pad: 0123456789\r\n\r\n";
		int size = request.length();
		assertThat(new HttpRequestParser(size).parse(ascii(request))).isNotNull();
		assertThatExceptionOfType(HttpParseException.class)
			.isThrownBy(() -> new HttpRequestParser(size - 1).parse(ascii(request)))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(431))
			.withMessage("The request head is larger than " + (size - 1) + " bytes");
	}

	@Test
	void anEndlessStreamOfHeadersIsStoppedOnTheFirstByteOverTheLimit() {
		HttpRequestParser parser = new HttpRequestParser(1024);
		assertThat(parser.parse(ascii("GET / HTTP/1.1\r\n"))).isNull();
		int consumed = "GET / HTTP/1.1\r\n".length();
		ByteBuffer chunk = ascii("X-Filler: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n");
		HttpParseException failure = null;
		for (int i = 0; i < 1000 && failure == null; i++) {
			chunk.rewind();
			try {
				assertThat(parser.parse(chunk)).isNull();
				consumed += chunk.position();
			}
			catch (HttpParseException ex) {
				failure = ex;
				consumed += chunk.position();
			}
		}
		assertThat(failure).isNotNull();
		assertThat(failure.status()).isEqualTo(431);
		assertThat(consumed).isEqualTo(1025);
	}

	@Test
	void anEndlessHeaderLineIsStoppedAtTheLimit() {
		HttpRequestParser parser = new HttpRequestParser(100);
		parser.parse(ascii("GET / HTTP/1.1\r\nX-Long: "));
		assertThatExceptionOfType(HttpParseException.class)
			.isThrownBy(() -> parser.parse(ascii("a".repeat(200))))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(431));
	}

	@Test
	void aRequestLineLongerThanTheLimitIsRejectedWith414() {
		HttpRequestParser parser = new HttpRequestParser(64);
		assertThatExceptionOfType(HttpParseException.class)
			.isThrownBy(() -> parser.parse(ascii("GET /" + "a".repeat(100))))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(414));
	}

	@Test
	void oneHundredHeadersPassAndOneHundredAndOneAreRejectedWith431() {
		StringBuilder request = new StringBuilder("GET / HTTP/1.1\r\n");
		for (int i = 0; i < 100; i++) {
			request.append("X-H").append(i).append(": v\r\n");
		}
		assertThat(parseOne(request + "\r\n").headers()).hasSize(100);
		String tooMany = request + "X-H100: v\r\n\r\n";
		assertThatExceptionOfType(HttpParseException.class).isThrownBy(() -> parseOne(tooMany))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(431))
			.withMessage("The request has more than 100 header fields");
	}

	@Test
	void tooManyHeadersAreRejectedBeforeTheHeadIsComplete() {
		HttpRequestParser parser = new HttpRequestParser(8192, 2);
		assertThatExceptionOfType(HttpParseException.class)
			.isThrownBy(() -> parser.parse(ascii("GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\n")))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(431));
	}

	@Test
	void bareLineFeedLineEndingsAreAccepted() {
		HttpRequestHead head = parseOne("GET /lf HTTP/1.1\nHost: example.com\nUpgrade: websocket\n\n");
		assertThat(head.path()).isEqualTo("/lf");
		assertThat(head.headers()).extracting(HttpRequestHead.Header::name, HttpRequestHead.Header::value)
			.containsExactly(tuple("Host", "example.com"), tuple("Upgrade", "websocket"));
	}

	@Test
	void mixedLineEndingsAreAccepted() {
		HttpRequestHead head = parseOne("GET / HTTP/1.1\r\nA: 1\nB: 2\r\n\n");
		assertThat(head.headers()).hasSize(2);
	}

	@Test
	void headerValuesAreTrimmedOfSpacesAndTabsOnly() {
		HttpRequestHead head = parseOne("GET / HTTP/1.1\r\nX-Pad: \t value with  spaces \t \r\nX-Empty:\r\n\r\n");
		assertThat(head.header("X-Pad")).isEqualTo("value with  spaces");
		assertThat(head.header("X-Empty")).isEmpty();
	}

	@Test
	void duplicateHeadersAreKeptInOrderWithTheirOriginalCase() {
		HttpRequestHead head = parseOne(
				"GET / HTTP/1.1\r\nsec-websocket-protocol: a, b\r\nX-Other: 1\r\nSEC-WEBSOCKET-PROTOCOL: c\r\n\r\n");
		assertThat(head.headers()).extracting(HttpRequestHead.Header::name)
			.containsExactly("sec-websocket-protocol", "X-Other", "SEC-WEBSOCKET-PROTOCOL");
		assertThat(head.headerValues("Sec-WebSocket-Protocol")).containsExactly("a, b", "c");
		assertThat(head.headerTokens("Sec-WebSocket-Protocol")).containsExactly("a", "b", "c");
	}

	@Test
	void emptyLinesBeforeTheRequestLineAreSkipped() {
		assertThat(parseOne("\r\n\r\nGET / HTTP/1.1\r\n\r\n").method()).isEqualTo("GET");
	}

	@Test
	void http10IsParsedAndLeftToTheCallerToJudge() {
		assertThat(parseOne("GET / HTTP/1.0\r\n\r\n").version()).isEqualTo("HTTP/1.0");
	}

	@Test
	void latin1BytesInAHeaderValueSurviveAsChars() {
		ByteBuffer in = ByteBuffer.wrap(new byte[] { 'G', 'E', 'T', ' ', '/', ' ', 'H', 'T', 'T', 'P', '/', '1', '.',
				'1', '\n', 'X', ':', ' ', (byte) 0xE9, '\n', '\n' });
		assertThat(new HttpRequestParser(100).parse(in).header("x")).isEqualTo("\u00e9");
	}

	@Test
	void aParserThatFailedRefusesMoreInputUntilReset() {
		HttpRequestParser parser = new HttpRequestParser(1024);
		assertThatExceptionOfType(HttpParseException.class).isThrownBy(() -> parser.parse(ascii("BAD\r\n")));
		assertThatIllegalStateException().isThrownBy(() -> parser.parse(ascii("GET / HTTP/1.1\r\n\r\n")));
		parser.reset();
		assertThat(parser.parse(ascii("GET / HTTP/1.1\r\n\r\n"))).isNotNull();
	}

	@Test
	void aNonPositiveLimitIsRefused() {
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> new HttpRequestParser(0));
	}

	@Test
	void aParseExceptionHasNoStackTrace() {
		assertThat(new HttpParseException(400, "x").getStackTrace()).isEmpty();
	}

}
