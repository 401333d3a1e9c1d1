package io.jlws.client;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.jlws.frame.AutobahnPayloads;

import static io.jlws.client.AutobahnClientSupport.BINARY;
import static io.jlws.client.AutobahnClientSupport.CLOSE;
import static io.jlws.client.AutobahnClientSupport.FRAME_WISE;
import static io.jlws.client.AutobahnClientSupport.NORMAL;
import static io.jlws.client.AutobahnClientSupport.OCTET_WISE;
import static io.jlws.client.AutobahnClientSupport.ONE_CHOP;
import static io.jlws.client.AutobahnClientSupport.PING;
import static io.jlws.client.AutobahnClientSupport.PONG;
import static io.jlws.client.AutobahnClientSupport.PROTOCOL_ERROR;
import static io.jlws.client.AutobahnClientSupport.TEXT;
import static io.jlws.client.AutobahnClientSupport.frame;
import static io.jlws.client.AutobahnClientSupport.maskedFrame;
import static io.jlws.frame.AutobahnPayloads.closePayload;
import static io.jlws.frame.AutobahnPayloads.filled;
import static io.jlws.frame.AutobahnPayloads.hex;
import static io.jlws.frame.AutobahnPayloads.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Autobahn TestSuite sections 3 (reserved bits) and 4 (reserved opcodes), client side: the server sends a frame
 * with RSV bits or a reserved opcode, and the client must fail the connection with 1002 (Autobahn: closedByMe =
 * false). Where the case first sends a valid message, its echo must precede the close: the engine runs the
 * WRITEABLE the echo requested before it sends the close (Autobahn OK; a missing echo would be NON-STRICT), and the
 * trailing ping must get no pong. Also the RFC 6455 section 5.1 rule that only a client masks: a masked server
 * frame fails with 1002.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AutobahnClientReservedBitsOpcodesTest {

	private static final byte[] HELLO = utf8("Hello, world!");

	private static final byte[] RESERVED_PAYLOAD = utf8("reserved opcode payload");

	private static AutobahnEchoClient client;

	@BeforeAll
	static void start() throws Exception {
		client = new AutobahnEchoClient();
	}

	@AfterAll
	static void stop() {
		client.close();
	}

	/** A lone violating frame: fail with 1002 and nothing else. */
	private static void failsAlone(byte[] violation) throws Exception {
		try (AutobahnFuzzingPeer p = AutobahnFuzzingPeer.open(client)) {
			p.sendAfterViolation(violation, Integer.MAX_VALUE);
			p.expectFailure(PROTOCOL_ERROR);
			assertThat(p.session.received()).as("nothing delivered as a message").isEmpty();
		}
	}

	/**
	 * Autobahn's "valid text, violation, ping" sent {@code chopping} (one chop, frame-wise or octet-wise), without
	 * waiting for the echo: the echo, then the 1002 close, and no pong.
	 */
	private static void echoThenFails(int chopping, byte[] violation) throws Exception {
		try (AutobahnFuzzingPeer p = AutobahnFuzzingPeer.open(client)) {
			byte[] ping = frame(true, PING, new byte[0]);
			if (chopping == ONE_CHOP) {
				p.sendAfterViolation(AutobahnPayloads.concat(frame(true, TEXT, HELLO), violation, ping),
						Integer.MAX_VALUE);
			}
			else {
				int chop = (chopping == FRAME_WISE) ? Integer.MAX_VALUE : chopping;
				p.sendChopped(frame(true, TEXT, HELLO), chop);
				p.sendAfterViolation(violation, chop);
				p.sendAfterViolation(ping, chop);
			}
			p.expectMessage(TEXT, HELLO);
			p.expectFailure(PROTOCOL_ERROR);
			assertThat(p.session.received()).containsExactly("text " + HELLO.length);
		}
	}

	// ---- 3 reserved bits ---------------------------------------------------------------------------

	@Test
	void case_3_1_textWithRsv1FailsWith1002() throws Exception {
		failsAlone(frame(true, 1 << 2, TEXT, HELLO));
	}

	@Test
	void case_3_2_textThenTextWithRsv2ThenPing() throws Exception {
		echoThenFails(ONE_CHOP, frame(true, 1 << 1, TEXT, HELLO));
	}

	@Test
	void case_3_3_textThenTextWithRsv3ThenPingFrameWise() throws Exception {
		echoThenFails(FRAME_WISE, frame(true, 3, TEXT, HELLO));
	}

	@Test
	void case_3_4_textThenTextWithRsv4ThenPingOctetWise() throws Exception {
		echoThenFails(OCTET_WISE, frame(true, 4, TEXT, HELLO));
	}

	@Test
	void case_3_5_binaryWithRsv5FailsWith1002() throws Exception {
		failsAlone(frame(true, 5, BINARY, filled(8, 0xff)));
	}

	@Test
	void case_3_6_pingWithRsv6FailsWith1002() throws Exception {
		failsAlone(frame(true, 6, PING, HELLO));
	}

	@Test
	void case_3_7_closeWithRsv7FailsWith1002() throws Exception {
		failsAlone(frame(true, 7, CLOSE, closePayload(NORMAL, new byte[0])));
	}

	// ---- 4.1 reserved non-control opcodes ----------------------------------------------------------

	@Test
	void case_4_1_1_reservedOpcode3FailsWith1002() throws Exception {
		failsAlone(frame(true, 3, new byte[0]));
	}

	@Test
	void case_4_1_2_reservedOpcode4WithPayloadFailsWith1002() throws Exception {
		failsAlone(frame(true, 4, RESERVED_PAYLOAD));
	}

	@Test
	void case_4_1_3_textThenReservedOpcode5ThenPing() throws Exception {
		echoThenFails(ONE_CHOP, frame(true, 5, new byte[0]));
	}

	@Test
	void case_4_1_4_textThenReservedOpcode6WithPayloadThenPing() throws Exception {
		echoThenFails(ONE_CHOP, frame(true, 6, RESERVED_PAYLOAD));
	}

	@Test
	void case_4_1_5_textThenReservedOpcode7WithPayloadThenPing() throws Exception {
		echoThenFails(ONE_CHOP, frame(true, 7, RESERVED_PAYLOAD));
	}

	// ---- 4.2 reserved control opcodes --------------------------------------------------------------

	@Test
	void case_4_2_1_reservedOpcode11FailsWith1002() throws Exception {
		failsAlone(frame(true, 0xB, new byte[0]));
	}

	@Test
	void case_4_2_2_reservedOpcode12WithPayloadFailsWith1002() throws Exception {
		failsAlone(frame(true, 0xC, RESERVED_PAYLOAD));
	}

	@Test
	void case_4_2_3_textThenReservedOpcode13ThenPing() throws Exception {
		echoThenFails(ONE_CHOP, frame(true, 0xD, new byte[0]));
	}

	@Test
	void case_4_2_4_textThenReservedOpcode14WithPayloadThenPing() throws Exception {
		echoThenFails(ONE_CHOP, frame(true, 0xE, RESERVED_PAYLOAD));
	}

	@Test
	void case_4_2_5_textThenReservedOpcode15WithPayloadThenPing() throws Exception {
		echoThenFails(ONE_CHOP, frame(true, 0xF, RESERVED_PAYLOAD));
	}

	// ---- beyond Autobahn: the one-chop cases frame-wise, and framing only a client may use ---------

	@Test
	void case_3_2_extra_frameWise() throws Exception {
		echoThenFails(FRAME_WISE, frame(true, 2, TEXT, HELLO));
	}

	@Test
	void case_4_1_3_extra_octetWise() throws Exception {
		echoThenFails(OCTET_WISE, frame(true, 5, new byte[0]));
	}

	@Test
	void case_extra_maskedTextFromTheServerFailsWith1002() throws Exception {
		failsAlone(maskedFrame(true, TEXT, HELLO, hex("37fa213d")));
	}

	@Test
	void case_extra_maskedPingFromTheServerFailsWith1002AndGetsNoPong() throws Exception {
		failsAlone(maskedFrame(true, PING, HELLO, hex("37fa213d")));
	}

	@Test
	void case_extra_maskedCloseFromTheServerFailsWith1002() throws Exception {
		failsAlone(maskedFrame(true, CLOSE, closePayload(NORMAL, new byte[0]), hex("37fa213d")));
	}

	@Test
	void case_extra_textThenMaskedTextGetsEchoThen1002() throws Exception {
		echoThenFails(ONE_CHOP, maskedFrame(true, TEXT, HELLO, hex("00000000")));
	}

	@Test
	void case_extra_maskedPongFromTheServerFailsWith1002() throws Exception {
		failsAlone(maskedFrame(true, PONG, HELLO, hex("37fa213d")));
	}

	@Test
	void case_extra_lengthNotMinimallyEncodedFailsWith1002() throws Exception {
		// RFC 6455 section 5.2: "the minimal number of bytes MUST be used to encode the length": 5 bytes in 16 bits.
		failsAlone(AutobahnPayloads.concat(hex("817e0005"), utf8("Hello")));
	}

	@Test
	void case_extra_64BitLengthWithMostSignificantBitSetFailsWith1002() throws Exception {
		failsAlone(AutobahnPayloads.concat(hex("827f8000000000000001"), new byte[] { 1 }));
	}

}
