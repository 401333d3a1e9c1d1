package io.jlws.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.jlws.frame.AutobahnPayloads.closePayload;
import static io.jlws.frame.AutobahnPayloads.concat;
import static io.jlws.frame.AutobahnPayloads.filled;
import static io.jlws.frame.AutobahnPayloads.hex;
import static io.jlws.frame.AutobahnPayloads.repeated;
import static io.jlws.frame.AutobahnPayloads.utf8;
import static io.jlws.server.AutobahnSupport.CLOSE;
import static io.jlws.server.AutobahnSupport.CONTINUATION;
import static io.jlws.server.AutobahnSupport.INVALID_PAYLOAD;
import static io.jlws.server.AutobahnSupport.NORMAL;
import static io.jlws.server.AutobahnSupport.PING;
import static io.jlws.server.AutobahnSupport.PROTOCOL_ERROR;
import static io.jlws.server.AutobahnSupport.TEXT;
import static io.jlws.server.AutobahnSupport.assertPayload;
import static io.jlws.server.AutobahnSupport.closeNormally;
import static io.jlws.server.AutobahnSupport.describe;
import static io.jlws.server.AutobahnSupport.expectCloseEchoAndEof;
import static io.jlws.server.AutobahnSupport.expectFailure;
import static io.jlws.server.AutobahnSupport.expectMessage;
import static io.jlws.server.AutobahnSupport.frame;
import static io.jlws.server.AutobahnSupport.next;
import static io.jlws.server.AutobahnSupport.sendLeniently;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Autobahn TestSuite section 7 (close handling), server side: the server answers a valid CLOSE with a CLOSE
 * (echoing the code) and then closes the TCP connection; data after a CLOSE is ignored; an invalid close payload
 * (1 octet, a code not allowed on the wire, a reason that is not UTF-8) fails the connection.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AutobahnCloseTest {

	/** An empty CLOSE is answered with an empty CLOSE (RawClient reports 1005) or with 1000; both are clean. */
	private static final int NO_STATUS = 1005;

	private static final byte[] HELLO = utf8("Hello World!");

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

	private static byte[] close(int code) {
		return frame(true, CLOSE, closePayload(code, new byte[0]));
	}

	private static byte[] close(int code, byte[] reason) {
		return frame(true, CLOSE, closePayload(code, reason));
	}

	// ---- 7.1 basic close behaviour -----------------------------------------------------------------

	@Test
	void case_7_1_1_messageThenCloseGetsEchoThenCleanClose() throws IOException {
		try (RawClient c = connect()) {
			c.send(true, TEXT, HELLO);
			expectMessage(c, TEXT, HELLO);
			closeNormally(c);
		}
	}

	@Test
	void case_7_1_2_twoCloseFramesSecondIgnored() throws IOException {
		try (RawClient c = connect()) {
			c.sendRaw(concat(close(NORMAL), frame(true, CLOSE, new byte[0])));
			expectCloseEchoAndEof(c, NORMAL);
		}
	}

	@Test
	void case_7_1_3_pingAfterCloseGetsNoPong() throws IOException {
		try (RawClient c = connect()) {
			c.sendRaw(concat(close(NORMAL), frame(true, PING, new byte[0])));
			expectCloseEchoAndEof(c, NORMAL);
		}
	}

	@Test
	void case_7_1_4_textAfterCloseIsNotEchoed() throws IOException {
		try (RawClient c = connect()) {
			c.sendRaw(concat(close(NORMAL), frame(true, TEXT, HELLO)));
			expectCloseEchoAndEof(c, NORMAL);
		}
	}

	@Test
	void case_7_1_5_fragmentThenCloseThenFinalFragmentIsNotEchoed() throws IOException {
		try (RawClient c = connect()) {
			c.sendRaw(concat(frame(false, TEXT, utf8("fragment1")), close(NORMAL),
					frame(true, CONTINUATION, utf8("fragment2"))));
			expectCloseEchoAndEof(c, NORMAL);
		}
	}

	@Test
	void case_7_1_6_bigMessageThenMessageThenCloseThenPing() throws IOException {
		byte[] big = repeated("BAsd7&jh23", 256 * 1024);
		try (RawClient c = connect()) {
			// The server closes once it has answered the CLOSE, possibly before it read the trailing ping.
			sendLeniently(c, concat(frame(true, TEXT, big), frame(true, TEXT, HELLO), close(NORMAL),
					frame(true, PING, new byte[0])));
			// INFORMATIONAL in Autobahn. The engine runs the requested WRITEABLE before it answers the CLOSE, so
			// both echoes come first, whole and in order; then close 1000, no pong, EOF.
			byte[][] expected = { big, HELLO };
			int got = 0;
			while (true) {
				RawClient.Frame f = next(c, "echoes or the close");
				if (f.opcode() == CLOSE) {
					assertThat(f.closeCode()).as(describe(f)).isEqualTo(NORMAL);
					break;
				}
				assertThat(f.opcode()).as("frame before the close: " + describe(f)).isEqualTo(TEXT);
				assertThat(got).as("more echoes than messages sent").isLessThan(2);
				ByteArrayOutputStream message = new ByteArrayOutputStream();
				message.writeBytes(f.payload());
				while (!f.fin()) {
					f = next(c, "the rest of the echo");
					assertThat(f.opcode()).as(describe(f)).isEqualTo(CONTINUATION);
					message.writeBytes(f.payload());
				}
				// The first echo may be either message if the big one was dropped.
				if (got == 0 && message.size() == HELLO.length) {
					got = 1;
				}
				assertPayload(message.toByteArray(), expected[got], "echo " + (got + 1));
				got++;
			}
			assertThat(got).as("both echoes precede the close").isEqualTo(2);
			assertThat(c.awaitEof()).as("server closes the TCP connection").isTrue();
		}
	}

	// ---- 7.3 close frame payloads ------------------------------------------------------------------

	@Test
	void case_7_3_1_closeWithEmptyPayload() throws IOException {
		try (RawClient c = connect()) {
			c.send(true, CLOSE, new byte[0]);
			expectCloseEchoAndEof(c, NO_STATUS, NORMAL);
		}
	}

	@Test
	void case_7_3_2_closeWithPayloadLength1FailsWith1002() throws IOException {
		try (RawClient c = connect()) {
			c.send(true, CLOSE, utf8("a"));
			expectFailure(c, PROTOCOL_ERROR);
		}
	}

	@Test
	void case_7_3_3_closeWithCodeOnly() throws IOException {
		try (RawClient c = connect()) {
			c.sendRaw(close(NORMAL));
			expectCloseEchoAndEof(c, NORMAL);
		}
	}

	@Test
	void case_7_3_4_closeWithCodeAndReason() throws IOException {
		try (RawClient c = connect()) {
			c.sendRaw(close(NORMAL, utf8("Hello World!")));
			expectCloseEchoAndEof(c, NORMAL);
		}
	}

	@Test
	void case_7_3_5_closeWithCodeAndReasonOfMaximumLength123() throws IOException {
		try (RawClient c = connect()) {
			c.sendRaw(close(NORMAL, filled(123, '*')));
			expectCloseEchoAndEof(c, NORMAL);
		}
	}

	@Test
	void case_7_3_6_closeWithReasonTooLong124FailsWith1002() throws IOException {
		try (RawClient c = connect()) {
			c.sendRaw(close(NORMAL, filled(124, '*')));
			expectFailure(c, PROTOCOL_ERROR);
		}
	}

	// ---- 7.5 close reason not UTF-8 ----------------------------------------------------------------

	@Test
	void case_7_5_1_closeWithInvalidUtf8ReasonFailsWith1007() throws IOException {
		try (RawClient c = connect()) {
			c.sendRaw(close(NORMAL, hex("cebae1bdb9cf83cebcceb5eda080656469746564")));
			expectFailure(c, INVALID_PAYLOAD);
		}
	}

	// ---- 7.7 valid close codes are echoed ----------------------------------------------------------

	static Stream<Arguments> validCodes() {
		int[] codes = { 1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999 };
		return IntStream.range(0, codes.length).mapToObj((i) -> Arguments.of("case_7_7_" + (i + 1), codes[i]));
	}

	@ParameterizedTest(name = "{0}: close code {1} is echoed")
	@MethodSource("validCodes")
	void case_7_7_x_validCloseCodeIsEchoed(String caseId, int code) throws IOException {
		try (RawClient c = connect()) {
			c.sendRaw(close(code));
			expectCloseEchoAndEof(c, code);
		}
	}

	/** Beyond Autobahn: 1012-1014 were registered with IANA after RFC 6455 and are valid on the wire. */
	@ParameterizedTest(name = "case_7_7_extra: IANA close code {0} is echoed")
	@MethodSource("ianaCodes")
	void case_7_7_extra_ianaRegisteredCloseCodeIsEchoed(int code) throws IOException {
		try (RawClient c = connect()) {
			c.sendRaw(close(code));
			expectCloseEchoAndEof(c, code);
		}
	}

	static IntStream ianaCodes() {
		return IntStream.of(1012, 1013, 1014);
	}

	// ---- 7.9 invalid close codes fail with 1002 ----------------------------------------------------

	static Stream<Arguments> invalidCodes() {
		int[] codes = { 0, 999, 1004, 1005, 1006, 1016, 1100, 2000, 2999 };
		return IntStream.range(0, codes.length).mapToObj((i) -> Arguments.of("case_7_9_" + (i + 1), codes[i]));
	}

	@ParameterizedTest(name = "{0}: close code {1} fails with 1002")
	@MethodSource("invalidCodes")
	void case_7_9_x_invalidCloseCodeFailsWith1002(String caseId, int code) throws IOException {
		try (RawClient c = connect()) {
			c.sendRaw(close(code));
			expectFailure(c, PROTOCOL_ERROR);
		}
	}

	/** Beyond Autobahn's current list: 1015 (TLS handshake failure) is reserved for local reporting only. */
	@Test
	void case_7_9_extra_closeCode1015FailsWith1002() throws IOException {
		try (RawClient c = connect()) {
			c.sendRaw(close(1015));
			expectFailure(c, PROTOCOL_ERROR);
		}
	}

	// ---- 7.13 close codes out of range (informational in Autobahn) ---------------------------------

	@Test
	void case_7_13_1_closeCode5000FailsWith1002() throws IOException {
		// Autobahn accepts 1000, 5000 or 1002; 5000 is not allowed on the wire (RFC 6455 7.4.2), so 1002.
		try (RawClient c = connect()) {
			c.sendRaw(close(5000));
			expectFailure(c, PROTOCOL_ERROR);
		}
	}

	@Test
	void case_7_13_2_closeCode65535FailsWith1002() throws IOException {
		try (RawClient c = connect()) {
			c.sendRaw(close(65535));
			expectFailure(c, PROTOCOL_ERROR);
		}
	}

}
