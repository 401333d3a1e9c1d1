package io.jlws.client;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static io.jlws.client.AutobahnClientSupport.BINARY;
import static io.jlws.client.AutobahnClientSupport.CONTINUATION;
import static io.jlws.client.AutobahnClientSupport.FRAME_WISE;
import static io.jlws.client.AutobahnClientSupport.OCTET_WISE;
import static io.jlws.client.AutobahnClientSupport.ONE_CHOP;
import static io.jlws.client.AutobahnClientSupport.PING;
import static io.jlws.client.AutobahnClientSupport.PONG;
import static io.jlws.client.AutobahnClientSupport.PROTOCOL_ERROR;
import static io.jlws.client.AutobahnClientSupport.TEXT;
import static io.jlws.client.AutobahnClientSupport.frame;
import static io.jlws.frame.AutobahnPayloads.concat;
import static io.jlws.frame.AutobahnPayloads.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Autobahn TestSuite section 5 (fragmentation), client side: the server fragments messages (with control frames
 * between the fragments) and the client must reassemble and echo them and answer pings at once; broken fragment
 * sequences and fragmented control frames fail with 1002. The client echoes a fragmented message as one frame,
 * which Autobahn accepts (it compares messages, not frames).
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AutobahnClientFragmentationTest {

	private static final byte[] FRAGMENT1 = utf8("fragment1");

	private static final byte[] FRAGMENT2 = utf8("fragment2");

	private static AutobahnEchoClient client;

	@BeforeAll
	static void start() throws Exception {
		client = new AutobahnEchoClient();
	}

	@AfterAll
	static void stop() {
		client.close();
	}

	/** Sends frames of which the first is a violation; the rest may fail to send (the client may have closed). */
	private static void sendViolation(AutobahnFuzzingPeer p, int chopping, byte[]... frames) {
		int chop = (chopping == OCTET_WISE) ? 1 : Integer.MAX_VALUE;
		if (chopping == ONE_CHOP) {
			p.sendAfterViolation(concat(frames), chop);
			return;
		}
		for (byte[] f : frames) {
			p.sendAfterViolation(f, chop);
		}
	}

	// ---- 5.1, 5.2 fragmented control frames --------------------------------------------------------

	@Test
	void case_5_1_pingInTwoFragmentsFailsWith1002() throws Exception {
		try (AutobahnFuzzingPeer p = AutobahnFuzzingPeer.open(client)) {
			sendViolation(p, ONE_CHOP, frame(false, PING, FRAGMENT1), frame(true, CONTINUATION, FRAGMENT2));
			p.expectFailure(PROTOCOL_ERROR);
		}
	}

	@Test
	void case_5_2_pongInTwoFragmentsFailsWith1002() throws Exception {
		try (AutobahnFuzzingPeer p = AutobahnFuzzingPeer.open(client)) {
			sendViolation(p, ONE_CHOP, frame(false, PONG, FRAGMENT1), frame(true, CONTINUATION, FRAGMENT2));
			p.expectFailure(PROTOCOL_ERROR);
			assertThat(p.session.log).as("no pong delivered").noneMatch((e) -> e.startsWith("CLIENT_RECEIVE_PONG"));
		}
	}

	// ---- 5.3 - 5.5 text in two fragments -----------------------------------------------------------

	private static void twoFragments(int chopping) throws Exception {
		try (AutobahnFuzzingPeer p = AutobahnFuzzingPeer.open(client)) {
			p.send(chopping, frame(false, TEXT, FRAGMENT1), frame(true, CONTINUATION, FRAGMENT2));
			p.expectMessage(TEXT, utf8("fragment1fragment2"));
			p.closeNormally();
			assertThat(p.session.received()).containsExactly("text 18");
		}
	}

	@Test
	void case_5_3_textInTwoFragmentsOneChop() throws Exception {
		twoFragments(ONE_CHOP);
	}

	@Test
	void case_5_4_textInTwoFragmentsFrameWiseChops() throws Exception {
		twoFragments(FRAME_WISE);
	}

	@Test
	void case_5_5_textInTwoFragmentsOctetWiseChops() throws Exception {
		twoFragments(OCTET_WISE);
	}

	// ---- 5.6 - 5.8 ping between the fragments ------------------------------------------------------

	private static void pingBetweenFragments(int chopping) throws Exception {
		try (AutobahnFuzzingPeer p = AutobahnFuzzingPeer.open(client)) {
			p.send(chopping, frame(false, TEXT, FRAGMENT1), frame(true, PING, utf8("ping payload")),
					frame(true, CONTINUATION, FRAGMENT2));
			p.expectPong(utf8("ping payload"));
			p.expectMessage(TEXT, utf8("fragment1fragment2"));
			p.closeNormally();
		}
	}

	@Test
	void case_5_6_textInTwoFragmentsWithPingBetweenOneChop() throws Exception {
		pingBetweenFragments(ONE_CHOP);
	}

	@Test
	void case_5_7_textInTwoFragmentsWithPingBetweenFrameWiseChops() throws Exception {
		pingBetweenFragments(FRAME_WISE);
	}

	@Test
	void case_5_8_textInTwoFragmentsWithPingBetweenOctetWiseChops() throws Exception {
		pingBetweenFragments(OCTET_WISE);
	}

	// ---- 5.9 - 5.14 continuation with nothing to continue ------------------------------------------

	private static void continuationWithoutStart(boolean fin, int chopping) throws Exception {
		try (AutobahnFuzzingPeer p = AutobahnFuzzingPeer.open(client)) {
			sendViolation(p, chopping, frame(fin, CONTINUATION, utf8("non-continuation payload")),
					frame(true, TEXT, utf8("Hello, world!")));
			p.expectFailure(PROTOCOL_ERROR);
			assertThat(p.session.received()).as("the text after the violation is not delivered").isEmpty();
		}
	}

	@Test
	void case_5_9_continuationWithFinAndNothingToContinueOneChop() throws Exception {
		continuationWithoutStart(true, ONE_CHOP);
	}

	@Test
	void case_5_10_continuationWithFinAndNothingToContinueFrameWise() throws Exception {
		continuationWithoutStart(true, FRAME_WISE);
	}

	@Test
	void case_5_11_continuationWithFinAndNothingToContinueOctetWise() throws Exception {
		continuationWithoutStart(true, OCTET_WISE);
	}

	@Test
	void case_5_12_continuationWithoutFinAndNothingToContinueOneChop() throws Exception {
		continuationWithoutStart(false, ONE_CHOP);
	}

	@Test
	void case_5_13_continuationWithoutFinAndNothingToContinueFrameWise() throws Exception {
		continuationWithoutStart(false, FRAME_WISE);
	}

	@Test
	void case_5_14_continuationWithoutFinAndNothingToContinueOctetWise() throws Exception {
		continuationWithoutStart(false, OCTET_WISE);
	}

	// ---- 5.15 - 5.18 broken fragment sequences -----------------------------------------------------

	@Test
	void case_5_15_fragmentedTextThenContinuationWithNothingToContinue() throws Exception {
		try (AutobahnFuzzingPeer p = AutobahnFuzzingPeer.open(client)) {
			sendViolation(p, ONE_CHOP, frame(false, TEXT, FRAGMENT1), frame(true, CONTINUATION, FRAGMENT2),
					frame(false, CONTINUATION, utf8("fragment3")), frame(true, TEXT, utf8("fragment4")));
			// OK: the complete first message is echoed before the failure on the third frame.
			p.expectMessage(TEXT, utf8("fragment1fragment2"));
			p.expectFailure(PROTOCOL_ERROR);
			assertThat(p.session.received()).containsExactly("text 18");
		}
	}

	private static void repeatedTwice(boolean firstFin) throws Exception {
		try (AutobahnFuzzingPeer p = AutobahnFuzzingPeer.open(client)) {
			byte[] round = concat(frame(firstFin, CONTINUATION, FRAGMENT1), frame(false, TEXT, FRAGMENT2),
					frame(true, CONTINUATION, utf8("fragment3")));
			sendViolation(p, ONE_CHOP, round, round);
			p.expectFailure(PROTOCOL_ERROR);
			assertThat(p.session.received()).isEmpty();
		}
	}

	@Test
	void case_5_16_continuationWithoutFinThenTextFragmentThenContinuationRepeatedTwice() throws Exception {
		repeatedTwice(false);
	}

	@Test
	void case_5_17_continuationWithFinThenTextFragmentThenContinuationRepeatedTwice() throws Exception {
		repeatedTwice(true);
	}

	@Test
	void case_5_18_twoTextFramesBothWithTextOpcodeFailsWith1002() throws Exception {
		try (AutobahnFuzzingPeer p = AutobahnFuzzingPeer.open(client)) {
			sendViolation(p, ONE_CHOP, frame(false, TEXT, FRAGMENT1), frame(true, TEXT, FRAGMENT2));
			p.expectFailure(PROTOCOL_ERROR);
			assertThat(p.session.received()).isEmpty();
		}
	}

	// ---- 5.19, 5.20 pings between fragments, with a delay -----------------------------------------

	private static void pingsBetweenFragmentsWithDelay(int chopping) throws Exception {
		byte[][] fragments = new byte[5][];
		for (int i = 0; i < 5; i++) {
			fragments[i] = utf8("fragment" + (i + 1));
		}
		try (AutobahnFuzzingPeer p = AutobahnFuzzingPeer.open(client)) {
			p.send(chopping, frame(false, TEXT, fragments[0]), frame(false, CONTINUATION, fragments[1]),
					frame(true, PING, utf8("pongme 1!")));
			// The first ping must be answered at once, before the message is complete.
			p.expectPong(utf8("pongme 1!"));
			Thread.sleep(100); // the case's delay between the two halves (Autobahn: 1 s)
			p.send(chopping, frame(false, CONTINUATION, fragments[2]), frame(false, CONTINUATION, fragments[3]),
					frame(true, PING, utf8("pongme 2!")), frame(true, CONTINUATION, fragments[4]));
			p.expectPong(utf8("pongme 2!"));
			p.expectMessage(TEXT, utf8("fragment1fragment2fragment3fragment4fragment5"));
			p.closeNormally();
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

	// ---- beyond Autobahn ---------------------------------------------------------------------------

	@Test
	void case_5_extra_binaryInThreeFragmentsWithPingAndUnsolicitedPongBetween() throws Exception {
		try (AutobahnFuzzingPeer p = AutobahnFuzzingPeer.open(client)) {
			p.send(frame(false, BINARY, new byte[] { 1, 2 }), frame(true, PONG, utf8("x")),
					frame(false, CONTINUATION, new byte[0]), frame(true, PING, utf8("y")),
					frame(true, CONTINUATION, new byte[] { 3 }));
			p.expectPong(utf8("y"));
			p.expectMessage(BINARY, new byte[] { 1, 2, 3 });
			p.closeNormally();
			assertThat(p.session.received()).containsExactly("binary 3");
		}
	}

	@Test
	void case_5_extra_binaryFragmentThenTextFrameFailsWith1002() throws Exception {
		try (AutobahnFuzzingPeer p = AutobahnFuzzingPeer.open(client)) {
			sendViolation(p, FRAME_WISE, frame(false, BINARY, FRAGMENT1), frame(true, TEXT, FRAGMENT2));
			p.expectFailure(PROTOCOL_ERROR);
		}
	}

}
