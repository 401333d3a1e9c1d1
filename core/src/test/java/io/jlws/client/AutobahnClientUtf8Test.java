package io.jlws.client;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static io.jlws.client.AutobahnClientSupport.CONTINUATION;
import static io.jlws.client.AutobahnClientSupport.INVALID_PAYLOAD;
import static io.jlws.client.AutobahnClientSupport.TEXT;
import static io.jlws.client.AutobahnClientSupport.fragmented;
import static io.jlws.client.AutobahnClientSupport.frame;
import static io.jlws.frame.AutobahnPayloads.concat;
import static io.jlws.frame.AutobahnPayloads.hex;
import static io.jlws.frame.AutobahnPayloads.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Autobahn TestSuite section 6 (UTF-8 handling), client side: valid text from the server is echoed whatever the
 * fragmentation, invalid text fails the connection with 1007, and fails it <em>fast</em> (6.4.x: as soon as the
 * octet that makes the text invalid arrives, before the server sends the rest). Cases 6.5.x - 6.23.x are Markus
 * Kuhn's UTF-8 decoder stress test vectors as Autobahn's {@code case6_x_x.py} numbers them.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AutobahnClientUtf8Test {

	/** "κόσμε", the Greek word Autobahn uses throughout section 6. */
	private static final byte[] KOSME = hex("cebae1bdb9cf83cebcceb5");

	private static final byte[] HELLO_UTF8 = utf8("Hello-µ@ßöäüàá-UTF-8!!");

	/** How long the connection must stay quiet after a valid first part (Autobahn waits 1 s). */
	private static final int QUIET_MILLIS = 100;

	private static AutobahnEchoClient client;

	@BeforeAll
	static void start() throws Exception {
		client = new AutobahnEchoClient();
	}

	@AfterAll
	static void stop() {
		client.close();
	}

	private static void echoesFrames(byte[] frames, byte[] message) throws Exception {
		try (AutobahnFuzzingPeer p = AutobahnFuzzingPeer.open(client)) {
			p.send(frames);
			p.expectMessage(TEXT, message);
			p.closeNormally();
			assertThat(p.session.received()).containsExactly("text " + message.length);
		}
	}

	private static void failsWith1007(byte[] frames) throws Exception {
		try (AutobahnFuzzingPeer p = AutobahnFuzzingPeer.open(client)) {
			p.sendAfterViolation(frames, Integer.MAX_VALUE);
			p.expectFailure(INVALID_PAYLOAD);
			assertThat(p.session.received()).as("no invalid text delivered as a message").isEmpty();
		}
	}

	// ---- 6.1 empty text ----------------------------------------------------------------------------

	@Test
	void case_6_1_1_emptyTextMessage() throws Exception {
		echoesFrames(frame(true, TEXT, new byte[0]), new byte[0]);
	}

	@Test
	void case_6_1_2_threeEmptyFragments() throws Exception {
		echoesFrames(concat(frame(false, TEXT, new byte[0]), frame(false, CONTINUATION, new byte[0]),
				frame(true, CONTINUATION, new byte[0])), new byte[0]);
	}

	@Test
	void case_6_1_3_emptyThenMiddleThenEmptyFragment() throws Exception {
		byte[] middle = utf8("middle frame payload");
		echoesFrames(concat(frame(false, TEXT, new byte[0]), frame(false, CONTINUATION, middle),
				frame(true, CONTINUATION, new byte[0])), middle);
	}

	// ---- 6.2 valid UTF-8, fragmented anywhere ------------------------------------------------------

	@Test
	void case_6_2_1_validUtf8InOneFragment() throws Exception {
		echoesFrames(frame(true, TEXT, HELLO_UTF8), HELLO_UTF8);
	}

	@Test
	void case_6_2_2_validUtf8InTwoFragmentsSplitOnCodePointBoundary() throws Exception {
		byte[] part1 = utf8("Hello-µ@ßöä");
		byte[] part2 = utf8("üàá-UTF-8!!");
		echoesFrames(concat(frame(false, TEXT, part1), frame(true, CONTINUATION, part2)), concat(part1, part2));
	}

	@Test
	void case_6_2_3_validUtf8InOneOctetFragments() throws Exception {
		echoesFrames(fragmented(TEXT, HELLO_UTF8, 1), HELLO_UTF8);
	}

	@Test
	void case_6_2_4_kosmeInOneOctetFragments() throws Exception {
		echoesFrames(fragmented(TEXT, KOSME, 1), KOSME);
	}

	/** Beyond Autobahn: every BMP scalar value, one octet per fragment, so every sequence is split everywhere. */
	@Test
	void case_6_2_extra_allBmpCodePointsInOneOctetFragments() throws Exception {
		byte[] all = encodeCodePoints(0, 0xFFFF);
		echoesFrames(fragmented(TEXT, all, 1), all);
	}

	/**
	 * Beyond Autobahn: every supplementary scalar value (U+10000 - U+10FFFF) in 5-octet fragments; as 5 and 4 are
	 * coprime, fragment boundaries fall after every octet of the 4-octet sequences.
	 */
	@Test
	void case_6_2_extra_allSupplementaryCodePointsSplitAtEveryOffset() throws Exception {
		byte[] all = encodeCodePoints(0x10000, 0x10FFFF);
		echoesFrames(fragmented(TEXT, all, 5), all);
	}

	/**
	 * Beyond Autobahn: every scalar value in one frame of about 4 MiB, so the client's receive chunks (the
	 * protocol's rx buffer size) end inside sequences of every length.
	 */
	@Test
	void case_6_2_extra_allCodePointsInOneFrame() throws Exception {
		byte[] all = encodeCodePoints(0, 0x10FFFF);
		echoesFrames(frame(true, TEXT, all), all);
	}

	/** Beyond Autobahn: one valid frame written in one-octet chops, so a split falls inside every sequence. */
	@Test
	void case_6_2_extra_validUtf8FrameInOctetWiseChops() throws Exception {
		try (AutobahnFuzzingPeer p = AutobahnFuzzingPeer.open(client)) {
			p.sendChopped(frame(true, TEXT, concat(HELLO_UTF8, KOSME, hex("f48fbfbf"))), 1);
			p.expectMessage(TEXT, concat(HELLO_UTF8, KOSME, hex("f48fbfbf")));
			p.closeNormally();
		}
	}

	private static byte[] encodeCodePoints(int from, int to) {
		StringBuilder s = new StringBuilder();
		for (int cp = from; cp <= to; cp++) {
			if (cp < 0xD800 || cp > 0xDFFF) {
				s.appendCodePoint(cp);
			}
		}
		return utf8(s.toString());
	}

	// ---- 6.3 invalid UTF-8 -------------------------------------------------------------------------

	/** κόσμε, then ED A0 80 (the surrogate U+D800, invalid at its second octet), then "edited". */
	private static final byte[] KOSME_SURROGATE_EDITED = concat(KOSME, hex("eda080"), hex("656469746564"));

	@Test
	void case_6_3_1_invalidUtf8InOneFragmentFailsWith1007() throws Exception {
		failsWith1007(frame(true, TEXT, KOSME_SURROGATE_EDITED));
	}

	@Test
	void case_6_3_2_invalidUtf8InOneOctetFragmentsFailsWith1007() throws Exception {
		try (AutobahnFuzzingPeer p = AutobahnFuzzingPeer.open(client)) {
			byte[] frames = fragmented(TEXT, KOSME_SURROGATE_EDITED, 1);
			// The fragments up to and including the invalid octet's (3 bytes each: 2 header + 1 payload), then
			// the rest, which the client may no longer accept.
			int cut = 3 * (KOSME.length + 2);
			p.send(Arrays.copyOf(frames, cut));
			p.sendAfterViolation(Arrays.copyOfRange(frames, cut, frames.length), Integer.MAX_VALUE);
			p.expectFailure(INVALID_PAYLOAD);
		}
	}

	// ---- 6.4 fail fast -----------------------------------------------------------------------------

	/** F4 90 80 80: U+110000 in the UTF-8 scheme, beyond Unicode; invalid at its second octet, 0x90. */
	private static final byte[] PART1 = KOSME;

	private static final byte[] PART2 = hex("f4908080");

	private static final byte[] PART3 = hex("656469746564");

	private static final byte[] PAYLOAD = concat(PART1, PART2, PART3);

	/**
	 * Autobahn's fail-fast shape: part 1 is accepted (the client stays quiet), part 2 makes the text invalid and
	 * must fail the connection with 1007 before part 3 is sent; part 3 may then fail to send.
	 */
	private static void failsFast(byte[] part1, byte[] part2, byte[] part3) throws Exception {
		try (AutobahnFuzzingPeer p = AutobahnFuzzingPeer.open(client)) {
			p.send(part1);
			p.expectNothingWithin(QUIET_MILLIS, "the first part is valid UTF-8");
			p.send(part2);
			AutobahnFuzzingPeer.Frame close = p.next("a close frame with 1007 before part 3 is sent");
			assertThat(close.opcode()).as("fail fast, got " + close).isEqualTo(AutobahnClientSupport.CLOSE);
			assertThat(close.closeCode()).as("close code of " + close).isEqualTo(INVALID_PAYLOAD);
			p.sendAfterViolation(part3, Integer.MAX_VALUE);
			p.send(AutobahnClientSupport.close(INVALID_PAYLOAD));
			p.expectTcpClose();
			p.session.expectClosed(INVALID_PAYLOAD);
		}
	}

	@Test
	void case_6_4_1_invalidInSecondOfThreeFramesFailsFast() throws Exception {
		failsFast(frame(false, TEXT, PART1), frame(false, CONTINUATION, PART2), frame(true, CONTINUATION, PART3));
	}

	@Test
	void case_6_4_2_secondFrameIsTheOneInvalidOctetFailsFast() throws Exception {
		// PAYLOAD[:12] ends with F4 (still a valid prefix); PAYLOAD[12] is 0x90, the octet that breaks it.
		failsFast(frame(false, TEXT, Arrays.copyOf(PAYLOAD, 12)),
				frame(false, CONTINUATION, Arrays.copyOfRange(PAYLOAD, 12, 13)),
				frame(true, CONTINUATION, Arrays.copyOfRange(PAYLOAD, 13, PAYLOAD.length)));
	}

	@Test
	void case_6_4_3_invalidInSecondOfThreeChopsOfOneFrameFailsFast() throws Exception {
		byte[] whole = frame(true, TEXT, PAYLOAD);
		int header = whole.length - PAYLOAD.length;
		int cut1 = header + PART1.length;
		int cut2 = cut1 + PART2.length;
		failsFast(Arrays.copyOf(whole, cut1), Arrays.copyOfRange(whole, cut1, cut2),
				Arrays.copyOfRange(whole, cut2, whole.length));
	}

	@Test
	void case_6_4_4_secondChopIsTheOneInvalidOctetFailsFast() throws Exception {
		byte[] whole = frame(true, TEXT, PAYLOAD);
		int header = whole.length - PAYLOAD.length;
		int cut1 = header + 12;
		int cut2 = cut1 + 1;
		failsFast(Arrays.copyOf(whole, cut1), Arrays.copyOfRange(whole, cut1, cut2),
				Arrays.copyOfRange(whole, cut2, whole.length));
	}

	// ---- 6.5 - 6.23 the UTF-8 decoder stress test vectors -----------------------------------------

	@ParameterizedTest(name = "{0} {1}: {2}")
	@MethodSource("io.jlws.frame.AutobahnUtf8Vectors#utf8Vectors")
	void case_6_5_to_6_23_utf8TestVectors(String caseId, String validity, String hexPayload) throws Exception {
		byte[] payload = hex(hexPayload);
		if (validity.equals("valid")) {
			echoesFrames(frame(true, TEXT, payload), payload);
		}
		else {
			failsWith1007(frame(true, TEXT, payload));
		}
	}

}
