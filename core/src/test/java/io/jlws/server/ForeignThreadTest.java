package io.jlws.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import io.jlws.CallbackResult;
import io.jlws.Connection;
import io.jlws.Context;
import io.jlws.ContextInfo;
import io.jlws.Limits;
import io.jlws.Protocol;
import io.jlws.Reason;
import io.jlws.WriteType;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * The threading contract: other threads reach the service thread only through {@code execute}, {@code executeOn},
 * {@code broadcastForeign} and {@code wakeUp}; the queue is bounded; accepted work always runs.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ForeignThreadTest {

	private static final Limits FAST_CLOSE = Limits.builder().closeTimeout(Duration.ofSeconds(1)).build();

	/** A protocol that records its connections (by id) and otherwise does nothing. */
	static final class Quiet {

		final List<Connection> established = new CopyOnWriteArrayList<>();

		final List<Long> closed = new CopyOnWriteArrayList<>();

		final Protocol<Void> protocol;

		Quiet(String name) {
			this.protocol = Protocol.of(name, (conn, reason, session, in) -> {
				if (reason == Reason.ESTABLISHED) {
					this.established.add(conn);
				}
				else if (reason == Reason.CLOSED) {
					this.closed.add(conn.id());
				}
				return CallbackResult.CONTINUE;
			});
		}

	}

	/** Drives a context that was never started until its loop terminates (releases the selector and port). */
	private static void stopUnstarted(Context context) {
		context.stop(Duration.ZERO);
		for (int i = 0; i < 1000 && context.service(0); i++) {
			// each turn makes progress towards termination
		}
		assertThat(context.isRunning()).isFalse();
	}

	private static boolean offerUntilAccepted(Context context, String protocol, String text, long deadlineNanos,
			AtomicLong refusals) {
		ByteBuffer payload = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
		while (true) {
			if (context.broadcastForeign(protocol, payload, WriteType.TEXT)) {
				return true;
			}
			refusals.incrementAndGet();
			if (System.nanoTime() - deadlineNanos >= 0) {
				return false;
			}
			LockSupport.parkNanos(50_000); // back off so the service thread gets a CPU to drain the queue
		}
	}

	@Test
	void broadcastsFromEightThreadsReachEveryClientExactlyOnceInPerThreadOrder() throws Exception {
		int threads = 8;
		int perThread = 500;
		int clients = 4;
		Quiet quiet = new Quiet("bcast");
		Limits limits = FAST_CLOSE.toBuilder().maxForeignQueue(128).build();
		ExecutorService pool = Executors.newFixedThreadPool(threads + clients);
		List<RawClient> raw = new ArrayList<>();
		try (ServerFixture server = ServerFixture.of(limits, quiet.protocol)) {
			try {
				for (int i = 0; i < clients; i++) {
					raw.add(RawClient.upgraded(server.port(), "/", "bcast"));
				}
				await().atMost(Duration.ofSeconds(5)).until(() -> quiet.established.size() == clients);

				List<Future<List<String>>> readers = new ArrayList<>();
				for (RawClient c : raw) {
					readers.add(pool.submit(() -> {
						List<String> got = new ArrayList<>();
						while (true) {
							RawClient.Frame f = c.readMessage();
							assertThat(f.opcode()).as("frame opcode").isEqualTo(1);
							if (f.text().equals("END")) {
								return got;
							}
							got.add(f.text());
						}
					}));
				}

				long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
				AtomicLong refusals = new AtomicLong();
				CountDownLatch go = new CountDownLatch(1);
				List<Future<List<String>>> senders = new ArrayList<>();
				for (int t = 0; t < threads; t++) {
					int thread = t;
					senders.add(pool.submit(() -> {
						go.await();
						List<String> accepted = new ArrayList<>();
						for (int i = 0; i < perThread; i++) {
							String text = "t" + thread + "-" + i;
							if (offerUntilAccepted(server.context, "bcast", text, deadline, refusals)) {
								accepted.add(text);
							}
						}
						return accepted;
					}));
				}
				go.countDown();
				Map<Integer, List<String>> acceptedByThread = new LinkedHashMap<>();
				Set<String> accepted = new HashSet<>();
				for (int t = 0; t < threads; t++) {
					List<String> list = senders.get(t).get(10, TimeUnit.SECONDS);
					acceptedByThread.put(t, list);
					accepted.addAll(list);
				}
				assertThat(offerUntilAccepted(server.context, "bcast", "END",
						System.nanoTime() + TimeUnit.SECONDS.toNanos(5), refusals))
					.as("the END marker is accepted").isTrue();
				// with retries every payload should eventually be accepted; the assertions below only rely on
				// "accepted", but a bounded queue that never drains would show up here
				assertThat(accepted).as("accepted payloads (refusals: %d)", refusals.get())
					.hasSize(threads * perThread);

				for (int c = 0; c < clients; c++) {
					List<String> got = readers.get(c).get(10, TimeUnit.SECONDS);
					assertThat(got).as("client %d: count", c).hasSize(accepted.size());
					assertThat(new HashSet<>(got)).as("client %d: no duplicates, every accepted payload", c)
						.hasSize(got.size())
						.isEqualTo(accepted);
					for (int t = 0; t < threads; t++) {
						String prefix = "t" + t + "-";
						List<String> fromThread = got.stream().filter((s) -> s.startsWith(prefix)).toList();
						assertThat(fromThread).as("client %d: order of thread %d", c, t)
							.containsExactlyElementsOf(acceptedByThread.get(t));
					}
				}
			}
			finally {
				for (RawClient c : raw) {
					c.close();
				}
				pool.shutdownNow();
				assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
			}
		}
	}

	@Test
	void aBroadcastCallbackThatWritesSendsItsOwnPayloadInsteadOfTheOriginal() throws Exception {
		Protocol<Void> upper = Protocol.of("upper", (conn, reason, session, in) -> {
			if (reason == Reason.BROADCAST) {
				byte[] b = new byte[in.remaining()];
				in.get(b);
				String transformed = new String(b, StandardCharsets.UTF_8).toUpperCase();
				conn.write(ByteBuffer.wrap(transformed.getBytes(StandardCharsets.UTF_8)), WriteType.TEXT);
			}
			return CallbackResult.CONTINUE;
		});
		AtomicInteger established = new AtomicInteger();
		Protocol<Void> counting = Protocol.of("counting", (conn, reason, session, in) -> {
			if (reason == Reason.ESTABLISHED) {
				established.incrementAndGet();
			}
			return CallbackResult.CONTINUE;
		});
		try (ServerFixture server = ServerFixture.of(FAST_CLOSE, upper, counting);
				RawClient a = RawClient.upgraded(server.port(), "/", "upper");
				RawClient b = RawClient.upgraded(server.port(), "/", "upper")) {
			assertThat(server.context.broadcastForeign("upper", ByteBuffer.wrap("hello".getBytes()), WriteType.TEXT))
				.isTrue();
			assertThat(server.context.broadcastForeign("upper", ByteBuffer.wrap("world".getBytes()), WriteType.TEXT))
				.isTrue();
			for (RawClient c : List.of(a, b)) {
				RawClient.Frame first = c.readMessage();
				assertThat(first.opcode()).isEqualTo(1);
				assertThat(first.text()).isEqualTo("HELLO");
				// the next frame is the second broadcast, so the original "hello" was never sent
				assertThat(c.readMessage().text()).isEqualTo("WORLD");
			}
			assertThatThrownBy(() -> server.context.broadcastForeign("nope", ByteBuffer.allocate(0), WriteType.TEXT))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("nope");
		}
	}

	@Test
	void theForeignQueueIsBoundedAndRunsWhatItAcceptedInOrder() throws Exception {
		Quiet quiet = new Quiet("q");
		Context context = Context.create(ContextInfo.builder()
			.address("127.0.0.1")
			.port(0)
			.protocol(quiet.protocol)
			.limits(Limits.builder().maxForeignQueue(4).build())
			.build());
		try {
			List<Integer> ran = new ArrayList<>();
			List<String> threadNames = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				int n = i;
				assertThat(context.execute(() -> {
					ran.add(n);
					threadNames.add(Thread.currentThread().getName());
				})).as("offer %d", i).isTrue();
			}
			assertThat(context.execute(() -> ran.add(99))).as("fifth offer on a full queue").isFalse();
			assertThat(context.broadcastForeign("q", ByteBuffer.allocate(1), WriteType.TEXT))
				.as("a broadcast on a full queue").isFalse();
			assertThat(context.executeOn(1, (c) -> ran.add(98)).get(1, TimeUnit.SECONDS))
				.as("executeOn on a full queue").isFalse();
			assertThat(ran).as("nothing runs until the loop turns").isEmpty();

			assertThat(context.service(0)).isTrue();

			assertThat(ran).containsExactly(0, 1, 2, 3);
			assertThat(threadNames).containsOnly(Thread.currentThread().getName());
			assertThat(context.execute(() -> ran.add(4))).as("room again after draining").isTrue();
			context.service(0);
			assertThat(ran).containsExactly(0, 1, 2, 3, 4);
		}
		finally {
			stopUnstarted(context);
		}
	}

	@Test
	void wakeUpsBeforeTheLoopTurnsCoalesceIntoOneEventWaitCancelledPerProtocol() throws Exception {
		Map<String, List<Reason>> seen = new LinkedHashMap<>();
		List<Protocol<Void>> protocols = new ArrayList<>();
		for (String name : List.of("one", "two")) {
			List<Reason> reasons = new CopyOnWriteArrayList<>();
			seen.put(name, reasons);
			protocols.add(Protocol.of(name, (conn, reason, session, in) -> {
				reasons.add(reason);
				return CallbackResult.CONTINUE;
			}));
		}
		Context context = Context.create(ContextInfo.builder()
			.address("127.0.0.1")
			.port(0)
			.protocols(protocols)
			.build());
		try {
			for (int i = 0; i < 100; i++) {
				context.wakeUp();
			}
			assertThat(context.service(0)).isTrue();
			for (String name : seen.keySet()) {
				assertThat(seen.get(name)).as(name).containsExactly(Reason.PROTOCOL_INIT, Reason.EVENT_WAIT_CANCELLED);
			}
			assertThat(context.service(0)).isTrue();
			for (String name : seen.keySet()) {
				assertThat(seen.get(name)).as(name + " after a quiet turn")
					.containsExactly(Reason.PROTOCOL_INIT, Reason.EVENT_WAIT_CANCELLED);
			}

			// now the test thread owns the loop: wake it 100 times from another thread
			Thread waker = new Thread(() -> {
				for (int i = 0; i < 100; i++) {
					context.wakeUp();
				}
			}, "waker");
			waker.start();
			waker.join(5000);
			assertThat(waker.isAlive()).isFalse();
			assertThat(context.service(0)).isTrue();
			assertThat(context.service(0)).isTrue();
			for (String name : seen.keySet()) {
				assertThat(seen.get(name)).as(name + " after the foreign wake-ups")
					.containsExactly(Reason.PROTOCOL_INIT, Reason.EVENT_WAIT_CANCELLED,
							Reason.EVENT_WAIT_CANCELLED);
			}
		}
		finally {
			stopUnstarted(context);
		}
		for (String name : seen.keySet()) {
			assertThat(seen.get(name)).as(name).endsWith(Reason.PROTOCOL_DESTROY);
		}
	}

	@Test
	void executeOnRunsTheTaskOnTheServiceThreadOnlyWhileTheConnectionLives() throws Exception {
		Quiet quiet = new Quiet("on");
		try (ServerFixture server = ServerFixture.of(FAST_CLOSE, quiet.protocol)) {
			long id;
			try (RawClient client = RawClient.upgraded(server.port(), "/", "on")) {
				await().atMost(Duration.ofSeconds(5)).until(() -> quiet.established.size() == 1);
				id = quiet.established.get(0).id();
				AtomicReference<String> threadName = new AtomicReference<>();
				AtomicReference<Long> seenId = new AtomicReference<>();
				assertThat(server.context.executeOn(id, (c) -> {
					threadName.set(Thread.currentThread().getName());
					seenId.set(c.id());
				}).get(5, TimeUnit.SECONDS)).isTrue();
				assertThat(threadName.get()).isEqualTo("jlws-service");
				assertThat(seenId.get()).isEqualTo(id);

				AtomicInteger ranForUnknown = new AtomicInteger();
				assertThat(server.context.executeOn(id + 1000, (c) -> ranForUnknown.incrementAndGet())
					.get(5, TimeUnit.SECONDS)).isFalse();
				assertThat(ranForUnknown).hasValue(0);

				client.sendClose(1000, "bye");
				assertThat(client.read().opcode()).isEqualTo(8);
				assertThat(client.awaitEof()).isTrue();
			}
			await().atMost(Duration.ofSeconds(5)).until(() -> quiet.closed.contains(id));
			AtomicInteger ranAfterClose = new AtomicInteger();
			assertThat(server.context.executeOn(id, (c) -> ranAfterClose.incrementAndGet()).get(5, TimeUnit.SECONDS))
				.isFalse();
			assertThat(ranAfterClose).hasValue(0);
		}
	}

	@Test
	void executeOnCompletesExceptionallyWithWhatTheTaskThrew() throws Exception {
		Quiet quiet = new Quiet("throws");
		try (ServerFixture server = ServerFixture.of(FAST_CLOSE, quiet.protocol);
				RawClient client = RawClient.upgraded(server.port(), "/", "throws")) {
			await().atMost(Duration.ofSeconds(5)).until(() -> quiet.established.size() == 1);
			long id = quiet.established.get(0).id();
			assertThatThrownBy(() -> server.context.executeOn(id, (c) -> {
				throw new IllegalArgumentException("boom");
			}).get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalArgumentException.class)
				.hasRootCauseMessage("boom");
			// the loop survived
			assertThat(server.context.executeOn(id, (c) -> {
			}).get(5, TimeUnit.SECONDS)).isTrue();
		}
	}

	@Test
	void connectionMethodsCalledFromAForeignThreadThrowNamingTheRule() throws Exception {
		Quiet quiet = new Quiet("strict");
		try (ServerFixture server = ServerFixture.of(FAST_CLOSE, quiet.protocol);
				RawClient client = RawClient.upgraded(server.port(), "/", "strict")) {
			await().atMost(Duration.ofSeconds(5)).until(() -> quiet.established.size() == 1);
			Connection conn = quiet.established.get(0);
			Map<String, ThrowingCallable> calls = new LinkedHashMap<>();
			calls.put("requestWritable", conn::requestWritable);
			calls.put("write", () -> conn.write(ByteBuffer.wrap(new byte[] { 'x' }), WriteType.TEXT));
			calls.put("header", () -> conn.header("Host"));
			calls.put("headers", conn::headers);
			calls.put("path", conn::path);
			calls.put("rxFlowControl", () -> conn.rxFlowControl(false));
			calls.put("setTimer", () -> conn.setTimer(Duration.ofSeconds(1)));
			calls.put("setTimeout", () -> conn.setTimeout(Duration.ofSeconds(1)));
			calls.put("Context.requestWritableAll", () -> server.context.requestWritableAll(quiet.protocol));
			calls.put("Protocol.requestWritableAll", quiet.protocol::requestWritableAll);
			calls.forEach((name, call) -> assertThatThrownBy(call).as(name)
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("may only be used on the service thread")
				.hasMessageContaining("Context.execute, executeOn, broadcastForeign or wakeUp"));
			// the connection is unharmed: it still answers a ping
			client.send(true, 9, "p".getBytes());
			RawClient.Frame pong = client.read();
			assertThat(pong.opcode()).isEqualTo(10);
			assertThat(pong.text()).isEqualTo("p");
		}
	}

	/**
	 * Connection's javadoc: "every method except id() must be called on the context's service thread [...] Calling
	 * from another thread throws IllegalStateException."
	 */
	@Test
	void everyConnectionMethodExceptIdRefusesAForeignThread() throws Exception {
		Quiet quiet = new Quiet("strict2");
		try (ServerFixture server = ServerFixture.of(FAST_CLOSE, quiet.protocol);
				RawClient client = RawClient.upgraded(server.port(), "/", "strict2")) {
			await().atMost(Duration.ofSeconds(5)).until(() -> quiet.established.size() == 1);
			Connection conn = quiet.established.get(0);
			Map<String, ThrowingCallable> calls = new LinkedHashMap<>();
			calls.put("setCloseReason", () -> conn.setCloseReason(4000, "from a foreign thread"));
			calls.put("isOpen", conn::isOpen);
			calls.put("pendingBytes", conn::pendingBytes);
			calls.put("closeStatus", conn::closeStatus);
			calls.put("closeReason", conn::closeReason);
			calls.put("isFinalFragment", conn::isFinalFragment);
			calls.put("isFirstFragment", conn::isFirstFragment);
			calls.put("remainingPacketPayload", conn::remainingPacketPayload);
			calls.put("frameIsBinary", conn::frameIsBinary);
			calls.put("negotiatedSubprotocol", conn::negotiatedSubprotocol);
			calls.put("remoteAddress", conn::remoteAddress);
			calls.put("sessionData", conn::sessionData);
			calls.put("protocol", conn::protocol);
			calls.put("context", conn::context);
			List<String> allowed = new ArrayList<>();
			calls.forEach((name, call) -> {
				Throwable thrown = catchThrowable(call);
				if (!(thrown instanceof IllegalStateException)) {
					allowed.add(name + "()");
				}
			});
			assertThat(allowed).as("Connection methods that did not throw IllegalStateException when called from "
					+ "thread '%s'", Thread.currentThread().getName()).isEmpty();
		}
	}

	/**
	 * Context's javadoc: "Work the queue accepted is always run, even when the context stops meanwhile." Producers
	 * keep offering while another thread stops the context; every offer that returned true must have run.
	 */
	@Test
	void everyTaskAcceptedWhileTheContextStopsConcurrentlyRuns() throws Exception {
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2500);
		List<String> lost = new ArrayList<>();
		int rounds = 0;
		while (rounds < 150 && System.nanoTime() - deadline < 0) {
			rounds++;
			Context context = Context.create(ContextInfo.builder()
				.address("127.0.0.1")
				.port(0)
				.limits(FAST_CLOSE)
				.logLevel(0)
				.build());
			context.start();
			AtomicLong accepted = new AtomicLong();
			AtomicLong ran = new AtomicLong();
			AtomicBoolean stopped = new AtomicBoolean();
			List<Thread> producers = new ArrayList<>();
			for (int t = 0; t < 4; t++) {
				Thread p = new Thread(() -> {
					while (!stopped.get()) {
						if (context.execute(ran::incrementAndGet)) {
							accepted.incrementAndGet();
						}
					}
				}, "producer-" + t);
				p.start();
				producers.add(p);
			}
			try {
				await().atMost(Duration.ofSeconds(5))
					.pollDelay(Duration.ZERO)
					.pollInterval(Duration.ofMillis(1))
					.until(() -> accepted.get() >= 1000);
				context.stop(Duration.ZERO);
			}
			finally {
				stopped.set(true);
				for (Thread p : producers) {
					p.join(5000);
				}
				context.stop(Duration.ZERO);
			}
			assertThat(context.isRunning()).isFalse();
			if (ran.get() != accepted.get()) {
				lost.add("round " + rounds + ": accepted " + accepted.get() + ", ran " + ran.get());
			}
		}
		assertThat(lost).as("rounds (of %d) in which an accepted task never ran", rounds).isEmpty();
	}

	@Test
	void tasksAcceptedBeforeStopStillRunAndLaterOffersAreRefused() throws Exception {
		Quiet quiet = new Quiet("stopping");
		ServerFixture server = ServerFixture.of(FAST_CLOSE, quiet.protocol);
		CountDownLatch gate = new CountDownLatch(1);
		CountDownLatch gateEntered = new CountDownLatch(1);
		List<Integer> ran = new ArrayList<>(); // service thread only; read after stop() joined it
		ConcurrentLinkedQueue<String> threads = new ConcurrentLinkedQueue<>();
		Thread stopper = null;
		try {
			// hold the service thread so everything below stays queued
			assertThat(server.context.execute(() -> {
				gateEntered.countDown();
				try {
					gate.await(5, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			})).isTrue();
			assertThat(gateEntered.await(5, TimeUnit.SECONDS)).isTrue();
			int tasks = 1000;
			for (int i = 0; i < tasks; i++) {
				int n = i;
				assertThat(server.context.execute(() -> {
					ran.add(n);
					threads.add(Thread.currentThread().getName());
				})).as("offer %d", i).isTrue();
			}
			stopper = new Thread(server::close, "stopper");
			stopper.start();
			Thread s = stopper;
			// stop() has asked the loop to stop once it waits for the service thread
			await().atMost(Duration.ofSeconds(5)).until(() -> s.getState() == Thread.State.TIMED_WAITING);
			gate.countDown();
			stopper.join(10_000);
			assertThat(stopper.isAlive()).isFalse();

			assertThat(server.context.isRunning()).isFalse();
			assertThat(ran).hasSize(tasks);
			for (int i = 0; i < tasks; i++) {
				assertThat(ran.get(i)).isEqualTo(i);
			}
			assertThat(new HashSet<>(threads)).containsExactly("jlws-service");

			AtomicInteger late = new AtomicInteger();
			assertThat(server.context.execute(late::incrementAndGet)).as("execute after stop").isFalse();
			assertThat(server.context.broadcastForeign("stopping", ByteBuffer.allocate(1), WriteType.TEXT))
				.as("broadcastForeign after stop").isFalse();
			assertThat(server.context.executeOn(1, (c) -> late.incrementAndGet()).get(1, TimeUnit.SECONDS))
				.as("executeOn after stop").isFalse();
			assertThat(late).hasValue(0);
		}
		finally {
			gate.countDown();
			server.close();
			if (stopper != null) {
				stopper.join(10_000);
			}
		}
	}

}
