package io.jlws.connection;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import io.jlws.CallbackResult;
import io.jlws.HttpResponse;
import io.jlws.Limits;
import io.jlws.Protocol;
import io.jlws.Reason;
import io.jlws.frame.FrameParser;
import io.jlws.handshake.Handshake;
import io.jlws.handshake.HandshakeDecision;
import io.jlws.handshake.HttpParseException;
import io.jlws.handshake.HttpRequestHead;
import io.jlws.handshake.HttpRequestParser;
import io.jlws.handshake.HttpResponses;
import io.jlws.handshake.SubprotocolChoice;

/**
 * The HTTP side of a server connection: reads the request head, then either upgrades it (RFC 6455 §4.2, with
 * DESIGN.md's subprotocol rules and FILTER_PROTOCOL_CONNECTION) or hands it to the first protocol's HTTP callback.
 * Lives only until the head is handled. Service thread only.
 */
final class Handshaker {

	private final ServerConnection conn;

	private final ConnectionSupport support;

	private HttpRequestParser parser;

	private boolean inHttpCallback;

	private HttpResponse response;

	Handshaker(ServerConnection conn, ConnectionSupport support) {
		this.conn = conn;
		this.support = support;
		this.parser = new HttpRequestParser(support.limits().maxHeaderBytes());
	}

	/** Feeds received bytes; leaves bytes after the head (early frames) in {@code buf}. */
	void onBytes(ByteBuffer buf) {
		HttpRequestHead head;
		try {
			head = this.parser.parse(buf);
		}
		catch (HttpParseException ex) {
			reject(ex.status(), ex.getMessage(), List.of());
			return;
		}
		if (head == null) {
			return;
		}
		this.parser = null;
		this.conn.head = head;
		if (this.support.log().on(io.jlws.LogLevel.HEADER)) {
			this.support.log().log(io.jlws.LogLevel.HEADER, "{}: {}", this.conn, head);
		}
		if (Handshake.isWebSocketUpgrade(head)) {
			upgrade(head);
		}
		else {
			serveHttp(head);
		}
	}

	private void upgrade(HttpRequestHead head) {
		HandshakeDecision decision = Handshake.validate(head);
		if (decision instanceof HandshakeDecision.Rejected r) {
			reject(r.status(), r.message(), r.headers());
			return;
		}
		if (!this.support.info().originPolicy().allows(head.header("Origin"), head.header("Host"))) {
			reject(403, "Origin " + head.header("Origin") + " is not allowed", List.of());
			return;
		}
		List<Protocol<?>> protocols = this.support.protocols();
		if (protocols.isEmpty()) {
			reject(404, "This server has no WebSocket protocols", List.of());
			return;
		}
		List<String> served = new ArrayList<>(protocols.size());
		protocols.forEach((p) -> served.add(p.name()));
		SubprotocolChoice choice = Handshake.chooseSubprotocol(Handshake.offeredSubprotocols(head), served);
		Protocol<?> chosen;
		if (choice instanceof SubprotocolChoice.Chosen c) {
			chosen = protocols.get(served.indexOf(c.protocol()));
		}
		else if (choice instanceof SubprotocolChoice.Rejected r) {
			this.support.log().notice("{}: refusing upgrade: none of the offered subprotocols {} is served {}",
					this.conn, r.offered(), served);
			reject(400, "None of the offered subprotocols " + r.offered() + " is served", List.of());
			return;
		}
		else {
			chosen = byPath(protocols, head.path());
		}
		this.conn.bind(chosen, choice.protocolToEcho());
		if (this.conn.call(Reason.FILTER_PROTOCOL_CONNECTION, null) == CallbackResult.CLOSE) {
			this.conn.session = null;
			reject(403, "Connection refused by protocol '" + chosen.name() + "'", List.of());
			return;
		}
		if (this.conn.state != ServerConnection.State.HTTP_HEAD) {
			return;
		}
		String acceptKey = ((HandshakeDecision.Accepted) decision).acceptKey();
		this.support.stage()
			.raw(this.conn, ByteBuffer.wrap(HttpResponses.switchingProtocols(acceptKey, choice.protocolToEcho(),
					List.of())));
		this.support.stage().flush();
		if (this.conn.state != ServerConnection.State.HTTP_HEAD) {
			// the 101 could not be written (the peer reset): the connection closed before it was established
			return;
		}
		Limits limits = this.support.limits();
		this.conn.established(chosen, new FrameParser(true, limits.maxFrameSize(), limits.maxMessageSize()));
	}

	private static Protocol<?> byPath(List<Protocol<?>> protocols, String path) {
		for (Protocol<?> p : protocols) {
			if (p.paths().contains(path)) {
				return p;
			}
		}
		return protocols.get(0);
	}

	private void serveHttp(HttpRequestHead head) {
		List<Protocol<?>> protocols = this.support.protocols();
		if (!protocols.isEmpty()) {
			this.conn.bind(protocols.get(0), null);
			this.inHttpCallback = true;
			CallbackResult result;
			try {
				result = this.conn.call(Reason.HTTP, null);
			}
			finally {
				this.inHttpCallback = false;
			}
			this.conn.session = null;
			if (result == CallbackResult.CLOSE && this.response == null) {
				this.conn.closeChannel();
				return;
			}
		}
		HttpResponse answer = (this.response != null) ? this.response : HttpResponse.notFound();
		byte[] responseHead;
		try {
			responseHead = HttpResponses.head(answer.status(), HttpResponses.reasonPhrase(answer.status()),
					answer.headers(), answer.body().length, true);
		}
		catch (IllegalArgumentException ex) {
			this.support.log().err("{}: HTTP response not sent: {}", this.conn, ex.getMessage());
			answer = HttpResponse.text(500, "Internal Server Error\n");
			responseHead = HttpResponses.head(500, HttpResponses.reasonPhrase(500), answer.headers(),
					answer.body().length, true);
		}
		byte[] body = answer.body();
		boolean withBody = !"HEAD".equals(head.method());
		write(responseHead);
		if (withBody && body.length > 0) {
			this.support.stage().raw(this.conn, ByteBuffer.wrap(body));
		}
		this.support.stage().flush();
		this.conn.drain();
	}

	boolean inHttpCallback() {
		return this.inHttpCallback;
	}

	void respond(HttpResponse answer) {
		if (this.response != null) {
			throw new IllegalStateException("respond() was already called for this request");
		}
		this.response = answer;
	}

	private void reject(int status, String message, List<String[]> headers) {
		this.support.log().info("{}: refusing request with {}: {}", this.conn, status, message);
		this.conn.loopCounters().rejectedHandshakes++;
		write(HttpResponses.error(status, message, headers));
		this.support.stage().flush();
		this.conn.drain();
	}

	private void write(byte[] bytes) {
		this.support.stage().raw(this.conn, ByteBuffer.wrap(bytes));
	}

}
