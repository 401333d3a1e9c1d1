package io.jlws.connection;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.jlws.CallbackResult;
import io.jlws.Context;
import io.jlws.ContextInfo;
import io.jlws.KeepAlive;
import io.jlws.Limits;
import io.jlws.Protocol;
import io.jlws.Reason;
import jdk.net.ExtendedSocketOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/** {@link KeepAlive} (lws ka_time, ka_probes, ka_interval) and TCP_NODELAY on accepted sockets. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class KeepAliveOptionsTest {

	/** A started context with one protocol that reports the ids of established connections. */
	private static final class Server implements AutoCloseable {

		final LinkedBlockingQueue<Long> established = new LinkedBlockingQueue<>();

		final Context context;

		Server(KeepAlive keepAlive) throws IOException {
			Protocol<Void> protocol = Protocol.of("ka", (conn, reason, session, in) -> {
				if (reason == Reason.ESTABLISHED) {
					this.established.add(conn.id());
				}
				return CallbackResult.CONTINUE;
			});
			this.context = Context.create(ContextInfo.builder()
				.address("127.0.0.1")
				.port(0)
				.protocol(protocol)
				.keepAlive(keepAlive)
				.limits(Limits.builder().closeTimeout(Duration.ofSeconds(1)).build())
				.build());
			this.context.start();
		}

		/** Upgrades a new client and returns the server-side connection id. */
		long upgrade(Socket socket) throws Exception {
			socket.connect(new InetSocketAddress("127.0.0.1", this.context.port()), 5000);
			socket.setSoTimeout(5000);
			socket.getOutputStream()
				.write(("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
						+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
			assertThat(readHead(socket.getInputStream())).startsWith("HTTP/1.1 101");
			Long id = this.established.poll(5, TimeUnit.SECONDS);
			assertThat(id).as("ESTABLISHED").isNotNull();
			return id;
		}

		/** Reads the options of the server side of a connection, on the service thread. */
		Map<SocketOption<?>, Object> options(long id, Set<SocketOption<?>> names) throws Exception {
			Map<SocketOption<?>, Object> values = new LinkedHashMap<>();
			boolean ran = this.context.executeOn(id, (c) -> {
				SocketChannel ch = ((ServerConnection) c).channel();
				try {
					for (SocketOption<?> name : names) {
						values.put(name, ch.getOption(name));
					}
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}).get(5, TimeUnit.SECONDS);
			assertThat(ran).as("executeOn ran").isTrue();
			return values;
		}

		@Override
		public void close() {
			this.context.stop();
		}

	}

	private static String readHead(InputStream in) throws IOException {
		ByteArrayOutputStream b = new ByteArrayOutputStream();
		while (!b.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
			int c = in.read();
			if (c < 0) {
				break;
			}
			b.write(c);
		}
		return b.toString(StandardCharsets.ISO_8859_1);
	}

	@Test
	void keepAliveSixtyThreeTenSetsSoKeepaliveAndThePerSocketValues() throws Exception {
		try (Server server = new Server(new KeepAlive(60, 3, 10)); Socket socket = new Socket()) {
			assumeThat(supportedOptions()).as("this platform sets keepalive values per socket")
				.contains(ExtendedSocketOptions.TCP_KEEPIDLE, ExtendedSocketOptions.TCP_KEEPINTERVAL,
						ExtendedSocketOptions.TCP_KEEPCOUNT);
			long id = server.upgrade(socket);
			Map<SocketOption<?>, Object> options = server.options(id,
					Set.of(StandardSocketOptions.SO_KEEPALIVE, StandardSocketOptions.TCP_NODELAY,
							ExtendedSocketOptions.TCP_KEEPIDLE, ExtendedSocketOptions.TCP_KEEPINTERVAL,
							ExtendedSocketOptions.TCP_KEEPCOUNT));
			assertThat(options).containsEntry(StandardSocketOptions.SO_KEEPALIVE, true)
				.containsEntry(StandardSocketOptions.TCP_NODELAY, true)
				.containsEntry(ExtendedSocketOptions.TCP_KEEPIDLE, 60)
				.containsEntry(ExtendedSocketOptions.TCP_KEEPINTERVAL, 10)
				.containsEntry(ExtendedSocketOptions.TCP_KEEPCOUNT, 3);
		}
	}

	@Test
	void keepAliveOffLeavesSoKeepaliveOffButStillSetsTcpNoDelay() throws Exception {
		try (Server server = new Server(KeepAlive.OFF); Socket socket = new Socket()) {
			long id = server.upgrade(socket);
			Map<SocketOption<?>, Object> options = server.options(id,
					Set.of(StandardSocketOptions.SO_KEEPALIVE, StandardSocketOptions.TCP_NODELAY));
			assertThat(options).containsEntry(StandardSocketOptions.SO_KEEPALIVE, false)
				.containsEntry(StandardSocketOptions.TCP_NODELAY, true);
		}
	}

	private static Set<SocketOption<?>> supportedOptions() throws IOException {
		try (SocketChannel ch = SocketChannel.open()) {
			return ch.supportedOptions();
		}
	}

}
