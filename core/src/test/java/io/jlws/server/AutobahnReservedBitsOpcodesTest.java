package io.jlws.server;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static io.jlws.frame.AutobahnPayloads.closePayload;
import static io.jlws.frame.AutobahnPayloads.filled;
import static io.jlws.frame.AutobahnPayloads.utf8;
import static io.jlws.server.AutobahnSupport.BINARY;
import static io.jlws.server.AutobahnSupport.CLOSE;
import static io.jlws.server.AutobahnSupport.NORMAL;
import static io.jlws.server.AutobahnSupport.PING;
import static io.jlws.server.AutobahnSupport.PROTOCOL_ERROR;
import static io.jlws.server.AutobahnSupport.TEXT;
import static io.jlws.server.AutobahnSupport.expectFailure;
import static io.jlws.server.AutobahnSupport.expectMessage;
import static io.jlws.server.AutobahnSupport.expectOptionalEchoThenFailure;
import static io.jlws.server.AutobahnSupport.frame;
import static io.jlws.server.AutobahnSupport.sendAfterViolation;
import static io.jlws.server.AutobahnSupport.sendChopped;
import static io.jlws.server.AutobahnSupport.sendOneChop;

/**
 * Autobahn TestSuite sections 3 (reserved bits) and 4 (reserved opcodes), server side. Every case must fail the
 * connection with 1002; where the case first sends a valid message, its echo may precede the close.
 *
 * <p>Where Autobahn sends the valid message and the violation in one chop, the server sees both in one read; it
 * runs the WRITEABLE the echo requested before it sends its close, so the echo comes first (OK) in every case.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AutobahnReservedBitsOpcodesTest {

	private static final byte[] HELLO = utf8("Hello, world!");

	private static final byte[] RESERVED_PAYLOAD = utf8("reserved opcode payload");

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

	/** A lone violating frame: fail with 1002 and nothing else. */
	private static void failsAlone(byte[] violation) throws IOException {
		try (RawClient c = connect()) {
			c.sendRaw(violation);
			expectFailure(c, PROTOCOL_ERROR);
		}
	}

	/**
	 * Autobahn's "valid text, violation, ping" all in one chop: the echo may or may not precede the 1002 close,
	 * the pong must never come.
	 */
	private static void echoMaybeThenFails(byte[] violation) throws IOException {
		try (RawClient c = connect()) {
			sendOneChop(c, frame(true, TEXT, HELLO), violation, frame(true, PING, new byte[0]));
			// OK: the valid message and the violation arrive in one read; the requested WRITEABLE runs before
			// the failure's close frame, so the echo comes first.
			expectOptionalEchoThenFailure(c, TEXT, HELLO, PROTOCOL_ERROR);
		}
	}

	/**
	 * The same sequence with each frame's bytes in writes of {@code chop} octets; the echo is read before the
	 * violation is sent, so the OK outcome (echo, then 1002, no pong) is asserted.
	 */
	private static void echoThenFailsChopped(byte[] violation, int chop) throws IOException {
		try (RawClient c = connect()) {
			sendChopped(c, frame(true, TEXT, HELLO), chop);
			expectMessage(c, TEXT, HELLO);
			sendChopped(c, violation, chop);
			sendAfterViolation(c, frame(true, PING, new byte[0]), chop);
			expectFailure(c, PROTOCOL_ERROR);
		}
	}

	// ---- 3 reserved bits ---------------------------------------------------------------------------

	@Test
	void case_3_1_textWithRsv1FailsWith1002() throws IOException {
		failsAlone(frame(true, 1, TEXT, HELLO));
	}

	@Test
	void case_3_2_textThenTextWithRsv2ThenPing() throws IOException {
		// OK: the echo is written before the failure (see AutobahnSupport.expectOptionalEchoThenFailure)
		echoMaybeThenFails(frame(true, 2, TEXT, HELLO));
	}

	@Test
	void case_3_3_textThenTextWithRsv3ThenPingFrameWise() throws IOException {
		// Autobahn: frame-wise chops (each frame its own write).
		echoThenFailsChopped(frame(true, 3, TEXT, HELLO), Integer.MAX_VALUE);
	}

	@Test
	void case_3_4_textThenTextWithRsv4ThenPingOctetWise() throws IOException {
		echoThenFailsChopped(frame(true, 4, TEXT, HELLO), 1);
	}

	@Test
	void case_3_5_binaryWithRsv5FailsWith1002() throws IOException {
		failsAlone(frame(true, 5, BINARY, filled(8, 0xff)));
	}

	@Test
	void case_3_6_pingWithRsv6FailsWith1002() throws IOException {
		failsAlone(frame(true, 6, PING, HELLO));
	}

	@Test
	void case_3_7_closeWithRsv7FailsWith1002() throws IOException {
		failsAlone(frame(true, 7, CLOSE, closePayload(NORMAL, new byte[0])));
	}

	// ---- 4.1 reserved non-control opcodes ----------------------------------------------------------

	@Test
	void case_4_1_1_reservedOpcode3FailsWith1002() throws IOException {
		failsAlone(frame(true, 3, new byte[0]));
	}

	@Test
	void case_4_1_2_reservedOpcode4WithPayloadFailsWith1002() throws IOException {
		failsAlone(frame(true, 4, RESERVED_PAYLOAD));
	}

	@Test
	void case_4_1_3_textThenReservedOpcode5ThenPing() throws IOException {
		// OK: the echo is written before the failure (see AutobahnSupport.expectOptionalEchoThenFailure)
		echoMaybeThenFails(frame(true, 5, new byte[0]));
	}

	@Test
	void case_4_1_4_textThenReservedOpcode6WithPayloadThenPing() throws IOException {
		// OK: the echo is written before the failure (see AutobahnSupport.expectOptionalEchoThenFailure)
		echoMaybeThenFails(frame(true, 6, RESERVED_PAYLOAD));
	}

	@Test
	void case_4_1_5_textThenReservedOpcode7WithPayloadThenPing() throws IOException {
		// OK: the echo is written before the failure (see AutobahnSupport.expectOptionalEchoThenFailure)
		echoMaybeThenFails(frame(true, 7, RESERVED_PAYLOAD));
	}

	// ---- 4.2 reserved control opcodes --------------------------------------------------------------

	@Test
	void case_4_2_1_reservedOpcode11FailsWith1002() throws IOException {
		failsAlone(frame(true, 0xB, new byte[0]));
	}

	@Test
	void case_4_2_2_reservedOpcode12WithPayloadFailsWith1002() throws IOException {
		failsAlone(frame(true, 0xC, RESERVED_PAYLOAD));
	}

	@Test
	void case_4_2_3_textThenReservedOpcode13ThenPing() throws IOException {
		// OK: the echo is written before the failure (see AutobahnSupport.expectOptionalEchoThenFailure)
		echoMaybeThenFails(frame(true, 0xD, new byte[0]));
	}

	@Test
	void case_4_2_4_textThenReservedOpcode14WithPayloadThenPing() throws IOException {
		// OK: the echo is written before the failure (see AutobahnSupport.expectOptionalEchoThenFailure)
		echoMaybeThenFails(frame(true, 0xE, RESERVED_PAYLOAD));
	}

	@Test
	void case_4_2_5_textThenReservedOpcode15WithPayloadThenPing() throws IOException {
		// OK: the echo is written before the failure (see AutobahnSupport.expectOptionalEchoThenFailure)
		echoMaybeThenFails(frame(true, 0xF, RESERVED_PAYLOAD));
	}

	// ---- the one-chop cases, split so the OK outcome (echo first) is asserted strictly ------------

	@Test
	void case_3_2_strict_echoBeforeFailureWhenSentSeparately() throws IOException {
		echoThenFailsChopped(frame(true, 2, TEXT, HELLO), Integer.MAX_VALUE);
	}

	@Test
	void case_4_1_3_strict_echoBeforeFailureWhenSentSeparately() throws IOException {
		echoThenFailsChopped(frame(true, 5, new byte[0]), Integer.MAX_VALUE);
	}

}
