package io.jlws.frame;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.jlws.frame.TestFrames.hex;
import static io.jlws.frame.TestFrames.utf8;
import static org.assertj.core.api.Assertions.assertThat;

class Utf8ValidatorTests {


	static Stream<String> validTexts() {
		return Stream.of("", "Hello", "\u03ba\u1f79\u03c3\u03bc\u03b5", "\u20ac", "\ud83d\ude00", "\u0080\u07ff\u0800\uffff",
				"\ud800\udc00\udbff\udfff", "plain ASCII long enough to take the eight-byte fast path several times",
				"mixed: caf\u00e9 \u20ac5 \ud83d\ude00 and back to ASCII for a while, then \u4e2d\u6587");
	}

	@ParameterizedTest
	@MethodSource("validTexts")
	void validTextIsValid(String text) {
		assertThat(Utf8Validator.isValid(ByteBuffer.wrap(utf8(text)))).isTrue();
		assertThat(new Utf8Validator().update(utf8(text))).isTrue();
	}

	@ParameterizedTest
	@MethodSource("validTexts")
	void validTextSplitAtEveryByteIsValidAndCompleteOnlyOnCodePointBoundaries(String text) {
		byte[] bytes = utf8(text);
		for (int split = 0; split <= bytes.length; split++) {
			for (Function<byte[], ByteBuffer> kind : bufferKinds()) {
				ByteBuffer buf = kind.apply(bytes);
				Utf8Validator validator = new Utf8Validator();
				assertThat(validator.update(buf, 0, split)).isTrue();
				boolean boundary = split == bytes.length || (bytes[split] & 0xC0) != 0x80;
				assertThat(validator.isComplete()).as("complete at %d", split).isEqualTo(boundary);
				assertThat(validator.update(buf, split, bytes.length)).isTrue();
				assertThat(validator.isComplete()).isTrue();
			}
			Utf8Validator validator = new Utf8Validator();
			assertThat(validator.update(bytes, 0, split) && validator.update(bytes, split, bytes.length)).isTrue();
			assertThat(validator.isComplete()).isTrue();
		}
	}

	/** Autobahn 6.x style cases: the bytes and the index of the first byte that makes them invalid. */
	static Stream<Arguments> invalidSequences() {
		return Stream.of(Arguments.of("c0 80", 0), // overlong NUL, 2 bytes
				Arguments.of("c1 bf", 0), // overlong U+007F
				Arguments.of("e0 80 80", 1), // overlong NUL, 3 bytes
				Arguments.of("e0 9f bf", 1), // overlong U+07FF
				Arguments.of("f0 80 80 80", 1), // overlong NUL, 4 bytes
				Arguments.of("f0 8f bf bf", 1), // overlong U+FFFF
				Arguments.of("ed a0 80", 1), // surrogate U+D800
				Arguments.of("ed bf bf", 1), // surrogate U+DFFF
				Arguments.of("ed a0 80 ed b0 80", 1), // surrogate pair encoded as two 3-byte sequences
				Arguments.of("f4 90 80 80", 1), // U+110000
				Arguments.of("f5 80 80 80", 0), // lead byte beyond U+10FFFF
				Arguments.of("f7 bf bf bf", 0), Arguments.of("80", 0), // lone continuation
				Arguments.of("bf", 0), Arguments.of("61 80 62", 1), Arguments.of("fe", 0), Arguments.of("ff", 0),
				Arguments.of("fe fe ff ff", 0), Arguments.of("c2 41", 1), // truncated, then ASCII
				Arguments.of("e2 28 a1", 1), Arguments.of("f0 9f 98 41", 3),
				// "κόσμε" then a surrogate, then "edited" (Autobahn 6.4.x shape).
				Arguments.of("ce ba e1 bd b9 cf 83 ce bc ce b5 ed a0 80 65 64 69 74 65 64", 12),
				// 16 ASCII bytes, then 0xFF: found after the fast path skips whole words.
				Arguments.of("61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 ff", 16));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidSequences")
	void invalidSequenceIsRejected(String hex, int firstBadByte) {
		assertThat(Utf8Validator.isValid(ByteBuffer.wrap(hex(hex)))).isFalse();
		byte[] bytes = hex(hex);
		assertThat(Utf8Validator.isValid(bytes, 0, bytes.length)).isFalse();
	}

	@ParameterizedTest(name = "{0} fails at byte {1}")
	@MethodSource("invalidSequences")
	void invalidSequenceFailsFastAtTheFirstImpossibleByte(String hex, int firstBadByte) {
		byte[] bytes = hex(hex);
		Utf8Validator validator = new Utf8Validator();
		for (int i = 0; i < firstBadByte; i++) {
			assertThat(validator.update(bytes, i, i + 1)).as("byte %d", i).isTrue();
		}
		assertThat(validator.update(bytes, firstBadByte, firstBadByte + 1)).isFalse();
		for (Function<byte[], ByteBuffer> kind : bufferKinds()) {
			ByteBuffer buf = kind.apply(bytes);
			assertThat(new Utf8Validator().update(buf, 0, firstBadByte)).isTrue();
			assertThat(new Utf8Validator().update(buf, 0, firstBadByte + 1)).isFalse();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "c2", "e2", "e2 82", "f0", "f0 9f", "f0 9f 98", "61 62 f4 8f bf" })
	void truncatedSequenceIsAValidPrefixButNotComplete(String hex) {
		Utf8Validator validator = new Utf8Validator();
		assertThat(validator.update(hex(hex))).isTrue();
		assertThat(validator.isComplete()).isFalse();
		assertThat(Utf8Validator.isValid(ByteBuffer.wrap(hex(hex)))).isFalse();
	}

	@Test
	void failureSticksUntilReset() {
		Utf8Validator validator = new Utf8Validator();
		assertThat(validator.update(hex("ff"))).isFalse();
		assertThat(validator.update(utf8("fine"))).isFalse();
		assertThat(validator.isValidSoFar()).isFalse();
		assertThat(validator.isComplete()).isFalse();
		validator.reset();
		assertThat(validator.update(utf8("fine"))).isTrue();
		assertThat(validator.isComplete()).isTrue();
	}

	@Test
	void updateDoesNotMoveTheBuffer() {
		ByteBuffer buf = ByteBuffer.wrap(utf8("abc\u20ac"));
		buf.position(1);
		new Utf8Validator().update(buf, 0, buf.capacity());
		assertThat(buf.position()).isEqualTo(1);
		assertThat(buf.limit()).isEqualTo(buf.capacity());
	}

	@Test
	void isValidLooksOnlyBetweenPositionAndLimit() {
		ByteBuffer buf = ByteBuffer.wrap(hex("ff 61 62 ff"));
		buf.position(1).limit(3);
		assertThat(Utf8Validator.isValid(buf)).isTrue();
	}

	@Test
	void badByteIsFoundAtEveryPositionAroundTheAsciiFastPath() {
		for (int length = 1; length <= 40; length++) {
			for (int bad = 0; bad < length; bad++) {
				byte[] bytes = new byte[length];
				Arrays.fill(bytes, (byte) 'x');
				bytes[bad] = (byte) 0x80;
				for (Function<byte[], ByteBuffer> kind : bufferKinds()) {
					assertThat(Utf8Validator.isValid(kind.apply(bytes))).as("%d of %d", bad, length).isFalse();
				}
				assertThat(Utf8Validator.isValid(bytes, 0, length)).isFalse();
				assertThat(Utf8Validator.isValid(bytes, bad + 1, length)).isTrue();
			}
		}
	}

	@Test
	void agreesWithTheJdkOnEveryOneAndTwoByteSequenceAndEveryThreeByteOneWithAMultiByteLead() {
		List<String> disagreements = new ArrayList<>();
		for (int length = 1; length <= 3; length++) {
			byte[] bytes = new byte[length];
			// Three bytes led by ASCII or a stray continuation are the shorter cases again.
			int first = (length == 3) ? 0xC00000 : 0;
			for (int i = first; i < (1 << (8 * length)); i++) {
				for (int k = 0; k < length; k++) {
					bytes[k] = (byte) (i >>> (8 * (length - 1 - k)));
				}
				if (Utf8Validator.isValid(bytes, 0, length) != jdkAccepts(bytes)) {
					disagreements.add(hex(bytes));
				}
			}
		}
		assertThat(disagreements).isEmpty();
	}

	@Test
	void agreesWithTheJdkOnRandomFourByteSequences() {
		Random random = new Random(6455);
		byte[] bytes = new byte[4];
		List<String> disagreements = new ArrayList<>();
		for (int n = 0; n < 300_000; n++) {
			bytes[0] = (byte) (0xF0 + random.nextInt(16));
			for (int i = 1; i < 4; i++) {
				bytes[i] = (byte) (random.nextBoolean() ? 0x80 + random.nextInt(64) : random.nextInt(256));
			}
			if (Utf8Validator.isValid(bytes, 0, 4) != jdkAccepts(bytes)) {
				disagreements.add(hex(bytes));
			}
		}
		assertThat(disagreements).isEmpty();
	}

	/**
	 * The JDK replaces malformed input with U+FFFD when decoding, so only valid UTF-8 survives a round
	 * trip unchanged. (Much faster than a reporting decoder, which throws on every invalid sample.)
	 */
	private static boolean jdkAccepts(byte[] bytes) {
		return Arrays.equals(new String(bytes, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8), bytes);
	}

	/** Heap big-endian, heap little-endian and direct buffers, with the bytes at index 0. */
	private static List<Function<byte[], ByteBuffer>> bufferKinds() {
		return List.of(ByteBuffer::wrap, (b) -> ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN),
				(b) -> ByteBuffer.allocateDirect(b.length).put(b).flip());
	}

}
