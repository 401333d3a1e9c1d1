package io.jlws.handshake;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static io.jlws.handshake.HttpRequestParserTests.parseOne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class HttpRequestHeadTests {

	static HttpRequestHead get(String target) {
		return parseOne("GET " + target + " HTTP/1.1\r\nHost: example.com\r\n\r\n");
	}

	static HttpRequestHead withHeaders(String... lines) {
		return parseOne("GET / HTTP/1.1\r\n" + String.join("\r\n", lines) + "\r\n\r\n");
	}

	@Test
	void queryParametersAreFormDecoded() {
		HttpRequestHead head = get("/ws?mirror=abc&x=1+2&y=%41");
		assertThat(head.query()).isEqualTo("mirror=abc&x=1+2&y=%41");
		assertThat(head.queryParameters()).containsExactly(Map.entry("mirror", List.of("abc")),
				Map.entry("x", List.of("1 2")), Map.entry("y", List.of("A")));
		assertThat(head.queryParameter("x")).isEqualTo("1 2");
		assertThat(head.queryParameter("missing")).isNull();
	}

	@Test
	void repeatedQueryParametersKeepAllValuesInOrder() {
		HttpRequestHead head = get("/?a=1&b&a=2&&c=&%C3%A9t%C3%A9=%E2%82%AC");
		assertThat(head.queryParameters()).containsExactly(Map.entry("a", List.of("1", "2")),
				Map.entry("b", List.of("")), Map.entry("c", List.of("")), Map.entry("\u00e9t\u00e9", List.of("\u20ac")));
		assertThat(head.queryParameter("a")).isEqualTo("1");
	}

	@Test
	void aQueryValueMayContainEqualsSigns() {
		assertThat(get("/?k=a=b").queryParameter("k")).isEqualTo("a=b");
	}

	@Test
	void noQueryGivesAnEmptyStringAndNoParameters() {
		HttpRequestHead head = get("/plain");
		assertThat(head.query()).isEmpty();
		assertThat(head.queryParameters()).isEmpty();
	}

	@Test
	void aMalformedQueryEscapeIs400() {
		assertThatExceptionOfType(HttpParseException.class).isThrownBy(() -> get("/?x=%4").queryParameters())
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(400));
	}

	@Test
	void decodedPathDecodesPercentEscapesAsUtf8AndKeepsPlus() {
		HttpRequestHead head = get("/a%20b/%E2%82%AC+c%2Fd");
		assertThat(head.path()).isEqualTo("/a%20b/%E2%82%AC+c%2Fd");
		assertThat(head.decodedPath()).isEqualTo("/a b/\u20ac+c/d");
	}

	@Test
	void invalidPercentEscapesInThePathAre400() {
		for (String target : List.of("/%zz", "/%4", "/%", "/%C3", "/%00")) {
			assertThatExceptionOfType(HttpParseException.class).as(target)
				.isThrownBy(() -> get(target).decodedPath())
				.satisfies((ex) -> assertThat(ex.status()).isEqualTo(400));
		}
	}

	@Test
	void anAbsoluteFormTargetIsSplitAfterTheAuthority() {
		HttpRequestHead head = get("http://example.com:8080/chat/room?x=1");
		assertThat(head.target()).isEqualTo("http://example.com:8080/chat/room?x=1");
		assertThat(head.path()).isEqualTo("/chat/room");
		assertThat(head.query()).isEqualTo("x=1");
		assertThat(get("http://example.com").path()).isEqualTo("/");
		assertThat(get("HTTPS://example.com?q").path()).isEqualTo("/");
		assertThat(get("HTTPS://example.com?q").query()).isEqualTo("q");
	}

	@Test
	void optionsAsteriskHasThePathAsterisk() {
		assertThat(parseOne("OPTIONS * HTTP/1.1\r\n\r\n").path()).isEqualTo("*");
	}

	@Test
	void headerLookupIgnoresCaseAndReturnsTheFirstValue() {
		HttpRequestHead head = withHeaders("X-Dup: one", "x-dup: two");
		assertThat(head.header("X-DUP")).isEqualTo("one");
		assertThat(head.headerValues("x-Dup")).containsExactly("one", "two");
		assertThat(head.header("Absent")).isNull();
		assertThat(head.headerValues("Absent")).isEmpty();
	}

	@Test
	void headerTokensSplitOnCommasTrimAndDropEmptyElements() {
		HttpRequestHead head = withHeaders("Connection: keep-alive,  Upgrade ,,", "Connection: ,close");
		assertThat(head.headerTokens("connection")).containsExactly("keep-alive", "Upgrade", "close");
	}

	@Test
	void aCommaInsideAQuotedStringDoesNotSplit() {
		HttpRequestHead head = withHeaders("Sec-WebSocket-Extensions: x; p=\"a,b\", permessage-deflate");
		assertThat(head.headerTokens("Sec-WebSocket-Extensions")).containsExactly("x; p=\"a,b\"",
				"permessage-deflate");
	}

	@Test
	void hasTokenMatchesWholeElementsIgnoringCase() {
		HttpRequestHead head = withHeaders("Connection: keep-alive, Upgrade", "Upgrade: WebSocket");
		assertThat(head.hasToken("connection", "upgrade")).isTrue();
		assertThat(head.hasToken("Connection", "KEEP-ALIVE")).isTrue();
		assertThat(head.hasToken("Connection", "keep")).isFalse();
		assertThat(head.hasToken("Upgrade", "websocket")).isTrue();
		assertThat(head.hasToken("Absent", "websocket")).isFalse();
		assertThat(withHeaders("Connection: upgraded").hasToken("Connection", "upgrade")).isFalse();
	}

	@Test
	void theHeaderListIsUnmodifiable() {
		HttpRequestHead head = withHeaders("A: 1");
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> head.headers().add(new HttpRequestHead.Header("B", "2")));
	}

	@Test
	void aHeadCanBeBuiltWithoutTheParser() {
		HttpRequestHead head = new HttpRequestHead("GET", "/x?y=1", "HTTP/1.1",
				List.of(new HttpRequestHead.Header("Host", "h")));
		assertThat(head.path()).isEqualTo("/x");
		assertThat(head.queryParameter("y")).isEqualTo("1");
		assertThat(head).hasToString("GET /x?y=1 HTTP/1.1\nHost: h");
	}

}
