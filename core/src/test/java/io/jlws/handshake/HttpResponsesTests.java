package io.jlws.handshake;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class HttpResponsesTests {

	static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

	static List<String[]> header(String name, String value) {
		return List.<String[]>of(new String[] { name, value });
	}

	@Test
	void switchingProtocolsWithoutASubprotocolIsExact() {
		assertThat(text(HttpResponses.switchingProtocols("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", null, null)))
			.isEqualTo("HTTP/1.1 101 Switching Protocols\r\n"
					+ "Upgrade: websocket\r\n"
					+ "Connection: Upgrade\r\n"
					+ "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
					+ "\r\n");
	}

	@Test
	void switchingProtocolsWithASubprotocolEchoesIt() {
		assertThat(text(HttpResponses.switchingProtocols("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", "chat", List.of())))
			.isEqualTo("HTTP/1.1 101 Switching Protocols\r\n"
					+ "Upgrade: websocket\r\n"
					+ "Connection: Upgrade\r\n"
					+ "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
					+ "Sec-WebSocket-Protocol: chat\r\n"
					+ "\r\n");
	}

	@Test
	void switchingProtocolsAppendsExtraHeadersAfterTheSubprotocol() {
		assertThat(text(HttpResponses.switchingProtocols("k", "chat",
				header("Sec-WebSocket-Extensions", "permessage-deflate"))))
			.endsWith("Sec-WebSocket-Protocol: chat\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n");
	}

	@Test
	void crOrLfInAnythingWrittenIntoAHeadIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> HttpResponses.switchingProtocols("k", "chat\r\nX-Evil: 1", null));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> HttpResponses.switchingProtocols("k\r\n", null, null));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> HttpResponses.switchingProtocols("k", null, header("X-Ok", "a\nSet-Cookie: x=1")))
			.withMessageContaining("response splitting");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> HttpResponses.head(200, "OK", header("X-Evil\r\nA", "v"), 0, false));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> HttpResponses.head(200, "OK\r\nX: y", null, 0, false));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> HttpResponses.head(302, null, header("Location", "/a\rb"), 0, false));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> HttpResponses.error(400, "bad", header("X", "\u0000")));
	}

	@Test
	void malformedHeaderPairsAreRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> HttpResponses.head(200, null, List.<String[]>of(new String[] { "A" }), -1, false));
		assertThatIllegalArgumentException().isThrownBy(() -> HttpResponses.head(200, null, header("A", null), -1, false));
		assertThatIllegalArgumentException().isThrownBy(() -> HttpResponses.head(200, null, header("", "v"), -1, false));
		assertThatIllegalArgumentException().isThrownBy(() -> HttpResponses.head(200, null, header("X", "\u20ac"), -1, false));
		assertThatIllegalArgumentException().isThrownBy(() -> HttpResponses.head(42, null, null, -1, false));
	}

	@Test
	void aGenericHeadAddsContentLengthAndConnectionClose() {
		assertThat(text(HttpResponses.head(200, null, header("Content-Type", "text/html; charset=utf-8"), 42, true)))
			.isEqualTo("HTTP/1.1 200 OK\r\n"
					+ "Content-Type: text/html; charset=utf-8\r\n"
					+ "Content-Length: 42\r\n"
					+ "Connection: close\r\n"
					+ "\r\n");
	}

	@Test
	void aNegativeContentLengthWritesNoContentLength() {
		assertThat(text(HttpResponses.head(304, "Not Modified", null, -1, false)))
			.isEqualTo("HTTP/1.1 304 Not Modified\r\n\r\n");
	}

	@Test
	void anErrorIsACompleteClosingTextResponse() {
		assertThat(text(HttpResponses.error(405, "Use GET", header("Allow", "GET"))))
			.isEqualTo("HTTP/1.1 405 Method Not Allowed\r\n"
					+ "Content-Type: text/plain; charset=utf-8\r\n"
					+ "X-Content-Type-Options: nosniff\r\n"
					+ "Allow: GET\r\n"
					+ "Content-Length: 8\r\n"
					+ "Connection: close\r\n"
					+ "\r\n"
					+ "Use GET\n");
	}

	@Test
	void anErrorBodyIsUtf8AndItsLengthCountsBytes() {
		byte[] response = HttpResponses.error(400, "caf\u00e9", null);
		assertThat(text(response)).contains("Content-Length: 6\r\n").endsWith("\r\n\r\ncaf\u00e9\n");
	}

	@Test
	void anErrorWithoutAMessageUsesTheReasonPhrase() {
		assertThat(text(HttpResponses.error(431, null, null))).endsWith("\r\n\r\nRequest Header Fields Too Large\n");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			101 | Switching Protocols
			200 | OK
			204 | No Content
			301 | Moved Permanently
			302 | Found
			304 | Not Modified
			400 | Bad Request
			403 | Forbidden
			404 | Not Found
			405 | Method Not Allowed
			408 | Request Timeout
			413 | Content Too Large
			414 | URI Too Long
			426 | Upgrade Required
			431 | Request Header Fields Too Large
			500 | Internal Server Error
			501 | Not Implemented
			503 | Service Unavailable
			505 | HTTP Version Not Supported
			499 | Client Error
			""")
	void reasonPhrasesAreTheStandardOnes(int status, String reason) {
		assertThat(HttpResponses.reasonPhrase(status)).isEqualTo(reason);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			index.html        | text/html; charset=utf-8
			/a/b/PAGE.HTM     | text/html; charset=utf-8
			app.js            | text/javascript; charset=utf-8
			mod.mjs           | text/javascript; charset=utf-8
			style.css         | text/css; charset=utf-8
			data.json         | application/json
			app.js.map        | application/json
			logo.png          | image/png
			photo.jpg         | image/jpeg
			photo.jpeg        | image/jpeg
			anim.gif          | image/gif
			icon.svg          | image/svg+xml
			favicon.ico       | image/x-icon
			readme.txt        | text/plain; charset=utf-8
			module.wasm       | application/wasm
			font.woff2        | font/woff2
			archive.tar.gz    | application/octet-stream
			Makefile          | application/octet-stream
			dir.d/Makefile    | application/octet-stream
			""")
	void contentTypesFollowTheExtension(String fileName, String contentType) {
		assertThat(HttpResponses.contentTypeFor(fileName)).isEqualTo(contentType);
	}

}
