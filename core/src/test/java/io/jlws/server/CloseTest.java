package io.jlws.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.jlws.CallbackResult;
import io.jlws.Limits;
import io.jlws.Protocol;
import io.jlws.Reason;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class CloseTest {

	private final List<String> events = new CopyOnWriteArrayList<>();

	private Protocol<Object> protocol() {
		return Protocol.builder("p", (c, r, s, in) -> {
			switch (r) {
				case RECEIVE -> {
					byte[] b = new byte[in.remaining()];
					in.get(b);
					String text = new String(b, StandardCharsets.UTF_8);
					if (text.equals("close")) {
						c.setCloseReason(4000, "bye");
						return CallbackResult.CLOSE;
					}
					if (text.equals("throw")) {
						throw new IllegalStateException("handler bug");
					}
				}
				case WS_PEER_INITIATED_CLOSE -> this.events.add("peer close " + in.remaining() + " bytes");
				case CLOSED -> this.events.add("closed " + c.closeStatus() + " " + c.closeReason() + " session="
						+ (s != null));
				default -> {
				}
			}
			return CallbackResult.CONTINUE;
		}).sessionData(Object::new).build();
	}

	private static Limits limits() {
		return Limits.builder().closeTimeout(Duration.ofMillis(500)).build();
	}

	@Test
	void aCallbackReturningCloseSendsTheReasonAndClosedFollowsOnce() throws Exception {
		try (ServerFixture server = ServerFixture.of(limits(), protocol());
				RawClient client = RawClient.upgraded(server.port(), "/")) {
			client.sendText("close");
			RawClient.Frame close = client.read();
			assertThat(close.opcode()).isEqualTo(8);
			assertThat(close.closeCode()).isEqualTo(4000);
			assertThat(new String(close.payload(), 2, close.payload().length - 2, StandardCharsets.UTF_8))
				.isEqualTo("bye");
			client.sendClose(4000, "");
			assertThat(client.awaitEof()).isTrue();
			await().until(() -> !this.events.isEmpty());
			assertThat(this.events).containsExactly("closed 4000 bye session=true");
		}
	}

	@Test
	void aPeerCloseIsEchoedThenTheServerClosesTheSocket() throws Exception {
		try (ServerFixture server = ServerFixture.of(limits(), protocol());
				RawClient client = RawClient.upgraded(server.port(), "/")) {
			client.sendClose(1000, "done");
			RawClient.Frame echo = client.read();
			assertThat(echo.opcode()).isEqualTo(8);
			assertThat(echo.closeCode()).isEqualTo(1000);
			assertThat(client.awaitEof()).isTrue();
			await().until(() -> this.events.size() == 2);
			assertThat(this.events).containsExactly("peer close 6 bytes", "closed 1000 done session=true");
		}
	}

	@Test
	void anAbruptResetIsClosed1006Once() throws Exception {
		try (ServerFixture server = ServerFixture.of(limits(), protocol())) {
			RawClient client = RawClient.upgraded(server.port(), "/");
			client.socket().setSoLinger(true, 0);
			client.close();
			await().until(() -> !this.events.isEmpty());
			assertThat(this.events).singleElement().asString().startsWith("closed 1006");
			await().until(() -> server.context.stats().connections() == 0);
		}
	}

	@Test
	void aPeerThatNeverAnswersOurCloseIsDroppedAfterTheCloseTimeout() throws Exception {
		try (ServerFixture server = ServerFixture.of(limits(), protocol());
				RawClient client = RawClient.upgraded(server.port(), "/")) {
			client.sendText("close");
			assertThat(client.read().opcode()).isEqualTo(8);
			assertThat(client.awaitEof()).isTrue();
			await().until(() -> !this.events.isEmpty());
			assertThat(this.events).containsExactly("closed 4000 bye session=true");
		}
	}

	@Test
	void aThrowingCallbackClosesItsConnectionWith1011AndTheLoopServesOthers() throws Exception {
		try (ServerFixture server = ServerFixture.of(limits(), protocol(), echoProtocol());
				RawClient bad = RawClient.upgraded(server.port(), "/", "p");
				RawClient good = RawClient.upgraded(server.port(), "/", "echo")) {
			bad.sendText("throw");
			assertThat(bad.read().closeCode()).isEqualTo(1011);
			good.sendText("still here");
			assertThat(good.readMessage().text()).isEqualTo("still here");
		}
	}

	@Test
	void stoppingTheContextClosesConnectionsWith1001() throws Exception {
		ServerFixture server = ServerFixture.of(limits(), protocol());
		try (RawClient client = RawClient.upgraded(server.port(), "/")) {
			Thread stopper = new Thread(server::close);
			stopper.start();
			RawClient.Frame close = client.read();
			assertThat(close.closeCode()).isEqualTo(1001);
			client.sendClose(1001, "");
			assertThat(client.awaitEof()).isTrue();
			stopper.join(5000);
			assertThat(server.context.isRunning()).isFalse();
			assertThat(this.events).containsExactly("closed 1001 server shutting down session=true");
		}
	}

	private static Protocol<EchoServer.Session> echoProtocol() {
		return Protocol.builder("echo", EchoServer::callback).sessionData(EchoServer.Session::new).build();
	}

	static ByteBuffer utf8(String s) {
		return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
	}

}
