package io.jlws.sample.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.jlws.Callback;
import io.jlws.CallbackResult;
import io.jlws.Connection;
import io.jlws.Reason;
import io.jlws.WriteType;
import io.jlws.sample.ConditionalOnServerMode;
import io.jlws.spring.annotation.WebSocketProtocol;
import org.springframework.core.annotation.Order;

/**
 * libwebsockets' {@code dumb-increment-protocol}: sends 0, 1, 2, ... as text every 50 ms, restarts at 0 on
 * {@code reset\n} and closes with 1001 "seeya" on {@code closeme\n}. Timer-driven and writeable-driven: the timer
 * only asks for WRITEABLE; the number is written there.
 */
@ConditionalOnServerMode
@WebSocketProtocol(name = "dumb-increment-protocol", sessionData = DumbIncrementProtocol.Session.class)
@Order(1)
public class DumbIncrementProtocol implements Callback<DumbIncrementProtocol.Session> {

	static final Duration PERIOD = Duration.ofMillis(50);

	/** Per-connection state (lws {@code per_session_data__dumb_increment}). */
	public static class Session {

		int number;

	}

	@Override
	public CallbackResult callback(Connection connection, Reason reason, Session session, ByteBuffer in) {
		switch (reason) {
			case ESTABLISHED -> {
				session.number = 0;
				connection.setTimer(PERIOD);
			}
			case TIMER -> {
				connection.requestWritable();
				connection.setTimer(PERIOD);
			}
			case SERVER_WRITEABLE -> {
				byte[] text = Integer.toString(session.number).getBytes(StandardCharsets.US_ASCII);
				if (connection.write(ByteBuffer.wrap(text), WriteType.TEXT) < 0) {
					return CallbackResult.CLOSE;
				}
				session.number++;
			}
			case RECEIVE -> {
				String command = StandardCharsets.UTF_8.decode(in).toString();
				if (command.startsWith("reset\n")) {
					session.number = 0;
				}
				else if (command.startsWith("closeme\n")) {
					connection.setCloseReason(1001, "seeya");
					return CallbackResult.CLOSE;
				}
			}
			default -> {
			}
		}
		return CallbackResult.CONTINUE;
	}

}
