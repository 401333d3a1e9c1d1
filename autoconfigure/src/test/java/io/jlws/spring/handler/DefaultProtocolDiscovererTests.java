package io.jlws.spring.handler;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.jlws.Callback;
import io.jlws.CallbackResult;
import io.jlws.Connection;
import io.jlws.Context;
import io.jlws.Protocol;
import io.jlws.Reason;
import io.jlws.autoconfigure.JlwsAutoConfiguration;
import io.jlws.spring.annotation.OnClosed;
import io.jlws.spring.annotation.OnEstablished;
import io.jlws.spring.annotation.OnEventWaitCancelled;
import io.jlws.spring.annotation.OnProtocolDestroy;
import io.jlws.spring.annotation.OnProtocolInit;
import io.jlws.spring.annotation.OnReceive;
import io.jlws.spring.annotation.WebSocketProtocol;
import io.jlws.spring.test.CallbackEchoHandler;
import io.jlws.spring.test.ChunkEchoHandler;
import io.jlws.spring.test.EchoSession;
import io.jlws.spring.test.TextEchoHandler;
import io.jlws.spring.test.scan.ScannedHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link DefaultProtocolDiscoverer} through the auto-configured context, without a listener.
 */
@ExtendWith(OutputCaptureExtension.class)
class DefaultProtocolDiscovererTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JlwsAutoConfiguration.class))
		.withPropertyValues("jlws.port=-1");

	@Test
	void callbackBeanBecomesAProtocolWithItsSettings() {
		this.runner.withUserConfiguration(CallbackEchoHandler.class).run((context) -> {
			Protocol<?> protocol = protocols(context).get(0);
			assertThat(protocol.name()).isEqualTo("callback-echo");
			assertThat(protocol.paths()).containsExactly("/callback");
			assertThat(protocol.rxBufferSize()).isEqualTo(Protocol.DEFAULT_RX_BUFFER_SIZE);
			assertThat(protocol.callback()).isSameAs(context.getBean(CallbackEchoHandler.class));
			assertThat(protocol.newSessionData()).isInstanceOf(EchoSession.class)
				.isNotSameAs(protocol.newSessionData());
		});
	}

	@Test
	void annotatedBeanIsAdapted() {
		this.runner.withUserConfiguration(ChunkEchoHandler.class).run((context) -> {
			Protocol<?> protocol = protocols(context).get(0);
			assertThat(protocol.name()).isEqualTo("chunk-echo");
			assertThat(protocol.rxBufferSize()).isEqualTo(16);
			assertThat(protocol.callback()).isInstanceOf(AnnotatedCallback.class);
		});
	}

	@Test
	void protocolWithoutSessionDataCreatesNone() {
		this.runner.withUserConfiguration(Unordered.class).run((context) -> {
			assertThat(protocols(context).get(0).newSessionData()).isNull();
		});
	}

	@Test
	void protocolsFollowOrderOnClassesBeanMethodsAndOrdered() {
		this.runner.withUserConfiguration(Unordered.class, SecondByInterface.class, FirstByAnnotation.class,
				OrderedBeanMethods.class)
			.run((context) -> assertThat(protocols(context)).extracting(Protocol::name)
				.containsExactly("first", "chunk-echo", "second", "text-echo", "unordered"));
	}

	@Test
	void interceptorsWrapEveryCallback() {
		this.runner.withUserConfiguration(CallbackEchoHandler.class)
			.withBean(JlwsHandshakeInterceptor.class, () -> (connection, session) -> true)
			.run((context) -> {
				Callback<?> callback = protocols(context).get(0).callback();
				assertThat(callback).isInstanceOf(HandshakeInterceptingCallback.class);
				assertThat(((HandshakeInterceptingCallback) callback).delegate())
					.isSameAs(context.getBean(CallbackEchoHandler.class));
			});
	}

	@Test
	void duplicateProtocolNamesFail() {
		this.runner.withUserConfiguration(DuplicateBeanMethods.class)
			.run((context) -> assertFailure(context,
					"Duplicate WebSocket protocol name 'text-echo' on @WebSocketProtocol beans 'echo' and "
							+ "'otherEcho'"));
	}

	@Test
	void duplicateProtocolNamesOfRegisteredClassesClashAsBeanNames() {
		this.runner.withUserConfiguration(TextEchoHandler.class, DuplicateTextEcho.class)
			.run((context) -> assertFailure(context, "Cannot register bean definition",
					"for bean 'text-echo' since there is already"));
	}

	@Test
	void twoMethodsForOneReasonFail() {
		this.runner.withUserConfiguration(Ambiguous.class)
			.run((context) -> assertFailure(context,
					"Ambiguous handler methods Ambiguous.a(ByteBuffer) and Ambiguous.b(byte[]) for RECEIVE"));
	}

	@Test
	void stringParameterWithoutWholeMessageFails() {
		this.runner.withUserConfiguration(ChunkedString.class)
			.run((context) -> assertFailure(context, "ChunkedString.onText(String)",
					"only supported by @OnReceive and @OnClientReceive with @WebSocketProtocol(wholeMessage = true)",
					"a chunk can end inside a UTF-8 sequence"));
	}

	@Test
	void stringParameterOnOtherReasonsFails() {
		this.runner.withUserConfiguration(StringOnEstablished.class)
			.run((context) -> assertFailure(context, "declares a String parameter"));
	}

	@Test
	void unresolvableParameterFails() {
		this.runner.withUserConfiguration(UnknownParameter.class)
			.run((context) -> assertFailure(context,
					"Cannot resolve parameter 1 (java.lang.Thread) of handler method UnknownParameter.on(Connection, "
							+ "Thread)"));
	}

	@Test
	void sessionParameterWithoutSessionDataFails() {
		this.runner.withUserConfiguration(SessionWithoutDeclaration.class)
			.run((context) -> assertFailure(context, "Cannot resolve parameter 0 (" + EchoSession.class.getName(),
					"@WebSocketProtocol(sessionData = ...)"));
	}

	@Test
	void unsupportedReturnTypeFails() {
		this.runner.withUserConfiguration(ReturnsString.class)
			.run((context) -> assertFailure(context, "returns java.lang.String"));
	}

	@Test
	void beanWithoutCallbackOrHandlerMethodsFails() {
		this.runner.withUserConfiguration(Empty.class)
			.run((context) -> assertFailure(context, "@WebSocketProtocol(\"empty-protocol\")",
					"neither implements io.jlws.Callback nor declares any @On* handler method"));
	}

	@Test
	void beanWithCallbackAndHandlerMethodsFails() {
		this.runner.withUserConfiguration(Both.class)
			.run((context) -> assertFailure(context, "both implements io.jlws.Callback and declares @On*"));
	}

	@Test
	void sessionDataWithoutNoArgConstructorFails() {
		this.runner.withUserConfiguration(BadSession.class)
			.run((context) -> assertFailure(context, "session data class", "needs a no-arg constructor"));
	}

	@Test
	void missingNameFails() {
		this.runner.withUserConfiguration(Nameless.class)
			.run((context) -> assertFailure(context, "needs a protocol name"));
	}

	@Test
	void nameThatIsNotATokenFails() {
		this.runner.withUserConfiguration(BadName.class)
			.run((context) -> assertFailure(context, "Protocol name 'bad name' is not an HTTP token"));
	}

	@Test
	void protocolWideReasonsGetTheContext() {
		ProtocolEvents events = new ProtocolEvents();
		this.runner.withBean(ProtocolEvents.class, () -> events).run((context) -> {
			Context jlws = context.getBean(Context.class);
			await().untilAsserted(() -> assertThat(events.seen).contains("PROTOCOL_INIT"));
			assertThat(events.context).isSameAs(jlws);
			jlws.wakeUp();
			await().untilAsserted(() -> assertThat(events.seen).contains("EVENT_WAIT_CANCELLED"));
		});
		assertThat(events.seen).last().isEqualTo("PROTOCOL_DESTROY");
	}

	@Test
	void scannedHandlersAreNamedAfterTheirProtocol(CapturedOutput output) {
		this.runner.withUserConfiguration(ScanConfiguration.class).run((context) -> {
			assertThat(protocols(context)).extracting(Protocol::name)
				.containsExactlyInAnyOrder("scanned", "scanned-by-value");
			assertThat(context).hasBean("scanned").hasBean("scanned-by-value");
			assertThat(context.getBean("scanned")).isInstanceOf(ScannedHandler.class);
		});
		assertThat(output).doesNotContain("convention-based");
	}

	private static List<Protocol<?>> protocols(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed();
		return context.getBean(Context.class).info().protocols();
	}

	private static void assertFailure(AssertableApplicationContext context, String... messages) {
		assertThat(context).hasFailed();
		Throwable failure = context.getStartupFailure();
		while (failure.getCause() != null && !containsAll(failure.getMessage(), messages)) {
			failure = failure.getCause();
		}
		assertThat(failure).hasMessageContainingAll(messages);
	}

	private static boolean containsAll(String text, String... parts) {
		for (String part : parts) {
			if (text == null || !text.contains(part)) {
				return false;
			}
		}
		return true;
	}

	@Configuration(proxyBeanMethods = false)
	@ComponentScan(basePackageClasses = ScannedHandler.class)
	static class ScanConfiguration {

	}

	@WebSocketProtocol("unordered")
	static class Unordered {

		@OnEstablished
		void on() {
		}

	}

	@WebSocketProtocol("first")
	@Order(-10)
	static class FirstByAnnotation {

		@OnEstablished
		void on() {
		}

	}

	@WebSocketProtocol("second")
	static class SecondByInterface implements Ordered {

		@OnEstablished
		void on() {
		}

		@Override
		public int getOrder() {
			return 5;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OrderedBeanMethods {

		@Bean
		@Order(10)
		TextEchoHandler textEchoHandler() {
			return new TextEchoHandler();
		}

		@Bean
		@Order(0)
		ChunkEchoHandler chunkEchoHandler() {
			return new ChunkEchoHandler();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class DuplicateBeanMethods {

		@Bean
		TextEchoHandler echo() {
			return new TextEchoHandler();
		}

		@Bean
		DuplicateTextEcho otherEcho() {
			return new DuplicateTextEcho();
		}

	}

	@WebSocketProtocol(name = "text-echo")
	static class DuplicateTextEcho {

		@OnEstablished
		void on() {
		}

	}

	@WebSocketProtocol("ambiguous")
	static class Ambiguous {

		@OnReceive
		void a(ByteBuffer chunk) {
		}

		@OnReceive
		void b(byte[] chunk) {
		}

	}

	@WebSocketProtocol("chunked-string")
	static class ChunkedString {

		@OnReceive
		void onText(String text) {
		}

	}

	@WebSocketProtocol(name = "string-established", wholeMessage = true)
	static class StringOnEstablished {

		@OnEstablished
		void on(String text) {
		}

	}

	@WebSocketProtocol("unknown-parameter")
	static class UnknownParameter {

		@OnReceive
		void on(Connection connection, Thread thread) {
		}

	}

	@WebSocketProtocol("session-without-declaration")
	static class SessionWithoutDeclaration {

		@OnEstablished
		void on(EchoSession session) {
		}

	}

	@WebSocketProtocol("returns-string")
	static class ReturnsString {

		@OnEstablished
		String on() {
			return "no";
		}

	}

	@WebSocketProtocol("empty-protocol")
	static class Empty {

	}

	@WebSocketProtocol("both")
	static class Both implements Callback<Object> {

		@Override
		public CallbackResult callback(Connection connection, Reason reason, Object session, ByteBuffer in) {
			return CallbackResult.CONTINUE;
		}

		@OnClosed
		void closed() {
		}

	}

	@WebSocketProtocol(name = "bad-session", sessionData = NoDefaultConstructor.class)
	static class BadSession {

		@OnEstablished
		void on() {
		}

	}

	static class NoDefaultConstructor {

		NoDefaultConstructor(String required) {
		}

	}

	@WebSocketProtocol
	static class Nameless {

		@OnEstablished
		void on() {
		}

	}

	@WebSocketProtocol("bad name")
	static class BadName {

		@OnEstablished
		void on() {
		}

	}

	@WebSocketProtocol("events")
	static class ProtocolEvents {

		final List<String> seen = new CopyOnWriteArrayList<>();

		volatile Context context;

		@OnProtocolInit
		void init(Context context, Reason reason, Connection connection) {
			this.context = context;
			this.seen.add(reason.name() + ((connection != null) ? "+connection" : ""));
		}

		@OnEventWaitCancelled
		@OnProtocolDestroy
		void other(Reason reason) {
			this.seen.add(reason.name());
		}

	}

}
