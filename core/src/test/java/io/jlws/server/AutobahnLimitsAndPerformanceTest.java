package io.jlws.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
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

import static io.jlws.frame.AutobahnPayloads.filled;
import static io.jlws.frame.AutobahnPayloads.repeated;
import static io.jlws.server.AutobahnSupport.BINARY;
import static io.jlws.server.AutobahnSupport.CONTINUATION;
import static io.jlws.server.AutobahnSupport.TEXT;
import static io.jlws.server.AutobahnSupport.closeNormally;
import static io.jlws.server.AutobahnSupport.expectFailure;
import static io.jlws.server.AutobahnSupport.expectMessage;
import static io.jlws.server.AutobahnSupport.frame;
import static io.jlws.server.AutobahnSupport.sendAfterViolation;
import static io.jlws.server.AutobahnSupport.sendChopped;

/**
 * Autobahn TestSuite sections 9 (limits and performance: big messages, many fragments, chopped writes, many
 * round trips) and 10 (auto-fragmentation), server side, scaled to finish in seconds: sizes up to 16 MiB as in
 * Autobahn, round-trip counts capped at 1000. The echo server's limits are 32 MiB, so everything here is legal;
 * two extra cases check the 1009 path with small limits.
 */
@Timeout(value = 25, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AutobahnLimitsAndPerformanceTest {

	private static final int K = 1024;

	private static final int M = 1024 * 1024;

	private static EchoServer server;

	@BeforeAll
	static void start() throws Exception {
		server = new EchoServer();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	private static RawClient connect(int port) throws IOException {
		RawClient c = RawClient.upgraded(port, "/", "echo");
		c.socket().setSoTimeout(20_000);
		return c;
	}

	private static byte[] payload(int opcode, int length) {
		return (opcode == TEXT) ? repeated("BAsd7&jh23", length) : filled(length, 0xfe);
	}

	/** The masked frames of one message cut into fragments of {@code fragmentSize} bytes. */
	private static byte[] fragmented(int opcode, byte[] message, int fragmentSize) {
		ByteArrayOutputStream b = new ByteArrayOutputStream(message.length + (message.length / fragmentSize + 1) * 14);
		int at = 0;
		do {
			int end = Math.min(message.length, at + fragmentSize);
			b.writeBytes(frame(end == message.length, (at == 0) ? opcode : CONTINUATION,
					Arrays.copyOfRange(message, at, end)));
			at = end;
		}
		while (at < message.length);
		return b.toByteArray();
	}

	private static void roundTrip(byte[] frames, int opcode, byte[] message, int chop) throws IOException {
		try (RawClient c = connect(server.port())) {
			sendChopped(c, frames, chop);
			expectMessage(c, opcode, message);
			closeNormally(c);
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

	static Stream<Arguments> messageSizes(String prefix) {
		return numbered(prefix, 64 * K, 256 * K, M, 4 * M, 8 * M, 16 * M);
	}

	static Stream<Arguments> textSizes() {
		return messageSizes("case_9_1_");
	}

	static Stream<Arguments> binarySizes() {
		return messageSizes("case_9_2_");
	}

	@ParameterizedTest(name = "{0}: text message of {1} bytes")
	@MethodSource("textSizes")
	void case_9_1_x_bigTextMessage(String caseId, int size) throws IOException {
		byte[] message = payload(TEXT, size);
		roundTrip(frame(true, TEXT, message), TEXT, message, Integer.MAX_VALUE);
	}

	@ParameterizedTest(name = "{0}: binary message of {1} bytes")
	@MethodSource("binarySizes")
	void case_9_2_x_bigBinaryMessage(String caseId, int size) throws IOException {
		byte[] message = payload(BINARY, size);
		roundTrip(frame(true, BINARY, message), BINARY, message, Integer.MAX_VALUE);
	}

	// ---- 9.3, 9.4 a 4 MiB message in fragments of 64 B - 4 MiB ------------------------------------

	static Stream<Arguments> fragmentSizes(String prefix) {
		return numbered(prefix, 64, 256, K, 4 * K, 16 * K, 64 * K, 256 * K, M, 4 * M);
	}

	static Stream<Arguments> textFragmentSizes() {
		return fragmentSizes("case_9_3_");
	}

	static Stream<Arguments> binaryFragmentSizes() {
		return fragmentSizes("case_9_4_");
	}

	@ParameterizedTest(name = "{0}: 4 MiB text message in fragments of {1} bytes")
	@MethodSource("textFragmentSizes")
	void case_9_3_x_fragmentedTextMessage(String caseId, int fragmentSize) throws IOException {
		byte[] message = payload(TEXT, 4 * M);
		roundTrip(fragmented(TEXT, message, fragmentSize), TEXT, message, Integer.MAX_VALUE);
	}

	@ParameterizedTest(name = "{0}: 4 MiB binary message in fragments of {1} bytes")
	@MethodSource("binaryFragmentSizes")
	void case_9_4_x_fragmentedBinaryMessage(String caseId, int fragmentSize) throws IOException {
		byte[] message = payload(BINARY, 4 * M);
		roundTrip(fragmented(BINARY, message, fragmentSize), BINARY, message, Integer.MAX_VALUE);
	}

	// ---- 9.5, 9.6 a 1 MiB message written in chops of 64 B - 2 KiB ---------------------------------

	static Stream<Arguments> chopSizes(String prefix) {
		return numbered(prefix, 64, 128, 256, 512, K, 2 * K);
	}

	static Stream<Arguments> textChopSizes() {
		return chopSizes("case_9_5_");
	}

	static Stream<Arguments> binaryChopSizes() {
		return chopSizes("case_9_6_");
	}

	@ParameterizedTest(name = "{0}: 1 MiB text message written in chops of {1} bytes")
	@MethodSource("textChopSizes")
	void case_9_5_x_textMessageInChops(String caseId, int chop) throws IOException {
		byte[] message = payload(TEXT, M);
		roundTrip(frame(true, TEXT, message), TEXT, message, chop);
	}

	@ParameterizedTest(name = "{0}: 1 MiB binary message written in chops of {1} bytes")
	@MethodSource("binaryChopSizes")
	void case_9_6_x_binaryMessageInChops(String caseId, int chop) throws IOException {
		byte[] message = payload(BINARY, M);
		roundTrip(frame(true, BINARY, message), BINARY, message, chop);
	}

	// ---- 9.7, 9.8 1000 round trips of small messages -----------------------------------------------

	private static final int ROUND_TRIPS = 1000;

	static Stream<Arguments> smallSizes(String prefix) {
		return numbered(prefix, 0, 16, 64, 256, K, 4 * K);
	}

	static Stream<Arguments> textSmallSizes() {
		return smallSizes("case_9_7_");
	}

	static Stream<Arguments> binarySmallSizes() {
		return smallSizes("case_9_8_");
	}

	private static void roundTrips(int opcode, int size) throws IOException {
		byte[] message = payload(opcode, size);
		try (RawClient c = connect(server.port())) {
			for (int i = 0; i < ROUND_TRIPS; i++) {
				c.send(true, opcode, message);
				expectMessage(c, opcode, message);
			}
			closeNormally(c);
		}
	}

	@ParameterizedTest(name = "{0}: " + ROUND_TRIPS + " text round trips of {1} bytes")
	@MethodSource("textSmallSizes")
	void case_9_7_x_textRoundTrips(String caseId, int size) throws IOException {
		roundTrips(TEXT, size);
	}

	@ParameterizedTest(name = "{0}: " + ROUND_TRIPS + " binary round trips of {1} bytes")
	@MethodSource("binarySmallSizes")
	void case_9_8_x_binaryRoundTrips(String caseId, int size) throws IOException {
		roundTrips(BINARY, size);
	}

	// ---- 10.1.1 auto-fragmentation -----------------------------------------------------------------

	@Test
	void case_10_1_1_textMessage65536AutoFragmentedAt1300() throws IOException {
		byte[] message = filled(65536, '*');
		byte[] frames = fragmented(TEXT, message, 1300);
		// 65536 / 1300 = 50 full fragments and one of 536.
		roundTrip(frames, TEXT, message, Integer.MAX_VALUE);
	}

	// ---- beyond Autobahn: the size limits fail with 1009 -------------------------------------------

	@Test
	void case_9_extra_frameOverMaxFrameSizeFailsWith1009() throws Exception {
		Limits limits = Limits.builder().maxFrameSize(64 * K).maxMessageSize(256 * K).build();
		try (EchoServer small = new EchoServer(limits); RawClient c = connect(small.port())) {
			byte[] ok = payload(BINARY, 64 * K);
			c.send(true, BINARY, ok);
			expectMessage(c, BINARY, ok);
			sendAfterViolation(c, frame(true, BINARY, payload(BINARY, 64 * K + 1)), Integer.MAX_VALUE);
			expectFailure(c, 1009);
		}
	}

	@Test
	void case_9_extra_fragmentedMessageOverMaxMessageSizeFailsWith1009() throws Exception {
		Limits limits = Limits.builder().maxFrameSize(64 * K).maxMessageSize(256 * K).build();
		try (EchoServer small = new EchoServer(limits); RawClient c = connect(small.port())) {
			byte[] ok = payload(TEXT, 256 * K);
			c.sendRaw(fragmented(TEXT, ok, 64 * K));
			expectMessage(c, TEXT, ok);
			sendAfterViolation(c, fragmented(TEXT, payload(TEXT, 256 * K + 1), 64 * K), Integer.MAX_VALUE);
			expectFailure(c, 1009);
		}
	}

}
