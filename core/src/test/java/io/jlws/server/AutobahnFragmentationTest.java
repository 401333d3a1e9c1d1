package io.jlws.server;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static io.jlws.frame.AutobahnPayloads.concat;
import static io.jlws.frame.AutobahnPayloads.utf8;
import static io.jlws.server.AutobahnSupport.CONTINUATION;
import static io.jlws.server.AutobahnSupport.PING;
import static io.jlws.server.AutobahnSupport.PONG;
import static io.jlws.server.AutobahnSupport.PROTOCOL_ERROR;
import static io.jlws.server.AutobahnSupport.TEXT;
import static io.jlws.server.AutobahnSupport.closeNormally;
import static io.jlws.server.AutobahnSupport.expectFailure;
import static io.jlws.server.AutobahnSupport.expectMessage;
import static io.jlws.server.AutobahnSupport.expectOptionalEchoThenFailure;
import static io.jlws.server.AutobahnSupport.expectPong;
import static io.jlws.server.AutobahnSupport.frame;
import static io.jlws.server.AutobahnSupport.sendAfterViolation;
import static io.jlws.server.AutobahnSupport.sendChopped;
import static io.jlws.server.AutobahnSupport.sendFrameWise;

/**
 * Autobahn TestSuite section 5 (fragmentation), server side. The echo server answers a fragmented message as
 * one frame, which Autobahn accepts (it compares messages, not frames).
 *
 * <p>"One chop", "frame-wise chops" and "octet-wise chops" are Autobahn's ways of cutting the same bytes into
 * TCP writes: one write, one write per frame, one write per byte.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AutobahnFragmentationTest {

	private static final int ONE_CHOP = -1;

	private static final int FRAME_WISE = 0;

	private static final int OCTET_WISE = 1;

	private static final byte[] FRAGMENT1 = utf8("fragment1");

	private static final byte[] FRAGMENT2 = utf8("fragment2");

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

	private static void send(RawClient c, int chopping, byte[]... frames) throws IOException {
		switch (chopping) {
			case ONE_CHOP -> c.sendRaw(concat(frames));
			case FRAME_WISE -> sendFrameWise(c, frames);
			default -> sendChopped(c, concat(frames), chopping);
		}
	}

	/** Sends frames the server must reject at the first one; later bytes may fail to send. */
	private static void sendViolation(RawClient c, int chopping, byte[]... frames) throws IOException {
		send(c, chopping, frames[0]);
		for (int i = 1; i < frames.length; i++) {
			sendAfterViolation(c, frames[i], (chopping == OCTET_WISE) ? 1 : Integer.MAX_VALUE);
		}
	}

	// ---- 5.1, 5.2 fragmented control frames --------------------------------------------------------

	@Test
	void case_5_1_pingInTwoFragmentsFailsWith1002() throws IOException {
		try (RawClient c = connect()) {
			sendViolation(c, ONE_CHOP, concat(frame(false, PING, FRAGMENT1), frame(true, CONTINUATION, FRAGMENT2)));
			expectFailure(c, PROTOCOL_ERROR);
		}
	}

	@Test
	void case_5_2_pongInTwoFragmentsFailsWith1002() throws IOException {
		try (RawClient c = connect()) {
			sendViolation(c, ONE_CHOP, concat(frame(false, PONG, FRAGMENT1), frame(true, CONTINUATION, FRAGMENT2)));
			expectFailure(c, PROTOCOL_ERROR);
		}
	}

	// ---- 5.3 - 5.5 text in two fragments -----------------------------------------------------------

	private static void twoFragments(int chopping) throws IOException {
		try (RawClient c = connect()) {
			send(c, chopping, frame(false, TEXT, FRAGMENT1), frame(true, CONTINUATION, FRAGMENT2));
			expectMessage(c, TEXT, utf8("fragment1fragment2"));
			closeNormally(c);
		}
	}

	@Test
	void case_5_3_textInTwoFragmentsOneChop() throws IOException {
		twoFragments(ONE_CHOP);
	}

	@Test
	void case_5_4_textInTwoFragmentsFrameWiseChops() throws IOException {
		twoFragments(FRAME_WISE);
	}

	@Test
	void case_5_5_textInTwoFragmentsOctetWiseChops() throws IOException {
		twoFragments(OCTET_WISE);
	}

	// ---- 5.6 - 5.8 ping between the fragments ------------------------------------------------------

	private static void pingBetweenFragments(int chopping) throws IOException {
		try (RawClient c = connect()) {
			send(c, chopping, frame(false, TEXT, FRAGMENT1), frame(true, PING, utf8("ping payload")),
					frame(true, CONTINUATION, FRAGMENT2));
			expectPong(c, utf8("ping payload"));
			expectMessage(c, TEXT, utf8("fragment1fragment2"));
			closeNormally(c);
		}
	}

	@Test
	void case_5_6_textInTwoFragmentsWithPingBetweenOneChop() throws IOException {
		pingBetweenFragments(ONE_CHOP);
	}

	@Test
	void case_5_7_textInTwoFragmentsWithPingBetweenFrameWiseChops() throws IOException {
		pingBetweenFragments(FRAME_WISE);
	}

	@Test
	void case_5_8_textInTwoFragmentsWithPingBetweenOctetWiseChops() throws IOException {
		pingBetweenFragments(OCTET_WISE);
	}

	// ---- 5.9 - 5.14 continuation with nothing to continue ------------------------------------------

	private static void continuationWithoutStart(boolean fin, int chopping) throws IOException {
		try (RawClient c = connect()) {
			sendViolation(c, chopping, frame(fin, CONTINUATION, utf8("non-continuation payload")),
					frame(true, TEXT, utf8("Hello, world!")));
			expectFailure(c, PROTOCOL_ERROR);
		}
	}

	@Test
	void case_5_9_continuationWithFinAndNothingToContinueOneChop() throws IOException {
		continuationWithoutStart(true, ONE_CHOP);
	}

	@Test
	void case_5_10_continuationWithFinAndNothingToContinueFrameWise() throws IOException {
		continuationWithoutStart(true, FRAME_WISE);
	}

	@Test
	void case_5_11_continuationWithFinAndNothingToContinueOctetWise() throws IOException {
		continuationWithoutStart(true, OCTET_WISE);
	}

	@Test
	void case_5_12_continuationWithoutFinAndNothingToContinueOneChop() throws IOException {
		continuationWithoutStart(false, ONE_CHOP);
	}

	@Test
	void case_5_13_continuationWithoutFinAndNothingToContinueFrameWise() throws IOException {
		continuationWithoutStart(false, FRAME_WISE);
	}

	@Test
	void case_5_14_continuationWithoutFinAndNothingToContinueOctetWise() throws IOException {
		continuationWithoutStart(false, OCTET_WISE);
	}

	// ---- 5.15 - 5.18 broken fragment sequences -----------------------------------------------------

	@Test
	void case_5_15_fragmentedTextThenContinuationWithNothingToContinue() throws IOException {
		try (RawClient c = connect()) {
			send(c, ONE_CHOP, frame(false, TEXT, FRAGMENT1), frame(true, CONTINUATION, FRAGMENT2),
					frame(false, CONTINUATION, utf8("fragment3")), frame(true, TEXT, utf8("fragment4")));
			// OK: all four frames arrive in one read; the echo of fragment1fragment2 is written before the
			// failure on the third frame.
			expectOptionalEchoThenFailure(c, TEXT, utf8("fragment1fragment2"), PROTOCOL_ERROR);
		}
	}

	@Test
	void case_5_15_strict_echoBeforeFailureWhenTheViolationIsSentLater() throws IOException {
		try (RawClient c = connect()) {
			send(c, ONE_CHOP, frame(false, TEXT, FRAGMENT1), frame(true, CONTINUATION, FRAGMENT2));
			expectMessage(c, TEXT, utf8("fragment1fragment2"));
			sendViolation(c, ONE_CHOP, frame(false, CONTINUATION, utf8("fragment3")),
					frame(true, TEXT, utf8("fragment4")));
			expectFailure(c, PROTOCOL_ERROR);
		}
	}

	private static void repeatedTwice(boolean firstFin) throws IOException {
		try (RawClient c = connect()) {
			byte[] round = concat(frame(firstFin, CONTINUATION, FRAGMENT1), frame(false, TEXT, FRAGMENT2),
					frame(true, CONTINUATION, utf8("fragment3")));
			sendViolation(c, ONE_CHOP, concat(round, round));
			expectFailure(c, PROTOCOL_ERROR);
		}
	}

	@Test
	void case_5_16_continuationWithoutFinThenTextFragmentThenContinuationRepeatedTwice() throws IOException {
		repeatedTwice(false);
	}

	@Test
	void case_5_17_continuationWithFinThenTextFragmentThenContinuationRepeatedTwice() throws IOException {
		repeatedTwice(true);
	}

	@Test
	void case_5_18_twoTextFramesBothWithTextOpcodeFailsWith1002() throws IOException {
		try (RawClient c = connect()) {
			send(c, ONE_CHOP, frame(false, TEXT, FRAGMENT1), frame(true, TEXT, FRAGMENT2));
			expectFailure(c, PROTOCOL_ERROR);
		}
	}

	// ---- 5.19, 5.20 pings between fragments, with a delay -----------------------------------------

	private static void pingsBetweenFragmentsWithDelay(int chopping) throws Exception {
		byte[][] fragments = new byte[5][];
		for (int i = 0; i < 5; i++) {
			fragments[i] = utf8("fragment" + (i + 1));
		}
		try (RawClient c = connect()) {
			send(c, chopping, frame(false, TEXT, fragments[0]), frame(false, CONTINUATION, fragments[1]),
					frame(true, PING, utf8("pongme 1!")));
			// The first ping must be answered at once, before the message is complete.
			expectPong(c, utf8("pongme 1!"));
			Thread.sleep(100); // the case's delay between the two halves (Autobahn: 1 s)
			send(c, chopping, frame(false, CONTINUATION, fragments[2]), frame(false, CONTINUATION, fragments[3]),
					frame(true, PING, utf8("pongme 2!")), frame(true, CONTINUATION, fragments[4]));
			expectPong(c, utf8("pongme 2!"));
			expectMessage(c, TEXT, utf8("fragment1fragment2fragment3fragment4fragment5"));
			closeNormally(c);
		}
	}

	@Test
	void case_5_19_pingsBetweenFragmentsWithDelay() throws Exception {
		pingsBetweenFragmentsWithDelay(ONE_CHOP);
	}

	@Test
	void case_5_20_pingsBetweenFragmentsWithDelayFrameWise() throws Exception {
		pingsBetweenFragmentsWithDelay(FRAME_WISE);
	}

}
