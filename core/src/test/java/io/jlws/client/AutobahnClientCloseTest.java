package io.jlws.client;

import java.time.Duration;
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

import io.jlws.frame.AutobahnPayloads;

import static io.jlws.client.AutobahnClientSupport.CLOSE;
import static io.jlws.client.AutobahnClientSupport.CONTINUATION;
import static io.jlws.client.AutobahnClientSupport.INVALID_PAYLOAD;
import static io.jlws.client.AutobahnClientSupport.NORMAL;
import static io.jlws.client.AutobahnClientSupport.NO_STATUS;
import static io.jlws.client.AutobahnClientSupport.PING;
import static io.jlws.client.AutobahnClientSupport.PROTOCOL_ERROR;
import static io.jlws.client.AutobahnClientSupport.TEXT;
import static io.jlws.client.AutobahnClientSupport.close;
import static io.jlws.client.AutobahnClientSupport.frame;
import static io.jlws.frame.AutobahnPayloads.filled;
import static io.jlws.frame.AutobahnPayloads.hex;
import static io.jlws.frame.AutobahnPayloads.repeated;
import static io.jlws.frame.AutobahnPayloads.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Autobahn TestSuite section 7 (close handling), client side. The server closes: the client must answer a valid
 * CLOSE with a CLOSE (echoing the code), send nothing after it, and end the TCP connection; frames after the
 * server's CLOSE are ignored; an invalid close payload (1 octet, a code not allowed on the wire, a reason that is
 * not UTF-8, a payload over 125 octets) fails the connection (1002, 1007). The client reports CLIENT_CLOSED with
 * the server's code for a clean close and with its own for a failure.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AutobahnClientCloseTest {

	private static final byte[] HELLO = utf8("Hello World!");

	private static AutobahnEchoClient client;

	@BeforeAll
	static void start() throws Exception {
		client = new AutobahnEchoClient();
	}

	@AfterAll
	static void stop() {
		client.close();
	}

	/**
	 * Autobahn's clean close started by the server: the client's next frame answers it with one of {@code replies},
	 * nothing follows, the TCP connection ends, and the client reports CLIENT_CLOSED {@code status}.
	 */
	private static void expectCleanClose(AutobahnFuzzingPeer p, int status, int... replies) throws Exception {
		p.expectCloseReply(replies);
		p.expectTcpClose();
		p.session.expectClosed(status);
	}

	// ---- 7.1 basic close behaviour -----------------------------------------------------------------

	@Test
	void case_7_1_1_messageThenCloseGetsEchoThenCleanClose() throws Exception {
		try (AutobahnFuzzingPeer p = AutobahnFuzzingPeer.open(client)) {
			p.send(frame(true, TEXT, HELLO), close(NORMAL));
			p.expectMessage(TEXT, HELLO);
			expectCleanClose(p, NORMAL, NORMAL);
		}
	}

	@Test
	void case_7_1_2_twoCloseFramesSecondIgnored() throws Exception {
		try (AutobahnFuzzingPeer p = AutobahnFuzzingPeer.open(client)) {
			p.sendAfterViolation(AutobahnPayloads.concat(close(NORMAL), frame(true, CLOSE, new byte[0])),
					Integer.MAX_VALUE);
			expectCleanClose(p, NORMAL, NORMAL);
		}
	}

	@Test
	void case_7_1_3_pingAfterCloseGetsNoPong() throws Exception {
		try (AutobahnFuzzingPeer p = AutobahnFuzzingPeer.open(client)) {
			p.sendAfterViolation(AutobahnPayloads.concat(close(NORMAL), frame(true, PING, new byte[0])),
					Integer.MAX_VALUE);
			expectCleanClose(p, NORMAL, NORMAL);
		}
	}

	@Test
	void case_7_1_4_textAfterCloseIsNotEchoed() throws Exception {
		try (AutobahnFuzzingPeer p = AutobahnFuzzingPeer.open(client)) {
			p.sendAfterViolation(AutobahnPayloads.concat(close(NORMAL), frame(true, TEXT, HELLO)),
					Integer.MAX_VALUE);
			expectCleanClose(p, NORMAL, NORMAL);
			assertThat(p.session.received()).as("nothing delivered after the close").isEmpty();
		}
	}

	@Test
	void case_7_1_5_fragmentThenCloseThenFinalFragmentIsNotEchoed() throws Exception {
		try (AutobahnFuzzingPeer p = AutobahnFuzzingPeer.open(client)) {
			p.sendAfterViolation(AutobahnPayloads.concat(frame(false, TEXT, utf8("fragment1")), close(NORMAL),
					frame(true, CONTINUATION, utf8("fragment2"))), Integer.MAX_VALUE);
			expectCleanClose(p, NORMAL, NORMAL);
			assertThat(p.session.received()).isEmpty();
		}
	}

	@Test
	void case_7_1_6_bigMessageThenMessageThenCloseThenPing() throws Exception {
		byte[] big = repeated("BAsd7&jh23", 256 * 1024);
		try (AutobahnFuzzingPeer p = AutobahnFuzzingPeer.open(client)) {
			p.sendAfterViolation(AutobahnPayloads.concat(frame(true, TEXT, big), frame(true, TEXT, HELLO),
					close(NORMAL), frame(true, PING, new byte[0])), Integer.MAX_VALUE);
			// INFORMATIONAL in Autobahn. The engine runs the requested WRITEABLE before it answers the CLOSE, so
			// both echoes come first, whole and in order; then close 1000, no pong, end of connection.
			p.expectMessage(TEXT, big);
			p.expectMessage(TEXT, HELLO);
			expectCleanClose(p, NORMAL, NORMAL);
			assertThat(p.session.received()).containsExactly("text " + big.length, "text " + HELLO.length);
		}
	}

	// ---- 7.3 close frame payloads ------------------------------------------------------------------

	@Test
	void case_7_3_1_closeWithEmptyPayload() throws Exception {
		try (AutobahnFuzzingPeer p = AutobahnFuzzingPeer.open(client)) {
			p.send(frame(true, CLOSE, new byte[0]));
			// An empty CLOSE is answered with an empty one (1005 here) or 1000; the client reports 1005, "no status
			// code present" (RFC 6455 section 7.1.5).
			expectCleanClose(p, NO_STATUS, NO_STATUS, NORMAL);
		}
	}

	@Test
	void case_7_3_2_closeWithPayloadLength1FailsWith1002() throws Exception {
		try (AutobahnFuzzingPeer p = AutobahnFuzzingPeer.open(client)) {
			p.sendAfterViolation(frame(true, CLOSE, utf8("a")), Integer.MAX_VALUE);
			p.expectFailure(PROTOCOL_ERROR);
		}
	}

	@Test
	void case_7_3_3_closeWithCodeOnly() throws Exception {
		try (AutobahnFuzzingPeer p = AutobahnFuzzingPeer.open(client)) {
			p.send(close(NORMAL));
			expectCleanClose(p, NORMAL, NORMAL);
		}
	}

	@Test
	void case_7_3_4_closeWithCodeAndReason() throws Exception {
		try (AutobahnFuzzingPeer p = AutobahnFuzzingPeer.open(client)) {
			p.send(close(NORMAL, utf8("Hello World!")));
			expectCleanClose(p, NORMAL, NORMAL);
			assertThat(p.session.log).contains("CLIENT_CLOSED 1000 Hello World!");
		}
	}

	@Test
	void case_7_3_5_closeWithCodeAndReasonOfMaximumLength123() throws Exception {
		try (AutobahnFuzzingPeer p = AutobahnFuzzingPeer.open(client)) {
			p.send(close(NORMAL, filled(123, '*')));
			expectCleanClose(p, NORMAL, NORMAL);
		}
	}

	@Test
	void case_7_3_6_closeWithReasonTooLong124FailsWith1002() throws Exception {
		try (AutobahnFuzzingPeer p = AutobahnFuzzingPeer.open(client)) {
			p.sendAfterViolation(close(NORMAL, filled(124, '*')), Integer.MAX_VALUE);
			p.expectFailure(PROTOCOL_ERROR);
		}
	}

	// ---- 7.5 close reason not UTF-8 ----------------------------------------------------------------

	@Test
	void case_7_5_1_closeWithInvalidUtf8ReasonFailsWith1007() throws Exception {
		try (AutobahnFuzzingPeer p = AutobahnFuzzingPeer.open(client)) {
			p.sendAfterViolation(close(NORMAL, hex("cebae1bdb9cf83cebcceb5eda080656469746564")), Integer.MAX_VALUE);
			p.expectFailure(INVALID_PAYLOAD);
		}
	}

	// ---- 7.7 valid close codes are echoed ----------------------------------------------------------

	static Stream<Arguments> validCodes() {
		int[] codes = { 1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999 };
		return IntStream.range(0, codes.length).mapToObj((i) -> Arguments.of("case_7_7_" + (i + 1), codes[i]));
	}

	@ParameterizedTest(name = "{0}: close code {1} is echoed")
	@MethodSource("validCodes")
	void case_7_7_x_validCloseCodeIsEchoed(String caseId, int code) throws Exception {
		try (AutobahnFuzzingPeer p = AutobahnFuzzingPeer.open(client)) {
			p.send(close(code));
			// Autobahn accepts the code echoed or 1000; the engine echoes it.
			expectCleanClose(p, code, code);
		}
	}

	/** Beyond Autobahn: 1012-1014 were registered with IANA after RFC 6455 and are valid on the wire. */
	@ParameterizedTest(name = "case_7_7_extra: IANA close code {0} is echoed")
	@MethodSource("ianaCodes")
	void case_7_7_extra_ianaRegisteredCloseCodeIsEchoed(int code) throws Exception {
		try (AutobahnFuzzingPeer p = AutobahnFuzzingPeer.open(client)) {
			p.send(close(code));
			expectCleanClose(p, code, code);
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
	void case_7_9_x_invalidCloseCodeFailsWith1002(String caseId, int code) throws Exception {
		try (AutobahnFuzzingPeer p = AutobahnFuzzingPeer.open(client)) {
			p.sendAfterViolation(close(code), Integer.MAX_VALUE);
			p.expectFailure(PROTOCOL_ERROR);
		}
	}

	/** Beyond Autobahn's list: 1015 (TLS handshake failure) is reserved for local reporting only. */
	@Test
	void case_7_9_extra_closeCode1015FailsWith1002() throws Exception {
		try (AutobahnFuzzingPeer p = AutobahnFuzzingPeer.open(client)) {
			p.sendAfterViolation(close(1015), Integer.MAX_VALUE);
			p.expectFailure(PROTOCOL_ERROR);
		}
	}

	// ---- 7.13 close codes out of range (informational in Autobahn) ---------------------------------

	@Test
	void case_7_13_1_closeCode5000FailsWith1002() throws Exception {
		// Autobahn accepts 1000, 5000 or 1002; 5000 is not allowed on the wire (RFC 6455 7.4.2), so 1002.
		try (AutobahnFuzzingPeer p = AutobahnFuzzingPeer.open(client)) {
			p.sendAfterViolation(close(5000), Integer.MAX_VALUE);
			p.expectFailure(PROTOCOL_ERROR);
		}
	}

	@Test
	void case_7_13_2_closeCode65535FailsWith1002() throws Exception {
		try (AutobahnFuzzingPeer p = AutobahnFuzzingPeer.open(client)) {
			p.sendAfterViolation(close(65535), Integer.MAX_VALUE);
			p.expectFailure(PROTOCOL_ERROR);
		}
	}

	// ---- beyond Autobahn ---------------------------------------------------------------------------

	@Test
	void case_7_extra_closeInChopsOfOneOctetIsAnsweredOnce() throws Exception {
		try (AutobahnFuzzingPeer p = AutobahnFuzzingPeer.open(client)) {
			p.sendChopped(close(3000, utf8("bye")), 1);
			expectCleanClose(p, 3000, 3000);
			assertThat(p.session.log).contains("WS_PEER_INITIATED_CLOSE 3000", "CLIENT_CLOSED 3000 bye");
		}
	}

	@Test
	void case_7_extra_pingThenCloseInOneChopGetsPongThenClose() throws Exception {
		try (AutobahnFuzzingPeer p = AutobahnFuzzingPeer.open(client)) {
			p.send(frame(true, PING, utf8("last")), close(NORMAL));
			p.expectPong(utf8("last"));
			expectCleanClose(p, NORMAL, NORMAL);
		}
	}

	@Test
	void case_7_extra_serverDropsTcpWithoutCloseIsAbnormal1006() throws Exception {
		try (AutobahnFuzzingPeer p = AutobahnFuzzingPeer.open(client)) {
			p.send(frame(true, TEXT, HELLO));
			p.expectMessage(TEXT, HELLO);
			// No close frame: the server just ends its side, and the client must end its own.
			p.expectTcpClose();
			p.session.expectClosed(1006);
		}
	}

	// ---- beyond Autobahn: a server that never ends the TCP connection -------------------------------

	private static final int SHORT_CLOSE_TIMEOUT_MILLIS = 300;

	private static AutobahnEchoClient shortCloseTimeoutClient() throws Exception {
		return new AutobahnEchoClient(AutobahnEchoClient.LIMITS.toBuilder()
			.closeTimeout(Duration.ofMillis(SHORT_CLOSE_TIMEOUT_MILLIS))
			.build());
	}

	@Test
	void case_7_extra_serverThatKeepsTcpOpenAfterTheCloseHandshake() throws Exception {
		// RFC 6455 section 7.1.1: the server should close TCP first, but the client may not wait for ever; it ends
		// the connection itself, at once or after its close timeout.
		try (AutobahnEchoClient shortTimeout = shortCloseTimeoutClient();
				AutobahnFuzzingPeer p = AutobahnFuzzingPeer.open(shortTimeout)) {
			p.send(close(NORMAL));
			p.expectCloseReply(NORMAL);
			p.expectTcpClose(false, SHORT_CLOSE_TIMEOUT_MILLIS + 2_000);
			p.session.expectClosed(NORMAL);
		}
	}

	@Test
	void case_7_extra_serverThatNeverAnswersTheClientsFailureClose() throws Exception {
		// Autobahn's killAfter: the fuzzingserver may neither answer the client's close nor end the connection.
		try (AutobahnEchoClient shortTimeout = shortCloseTimeoutClient();
				AutobahnFuzzingPeer p = AutobahnFuzzingPeer.open(shortTimeout)) {
			p.sendAfterViolation(close(1004), Integer.MAX_VALUE);
			AutobahnFuzzingPeer.Frame f = p.next("the client's close 1002");
			assertThat(f.opcode()).as(f.toString()).isEqualTo(CLOSE);
			assertThat(f.closeCode()).as(f.toString()).isEqualTo(PROTOCOL_ERROR);
			p.expectTcpClose(false, SHORT_CLOSE_TIMEOUT_MILLIS + 2_000);
			p.session.expectClosed(PROTOCOL_ERROR);
		}
	}

}
