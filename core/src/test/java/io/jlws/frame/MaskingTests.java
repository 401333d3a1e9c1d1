package io.jlws.frame;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;

import static io.jlws.frame.TestFrames.hex;
import static io.jlws.frame.TestFrames.utf8;
import static org.assertj.core.api.Assertions.assertThat;

class MaskingTests {

	private static final int KEY = 0x37FA213D;

	@Test
	void rfcExampleMasksHello() {
		// RFC 6455 5.7: "Hello" masked with 37 fa 21 3d is 7f 9f 4d 51 58.
		ByteBuffer buf = ByteBuffer.wrap(utf8("Hello"));
		Masking.mask(buf, 0, 5, KEY, 0);
		assertThat(hex(buf.array())).isEqualTo("7f9f4d5158");
		Masking.unmask(buf, 0, 5, KEY, 0);
		assertThat(buf.array()).isEqualTo(utf8("Hello"));
	}

	@Test
	void unmaskingInChunksEqualsUnmaskingInOneGoForManyLengthsAndSplits() {
		Random random = new Random(42);
		for (int length = 0; length <= 70; length++) {
			byte[] payload = new byte[length];
			random.nextBytes(payload);
			int key = random.nextInt();
			byte[] expected = naive(payload, key, 0);
			for (IntFunction<ByteBuffer> kind : bufferKinds()) {
				for (int a = 0; a <= length; a++) {
					int b = a + (length - a) / 2;
					ByteBuffer buf = kind.apply(length + 3);
					int base = 3;
					buf.put(base, payload);
					Masking.unmask(buf, base, base + a, key, 0);
					Masking.unmask(buf, base + a, base + b, key, a);
					Masking.unmask(buf, base + b, base + length, key, b);
					byte[] actual = new byte[length];
					buf.get(base, actual);
					assertThat(actual).as("length %d, split %d/%d", length, a, b).isEqualTo(expected);
				}
			}
		}
	}

	@Test
	void largeMaskOffsetsRotateTheKeyByTheirRemainder() {
		byte[] payload = utf8("some payload that spans words");
		for (long offset : new long[] { 4L << 32, (4L << 32) + 1, Long.MAX_VALUE - 2, 1_000_003 }) {
			ByteBuffer buf = ByteBuffer.wrap(payload.clone());
			Masking.unmask(buf, 0, payload.length, KEY, offset);
			assertThat(buf.array()).isEqualTo(naive(payload, KEY, (int) (offset & 3)));
		}
	}

	@Test
	void byteArrayVariantAgreesWithTheBufferVariant() {
		Random random = new Random(7);
		for (int length = 0; length <= 40; length++) {
			for (int offset = 0; offset < 4; offset++) {
				byte[] payload = new byte[length];
				random.nextBytes(payload);
				byte[] array = payload.clone();
				Masking.mask(array, 0, length, KEY, offset);
				ByteBuffer buf = ByteBuffer.wrap(payload.clone());
				Masking.mask(buf, 0, length, KEY, offset);
				assertThat(array).isEqualTo(buf.array()).isEqualTo(naive(payload, KEY, offset));
			}
		}
	}

	@Test
	void maskingTwiceRestoresThePayload() {
		byte[] payload = TestFrames.binaryOfLength(1000);
		ByteBuffer buf = ByteBuffer.wrap(payload.clone());
		Masking.mask(buf, 0, 1000, KEY, 0);
		assertThat(buf.array()).isNotEqualTo(payload);
		Masking.unmask(buf, 0, 1000, KEY, 0);
		assertThat(buf.array()).isEqualTo(payload);
	}

	@Test
	void zeroKeyIsANoOpEvenOnAReadOnlyBuffer() {
		ByteBuffer buf = ByteBuffer.wrap(utf8("unchanged")).asReadOnlyBuffer();
		Masking.unmask(buf, 0, 9, 0, 0);
		assertThat(buf).isEqualTo(ByteBuffer.wrap(utf8("unchanged")));
	}

	@Test
	void positionAndLimitAreNotTouched() {
		ByteBuffer buf = ByteBuffer.allocate(32);
		buf.position(5).limit(20);
		Masking.unmask(buf, 0, 20, KEY, 0);
		assertThat(buf.position()).isEqualTo(5);
		assertThat(buf.limit()).isEqualTo(20);
	}

	private static byte[] naive(byte[] payload, int key, int offset) {
		byte[] out = payload.clone();
		for (int i = 0; i < out.length; i++) {
			out[i] ^= (byte) (key >>> (24 - 8 * ((i + offset) % 4)));
		}
		return out;
	}

	private static List<IntFunction<ByteBuffer>> bufferKinds() {
		return List.of(ByteBuffer::allocate, (n) -> ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN),
				ByteBuffer::allocateDirect, (n) -> ByteBuffer.allocateDirect(n).order(ByteOrder.LITTLE_ENDIAN));
	}

}
