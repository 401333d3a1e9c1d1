package io.jlws.autoconfigure;

import java.time.Duration;
import java.util.List;

import io.jlws.ContextInfo;
import io.jlws.KeepAlive;
import io.jlws.Limits;
import io.jlws.LogLevel;
import io.jlws.OriginPolicy;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;

/**
 * Applies {@link JlwsProperties} to a {@link ContextInfo.Builder}: address, port, TCP keepalive, log level,
 * allowed origins, service thread name, {@link Limits}, and TLS for the listener ({@code jlws.ssl-*}, possibly
 * from a Spring Boot SSL bundle) and for {@code wss://} clients ({@code jlws.client.ssl-*}). Every value is checked
 * first, so a bad one fails startup with an {@link InvalidJlwsPropertyException} naming the property rather than a
 * core message naming a builder method; TLS settings are proven by building their TLS context once.
 */
public class PropertiesContextCustomizer implements JlwsContextCustomizer {

	private static final String PREFIX = "jlws.";

	private static final String LIMITS = "jlws.limits.";

	private final JlwsProperties properties;

	private final @Nullable SslBundles sslBundles;

	/**
	 * Creates the customizer, without SSL bundles.
	 * @param properties the bound properties
	 */
	public PropertiesContextCustomizer(JlwsProperties properties) {
		this(properties, null);
	}

	/**
	 * Creates the customizer.
	 * @param properties the bound properties
	 * @param sslBundles the SSL bundles {@code jlws.ssl-bundle} and {@code jlws.client.ssl-bundle} name, or null
	 */
	public PropertiesContextCustomizer(JlwsProperties properties, @Nullable SslBundles sslBundles) {
		this.properties = properties;
		this.sslBundles = sslBundles;
	}

	@Override
	public void customize(ContextInfo.Builder builder) {
		JlwsProperties p = this.properties;
		PropertyMapper map = PropertyMapper.get();
		map.from(checkPort(p.getPort())).to(builder::port);
		map.from(p.getAddress()).whenHasText().to(builder::address);
		map.from(keepAlive(p)).to(builder::keepAlive);
		map.from(logLevel(p.getLogLevel())).to(builder::logLevel);
		map.from(allowedOrigins(p.getAllowedOrigins())).to(builder::allowedOrigins);
		map.from(serviceThreadName(p.getServiceThreadName())).to(builder::serviceThreadName);
		map.from(limits(p.getLimits())).to(builder::limits);
		TlsPropertiesMapper tls = new TlsPropertiesMapper(p, this.sslBundles);
		map.from(tls.server()).to(builder::tls);
		map.from(tls.client()).to(builder::clientTls);
	}

	private static int checkPort(int port) {
		if (port < ContextInfo.NO_LISTEN || port > 65535) {
			throw new InvalidJlwsPropertyException(PREFIX + "port", port,
					"must be -1 (no listener), 0 (ephemeral) or 1-65535");
		}
		return port;
	}

	private static KeepAlive keepAlive(JlwsProperties p) {
		nonNegative(PREFIX + "ka-time", p.getKaTime());
		nonNegative(PREFIX + "ka-probes", p.getKaProbes());
		nonNegative(PREFIX + "ka-interval", p.getKaInterval());
		if (p.getKaTime() > 0) {
			if (p.getKaProbes() == 0) {
				throw new InvalidJlwsPropertyException(PREFIX + "ka-probes", 0,
						"must be > 0 when jlws.ka-time is set (jlws.ka-time=" + p.getKaTime() + ")");
			}
			if (p.getKaInterval() == 0) {
				throw new InvalidJlwsPropertyException(PREFIX + "ka-interval", 0,
						"must be > 0 when jlws.ka-time is set (jlws.ka-time=" + p.getKaTime() + ")");
			}
			return new KeepAlive(p.getKaTime(), p.getKaProbes(), p.getKaInterval());
		}
		return KeepAlive.OFF;
	}

	private static int logLevel(String value) {
		if (!StringUtils.hasText(value)) {
			throw new InvalidJlwsPropertyException(PREFIX + "log-level", value,
					"must be a number such as 1031 or names such as err,warn,notice,user");
		}
		try {
			return LogLevel.parse(value);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidJlwsPropertyException(PREFIX + "log-level", value, "is invalid: " + ex.getMessage(), ex);
		}
	}

	private static List<String> allowedOrigins(List<String> origins) {
		for (String origin : origins) {
			if (!StringUtils.hasText(origin)) {
				throw new InvalidJlwsPropertyException(PREFIX + "allowed-origins", origins,
						"must not contain blank entries");
			}
		}
		List<String> trimmed = origins.stream().map(String::trim).toList();
		try {
			OriginPolicy.of(trimmed);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidJlwsPropertyException(PREFIX + "allowed-origins", origins,
					"is invalid: " + ex.getMessage(), ex);
		}
		return trimmed;
	}

	private static String serviceThreadName(String name) {
		if (!StringUtils.hasText(name)) {
			throw new InvalidJlwsPropertyException(PREFIX + "service-thread-name", name, "must not be blank");
		}
		return name;
	}

	private static Limits limits(JlwsProperties.Limits l) {
		nonNegative(LIMITS + "max-connections", l.getMaxConnections());
		long frame = positive(LIMITS + "max-frame-size", l.getMaxFrameSize());
		long message = positive(LIMITS + "max-message-size", l.getMaxMessageSize());
		if (frame > message) {
			throw new InvalidJlwsPropertyException(LIMITS + "max-frame-size", l.getMaxFrameSize(),
					"must not exceed jlws.limits.max-message-size (" + l.getMaxMessageSize() + ")");
		}
		int pending = intSize(LIMITS + "max-pending-bytes", l.getMaxPendingBytes(), 1);
		int header = intSize(LIMITS + "max-header-bytes", l.getMaxHeaderBytes(), 256);
		if (l.getMaxForeignQueue() <= 0) {
			throw new InvalidJlwsPropertyException(LIMITS + "max-foreign-queue", l.getMaxForeignQueue(),
					"must be > 0");
		}
		Duration handshake = positive(LIMITS + "handshake-timeout", l.getHandshakeTimeout());
		Duration close = positive(LIMITS + "close-timeout", l.getCloseTimeout());
		Duration ping = nonNegative(LIMITS + "ping-interval", l.getPingInterval());
		Duration idle = nonNegative(LIMITS + "idle-timeout", l.getIdleTimeout());
		try {
			return Limits.builder()
				.maxConnections(l.getMaxConnections())
				.maxFrameSize(frame)
				.maxMessageSize(message)
				.maxPendingBytes(pending)
				.maxHeaderBytes(header)
				.maxForeignQueue(l.getMaxForeignQueue())
				.handshakeTimeout(handshake)
				.closeTimeout(close)
				.pingInterval(ping)
				.idleTimeout(idle)
				.build();
		}
		catch (IllegalArgumentException ex) {
			// the checks above mirror the core's; this only fires if the core adds a rule
			throw new InvalidJlwsPropertyException("jlws.limits", l, "are invalid: " + ex.getMessage(), ex);
		}
	}

	private static void nonNegative(String name, int value) {
		if (value < 0) {
			throw new InvalidJlwsPropertyException(name, value, "must be >= 0");
		}
	}

	private static long positive(String name, DataSize size) {
		if (size == null || size.toBytes() <= 0) {
			throw new InvalidJlwsPropertyException(name, size, "must be > 0");
		}
		return size.toBytes();
	}

	private static int intSize(String name, DataSize size, long min) {
		if (size == null || size.toBytes() < min) {
			throw new InvalidJlwsPropertyException(name, size, (min == 1) ? "must be > 0" : "must be at least " + min
					+ "B");
		}
		if (size.toBytes() > Integer.MAX_VALUE) {
			throw new InvalidJlwsPropertyException(name, size, "must be below 2GB");
		}
		return (int) size.toBytes();
	}

	private static Duration positive(String name, Duration duration) {
		if (duration == null || duration.isNegative() || duration.isZero()) {
			throw new InvalidJlwsPropertyException(name, duration, "must be > 0");
		}
		return duration;
	}

	private static Duration nonNegative(String name, Duration duration) {
		if (duration == null || duration.isNegative()) {
			throw new InvalidJlwsPropertyException(name, duration, "must be >= 0 (0 = off)");
		}
		return duration;
	}

}
