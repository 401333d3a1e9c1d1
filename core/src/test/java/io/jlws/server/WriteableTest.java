package io.jlws.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.jlws.CallbackResult;
import io.jlws.Connection;
import io.jlws.Limits;
import io.jlws.Protocol;
import io.jlws.Reason;
import io.jlws.WriteType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class WriteableTest {

	private final List<String> log = new CopyOnWriteArrayList<>();

	private static ByteBuffer utf8(String s) {
		return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
	}

	private static String text(ByteBuffer in) {
		byte[] b = new byte[in.remaining()];
		in.get(b);
		return new String(b, StandardCharsets.UTF_8);
	}

	@Test
	void writingOutsideAWriteableCallbackThrowsNamingTheRule() throws Exception {
		Protocol<ArrayDeque<String>> p = Protocol.<ArrayDeque<String>>builder("p", (c, r, q, in) -> {
			if (r == Reason.RECEIVE) {
				try {
					c.write(utf8("too early"), WriteType.TEXT);
					q.add("no exception");
				}
				catch (IllegalStateException ex) {
					q.add(ex.getMessage());
				}
				c.requestWritable();
			}
			if (r == Reason.SERVER_WRITEABLE && !q.isEmpty()) {
				c.write(utf8(q.poll()), WriteType.TEXT);
			}
			return CallbackResult.CONTINUE;
		}).sessionData(ArrayDeque::new).build();
		try (ServerFixture server = ServerFixture.of(p); RawClient client = RawClient.upgraded(server.port(), "/")) {
			client.sendText("hi");
			assertThat(client.readMessage().text()).contains("only legal during SERVER_WRITEABLE");
		}
	}

	@Test
	void extraWriteableCallbacksThatWriteNothingAreHarmless() throws Exception {
		AtomicInteger writeables = new AtomicInteger();
		Protocol<ArrayDeque<String>> p = Protocol.<ArrayDeque<String>>builder("p", (c, r, q, in) -> {
			switch (r) {
				case ESTABLISHED, TIMER -> {
					// ask for more WRITEABLE callbacks than there is data to send
					c.requestWritable();
					c.requestWritable();
					if (writeables.get() < 20) {
						c.setTimer(java.time.Duration.ofMillis(5));
					}
				}
				case RECEIVE -> {
					q.add(text(in));
					c.requestWritable();
				}
				case SERVER_WRITEABLE -> {
					writeables.incrementAndGet();
					String next = q.poll();
					if (next != null) {
						c.write(utf8(next), WriteType.TEXT);
					}
				}
				default -> {
				}
			}
			return CallbackResult.CONTINUE;
		}).sessionData(ArrayDeque::new).build();
		try (ServerFixture server = ServerFixture.of(p); RawClient client = RawClient.upgraded(server.port(), "/")) {
			await().until(() -> writeables.get() >= 10);
			client.sendText("still fine");
			assertThat(client.readMessage().text()).isEqualTo("still fine");
		}
	}

	@Test
	void requestsCoalesceToOneWriteablePerTurnAndSeveralWritesLeaveInOrder() throws Exception {
		AtomicInteger writeables = new AtomicInteger();
		Protocol<Void> p = Protocol.<Void>builder("p", (c, r, s, in) -> {
			if (r == Reason.RECEIVE) {
				for (int i = 0; i < 5; i++) {
					c.requestWritable();
				}
			}
			if (r == Reason.SERVER_WRITEABLE) {
				writeables.incrementAndGet();
				for (int i = 0; i < 100; i++) {
					c.write(utf8("m" + i), WriteType.TEXT);
				}
			}
			return CallbackResult.CONTINUE;
		}).build();
		try (ServerFixture server = ServerFixture.of(p); RawClient client = RawClient.upgraded(server.port(), "/")) {
			client.sendText("go");
			for (int i = 0; i < 100; i++) {
				assertThat(client.readMessage().text()).isEqualTo("m" + i);
			}
			assertThat(writeables.get()).isEqualTo(1);
		}
	}

	@Test
	void fragmentedSendsArriveAsOneMessageAndContinuationWithoutStartIsRefused() throws Exception {
		Protocol<Void> p = Protocol.<Void>builder("p", (c, r, s, in) -> {
			if (r == Reason.RECEIVE) {
				c.requestWritable();
			}
			if (r == Reason.SERVER_WRITEABLE) {
				try {
					c.write(utf8("x"), WriteType.CONTINUATION);
				}
				catch (IllegalStateException ex) {
					this.log.add(ex.getMessage());
				}
				c.write(utf8("frag"), WriteType.TEXT, false);
				c.write(utf8("men"), WriteType.CONTINUATION, false);
				c.write(utf8("ted"), WriteType.CONTINUATION, true);
			}
			return CallbackResult.CONTINUE;
		}).build();
		try (ServerFixture server = ServerFixture.of(p); RawClient client = RawClient.upgraded(server.port(), "/")) {
			client.sendText("go");
			RawClient.Frame first = client.read();
			assertThat(first.fin()).isFalse();
			assertThat(first.opcode()).isEqualTo(1);
			assertThat(client.read().opcode()).isZero();
			RawClient.Frame last = client.read();
			assertThat(last.fin()).isTrue();
			assertThat(last.text()).isEqualTo("ted");
			assertThat(this.log).singleElement().asString().contains("no fragmented message in progress");
		}
	}

	@Test
	void aSlowReaderMakesPendingBytesGrowThenDrain() throws Exception {
		AtomicLong maxPending = new AtomicLong();
		AtomicLong id = new AtomicLong();
		AtomicInteger sent = new AtomicInteger();
		Protocol<Void> p = Protocol.<Void>builder("p", (c, r, s, in) -> {
			if (r == Reason.ESTABLISHED) {
				id.set(c.id());
			}
			if (r == Reason.RECEIVE || (r == Reason.SERVER_WRITEABLE && sent.get() < 64)) {
				if (r == Reason.SERVER_WRITEABLE) {
					sent.incrementAndGet();
					c.write(ByteBuffer.allocate(256 * 1024), WriteType.BINARY);
				}
				maxPending.accumulateAndGet(c.pendingBytes(), Math::max);
				c.requestWritable();
			}
			return CallbackResult.CONTINUE;
		}).build();
		try (ServerFixture server = ServerFixture.of(p); RawClient client = RawClient.upgraded(server.port(), "/")) {
			client.sendText("go");
			// nobody reads yet: the socket buffers fill and the rest is held for the connection
			await().atMost(10, TimeUnit.SECONDS).until(() -> maxPending.get() > 0);
			long total = 0;
			while (total < 64L * 256 * 1024) {
				total += client.read().payload().length;
			}
			assertThat(sent.get()).isEqualTo(64);
			AtomicLong pendingAfter = new AtomicLong(-1);
			assertThat(server.context.executeOn(id.get(), (c) -> pendingAfter.set(c.pendingBytes()))
				.get(5, TimeUnit.SECONDS)).isTrue();
			assertThat(pendingAfter.get()).isZero();
		}
	}

	@Test
	void pendingBytesOverTheLimitAbortTheConnectionAndClosedSaysWhy() throws Exception {
		List<String> closed = new CopyOnWriteArrayList<>();
		Protocol<Void> p = Protocol.<Void>builder("p", (c, r, s, in) -> {
			if (r == Reason.RECEIVE || r == Reason.SERVER_WRITEABLE) {
				if (r == Reason.SERVER_WRITEABLE) {
					// one callback may write more than the socket takes: the excess is what is bounded
					for (int i = 0; i < 200 && c.write(ByteBuffer.allocate(256 * 1024), WriteType.BINARY) > 0; i++) {
						// keep writing until the socket is full and the held bytes pass the limit
					}
				}
				c.requestWritable();
			}
			if (r == Reason.CLOSED) {
				closed.add(c.closeStatus() + " " + c.closeReason());
			}
			return CallbackResult.CONTINUE;
		}).build();
		Limits limits = Limits.builder().maxPendingBytes(1024 * 1024).build();
		try (ServerFixture server = ServerFixture.of(limits, p);
				RawClient client = RawClient.upgraded(server.port(), "/")) {
			client.sendText("go");
			await().atMost(10, TimeUnit.SECONDS).until(() -> !closed.isEmpty());
			assertThat(closed).singleElement().asString().startsWith("1006").contains("max-pending-bytes");
		}
	}

	@Test
	void requestWritableAllReachesEveryConnectionOfTheProtocol() throws Exception {
		Protocol<Void> p = Protocol.<Void>builder("p", (c, r, s, in) -> {
			if (r == Reason.RECEIVE) {
				c.protocol().requestWritableAll();
			}
			if (r == Reason.SERVER_WRITEABLE) {
				c.write(utf8("to all"), WriteType.TEXT);
			}
			return CallbackResult.CONTINUE;
		}).build();
		try (ServerFixture server = ServerFixture.of(p);
				RawClient a = RawClient.upgraded(server.port(), "/");
				RawClient b = RawClient.upgraded(server.port(), "/");
				RawClient c = RawClient.upgraded(server.port(), "/")) {
			await().until(() -> server.context.stats().connections() == 3);
			b.sendText("go");
			for (RawClient x : List.of(a, b, c)) {
				assertThat(x.readMessage().text()).isEqualTo("to all");
			}
		}
	}

	@Test
	void writeIsRefusedFromAnotherThread() throws Exception {
		AtomicLong id = new AtomicLong();
		java.util.concurrent.atomic.AtomicReference<Connection> leaked = new java.util.concurrent.atomic.AtomicReference<>();
		Protocol<Void> p = Protocol.<Void>builder("p", (c, r, s, in) -> {
			if (r == Reason.ESTABLISHED) {
				id.set(c.id());
				leaked.set(c);
			}
			return CallbackResult.CONTINUE;
		}).build();
		try (ServerFixture server = ServerFixture.of(p); RawClient client = RawClient.upgraded(server.port(), "/")) {
			await().until(() -> leaked.get() != null);
			org.assertj.core.api.Assertions.assertThatIllegalStateException()
				.isThrownBy(() -> leaked.get().write(utf8("x"), WriteType.TEXT))
				.withMessageContaining("service thread");
		}
	}

}
