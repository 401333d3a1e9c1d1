package io.jlws.loop;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;

import io.jlws.KeepAlive;
import io.jlws.log.JlwsLog;
import jdk.net.ExtendedSocketOptions;

/**
 * Applies libwebsockets' {@code ka_time}/{@code ka_probes}/{@code ka_interval} to accepted sockets: SO_KEEPALIVE
 * plus TCP_KEEPIDLE, TCP_KEEPINTERVAL and TCP_KEEPCOUNT where the JDK supports them on this platform.
 */
final class KeepAliveOptions {

	private final KeepAlive keepAlive;

	private final JlwsLog log;

	private boolean warned;

	KeepAliveOptions(KeepAlive keepAlive, JlwsLog log) {
		this.keepAlive = keepAlive;
		this.log = log;
	}

	void apply(SocketChannel ch) throws IOException {
		if (!this.keepAlive.enabled()) {
			return;
		}
		ch.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
		var supported = ch.supportedOptions();
		if (supported.contains(ExtendedSocketOptions.TCP_KEEPIDLE)
				&& supported.contains(ExtendedSocketOptions.TCP_KEEPINTERVAL)
				&& supported.contains(ExtendedSocketOptions.TCP_KEEPCOUNT)) {
			ch.setOption(ExtendedSocketOptions.TCP_KEEPIDLE, this.keepAlive.time());
			ch.setOption(ExtendedSocketOptions.TCP_KEEPINTERVAL, this.keepAlive.interval());
			ch.setOption(ExtendedSocketOptions.TCP_KEEPCOUNT, this.keepAlive.probes());
		}
		else if (!this.warned) {
			this.warned = true;
			this.log.notice("this platform cannot set keepalive time/probes/interval per socket: "
					+ "SO_KEEPALIVE is on and the system-wide values apply");
		}
	}

}
