package io.jlws.autoconfigure;

import io.jlws.ContextInfo;
import io.jlws.Daemon;
import io.jlws.KeepAlive;
import io.jlws.Limits;
import io.jlws.LogLevel;
import io.jlws.tls.TlsSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JlwsProperties}.
 */
class JlwsPropertiesTests {

	private final JlwsProperties properties = new JlwsProperties();

	@Test
	void defaultValuesAreConsistentWithTheCore() {
		ContextInfo info = ContextInfo.DEFAULT;
		assertThat(this.properties.isEnabled()).isTrue();
		assertThat(this.properties.getPort()).isEqualTo(info.port());
		assertThat(this.properties.getAddress()).isEqualTo(info.address());
		assertThat(new KeepAlive(this.properties.getKaTime(), this.properties.getKaProbes(),
				this.properties.getKaInterval()))
			.isEqualTo(info.keepAlive());
		assertThat(LogLevel.parse(this.properties.getLogLevel())).isEqualTo(info.logLevel())
			.isEqualTo(LogLevel.DEFAULT);
		assertThat(this.properties.getAllowedOrigins()).isEqualTo(info.allowedOrigins());
		assertThat(this.properties.getServiceThreadName()).isEqualTo(info.serviceThreadName());
	}

	@Test
	void defaultLimitsAreConsistentWithTheCore() {
		JlwsProperties.Limits limits = this.properties.getLimits();
		Limits core = Limits.DEFAULT;
		assertThat(limits.getMaxConnections()).isEqualTo(core.maxConnections());
		assertThat(limits.getMaxFrameSize().toBytes()).isEqualTo(core.maxFrameSize());
		assertThat(limits.getMaxMessageSize().toBytes()).isEqualTo(core.maxMessageSize());
		assertThat(limits.getMaxPendingBytes().toBytes()).isEqualTo(core.maxPendingBytes());
		assertThat(limits.getMaxHeaderBytes().toBytes()).isEqualTo(core.maxHeaderBytes());
		assertThat(limits.getMaxForeignQueue()).isEqualTo(core.maxForeignQueue());
		assertThat(limits.getHandshakeTimeout()).isEqualTo(core.handshakeTimeout());
		assertThat(limits.getCloseTimeout()).isEqualTo(core.closeTimeout());
		assertThat(limits.getPingInterval()).isEqualTo(core.pingInterval());
		assertThat(limits.getIdleTimeout()).isEqualTo(core.idleTimeout());
	}

	@Test
	void defaultTlsAndDaemonizeValuesAreConsistentWithTheCore() {
		TlsSettings tls = TlsSettings.builder().build();
		assertThat(this.properties.getSslMinProtocol()).isEqualTo(tls.minimumProtocol());
		assertThat(this.properties.getSslClientAuth()).isEqualTo(tls.clientAuth());
		assertThat(this.properties.isSslSelfSigned()).isEqualTo(tls.selfSigned()).isFalse();
		assertThat(this.properties.getSslCipherList()).isEqualTo(tls.cipherList()).isNull();
		assertThat(this.properties.getTls13CipherList()).isEqualTo(tls.tls13CipherList()).isNull();
		assertThat(this.properties.getSslBundle()).isNull();
		assertThat(ContextInfo.DEFAULT.tls()).isNull();
		assertThat(ContextInfo.DEFAULT.clientTls()).isNull();
		assertThat(this.properties.getDaemonize().isEnabled()).isFalse();
		assertThat(this.properties.getDaemonize().getStartTimeout()).isEqualTo(Daemon.DEFAULT_START_TIMEOUT);
	}

	@Test
	void defaultsMapToTheCoreDefaults() {
		ContextInfo.Builder builder = ContextInfo.builder();
		new PropertiesContextCustomizer(this.properties).customize(builder);
		ContextInfo info = builder.build();
		ContextInfo core = ContextInfo.DEFAULT;
		assertThat(info.port()).isEqualTo(core.port());
		assertThat(info.address()).isEqualTo(core.address());
		assertThat(info.keepAlive()).isEqualTo(core.keepAlive());
		assertThat(info.logLevel()).isEqualTo(core.logLevel());
		assertThat(info.allowedOrigins()).isEqualTo(core.allowedOrigins());
		assertThat(info.serviceThreadName()).isEqualTo(core.serviceThreadName());
		assertThat(info.limits()).isEqualTo(core.limits());
		assertThat(info.tls()).isEqualTo(core.tls());
		assertThat(info.clientTls()).isEqualTo(core.clientTls());
	}

}
