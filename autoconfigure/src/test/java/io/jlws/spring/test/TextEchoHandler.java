package io.jlws.spring.test;

import java.nio.charset.StandardCharsets;

import io.jlws.Connection;
import io.jlws.WriteType;
import io.jlws.spring.annotation.OnReceive;
import io.jlws.spring.annotation.OnWriteable;
import io.jlws.spring.annotation.WebSocketProtocol;

/** Echoes whole messages: text through a String parameter, binary through byte[]. */
@WebSocketProtocol(name = "text-echo", paths = "/text", wholeMessage = true, sessionData = EchoSession.class)
public class TextEchoHandler {

	@OnReceive
	void onMessage(Connection connection, EchoSession session, String text, byte[] bytes) {
		if (text != null) {
			session.queue(("echo: " + text).getBytes(StandardCharsets.UTF_8), WriteType.TEXT, true);
		}
		else {
			session.queue(bytes, WriteType.BINARY, true);
		}
		connection.requestWritable();
	}

	@OnWriteable
	void onWriteable(Connection connection, EchoSession session) {
		session.flush(connection);
	}

}
