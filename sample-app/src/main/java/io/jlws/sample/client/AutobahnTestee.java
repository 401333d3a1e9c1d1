package io.jlws.sample.client;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.jlws.ClientConnectInfo;
import io.jlws.sample.SampleMode;
import io.jlws.sample.client.AutobahnProtocol.Step;
import io.jlws.spring.client.JlwsClient;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The Autobahn TestSuite's client testee protocol against a fuzzing server ({@code sample.autobahn}), one
 * connection after another, as the suite's own testees do: {@code /getCaseCount} (a text message with the count),
 * {@code /runCase?case=N&agent=NAME} for every case with the echoing {@link AutobahnProtocol}, then
 * {@code /updateReports?agent=NAME}. Exit code 0 when done, 1 when a connection could not be made or the count was
 * not a number. How each case went is for the suite's report to say, not the exit code.
 * <p>
 * Threading: runs on a daemon thread of its own, which waits for each connection to end ({@link #STEP_TIMEOUT} at
 * most, so {@link #awaitExitCode()} returns); the connections live on the service thread.
 */
@Component
@ConditionalOnProperty(SampleMode.AUTOBAHN)
public class AutobahnTestee implements SmartLifecycle, ClientRun {

	/** The longest one connection may take; the 9.x performance cases with 16 MiB messages take seconds. */
	static final Duration STEP_TIMEOUT = Duration.ofMinutes(2);

	private final JlwsClient client;

	private final ClientConnectInfo server;

	private final String basePath;

	private final String agent;

	private final CompletableFuture<Integer> outcome = new CompletableFuture<>();

	private volatile Thread runner;

	/**
	 * Creates the testee.
	 * @param client opens the connections
	 * @param server the fuzzing server, {@code ws://HOST:PORT/}
	 * @param agent the name the reports list this testee under
	 * @throws IllegalArgumentException when {@code server} is not a {@code ws://} or {@code wss://} URI
	 */
	public AutobahnTestee(JlwsClient client, @Value("${" + SampleMode.AUTOBAHN + "}") URI server,
			@Value("${sample.agent:jlws}") String agent) {
		this.client = client;
		this.server = ClientConnectInfo.of(server).build();
		String path = this.server.path();
		int query = path.indexOf('?');
		path = (query < 0) ? path : path.substring(0, query);
		this.basePath = path.endsWith("/") ? path : path + "/";
		this.agent = URLEncoder.encode(agent, StandardCharsets.UTF_8);
	}

	@Override
	public void start() {
		Thread thread = new Thread(this::run, "autobahn-testee");
		thread.setDaemon(true);
		this.runner = thread;
		thread.start();
	}

	@Override
	public void stop() {
		Thread thread = this.runner;
		this.runner = null;
		if (thread != null) {
			thread.interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.runner != null;
	}

	/** After the jlws service loop ({@code ServiceLoopLifecycle.DEFAULT_PHASE}). */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE;
	}

	@Override
	public OptionalInt awaitExitCode() throws InterruptedException {
		try {
			return OptionalInt.of(this.outcome.get());
		}
		catch (ExecutionException ex) {
			return OptionalInt.of(1);
		}
	}

	private void run() {
		try {
			Step count = step("getCaseCount", false);
			int cases = parseCount(count.text);
			System.out.println("autobahn: " + cases + " cases");
			for (int n = 1; n <= cases; n++) {
				Step run = step("runCase?case=" + n + "&agent=" + this.agent, true);
				System.out.println("autobahn: case " + n + "/" + cases + " closed " + run.done.join()
						+ (run.closeReason.isEmpty() ? "" : " " + run.closeReason));
			}
			step("updateReports?agent=" + this.agent, false);
			System.out.println("autobahn: OK: " + cases + " cases run, reports updated");
			this.outcome.complete(0);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			fail("interrupted");
		}
		catch (TimeoutException ex) {
			fail("a connection took longer than " + STEP_TIMEOUT.toSeconds() + " s");
		}
		catch (RuntimeException ex) {
			fail(ex.getMessage());
		}
	}

	/**
	 * Connects to {@code path} (relative to the server URI's path) and waits for the connection to end.
	 * @throws IllegalStateException when the connection could not be made
	 */
	private Step step(String path, boolean echo) throws InterruptedException, TimeoutException {
		Step step = new Step(echo);
		this.client.connect(ClientConnectInfo.builder(this.server.host(), this.server.port())
			.tls(this.server.tls())
			.path(this.basePath + path)
			.protocol(AutobahnProtocol.NAME)
			.sessionData(step)
			.build());
		try {
			step.done.get(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("/" + path + ": " + ex.getCause().getMessage(), ex.getCause());
		}
		return step;
	}

	private static int parseCount(String text) {
		try {
			return Integer.parseInt((text != null) ? text.trim() : "");
		}
		catch (NumberFormatException ex) {
			throw new IllegalStateException("/getCaseCount sent no case count but " + text);
		}
	}

	private void fail(String reason) {
		if (this.outcome.complete(1)) {
			System.out.println("autobahn: FAILED: " + reason);
		}
	}

}
