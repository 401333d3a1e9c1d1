package io.jlws.connection;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Map;

import io.jlws.CallbackResult;
import io.jlws.Connection;
import io.jlws.Context;
import io.jlws.HttpResponse;
import io.jlws.Protocol;
import io.jlws.Reason;
import io.jlws.frame.CloseCodes;
import io.jlws.handshake.HttpHead;
import io.jlws.loop.LoopConnection;
import io.jlws.loop.Registration;
import io.jlws.loop.ServiceLoop;

/**
 * What every connection holds and shows through {@link Connection}: identity, protocol and session, the HTTP head
 * while it is kept, what RECEIVE's accessors report, and the close status. {@link WsConnection} adds the
 * behaviour. Service thread only.
 */
abstract class ConnectionBase implements Connection, LoopConnection {

	enum State {

		/** Client only: resolving the name or waiting for the TCP connect. */
		CONNECTING,
		/** Reading the HTTP head: the request (server) or the upgrade response (client). */
		HTTP_HEAD,
		/** WebSocket open. */
		OPEN,
		/** We sent CLOSE and wait for the peer's. */
		CLOSING_SENT,
		/** The peer's CLOSE arrived and ours is on its way; the socket closes once it is sent. */
		CLOSE_ACKED,
		/** Output is done (an HTTP answer, or a failed WebSocket): discard input until EOF or the close timeout. */
		DRAINING,
		/** Socket closed. */
		CLOSED

	}

	final ServiceLoop loop;

	final ConnectionSupport support;

	/** Whether this is our client's connection: its frames are masked and its reasons are the CLIENT_ ones. */
	final boolean client;

	SocketChannel channel;

	/** How bytes reach the socket: plain, or TLS. Set together with {@link #channel}. */
	Transport transport;

	final long id;

	InetSocketAddress remote;

	Registration key;

	final int[] listIndexes = { -1, -1 };

	State state;

	HttpHead head;

	boolean headersReleased;

	Protocol<?> protocol;

	Object session;

	String subprotocol;

	boolean established;

	// what RECEIVE's accessors report
	boolean rxFirst;

	boolean rxFinal;

	long rxRemaining;

	boolean rxBinary;

	int userCloseStatus;

	String userCloseReason;

	int closeStatus = CloseCodes.ABNORMAL;

	String closeReason = "";

	ConnectionBase(ServiceLoop loop, ConnectionSupport support, boolean client, long id, State initial) {
		this.loop = loop;
		this.support = support;
		this.client = client;
		this.id = id;
		this.state = initial;
	}

	/**
	 * An exception's message with its root cause's: TLS alerts say "certificate_unknown" while the cause says
	 * which check failed (host name, chain), which is what a person needs.
	 */
	static String describe(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String msg = String.valueOf(ex.getMessage());
		return (root == ex || root.getMessage() == null || msg.contains(root.getMessage())) ? msg
				: msg + " (" + root.getMessage() + ")";
	}

	// ---- LoopConnection ---------------------------------------------------------------------------

	@Override
	public long id() {
		return this.id;
	}

	@Override
	public void key(Registration key) {
		this.key = key;
	}

	@Override
	public int listIndex(int slot) {
		return this.listIndexes[slot];
	}

	@Override
	public void listIndex(int slot, int index) {
		this.listIndexes[slot] = index;
	}

	CallbackResult call(Reason reason, ByteBuffer in) {
		return this.loop.call(this.protocol, this, this.client ? clientReason(reason) : reason, this.session, in);
	}

	/** The client-side name of a WebSocket reason (lws {@code LWS_CALLBACK_CLIENT_*}). */
	private static Reason clientReason(Reason reason) {
		return switch (reason) {
			case ESTABLISHED -> Reason.CLIENT_ESTABLISHED;
			case RECEIVE -> Reason.CLIENT_RECEIVE;
			case RECEIVE_PONG -> Reason.CLIENT_RECEIVE_PONG;
			case SERVER_WRITEABLE -> Reason.CLIENT_WRITEABLE;
			case CLOSED -> Reason.CLIENT_CLOSED;
			default -> reason;
		};
	}

	// ---- Connection -------------------------------------------------------------------------------

	@Override
	public Protocol<?> protocol() {
		this.loop.checkThread();
		return this.protocol;
	}

	@Override
	public Object sessionData() {
		this.loop.checkThread();
		return this.session;
	}

	@Override
	public Context context() {
		this.loop.checkThread();
		return this.loop.context();
	}

	@Override
	public InetSocketAddress remoteAddress() {
		this.loop.checkThread();
		return this.remote;
	}

	@Override
	public String negotiatedSubprotocol() {
		this.loop.checkThread();
		return this.subprotocol;
	}

	/** The HTTP head (request on the server, response on the client) while it is kept. */
	HttpHead requestHead() {
		this.loop.checkThread();
		if (this.head == null) {
			throw new IllegalStateException(this.headersReleased
					? "Headers are released once ESTABLISHED returns, as in libwebsockets: copy what you need "
							+ "during FILTER_PROTOCOL_CONNECTION (client: CLIENT_FILTER_PRE_ESTABLISH) or ESTABLISHED"
					: "No HTTP head on this connection yet");
		}
		return this.head;
	}

	@Override
	public String header(String name) {
		return requestHead().header(name);
	}

	@Override
	public List<Map.Entry<String, String>> headers() {
		return requestHead().headers().stream().map((h) -> Map.entry(h.name(), h.value())).toList();
	}

	@Override
	public boolean isFinalFragment() {
		this.loop.checkThread();
		return this.rxFinal;
	}

	@Override
	public boolean isFirstFragment() {
		this.loop.checkThread();
		return this.rxFirst;
	}

	@Override
	public long remainingPacketPayload() {
		this.loop.checkThread();
		return this.rxRemaining;
	}

	@Override
	public boolean frameIsBinary() {
		this.loop.checkThread();
		return this.rxBinary;
	}

	@Override
	public void respond(HttpResponse response) {
		this.loop.checkThread();
		throw new IllegalStateException("respond() is only legal during the HTTP callback of a server connection");
	}

	@Override
	public void setCloseReason(int status, String reason) {
		this.loop.checkThread();
		if (!CloseCodes.isValidOnWire(status)) {
			throw new IllegalArgumentException("Close status " + status + " may not be sent on the wire "
					+ "(use 1000-1003, 1007-1014 or 3000-4999)");
		}
		this.userCloseStatus = status;
		this.userCloseReason = (reason != null) ? reason : "";
	}

	@Override
	public int closeStatus() {
		this.loop.checkThread();
		return this.closeStatus;
	}

	@Override
	public String closeReason() {
		this.loop.checkThread();
		return this.closeReason;
	}

	@Override
	public boolean isClient() {
		return this.client;
	}

	@Override
	public void addHandshakeHeader(String name, String value) {
		this.loop.checkThread();
		throw new IllegalStateException("addHandshakeHeader() is only legal during CLIENT_APPEND_HANDSHAKE_HEADER");
	}

	@Override
	public boolean isOpen() {
		this.loop.checkThread();
		return this.state == State.OPEN;
	}

	/** Whether the socket is closed. */
	public boolean isClosed() {
		return this.state == State.CLOSED;
	}

	/** The accepted socket, for tests that inspect its options. Service thread only. */
	SocketChannel channel() {
		return this.channel;
	}

	/** Whether frames we send are masked (client side, RFC 6455 §5.3). */
	boolean masksFrames() {
		return this.client;
	}

	/** Whether a WebSocket was established (so CLOSED will be delivered). */
	public boolean isEstablished() {
		return this.established;
	}

	@Override
	public String toString() {
		return "conn#" + this.id + "[" + this.remote + "]";
	}

}
