package io.jlws.server;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static io.jlws.frame.AutobahnPayloads.concat;
import static io.jlws.frame.AutobahnPayloads.filled;
import static io.jlws.frame.AutobahnPayloads.hex;
import static io.jlws.frame.AutobahnPayloads.utf8;
import static io.jlws.server.AutobahnSupport.BINARY;
import static io.jlws.server.AutobahnSupport.PING;
import static io.jlws.server.AutobahnSupport.PONG;
import static io.jlws.server.AutobahnSupport.PROTOCOL_ERROR;
import static io.jlws.server.AutobahnSupport.TEXT;
import static io.jlws.server.AutobahnSupport.closeNormally;
import static io.jlws.server.AutobahnSupport.expectFailure;
import static io.jlws.server.AutobahnSupport.expectMessage;
import static io.jlws.server.AutobahnSupport.expectPong;
import static io.jlws.server.AutobahnSupport.frame;
import static io.jlws.server.AutobahnSupport.sendChopped;

/**
 * Autobahn TestSuite sections 1 (framing: text and binary messages of every length encoding) and 2 (pings and
 * pongs), server side: each case on its own connection, ending with a clean close handshake as Autobahn does.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AutobahnFramingTest {

	private static EchoServer server;

	@BeforeAll
	static void start() throws Exception {
		server = new EchoServer();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	private static RawClient connect() throws IOException {
		return RawClient.upgraded(server.port(), "/", "echo");
	}

	/** Sends one unfragmented message and expects it echoed, then closes cleanly. */
	private static void echo(int opcode, byte[] payload) throws IOException {
		try (RawClient c = connect()) {
			c.send(true, opcode, payload);
			expectMessage(c, opcode, payload);
			closeNormally(c);
		}
	}

	/** Like {@link #echo} but the frame's bytes go out in writes of {@code chop} bytes. */
	private static void echoChopped(int opcode, byte[] payload, int chop) throws IOException {
		try (RawClient c = connect()) {
			sendChopped(c, frame(true, opcode, payload), chop);
			expectMessage(c, opcode, payload);
			closeNormally(c);
		}
	}

	private static byte[] text(int length) {
		return filled(length, '*');
	}

	private static byte[] binary(int length) {
		return filled(length, 0xfe);
	}

	// ---- 1.1 text messages -------------------------------------------------------------------------

	@Test
	void case_1_1_1_textMessageLength0() throws IOException {
		echo(TEXT, text(0));
	}

	@Test
	void case_1_1_2_textMessageLength125() throws IOException {
		echo(TEXT, text(125));
	}

	@Test
	void case_1_1_3_textMessageLength126() throws IOException {
		echo(TEXT, text(126));
	}

	@Test
	void case_1_1_4_textMessageLength127() throws IOException {
		echo(TEXT, text(127));
	}

	@Test
	void case_1_1_5_textMessageLength128() throws IOException {
		echo(TEXT, text(128));
	}

	@Test
	void case_1_1_6_textMessageLength65535() throws IOException {
		echo(TEXT, text(65535));
	}

	@Test
	void case_1_1_7_textMessageLength65536() throws IOException {
		echo(TEXT, text(65536));
	}

	@Test
	void case_1_1_8_textMessageLength65536SentInChopsOf997() throws IOException {
		echoChopped(TEXT, text(65536), 997);
	}

	// ---- 1.2 binary messages -----------------------------------------------------------------------

	@Test
	void case_1_2_1_binaryMessageLength0() throws IOException {
		echo(BINARY, binary(0));
	}

	@Test
	void case_1_2_2_binaryMessageLength125() throws IOException {
		echo(BINARY, binary(125));
	}

	@Test
	void case_1_2_3_binaryMessageLength126() throws IOException {
		echo(BINARY, binary(126));
	}

	@Test
	void case_1_2_4_binaryMessageLength127() throws IOException {
		echo(BINARY, binary(127));
	}

	@Test
	void case_1_2_5_binaryMessageLength128() throws IOException {
		echo(BINARY, binary(128));
	}

	@Test
	void case_1_2_6_binaryMessageLength65535() throws IOException {
		echo(BINARY, binary(65535));
	}

	@Test
	void case_1_2_7_binaryMessageLength65536() throws IOException {
		echo(BINARY, binary(65536));
	}

	@Test
	void case_1_2_8_binaryMessageLength65536SentInChopsOf997() throws IOException {
		echoChopped(BINARY, binary(65536), 997);
	}

	// ---- 2 pings and pongs -------------------------------------------------------------------------

	@Test
	void case_2_1_pingWithoutPayload() throws IOException {
		try (RawClient c = connect()) {
			c.send(true, PING, new byte[0]);
			expectPong(c, new byte[0]);
			closeNormally(c);
		}
	}

	@Test
	void case_2_2_pingWithSmallTextPayload() throws IOException {
		try (RawClient c = connect()) {
			c.send(true, PING, utf8("Hello, world!"));
			expectPong(c, utf8("Hello, world!"));
			closeNormally(c);
		}
	}

	@Test
	void case_2_3_pingWithSmallBinaryPayload() throws IOException {
		byte[] payload = hex("00fffefdfcfb00ff");
		try (RawClient c = connect()) {
			c.send(true, PING, payload);
			expectPong(c, payload);
			closeNormally(c);
		}
	}

	@Test
	void case_2_4_pingWithBinaryPayloadOf125Octets() throws IOException {
		try (RawClient c = connect()) {
			c.send(true, PING, binary(125));
			expectPong(c, binary(125));
			closeNormally(c);
		}
	}

	@Test
	void case_2_5_pingWithBinaryPayloadOf126OctetsFailsWith1002() throws IOException {
		try (RawClient c = connect()) {
			c.send(true, PING, binary(126));
			expectFailure(c, PROTOCOL_ERROR);
		}
	}

	@Test
	void case_2_6_pingWithPayloadOf125OctetsSentInOctetWiseChops() throws IOException {
		try (RawClient c = connect()) {
			sendChopped(c, frame(true, PING, binary(125)), 1);
			expectPong(c, binary(125));
			closeNormally(c);
		}
	}

	@Test
	void case_2_7_unsolicitedPongWithoutPayloadIsIgnored() throws IOException {
		try (RawClient c = connect()) {
			c.send(true, PONG, new byte[0]);
			// Nothing may come back for the pong: the next frame must be the close answering ours.
			closeNormally(c);
		}
	}

	@Test
	void case_2_8_unsolicitedPongWithPayloadIsIgnored() throws IOException {
		try (RawClient c = connect()) {
			c.send(true, PONG, utf8("unsolicited pong payload"));
			closeNormally(c);
		}
	}

	@Test
	void case_2_9_unsolicitedPongThenPingGetsOnlyThePong() throws IOException {
		try (RawClient c = connect()) {
			c.send(true, PONG, utf8("unsolicited pong payload"));
			c.send(true, PING, utf8("ping payload"));
			expectPong(c, utf8("ping payload"));
			closeNormally(c);
		}
	}

	@Test
	void case_2_10_tenPingsGetTenPongsInOrder() throws IOException {
		try (RawClient c = connect()) {
			for (int i = 0; i < 10; i++) {
				c.send(true, PING, utf8("payload-" + i));
			}
			for (int i = 0; i < 10; i++) {
				expectPong(c, utf8("payload-" + i));
			}
			closeNormally(c);
		}
	}

	@Test
	void case_2_11_tenPingsSentInOctetWiseChopsGetTenPongs() throws IOException {
		try (RawClient c = connect()) {
			byte[][] pings = new byte[10][];
			for (int i = 0; i < 10; i++) {
				pings[i] = frame(true, PING, utf8("payload-" + i));
			}
			sendChopped(c, concat(pings), 1);
			for (int i = 0; i < 10; i++) {
				expectPong(c, utf8("payload-" + i));
			}
			closeNormally(c);
		}
	}

}
