package io.jlws.spring.client;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.jlws.Callback;
import io.jlws.CallbackResult;
import io.jlws.ClientConnectInfo;
import io.jlws.Connection;
import io.jlws.Context;
import io.jlws.Reason;
import io.jlws.WriteType;
import io.jlws.autoconfigure.JlwsAutoConfiguration;
import io.jlws.spring.annotation.OnClientEstablished;
import io.jlws.spring.annotation.OnClientReceive;
import io.jlws.spring.annotation.WebSocketProtocol;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link JlwsClient} and {@code @OnClient*} handler beans in a client-only application context (no listener)
 * against a core echo server on 127.0.0.1.
 */
class JlwsClientTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JlwsAutoConfiguration.class))
		.withPropertyValues("jlws.port=-1", "spring.lifecycle.timeout-per-shutdown-phase=2s");

	private EchoServer server;

	@BeforeEach
	void startServer() throws Exception {
		this.server = new EchoServer();
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void annotatedHandlerBeanServesAClientConnection() {
		this.runner.withUserConfiguration(EchoClientHandler.class).run((context) -> {
			JlwsClient client = context.getBean(JlwsClient.class);
			EchoClientHandler handler = context.getBean(EchoClientHandler.class);
			Connection connection = client.connect(echoUri(), "echo");
			assertThat(next(handler.events)).isEqualTo("CLIENT_ESTABLISHED echo true");
			assertThat(this.server.clientHeaders.poll(5, TimeUnit.SECONDS)).isEqualTo("annotated");
			EchoClientHandler.send(client, connection, utf8("hello ünïcödé"), WriteType.TEXT);
			assertThat(next(handler.events)).isEqualTo("text hello ünïcödé");
			String longer = "0123456789".repeat(20);
			EchoClientHandler.send(client, connection, utf8(longer), WriteType.TEXT);
			assertThat(next(handler.events)).as("16-byte chunks aggregated").isEqualTo("text " + longer);
			EchoClientHandler.send(client, connection, new byte[1000], WriteType.BINARY);
			assertThat(next(handler.events)).isEqualTo("binary 1000");
			EchoClientHandler.send(client, connection, utf8("ping?"), WriteType.PING);
			assertThat(next(handler.events)).isEqualTo("pong ping?");
			context.close();
			assertThat(next(handler.events)).isEqualTo("closed 1001");
		});
	}

	@Test
	void connectWorksFromAForeignThread() {
		this.runner.withUserConfiguration(EchoClientHandler.class).run((context) -> {
			JlwsClient client = context.getBean(JlwsClient.class);
			EchoClientHandler handler = context.getBean(EchoClientHandler.class);
			CompletableFuture<Connection> connected = new CompletableFuture<>();
			new Thread(() -> connected.complete(client.connect(echoUri(), "echo")), "foreign").start();
			Connection connection = connected.get(5, TimeUnit.SECONDS);
			assertThat(next(handler.events)).isEqualTo("CLIENT_ESTABLISHED echo true");
			assertThat(connection.id()).isPositive();
			EchoClientHandler.send(client, connection, utf8("from afar"), WriteType.TEXT);
			assertThat(next(handler.events)).isEqualTo("text from afar");
		});
	}

	@Test
	void connectionErrorReachesOnClientConnectionErrorWithTheReason() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		int port = closedPort;
		this.runner.withUserConfiguration(EchoClientHandler.class).run((context) -> {
			EchoClientHandler handler = context.getBean(EchoClientHandler.class);
			context.getBean(JlwsClient.class).connect(URI.create("ws://127.0.0.1:" + port + "/"), "echo");
			assertThat(next(handler.events)).startsWith("error connection refused by 127.0.0.1:" + port);
			assertThat(handler.events.poll(200, TimeUnit.MILLISECONDS)).isNull();
		});
	}

	@Test
	void filterPreEstablishRefusalIsAConnectionError() {
		this.runner.withUserConfiguration(EchoClientHandler.class).run((context) -> {
			EchoClientHandler handler = context.getBean(EchoClientHandler.class);
			handler.refuseServer = true;
			context.getBean(JlwsClient.class).connect(echoUri(), "echo");
			assertThat(next(handler.events)).startsWith("error ");
		});
	}

	@Test
	void callbackBeansGetTheClientReasonsToo() {
		this.runner.withUserConfiguration(RecordingCallback.class).run((context) -> {
			RecordingCallback callback = context.getBean(RecordingCallback.class);
			context.getBean(JlwsClient.class)
				.connect(ClientConnectInfo.builder("127.0.0.1", this.server.port()).subprotocols("echo").build());
			assertThat(next(callback.reasons)).isEqualTo("CLIENT_APPEND_HANDSHAKE_HEADER");
			assertThat(next(callback.reasons)).isEqualTo("CLIENT_FILTER_PRE_ESTABLISH");
			assertThat(next(callback.reasons)).isEqualTo("CLIENT_ESTABLISHED");
		});
	}

	@Test
	void handlerBeansCanInjectTheClient() {
		this.runner.withUserConfiguration(InjectingHandler.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(InjectingHandler.class).client).isSameAs(context.getBean(JlwsClient.class));
			assertThat(context.getBean(JlwsClient.class).context()).isSameAs(context.getBean(Context.class));
		});
	}

	@Test
	void userClientBeanWins() {
		JlwsClient own = new DefaultJlwsClient(() -> null);
		this.runner.withBean(JlwsClient.class, () -> own)
			.run((context) -> assertThat(context).getBean(JlwsClient.class).isSameAs(own));
	}

	@Test
	void unknownProtocolIsRefused() {
		this.runner.withUserConfiguration(EchoClientHandler.class)
			.run((context) -> assertThatIllegalArgumentException()
				.isThrownBy(() -> context.getBean(JlwsClient.class).connect(echoUri(), "nope"))
				.withMessageContaining("nope"));
	}

	@Test
	void stringOnOnClientReceiveNeedsWholeMessages() {
		this.runner.withUserConfiguration(ChunkedString.class)
			.run((context) -> assertFailure(context, "declares a String parameter", "@OnClientReceive"));
	}

	@Test
	void stringOnOtherClientReasonsFails() {
		this.runner.withUserConfiguration(StringOnEstablished.class)
			.run((context) -> assertFailure(context, "declares a String parameter"));
	}

	@Test
	void twoMethodsForOneClientReasonFail() {
		this.runner.withUserConfiguration(AmbiguousClient.class)
			.run((context) -> assertFailure(context, "Ambiguous handler methods", "for CLIENT_RECEIVE"));
	}

	private URI echoUri() {
		return URI.create("ws://127.0.0.1:" + this.server.port() + "/");
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String next(BlockingQueue<String> events) throws InterruptedException {
		String event = events.poll(10, TimeUnit.SECONDS);
		assertThat(event).as("an event within 10 s").isNotNull();
		return event;
	}

	private static void assertFailure(AssertableApplicationContext context, String... messages) {
		assertThat(context).hasFailed();
		Throwable failure = context.getStartupFailure();
		while (failure.getCause() != null && (failure.getMessage() == null
				|| !List.of(messages).stream().allMatch(failure.getMessage()::contains))) {
			failure = failure.getCause();
		}
		assertThat(failure).hasMessageContainingAll(messages);
	}

	@WebSocketProtocol("echo")
	static class RecordingCallback implements Callback<Object> {

		final BlockingQueue<String> reasons = new LinkedBlockingQueue<>();

		@Override
		public CallbackResult callback(Connection connection, Reason reason, Object session, ByteBuffer in) {
			if (reason.name().startsWith("CLIENT_")) {
				this.reasons.add(reason.name());
			}
			return CallbackResult.CONTINUE;
		}

	}

	@WebSocketProtocol("injecting")
	static class InjectingHandler {

		final JlwsClient client;

		InjectingHandler(JlwsClient client) {
			this.client = client;
		}

		@OnClientEstablished
		void on() {
		}

	}

	@WebSocketProtocol("chunked")
	static class ChunkedString {

		@OnClientReceive
		void on(String text) {
		}

	}

	@WebSocketProtocol(name = "established", wholeMessage = true)
	static class StringOnEstablished {

		@OnClientEstablished
		void on(String text) {
		}

	}

	@WebSocketProtocol("ambiguous")
	static class AmbiguousClient {

		@OnClientReceive
		void a(ByteBuffer chunk) {
		}

		@OnClientReceive
		void b(byte[] chunk) {
		}

	}

}
