package io.jlws.spring.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.jlws.Context;
import io.jlws.ContextStats;
import io.jlws.Protocol;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.util.Assert;

/**
 * Micrometer meters for a jlws {@link Context}, read from its {@link ContextStats} snapshot (refreshed every
 * 100 ms by the service loop, so reading never touches the loop):
 * <ul>
 * <li>{@code jlws.connections} (gauge) per {@code protocol} tag: established WebSockets of each protocol, plus
 * {@code protocol=none} for connections not bound to one yet (handshaking, plain HTTP); the series add up to
 * every open connection;</li>
 * <li>{@code jlws.connections.max} (gauge): the effective connection limit;</li>
 * <li>{@code jlws.messages} and {@code jlws.bytes} (function counters) with {@code direction=in|out};</li>
 * <li>{@code jlws.connections.rejected} (function counter): refused or timed-out upgrade requests;</li>
 * <li>{@code jlws.accept.pauses} (function counter): times the listener paused at the connection limit;</li>
 * <li>{@code jlws.connections.limit.reached} (gauge, 1 or 0): whether the server is full right now;</li>
 * <li>{@code jlws.connections.shed} (function counter): clients answered 503 after waiting in a full server's
 * backlog for the handshake timeout;</li>
 * <li>{@code jlws.loop.lag} (time gauge, measured in milliseconds): how late the last loop turn was;</li>
 * <li>{@code jlws.protocol.errors} (function counter): connections closed with 1002, 1007 or 1009.</li>
 * </ul>
 */
public class JlwsMeterBinder implements MeterBinder {

	/** The {@code protocol} tag value for connections bound to no protocol. */
	public static final String NO_PROTOCOL = "none";

	private final Context context;

	private final Iterable<Tag> tags;

	/**
	 * Creates a binder with no extra tags.
	 * @param context the context to measure
	 */
	public JlwsMeterBinder(Context context) {
		this(context, Tags.empty());
	}

	/**
	 * Creates a binder.
	 * @param context the context to measure
	 * @param tags tags added to every meter
	 */
	public JlwsMeterBinder(Context context, Iterable<Tag> tags) {
		Assert.notNull(context, "'context' must not be null");
		Assert.notNull(tags, "'tags' must not be null");
		this.context = context;
		this.tags = tags;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Context ctx = this.context;
		List<String> protocols = new ArrayList<>();
		for (Protocol<?> protocol : ctx.info().protocols()) {
			protocols.add(protocol.name());
		}
		for (String name : protocols) {
			Gauge.builder("jlws.connections", ctx, (c) -> c.stats().perProtocol().getOrDefault(name, 0))
				.tags(this.tags)
				.tag("protocol", name)
				.description("Established WebSocket connections of the protocol")
				.baseUnit(BaseUnits.CONNECTIONS)
				.register(registry);
		}
		Gauge.builder("jlws.connections", ctx, JlwsMeterBinder::unboundConnections)
			.tags(this.tags)
			.tag("protocol", NO_PROTOCOL)
			.description("Open connections not bound to a protocol (handshaking or plain HTTP)")
			.baseUnit(BaseUnits.CONNECTIONS)
			.register(registry);
		Gauge.builder("jlws.connections.max", ctx, (c) -> c.stats().maxConnections())
			.tags(this.tags)
			.description("Effective connection limit")
			.baseUnit(BaseUnits.CONNECTIONS)
			.register(registry);
		counter(registry, "jlws.messages", "in", "Complete messages received", BaseUnits.MESSAGES,
				(c) -> c.stats().messagesIn());
		counter(registry, "jlws.messages", "out", "Messages sent", BaseUnits.MESSAGES,
				(c) -> c.stats().messagesOut());
		counter(registry, "jlws.bytes", "in", "Bytes read from sockets", BaseUnits.BYTES, (c) -> c.stats().bytesIn());
		counter(registry, "jlws.bytes", "out", "Bytes written to sockets", BaseUnits.BYTES,
				(c) -> c.stats().bytesOut());
		FunctionCounter.builder("jlws.connections.rejected", ctx, (c) -> c.stats().rejectedHandshakes())
			.tags(this.tags)
			.description("Upgrade requests refused (4xx) or timed out")
			.baseUnit(BaseUnits.CONNECTIONS)
			.register(registry);
		FunctionCounter.builder("jlws.accept.pauses", ctx, (c) -> c.stats().acceptPauses())
			.tags(this.tags)
			.description("Times the listener stopped accepting at the connection limit")
			.register(registry);
		Gauge.builder("jlws.connections.limit.reached", ctx, (c) -> c.stats().atConnectionLimit() ? 1 : 0)
			.tags(this.tags)
			.description("1 while the listener is paused at the connection limit (the server is full)")
			.register(registry);
		FunctionCounter.builder("jlws.connections.shed", ctx, (c) -> c.stats().shedConnections())
			.tags(this.tags)
			.description("Clients answered 503 after waiting in a full server's backlog for the handshake timeout")
			.baseUnit(BaseUnits.CONNECTIONS)
			.register(registry);
		TimeGauge.builder("jlws.loop.lag", ctx, TimeUnit.MILLISECONDS, (c) -> c.stats().loopLagMillis())
			.tags(this.tags)
			.description("How late the last service loop turn was compared to its planned wake-up")
			.register(registry);
		FunctionCounter.builder("jlws.protocol.errors", ctx, (c) -> c.stats().protocolErrors())
			.tags(this.tags)
			.description("Connections closed for a protocol violation (1002, 1007, 1009)")
			.baseUnit(BaseUnits.CONNECTIONS)
			.register(registry);
	}

	private void counter(MeterRegistry registry, String name, String direction, String description, String unit,
			java.util.function.ToDoubleFunction<Context> value) {
		FunctionCounter.builder(name, this.context, value)
			.tags(this.tags)
			.tag("direction", direction)
			.description(description)
			.baseUnit(unit)
			.register(registry);
	}

	private static double unboundConnections(Context context) {
		ContextStats stats = context.stats();
		int established = 0;
		for (int n : stats.perProtocol().values()) {
			established += n;
		}
		return Math.max(0, stats.connections() - established);
	}

}
