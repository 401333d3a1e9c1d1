package io.jlws.spring.test;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The JDK's {@link WebSocket} client on an executor of its own, shut down by {@link #close()}, with a recording
 * listener per connection.
 */
public final class TestWebSocketClient implements AutoCloseable {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final ExecutorService executor = Executors.newFixedThreadPool(2, (r) -> {
		Thread t = new Thread(r, "test-ws-client");
		t.setDaemon(true);
		return t;
	});

	private final HttpClient http = HttpClient.newBuilder().executor(this.executor).build();

	private final List<Session> sessions = new ArrayList<>();

	/** Connects to {@code ws://127.0.0.1:port/path}, offering the subprotocols and sending the headers. */
	public CompletableFuture<Session> connectAsync(int port, String path, List<String> subprotocols,
			Map<String, String> headers) {
		Session session = new Session();
		WebSocket.Builder builder = this.http.newWebSocketBuilder().connectTimeout(TIMEOUT);
		if (!subprotocols.isEmpty()) {
			String[] more = subprotocols.subList(1, subprotocols.size()).toArray(new String[0]);
			builder.subprotocols(subprotocols.get(0), more);
		}
		headers.forEach(builder::header);
		synchronized (this.sessions) {
			this.sessions.add(session);
		}
		return builder.buildAsync(URI.create("ws://127.0.0.1:" + port + path), session.listener)
			.thenApply((ws) -> {
				session.webSocket = ws;
				return session;
			});
	}

	/** Connects and waits for the 101. */
	public Session connect(int port, String path, String... subprotocols) throws Exception {
		return connectAsync(port, path, List.of(subprotocols), Map.of()).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
	}

	/** Aborts every connection and shuts the executor down. */
	@Override
	public void close() throws InterruptedException {
		synchronized (this.sessions) {
			for (Session s : this.sessions) {
				if (s.webSocket != null) {
					s.webSocket.abort();
				}
			}
		}
		this.executor.shutdownNow();
		this.executor.awaitTermination(10, TimeUnit.SECONDS);
	}

	/** One connection and what it received. */
	public static final class Session {

		private final LinkedBlockingQueue<Object> messages = new LinkedBlockingQueue<>();

		private final CompletableFuture<Integer> closeStatus = new CompletableFuture<>();

		private volatile String closeReason;

		private volatile WebSocket webSocket;

		private final WebSocket.Listener listener = new WebSocket.Listener() {

			private final StringBuilder text = new StringBuilder();

			private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

			@Override
			public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
				this.text.append(data);
				if (last) {
					Session.this.messages.add(this.text.toString());
					this.text.setLength(0);
				}
				ws.request(1);
				return null;
			}

			@Override
			public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
				byte[] bytes = new byte[data.remaining()];
				data.get(bytes);
				this.binary.writeBytes(bytes);
				if (last) {
					Session.this.messages.add(this.binary.toByteArray());
					this.binary.reset();
				}
				ws.request(1);
				return null;
			}

			@Override
			public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
				Session.this.closeReason = reason;
				Session.this.closeStatus.complete(statusCode);
				return null;
			}

			@Override
			public void onError(WebSocket ws, Throwable error) {
				Session.this.closeStatus.completeExceptionally(error);
			}

		};

		public WebSocket webSocket() {
			return this.webSocket;
		}

		public void sendText(String text) throws Exception {
			this.webSocket.sendText(text, true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}

		public void sendText(String text, boolean last) throws Exception {
			this.webSocket.sendText(text, last).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}

		public void sendBinary(byte[] bytes) throws Exception {
			this.webSocket.sendBinary(ByteBuffer.wrap(bytes), true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}

		/** The next complete message: a String for text, byte[] for binary. */
		public Object nextMessage() throws InterruptedException {
			Object message = this.messages.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			if (message == null) {
				throw new AssertionError("No message within " + TIMEOUT);
			}
			return message;
		}

		/** The status code of the peer's close frame. */
		public int awaitCloseStatus() throws InterruptedException, ExecutionException {
			try {
				return this.closeStatus.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			}
			catch (java.util.concurrent.TimeoutException ex) {
				throw new AssertionError("No close frame within " + TIMEOUT, ex);
			}
		}

		public String closeReason() {
			return this.closeReason;
		}

		public void close() throws Exception {
			this.webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}

	}

}
