package io.jlws.server;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.jlws.CallbackResult;
import io.jlws.Connection;
import io.jlws.Protocol;
import io.jlws.Reason;
import io.jlws.WriteType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The seeds' code, written as they show it, works against jlws. */
class SeedIdiomsTest {

	/** The seeds' "Client" object: AppendMessageFragment / HasFragments / GetMessage / ResetMessage. */
	static final class Client {

		final ByteArrayOutputStream fragments = new ByteArrayOutputStream();

		final List<String> processed;

		Client(List<String> processed) {
			this.processed = processed;
		}

		boolean hasFragments() {
			return this.fragments.size() > 0;
		}

		void appendMessageFragment(ByteBuffer in, long remaining) {
			byte[] b = new byte[in.remaining()];
			in.get(b);
			this.fragments.writeBytes(b);
		}

		void processMessage(ByteBuffer in) {
			this.processed.add(StandardCharsets.UTF_8.decode(in).toString());
		}

		void resetMessage() {
			this.fragments.reset();
		}

	}

	@Test
	void theFragmentedMessageIdiomFromTheSeedsReassemblesEveryMessage() throws Exception {
		List<String> processed = new CopyOnWriteArrayList<>();
		Protocol<Client> p = Protocol.<Client>builder("idiom", (wsi, reason, client, in) -> {
			if (reason == Reason.RECEIVE) {
				// README.coding, "Fragmented messages", line for line
				long remaining = wsi.remainingPacketPayload();
				if (remaining == 0 && wsi.isFinalFragment()) {
					if (client.hasFragments()) {
						client.appendMessageFragment(in, 0);
						in = ByteBuffer.wrap(client.fragments.toByteArray());
					}
					client.processMessage(in);
					client.resetMessage();
				}
				else {
					client.appendMessageFragment(in, remaining);
				}
			}
			return CallbackResult.CONTINUE;
		}).sessionData(() -> new Client(processed)).rxBufferSize(7).build();
		try (ServerFixture server = ServerFixture.of(p); RawClient c = RawClient.upgraded(server.port(), "/")) {
			c.sendText("short");
			c.send(false, 1, "a fragmented message, ".getBytes(StandardCharsets.UTF_8));
			c.send(false, 0, "split in three frames ".getBytes(StandardCharsets.UTF_8));
			c.send(true, 0, "and 7-byte chunks".getBytes(StandardCharsets.UTF_8));
			c.sendText("a single frame longer than one rx buffer");
			org.awaitility.Awaitility.await().until(() -> processed.size() == 3);
			assertThat(processed).containsExactly("short",
					"a fragmented message, split in three frames and 7-byte chunks",
					"a single frame longer than one rx buffer");
		}
	}

	@Test
	void anAcceptedSocketCanBeAdoptedAsAConnection() throws Exception {
		try (EchoServer server = new EchoServer(); ServerSocketChannel own = ServerSocketChannel.open()) {
			own.bind(new InetSocketAddress("127.0.0.1", 0));
			int port = ((InetSocketAddress) own.getLocalAddress()).getPort();
			CompletableFuture<String> echoed = CompletableFuture.supplyAsync(() -> {
				try (RawClient c = RawClient.upgraded(port, "/", "echo")) {
					c.sendText("via lws_adopt_socket");
					return c.readMessage().text();
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			});
			SocketChannel accepted = own.accept();
			CompletableFuture<Boolean> adopted = new CompletableFuture<>();
			server.context.execute(() -> adopted.complete(server.context.adoptSocket(accepted)));
			assertThat(adopted.get(5, TimeUnit.SECONDS)).isTrue();
			assertThat(echoed.get(10, TimeUnit.SECONDS)).isEqualTo("via lws_adopt_socket");
		}
	}

	@Test
	void writingOnlyInWriteableAsTheSeedsSayKeepsOrderAcrossManyRequests() throws Exception {
		List<String> got = new CopyOnWriteArrayList<>();
		Protocol<int[]> counter = Protocol.<int[]>builder("count", (Connection c, Reason r, int[] n, ByteBuffer in) -> {
			if (r == Reason.ESTABLISHED || (r == Reason.SERVER_WRITEABLE && n[0] < 50)) {
				if (r == Reason.SERVER_WRITEABLE) {
					c.write(ByteBuffer.wrap(Integer.toString(n[0]++).getBytes(StandardCharsets.US_ASCII)), WriteType.TEXT);
				}
				c.requestWritable();
			}
			return CallbackResult.CONTINUE;
		}).sessionData(() -> new int[1]).build();
		try (ServerFixture server = ServerFixture.of(counter); RawClient c = RawClient.upgraded(server.port(), "/")) {
			for (int i = 0; i < 50; i++) {
				got.add(c.readMessage().text());
			}
			assertThat(got).isEqualTo(java.util.stream.IntStream.range(0, 50).mapToObj(Integer::toString).toList());
		}
	}

}
