package io.jlws.server;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.jlws.frame.AutobahnPayloads;

import static io.jlws.frame.AutobahnPayloads.concat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Shared helpers for the Autobahn-style conformance tests: frame building, chopped sends, and the expectations
 * Autobahn grades (echoed message, pong, clean close, failed connection with a given close code).
 *
 * <p>Every expectation reads the <em>next</em> frame(s) strictly: an unexpected frame (a pong that should not be
 * there, a message that should have been dropped) fails the test, which is how Autobahn's "expected" lists work.
 */
final class AutobahnSupport {

	static final int CONTINUATION = 0x0;

	static final int TEXT = 0x1;

	static final int BINARY = 0x2;

	static final int CLOSE = 0x8;

	static final int PING = 0x9;

	static final int PONG = 0xA;

	static final int NORMAL = 1000;

	static final int PROTOCOL_ERROR = 1002;

	static final int INVALID_PAYLOAD = 1007;

	/** How long a test waits for the server to fail a connection after the violating byte was sent. */
	static final int FAIL_WITHIN_MILLIS = 5_000;

	private AutobahnSupport() {
	}

	// ---- frames and sending -----------------------------------------------------------------------

	/** A masked client frame with RSV bits 0. */
	static byte[] frame(boolean fin, int opcode, byte[] payload) {
		return RawClient.frame(fin, 0, opcode, payload, true);
	}

	/** A masked client frame with the given RSV bits (the 3-bit field: 4 = RSV1, 2 = RSV2, 1 = RSV3). */
	static byte[] frame(boolean fin, int rsv, int opcode, byte[] payload) {
		return RawClient.frame(fin, rsv, opcode, payload, true);
	}

	/** Sends {@code bytes} in writes of at most {@code chop} bytes (Autobahn's {@code chopsize}). */
	static void sendChopped(RawClient c, byte[] bytes, int chop) throws IOException {
		for (int i = 0; i < bytes.length; i += chop) {
			c.sendRaw(Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + chop)));
		}
	}

	/** Sends each frame in its own write (Autobahn's {@code sync = True}, "frame-wise chops"). */
	static void sendFrameWise(RawClient c, byte[]... frames) throws IOException {
		for (byte[] f : frames) {
			c.sendRaw(f);
		}
	}

	/** Sends all frames in one write ("all sent in one chop"). */
	static void sendOneChop(RawClient c, byte[]... frames) throws IOException {
		c.sendRaw(concat(frames));
	}

	/**
	 * Sends bytes that follow a violation: the server may already have failed the connection, so a write error
	 * is expected and ignored (Autobahn's sends after a failure are dropped too).
	 */
	static void sendAfterViolation(RawClient c, byte[] bytes, int chop) {
		try {
			sendChopped(c, bytes, chop);
		}
		catch (IOException ex) {
			// the connection was already failed: nothing more to send
		}
	}

	/**
	 * Sends bytes during which the server may legitimately close the connection (e.g. after a CLOSE we sent
	 * earlier in the same bytes), so a write error is ignored; what matters is what the server answered.
	 */
	static void sendLeniently(RawClient c, byte[] bytes) {
		sendAfterViolation(c, bytes, Integer.MAX_VALUE);
	}

	// ---- expectations -----------------------------------------------------------------------------

	/**
	 * The next frame, failing the test on EOF or timeout, and on a frame the Autobahn client would itself reject
	 * (RSV bits, a reserved opcode, a fragmented or oversized control frame, an invalid close payload).
	 */
	static RawClient.Frame next(RawClient c, String expecting) throws IOException {
		try {
			return checkServerFrame(c.read());
		}
		catch (EOFException ex) {
			fail("connection closed by the server while expecting " + expecting);
			return null;
		}
		catch (SocketTimeoutException ex) {
			fail("nothing received within " + c.socket().getSoTimeout() + " ms while expecting " + expecting);
			return null;
		}
	}

	/** RFC 6455 rules for the frames a server sends (RawClient already rejects masked ones). */
	static RawClient.Frame checkServerFrame(RawClient.Frame f) {
		AutobahnPayloads.checkOnWire("server", f.fin(), f.rsv(), f.opcode(), f.payload(), describe(f));
		return f;
	}

	/**
	 * Expects the next message to be exactly {@code payload} as {@code opcode} (continuations reassembled; the
	 * echo server answers whole messages, which Autobahn accepts). Any control frame before it fails the test.
	 */
	static void expectMessage(RawClient c, int opcode, byte[] payload) throws IOException {
		String what = (opcode == TEXT ? "text" : "binary") + " message of " + payload.length + " bytes";
		RawClient.Frame first = next(c, what);
		assertThat(describe(first)).as("expected the echo: " + what).startsWith(opcodeName(opcode));
		ByteArrayOutputStream b = new ByteArrayOutputStream(payload.length);
		b.writeBytes(first.payload());
		RawClient.Frame f = first;
		while (!f.fin()) {
			f = next(c, "the continuation of the echoed " + what);
			assertThat(f.opcode()).as("frame inside the echoed message: " + describe(f)).isEqualTo(CONTINUATION);
			b.writeBytes(f.payload());
		}
		assertThat(first.rsv()).as("RSV bits of the echo").isZero();
		assertPayload(b.toByteArray(), payload, what);
	}

	/** Compares payloads without dumping megabytes into the failure message. */
	static void assertPayload(byte[] actual, byte[] expected, String what) {
		if (actual.length <= 256 && expected.length <= 256) {
			assertThat(actual).as(what).isEqualTo(expected);
			return;
		}
		assertThat(actual.length).as("length of " + what).isEqualTo(expected.length);
		int at = Arrays.mismatch(actual, expected);
		assertThat(at).as("first differing byte of " + what).isEqualTo(-1);
	}

	/** Expects the next frame to be a PONG carrying {@code payload}. */
	static void expectPong(RawClient c, byte[] payload) throws IOException {
		RawClient.Frame f = next(c, "a pong");
		assertThat(describe(f)).as("expected a pong").startsWith("PONG");
		assertThat(f.payload()).as("pong payload").isEqualTo(payload);
	}

	/**
	 * Expects the server to fail the connection: the next frame is a CLOSE with one of {@code codes}, then the
	 * server ends the TCP connection. Like Autobahn, we answer the close before waiting for the end.
	 */
	static void expectFailure(RawClient c, int... codes) throws IOException {
		int before = c.socket().getSoTimeout();
		c.socket().setSoTimeout(FAIL_WITHIN_MILLIS);
		RawClient.Frame f = next(c, "a close frame with " + Arrays.toString(codes));
		assertThat(describe(f)).as("expected the server to fail the connection with " + Arrays.toString(codes))
			.startsWith("CLOSE");
		assertThat(f.closeCode()).as("close code (reason: " + reason(f) + ")").isIn(boxed(codes));
		try {
			c.send(true, CLOSE, Arrays.copyOf(f.payload(), Math.min(2, f.payload().length)));
		}
		catch (IOException ex) {
			// the server may already have dropped the connection, which Autobahn allows
		}
		assertThat(c.awaitEof()).as("server closes the TCP connection after failing it").isTrue();
		c.socket().setSoTimeout(before);
	}

	/**
	 * The failure case where a valid message and the violation arrive in one read: Autobahn grades an echo before
	 * the failure OK and a dropped echo NON-STRICT. The engine delivers a requested WRITEABLE before it sends its
	 * close, so the echo is required here (OK).
	 * @return whether the echo arrived
	 */
	static boolean expectOptionalEchoThenFailure(RawClient c, int opcode, byte[] payload, int... codes)
			throws IOException {
		int before = c.socket().getSoTimeout();
		c.socket().setSoTimeout(FAIL_WITHIN_MILLIS);
		RawClient.Frame f = next(c, "the echo or a close frame");
		c.socket().setSoTimeout(before);
		boolean echoed = f.opcode() != CLOSE;
		assertThat(echoed).as("the echo precedes the failure (Autobahn OK), got " + describe(f)).isTrue();
		if (echoed) {
			assertThat(f.opcode()).as("frame before the failure: " + describe(f)).isEqualTo(opcode);
			assertThat(f.fin()).as("echo in one frame").isTrue();
			assertPayload(f.payload(), payload, "echo before the failure");
			expectFailure(c, codes);
		}
		else {
			assertThat(f.closeCode()).as("close code (reason: " + reason(f) + ")").isIn(boxed(codes));
			try {
				c.send(true, CLOSE, Arrays.copyOf(f.payload(), Math.min(2, f.payload().length)));
			}
			catch (IOException ex) {
				// already dropped
			}
			assertThat(c.awaitEof()).as("server closes the TCP connection after failing it").isTrue();
		}
		return echoed;
	}

	/** Sends a CLOSE 1000 and expects it echoed (Autobahn's clean close with normal code), then the TCP close. */
	static void closeNormally(RawClient c) throws IOException {
		c.sendClose(NORMAL, "");
		expectCloseEchoAndEof(c, NORMAL);
	}

	/** Expects the next frame to be the CLOSE answering ours, with one of {@code codes}, then EOF. */
	static void expectCloseEchoAndEof(RawClient c, int... codes) throws IOException {
		RawClient.Frame f = next(c, "the close answering ours");
		assertThat(describe(f)).as("expected the close answering ours").startsWith("CLOSE");
		assertThat(f.closeCode()).as("close code (reason: " + reason(f) + ")").isIn(boxed(codes));
		assertThat(c.awaitEof()).as("server closes the TCP connection after the close handshake").isTrue();
	}

	/**
	 * Expects that nothing arrives (and the connection stays open) for {@code millis}: Autobahn's "timeout"
	 * expectation, a bounded negative check rather than synchronisation.
	 */
	static void expectNothingWithin(RawClient c, int millis, String why) throws IOException {
		int before = c.socket().getSoTimeout();
		c.socket().setSoTimeout(millis);
		try {
			RawClient.Frame f = checkServerFrame(c.read());
			fail("expected nothing yet (" + why + ") but received " + describe(f));
		}
		catch (SocketTimeoutException ex) {
			// nothing: as expected
		}
		catch (EOFException ex) {
			fail("connection closed by the server too early (" + why + ")");
		}
		finally {
			c.socket().setSoTimeout(before);
		}
	}

	static String describe(RawClient.Frame f) {
		String s = opcodeName(f.opcode()) + (f.fin() ? "" : " (no FIN)") + " rsv=" + f.rsv() + " len="
				+ f.payload().length;
		if (f.opcode() == CLOSE) {
			s += " code=" + f.closeCode() + " reason=" + reason(f);
		}
		return s;
	}

	static String opcodeName(int opcode) {
		return switch (opcode) {
			case CONTINUATION -> "CONTINUATION";
			case TEXT -> "TEXT";
			case BINARY -> "BINARY";
			case CLOSE -> "CLOSE";
			case PING -> "PING";
			case PONG -> "PONG";
			default -> "OPCODE_" + opcode;
		};
	}

	private static String reason(RawClient.Frame f) {
		return (f.payload().length > 2) ? new String(f.payload(), 2, f.payload().length - 2, StandardCharsets.UTF_8)
				: "";
	}

	private static Integer[] boxed(int[] codes) {
		return Arrays.stream(codes).boxed().toArray(Integer[]::new);
	}

}
