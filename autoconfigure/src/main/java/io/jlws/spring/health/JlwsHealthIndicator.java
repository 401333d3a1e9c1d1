package io.jlws.spring.health;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.jlws.Context;
import io.jlws.ContextStats;
import io.jlws.tls.TlsContext;
import io.jlws.tls.TlsSettings;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.util.Assert;

/**
 * Health of a jlws {@link Context}: UP while its service loop runs and has turned recently, DOWN otherwise. The
 * loop republishes its {@link ContextStats} every 100 ms, so a snapshot older than the staleness threshold means the
 * service thread is stuck in a callback or dead.
 * <p>
 * Details: {@code port}, {@code connections}, {@code maxConnections}, {@code perProtocol}, {@code loopLagMillis},
 * {@code lastTurnMillisAgo}, {@code acceptPauses}, {@code atConnectionLimit} (the server is full: UP still, since
 * the open connections are served, but a readiness check may want to look), {@code shedConnections},
 * {@code rejectedHandshakes} and {@code protocolErrors}; and
 * {@code tls} (whether the listener speaks TLS), with TLS on also {@code tlsProtocols} (newest first),
 * {@code tlsCipherSuites} (how many are enabled) and {@code tlsClientAuth}. The TLS details are worked out once, when
 * the indicator is created, from the context's {@link TlsSettings}, resolved the same way the context did.
 */
public class JlwsHealthIndicator extends AbstractHealthIndicator {

	/** The default staleness threshold. */
	public static final Duration DEFAULT_MAX_TURN_AGE = Duration.ofSeconds(5);

	private final Context context;

	private final long maxTurnAgeNanos;

	private final Map<String, Object> tlsDetails;

	/**
	 * Creates an indicator with the {@linkplain #DEFAULT_MAX_TURN_AGE default threshold}.
	 * @param context the context to watch
	 */
	public JlwsHealthIndicator(Context context) {
		this(context, DEFAULT_MAX_TURN_AGE);
	}

	/**
	 * Creates an indicator.
	 * @param context the context to watch
	 * @param maxTurnAge how long ago the last loop turn may be for the loop to count as alive
	 */
	public JlwsHealthIndicator(Context context, Duration maxTurnAge) {
		super("jlws health check failed");
		Assert.notNull(context, "'context' must not be null");
		Assert.isTrue(maxTurnAge != null && !maxTurnAge.isNegative() && !maxTurnAge.isZero(),
				"'maxTurnAge' must be positive");
		this.context = context;
		this.maxTurnAgeNanos = maxTurnAge.toNanos();
		this.tlsDetails = tlsDetails(context.info().tls());
	}

	private static Map<String, Object> tlsDetails(TlsSettings settings) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("tls", settings != null);
		if (settings != null) {
			try {
				TlsContext tls = settings.createServerContext();
				details.put("tlsProtocols", List.copyOf(tls.protocols()));
				details.put("tlsCipherSuites", tls.cipherSuites().size());
				details.put("tlsClientAuth", settings.clientAuth().name().toLowerCase(Locale.ROOT));
			}
			catch (RuntimeException ex) {
				// the context was created from these settings, so only a file changed since can get here
				details.put("tlsProtocols", "unknown: " + ex.getMessage());
			}
		}
		return Collections.unmodifiableMap(details);
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		ContextStats stats = this.context.stats();
		long turnAgeNanos = System.nanoTime() - stats.lastTurnNanos();
		boolean alive = stats.running() && this.context.isRunning() && turnAgeNanos < this.maxTurnAgeNanos;
		if (alive) {
			builder.up();
		}
		else {
			builder.down();
		}
		builder.withDetail("port", stats.port())
			.withDetail("connections", stats.connections())
			.withDetail("maxConnections", stats.maxConnections())
			.withDetail("perProtocol", stats.perProtocol())
			.withDetail("loopLagMillis", stats.loopLagMillis())
			.withDetail("lastTurnMillisAgo", TimeUnit.NANOSECONDS.toMillis(turnAgeNanos))
			.withDetail("acceptPauses", stats.acceptPauses())
			.withDetail("atConnectionLimit", stats.atConnectionLimit())
			.withDetail("shedConnections", stats.shedConnections())
			.withDetail("rejectedHandshakes", stats.rejectedHandshakes())
			.withDetail("protocolErrors", stats.protocolErrors())
			.withDetails(this.tlsDetails);
	}

}
