package io.jlws.connection;

import java.util.List;

import io.jlws.ClientConnectInfo;
import io.jlws.ContextInfo;
import io.jlws.Limits;
import io.jlws.Protocol;
import io.jlws.log.JlwsLog;
import io.jlws.tls.TlsContext;
import io.jlws.tls.TlsSettings;

/**
 * What every connection of one service loop shares: settings, the logger and the write staging buffer.
 * Service thread only.
 */
public final class ConnectionSupport {

	private static final int STAGE_BYTES = 64 * 1024;

	private final ContextInfo info;

	private final JlwsLog log;

	private final WriteStage stage = new WriteStage(STAGE_BYTES);

	private final TlsContext serverTls;

	private final java.util.Map<String, TlsContext> clientTls = new java.util.HashMap<>();

	/**
	 * @param serverTls the listener's TLS context, or {@code null} for plain TCP
	 */
	public ConnectionSupport(ContextInfo info, JlwsLog log, TlsContext serverTls) {
		this.info = info;
		this.log = log;
		this.serverTls = serverTls;
	}

	/** A transport for an accepted socket: TLS when the listener has it. */
	Transport serverTransport(java.nio.channels.SocketChannel channel) throws java.io.IOException {
		return (this.serverTls == null) ? new PlainTransport(channel)
				: new TlsTransport(channel, this.serverTls.newServerEngine());
	}

	/**
	 * A TLS client engine for {@code wss://}; contexts are built once per combination of the development flags.
	 */
	javax.net.ssl.SSLEngine clientEngine(ClientConnectInfo connect) {
		TlsSettings.quietJsseLogging();
		String key = connect.allowSelfSigned() + "/" + connect.skipHostnameCheck();
		TlsContext ctx = this.clientTls.computeIfAbsent(key, (k) -> {
			TlsSettings base = (this.info.clientTls() != null) ? this.info.clientTls() : TlsSettings.builder().build();
			return base.toBuilder()
				.trustAll(connect.allowSelfSigned() || base.trustAll())
				.verifyHostname(!connect.skipHostnameCheck() && base.verifyHostname())
				.build()
				.createClientContext();
		});
		return ctx.newClientEngine(connect.host(), connect.port());
	}

	ContextInfo info() {
		return this.info;
	}

	Limits limits() {
		return this.info.limits();
	}

	List<Protocol<?>> protocols() {
		return this.info.protocols();
	}

	JlwsLog log() {
		return this.log;
	}

	WriteStage stage() {
		return this.stage;
	}

}
