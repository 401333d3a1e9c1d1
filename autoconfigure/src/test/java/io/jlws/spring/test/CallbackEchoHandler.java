package io.jlws.spring.test;

import java.nio.ByteBuffer;

import io.jlws.Callback;
import io.jlws.CallbackResult;
import io.jlws.Connection;
import io.jlws.Reason;
import io.jlws.WriteType;
import io.jlws.spring.annotation.WebSocketProtocol;

/** An lws-style callback bean: one method and a switch, whole messages only when they fit one chunk. */
@WebSocketProtocol(value = "callback-echo", paths = "/callback", sessionData = EchoSession.class)
public class CallbackEchoHandler implements Callback<EchoSession> {

	@Override
	public CallbackResult callback(Connection connection, Reason reason, EchoSession session, ByteBuffer in) {
		switch (reason) {
			case RECEIVE -> {
				byte[] copy = new byte[in.remaining()];
				in.get(copy);
				session.queue(copy, connection.frameIsBinary() ? WriteType.BINARY : WriteType.TEXT, true);
				connection.requestWritable();
			}
			case SERVER_WRITEABLE -> session.flush(connection);
			default -> {
			}
		}
		return CallbackResult.CONTINUE;
	}

}
