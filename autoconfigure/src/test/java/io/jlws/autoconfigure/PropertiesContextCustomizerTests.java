package io.jlws.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.jlws.ContextInfo;
import io.jlws.KeepAlive;
import io.jlws.Limits;
import io.jlws.LogLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link PropertiesContextCustomizer}.
 */
class PropertiesContextCustomizerTests {

	private final JlwsProperties properties = new JlwsProperties();

	@Test
	void mapsListenerAndThreadSettings() {
		this.properties.setPort(0);
		this.properties.setAddress("127.0.0.1");
		this.properties.setAllowedOrigins(List.of("https://a.example", " https://b.example "));
		this.properties.setServiceThreadName("ws-loop");
		ContextInfo info = map();
		assertThat(info.port()).isZero();
		assertThat(info.address()).isEqualTo("127.0.0.1");
		assertThat(info.allowedOrigins()).containsExactly("https://a.example", "https://b.example");
		assertThat(info.serviceThreadName()).isEqualTo("ws-loop");
	}

	@Test
	void blankAddressMeansAllInterfaces() {
		this.properties.setAddress(" ");
		assertThat(map().address()).isNull();
	}

	@Test
	void noListenerPort() {
		this.properties.setPort(-1);
		assertThat(map().port()).isEqualTo(ContextInfo.NO_LISTEN);
	}

	@Test
	void mapsKeepAlive() {
		this.properties.setKaTime(60);
		this.properties.setKaProbes(3);
		this.properties.setKaInterval(10);
		assertThat(map().keepAlive()).isEqualTo(new KeepAlive(60, 3, 10));
	}

	@Test
	void keepAliveIsOffWhenKaTimeIsZero() {
		this.properties.setKaProbes(3);
		this.properties.setKaInterval(10);
		assertThat(map().keepAlive()).isEqualTo(KeepAlive.OFF);
	}

	@Test
	void mapsLogLevelNames() {
		this.properties.setLogLevel("err, WARN,notice,user");
		assertThat(map().logLevel()).isEqualTo(LogLevel.ERR | LogLevel.WARN | LogLevel.NOTICE | LogLevel.USER);
	}

	@Test
	void mapsLogLevelBits() {
		this.properties.setLogLevel("1031");
		assertThat(map().logLevel()).isEqualTo(1031);
	}

	@Test
	void mapsLimits() {
		JlwsProperties.Limits limits = this.properties.getLimits();
		limits.setMaxConnections(10_000);
		limits.setMaxFrameSize(DataSize.ofKilobytes(64));
		limits.setMaxMessageSize(DataSize.ofMegabytes(16));
		limits.setMaxPendingBytes(DataSize.ofMegabytes(1));
		limits.setMaxHeaderBytes(DataSize.ofKilobytes(16));
		limits.setMaxForeignQueue(128);
		limits.setHandshakeTimeout(Duration.ofSeconds(2));
		limits.setCloseTimeout(Duration.ofSeconds(3));
		limits.setPingInterval(Duration.ofSeconds(30));
		limits.setIdleTimeout(Duration.ofMinutes(5));
		assertThat(map().limits()).isEqualTo(new Limits(10_000, 64 * 1024, 16 * 1024 * 1024, 1024 * 1024, 16 * 1024,
				128, Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(30), Duration.ofMinutes(5)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidValues")
	void invalidValuesNameTheProperty(String expectedMessage, Consumer<JlwsProperties> change) {
		change.accept(this.properties);
		assertThatExceptionOfType(InvalidJlwsPropertyException.class).isThrownBy(this::map)
			.withMessage(expectedMessage)
			.satisfies((ex) -> assertThat(expectedMessage).startsWith(ex.getProperty() + " "));
	}

	static Stream<Arguments> invalidValues() {
		return Stream.of(
				invalid("jlws.port must be -1 (no listener), 0 (ephemeral) or 1-65535 (was 70000)",
						(p) -> p.setPort(70000)),
				invalid("jlws.port must be -1 (no listener), 0 (ephemeral) or 1-65535 (was -2)", (p) -> p.setPort(-2)),
				invalid("jlws.ka-time must be >= 0 (was -1)", (p) -> p.setKaTime(-1)),
				invalid("jlws.ka-probes must be > 0 when jlws.ka-time is set (jlws.ka-time=60) (was 0)",
						(p) -> p.setKaTime(60)),
				invalid("jlws.ka-interval must be > 0 when jlws.ka-time is set (jlws.ka-time=60) (was 0)", (p) -> {
					p.setKaTime(60);
					p.setKaProbes(3);
				}),
				invalid("jlws.log-level is invalid: Unknown log level 'loud'; known: err, warn, notice, info, debug, "
						+ "parser, header, ext, client, latency, user (was err,loud)",
						(p) -> p.setLogLevel("err,loud")),
				invalid("jlws.log-level is invalid: Log level 4096 has bits outside 0-2047 (was 4096)",
						(p) -> p.setLogLevel("4096")),
				invalid("jlws.service-thread-name must not be blank (was  )", (p) -> p.setServiceThreadName(" ")),
				invalid("jlws.allowed-origins must not contain blank entries (was [https://a.example, ])",
						(p) -> p.setAllowedOrigins(List.of("https://a.example", ""))),
				invalid("jlws.allowed-origins is invalid: allowed origin 'a.example' must be *, scheme://host[:port] or "
						+ "a pattern such as https://*.example.com or http://localhost:* (was [a.example])",
						(p) -> p.setAllowedOrigins(List.of("a.example"))),
				invalid("jlws.limits.max-connections must be >= 0 (was -5)",
						(p) -> p.getLimits().setMaxConnections(-5)),
				invalid("jlws.limits.max-frame-size must be > 0 (was 0B)",
						(p) -> p.getLimits().setMaxFrameSize(DataSize.ofBytes(0))),
				invalid("jlws.limits.max-message-size must be > 0 (was -1B)",
						(p) -> p.getLimits().setMaxMessageSize(DataSize.ofBytes(-1))),
				invalid("jlws.limits.max-frame-size must not exceed jlws.limits.max-message-size (4194304B) "
						+ "(was 8388608B)", (p) -> p.getLimits().setMaxFrameSize(DataSize.ofMegabytes(8))),
				invalid("jlws.limits.max-pending-bytes must be > 0 (was -1B)",
						(p) -> p.getLimits().setMaxPendingBytes(DataSize.ofBytes(-1))),
				invalid("jlws.limits.max-pending-bytes must be below 2GB (was 3221225472B)",
						(p) -> p.getLimits().setMaxPendingBytes(DataSize.ofGigabytes(3))),
				invalid("jlws.limits.max-header-bytes must be at least 256B (was 100B)",
						(p) -> p.getLimits().setMaxHeaderBytes(DataSize.ofBytes(100))),
				invalid("jlws.limits.max-foreign-queue must be > 0 (was 0)",
						(p) -> p.getLimits().setMaxForeignQueue(0)),
				invalid("jlws.limits.handshake-timeout must be > 0 (was PT0S)",
						(p) -> p.getLimits().setHandshakeTimeout(Duration.ZERO)),
				invalid("jlws.limits.close-timeout must be > 0 (was PT-1S)",
						(p) -> p.getLimits().setCloseTimeout(Duration.ofSeconds(-1))),
				invalid("jlws.limits.ping-interval must be >= 0 (0 = off) (was PT-1S)",
						(p) -> p.getLimits().setPingInterval(Duration.ofSeconds(-1))),
				invalid("jlws.limits.idle-timeout must be >= 0 (0 = off) (was PT-0.001S)",
						(p) -> p.getLimits().setIdleTimeout(Duration.ofMillis(-1))));
	}

	private static Arguments invalid(String message, Consumer<JlwsProperties> change) {
		return Arguments.of(message, change);
	}

	private ContextInfo map() {
		ContextInfo.Builder builder = ContextInfo.builder();
		new PropertiesContextCustomizer(this.properties).customize(builder);
		return builder.build();
	}

}
