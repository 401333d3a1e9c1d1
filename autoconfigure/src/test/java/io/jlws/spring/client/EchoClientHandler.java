package io.jlws.spring.client;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.jlws.Connection;
import io.jlws.Reason;
import io.jlws.WriteType;
import io.jlws.spring.annotation.OnClientAppendHandshakeHeader;
import io.jlws.spring.annotation.OnClientClosed;
import io.jlws.spring.annotation.OnClientConnectionError;
import io.jlws.spring.annotation.OnClientEstablished;
import io.jlws.spring.annotation.OnClientFilterPreEstablish;
import io.jlws.spring.annotation.OnClientReceive;
import io.jlws.spring.annotation.OnClientReceivePong;
import io.jlws.spring.annotation.OnClientWriteable;
import io.jlws.spring.annotation.WebSocketProtocol;
import io.jlws.spring.test.EchoSession;

/**
 * A client-side handler bean for the {@code echo} protocol: records every client event as text, sends what
 * {@link #send} queued at the next CLIENT_WRITEABLE. Chunks of 16 bytes, aggregated into whole messages.
 */
@WebSocketProtocol(name = "echo", wholeMessage = true, rxBufferSize = 16, sessionData = EchoSession.class)
public class EchoClientHandler {

	final BlockingQueue<String> events = new LinkedBlockingQueue<>();

	volatile boolean refuseServer;

	@OnClientAppendHandshakeHeader
	void header(Connection connection) {
		connection.addHandshakeHeader("X-Client", "annotated");
	}

	@OnClientFilterPreEstablish
	boolean filter(Connection connection) {
		return !this.refuseServer;
	}

	@OnClientEstablished
	void established(Connection connection, Reason reason) {
		this.events.add(reason + " " + connection.negotiatedSubprotocol() + " " + connection.isClient());
	}

	@OnClientReceive
	void message(String text, byte[] bytes) {
		this.events.add((text != null) ? "text " + text : "binary " + bytes.length);
	}

	@OnClientReceivePong
	void pong(ByteBuffer payload) {
		this.events.add("pong " + StandardCharsets.UTF_8.decode(payload));
	}

	@OnClientWriteable
	void writeable(Connection connection, EchoSession session) {
		session.flush(connection);
	}

	@OnClientClosed
	void closed(Connection connection) {
		this.events.add("closed " + connection.closeStatus());
	}

	@OnClientConnectionError
	void error(String reason, Connection connection) {
		this.events.add("error " + reason);
	}

	/** Queues a frame and asks for CLIENT_WRITEABLE; any thread. */
	static void send(JlwsClient client, Connection connection, byte[] payload, WriteType type) throws Exception {
		client.context().executeOn(connection.id(), (c) -> {
			((EchoSession) c.sessionData()).queue(payload, type, true);
			c.requestWritable();
		}).get(5, TimeUnit.SECONDS);
	}

}
