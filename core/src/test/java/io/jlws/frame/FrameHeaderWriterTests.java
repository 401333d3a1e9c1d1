package io.jlws.frame;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.jlws.frame.TestFrames.hex;
import static io.jlws.frame.TestFrames.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FrameHeaderWriterTests {

	@ParameterizedTest(name = "{0} bytes, masked={1}: {2}")
	@CsvSource({ "0, false, 8200", "5, false, 8205", "125, false, 827d", "126, false, 827e007e",
			"127, false, 827e007f", "65535, false, 827effff", "65536, false, 827f0000000000010000",
			"65539, false, 827f0000000000010003", "4294967296, false, 827f0000000100000000",
			"0, true, 828001020304", "125, true, 82fd01020304", "126, true, 82fe007e01020304",
			"65535, true, 82feffff01020304", "65536, true, 82ff000000000001000001020304" })
	void headerUsesTheShortestLengthEncoding(long length, boolean masked, String expected) {
		ByteBuffer dst = ByteBuffer.allocate(20);
		FrameHeaderWriter.writeHeader(dst, true, Opcode.BINARY, length, masked, 0x01020304);
		assertThat(hex(Arrays.copyOf(dst.array(), dst.position()))).isEqualTo(expected);
		assertThat(FrameHeaderWriter.headerLength(length, masked)).isEqualTo(expected.length() / 2);
	}

	@ParameterizedTest
	@CsvSource({ "0, 2", "125, 2", "126, 4", "65535, 4", "65536, 10", "9223372036854775807, 10" })
	void headerLengthIsTwoFourOrTenPlusFourWhenMasked(long payloadLength, int expected) {
		assertThat(FrameHeaderWriter.headerLength(payloadLength, false)).isEqualTo(expected);
		assertThat(FrameHeaderWriter.headerLength(payloadLength, true)).isEqualTo(expected + 4);
	}

	@Test
	void firstByteCarriesFinAndOpcodeWithReservedBitsClear() {
		ByteBuffer dst = ByteBuffer.allocate(14);
		FrameHeaderWriter.writeHeader(dst, false, Opcode.TEXT, 3, false, 0);
		FrameHeaderWriter.writeHeader(dst, true, Opcode.CONTINUATION, 3, false, 0);
		FrameHeaderWriter.writeHeader(dst, true, Opcode.PONG, 0, false, 0);
		assertThat(hex(Arrays.copyOf(dst.array(), dst.position()))).isEqualTo("010380038a00");
	}

	@Test
	void littleEndianBufferStillGetsANetworkOrderHeader() {
		ByteBuffer dst = ByteBuffer.allocate(14).order(ByteOrder.LITTLE_ENDIAN);
		FrameHeaderWriter.writeHeader(dst, true, Opcode.BINARY, 300, true, 0x01020304);
		assertThat(hex(Arrays.copyOf(dst.array(), dst.position()))).isEqualTo("82fe012c01020304");
	}

	@Test
	void byteArrayVariantWritesTheSameBytesAtTheOffset() {
		byte[] dst = new byte[20];
		int written = FrameHeaderWriter.writeHeader(dst, 3, true, Opcode.TEXT, 70000, true, 0xCAFEBABE);
		ByteBuffer expected = ByteBuffer.allocate(14);
		FrameHeaderWriter.writeHeader(expected, true, Opcode.TEXT, 70000, true, 0xCAFEBABE);
		assertThat(written).isEqualTo(14);
		assertThat(Arrays.copyOfRange(dst, 3, 17)).isEqualTo(expected.array());
	}

	@Test
	void writerRefusesFramesNoPeerWouldAccept() {
		ByteBuffer dst = ByteBuffer.allocate(14);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> FrameHeaderWriter.writeHeader(dst, false, Opcode.PING, 0, false, 0));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> FrameHeaderWriter.writeHeader(dst, true, Opcode.CLOSE, 126, false, 0));
		assertThatIllegalArgumentException().isThrownBy(() -> FrameHeaderWriter.writeHeader(dst, true, 3, 0, false, 0));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> FrameHeaderWriter.writeHeader(dst, true, Opcode.TEXT, -1, false, 0));
		assertThat(dst.position()).isZero();
	}

	@Test
	void tooSmallBufferOverflowsWithoutWritingAnything() {
		ByteBuffer dst = ByteBuffer.allocate(3);
		assertThatExceptionOfType(BufferOverflowException.class)
			.isThrownBy(() -> FrameHeaderWriter.writeHeader(dst, true, Opcode.BINARY, 200, false, 0));
		assertThat(dst.position()).isZero();
	}

	@Test
	void closePayloadIsTheCodeThenTheReason() {
		ByteBuffer payload = FrameHeaderWriter.closePayload(CloseCodes.NORMAL, "bye");
		assertThat(payload).isEqualTo(ByteBuffer.wrap(TestFrames.concat(hex("03e8"), utf8("bye"))));
		assertThat(FrameHeaderWriter.closePayload(CloseCodes.GOING_AWAY, null)).isEqualTo(ByteBuffer.wrap(hex("03e9")));
		assertThat(FrameHeaderWriter.closePayload(4000, "")).isEqualTo(ByteBuffer.wrap(hex("0fa0")));
	}

	@ParameterizedTest
	@ValueSource(strings = { "a", "\u00e9", "\u20ac", "\ud83d\ude00", "a\u00e9\u20ac\ud83d\ude00" })
	void closeReasonIsTruncatedOnACodePointBoundary(String unit) {
		for (int repeat = 1; repeat <= 130; repeat++) {
			String reason = unit.repeat(repeat);
			ByteBuffer payload = FrameHeaderWriter.closePayload(CloseCodes.POLICY_VIOLATION, reason);
			assertThat(payload.remaining()).isLessThanOrEqualTo(125);
			byte[] reasonBytes = Arrays.copyOfRange(payload.array(), 2, payload.limit());
			assertThat(Utf8Validator.isValid(reasonBytes, 0, reasonBytes.length)).isTrue();
			String decoded = new String(reasonBytes, StandardCharsets.UTF_8);
			assertThat(reason).startsWith(decoded);
			if (utf8(reason).length <= 123) {
				assertThat(decoded).isEqualTo(reason);
			}
			else {
				assertThat(payload.remaining()).as("cut less than one code point too many").isGreaterThan(125 - 4);
			}
		}
	}

	@Test
	void closePayloadCutsAFourByteCodePointThatWouldStraddleTheLimit() {
		// 122 ASCII bytes leave one byte free: the emoji must go entirely.
		ByteBuffer payload = FrameHeaderWriter.closePayload(CloseCodes.NORMAL, "x".repeat(122) + "\ud83d\ude00");
		assertThat(payload.remaining()).isEqualTo(124);
	}

	@ParameterizedTest
	@ValueSource(ints = { 999, 1004, 1005, 1006, 1015, 2000, 5000 })
	void closePayloadRefusesCodesThatMayNotBeSent(int code) {
		assertThatIllegalArgumentException().isThrownBy(() -> FrameHeaderWriter.closePayload(code, "x"));
	}

	@Test
	void closePayloadParsesBackWithTheParser() {
		ByteBuffer payload = FrameHeaderWriter.closePayload(CloseCodes.MESSAGE_TOO_BIG, "\u00e9".repeat(100));
		ByteBuffer wire = ByteBuffer.allocate(2 + 125);
		FrameHeaderWriter.writeHeader(wire, true, Opcode.CLOSE, payload.remaining(), false, 0);
		wire.put(payload).flip();
		FrameParser parser = new FrameParser(false, Long.MAX_VALUE, Long.MAX_VALUE);
		assertThat(parser.next(wire, 10)).isEqualTo(FrameParser.Event.CONTROL);
		assertThat(parser.closeCode()).isEqualTo(1009);
		assertThat(parser.closeReason()).isEqualTo("\u00e9".repeat(61));
	}

}
