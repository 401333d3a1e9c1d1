package io.jlws.client;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.jlws.Limits;

import static io.jlws.client.AutobahnClientSupport.BINARY;
import static io.jlws.client.AutobahnClientSupport.CONTINUATION;
import static io.jlws.client.AutobahnClientSupport.MESSAGE_TOO_BIG;
import static io.jlws.client.AutobahnClientSupport.PING;
import static io.jlws.client.AutobahnClientSupport.TEXT;
import static io.jlws.client.AutobahnClientSupport.fragmented;
import static io.jlws.client.AutobahnClientSupport.frame;
import static io.jlws.frame.AutobahnPayloads.filled;
import static io.jlws.frame.AutobahnPayloads.repeated;
import static io.jlws.frame.AutobahnPayloads.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Autobahn TestSuite sections 9 (limits and performance: big messages, many fragments, chopped writes, many round
 * trips) and 10 (auto-fragmentation), client side, with Autobahn's sizes (up to 16 MiB) and round-trip counts
 * (1000), each case bounded by the class timeout. The client's limits are 32 MiB, so everything here is legal; the
 * extra cases check the 1009 path with small limits.
 */
@Timeout(value = 25, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AutobahnClientLimitsAndPerformanceTest {

	private static final int K = 1024;

	private static final int M = 1024 * 1024;

	private static AutobahnEchoClient client;

	@BeforeAll
	static void start() throws Exception {
		client = new AutobahnEchoClient();
	}

	@AfterAll
	static void stop() {
		client.close();
	}

	private static byte[] payload(int opcode, int length) {
		return (opcode == TEXT) ? repeated("BAsd7&jh23", length) : filled(length, 0xfe);
	}

	private static void roundTrip(byte[] frames, int opcode, byte[] message, int chop) throws Exception {
		try (AutobahnFuzzingPeer p = AutobahnFuzzingPeer.open(client)) {
			p.sendChopped(frames, chop);
			p.expectMessage(opcode, message);
			p.closeNormally();
			assertThat(p.session.received()).containsExactly((opcode == TEXT ? "text " : "binary ") + message.length);
		}
	}

	private static Stream<Arguments> numbered(String prefix, Object... values) {
		Stream.Builder<Arguments> b = Stream.builder();
		for (int i = 0; i < values.length; i++) {
			b.add(Arguments.of(prefix + (i + 1), values[i]));
		}
		return b.build();
	}

	// ---- 9.1, 9.2 big unfragmented messages --------------------------------------------------------

	static Stream<Arguments> textSizes() {
		return numbered("case_9_1_", 64 * K, 256 * K, M, 4 * M, 8 * M, 16 * M);
	}

	static Stream<Arguments> binarySizes() {
		return numbered("case_9_2_", 64 * K, 256 * K, M, 4 * M, 8 * M, 16 * M);
	}

	@ParameterizedTest(name = "{0}: text message of {1} bytes")
	@MethodSource("textSizes")
	void case_9_1_x_bigTextMessage(String caseId, int size) throws Exception {
		byte[] message = payload(TEXT, size);
		roundTrip(frame(true, TEXT, message), TEXT, message, Integer.MAX_VALUE);
	}

	@ParameterizedTest(name = "{0}: binary message of {1} bytes")
	@MethodSource("binarySizes")
	void case_9_2_x_bigBinaryMessage(String caseId, int size) throws Exception {
		byte[] message = payload(BINARY, size);
		roundTrip(frame(true, BINARY, message), BINARY, message, Integer.MAX_VALUE);
	}

	// ---- 9.3, 9.4 a 4 MiB message in fragments of 64 B - 4 MiB ------------------------------------

	static Stream<Arguments> textFragmentSizes() {
		return numbered("case_9_3_", 64, 256, K, 4 * K, 16 * K, 64 * K, 256 * K, M, 4 * M);
	}

	static Stream<Arguments> binaryFragmentSizes() {
		return numbered("case_9_4_", 64, 256, K, 4 * K, 16 * K, 64 * K, 256 * K, M, 4 * M);
	}

	@ParameterizedTest(name = "{0}: 4 MiB text message in fragments of {1} bytes")
	@MethodSource("textFragmentSizes")
	void case_9_3_x_fragmentedTextMessage(String caseId, int fragmentSize) throws Exception {
		byte[] message = payload(TEXT, 4 * M);
		roundTrip(fragmented(TEXT, message, fragmentSize), TEXT, message, Integer.MAX_VALUE);
	}

	@ParameterizedTest(name = "{0}: 4 MiB binary message in fragments of {1} bytes")
	@MethodSource("binaryFragmentSizes")
	void case_9_4_x_fragmentedBinaryMessage(String caseId, int fragmentSize) throws Exception {
		byte[] message = payload(BINARY, 4 * M);
		roundTrip(fragmented(BINARY, message, fragmentSize), BINARY, message, Integer.MAX_VALUE);
	}

	// ---- 9.5, 9.6 a 1 MiB message written in chops of 64 B - 2 KiB ---------------------------------

	static Stream<Arguments> textChopSizes() {
		return numbered("case_9_5_", 64, 128, 256, 512, K, 2 * K);
	}

	static Stream<Arguments> binaryChopSizes() {
		return numbered("case_9_6_", 64, 128, 256, 512, K, 2 * K);
	}

	@ParameterizedTest(name = "{0}: 1 MiB text message written in chops of {1} bytes")
	@MethodSource("textChopSizes")
	void case_9_5_x_textMessageInChops(String caseId, int chop) throws Exception {
		byte[] message = payload(TEXT, M);
		roundTrip(frame(true, TEXT, message), TEXT, message, chop);
	}

	@ParameterizedTest(name = "{0}: 1 MiB binary message written in chops of {1} bytes")
	@MethodSource("binaryChopSizes")
	void case_9_6_x_binaryMessageInChops(String caseId, int chop) throws Exception {
		byte[] message = payload(BINARY, M);
		roundTrip(frame(true, BINARY, message), BINARY, message, chop);
	}

	// ---- 9.7, 9.8 1000 round trips of small messages -----------------------------------------------

	private static final int ROUND_TRIPS = 1000;

	static Stream<Arguments> textSmallSizes() {
		return numbered("case_9_7_", 0, 16, 64, 256, K, 4 * K);
	}

	static Stream<Arguments> binarySmallSizes() {
		return numbered("case_9_8_", 0, 16, 64, 256, K, 4 * K);
	}

	private static void roundTrips(int opcode, int size) throws Exception {
		byte[] message = payload(opcode, size);
		byte[] frame = frame(true, opcode, message);
		try (AutobahnFuzzingPeer p = AutobahnFuzzingPeer.open(client)) {
			for (int i = 0; i < ROUND_TRIPS; i++) {
				p.send(frame);
				p.expectMessage(opcode, message);
			}
			p.closeNormally();
			assertThat(p.session.received()).hasSize(ROUND_TRIPS);
		}
	}

	@ParameterizedTest(name = "{0}: " + ROUND_TRIPS + " text round trips of {1} bytes")
	@MethodSource("textSmallSizes")
	void case_9_7_x_textRoundTrips(String caseId, int size) throws Exception {
		roundTrips(TEXT, size);
	}

	@ParameterizedTest(name = "{0}: " + ROUND_TRIPS + " binary round trips of {1} bytes")
	@MethodSource("binarySmallSizes")
	void case_9_8_x_binaryRoundTrips(String caseId, int size) throws Exception {
		roundTrips(BINARY, size);
	}

	// ---- 10.1.1 auto-fragmentation -----------------------------------------------------------------

	@Test
	void case_10_1_1_textMessage65536AutoFragmentedAt1300() throws Exception {
		byte[] message = filled(65536, '*');
		// 65536 / 1300 = 50 full fragments and one of 536.
		roundTrip(fragmented(TEXT, message, 1300), TEXT, message, Integer.MAX_VALUE);
	}

	// ---- beyond Autobahn: the client's size limits fail with 1009 ----------------------------------

	private static Limits smallLimits() {
		return AutobahnEchoClient.LIMITS.toBuilder().maxFrameSize(64 * K).maxMessageSize(256 * K).build();
	}

	@Test
	void case_9_extra_frameOverMaxFrameSizeFailsWith1009() throws Exception {
		try (AutobahnEchoClient small = new AutobahnEchoClient(smallLimits());
				AutobahnFuzzingPeer p = AutobahnFuzzingPeer.open(small)) {
			byte[] ok = payload(BINARY, 64 * K);
			p.send(frame(true, BINARY, ok));
			p.expectMessage(BINARY, ok);
			p.sendAfterViolation(frame(true, BINARY, payload(BINARY, 64 * K + 1)), Integer.MAX_VALUE);
			p.expectFailure(MESSAGE_TOO_BIG);
			assertThat(p.session.received()).containsExactly("binary " + ok.length);
		}
	}

	@Test
	void case_9_extra_fragmentedMessageOverMaxMessageSizeFailsWith1009() throws Exception {
		try (AutobahnEchoClient small = new AutobahnEchoClient(smallLimits());
				AutobahnFuzzingPeer p = AutobahnFuzzingPeer.open(small)) {
			byte[] ok = payload(TEXT, 256 * K);
			p.send(fragmented(TEXT, ok, 64 * K));
			p.expectMessage(TEXT, ok);
			p.sendAfterViolation(fragmented(TEXT, payload(TEXT, 256 * K + 1), 64 * K), Integer.MAX_VALUE);
			p.expectFailure(MESSAGE_TOO_BIG);
			assertThat(p.session.received()).containsExactly("text " + ok.length);
		}
	}

	@Test
	void case_9_extra_oversizedFrameFailsBeforeItsPayloadIsSent() throws Exception {
		// The declared length alone decides: the client fails with 1009 on the header, without waiting for 1 MiB.
		try (AutobahnEchoClient small = new AutobahnEchoClient(smallLimits());
				AutobahnFuzzingPeer p = AutobahnFuzzingPeer.open(small)) {
			byte[] header = Arrays.copyOf(frame(true, BINARY, new byte[M]), 10);
			p.send(header);
			p.expectFailure(MESSAGE_TOO_BIG);
		}
	}

	@Test
	void case_9_extra_pingBetweenFragmentsOfALimitSizedMessageIsAnswered() throws Exception {
		try (AutobahnEchoClient small = new AutobahnEchoClient(smallLimits());
				AutobahnFuzzingPeer p = AutobahnFuzzingPeer.open(small)) {
			byte[] message = payload(BINARY, 256 * K);
			byte[] firstHalf = Arrays.copyOf(message, 128 * K);
			byte[] secondHalf = Arrays.copyOfRange(message, 128 * K, message.length);
			// Control frames do not count towards the message size.
			p.send(frame(false, BINARY, Arrays.copyOf(firstHalf, 64 * K)),
					frame(false, CONTINUATION, Arrays.copyOfRange(firstHalf, 64 * K, firstHalf.length)),
					frame(true, PING, utf8("mid")), fragmented(CONTINUATION, secondHalf, 64 * K));
			p.expectPong(utf8("mid"));
			p.expectMessage(BINARY, message);
			p.closeNormally();
		}
	}

	@Test
	void case_9_extra_hundredMessagesOf64KiBPipelinedWithoutReading() throws Exception {
		// The server writes all frames before it reads anything: the client must keep reading while its echoes
		// wait in its pending output, and send them all in order.
		byte[][] messages = new byte[100][];
		byte[][] frames = new byte[100][];
		for (int i = 0; i < messages.length; i++) {
			messages[i] = filled(64 * K, i);
			frames[i] = frame(true, BINARY, messages[i]);
		}
		try (AutobahnFuzzingPeer p = AutobahnFuzzingPeer.open(client)) {
			p.send(frames);
			for (byte[] m : messages) {
				p.expectMessage(BINARY, m);
			}
			p.closeNormally();
			assertThat(p.session.received()).hasSize(messages.length);
		}
	}

}
