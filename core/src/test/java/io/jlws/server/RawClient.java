package io.jlws.server;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A blocking raw-socket WebSocket client for tests: sends exactly the bytes a test asks for (including broken
 * frames) and reads frames back one by one, so tests can check the server byte by byte.
 */
final class RawClient implements AutoCloseable {

	/** A received frame. */
	record Frame(boolean fin, int rsv, int opcode, byte[] payload) {

		String text() {
			return new String(this.payload, StandardCharsets.UTF_8);
		}

		int closeCode() {
			return (this.payload.length >= 2) ? ((this.payload[0] & 0xff) << 8) | (this.payload[1] & 0xff) : 1005;
		}

	}

	private final Socket socket;

	private final DataInputStream in;

	private final OutputStream out;

	private String responseHead;

	RawClient(int port) throws IOException {
		this.socket = new Socket();
		this.socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
		this.socket.setSoTimeout(10_000);
		this.socket.setTcpNoDelay(true);
		this.in = new DataInputStream(this.socket.getInputStream());
		this.out = this.socket.getOutputStream();
	}

	/** Connects and completes an upgrade offering the given subprotocols (none when empty). */
	static RawClient upgraded(int port, String path, String... subprotocols) throws IOException {
		RawClient c = new RawClient(port);
		String head = c.upgrade(path, subprotocols);
		if (!head.startsWith("HTTP/1.1 101")) {
			c.close();
			throw new IOException("upgrade refused: " + head);
		}
		return c;
	}

	/** Sends an upgrade request and returns the response head. */
	String upgrade(String path, String... subprotocols) throws IOException {
		byte[] nonce = new byte[16];
		ThreadLocalRandom.current().nextBytes(nonce);
		String key = Base64.getEncoder().encodeToString(nonce);
		StringBuilder req = new StringBuilder();
		req.append("GET ").append(path).append(" HTTP/1.1\r\n")
			.append("Host: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n")
			.append("Sec-WebSocket-Key: ").append(key).append("\r\nSec-WebSocket-Version: 13\r\n");
		if (subprotocols.length > 0) {
			req.append("Sec-WebSocket-Protocol: ").append(String.join(", ", subprotocols)).append("\r\n");
		}
		req.append("\r\n");
		sendRaw(req.toString().getBytes(StandardCharsets.US_ASCII));
		String head = readHead();
		if (head.startsWith("HTTP/1.1 101") && !head.contains("Sec-WebSocket-Accept: " + accept(key))) {
			throw new IOException("bad Sec-WebSocket-Accept in " + head);
		}
		return head;
	}

	static String accept(String key) {
		try {
			MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
			byte[] d = sha1.digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
			return Base64.getEncoder().encodeToString(d);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Reads an HTTP response head (up to the blank line). */
	String readHead() throws IOException {
		ByteArrayOutputStream b = new ByteArrayOutputStream();
		int state = 0;
		while (state < 4) {
			int c = this.in.read();
			if (c < 0) {
				throw new EOFException("connection closed in response head: " + b);
			}
			b.write(c);
			state = (c == '\r' && (state == 0 || state == 2)) || (c == '\n' && (state == 1 || state == 3))
					? state + 1 : (c == '\r' ? 1 : 0);
		}
		this.responseHead = b.toString(StandardCharsets.ISO_8859_1);
		return this.responseHead;
	}

	/** Reads everything until the server closes. */
	byte[] readToEnd() throws IOException {
		return this.in.readAllBytes();
	}

	void sendRaw(byte[] bytes) throws IOException {
		this.out.write(bytes);
		this.out.flush();
	}

	/** Encodes a client frame (masked with a random key unless {@code masked} is false). */
	static byte[] frame(boolean fin, int rsv, int opcode, byte[] payload, boolean masked) {
		ByteArrayOutputStream b = new ByteArrayOutputStream();
		b.write((fin ? 0x80 : 0) | (rsv << 4) | opcode);
		int m = masked ? 0x80 : 0;
		int len = payload.length;
		if (len <= 125) {
			b.write(m | len);
		}
		else if (len <= 0xffff) {
			b.write(m | 126);
			b.write(len >>> 8);
			b.write(len);
		}
		else {
			b.write(m | 127);
			for (int i = 7; i >= 0; i--) {
				b.write((int) ((long) len >>> (8 * i)));
			}
		}
		byte[] key = new byte[4];
		if (masked) {
			ThreadLocalRandom.current().nextBytes(key);
			b.writeBytes(key);
		}
		byte[] body = payload.clone();
		if (masked) {
			for (int i = 0; i < body.length; i++) {
				body[i] ^= key[i & 3];
			}
		}
		b.writeBytes(body);
		return b.toByteArray();
	}

	void send(boolean fin, int opcode, byte[] payload) throws IOException {
		sendRaw(frame(fin, 0, opcode, payload, true));
	}

	void sendText(String text) throws IOException {
		send(true, 1, text.getBytes(StandardCharsets.UTF_8));
	}

	void sendClose(int code, String reason) throws IOException {
		byte[] r = reason.getBytes(StandardCharsets.UTF_8);
		byte[] p = new byte[2 + r.length];
		p[0] = (byte) (code >>> 8);
		p[1] = (byte) code;
		System.arraycopy(r, 0, p, 2, r.length);
		send(true, 8, p);
	}

	/** Reads one frame; throws EOFException when the server closed the socket. */
	Frame read() throws IOException {
		int b0 = this.in.readUnsignedByte();
		int b1 = this.in.readUnsignedByte();
		if ((b1 & 0x80) != 0) {
			throw new IOException("server frame is masked");
		}
		long len = b1 & 0x7f;
		if (len == 126) {
			len = this.in.readUnsignedShort();
		}
		else if (len == 127) {
			len = this.in.readLong();
		}
		byte[] payload = new byte[(int) len];
		this.in.readFully(payload);
		return new Frame((b0 & 0x80) != 0, (b0 >> 4) & 7, b0 & 0xf, payload);
	}

	/** Reads a whole data message (reassembling continuations, skipping control frames except close). */
	Frame readMessage() throws IOException {
		ByteArrayOutputStream b = new ByteArrayOutputStream();
		int opcode = -1;
		while (true) {
			Frame f = read();
			if (f.opcode() >= 8) {
				if (f.opcode() == 8) {
					return f;
				}
				continue;
			}
			if (opcode < 0) {
				opcode = f.opcode();
			}
			b.writeBytes(f.payload());
			if (f.fin()) {
				return new Frame(true, 0, opcode, b.toByteArray());
			}
		}
	}

	/** Whether the server closed the TCP connection (EOF) within the socket timeout. */
	boolean awaitEof() throws IOException {
		try {
			while (this.in.read() >= 0) {
				// discard until EOF
			}
			return true;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (IOException ex) {
			return true; // a reset also ends the connection
		}
	}

	InputStream input() {
		return this.in;
	}

	Socket socket() {
		return this.socket;
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
