package io.jlws.sample.server;

import java.nio.ByteBuffer;

import io.jlws.Callback;
import io.jlws.CallbackResult;
import io.jlws.Connection;
import io.jlws.HttpResponse;
import io.jlws.Reason;
import io.jlws.sample.ConditionalOnServerMode;
import io.jlws.spring.annotation.WebSocketProtocol;
import org.springframework.core.annotation.Order;

/**
 * The first protocol, as in libwebsockets' test server: it answers plain HTTP on the WebSocket port with the test
 * page from {@code classpath:testpage/}.
 */
@ConditionalOnServerMode
@WebSocketProtocol("http-only")
@Order(0)
public class HttpOnlyProtocol implements Callback<Void> {

	@Override
	public CallbackResult callback(Connection connection, Reason reason, Void session, ByteBuffer in) {
		if (reason == Reason.HTTP) {
			connection.respond(HttpResponse.fromClasspath(connection, getClass().getClassLoader(), "testpage"));
		}
		return CallbackResult.CONTINUE;
	}

}
