package io.jlws.frame;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Payload builders and the on-the-wire frame checks shared by the server-side and client-side Autobahn-style
 * tests. The checks are written from RFC 6455 directly (not with jlws' own CloseCodes or Utf8Validator), so they
 * stay an independent oracle.
 */
public final class AutobahnPayloads {

	private AutobahnPayloads() {
	}

	public static byte[] utf8(String s) {
		return s.getBytes(StandardCharsets.UTF_8);
	}

	public static byte[] hex(String hex) {
		return HexFormat.of().parseHex(hex);
	}

	public static byte[] filled(int length, int value) {
		byte[] b = new byte[length];
		Arrays.fill(b, (byte) value);
		return b;
	}

	/** {@code pattern} repeated up to exactly {@code length} bytes (Autobahn's {@code payload_len}). */
	public static byte[] repeated(String pattern, int length) {
		byte[] p = utf8(pattern);
		byte[] b = new byte[length];
		for (int i = 0; i < length; i++) {
			b[i] = p[i % p.length];
		}
		return b;
	}

	public static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream b = new ByteArrayOutputStream();
		for (byte[] p : parts) {
			b.writeBytes(p);
		}
		return b.toByteArray();
	}

	public static byte[] closePayload(int code, byte[] reason) {
		byte[] p = new byte[2 + reason.length];
		p[0] = (byte) (code >>> 8);
		p[1] = (byte) code;
		System.arraycopy(reason, 0, p, 2, reason.length);
		return p;
	}

	/**
	 * Checks a frame the peer under test sent the way an Autobahn testee is graded: no RSV bits, a known opcode,
	 * final control frames of at most 125 bytes, close codes allowed on the wire and a UTF-8 close reason.
	 * @param who "server" or "client", for the messages
	 * @param description how to show the frame in a failure
	 */
	public static void checkOnWire(String who, boolean fin, int rsv, int opcode, byte[] payload, String description) {
		assertThat(rsv).as(who + " frame with RSV bits: " + description).isZero();
		assertThat(opcode).as(who + " frame with a reserved opcode: " + description).isIn(0, 1, 2, 8, 9, 10);
		if (opcode >= 8) {
			assertThat(fin).as("fragmented " + who + " control frame: " + description).isTrue();
			assertThat(payload.length).as(who + " control frame payload: " + description).isLessThanOrEqualTo(125);
		}
		if (opcode != 8) {
			return;
		}
		assertThat(payload.length).as(who + " close payload of 1 byte").isNotEqualTo(1);
		if (payload.length < 2) {
			return;
		}
		int code = ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
		assertThat((code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999))
			.as(who + " close code " + code + " allowed on the wire")
			.isTrue();
		try {
			StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(payload, 2, payload.length - 2));
		}
		catch (CharacterCodingException ex) {
			fail(who + " close reason is not valid UTF-8: " + description);
		}
	}

}
