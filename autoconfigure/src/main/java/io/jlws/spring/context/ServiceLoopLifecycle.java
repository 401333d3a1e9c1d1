package io.jlws.spring.context;

import java.time.Duration;

import io.jlws.Context;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;

/**
 * Runs a {@link Context}'s service loop with the application context: {@link #start()} starts the core's
 * non-daemon service thread (which keeps the JVM alive, as a server should) and publishes a
 * {@link JlwsServerInitializedEvent}; {@link #stop(Runnable)} closes every WebSocket with 1001 and waits at most
 * the shutdown timeout for the peers, on a thread of its own so that other lifecycles stop meanwhile.
 * <p>
 * Its phase is {@value #DEFAULT_PHASE}: it starts after nearly every other lifecycle bean, so handlers find their
 * collaborators running, and stops before them.
 */
public class ServiceLoopLifecycle implements SmartLifecycle, DisposableBean {

	/** The default phase, {@code Integer.MAX_VALUE - 1}. */
	public static final int DEFAULT_PHASE = Integer.MAX_VALUE - 1;

	private final Context context;

	private final ApplicationEventPublisher publisher;

	private final Duration shutdownTimeout;

	private volatile boolean started;

	private volatile boolean running;

	/**
	 * Creates the lifecycle.
	 * @param context the context to run
	 * @param publisher where to publish {@link JlwsServerInitializedEvent}
	 * @param shutdownTimeout the longest a stop waits for connections to close (Boot's
	 * {@code spring.lifecycle.timeout-per-shutdown-phase}); connections still open then are dropped
	 */
	public ServiceLoopLifecycle(Context context, ApplicationEventPublisher publisher, Duration shutdownTimeout) {
		Assert.notNull(context, "'context' must not be null");
		Assert.notNull(publisher, "'publisher' must not be null");
		Assert.isTrue(shutdownTimeout != null && !shutdownTimeout.isNegative(),
				"'shutdownTimeout' must not be null or negative");
		this.context = context;
		this.publisher = publisher;
		this.shutdownTimeout = shutdownTimeout;
	}

	@Override
	public void start() {
		synchronized (this) {
			if (this.started) {
				if (!this.context.isRunning()) {
					// a jlws Context is not restartable: its listener and connections are gone
					throw new IllegalStateException("The jlws context was stopped and cannot be started again; "
							+ "restart the application context instead");
				}
				return;
			}
			this.started = true;
			this.context.start();
			this.running = true;
		}
		this.publisher.publishEvent(new JlwsServerInitializedEvent(this.context));
	}

	@Override
	public void stop() {
		this.running = false;
		this.context.stop(this.shutdownTimeout);
	}

	@Override
	public void stop(Runnable callback) {
		this.running = false;
		Thread stopper = new Thread(() -> {
			try {
				this.context.stop(this.shutdownTimeout);
			}
			finally {
				callback.run();
			}
		}, "jlws-shutdown");
		stopper.setDaemon(true);
		stopper.start();
	}

	@Override
	public boolean isRunning() {
		return this.running && this.context.isRunning();
	}

	@Override
	public int getPhase() {
		return DEFAULT_PHASE;
	}

	/**
	 * Not pauseable: pausing (Spring's test context cache does it when switching contexts) would stop the loop for
	 * good, because a jlws context cannot be restarted. The server keeps running while its context is cached.
	 */
	@Override
	public boolean isPauseable() {
		return false;
	}

	/** The context this lifecycle runs. */
	public Context getContext() {
		return this.context;
	}

	/** The longest a stop waits for connections to close. */
	public Duration getShutdownTimeout() {
		return this.shutdownTimeout;
	}

	/**
	 * Releases a context that was never started (a failed refresh): without a service thread, the listener is
	 * closed by one loop turn on this thread. A started context was stopped by {@link #stop(Runnable)}; stopping it
	 * again is harmless.
	 */
	@Override
	public void destroy() {
		if (this.started) {
			this.context.stop(this.shutdownTimeout);
			return;
		}
		synchronized (this) {
			this.started = true;
		}
		this.context.stop(Duration.ZERO);
		if (this.context.isRunning()) {
			this.context.service(0);
		}
	}

}
