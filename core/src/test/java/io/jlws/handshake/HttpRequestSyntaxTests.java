package io.jlws.handshake;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class HttpRequestSyntaxTests {

	static int statusOf(String request) {
		HttpParseException ex = org.junit.jupiter.api.Assertions.assertThrows(HttpParseException.class,
				() -> HttpRequestParserTests.parseOne(request));
		return ex.status();
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@ValueSource(strings = { "GET /", "GET / ", "GET  / HTTP/1.1", "GET / HTTP/1.1 ", " GET / HTTP/1.1",
			"GET /  HTTP/1.1", "G(T / HTTP/1.1", "GET / http/1.1", "GET / HTTP/1", "GET / HTTP/1.10", "GET / HTTP/1.1x", "GET / HTTP/x.y",
			"GET / FTP/1.1", "GET /a\tb HTTP/1.1", "GET /#fragment HTTP/1.1", "GET example.com HTTP/1.1",
			"GET http:///nohost HTTP/1.1", "GET * HTTP/1.1", "GET /\u00e9 HTTP/1.1", "GET /a\rb HTTP/1.1" })
	void aMalformedRequestLineIsRejectedWith400(String requestLine) {
		assertThat(statusOf(requestLine + "\r\n\r\n")).isEqualTo(400);
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@ValueSource(strings = { "HTTP/2.0", "HTTP/3.0", "HTTP/0.9", "HTTP/2" })
	void aWellFormedVersionOtherThanHttp1IsRejectedWith505(String version) {
		assertThat(statusOf("GET / " + version + "\r\n\r\n")).isEqualTo(505);
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@ValueSource(strings = { "Host : example.com", "Host\t: example.com", "NoColon", ": no name", "Bad Name: v",
			"X(y): v", "X: a\u0001b", "X: a\u007fb", "X: a\rb", " folded: line", "\tfolded: line" })
	void aMalformedHeaderLineIsRejectedWith400(String headerLine) {
		assertThat(statusOf("GET / HTTP/1.1\r\nHost: x\r\n" + headerLine + "\r\n\r\n")).isEqualTo(400);
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@ValueSource(strings = { "X: v\r\n continued", "X: v\r\n\tcontinued" })
	void obsoleteLineFoldingIsRejectedWith400(String folded) {
		assertThatExceptionOfType(HttpParseException.class)
			.isThrownBy(() -> HttpRequestParserTests.parseOne("GET / HTTP/1.1\r\n" + folded + "\r\n\r\n"))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(400))
			.withMessageContaining("line folding");
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@ValueSource(strings = { "GET", "get", "M-SEARCH", "PROPFIND", "X!#$%&'*+-.^_`|~1" })
	void anyTokenIsAMethod(String method) {
		assertThat(HttpRequestParserTests.parseOne(method + " / HTTP/1.1\r\n\r\n").method()).isEqualTo(method);
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@ValueSource(strings = { "CONNECT example.com:443 HTTP/1.1" })
	void authorityFormIsNotImplemented(String requestLine) {
		assertThat(statusOf(requestLine + "\r\n\r\n")).isEqualTo(501);
	}

}
