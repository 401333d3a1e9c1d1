package io.jlws.client;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.jlws.CallbackResult;
import io.jlws.ClientConnectInfo;
import io.jlws.Connection;
import io.jlws.Context;
import io.jlws.ContextInfo;
import io.jlws.Limits;
import io.jlws.Protocol;
import io.jlws.Reason;
import io.jlws.WriteType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientConnectionTest {

	/** A core echo server for the happy paths. */
	private static Context echoServer() throws Exception {
		Protocol<java.util.ArrayDeque<Object[]>> echo = Protocol.<java.util.ArrayDeque<Object[]>>builder("echo",
				(c, r, q, in) -> {
					if (r == Reason.RECEIVE) {
						// the seeds' reassembly idiom: collect chunks until the final one
						java.io.ByteArrayOutputStream partial = (q.peekLast() != null && q.peekLast()[2] == null)
								? (java.io.ByteArrayOutputStream) q.pollLast()[0] : new java.io.ByteArrayOutputStream();
						byte[] b = new byte[in.remaining()];
						in.get(b);
						partial.writeBytes(b);
						if (!c.isFinalFragment()) {
							q.add(new Object[] { partial, null, null });
							return CallbackResult.CONTINUE;
						}
						q.add(new Object[] { partial.toByteArray(), c.frameIsBinary() ? WriteType.BINARY : WriteType.TEXT,
								Boolean.TRUE });
						c.requestWritable();
					}
					if (r == Reason.SERVER_WRITEABLE) {
						while (!q.isEmpty() && q.peek()[2] != null) {
							Object[] m = q.poll();
							c.write(java.nio.ByteBuffer.wrap((byte[]) m[0]), (WriteType) m[1]);
						}
					}
					if (r == Reason.FILTER_PROTOCOL_CONNECTION && "no".equals(c.header("X-Let-In"))) {
						return CallbackResult.CLOSE;
					}
					return CallbackResult.CONTINUE;
				})
			.sessionData(java.util.ArrayDeque::new)
			.build();
		Context server = Context.create(ContextInfo.builder()
			.address("127.0.0.1")
			.port(0)
			.protocol(echo)
			.limits(Limits.builder().maxFrameSize(32 << 20).maxMessageSize(32 << 20).maxPendingBytes(64 << 20).build())
			.build());
		server.start();
		return server;
	}

	@Test
	void aClientEchoesThroughAServerAndClosesCleanly() throws Exception {
		Context server = echoServer();
		try (ClientFixture client = new ClientFixture()) {
			Connection c = client.connect(
					ClientConnectInfo.builder("127.0.0.1", server.port()).subprotocols("echo").build());
			assertThat(client.next()).isEqualTo("CLIENT_ESTABLISHED echo");
			client.sendText(c, "hello");
			assertThat(client.next()).isEqualTo("CLIENT_RECEIVE text hello");
			byte[] big = new byte[3 * 1024 * 1024 + 7];
			client.send(c, WriteType.BINARY, big, true);
			assertThat(client.next()).isEqualTo("CLIENT_RECEIVE binary " + big.length);
			client.send(c, WriteType.PING, "are you there".getBytes(StandardCharsets.UTF_8), true);
			assertThat(client.next()).isEqualTo("CLIENT_RECEIVE_PONG are you there");
			client.send(c, null, null, true);
			assertThat(client.next()).isEqualTo("CLIENT_CLOSED 1000 ");
		}
		finally {
			server.stop();
		}
	}

	@Test
	void aClosedPortIsReportedAsConnectionRefused() throws Exception {
		int port;
		try (ServerSocket s = new ServerSocket(0)) {
			port = s.getLocalPort();
		}
		try (ClientFixture client = new ClientFixture()) {
			client.connect(ClientConnectInfo.builder("127.0.0.1", port).build());
			assertThat(client.next()).startsWith("CLIENT_CONNECTION_ERROR connection refused by 127.0.0.1:" + port);
			assertThat(client.events.poll()).isNull();
		}
	}

	@Test
	void anUnknownHostIsReportedAsNameResolutionFailure() throws Exception {
		try (ClientFixture client = new ClientFixture()) {
			client.connect(ClientConnectInfo.builder("no-such-host.invalid", 80).build());
			assertThat(client.next()).startsWith("CLIENT_CONNECTION_ERROR name resolution failed for no-such-host.invalid");
		}
	}

	@Test
	void aListenerThatNeverAcceptsIsAConnectTimeout() throws Exception {
		// A full accept queue makes the kernel drop further SYNs, so the connect neither succeeds nor fails.
		try (ServerSocket full = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			List<SocketChannel> fillers = new ArrayList<>();
			try (ClientFixture client = new ClientFixture()) {
				for (int i = 0; i < 8; i++) {
					SocketChannel ch = SocketChannel.open();
					ch.configureBlocking(false);
					ch.connect(new InetSocketAddress("127.0.0.1", full.getLocalPort()));
					fillers.add(ch);
				}
				client.connect(ClientConnectInfo.builder("127.0.0.1", full.getLocalPort())
					.connectTimeout(Duration.ofMillis(500))
					.build());
				assertThat(client.next()).startsWith("CLIENT_CONNECTION_ERROR connect timeout");
			}
			finally {
				for (SocketChannel ch : fillers) {
					ch.close();
				}
			}
		}
	}

	@Test
	void aServerThatNeverAnswersIsAHandshakeTimeout() throws Exception {
		try (FakeServer silent = new FakeServer((socket, head) -> socket.getInputStream().read());
				ClientFixture client = new ClientFixture(Limits.builder().handshakeTimeout(Duration.ofMillis(300)).build())) {
			client.connect(ClientConnectInfo.builder("127.0.0.1", silent.port()).build());
			assertThat(client.next()).startsWith("CLIENT_CONNECTION_ERROR handshake timeout");
		}
	}

	@Test
	void aServerAnswering200IsReportedWithItsStatusLine() throws Exception {
		try (FakeServer web = new FakeServer((socket, head) -> socket.getOutputStream()
			.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi".getBytes(StandardCharsets.US_ASCII)));
				ClientFixture client = new ClientFixture()) {
			client.connect(ClientConnectInfo.builder("127.0.0.1", web.port()).build());
			assertThat(client.next()).startsWith(
					"CLIENT_CONNECTION_ERROR server answered 'HTTP/1.1 200 OK' instead of 101 Switching Protocols");
		}
	}

	@Test
	void aWrongAcceptKeyIsRefused() throws Exception {
		try (FakeServer liar = new FakeServer((socket, head) -> socket.getOutputStream()
			.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
					+ "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));
				ClientFixture client = new ClientFixture()) {
			client.connect(ClientConnectInfo.builder("127.0.0.1", liar.port()).build());
			assertThat(client.next()).startsWith("CLIENT_CONNECTION_ERROR bad Sec-WebSocket-Accept");
		}
	}

	@Test
	void aSubprotocolOrExtensionThatWasNotOfferedIsRefused() throws Exception {
		try (FakeServer odd = new FakeServer((socket, head) -> socket.getOutputStream()
			.write(FakeServer.switching(head, head.contains("/ext") ? "Sec-WebSocket-Extensions: permessage-deflate\r\n"
					: "Sec-WebSocket-Protocol: chat\r\n")));
				ClientFixture client = new ClientFixture()) {
			client.connect(ClientConnectInfo.builder("127.0.0.1", odd.port()).subprotocols("echo").build());
			assertThat(client.next()).startsWith("CLIENT_CONNECTION_ERROR server chose subprotocol 'chat', which was not offered");
			client.connect(ClientConnectInfo.builder("127.0.0.1", odd.port()).path("/ext").build());
			assertThat(client.next()).startsWith("CLIENT_CONNECTION_ERROR server answered with extension [permessage-deflate]");
		}
	}

	@Test
	void appendedHeadersReachTheServerAndFilterPreEstablishSeesResponseHeaders() throws Exception {
		List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
		Protocol<Void> p = Protocol.<Void>builder("p", (c, r, s, in) -> {
			if (r == Reason.CLIENT_APPEND_HANDSHAKE_HEADER) {
				c.addHandshakeHeader("X-Token", "t0ken");
			}
			if (r == Reason.CLIENT_FILTER_PRE_ESTABLISH) {
				seen.add("server says " + c.header("X-Server"));
				return "refuse".equals(c.header("X-Server")) ? CallbackResult.CLOSE : CallbackResult.CONTINUE;
			}
			if (r == Reason.CLIENT_ESTABLISHED || r == Reason.CLIENT_CONNECTION_ERROR) {
				seen.add(r.name());
			}
			return CallbackResult.CONTINUE;
		}).build();
		try (FakeServer server = new FakeServer((socket, head) -> {
			OutputStream out = socket.getOutputStream();
			out.write(FakeServer.switching(head, "X-Server: " + ("t0ken".equals(FakeServer.header(head, "X-Token"))
					&& head.contains("/ok") ? "fine" : "refuse") + "\r\n"));
			socket.getInputStream().read();
		})) {
			Context client = Context.create(ContextInfo.builder()
				.port(ContextInfo.NO_LISTEN)
				.protocol(p)
				.limits(Limits.builder().closeTimeout(Duration.ofMillis(300)).build())
				.build());
			client.start();
			try {
				client.connect(ClientConnectInfo.builder("127.0.0.1", server.port()).path("/ok").build());
				client.connect(ClientConnectInfo.builder("127.0.0.1", server.port()).path("/no").build());
				org.awaitility.Awaitility.await().until(() -> seen.size() == 4);
				assertThat(seen).containsExactlyInAnyOrder("server says fine", "CLIENT_ESTABLISHED",
						"server says refuse", "CLIENT_CONNECTION_ERROR");
				assertThat(server.requests).allMatch((h) -> h.contains("X-Token: t0ken\r\n"));
			}
			finally {
				client.stop();
			}
		}
	}

	@Test
	void framesFromTheClientAreMaskedWithAFreshKeyEach() throws Exception {
		List<String> keys = new java.util.concurrent.CopyOnWriteArrayList<>();
		try (FakeServer server = new FakeServer((socket, head) -> {
			socket.getOutputStream().write(FakeServer.switching(head, ""));
			for (int i = 0; i < 3; i++) {
				Object[] f = FakeServer.readClientFrame(socket.getInputStream());
				keys.add(java.util.HexFormat.of().formatHex((byte[]) f[2]) + " "
						+ new String((byte[]) f[1], StandardCharsets.UTF_8));
			}
		}); ClientFixture client = new ClientFixture()) {
			Connection c = client.connect(ClientConnectInfo.builder("127.0.0.1", server.port()).build());
			assertThat(client.next()).startsWith("CLIENT_ESTABLISHED");
			client.sendText(c, "one");
			client.sendText(c, "two");
			client.sendText(c, "three");
			org.awaitility.Awaitility.await().until(() -> keys.size() == 3);
			assertThat(keys).extracting((k) -> k.substring(9)).containsExactly("one", "two", "three");
			assertThat(keys).extracting((k) -> k.substring(0, 8)).doesNotHaveDuplicates();
		}
	}

	@Test
	void aMaskedFrameFromTheServerFailsTheConnectionWith1002() throws Exception {
		try (FakeServer server = new FakeServer((socket, head) -> {
			OutputStream out = socket.getOutputStream();
			out.write(FakeServer.switching(head, ""));
			out.write(new byte[] { (byte) 0x81, (byte) 0x82, 1, 2, 3, 4, 'h' ^ 1, 'i' ^ 2 });
			Object[] close = FakeServer.readClientFrame(socket.getInputStream());
			byte[] p = (byte[]) close[1];
			out.write(FakeServer.frame(true, 8, new byte[] { p[0], p[1] }));
			socket.getInputStream().read();
		}); ClientFixture client = new ClientFixture()) {
			client.connect(ClientConnectInfo.builder("127.0.0.1", server.port()).build());
			assertThat(client.next()).startsWith("CLIENT_ESTABLISHED");
			assertThat(client.next()).startsWith("CLIENT_CLOSED 1002 Server frames must not be masked");
		}
	}

	@Test
	void aThousandConcurrentClientsEchoWithNothingLost() throws Exception {
		Context server = echoServer();
		int clients = 1000;
		int messages = 5;
		java.util.concurrent.atomic.AtomicInteger established = new java.util.concurrent.atomic.AtomicInteger();
		java.util.concurrent.ConcurrentHashMap<String, Boolean> received = new java.util.concurrent.ConcurrentHashMap<>();
		Protocol<int[]> p = Protocol.<int[]>builder("echo", (c, r, sent, in) -> {
			switch (r) {
				case CLIENT_ESTABLISHED -> {
					established.incrementAndGet();
					c.requestWritable();
				}
				case CLIENT_WRITEABLE -> {
					while (sent[0] < messages) {
						c.write(java.nio.ByteBuffer.wrap((c.id() + ":" + sent[0]++).getBytes(StandardCharsets.UTF_8)),
								WriteType.TEXT);
					}
				}
				case CLIENT_RECEIVE -> {
					String m = StandardCharsets.UTF_8.decode(in).toString();
					if (received.put(m, Boolean.TRUE) != null) {
						received.put("DUPLICATE " + m, Boolean.TRUE);
					}
				}
				default -> {
				}
			}
			return CallbackResult.CONTINUE;
		}).sessionData(() -> new int[1]).build();
		Context client = Context.create(ContextInfo.builder().port(ContextInfo.NO_LISTEN).protocol(p).build());
		client.start();
		try {
			for (int i = 0; i < clients; i++) {
				client.connect(ClientConnectInfo.builder("127.0.0.1", server.port()).subprotocols("echo").build());
			}
			org.awaitility.Awaitility.await()
				.atMost(Duration.ofSeconds(30))
				.until(() -> received.size() >= clients * messages);
			assertThat(established.get()).isEqualTo(clients);
			assertThat(received).hasSize(clients * messages);
			assertThat(received.keySet()).noneMatch((k) -> k.startsWith("DUPLICATE"));
		}
		finally {
			client.stop();
			server.stop();
		}
	}

}
