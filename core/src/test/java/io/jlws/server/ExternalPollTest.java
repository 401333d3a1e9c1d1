package io.jlws.server;

import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.jlws.AdoptedChannel;
import io.jlws.CallbackResult;
import io.jlws.Context;
import io.jlws.ContextInfo;
import io.jlws.PollArgs;
import io.jlws.PollFd;
import io.jlws.Protocol;
import io.jlws.Reason;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/** libwebsockets' "External Polling Loop support": jlws inside the application's own selector loop. */
@Timeout(30)
class ExternalPollTest {

	private final Map<SelectableChannel, SelectionKey> watched = new IdentityHashMap<>();

	private final List<String> events = new CopyOnWriteArrayList<>();

	@Test
	void anApplicationSelectorLoopServicesJlwsAndItsOwnChannelInOneThread() throws Exception {
		Selector selector = Selector.open();
		Protocol<Void> pollFirst = Protocol.<Void>builder("poll", (c, r, s, in) -> {
			PollArgs a = PollArgs.current();
			switch (r) {
				case ADD_POLL_FD, SET_MODE_POLL_FD, CLEAR_MODE_POLL_FD -> {
					try {
						SelectionKey key = this.watched.get(a.channel());
						if (key == null) {
							this.watched.put(a.channel(), a.channel().register(selector, a.events()));
						}
						else {
							key.interestOps(a.events());
						}
					}
					catch (java.io.IOException ex) {
						throw new java.io.UncheckedIOException(ex);
					}
					this.events.add(r.name());
				}
				case DEL_POLL_FD -> {
					SelectionKey key = this.watched.remove(a.channel());
					if (key != null) {
						key.cancel();
					}
					this.events.add(r.name());
				}
				default -> {
				}
			}
			return CallbackResult.CONTINUE;
		}).build();
		Protocol<EchoServer.Session> echo = Protocol.builder("echo", (io.jlws.Callback<EchoServer.Session>) (c, r, s, in) -> {
			if (r == Reason.RECEIVE && StandardCharsets.UTF_8.decode(in.duplicate()).toString().equals("timer")) {
				c.setTimer(Duration.ofMillis(20));
			}
			if (r == Reason.TIMER) {
				this.events.add("TIMER");
				s.outbox.add(new Object[] { "tick".getBytes(StandardCharsets.UTF_8), false });
				c.requestWritable();
			}
			return EchoServer.callback(c, r, s, in);
		}).sessionData(EchoServer.Session::new).build();
		ContextInfo info = ContextInfo.builder()
			.address("127.0.0.1")
			.port(0)
			.externalPoll(true)
			.limits(io.jlws.Limits.builder().maxFrameSize(32 << 20).maxMessageSize(32 << 20).maxPendingBytes(64 << 20).build())
			.protocol(pollFirst)
			.protocol(echo)
			.build();
		Context context = Context.create(info);
		assertThat(this.watched).hasSize(2); // the wake pipe and the listener, announced at creation

		Pipe unrelated = Pipe.open();
		unrelated.source().configureBlocking(false);
		unrelated.source().register(selector, SelectionKey.OP_READ);
		StringBuilder fromPipe = new StringBuilder();

		int port = context.port();
		CompletableFuture<List<String>> client = CompletableFuture.supplyAsync(() -> {
			try (RawClient c = RawClient.upgraded(port, "/", "echo")) {
				c.sendText("hello");
				String first = c.readMessage().text();
				c.send(false, 1, "frag".getBytes(StandardCharsets.UTF_8));
				c.send(true, 0, "ments".getBytes(StandardCharsets.UTF_8));
				String second = c.readMessage().text();
				byte[] big = new byte[16 << 20];
				c.send(true, 2, big);
				// not reading until jlws asked for OP_WRITE: 16 MiB cannot fit in both loopback socket buffers,
				// whereas a client reading concurrently may let the echo drain in one write
				Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> this.events.contains("SET_MODE_POLL_FD"));
				int bigEcho = c.readMessage().payload().length;
				c.sendText("timer");
				String echoed = c.readMessage().text();
				String tick = c.readMessage().text();
				unrelated.sink().write(ByteBuffer.wrap("app data".getBytes(StandardCharsets.UTF_8)));
				c.sendClose(1000, "");
				int code = c.read().closeCode();
				return List.of(first, second, Integer.toString(bigEcho), echoed, tick, Integer.toString(code));
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});

		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		boolean stopRequested = false;
		boolean running = true;
		while (running && System.nanoTime() < deadline) {
			selector.select(Math.max(1, context.adjustTimeout(100)));
			for (SelectionKey key : selector.selectedKeys()) {
				PollFd pollFd = new PollFd(key.channel(), key.isValid() ? key.readyOps() : 0);
				context.serviceFd(pollFd);
				if (pollFd.revents() != 0 && key.channel() == unrelated.source()) {
					ByteBuffer b = ByteBuffer.allocate(64);
					unrelated.source().read(b);
					fromPipe.append(new String(b.array(), 0, b.position(), StandardCharsets.UTF_8));
				}
			}
			selector.selectedKeys().clear();
			running = context.servicePending();
			if (!stopRequested && client.isDone() && fromPipe.length() > 0 && this.events.contains("TIMER")) {
				stopRequested = true;
				context.stop();
			}
		}
		assertThat(running).as("the context stopped; client done " + client.isDone() + ", pipe '" + fromPipe
				+ "', events " + this.events + ", stop requested " + stopRequested).isFalse();
		assertThat(client.get()).containsExactly("hello", "fragments", Integer.toString(16 << 20), "timer", "tick",
				"1000");
		assertThat(fromPipe).hasToString("app data");
		// the 16 MiB echo outgrows the socket buffer: OP_WRITE is asked for, then dropped once drained
		assertThat(this.events).contains("ADD_POLL_FD", "SET_MODE_POLL_FD", "CLEAR_MODE_POLL_FD", "DEL_POLL_FD",
				"TIMER");
		assertThat(this.watched).as("every channel jlws announced was withdrawn").isEmpty();
		unrelated.sink().close();
		unrelated.source().close();
		selector.close();
	}


	@Test
	void stopFromAnotherThreadBeforeTheLoopRanLeavesTheLoopToTheApplicationThread() throws Exception {
		Protocol<Void> p = Protocol.of("poll", (c, r, s, in) -> CallbackResult.CONTINUE);
		Context context = Context.create(
				ContextInfo.builder().address("127.0.0.1").port(0).externalPoll(true).protocol(p).build());
		Thread stopper = new Thread(context::stop);
		stopper.start();
		stopper.join(5000);
		assertThat(stopper.isAlive()).isFalse();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		boolean running = true;
		while (running && System.nanoTime() < deadline) {
			running = context.servicePending();
		}
		assertThat(running).isFalse();
		assertThat(context.isRunning()).isFalse();
	}

	@Test
	void anAdoptedApplicationChannelIsServicedByTheContextsOwnLoop() throws Exception {
		try (EchoServer server = new EchoServer()) {
			Pipe pipe = Pipe.open();
			pipe.source().configureBlocking(false);
			List<String> got = new CopyOnWriteArrayList<>();
			CompletableFuture<AdoptedChannel> adopted = new CompletableFuture<>();
			server.context.execute(() -> adopted.complete(server.context.adopt(pipe.source(), SelectionKey.OP_READ,
					new AdoptedChannel.Handler() {
						@Override
						public void onReadable(AdoptedChannel channel) {
							ByteBuffer b = ByteBuffer.allocate(64);
							try {
								int n = ((Pipe.SourceChannel) channel.channel()).read(b);
								if (n < 0) {
									channel.close();
									return;
								}
							}
							catch (java.io.IOException ex) {
								channel.close();
								return;
							}
							got.add(Thread.currentThread().getName() + ":" + new String(b.array(), 0, b.position(),
									StandardCharsets.UTF_8));
						}

						@Override
						public void onClosed(AdoptedChannel channel) {
							got.add("closed");
						}
					})));
			adopted.get(5, TimeUnit.SECONDS);
			pipe.sink().write(ByteBuffer.wrap("ping".getBytes(StandardCharsets.UTF_8)));
			org.awaitility.Awaitility.await().until(() -> got.contains("jlws-service:ping"));
			try (RawClient c = RawClient.upgraded(server.port(), "/", "echo")) {
				c.sendText("still echoing");
				assertThat(c.readMessage().text()).isEqualTo("still echoing");
			}
			pipe.sink().close();
			org.awaitility.Awaitility.await().until(() -> got.contains("closed"));
		}
	}

}
