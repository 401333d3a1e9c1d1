package io.jlws.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JdkClientEchoTest {

	private EchoServer server;

	private final LinkedBlockingQueue<Object> received = new LinkedBlockingQueue<>();

	private HttpClient http;

	private java.util.concurrent.ExecutorService executor;

	@BeforeEach
	void start() throws Exception {
		this.server = new EchoServer();
		this.executor = java.util.concurrent.Executors.newSingleThreadExecutor();
		this.http = HttpClient.newBuilder().executor(this.executor).build();
	}

	@AfterEach
	void stop() {
		this.server.close();
		this.executor.shutdownNow();
	}

	private WebSocket connect() throws Exception {
		StringBuilder text = new StringBuilder();
		java.io.ByteArrayOutputStream bin = new java.io.ByteArrayOutputStream();
		WebSocket.Listener listener = new WebSocket.Listener() {
			@Override
			public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
				text.append(data);
				if (last) {
					JdkClientEchoTest.this.received.add(text.toString());
					text.setLength(0);
				}
				ws.request(1);
				return null;
			}

			@Override
			public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
				byte[] b = new byte[data.remaining()];
				data.get(b);
				bin.writeBytes(b);
				if (last) {
					JdkClientEchoTest.this.received.add(bin.toByteArray());
					bin.reset();
				}
				ws.request(1);
				return null;
			}

			@Override
			public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
				JdkClientEchoTest.this.received.add("closed:" + statusCode);
				return null;
			}
		};
		return this.http.newWebSocketBuilder()
			.subprotocols("echo")
			.buildAsync(URI.create("ws://127.0.0.1:" + this.server.port() + "/"), listener)
			.get(5, TimeUnit.SECONDS);
	}

	@Test
	void textAndBinaryMessagesComeBackUnchanged() throws Exception {
		WebSocket ws = connect();
		assertThat(ws.getSubprotocol()).isEqualTo("echo");
		ws.sendText("hello ünïcödé", true).get(5, TimeUnit.SECONDS);
		assertThat(this.received.poll(5, TimeUnit.SECONDS)).isEqualTo("hello ünïcödé");
		byte[] big = new byte[16 * 1024 * 1024];
		new java.util.Random(1).nextBytes(big);
		ws.sendBinary(ByteBuffer.wrap(big), true).get(10, TimeUnit.SECONDS);
		assertThat((byte[]) this.received.poll(20, TimeUnit.SECONDS)).isEqualTo(big);
		ws.sendClose(1000, "bye").get(5, TimeUnit.SECONDS);
		assertThat(this.received.poll(5, TimeUnit.SECONDS)).isEqualTo("closed:1000");
	}

	@Test
	void fragmentedTextIsReassembled() throws Exception {
		WebSocket ws = connect();
		ws.sendText("frag", false).get(5, TimeUnit.SECONDS);
		ws.sendText("ment", false).get(5, TimeUnit.SECONDS);
		ws.sendText("ed", true).get(5, TimeUnit.SECONDS);
		assertThat(this.received.poll(5, TimeUnit.SECONDS)).isEqualTo("fragmented");
		CompletableFuture<WebSocket> closed = ws.sendClose(1000, "");
		closed.get(5, TimeUnit.SECONDS);
	}

}
