package io.jlws.client;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.jlws.CallbackResult;
import io.jlws.ClientConnectInfo;
import io.jlws.Connection;
import io.jlws.Context;
import io.jlws.ContextInfo;
import io.jlws.Limits;
import io.jlws.Protocol;
import io.jlws.Reason;
import io.jlws.WriteType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The testee of the client-side Autobahn tests: a started client-only context whose protocol behaves as Autobahn's
 * fuzzingserver expects a client to: it echoes every complete message it receives (text as text, binary as binary),
 * reassembled from the fragment API ({@link Connection#isFinalFragment()}, {@link Connection#frameIsBinary()}) and
 * sent back in {@link Reason#CLIENT_WRITEABLE}. Everything it sees is recorded per connection as text, like
 * {@link ClientFixture}: "CLIENT_ESTABLISHED null", "CLIENT_RECEIVE text 12", "CLIENT_RECEIVE_PONG 68656c6c6f",
 * "WS_PEER_INITIATED_CLOSE 1000", "CLIENT_CLOSED 1002 reason", "CLIENT_CONNECTION_ERROR reason".
 */
final class AutobahnEchoClient implements AutoCloseable {

	/** Per-connection state, passed as the connection's session data. */
	static final class Session {

		private final ByteArrayOutputStream message = new ByteArrayOutputStream();

		private final ArrayDeque<Object[]> echoes = new ArrayDeque<>();

		final BlockingQueue<String> events = new LinkedBlockingQueue<>();

		/** Every event so far, for assertions and failure messages. */
		final List<String> log = new CopyOnWriteArrayList<>();

		void record(String event) {
			this.log.add(event);
			this.events.add(event);
		}

		/**
		 * Waits for CLIENT_CLOSED and checks its status; the connection must have been established and never
		 * reported a connection error.
		 * @return the CLIENT_CLOSED event
		 */
		String expectClosed(int status) throws InterruptedException {
			String e;
			do {
				e = this.events.poll(10, TimeUnit.SECONDS);
				assertThat(e).as("CLIENT_CLOSED within 10 s; client events: " + this.log).isNotNull();
			}
			while (!e.startsWith("CLIENT_CLOSED ") && !e.startsWith("CLIENT_CONNECTION_ERROR "));
			assertThat(this.log).as("client events").isNotEmpty();
			assertThat(this.log.get(0)).as("first client event; all: " + this.log).startsWith("CLIENT_ESTABLISHED");
			assertThat(e).as("client close status; events: " + this.log).startsWith("CLIENT_CLOSED " + status + " ");
			return e;
		}

		/** The complete messages the client received, in order ("text 12", "binary 0"). */
		List<String> received() {
			return this.log.stream()
				.filter((e) -> e.startsWith("CLIENT_RECEIVE "))
				.map((e) -> e.substring("CLIENT_RECEIVE ".length()))
				.toList();
		}

	}

	static final Limits LIMITS = Limits.builder()
		.maxFrameSize(32 << 20)
		.maxMessageSize(32 << 20)
		.maxPendingBytes(64 << 20)
		.closeTimeout(Duration.ofSeconds(3))
		.build();

	private final Context context;

	AutobahnEchoClient() throws Exception {
		this(LIMITS);
	}

	AutobahnEchoClient(Limits limits) throws Exception {
		Protocol<Session> p = Protocol.builder("autobahn-echo", AutobahnEchoClient::callback).build();
		this.context = Context.create(ContextInfo.builder()
			.port(ContextInfo.NO_LISTEN)
			.protocol(p)
			.limits(limits)
			.serviceThreadName("autobahn-echo-client")
			.build());
		this.context.start();
	}

	private static CallbackResult callback(Connection c, Reason reason, Session s, ByteBuffer in) {
		if (s == null) {
			return CallbackResult.CONTINUE; // protocol-wide reasons
		}
		switch (reason) {
			case CLIENT_ESTABLISHED -> s.record("CLIENT_ESTABLISHED " + c.negotiatedSubprotocol());
			case CLIENT_RECEIVE -> {
				if (in.hasArray()) {
					s.message.write(in.array(), in.arrayOffset() + in.position(), in.remaining());
				}
				else {
					byte[] b = new byte[in.remaining()];
					in.get(b);
					s.message.writeBytes(b);
				}
				if (c.isFinalFragment()) {
					byte[] m = s.message.toByteArray();
					s.message.reset();
					boolean binary = c.frameIsBinary();
					s.echoes.add(new Object[] { binary ? WriteType.BINARY : WriteType.TEXT, m });
					s.record("CLIENT_RECEIVE " + (binary ? "binary " : "text ") + m.length);
					c.requestWritable();
				}
			}
			case CLIENT_WRITEABLE -> {
				// All queued echoes at once: a WRITEABLE run before a close frame must not leave any behind.
				Object[] m;
				while ((m = s.echoes.poll()) != null) {
					c.write(ByteBuffer.wrap((byte[]) m[1]), (WriteType) m[0], true);
				}
			}
			case CLIENT_RECEIVE_PONG -> {
				byte[] b = new byte[in.remaining()];
				in.get(b);
				s.record("CLIENT_RECEIVE_PONG " + HexFormat.of().formatHex(b));
			}
			case WS_PEER_INITIATED_CLOSE -> {
				int code = (in.remaining() >= 2) ? ((in.get(in.position()) & 0xff) << 8) | (in.get(in.position() + 1) & 0xff)
						: 1005;
				s.record("WS_PEER_INITIATED_CLOSE " + code);
			}
			case CLIENT_CLOSED -> s.record("CLIENT_CLOSED " + c.closeStatus() + " " + c.closeReason());
			case CLIENT_CONNECTION_ERROR -> s.record("CLIENT_CONNECTION_ERROR " + StandardCharsets.UTF_8.decode(in));
			default -> {
			}
		}
		return CallbackResult.CONTINUE;
	}

	/** Starts a connection to 127.0.0.1:{@code port} with {@code session} as its session data. */
	Connection connect(int port, Session session) {
		return this.context.connect(ClientConnectInfo.builder("127.0.0.1", port).sessionData(session).build());
	}

	@Override
	public void close() {
		this.context.stop();
	}

}
