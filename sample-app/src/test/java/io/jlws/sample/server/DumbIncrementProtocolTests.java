package io.jlws.sample.server;

import java.util.ArrayList;
import java.util.List;

import io.jlws.sample.support.JlwsTestClient;
import io.jlws.sample.support.JlwsTestClient.Closed;
import io.jlws.sample.support.JlwsTestClient.Message;
import io.jlws.sample.support.JlwsTestClient.Session;
import io.jlws.sample.support.SampleAppTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code dumb-increment-protocol}: 0, 1, 2, ... as text every 50 ms; {@code reset\n}; {@code closeme\n}. */
@SampleAppTest
class DumbIncrementProtocolTests {

	@Value("${local.jlws.port}")
	private int port;

	private JlwsTestClient client;

	@BeforeEach
	void startClient() throws Exception {
		this.client = new JlwsTestClient();
	}

	@AfterEach
	void stopClient() {
		this.client.close();
	}

	private Session connect() {
		Session session = this.client.connect(this.port, "/", "dumb-increment-protocol");
		assertThat(session.awaitEstablished()).isEqualTo("dumb-increment-protocol");
		return session;
	}

	@Test
	void sendsConsecutiveNumbersAsTextAboutEvery50Milliseconds() {
		Session session = connect();
		long start = System.nanoTime();
		List<Message> messages = new ArrayList<>();
		for (int i = 0; i <= 10; i++) {
			messages.add(session.nextMessage());
		}
		long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
		assertThat(messages).allSatisfy((m) -> {
			assertThat(m.binary()).isFalse();
			assertThat(m.frames()).isOne();
		});
		assertThat(messages).extracting(Message::text)
			.containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
		// ten periods of 50 ms between "0" and "10"; generous upper bound for slow machines
		assertThat(elapsedMillis).isBetween(400L, 5_000L);
	}

	@Test
	void resetRestartsTheCountAtZero() {
		Session session = connect();
		int last = -1;
		while (last < 5) {
			last = Integer.parseInt(session.nextMessage().text());
		}
		session.sendText("reset\n");
		// numbers already on their way keep counting up; the first one after the reset is 0 again
		int next;
		do {
			next = Integer.parseInt(session.nextMessage().text());
			assertThat(next).as("counting up until the reset arrives").isIn(0, last + 1);
			last = next;
		}
		while (next != 0);
		assertThat(session.nextMessage().text()).isEqualTo("1");
		assertThat(session.nextMessage().text()).isEqualTo("2");
	}

	@Test
	void closemeClosesWith1001Seeya() {
		Session session = connect();
		session.nextMessage();
		session.sendText("closeme\n");
		Closed closed = session.awaitClosed();
		assertThat(closed.status()).isEqualTo(1001);
		assertThat(closed.reason()).isEqualTo("seeya");
	}

}
