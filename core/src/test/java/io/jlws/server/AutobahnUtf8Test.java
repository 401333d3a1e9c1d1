package io.jlws.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static io.jlws.frame.AutobahnPayloads.concat;
import static io.jlws.frame.AutobahnPayloads.hex;
import static io.jlws.frame.AutobahnPayloads.utf8;
import static io.jlws.server.AutobahnSupport.CONTINUATION;
import static io.jlws.server.AutobahnSupport.INVALID_PAYLOAD;
import static io.jlws.server.AutobahnSupport.TEXT;
import static io.jlws.server.AutobahnSupport.closeNormally;
import static io.jlws.server.AutobahnSupport.expectFailure;
import static io.jlws.server.AutobahnSupport.expectMessage;
import static io.jlws.server.AutobahnSupport.expectNothingWithin;
import static io.jlws.server.AutobahnSupport.frame;
import static io.jlws.server.AutobahnSupport.sendAfterViolation;

/**
 * Autobahn TestSuite section 6 (UTF-8 handling), server side: valid text is echoed whatever the fragmentation,
 * invalid text fails the connection with 1007, and fails it <em>fast</em> (6.4.x: as soon as the octet that makes
 * the text invalid arrives, not when the message ends). Cases 6.5.x - 6.23.x are Markus Kuhn's UTF-8 decoder
 * stress test vectors exactly as Autobahn's {@code case6_x_x.py} numbers them.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AutobahnUtf8Test {

	/** "κόσμε", the Greek word Autobahn uses throughout section 6. */
	private static final byte[] KOSME = hex("cebae1bdb9cf83cebcceb5");

	private static final byte[] HELLO_UTF8 = utf8("Hello-µ@ßöäüàá-UTF-8!!");

	/** How long the connection must stay quiet after a valid first part (Autobahn waits 1 s: "timeout A"). */
	private static final int QUIET_MILLIS = 100;

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

	/** The frames of a text message cut into fragments of {@code size} bytes (at least one frame). */
	private static byte[] fragmented(byte[] payload, int size) {
		ByteArrayOutputStream b = new ByteArrayOutputStream();
		int at = 0;
		do {
			int end = Math.min(payload.length, at + size);
			byte[] part = Arrays.copyOfRange(payload, at, end);
			b.writeBytes(frame(end == payload.length, (at == 0) ? TEXT : CONTINUATION, part));
			at = end;
		}
		while (at < payload.length);
		return b.toByteArray();
	}

	private static void echoesFrames(byte[] frames, byte[] message) throws IOException {
		try (RawClient c = connect()) {
			c.sendRaw(frames);
			expectMessage(c, TEXT, message);
			closeNormally(c);
		}
	}

	private static void failsWith1007(byte[] frames) throws IOException {
		try (RawClient c = connect()) {
			c.sendRaw(frames);
			expectFailure(c, INVALID_PAYLOAD);
		}
	}

	// ---- 6.1 empty text ----------------------------------------------------------------------------

	@Test
	void case_6_1_1_emptyTextMessage() throws IOException {
		echoesFrames(frame(true, TEXT, new byte[0]), new byte[0]);
	}

	@Test
	void case_6_1_2_threeEmptyFragments() throws IOException {
		echoesFrames(concat(frame(false, TEXT, new byte[0]), frame(false, CONTINUATION, new byte[0]),
				frame(true, CONTINUATION, new byte[0])), new byte[0]);
	}

	@Test
	void case_6_1_3_emptyThenMiddleThenEmptyFragment() throws IOException {
		byte[] middle = utf8("middle frame payload");
		echoesFrames(concat(frame(false, TEXT, new byte[0]), frame(false, CONTINUATION, middle),
				frame(true, CONTINUATION, new byte[0])), middle);
	}

	// ---- 6.2 valid UTF-8, fragmented anywhere ------------------------------------------------------

	@Test
	void case_6_2_1_validUtf8InOneFragment() throws IOException {
		echoesFrames(frame(true, TEXT, HELLO_UTF8), HELLO_UTF8);
	}

	@Test
	void case_6_2_2_validUtf8InTwoFragmentsSplitOnCodePointBoundary() throws IOException {
		byte[] part1 = utf8("Hello-µ@ßöä");
		byte[] part2 = utf8("üàá-UTF-8!!");
		echoesFrames(concat(frame(false, TEXT, part1), frame(true, CONTINUATION, part2)), concat(part1, part2));
	}

	@Test
	void case_6_2_3_validUtf8InOneOctetFragments() throws IOException {
		echoesFrames(fragmented(HELLO_UTF8, 1), HELLO_UTF8);
	}

	@Test
	void case_6_2_4_kosmeInOneOctetFragments() throws IOException {
		echoesFrames(fragmented(KOSME, 1), KOSME);
	}

	/** Beyond Autobahn: every BMP scalar value, one octet per fragment, so every sequence is split everywhere. */
	@Test
	void case_6_2_extra_allBmpCodePointsInOneOctetFragments() throws IOException {
		byte[] all = encodeCodePoints(0, 0xFFFF);
		echoesFrames(fragmented(all, 1), all);
	}

	/**
	 * Beyond Autobahn: every supplementary scalar value (U+10000 - U+10FFFF) in 5-octet fragments; as 5 and 4 are
	 * coprime, fragment boundaries fall after every octet of the 4-octet sequences.
	 */
	@Test
	void case_6_2_extra_allSupplementaryCodePointsSplitAtEveryOffset() throws IOException {
		byte[] all = encodeCodePoints(0x10000, 0x10FFFF);
		echoesFrames(fragmented(all, 5), all);
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
	void case_6_3_1_invalidUtf8InOneFragmentFailsWith1007() throws IOException {
		failsWith1007(frame(true, TEXT, KOSME_SURROGATE_EDITED));
	}

	@Test
	void case_6_3_2_invalidUtf8InOneOctetFragmentsFailsWith1007() throws IOException {
		try (RawClient c = connect()) {
			byte[] frames = fragmented(KOSME_SURROGATE_EDITED, 1);
			// The fragments up to and including the invalid octet's, then the rest (which may not be accepted).
			int cut = frameBytesForFirst(KOSME.length + 2);
			c.sendRaw(Arrays.copyOf(frames, cut));
			sendAfterViolation(c, Arrays.copyOfRange(frames, cut, frames.length), Integer.MAX_VALUE);
			expectFailure(c, INVALID_PAYLOAD);
		}
	}

	/** Length of the first {@code n} one-octet masked frames (2 header + 4 mask + 1 payload each). */
	private static int frameBytesForFirst(int n) {
		return n * 7;
	}

	// ---- 6.4 fail fast -----------------------------------------------------------------------------

	/** F4 90 80 80: U+110000 in the UTF-8 scheme, beyond Unicode; invalid at its second octet, 0x90. */
	private static final byte[] PART1 = KOSME;

	private static final byte[] PART2 = hex("f4908080");

	private static final byte[] PART3 = hex("656469746564");

	private static final byte[] PAYLOAD = concat(PART1, PART2, PART3);

	/**
	 * Autobahn's fail-fast shape: part 1 is accepted (the connection stays quiet), part 2 makes the text invalid
	 * and must fail the connection with 1007 before part 3 is sent; part 3 may then fail to send.
	 */
	private static void failsFast(byte[] part1, byte[] part2, byte[] part3) throws IOException {
		try (RawClient c = connect()) {
			c.sendRaw(part1);
			expectNothingWithin(c, QUIET_MILLIS, "the first part is valid UTF-8");
			c.sendRaw(part2);
			expectFailure(c, INVALID_PAYLOAD);
			sendAfterViolation(c, part3, Integer.MAX_VALUE);
		}
	}

	@Test
	void case_6_4_1_invalidInSecondOfThreeFramesFailsFast() throws IOException {
		failsFast(frame(false, TEXT, PART1), frame(false, CONTINUATION, PART2), frame(true, CONTINUATION, PART3));
	}

	@Test
	void case_6_4_2_secondFrameIsTheOneInvalidOctetFailsFast() throws IOException {
		// PAYLOAD[:12] ends with F4 (still a valid prefix); PAYLOAD[12] is 0x90, the octet that breaks it.
		failsFast(frame(false, TEXT, Arrays.copyOf(PAYLOAD, 12)),
				frame(false, CONTINUATION, Arrays.copyOfRange(PAYLOAD, 12, 13)),
				frame(true, CONTINUATION, Arrays.copyOfRange(PAYLOAD, 13, PAYLOAD.length)));
	}

	@Test
	void case_6_4_3_invalidInSecondOfThreeChopsOfOneFrameFailsFast() throws IOException {
		byte[] whole = frame(true, TEXT, PAYLOAD);
		int header = whole.length - PAYLOAD.length;
		int cut1 = header + PART1.length;
		int cut2 = cut1 + PART2.length;
		failsFast(Arrays.copyOf(whole, cut1), Arrays.copyOfRange(whole, cut1, cut2),
				Arrays.copyOfRange(whole, cut2, whole.length));
	}

	@Test
	void case_6_4_4_secondChopIsTheOneInvalidOctetFailsFast() throws IOException {
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
	void case_6_5_to_6_23_utf8TestVectors(String caseId, String validity, String hexPayload) throws IOException {
		byte[] payload = hex(hexPayload);
		if (validity.equals("valid")) {
			echoesFrames(frame(true, TEXT, payload), payload);
		}
		else {
			failsWith1007(frame(true, TEXT, payload));
		}
	}

}
