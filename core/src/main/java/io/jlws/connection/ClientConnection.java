package io.jlws.connection;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import io.jlws.CallbackResult;
import io.jlws.ClientConnectInfo;
import io.jlws.Limits;
import io.jlws.Protocol;
import io.jlws.Reason;
import io.jlws.frame.FrameParser;
import io.jlws.handshake.Handshake;
import io.jlws.handshake.HttpParseException;
import io.jlws.handshake.HttpResponseHead;
import io.jlws.handshake.HttpResponseParser;
import io.jlws.loop.Registration;
import io.jlws.loop.ServiceLoop;

/**
 * A connection our client opens (lws {@code lws_client_connect_via_info}): name resolution off the service
 * thread, a non-blocking connect, the upgrade request, the checks of RFC 6455 §4.1 on the response, then the same
 * WebSocket life as a server connection with masked frames. Exactly one of CLIENT_ESTABLISHED and
 * CLIENT_CONNECTION_ERROR is delivered, to the bound protocol. Service thread only, except construction.
 */
public final class ClientConnection extends WsConnection {

	/** One generator for every handshake nonce: seeding a new SecureRandom per connection is costly. Thread-safe. */
	private static final java.security.SecureRandom NONCES = new java.security.SecureRandom();

	private final ClientConnectInfo info;

	private final String nonce;

	private HttpResponseParser responseParser;

	private List<String[]> appendedHeaders;

	private boolean errorDelivered;

	private ClientConnection(ServiceLoop loop, ConnectionSupport support, ClientConnectInfo info, Protocol<?> protocol,
			long now) {
		super(loop, support, true, loop.nextId(), now, State.CONNECTING, info.connectTimeout().toNanos());
		this.info = info;
		byte[] nonce = new byte[16];
		NONCES.nextBytes(nonce);
		this.nonce = Base64.getEncoder().encodeToString(nonce);
		this.protocol = protocol;
		this.session = (info.sessionData() != null) ? info.sessionData() : protocol.newSessionData();
	}

	/** Creates the connection object; {@link #start()} must then run on the service thread. Any thread. */
	public static ClientConnection create(ServiceLoop loop, ConnectionSupport support, ClientConnectInfo info,
			Protocol<?> protocol) {
		return new ClientConnection(loop, support, info, protocol, System.nanoTime());
	}

	/** Begins: resolve (unless the host is an address literal), then connect. Service thread. */
	public void start() {
		this.loop.track(this);
		if (this.loop.isStopping()) {
			fail("context stopped");
			return;
		}
		if (!this.loop.hasRoom()) {
			fail("connection limit " + this.loop.maxConnections() + " reached");
			return;
		}
		this.loop.resolve(this.info.host(), (address, failure) -> {
			if (this.state != State.CONNECTING) {
				return;
			}
			if (address == null) {
				fail("name resolution failed for " + this.info.host() + ": " + failure.getMessage());
				return;
			}
			connectTo(address);
		});
	}

	private void connectTo(InetAddress address) {
		InetSocketAddress target = new InetSocketAddress(address, this.info.port());
		try {
			this.channel = SocketChannel.open();
			this.transport = this.info.tls()
					? new TlsTransport(this.channel, this.support.clientEngine(this.info))
					: new PlainTransport(this.channel);
			this.loop.configure(this.channel);
			boolean connected = this.channel.connect(target);
			this.remote = target;
			this.key = this.loop.register(this, this.channel, connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT);
			if (connected) {
				onConnected();
			}
		}
		catch (IOException ex) {
			fail(describeConnectFailure(ex));
		}
	}

	@Override
	public void onConnectable() {
		try {
			if (!this.channel.finishConnect()) {
				return;
			}
		}
		catch (IOException ex) {
			fail(describeConnectFailure(ex));
			return;
		}
		this.key.interestOps(SelectionKey.OP_READ);
		onConnected();
	}

	private String describeConnectFailure(IOException ex) {
		String where = this.info.host() + ":" + this.info.port();
		if (ex instanceof ConnectException) {
			return "connection refused by " + where;
		}
		if (ex instanceof NoRouteToHostException) {
			return "no route to " + where;
		}
		return "connect to " + where + " failed: " + ex;
	}

	private void onConnected() {
		this.state = State.HTTP_HEAD;
		Limits limits = this.support.limits();
		this.deadline = System.nanoTime() + limits.handshakeTimeout().toNanos();
		this.responseParser = new HttpResponseParser(limits.maxHeaderBytes());
		this.appendedHeaders = new ArrayList<>();
		CallbackResult result = call(Reason.CLIENT_APPEND_HANDSHAKE_HEADER, null);
		List<String[]> extra = this.appendedHeaders;
		this.appendedHeaders = null;
		if (result == CallbackResult.CLOSE) {
			fail("refused by CLIENT_APPEND_HANDSHAKE_HEADER");
			return;
		}
		if (this.state != State.HTTP_HEAD) {
			return;
		}
		this.support.stage().raw(this, ByteBuffer.wrap(request(extra)));
		this.support.stage().flush();
	}

	private byte[] request(List<String[]> extra) {
		StringBuilder b = new StringBuilder(256);
		b.append("GET ").append(this.info.path()).append(" HTTP/1.1\r\n");
		b.append("Host: ").append(this.info.hostHeader()).append("\r\n");
		b.append("Upgrade: websocket\r\nConnection: Upgrade\r\n");
		b.append("Sec-WebSocket-Key: ").append(this.nonce).append("\r\n");
		b.append("Sec-WebSocket-Version: 13\r\n");
		if (!this.info.subprotocols().isEmpty()) {
			b.append("Sec-WebSocket-Protocol: ").append(String.join(", ", this.info.subprotocols())).append("\r\n");
		}
		if (this.info.origin() != null) {
			b.append("Origin: ").append(this.info.origin()).append("\r\n");
		}
		for (String[] h : this.info.headers()) {
			b.append(h[0]).append(": ").append(h[1]).append("\r\n");
		}
		for (String[] h : extra) {
			b.append(h[0]).append(": ").append(h[1]).append("\r\n");
		}
		return b.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
	}

	@Override
	public void addHandshakeHeader(String name, String value) {
		this.loop.checkThread();
		if (this.appendedHeaders == null) {
			throw new IllegalStateException("addHandshakeHeader() is only legal during CLIENT_APPEND_HANDSHAKE_HEADER");
		}
		if (name.isEmpty() || !name.chars().allMatch((c) -> c > 32 && c < 127 && c != ':')
				|| value.chars().anyMatch((c) -> c == '\r' || c == '\n')) {
			throw new IllegalArgumentException("Bad header '" + name + "': names are tokens, values hold no CR/LF");
		}
		this.appendedHeaders.add(new String[] { name, value });
	}

	@Override
	void onHandshakeBytes(ByteBuffer buf) {
		HttpResponseHead response;
		try {
			response = this.responseParser.parse(buf);
		}
		catch (HttpParseException ex) {
			fail("bad upgrade response: " + ex.getMessage());
			return;
		}
		if (response == null) {
			return;
		}
		String problem = check(response);
		if (problem != null) {
			fail(problem);
			return;
		}
		this.head = response;
		String chosen = response.header("Sec-WebSocket-Protocol");
		this.subprotocol = chosen;
		if (call(Reason.CLIENT_FILTER_PRE_ESTABLISH, null) == CallbackResult.CLOSE) {
			fail("refused by CLIENT_FILTER_PRE_ESTABLISH");
			return;
		}
		if (this.state != State.HTTP_HEAD) {
			return;
		}
		Limits limits = this.support.limits();
		established(this.protocol, new FrameParser(false, limits.maxFrameSize(), limits.maxMessageSize()));
	}

	/** RFC 6455 §4.1's checks of the server's handshake; {@code null} when it passes. */
	private String check(HttpResponseHead r) {
		if (r.status() != 101) {
			return "server answered '" + r.statusLine() + "' instead of 101 Switching Protocols";
		}
		if (!r.hasToken("Upgrade", "websocket")) {
			return "101 response without Upgrade: websocket";
		}
		if (!r.hasToken("Connection", "upgrade")) {
			return "101 response without Connection: Upgrade";
		}
		String accept = r.header("Sec-WebSocket-Accept");
		if (!Handshake.acceptKey(this.nonce).equals(accept)) {
			return "bad Sec-WebSocket-Accept '" + accept + "' (expected " + Handshake.acceptKey(this.nonce) + ")";
		}
		String chosen = r.header("Sec-WebSocket-Protocol");
		if (chosen != null && !this.info.subprotocols().contains(chosen)) {
			return "server chose subprotocol '" + chosen + "', which was not offered " + this.info.subprotocols();
		}
		List<String> extensions = r.headerTokens("Sec-WebSocket-Extensions");
		if (!extensions.isEmpty()) {
			return "server answered with extension " + extensions + ", which was not offered";
		}
		return null;
	}

	@Override
	void handshakeDone() {
		this.responseParser = null;
	}

	@Override
	void onHandshakeDeadline() {
		if (this.state == State.CONNECTING) {
			fail("connect timeout: no connection to " + this.info.host() + ":" + this.info.port() + " within "
					+ this.info.connectTimeout().toMillis() + " ms");
		}
		else {
			fail("handshake timeout: no upgrade response within "
					+ this.support.limits().handshakeTimeout().toMillis() + " ms");
		}
	}

	/** Ends the attempt; {@link #closedBeforeEstablished} reports it. */
	private void fail(String reason) {
		this.closeReason = reason;
		closeChannel();
	}

	@Override
	void closedBeforeEstablished(State was) {
		if (this.errorDelivered) {
			return;
		}
		this.errorDelivered = true;
		String reason = (this.closeReason == null || this.closeReason.isEmpty())
				? "connection closed before the handshake completed" : this.closeReason;
		this.closeReason = reason;
		this.support.log().info("{}: client connection failed: {}", this, reason);
		this.loop.call(this.protocol, this, Reason.CLIENT_CONNECTION_ERROR, this.session,
				ByteBuffer.wrap(reason.getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer());
	}

	// ---- the request we sent, for Connection's request accessors -------------------------------------

	@Override
	public String method() {
		this.loop.checkThread();
		return "GET";
	}

	@Override
	public String path() {
		this.loop.checkThread();
		int q = this.info.path().indexOf('?');
		return (q < 0) ? this.info.path() : this.info.path().substring(0, q);
	}

	@Override
	public String query() {
		this.loop.checkThread();
		int q = this.info.path().indexOf('?');
		return (q < 0) ? "" : this.info.path().substring(q + 1);
	}

	@Override
	public String queryParameter(String name) {
		for (String pair : query().split("&")) {
			int eq = pair.indexOf('=');
			String k = URLDecoder.decode((eq < 0) ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
			if (k.equals(name)) {
				return (eq < 0) ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
			}
		}
		return null;
	}

	@Override
	public String toString() {
		return "client#" + id() + "[" + this.info.host() + ":" + this.info.port() + this.info.path() + "]";
	}

}
