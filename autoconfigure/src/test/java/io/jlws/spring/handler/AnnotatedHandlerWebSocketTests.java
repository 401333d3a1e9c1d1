package io.jlws.spring.handler;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.jlws.Connection;
import io.jlws.Context;
import io.jlws.Reason;
import io.jlws.WriteType;
import io.jlws.autoconfigure.JlwsAutoConfiguration;
import io.jlws.spring.annotation.OnBroadcast;
import io.jlws.spring.annotation.OnClosed;
import io.jlws.spring.annotation.OnEstablished;
import io.jlws.spring.annotation.OnFilterConnection;
import io.jlws.spring.annotation.OnHttp;
import io.jlws.spring.annotation.OnPeerClose;
import io.jlws.spring.annotation.OnReceivePong;
import io.jlws.spring.annotation.OnTimer;
import io.jlws.spring.annotation.OnReceive;
import io.jlws.spring.annotation.OnWriteable;
import io.jlws.spring.annotation.WebSocketProtocol;
import io.jlws.spring.test.CallbackEchoHandler;
import io.jlws.spring.test.ChunkEchoHandler;
import io.jlws.spring.test.EchoSession;
import io.jlws.spring.test.TestWebSocketClient;
import io.jlws.spring.test.TestWebSocketClient.Session;
import io.jlws.spring.test.TextEchoHandler;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Handler beans over real sockets: a started context on 127.0.0.1, port 0, and the JDK client.
 */
class AnnotatedHandlerWebSocketTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JlwsAutoConfiguration.class))
		.withPropertyValues("jlws.port=0", "jlws.address=127.0.0.1", "spring.lifecycle.timeout-per-shutdown-phase=5s");

	@Test
	void wholeTextMessagesArriveAsStringsAndBinaryAsBytes() {
		this.runner.withUserConfiguration(TextEchoHandler.class).run((context) -> {
			try (TestWebSocketClient client = new TestWebSocketClient()) {
				Session session = client.connect(port(context), "/", "text-echo");
				assertThat(session.webSocket().getSubprotocol()).isEqualTo("text-echo");
				session.sendText("hello ünïcödé");
				assertThat(session.nextMessage()).isEqualTo("echo: hello ünïcödé");
				session.sendText("frag", false);
				session.sendText("ment", false);
				session.sendText("ed €", true);
				assertThat(session.nextMessage()).isEqualTo("echo: fragmented €");
				byte[] bytes = new byte[70_000];
				new java.util.Random(7).nextBytes(bytes);
				session.sendBinary(bytes);
				assertThat(session.nextMessage()).isEqualTo(bytes);
				session.close();
				assertThat(session.awaitCloseStatus()).isEqualTo(1000);
			}
		});
	}

	@Test
	void chunkHandlersGetEveryChunkAsByteBuffer() {
		this.runner.withUserConfiguration(ChunkEchoHandler.class).run((context) -> {
			try (TestWebSocketClient client = new TestWebSocketClient()) {
				Session session = client.connect(port(context), "/chunk");
				String text = "0123456789".repeat(10);
				session.sendText(text);
				assertThat(session.nextMessage()).isEqualTo(text);
				assertThat(context.getBean(ChunkEchoHandler.class).chunks).hasValueGreaterThanOrEqualTo(7);
				byte[] bytes = "binary payload over sixteen bytes".getBytes(StandardCharsets.US_ASCII);
				session.sendBinary(bytes);
				assertThat(session.nextMessage()).isEqualTo(bytes);
			}
		});
	}

	@Test
	void callbackBeansAreUsedDirectly() {
		this.runner.withUserConfiguration(CallbackEchoHandler.class).run((context) -> {
			try (TestWebSocketClient client = new TestWebSocketClient()) {
				Session session = client.connect(port(context), "/", "callback-echo");
				session.sendText("plain callback");
				assertThat(session.nextMessage()).isEqualTo("plain callback");
			}
		});
	}

	@Test
	void wholeMessageOverMaxMessageSizeClosesWith1009() {
		this.runner.withUserConfiguration(TextEchoHandler.class)
			.withPropertyValues("jlws.limits.max-frame-size=1KB", "jlws.limits.max-message-size=1KB")
			.run((context) -> {
				try (TestWebSocketClient client = new TestWebSocketClient()) {
					Session session = client.connect(port(context), "/text");
					session.sendText("small");
					assertThat(session.nextMessage()).isEqualTo("echo: small");
					session.sendText("x".repeat(600), false);
					session.sendText("y".repeat(600), true);
					assertThat(session.awaitCloseStatus()).isEqualTo(1009);
				}
			});
	}

	@Test
	void binaryMessageToTextOnlyHandlerClosesWith1003() {
		this.runner.withUserConfiguration(TextOnlyHandler.class).run((context) -> {
			try (TestWebSocketClient client = new TestWebSocketClient()) {
				Session session = client.connect(port(context), "/");
				session.sendText("text is fine");
				assertThat(session.nextMessage()).isEqualTo("text is fine");
				session.sendBinary(new byte[] { 1, 2, 3 });
				assertThat(session.awaitCloseStatus()).isEqualTo(1003);
			}
		});
	}

	@Test
	void pathsSelectTheProtocolWhenTheClientOffersNone() {
		this.runner.withUserConfiguration(OrderedHandlers.class).run((context) -> {
			try (TestWebSocketClient client = new TestWebSocketClient()) {
				Session chunk = client.connect(port(context), "/chunk");
				assertThat(chunk.webSocket().getSubprotocol()).isEmpty();
				chunk.sendText("via path");
				assertThat(chunk.nextMessage()).isEqualTo("via path");
				assertThat(context.getBean(ChunkEchoHandler.class).chunks).hasPositiveValue();
				Session fallback = client.connect(port(context), "/unknown");
				assertThat(fallback.webSocket().getSubprotocol()).isEmpty();
				fallback.sendText("first protocol");
				assertThat(fallback.nextMessage()).isEqualTo("echo: first protocol");
				Session offered = client.connect(port(context), "/chunk", "nope", "callback-echo");
				assertThat(offered.webSocket().getSubprotocol()).isEqualTo("callback-echo");
			}
		});
	}

	@Test
	void handshakeInterceptorRefusesWith403BeforeTheHandlerSeesTheRequest() {
		this.runner.withUserConfiguration(GuardedHandler.class, TokenInterceptorConfiguration.class).run((context) -> {
			try (TestWebSocketClient client = new TestWebSocketClient()) {
				assertHandshakeStatus(client.connectAsync(port(context), "/", List.of(), Map.of("X-User", "mallory")),
						403);
				assertThat(context.getBean(GuardedHandler.class).filtered).hasValue(0);
				Session session = client
					.connectAsync(port(context), "/?token=let-me-in", List.of(), Map.of("X-User", "alice"))
					.get(10, TimeUnit.SECONDS);
				session.sendText("hi");
				assertThat(session.nextMessage()).isEqualTo("alice: hi");
				assertThat(context.getBean(GuardedHandler.class).filtered).hasValue(1);
			}
		});
	}

	@Test
	void handlerFilterRefusesWith403() {
		this.runner.withUserConfiguration(GuardedHandler.class).run((context) -> {
			try (TestWebSocketClient client = new TestWebSocketClient()) {
				assertHandshakeStatus(client.connectAsync(port(context), "/", List.of(), Map.of()), 403);
			}
		});
	}

	@Test
	void originsOutsideAllowedOriginsAreRefusedWith403() {
		this.runner.withUserConfiguration(TextEchoHandler.class)
			.withPropertyValues("jlws.allowed-origins=https://good.example")
			.run((context) -> {
				try (TestWebSocketClient client = new TestWebSocketClient()) {
					assertHandshakeStatus(client.connectAsync(port(context), "/", List.of(),
							Map.of("Origin", "https://evil.example")), 403);
					Session good = client
						.connectAsync(port(context), "/", List.of(), Map.of("Origin", "https://good.example"))
						.get(10, TimeUnit.SECONDS);
					good.sendText("welcome");
					assertThat(good.nextMessage()).isEqualTo("echo: welcome");
					await().untilAsserted(() -> assertThat(context.getBean(Context.class).stats().rejectedHandshakes())
						.isEqualTo(1));
				}
			});
	}

	@Test
	void everyReasonReachesItsMethod() {
		this.runner.withUserConfiguration(ReasonsHandler.class).run((context) -> {
			ReasonsHandler handler = context.getBean(ReasonsHandler.class);
			Context jlws = context.getBean(Context.class);
			HttpClient http = HttpClient.newBuilder().executor(Runnable::run).build();
			HttpResponse<String> page = http.send(
					HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + jlws.port() + "/hello")).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(page.statusCode()).isEqualTo(200);
			assertThat(page.body()).isEqualTo("GET /hello");
			try (TestWebSocketClient client = new TestWebSocketClient()) {
				Session session = client.connect(jlws.port(), "/");
				assertThat(session.nextMessage()).isEqualTo("tick");
				assertThat(jlws.broadcastForeign("reasons", ByteBuffer.wrap("news".getBytes(StandardCharsets.UTF_8)),
						WriteType.TEXT))
					.isTrue();
				assertThat(session.nextMessage()).isEqualTo("broadcast: news");
				session.webSocket().sendPong(ByteBuffer.wrap(new byte[] { 42 })).get(10, TimeUnit.SECONDS);
				await().untilAsserted(() -> assertThat(handler.events).contains("pong 1"));
				session.webSocket().sendClose(4000, "done").get(10, TimeUnit.SECONDS);
				assertThat(session.awaitCloseStatus()).isEqualTo(4000);
				await().untilAsserted(() -> assertThat(handler.events).containsSubsequence("established /",
						"timer", "broadcast 4", "pong 1", "peer close 4000", "closed 4000"));
			}
		});
	}

	private static int port(org.springframework.context.ApplicationContext context) {
		return context.getBean(Context.class).port();
	}

	private static void assertHandshakeStatus(java.util.concurrent.CompletableFuture<Session> future, int status) {
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> future.get(10, TimeUnit.SECONDS))
			.havingCause()
			.isInstanceOfSatisfying(WebSocketHandshakeException.class,
					(ex) -> assertThat(ex.getResponse().statusCode()).isEqualTo(status));
	}

	@WebSocketProtocol(name = "text-only", wholeMessage = true, sessionData = EchoSession.class)
	static class TextOnlyHandler {

		@OnReceive
		void onText(String text, EchoSession session, Connection connection) {
			session.queue(text.getBytes(StandardCharsets.UTF_8), WriteType.TEXT, true);
			connection.requestWritable();
		}

		@OnWriteable
		void onWriteable(Connection connection, EchoSession session) {
			session.flush(connection);
		}

	}

	@WebSocketProtocol(name = "guarded", wholeMessage = true, sessionData = EchoSession.class)
	static class GuardedHandler {

		final java.util.concurrent.atomic.AtomicInteger filtered = new java.util.concurrent.atomic.AtomicInteger();

		@OnFilterConnection
		boolean attachPrincipal(Connection connection, EchoSession session) {
			this.filtered.incrementAndGet();
			session.setUser(connection.header("X-User"));
			return session.getUser() != null;
		}

		@OnReceive
		void onText(String text, EchoSession session, Connection connection) {
			session.queue((session.getUser() + ": " + text).getBytes(StandardCharsets.UTF_8), WriteType.TEXT, true);
			connection.requestWritable();
		}

		@OnWriteable
		void onWriteable(Connection connection, EchoSession session) {
			session.flush(connection);
		}

	}

	@WebSocketProtocol(name = "reasons", sessionData = EchoSession.class)
	static class ReasonsHandler {

		final List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();

		@OnHttp
		void http(Connection connection) {
			connection.respond(io.jlws.HttpResponse.text(200, connection.method() + " " + connection.path()));
		}

		@OnEstablished
		void established(Connection connection) {
			this.events.add("established " + connection.path());
			connection.setTimer(Duration.ofMillis(10));
		}

		@OnTimer
		void timer(Connection connection, EchoSession session) {
			this.events.add("timer");
			session.queue("tick".getBytes(StandardCharsets.UTF_8), WriteType.TEXT, true);
			connection.requestWritable();
		}

		@OnWriteable
		void writeable(Connection connection, EchoSession session) {
			session.flush(connection);
		}

		@OnBroadcast
		void broadcast(Connection connection, byte[] payload) {
			this.events.add("broadcast " + payload.length);
			connection.write(ByteBuffer.wrap(("broadcast: " + new String(payload, StandardCharsets.UTF_8))
				.getBytes(StandardCharsets.UTF_8)), WriteType.TEXT);
		}

		@OnReceivePong
		void pong(ByteBuffer payload) {
			this.events.add("pong " + payload.remaining());
		}

		@OnPeerClose
		void peerClose(Connection connection, ByteBuffer payload) {
			this.events.add("peer close " + connection.closeStatus());
		}

		@OnClosed
		void closed(Connection connection, Reason reason) {
			this.events.add("closed " + connection.closeStatus());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TokenInterceptorConfiguration {

		@Bean
		JlwsHandshakeInterceptor tokenInterceptor() {
			return (connection, session) -> "let-me-in".equals(connection.queryParameter("token"));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OrderedHandlers {

		@Bean
		@Order(1)
		TextEchoHandler textEchoHandler() {
			return new TextEchoHandler();
		}

		@Bean
		@Order(2)
		ChunkEchoHandler chunkEchoHandler() {
			return new ChunkEchoHandler();
		}

		@Bean
		@Order(3)
		CallbackEchoHandler callbackEchoHandler() {
			return new CallbackEchoHandler();
		}

	}

}
