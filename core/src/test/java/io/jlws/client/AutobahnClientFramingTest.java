package io.jlws.client;

import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static io.jlws.client.AutobahnClientSupport.BINARY;
import static io.jlws.client.AutobahnClientSupport.OCTET_WISE;
import static io.jlws.client.AutobahnClientSupport.PING;
import static io.jlws.client.AutobahnClientSupport.PONG;
import static io.jlws.client.AutobahnClientSupport.PROTOCOL_ERROR;
import static io.jlws.client.AutobahnClientSupport.TEXT;
import static io.jlws.client.AutobahnClientSupport.frame;
import static io.jlws.frame.AutobahnPayloads.concat;
import static io.jlws.frame.AutobahnPayloads.filled;
import static io.jlws.frame.AutobahnPayloads.hex;
import static io.jlws.frame.AutobahnPayloads.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Autobahn TestSuite sections 1 (framing: text and binary messages of every length encoding) and 2 (pings and
 * pongs), client side: the test is the fuzzingserver; the client must echo each message and answer each ping, then
 * answer the server's close (Autobahn: closedByMe = true, clean, 1000).
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AutobahnClientFramingTest {

	private static AutobahnEchoClient client;

	@BeforeAll
	static void start() throws Exception {
		client = new AutobahnEchoClient();
	}

	@AfterAll
	static void stop() {
		client.close();
	}

	/** Sends one unfragmented message, expects it echoed, then closes cleanly. */
	private static void echo(int opcode, byte[] payload) throws Exception {
		echoChopped(opcode, payload, Integer.MAX_VALUE);
	}

	/** Like {@link #echo} but the frame's bytes go out in writes of {@code chop} bytes. */
	private static void echoChopped(int opcode, byte[] payload, int chop) throws Exception {
		try (AutobahnFuzzingPeer p = AutobahnFuzzingPeer.open(client)) {
			p.sendChopped(frame(true, opcode, payload), chop);
			p.expectMessage(opcode, payload);
			p.closeNormally();
			assertThat(p.session.received()).containsExactly((opcode == TEXT ? "text " : "binary ") + payload.length);
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
	void case_1_1_1_textMessageLength0() throws Exception {
		echo(TEXT, text(0));
	}

	@Test
	void case_1_1_2_textMessageLength125() throws Exception {
		echo(TEXT, text(125));
	}

	@Test
	void case_1_1_3_textMessageLength126() throws Exception {
		echo(TEXT, text(126));
	}

	@Test
	void case_1_1_4_textMessageLength127() throws Exception {
		echo(TEXT, text(127));
	}

	@Test
	void case_1_1_5_textMessageLength128() throws Exception {
		echo(TEXT, text(128));
	}

	@Test
	void case_1_1_6_textMessageLength65535() throws Exception {
		echo(TEXT, text(65535));
	}

	@Test
	void case_1_1_7_textMessageLength65536() throws Exception {
		echo(TEXT, text(65536));
	}

	@Test
	void case_1_1_8_textMessageLength65536SentInChopsOf997() throws Exception {
		echoChopped(TEXT, text(65536), 997);
	}

	// ---- 1.2 binary messages -----------------------------------------------------------------------

	@Test
	void case_1_2_1_binaryMessageLength0() throws Exception {
		echo(BINARY, binary(0));
	}

	@Test
	void case_1_2_2_binaryMessageLength125() throws Exception {
		echo(BINARY, binary(125));
	}

	@Test
	void case_1_2_3_binaryMessageLength126() throws Exception {
		echo(BINARY, binary(126));
	}

	@Test
	void case_1_2_4_binaryMessageLength127() throws Exception {
		echo(BINARY, binary(127));
	}

	@Test
	void case_1_2_5_binaryMessageLength128() throws Exception {
		echo(BINARY, binary(128));
	}

	@Test
	void case_1_2_6_binaryMessageLength65535() throws Exception {
		echo(BINARY, binary(65535));
	}

	@Test
	void case_1_2_7_binaryMessageLength65536() throws Exception {
		echo(BINARY, binary(65536));
	}

	@Test
	void case_1_2_8_binaryMessageLength65536SentInChopsOf997() throws Exception {
		echoChopped(BINARY, binary(65536), 997);
	}

	// ---- 2 pings and pongs -------------------------------------------------------------------------

	private static void pingGetsPong(byte[] payload, int chop) throws Exception {
		try (AutobahnFuzzingPeer p = AutobahnFuzzingPeer.open(client)) {
			p.sendChopped(frame(true, PING, payload), chop);
			p.expectPong(payload);
			p.closeNormally();
		}
	}

	@Test
	void case_2_1_pingWithoutPayload() throws Exception {
		pingGetsPong(new byte[0], Integer.MAX_VALUE);
	}

	@Test
	void case_2_2_pingWithSmallTextPayload() throws Exception {
		pingGetsPong(utf8("Hello, world!"), Integer.MAX_VALUE);
	}

	@Test
	void case_2_3_pingWithSmallBinaryPayload() throws Exception {
		pingGetsPong(hex("00fffefdfcfb00ff"), Integer.MAX_VALUE);
	}

	@Test
	void case_2_4_pingWithBinaryPayloadOf125Octets() throws Exception {
		pingGetsPong(binary(125), Integer.MAX_VALUE);
	}

	@Test
	void case_2_5_pingWithBinaryPayloadOf126OctetsFailsWith1002() throws Exception {
		try (AutobahnFuzzingPeer p = AutobahnFuzzingPeer.open(client)) {
			p.sendAfterViolation(frame(true, PING, binary(126)), Integer.MAX_VALUE);
			p.expectFailure(PROTOCOL_ERROR);
		}
	}

	@Test
	void case_2_6_pingWithPayloadOf125OctetsSentInOctetWiseChops() throws Exception {
		pingGetsPong(binary(125), OCTET_WISE);
	}

	@Test
	void case_2_7_unsolicitedPongWithoutPayloadIsIgnored() throws Exception {
		try (AutobahnFuzzingPeer p = AutobahnFuzzingPeer.open(client)) {
			p.send(frame(true, PONG, new byte[0]));
			// Nothing may come back for the pong: the next client frame must be the close answering ours.
			p.closeNormally();
			assertThat(p.session.log).as("the client's protocol sees the pong").contains("CLIENT_RECEIVE_PONG ");
		}
	}

	@Test
	void case_2_8_unsolicitedPongWithPayloadIsIgnored() throws Exception {
		try (AutobahnFuzzingPeer p = AutobahnFuzzingPeer.open(client)) {
			p.send(frame(true, PONG, utf8("unsolicited pong payload")));
			p.closeNormally();
		}
	}

	@Test
	void case_2_9_unsolicitedPongThenPingGetsOnlyThePong() throws Exception {
		try (AutobahnFuzzingPeer p = AutobahnFuzzingPeer.open(client)) {
			p.send(frame(true, PONG, utf8("unsolicited pong payload")));
			p.send(frame(true, PING, utf8("ping payload")));
			p.expectPong(utf8("ping payload"));
			p.closeNormally();
		}
	}

	@Test
	void case_2_10_tenPingsGetTenPongsInOrder() throws Exception {
		try (AutobahnFuzzingPeer p = AutobahnFuzzingPeer.open(client)) {
			for (int i = 0; i < 10; i++) {
				p.send(frame(true, PING, utf8("payload-" + i)));
			}
			Set<String> keys = new HashSet<>();
			for (int i = 0; i < 10; i++) {
				keys.add(HexFormat.of().formatHex(p.expectPong(utf8("payload-" + i)).maskingKey()));
			}
			// RFC 6455 section 5.3: a fresh, unpredictable masking key for each frame.
			assertThat(keys).as("masking keys of the ten pongs").hasSize(10);
			p.closeNormally();
		}
	}

	@Test
	void case_2_11_tenPingsSentInOctetWiseChopsGetTenPongs() throws Exception {
		try (AutobahnFuzzingPeer p = AutobahnFuzzingPeer.open(client)) {
			byte[][] pings = new byte[10][];
			for (int i = 0; i < 10; i++) {
				pings[i] = frame(true, PING, utf8("payload-" + i));
			}
			p.sendChopped(concat(pings), 1);
			for (int i = 0; i < 10; i++) {
				p.expectPong(utf8("payload-" + i));
			}
			p.closeNormally();
		}
	}

	// ---- beyond Autobahn: frames in the same TCP write as the 101 ----------------------------------

	@Test
	void case_1_extra_framesInTheSameWriteAsThe101AreProcessed() throws Exception {
		// Autobahn's onOpen sends right after the handshake, so the first frames may share a segment with the 101.
		byte[] frames = concat(frame(true, PING, utf8("first")), frame(true, TEXT, utf8("right after the 101")),
				frame(true, BINARY, binary(200)));
		try (AutobahnFuzzingPeer p = AutobahnFuzzingPeer.open(client, frames)) {
			p.expectPong(utf8("first"));
			p.expectMessage(TEXT, utf8("right after the 101"));
			p.expectMessage(BINARY, binary(200));
			p.closeNormally();
			assertThat(p.session.received()).containsExactly("text 19", "binary 200");
		}
	}

	@Test
	void case_1_extra_closeInTheSameWriteAsThe101IsAnswered() throws Exception {
		try (AutobahnFuzzingPeer p = AutobahnFuzzingPeer.open(client, AutobahnClientSupport.close(1001))) {
			p.expectCloseReply(1001);
			p.expectTcpClose();
			p.session.expectClosed(1001);
		}
	}

	@Test
	void case_1_extra_violationInTheSameWriteAsThe101FailsWith1002() throws Exception {
		try (AutobahnFuzzingPeer p = AutobahnFuzzingPeer.open(client, frame(true, 1 << 2, TEXT, utf8("rsv1")))) {
			p.expectFailure(PROTOCOL_ERROR);
		}
	}

}
