package io.jlws.sample.server;

import java.nio.ByteBuffer;

import io.jlws.sample.support.JlwsTestClient;
import io.jlws.sample.support.JlwsTestClient.Chunk;
import io.jlws.sample.support.JlwsTestClient.Message;
import io.jlws.sample.support.JlwsTestClient.Session;
import io.jlws.sample.support.SampleAppTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;

import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code fraggle-protocol} (libwebsockets' test-fraggle): the server sends one binary message in 1 to 16 random
 * fragments of 1 to 8000 bytes, then the 4-byte big-endian sum of its bytes (unsigned) as a separate binary message.
 * The core client reassembles with the fragment API ({@code isFirstFragment}/{@code isFinalFragment} during
 * CLIENT_RECEIVE, recorded per chunk by {@link JlwsTestClient}) and checks the sum. Repeated, the fragmentation
 * being random.
 */
@SampleAppTest
class FraggleProtocolTests {

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

	@RepeatedTest(5)
	void reassembledMessageMatchesTheSumThatFollowsIt() {
		Session session = this.client.connect(this.port, "/", "fraggle-protocol");
		assertThat(session.awaitEstablished()).isEqualTo("fraggle-protocol");

		Message message = session.nextMessage();
		assertThat(message.binary()).isTrue();
		assertThat(message.frames()).isBetween(1, 16);
		assertThat(message.length()).isBetween(message.frames(), message.frames() * 8000);
		// the fragment API: first only on the first chunk, final only on the last; every chunk binary
		assertThat(message.chunks()).hasSizeGreaterThanOrEqualTo(message.frames());
		for (int i = 0; i < message.chunks().size(); i++) {
			Chunk chunk = message.chunks().get(i);
			assertThat(chunk.first()).as("isFirstFragment of chunk %d", i).isEqualTo(i == 0);
			assertThat(chunk.last()).as("isFinalFragment of chunk %d", i).isEqualTo(i == message.chunks().size() - 1);
			assertThat(chunk.binary()).isTrue();
		}
		assertThat(message.chunks().stream().mapToInt(Chunk::length).sum()).isEqualTo(message.length());

		int sum = 0;
		for (byte b : message.data()) {
			sum += b & 0xff;
		}
		Message trailer = session.nextMessage();
		assertThat(trailer.binary()).isTrue();
		assertThat(trailer.frames()).isOne();
		assertThat(trailer.length()).isEqualTo(4);
		assertThat(ByteBuffer.wrap(trailer.data()).getInt()).as("big-endian sum of the message's bytes").isEqualTo(sum);
		assertThat(session.drain()).isEmpty();
	}

}
