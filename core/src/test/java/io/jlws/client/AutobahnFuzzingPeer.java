package io.jlws.client;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.jlws.Connection;

import io.jlws.frame.AutobahnPayloads;

import static io.jlws.client.AutobahnClientSupport.CLOSE;
import static io.jlws.client.AutobahnClientSupport.CONTINUATION;
import static io.jlws.client.AutobahnClientSupport.FRAME_WISE;
import static io.jlws.client.AutobahnClientSupport.NORMAL;
import static io.jlws.client.AutobahnClientSupport.ONE_CHOP;
import static io.jlws.client.AutobahnClientSupport.PONG;
import static io.jlws.client.AutobahnClientSupport.frame;
import static io.jlws.client.AutobahnClientSupport.opcodeName;
import static io.jlws.frame.AutobahnPayloads.closePayload;
import static io.jlws.frame.AutobahnPayloads.concat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The server end of one client-side Autobahn case, i.e. Autobahn's fuzzingserver: a {@link FakeServer} socket
 * driven from the test thread. It answers the client's upgrade, sends the case's frames exactly as given (unmasked,
 * chopped as asked) and reads the client's masked frames back strictly: the next frame must be the expected one,
 * which is how Autobahn's expectation lists work (an extra pong or echo fails the case).
 *
 * <p>Closing follows Autobahn's grading for a client testee: a clean close (the server sends CLOSE, the client must
 * answer with a CLOSE and nothing after it) or a failed connection (the client must send a CLOSE with the expected
 * code first); then the server half-closes the TCP connection as the RFC's first closer and the client must end its
 * side too, with no byte after its close frame. Finally the client must report CLIENT_CLOSED with that code.
 */
final class AutobahnFuzzingPeer implements AutoCloseable {

	/** A frame the client sent, unmasked, with the masking key it used. */
	record Frame(boolean fin, int rsv, int opcode, byte[] payload, byte[] maskingKey) {

		int closeCode() {
			return (this.payload.length >= 2) ? ((this.payload[0] & 0xff) << 8) | (this.payload[1] & 0xff) : 1005;
		}

		String reason() {
			return (this.payload.length > 2) ? new String(this.payload, 2, this.payload.length - 2, StandardCharsets.UTF_8)
					: "";
		}

		@Override
		public String toString() {
			String s = opcodeName(this.opcode) + (this.fin ? "" : " (no FIN)") + " rsv=" + this.rsv + " len="
					+ this.payload.length;
			return (this.opcode == CLOSE) ? s + " code=" + closeCode() + " reason=" + reason() : s;
		}

	}

	/** How long the client may take to answer (echo, pong, close); generous, as a failure then waits that long. */
	static final int ANSWER_WITHIN_MILLIS = 10_000;

	/** How long the client may take to end its side of the TCP connection once both close frames are exchanged. */
	static final int TCP_CLOSE_WITHIN_MILLIS = 5_000;

	private final FakeServer server;

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	final AutobahnEchoClient.Session session;

	final Connection connection;

	private AutobahnFuzzingPeer(FakeServer server, Socket socket, AutobahnEchoClient.Session session,
			Connection connection) throws IOException {
		this.server = server;
		this.socket = socket;
		this.session = session;
		this.connection = connection;
		socket.setSoTimeout(ANSWER_WITHIN_MILLIS);
		socket.setTcpNoDelay(true);
		this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
		this.out = socket.getOutputStream();
	}

	/**
	 * Connects the client to a new fake server and completes the upgrade with a plain 101 (no subprotocol, no
	 * extension). The case's frames may follow at once, as Autobahn's {@code onOpen} sends them.
	 */
	static AutobahnFuzzingPeer open(AutobahnEchoClient client) throws Exception {
		return open(client, new byte[0]);
	}

	/** Like {@link #open(AutobahnEchoClient)}, with {@code frames} in the same write as the 101 response. */
	static AutobahnFuzzingPeer open(AutobahnEchoClient client, byte[] frames) throws Exception {
		BlockingQueue<Object[]> accepted = new LinkedBlockingQueue<>();
		FakeServer server = new FakeServer((s, head) -> accepted.add(new Object[] { s, head }));
		try {
			AutobahnEchoClient.Session session = new AutobahnEchoClient.Session();
			Connection connection = client.connect(server.port(), session);
			Object[] a = accepted.poll(10, TimeUnit.SECONDS);
			assertThat(a).as("the client connected within 10 s; client events: " + session.log).isNotNull();
			AutobahnFuzzingPeer peer = new AutobahnFuzzingPeer(server, (Socket) a[0], session, connection);
			peer.out.write(concat(FakeServer.switching((String) a[1], ""), frames));
			return peer;
		}
		catch (Exception | Error ex) {
			server.close();
			throw ex;
		}
	}

	// ---- sending ----------------------------------------------------------------------------------

	/** Sends all frames in one write (Autobahn's "one chop"). */
	void send(byte[]... frames) throws IOException {
		this.out.write(concat(frames));
	}

	/** Sends each frame in its own write (Autobahn's "frame-wise chops"). */
	void sendFrameWise(byte[]... frames) throws IOException {
		for (byte[] f : frames) {
			this.out.write(f);
		}
	}

	/** Sends {@code bytes} in writes of at most {@code chop} bytes (Autobahn's {@code chopsize}). */
	void sendChopped(byte[] bytes, int chop) throws IOException {
		for (int i = 0; i < bytes.length; i += chop) {
			this.out.write(bytes, i, Math.min(chop, bytes.length - i));
		}
	}

	/** Sends frames one chop ({@link AutobahnClientSupport#ONE_CHOP}), frame-wise, or in chops of that many bytes. */
	void send(int chopping, byte[]... frames) throws IOException {
		switch (chopping) {
			case ONE_CHOP -> send(frames);
			case FRAME_WISE -> sendFrameWise(frames);
			default -> sendChopped(concat(frames), chopping);
		}
	}

	/**
	 * Sends bytes that follow a violation: the client may already have failed the connection and closed it, so a
	 * write error is expected and ignored (Autobahn's sends after a failure go nowhere either).
	 */
	void sendAfterViolation(byte[] bytes, int chop) {
		try {
			sendChopped(bytes, (chop <= 0) ? Integer.MAX_VALUE : chop);
		}
		catch (IOException ex) {
			// already failed
		}
	}

	/** Sends a CLOSE with {@code code} and no reason. */
	void sendClose(int code) throws IOException {
		send(frame(true, CLOSE, closePayload(code, new byte[0])));
	}

	// ---- reading ----------------------------------------------------------------------------------

	/**
	 * The client's next frame, failing the test on EOF or timeout, on an unmasked frame (FakeServer rejects it),
	 * and on a frame the fuzzingserver itself would reject: RSV bits, a reserved opcode, a fragmented or oversized
	 * control frame, an invalid close payload.
	 */
	Frame next(String expecting) throws IOException {
		Object[] raw;
		try {
			raw = FakeServer.readClientFrame(this.in);
		}
		catch (EOFException ex) {
			fail("the client closed the connection while the server expected " + expecting + "; client events: "
					+ this.session.log);
			return null;
		}
		catch (SocketTimeoutException ex) {
			fail("nothing from the client within " + this.socket.getSoTimeout() + " ms while the server expected "
					+ expecting + "; client events: " + this.session.log);
			return null;
		}
		int b0 = (Integer) raw[0];
		Frame f = new Frame((b0 & 0x80) != 0, (b0 >>> 4) & 7, b0 & 0x0f, (byte[]) raw[1], (byte[]) raw[2]);
		AutobahnPayloads.checkOnWire("client", f.fin(), f.rsv(), f.opcode(), f.payload(), f.toString());
		return f;
	}

	// ---- expectations -----------------------------------------------------------------------------

	/**
	 * Expects the next message to be exactly {@code payload} as {@code opcode}, continuations reassembled (the
	 * fuzzingserver compares messages, not frames); a control frame before or inside it fails the test.
	 */
	void expectMessage(int opcode, byte[] payload) throws IOException {
		String what = "the echo: " + opcodeName(opcode) + " message of " + payload.length + " bytes";
		Frame first = next(what);
		assertThat(first.opcode()).as("expected " + what + ", got " + first).isEqualTo(opcode);
		ByteArrayOutputStream b = new ByteArrayOutputStream(payload.length);
		b.writeBytes(first.payload());
		Frame f = first;
		while (!f.fin()) {
			f = next("the continuation of " + what);
			assertThat(f.opcode()).as("frame inside " + what + ": " + f).isEqualTo(CONTINUATION);
			b.writeBytes(f.payload());
		}
		assertPayload(b.toByteArray(), payload, what);
	}

	/** Compares payloads without dumping megabytes into the failure message. */
	static void assertPayload(byte[] actual, byte[] expected, String what) {
		if (actual.length <= 256 && expected.length <= 256) {
			assertThat(actual).as(what).isEqualTo(expected);
			return;
		}
		assertThat(actual.length).as("length of " + what).isEqualTo(expected.length);
		assertThat(Arrays.mismatch(actual, expected)).as("first differing byte of " + what).isEqualTo(-1);
	}

	/** Expects the next frame to be a PONG carrying {@code payload}. */
	Frame expectPong(byte[] payload) throws IOException {
		Frame f = next("a pong");
		assertThat(f.opcode()).as("expected a pong, got " + f).isEqualTo(PONG);
		assertThat(f.payload()).as("pong payload").isEqualTo(payload);
		return f;
	}

	/**
	 * Expects that nothing arrives (and the connection stays open) for {@code millis}: Autobahn's waiting between
	 * the parts of a case, a bounded negative check rather than synchronisation.
	 */
	void expectNothingWithin(int millis, String why) throws IOException {
		this.socket.setSoTimeout(millis);
		try {
			int b = this.in.read();
			fail("expected nothing from the client yet (" + why + ") but " + ((b < 0) ? "it closed the connection"
					: "it sent byte 0x" + Integer.toHexString(b)) + "; client events: " + this.session.log);
		}
		catch (SocketTimeoutException ex) {
			// nothing: as expected
		}
		finally {
			this.socket.setSoTimeout(ANSWER_WITHIN_MILLIS);
		}
	}

	/**
	 * Autobahn's clean close initiated by the server (expectedClose closedByMe = true, requireClean = true): sends
	 * CLOSE 1000, expects the client's CLOSE 1000 and the end of the connection, and CLIENT_CLOSED 1000.
	 */
	void closeNormally() throws Exception {
		sendClose(NORMAL);
		expectCloseReply(NORMAL);
		expectTcpClose();
		this.session.expectClosed(NORMAL);
	}

	/** Expects the next frame to be the CLOSE answering the server's, with one of {@code codes}. */
	Frame expectCloseReply(int... codes) throws IOException {
		Frame f = next("the close answering the server's");
		assertThat(f.opcode()).as("expected the close answering the server's, got " + f).isEqualTo(CLOSE);
		assertThat(f.closeCode()).as("close code of " + f).isIn(boxed(codes));
		return f;
	}

	/**
	 * Autobahn's failed connection (expectedClose closedByMe = false): the client's next frame is a CLOSE with one
	 * of {@code codes}; the server answers it with the same code, as the fuzzingserver does; then the TCP
	 * connection must end and the client report CLIENT_CLOSED with that code.
	 * @return the client's close frame
	 */
	Frame expectFailure(int... codes) throws Exception {
		Frame f = next("a close frame with " + Arrays.toString(codes));
		assertThat(f.opcode()).as("expected the client to fail the connection with " + Arrays.toString(codes)
				+ ", got " + f + "; client events: " + this.session.log).isEqualTo(CLOSE);
		assertThat(f.closeCode()).as("close code of " + f).isIn(boxed(codes));
		try {
			send(frame(true, CLOSE, Arrays.copyOf(f.payload(), Math.min(2, f.payload().length))));
		}
		catch (IOException ex) {
			// the client may already have closed, which is allowed after it failed the connection
		}
		expectTcpClose();
		this.session.expectClosed(f.closeCode());
		return f;
	}

	/**
	 * Both close frames are exchanged: the server (the RFC's first closer) half-closes, and the client must then
	 * end its side within {@link #TCP_CLOSE_WITHIN_MILLIS} without sending another byte (RFC 6455 section 5.5.1:
	 * no data after a close frame). A reset counts as closed.
	 */
	void expectTcpClose() throws IOException {
		expectTcpClose(true, TCP_CLOSE_WITHIN_MILLIS);
	}

	/**
	 * Expects the client to end the TCP connection within {@code millis} without sending another byte; the server
	 * half-closes first when {@code serverFirst}, otherwise it just waits (Autobahn's {@code killAfter}: the
	 * client must then close on its own, after its close timeout at the latest).
	 */
	void expectTcpClose(boolean serverFirst, int millis) throws IOException {
		if (serverFirst) {
			try {
				this.socket.shutdownOutput();
			}
			catch (IOException ex) {
				// the client already reset the connection
			}
		}
		this.socket.setSoTimeout(millis);
		long extra = 0;
		try {
			byte[] b = new byte[8192];
			int n;
			while ((n = this.in.read(b)) >= 0) {
				extra += n;
			}
		}
		catch (SocketTimeoutException ex) {
			fail("the client did not close the TCP connection within " + millis + " ms after the close handshake"
					+ (serverFirst ? " and the server's TCP close" : "") + "; client events: " + this.session.log);
		}
		catch (SocketException ex) {
			// a reset also ends the connection
		}
		assertThat(extra).as("bytes the client sent after its close frame").isZero();
	}

	private static Integer[] boxed(int[] codes) {
		return Arrays.stream(codes).boxed().toArray(Integer[]::new);
	}

	@Override
	public void close() throws IOException {
		try {
			this.socket.close();
		}
		finally {
			this.server.close();
		}
	}

}
