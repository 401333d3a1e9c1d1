package io.jlws.sample.client;

import java.net.URI;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.jlws.ClientConnectInfo;
import io.jlws.sample.SampleMode;
import io.jlws.spring.client.JlwsClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * libwebsockets' test client ({@code test-client.c}): connects {@code dumb-increment-protocol} and
 * {@code lws-mirror-protocol} ({@link DumbIncrementClient}, {@link MirrorClient}) to {@code sample.client} and
 * reconnects a protocol {@link #RECONNECT_DELAY} after its connection dropped or failed.
 * <p>
 * A {@code wss://} server is reached over TLS, trusting what {@code jlws.client.ssl-ca-filepath} or
 * {@code jlws.client.ssl-bundle} say (the JDK's CAs by default); {@code sample.allow-self-signed=true} accepts any
 * certificate instead, like lws' test client with {@code --ssl} (its {@code -s}): development only.
 * <p>
 * With {@code sample.once=true} it is a check instead, with a meaningful exit code (lws' own client always exits
 * 0): exit code 0 as soon as both protocols are established, {@link #ONCE_NUMBERS} numbers have arrived and one of
 * its own mirror messages came back; 1 on any connection error, any close, or when that has not happened within
 * {@link #ONCE_DEADLINE}. It prints {@code once: OK ...} or {@code once: FAILED: reason}.
 * <p>
 * Threading: the protocol beans report here on the service thread; connects, reconnects and the deadline run on a
 * scheduler thread of this bean's own; {@code main} waits on {@link #awaitExitCode()}. As a lifecycle in the last
 * phase it starts after the jlws service loop and stops before it, so connections closed by the shutdown are not
 * reconnected.
 */
@Component
@ConditionalOnProperty(SampleMode.CLIENT)
public class TestClient implements SmartLifecycle, ClientRun {

	static final String DUMB_INCREMENT = "dumb-increment-protocol";

	static final String MIRROR = "lws-mirror-protocol";

	static final Duration RECONNECT_DELAY = Duration.ofSeconds(1);

	static final Duration ONCE_DEADLINE = Duration.ofSeconds(10);

	static final int ONCE_NUMBERS = 10;

	private static final Logger logger = LoggerFactory.getLogger(TestClient.class);

	private final JlwsClient client;

	private final URI server;

	private final boolean once;

	private final boolean allowSelfSigned;

	private final CompletableFuture<Integer> outcome = new CompletableFuture<>();

	private final Set<String> established = ConcurrentHashMap.newKeySet();

	private volatile int numbers;

	private volatile boolean mirrorEchoed;

	private volatile ScheduledExecutorService scheduler;

	private volatile boolean running;

	private long startNanos;

	/**
	 * Creates the client.
	 * @param client opens the connections
	 * @param server the test server, {@code ws://HOST:PORT/}
	 * @param once whether to check once and exit instead of running until stopped
	 * @param allowSelfSigned whether a {@code wss://} server's certificate is accepted unchecked
	 * @throws IllegalArgumentException when {@code server} is not a {@code ws://} or {@code wss://} URI
	 */
	public TestClient(JlwsClient client, @Value("${" + SampleMode.CLIENT + "}") URI server,
			@Value("${sample.once:false}") boolean once,
			@Value("${sample.allow-self-signed:false}") boolean allowSelfSigned) {
		ClientConnectInfo.of(server);
		this.client = client;
		this.server = server;
		this.once = once;
		this.allowSelfSigned = allowSelfSigned;
	}

	@Override
	public void start() {
		this.startNanos = System.nanoTime();
		this.scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "sample-client");
			thread.setDaemon(true);
			return thread;
		});
		this.running = true;
		connect(DUMB_INCREMENT);
		connect(MIRROR);
		if (this.once) {
			this.scheduler.schedule(() -> fail("not done within " + ONCE_DEADLINE.toSeconds() + " s (" + progress()
					+ ")"), ONCE_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	@Override
	public void stop() {
		this.running = false;
		ScheduledExecutorService s = this.scheduler;
		if (s != null) {
			s.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** After the jlws service loop ({@code ServiceLoopLifecycle.DEFAULT_PHASE}). */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE;
	}

	@Override
	public OptionalInt awaitExitCode() throws InterruptedException {
		if (!this.once) {
			return OptionalInt.empty();
		}
		try {
			// the deadline task ends the run; the margin only guards against a scheduler that never ran it
			return OptionalInt.of(this.outcome.get(ONCE_DEADLINE.toSeconds() + 5, TimeUnit.SECONDS));
		}
		catch (ExecutionException | TimeoutException ex) {
			fail("no outcome: " + ex);
			return OptionalInt.of(1);
		}
	}

	private void connect(String protocol) {
		if (!this.running) {
			return;
		}
		try {
			// ClientConnectInfo.of: TLS for wss://
			this.client.connect(ClientConnectInfo.of(this.server)
				.subprotocols(protocol)
				.protocol(protocol)
				.allowSelfSigned(this.allowSelfSigned)
				.build());
			logger.info("{}: connecting to {}", protocol, this.server);
		}
		catch (RejectedExecutionException ex) {
			// the context is stopping
			fail(protocol + ": cannot connect: " + ex.getMessage());
		}
	}

	private void reconnectLater(String protocol) {
		if (!this.running) {
			return;
		}
		logger.info("{}: reconnecting in {} ms", protocol, RECONNECT_DELAY.toMillis());
		try {
			this.scheduler.schedule(() -> connect(protocol), RECONNECT_DELAY.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			// stopped meanwhile
		}
	}

	// ---- reported by the protocol beans, on the service thread ----------------------------------------

	void established(String protocol) {
		logger.info("{}: established", protocol);
		this.established.add(protocol);
		check();
	}

	/** A dumb-increment message: printed as {@code dumb-increment: N}, as lws' test client does. */
	void number(String text) {
		System.out.println("dumb-increment: " + text);
		this.numbers++;
		check();
	}

	void mirrorEchoed() {
		if (!this.mirrorEchoed) {
			this.mirrorEchoed = true;
			check();
		}
	}

	void closed(String protocol, int status, String reason) {
		this.established.remove(protocol);
		if (!this.running) {
			return;
		}
		String why = protocol + ": closed " + status + (reason.isEmpty() ? "" : " " + reason);
		if (this.once) {
			fail(why);
			return;
		}
		logger.warn(why);
		reconnectLater(protocol);
	}

	void connectionError(String protocol, String reason) {
		if (!this.running) {
			return;
		}
		String why = protocol + ": connection failed: " + reason;
		if (this.once) {
			fail(why);
			return;
		}
		logger.warn(why);
		reconnectLater(protocol);
	}

	private void check() {
		if (this.once && this.established.size() == 2 && this.numbers >= ONCE_NUMBERS && this.mirrorEchoed
				&& this.outcome.complete(0)) {
			System.out.println("once: OK: " + progress() + " after "
					+ TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - this.startNanos) + " ms");
		}
	}

	private void fail(String reason) {
		if (this.once && this.outcome.complete(1)) {
			System.out.println("once: FAILED: " + reason);
		}
		else if (!this.once) {
			logger.error(reason);
		}
	}

	private String progress() {
		return "established " + this.established + ", " + this.numbers + " numbers, own mirror message "
				+ (this.mirrorEchoed ? "" : "not ") + "back";
	}

}
