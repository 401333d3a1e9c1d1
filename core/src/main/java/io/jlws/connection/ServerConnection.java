package io.jlws.connection;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

import io.jlws.HttpResponse;
import io.jlws.handshake.HttpRequestHead;
import io.jlws.loop.LoopConnection;
import io.jlws.loop.ServiceLoop;

/**
 * An accepted connection: the HTTP request head, then either a plain HTTP answer or an upgrade to WebSocket (lws
 * {@code struct lws} with its http and ws server roles). Service thread only.
 */
public final class ServerConnection extends WsConnection {

	private Handshaker handshaker;

	ServerConnection(ServiceLoop loop, ConnectionSupport support, SocketChannel channel, long id, long now)
			throws IOException {
		super(loop, support, false, id, now, State.HTTP_HEAD, support.limits().handshakeTimeout().toNanos());
		this.channel = channel;
		this.transport = support.serverTransport(channel);
		this.remote = (InetSocketAddress) channel.getRemoteAddress();
		this.handshaker = new Handshaker(this, support);
	}

	/** The factory the service loop uses for accepted sockets; all share {@code support}. */
	public static LoopConnection.Factory factory(ConnectionSupport support) {
		return (loop, channel, id, now) -> new ServerConnection(loop, support, channel, id, now);
	}

	@Override
	void onHandshakeBytes(ByteBuffer buf) {
		this.handshaker.onBytes(buf);
	}

	@Override
	void handshakeDone() {
		this.handshaker = null;
	}

	@Override
	void onHandshakeDeadline() {
		this.loop.counters().rejectedHandshakes++;
		this.support.log().info("{}: no complete request within the handshake timeout", this);
		closeChannel();
	}

	private HttpRequestHead request() {
		return (HttpRequestHead) requestHead();
	}

	@Override
	public String method() {
		return request().method();
	}

	@Override
	public String path() {
		return request().path();
	}

	@Override
	public String query() {
		return request().query();
	}

	@Override
	public String queryParameter(String name) {
		return request().queryParameter(name);
	}

	@Override
	public void respond(HttpResponse response) {
		this.loop.checkThread();
		if (this.handshaker == null || !this.handshaker.inHttpCallback()) {
			throw new IllegalStateException("respond() is only legal during the HTTP callback");
		}
		this.handshaker.respond(response);
	}

}
