package io.jlws.server;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.jlws.CallbackResult;
import io.jlws.ContextInfo;
import io.jlws.HttpResponse;
import io.jlws.Limits;
import io.jlws.Protocol;
import io.jlws.Reason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HandshakeOverSocketTest {

	private final List<String> seen = new CopyOnWriteArrayList<>();

	private ServerFixture server;

	@BeforeEach
	void start() throws Exception {
		Protocol<Void> first = Protocol.builder("first", (Callback) (c, r, s, in) -> {
			if (r == Reason.HTTP) {
				if (c.path().equals("/hello")) {
					c.respond(HttpResponse.text(200, "hi " + c.queryParameter("name")));
				}
				else if (!c.path().equals("/nothing")) {
					c.respond(HttpResponse.fromClasspath(c, getClass().getClassLoader(), "static-test"));
				}
			}
			return record("first", c, r);
		}).build();
		Protocol<Void> second = Protocol.builder("second", (Callback) (c, r, s, in) -> record("second", c, r))
			.paths("/second")
			.build();
		Protocol<Void> guarded = Protocol.builder("guarded", (Callback) (c, r, s, in) -> {
			if (r == Reason.FILTER_PROTOCOL_CONNECTION) {
				this.seen.add("filter mirror=" + c.queryParameter("mirror") + " ua=" + c.header("user-agent")
						+ " path=" + c.path());
				return "letmein".equals(c.header("X-Token")) ? CallbackResult.CONTINUE : CallbackResult.CLOSE;
			}
			if (r == Reason.ESTABLISHED) {
				this.seen.add("established sees header " + c.header("X-Token"));
				c.setTimer(Duration.ofMillis(1));
			}
			if (r == Reason.TIMER) {
				try {
					c.header("X-Token");
					this.seen.add("header still readable");
				}
				catch (IllegalStateException ex) {
					this.seen.add("released: " + ex.getMessage());
				}
			}
			return CallbackResult.CONTINUE;
		}).build();
		this.server = new ServerFixture(ContextInfo.builder()
			.protocol(first)
			.protocol(second)
			.protocol(guarded)
			.limits(Limits.builder().maxHeaderBytes(1024).handshakeTimeout(Duration.ofMillis(500)).build()));
	}

	interface Callback extends io.jlws.Callback<Void> {

	}

	private CallbackResult record(String protocol, io.jlws.Connection c, Reason r) {
		if (r == Reason.ESTABLISHED) {
			this.seen.add(protocol + " established");
		}
		return CallbackResult.CONTINUE;
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	private String upgrade(String path, String... protocols) throws Exception {
		try (RawClient c = new RawClient(this.server.port())) {
			return c.upgrade(path, protocols);
		}
	}

	private String request(String raw) throws Exception {
		try (RawClient c = new RawClient(this.server.port())) {
			c.sendRaw(raw.getBytes(StandardCharsets.ISO_8859_1));
			return new String(c.readToEnd(), StandardCharsets.ISO_8859_1);
		}
	}

	@Test
	void noSubprotocolOfferedSelectsTheFirstProtocolAndEchoesNone() throws Exception {
		String head = upgrade("/");
		assertThat(head).startsWith("HTTP/1.1 101").doesNotContainIgnoringCase("Sec-WebSocket-Protocol");
		org.awaitility.Awaitility.await().until(() -> this.seen.contains("first established"));
	}

	@Test
	void noSubprotocolOfferedSelectsAProtocolByPath() throws Exception {
		String head = upgrade("/second");
		assertThat(head).startsWith("HTTP/1.1 101").doesNotContainIgnoringCase("Sec-WebSocket-Protocol");
		org.awaitility.Awaitility.await().until(() -> this.seen.contains("second established"));
	}

	@Test
	void theFirstOfferedProtocolWeServeWinsInTheClientsOrder() throws Exception {
		assertThat(upgrade("/", "unknown", "second", "first")).contains("Sec-WebSocket-Protocol: second\r\n");
		assertThat(upgrade("/", "first", "second")).contains("Sec-WebSocket-Protocol: first\r\n");
	}

	@Test
	void offeringOnlyUnservedProtocolsIsRefusedWith400() throws Exception {
		assertThat(upgrade("/", "chat", "superchat")).startsWith("HTTP/1.1 400");
	}

	@Test
	void wrongVersionIsRefusedWith426NamingVersion13() throws Exception {
		String response = request("GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
				+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 8\r\n\r\n");
		assertThat(response).startsWith("HTTP/1.1 426").contains("Sec-WebSocket-Version: 13\r\n");
	}

	@Test
	void missingKeyIsRefusedWith400() throws Exception {
		String response = request("GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
				+ "Sec-WebSocket-Version: 13\r\n\r\n");
		assertThat(response).startsWith("HTTP/1.1 400");
	}

	@Test
	void oversizeHeadersAreRefusedWith431() throws Exception {
		String response = request("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(2000) + "\r\n\r\n");
		assertThat(response).startsWith("HTTP/1.1 431");
	}

	@Test
	void filterSeesHeadersPathAndQueryAndMayRefuseWith403() throws Exception {
		try (RawClient c = new RawClient(this.server.port())) {
			c.sendRaw(("GET /draw?mirror=room1 HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
					+ "User-Agent: tester\r\nSec-WebSocket-Protocol: guarded\r\n"
					+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
				.getBytes(StandardCharsets.ISO_8859_1));
			assertThat(c.readHead()).startsWith("HTTP/1.1 403");
		}
		assertThat(this.seen).contains("filter mirror=room1 ua=tester path=/draw");
	}

	@Test
	void headersAreReadableUntilEstablishedReturnsThenAccessFailsClearly() throws Exception {
		try (RawClient c = new RawClient(this.server.port())) {
			c.sendRaw(("GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nX-Token: letmein\r\n"
					+ "Sec-WebSocket-Protocol: guarded\r\n"
					+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
				.getBytes(StandardCharsets.ISO_8859_1));
			assertThat(c.readHead()).startsWith("HTTP/1.1 101").contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
			org.awaitility.Awaitility.await().until(() -> this.seen.stream().anyMatch((s) -> s.startsWith("released")));
		}
		assertThat(this.seen).contains("established sees header letmein");
		assertThat(this.seen).noneMatch((s) -> s.equals("header still readable"));
		assertThat(this.seen).anyMatch((s) -> s.contains("copy what you need during FILTER_PROTOCOL_CONNECTION"));
	}

	@Test
	void plainHttpGoesToTheFirstProtocolsHttpCallback() throws Exception {
		String response = request("GET /hello?name=lws HTTP/1.1\r\nHost: x\r\n\r\n");
		assertThat(response).startsWith("HTTP/1.1 200").contains("Content-Length: 6\r\n").endsWith("\r\n\r\nhi lws");
	}

	@Test
	void unansweredHttpRequestsGet404() throws Exception {
		assertThat(request("GET /nothing HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 404");
	}

	@Test
	void classpathResourcesAreServedWithTypeAndLengthAndOtherMethodsGet405() throws Exception {
		String page = request("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
		assertThat(page).startsWith("HTTP/1.1 200")
			.contains("Content-Type: text/html; charset=utf-8\r\n")
			.contains("Content-Length: 22\r\n")
			.endsWith("\r\n\r\n<p>jlws test page</p>\n");
		assertThat(request("HEAD /index.html HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 200")
			.endsWith("\r\n\r\n");
		assertThat(request("POST /index.html HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"))
			.startsWith("HTTP/1.1 405")
			.contains("Allow: GET, HEAD");
		assertThat(request("GET /missing.css HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 404");
		assertThat(request("GET /../logback-test.xml HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 404");
	}

	@Test
	void aClientThatSendsNothingIsDroppedAfterTheHandshakeTimeout() throws Exception {
		try (RawClient c = new RawClient(this.server.port())) {
			assertThat(c.awaitEof()).isTrue();
		}
	}

	@Test
	void byDefaultOnlyPagesFromTheSameOriginMayConnect() throws Exception {
		int port = this.server.port();
		assertThat(upgradeWithOrigin(port, "127.0.0.1:" + port, "http://127.0.0.1:" + port)).startsWith("HTTP/1.1 101");
		assertThat(upgradeWithOrigin(port, "127.0.0.1:" + port, "https://evil.example")).startsWith("HTTP/1.1 403");
		assertThat(upgradeWithOrigin(port, "127.0.0.1:" + port, "http://127.0.0.1:1")).startsWith("HTTP/1.1 403");
		assertThat(upgradeWithOrigin(port, "127.0.0.1:" + port, null)).as("no Origin: not a browser page")
			.startsWith("HTTP/1.1 101");
	}

	@Test
	void aStarLetsEveryOriginAndClientsWithoutOriginConnect() throws Exception {
		try (ServerFixture open = new ServerFixture(ContextInfo.builder()
			.protocol(Protocol.of("p", (c, r, s, in) -> CallbackResult.CONTINUE))
			.allowedOrigins(List.of("*")))) {
			assertThat(upgradeWithOrigin(open.port(), "x", "https://anyone.example")).startsWith("HTTP/1.1 101");
			assertThat(upgradeWithOrigin(open.port(), "x", null)).startsWith("HTTP/1.1 101");
		}
	}

	private static String upgradeWithOrigin(int port, String host, String origin) throws Exception {
		try (RawClient c = new RawClient(port)) {
			c.sendRaw(("GET / HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
					+ ((origin == null) ? "" : "Origin: " + origin + "\r\n")
					+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
				.getBytes(StandardCharsets.ISO_8859_1));
			return c.readHead();
		}
	}

	@Test
	void anUnreadableAllowedOriginFailsTheContextBuild() {
		assertThatThrownBy(() -> ContextInfo.builder().allowedOrigins(List.of("example.com")).build())
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("'example.com'");
	}

	@Test
	void disallowedOriginsAreRefusedWith403() throws Exception {
		try (ServerFixture strict = new ServerFixture(ContextInfo.builder()
			.protocol(Protocol.of("p", (c, r, s, in) -> CallbackResult.CONTINUE))
			.allowedOrigins(List.of("https://good.example")))) {
			for (String origin : List.of("https://evil.example", "https://good.example")) {
				try (RawClient c = new RawClient(strict.port())) {
					c.sendRaw(("GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nOrigin: "
							+ origin + "\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
							+ "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
					assertThat(c.readHead()).startsWith(origin.contains("evil") ? "HTTP/1.1 403" : "HTTP/1.1 101");
				}
			}
		}
	}

}
