package io.jlws.sample.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.jlws.Callback;
import io.jlws.CallbackResult;
import io.jlws.Connection;
import io.jlws.Reason;
import io.jlws.WriteType;
import io.jlws.sample.ConditionalOnServerMode;
import io.jlws.spring.annotation.WebSocketProtocol;
import org.springframework.core.annotation.Order;

/**
 * libwebsockets' {@code lws-status}: on every connect and disconnect of an lws-status client, each of them gets
 * the JSON list of connected lws-status clients (peer, connect time, user agent), sent as one fragmented message
 * (TEXT without FIN, CONTINUATIONs, a final CONTINUATION) to show fragmented sending. Service thread only.
 */
@ConditionalOnServerMode
@WebSocketProtocol(name = "lws-status", sessionData = StatusProtocol.Session.class)
@Order(3)
public class StatusProtocol implements Callback<StatusProtocol.Session> {

	static final int FRAGMENT = 64;

	private final List<Connection> clients = new ArrayList<>();

	/** Per-connection state. */
	public static class Session {

		String peer;

		Instant since;

		String userAgent;

		boolean changed;

	}

	@Override
	public CallbackResult callback(Connection connection, Reason reason, Session session, ByteBuffer in) {
		switch (reason) {
			case ESTABLISHED -> {
				// headers are released after ESTABLISHED: copy the user agent now
				java.net.InetSocketAddress peer = connection.remoteAddress();
				session.peer = (peer != null) ? peer.getHostString() + ":" + peer.getPort() : "?";
				session.since = Instant.now();
				String ua = connection.header("User-Agent");
				session.userAgent = (ua != null) ? ua : "";
				this.clients.add(connection);
				announce();
			}
			case CLOSED -> {
				this.clients.remove(connection);
				announce();
			}
			case SERVER_WRITEABLE -> {
				if (session.changed) {
					session.changed = false;
					return sendFragmented(connection, json());
				}
			}
			default -> {
			}
		}
		return CallbackResult.CONTINUE;
	}

	private void announce() {
		for (Connection c : this.clients) {
			((Session) c.sessionData()).changed = true;
			c.requestWritable();
		}
	}

	private CallbackResult sendFragmented(Connection connection, byte[] message) {
		int offset = 0;
		boolean first = true;
		do {
			int length = Math.min(FRAGMENT, message.length - offset);
			boolean fin = offset + length == message.length;
			WriteType type = first ? WriteType.TEXT : WriteType.CONTINUATION;
			if (connection.write(ByteBuffer.wrap(message, offset, length), type, fin) < 0) {
				return CallbackResult.CLOSE;
			}
			offset += length;
			first = false;
		}
		while (offset < message.length);
		return CallbackResult.CONTINUE;
	}

	byte[] json() {
		StringBuilder b = new StringBuilder("{\"clients\":[");
		for (int i = 0; i < this.clients.size(); i++) {
			Session s = (Session) this.clients.get(i).sessionData();
			if (i > 0) {
				b.append(',');
			}
			b.append("{\"peer\":").append(quote(s.peer))
				.append(",\"time\":").append(quote(s.since.toString()))
				.append(",\"ua\":").append(quote(s.userAgent))
				.append('}');
		}
		return b.append("]}").toString().getBytes(StandardCharsets.UTF_8);
	}

	static String quote(String s) {
		StringBuilder b = new StringBuilder("\"");
		for (char c : s.toCharArray()) {
			switch (c) {
				case '"' -> b.append("\\\"");
				case '\\' -> b.append("\\\\");
				default -> {
					if (c < 0x20) {
						b.append(String.format("\\u%04x", (int) c));
					}
					else {
						b.append(c);
					}
				}
			}
		}
		return b.append('"').toString();
	}

}
