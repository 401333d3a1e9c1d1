package io.jlws.sample.client;

import io.jlws.Connection;
import io.jlws.sample.SampleMode;
import io.jlws.spring.annotation.OnClientClosed;
import io.jlws.spring.annotation.OnClientConnectionError;
import io.jlws.spring.annotation.OnClientEstablished;
import io.jlws.spring.annotation.OnClientReceive;
import io.jlws.spring.annotation.WebSocketProtocol;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * The client side of libwebsockets' {@code dumb-increment-protocol} (lws {@code callback_dumb_increment} in
 * {@code test-client.c}): every number the server sends is handed to {@link TestClient}, which prints it. An
 * annotated handler bean serving client connections only.
 */
@ConditionalOnProperty(SampleMode.CLIENT)
@WebSocketProtocol(name = TestClient.DUMB_INCREMENT, wholeMessage = true)
public class DumbIncrementClient {

	private final TestClient client;

	public DumbIncrementClient(TestClient client) {
		this.client = client;
	}

	@OnClientEstablished
	void established() {
		this.client.established(TestClient.DUMB_INCREMENT);
	}

	@OnClientReceive
	void received(String number) {
		this.client.number(number);
	}

	@OnClientClosed
	void closed(Connection connection) {
		this.client.closed(TestClient.DUMB_INCREMENT, connection.closeStatus(), connection.closeReason());
	}

	@OnClientConnectionError
	void failed(String reason) {
		this.client.connectionError(TestClient.DUMB_INCREMENT, reason);
	}

}
