package io.jlws.frame;

import java.nio.ByteBuffer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.jlws.frame.TestFrames.KEY;
import static io.jlws.frame.TestFrames.concat;
import static io.jlws.frame.TestFrames.hex;
import static io.jlws.frame.TestFrames.masked;
import static io.jlws.frame.TestFrames.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class FrameParserViolationTests {

	private static final String K = " 00 00 00 00";

	/**
	 * Server-side violations: hex bytes (masked with a zero key unless the case is about masking), the
	 * close code, the message and the index of the byte that decides the violation.
	 */
	static Stream<Arguments> serverViolations() {
		return Stream.of(
				// Unmasked text "Hello" sent to a server.
				Arguments.of("81 05 48 65 6c 6c 6f", 1002, "Client frames must be masked", 1),
				Arguments.of("c1 80" + K, 1002, "Reserved bits must be 0 unless an extension defines them", 0),
				Arguments.of("a1 80" + K, 1002, "Reserved bits must be 0 unless an extension defines them", 0),
				Arguments.of("91 80" + K, 1002, "Reserved bits must be 0 unless an extension defines them", 0),
				Arguments.of("83 80" + K, 1002, "Opcode 0x3 is reserved", 0),
				Arguments.of("87 80" + K, 1002, "Opcode 0x7 is reserved", 0),
				Arguments.of("8b 80" + K, 1002, "Opcode 0xb is reserved", 0),
				Arguments.of("8f 80" + K, 1002, "Opcode 0xf is reserved", 0),
				// A fragmented ping.
				Arguments.of("09 80" + K, 1002, "Control frames must be final", 0),
				// A ping announcing 126 bytes.
				Arguments.of("89 fe 00 7e" + K, 1002, "Control frame payload must be at most 125 bytes", 1),
				Arguments.of("80 80" + K, 1002, "Continuation frame without a message in progress", 0),
				Arguments.of("01 80" + K + " 81 80" + K, 1002,
						"TEXT frame inside a fragmented message, expected CONTINUATION", 6),
				Arguments.of("02 80" + K + " 82 80" + K, 1002,
						"BINARY frame inside a fragmented message, expected CONTINUATION", 6),
				// 125 encoded in 16 bits.
				Arguments.of("82 fe 00 7d" + K, 1002, "Frame length 125 is not minimally encoded in 16 bits", 3),
				// 65535 encoded in 64 bits.
				Arguments.of("82 ff 00 00 00 00 00 00 ff ff" + K, 1002,
						"Frame length 65535 is not minimally encoded in 64 bits", 9),
				Arguments.of("82 ff 80 00 00 00 00 00 00 00" + K, 1002,
						"Frame length must not have its most significant bit set", 2),
				Arguments.of("88 81" + K + " 03", 1002, "Close frame payload must not be 1 byte", 1),
				// Close with code 1005, which only reports a missing code locally.
				Arguments.of("88 82" + K + " 03 ed", 1002, "Close code 1005 is not allowed on the wire", 7),
				// Text "\xC0\x80", an overlong NUL.
				Arguments.of("81 82" + K + " c0 80", 1007, "Text message is not valid UTF-8", 6),
				// Text ending after the first byte of the euro sign.
				Arguments.of("81 81" + K + " e2", 1007, "Text message ends inside a UTF-8 sequence", 6),
				// Close 1000 with reason "\xFF".
				Arguments.of("88 83" + K + " 03 e8 ff", 1007, "Close reason is not valid UTF-8", 8));
	}

	@ParameterizedTest(name = "[{index}] {2}")
	@MethodSource("serverViolations")
	void serverRejectsViolationWithItsCloseCodeAndMessage(String frames, int code, String message, int decidingByte) {
		FrameParser parser = new FrameParser(true, Long.MAX_VALUE, Long.MAX_VALUE);
		WebSocketProtocolException ex = violation(parser, hex(frames));
		assertThat(ex.closeCode()).isEqualTo(code);
		assertThat(ex).hasMessage(message);
		assertThat(ex.getStackTrace()).as("cheap exception").isEmpty();
	}

	@ParameterizedTest(name = "[{index}] {2}")
	@MethodSource("serverViolations")
	void violationFedOneByteAtATimeIsReportedOnTheByteThatDecidesIt(String frames, int code, String message,
			int decidingByte) {
		FrameParser parser = new FrameParser(true, Long.MAX_VALUE, Long.MAX_VALUE);
		byte[] wire = hex(frames);
		for (int i = 0; i < wire.length; i++) {
			ByteBuffer one = ByteBuffer.wrap(wire, i, 1);
			if (i < decidingByte) {
				parser.next(one, Integer.MAX_VALUE);
				while (one.hasRemaining()) {
					parser.next(one, Integer.MAX_VALUE);
				}
			}
			else {
				assertThatExceptionOfType(WebSocketProtocolException.class).as("at byte %d", i)
					.isThrownBy(() -> drain(parser, one))
					.withMessage(message);
				return;
			}
		}
	}

	@Test
	void clientRejectsMaskedFrames() {
		// RFC 6455 5.7: the masked "Hello" frame, which only a server may receive.
		FrameParser parser = new FrameParser(false, Long.MAX_VALUE, Long.MAX_VALUE);
		WebSocketProtocolException ex = violation(parser, hex("81 85 37 fa 21 3d 7f 9f 4d 51 58"));
		assertThat(ex.closeCode()).isEqualTo(CloseCodes.PROTOCOL_ERROR);
		assertThat(ex).hasMessage("Server frames must not be masked");
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF })
	void everyReservedOpcodeIsAProtocolError(int opcode) {
		FrameParser parser = new FrameParser(false, Long.MAX_VALUE, Long.MAX_VALUE);
		assertThat(violation(parser, new byte[] { (byte) (0x80 | opcode), 0 }).closeCode())
			.isEqualTo(CloseCodes.PROTOCOL_ERROR);
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535 })
	void closeCodeNotValidOnTheWireIsAProtocolError(int code) {
		FrameParser parser = new FrameParser(true, Long.MAX_VALUE, Long.MAX_VALUE);
		byte[] frame = masked(true, Opcode.CLOSE, new byte[] { (byte) (code >>> 8), (byte) code }, KEY);
		WebSocketProtocolException ex = violation(parser, frame);
		assertThat(ex.closeCode()).isEqualTo(CloseCodes.PROTOCOL_ERROR);
	}

	@ParameterizedTest
	@ValueSource(ints = { 1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 4999 })
	void closeCodeValidOnTheWireIsReported(int code) {
		FrameParser parser = new FrameParser(true, Long.MAX_VALUE, Long.MAX_VALUE);
		byte[] frame = masked(true, Opcode.CLOSE,
				concat(new byte[] { (byte) (code >>> 8), (byte) code }, utf8("\u00e7a va")), KEY);
		assertThat(parser.next(ByteBuffer.wrap(frame), 10)).isEqualTo(FrameParser.Event.CONTROL);
		assertThat(parser.closeCode()).isEqualTo(code);
		assertThat(parser.closeReason()).isEqualTo("\u00e7a va");
	}

	@Test
	void framePayloadOverTheLimitIsTooBigBeforeAnyPayloadArrives() {
		FrameParser parser = new FrameParser(true, 100, Long.MAX_VALUE);
		// Binary frame announcing 200 bytes in 16 bits, nothing more.
		WebSocketProtocolException ex = violation(parser, hex("82 fe 00 c8"));
		assertThat(ex.closeCode()).isEqualTo(CloseCodes.MESSAGE_TOO_BIG);
		assertThat(ex).hasMessage("Frame payload of 200 bytes exceeds the limit of 100 bytes");
	}

	@Test
	void controlFramesAreSubjectToTheFrameLimitToo() {
		FrameParser parser = new FrameParser(true, 4, Long.MAX_VALUE);
		assertThat(violation(parser, hex("89 85")).closeCode()).isEqualTo(CloseCodes.MESSAGE_TOO_BIG);
	}

	@Test
	void messageOverTheLimitIsTooBigOnTheHeaderOfTheFragmentThatExceedsIt() {
		FrameParser parser = new FrameParser(true, 100, 100);
		byte[] first = masked(false, Opcode.BINARY, new byte[60], KEY);
		// A continuation announcing 41 more bytes (101 in all), without its payload.
		WebSocketProtocolException ex = violation(parser, concat(first, hex("80 a9")));
		assertThat(ex.closeCode()).isEqualTo(CloseCodes.MESSAGE_TOO_BIG);
		assertThat(ex).hasMessage("Message payload exceeds the limit of 100 bytes");
	}

	@Test
	void firstFrameOverTheMessageLimitIsTooBig() {
		FrameParser parser = new FrameParser(true, Long.MAX_VALUE, 10);
		assertThat(violation(parser, hex("81 8b")).closeCode()).isEqualTo(CloseCodes.MESSAGE_TOO_BIG);
	}

	@Test
	void newMessageStartsCountingTheLimitAgain() {
		FrameParser parser = new FrameParser(true, 100, 100);
		byte[] wire = concat(masked(true, Opcode.BINARY, new byte[100], KEY), masked(true, Opcode.TEXT, new byte[100], KEY));
		ParserDriver driver = new ParserDriver(parser, 1000).feed(wire);
		assertThat(driver.frames()).hasSize(2);
	}

	@Test
	void invalidUtf8FailsMidFrameBeforeTheRestOfTheFrameArrives() {
		FrameParser parser = new FrameParser(true, Long.MAX_VALUE, Long.MAX_VALUE);
		// Text frame of 100 bytes (zero mask) of which only "ab\xFF" has arrived.
		ByteBuffer in = ByteBuffer.wrap(hex("81 e4" + K + " 61 62 ff"));
		WebSocketProtocolException ex = catchThrowableOfType(WebSocketProtocolException.class, () -> drain(parser, in));
		assertThat(ex.closeCode()).isEqualTo(CloseCodes.INVALID_PAYLOAD);
	}

	@Test
	void invalidUtf8IsFoundWithinAChunkBeforeItIsDelivered() {
		FrameParser parser = new FrameParser(false, Long.MAX_VALUE, Long.MAX_VALUE);
		ByteBuffer in = ByteBuffer.wrap(hex("81 04 61 62 63 ff"));
		assertThat(parser.next(in, 3)).isEqualTo(FrameParser.Event.DATA);
		assertThatExceptionOfType(WebSocketProtocolException.class).isThrownBy(() -> parser.next(in, 3))
			.satisfies((ex) -> assertThat(ex.closeCode()).isEqualTo(CloseCodes.INVALID_PAYLOAD));
	}

	@Test
	void invalidUtf8AcrossFragmentsIsInvalidPayload() {
		// "\xED" ends the first fragment, "\xA0\x80" (a surrogate) starts the continuation.
		byte[] wire = concat(masked(false, Opcode.TEXT, hex("61 ed"), KEY),
				masked(true, Opcode.CONTINUATION, hex("a0 80"), KEY));
		FrameParser parser = new FrameParser(true, Long.MAX_VALUE, Long.MAX_VALUE);
		assertThat(violation(parser, wire).closeCode()).isEqualTo(CloseCodes.INVALID_PAYLOAD);
	}

	@Test
	void textEndingMidCodePointInTheFinalFragmentIsInvalidPayload() {
		byte[] wire = concat(masked(false, Opcode.TEXT, hex("61"), KEY),
				masked(true, Opcode.CONTINUATION, hex("f0 9f 98"), KEY));
		FrameParser parser = new FrameParser(true, Long.MAX_VALUE, Long.MAX_VALUE);
		assertThat(violation(parser, wire)).hasMessage("Text message ends inside a UTF-8 sequence");
	}

	@Test
	void binaryMessagesAreNotValidatedAsUtf8() {
		ParserDriver driver = ParserDriver.server().feed(masked(true, Opcode.BINARY, hex("c0 80 ff e2"), KEY));
		assertThat(driver.frames()).hasSize(1);
	}

	@Test
	void rsv1IsRejectedOnContinuationAndControlFramesEvenWhenAllowed() {
		FrameParser continuation = new FrameParser(false, 100, 100).allowRsv1(true);
		assertThat(violation(continuation, hex("41 01 61 c0 00")).closeCode()).isEqualTo(CloseCodes.PROTOCOL_ERROR);
		FrameParser control = new FrameParser(false, 100, 100).allowRsv1(true);
		assertThat(violation(control, hex("c9 00")).closeCode()).isEqualTo(CloseCodes.PROTOCOL_ERROR);
		FrameParser rsv2 = new FrameParser(false, 100, 100).allowRsv1(true);
		assertThat(violation(rsv2, hex("e1 00")).closeCode()).isEqualTo(CloseCodes.PROTOCOL_ERROR);
	}

	@Test
	void parserIsCorruptAfterAViolation() {
		FrameParser parser = new FrameParser(true, Long.MAX_VALUE, Long.MAX_VALUE);
		violation(parser, hex("81 05 48 65 6c 6c 6f"));
		assertThatIllegalStateException().isThrownBy(() -> parser.next(ByteBuffer.wrap(hex("81 80" + K)), 10))
			.withMessageContaining("Client frames must be masked");
	}

	private static WebSocketProtocolException violation(FrameParser parser, byte[] wire) {
		return catchThrowableOfType(WebSocketProtocolException.class, () -> drain(parser, ByteBuffer.wrap(wire)));
	}

	private static void drain(FrameParser parser, ByteBuffer in) {
		while (parser.next(in, Integer.MAX_VALUE) != FrameParser.Event.NEED_MORE) {
			// keep going until the violation or the end of the input
		}
	}

}
