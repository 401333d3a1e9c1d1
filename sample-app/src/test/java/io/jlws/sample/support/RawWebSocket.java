package io.jlws.sample.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A blocking WebSocket client over a plain socket that shows the wire: the upgrade response as sent, and every
 * frame with its FIN bit and opcode. Every read is bounded by the socket timeout.
 */
public final class RawWebSocket implements Closeable {

	public static final int CONTINUATION = 0;

	public static final int TEXT = 1;

	public static final int BINARY = 2;

	public static final int CLOSE = 8;

	public static final int PING = 9;

	public static final int PONG = 10;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	private String key;

	private RawWebSocket(Socket socket) throws IOException {
		this.socket = socket;
		this.in = new BufferedInputStream(socket.getInputStream());
		this.out = socket.getOutputStream();
	}

	/** Opens a TCP connection to 127.0.0.1:port with a 10 s read timeout. */
	public static RawWebSocket open(int port) throws IOException {
		return open(port, 0);
	}

	/**
	 * Opens a TCP connection to 127.0.0.1:port with a 10 s read timeout and, when {@code receiveBuffer > 0}, a fixed
	 * socket receive buffer (no autotuning), so that a client that stops reading holds back only that much.
	 */
	public static RawWebSocket open(int port, int receiveBuffer) throws IOException {
		Socket socket = new Socket();
		if (receiveBuffer > 0) {
			socket.setReceiveBufferSize(receiveBuffer);
		}
		socket.setSoTimeout(10_000);
		socket.setTcpNoDelay(true);
		socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
		return new RawWebSocket(socket);
	}

	/** The upgrade response's status line and headers (names lower-cased). */
	public record Response(int status, String statusLine, Map<String, String> headers) {

		public String header(String name) {
			return this.headers.get(name.toLowerCase(Locale.ROOT));
		}

	}

	/** One frame as it arrived. */
	public record Frame(boolean fin, int opcode, byte[] payload) {

		public String text() {
			return new String(this.payload, StandardCharsets.UTF_8);
		}

		/** For a close frame: the status code, or 1005 when none. */
		public int closeStatus() {
			return (this.payload.length >= 2) ? ((this.payload[0] & 0xff) << 8) | (this.payload[1] & 0xff) : 1005;
		}

		public String closeReason() {
			return (this.payload.length > 2)
					? new String(this.payload, 2, this.payload.length - 2, StandardCharsets.UTF_8) : "";
		}

	}

	/** Sends an upgrade request and reads the response head. */
	public Response upgrade(String path, List<String> subprotocols, Map<String, String> headers) throws IOException {
		byte[] nonce = new byte[16];
		RANDOM.nextBytes(nonce);
		this.key = Base64.getEncoder().encodeToString(nonce);
		StringBuilder b = new StringBuilder();
		b.append("GET ").append(path).append(" HTTP/1.1\r\n");
		b.append("Host: 127.0.0.1:").append(this.socket.getPort()).append("\r\n");
		b.append("Upgrade: websocket\r\nConnection: Upgrade\r\n");
		b.append("Sec-WebSocket-Key: ").append(this.key).append("\r\n");
		b.append("Sec-WebSocket-Version: 13\r\n");
		if (!subprotocols.isEmpty()) {
			b.append("Sec-WebSocket-Protocol: ").append(String.join(", ", subprotocols)).append("\r\n");
		}
		headers.forEach((name, value) -> b.append(name).append(": ").append(value).append("\r\n"));
		b.append("\r\n");
		this.out.write(b.toString().getBytes(StandardCharsets.ISO_8859_1));
		this.out.flush();
		return readHead();
	}

	/** Sends raw request bytes (e.g. a plain HTTP request) and reads the response head. */
	public Response request(String request) throws IOException {
		this.out.write(request.getBytes(StandardCharsets.ISO_8859_1));
		this.out.flush();
		return readHead();
	}

	/** The {@code Sec-WebSocket-Accept} value RFC 6455 expects for the key sent. */
	public String expectedAccept() {
		try {
			MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
			byte[] digest = sha1.digest((this.key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")
				.getBytes(StandardCharsets.ISO_8859_1));
			return Base64.getEncoder().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private Response readHead() throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int matched = 0;
		while (matched < 4) {
			int c = this.in.read();
			if (c < 0) {
				throw new EOFException("connection closed in the response head: " + head);
			}
			head.write(c);
			matched = (c == "\r\n\r\n".charAt(matched)) ? matched + 1 : ((c == '\r') ? 1 : 0);
		}
		String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
		Map<String, String> headers = new LinkedHashMap<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			if (colon > 0) {
				headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
						lines[i].substring(colon + 1).trim());
			}
		}
		String[] status = lines[0].split(" ", 3);
		return new Response(Integer.parseInt(status[1]), lines[0], headers);
	}

	/** Sends one masked frame. */
	public void sendFrame(boolean fin, int opcode, byte[] payload) throws IOException {
		ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
		frame.write((fin ? 0x80 : 0) | opcode);
		if (payload.length < 126) {
			frame.write(0x80 | payload.length);
		}
		else if (payload.length < 65536) {
			frame.write(0x80 | 126);
			frame.write(payload.length >>> 8);
			frame.write(payload.length);
		}
		else {
			frame.write(0x80 | 127);
			for (int shift = 56; shift >= 0; shift -= 8) {
				frame.write((int) ((long) payload.length >>> shift));
			}
		}
		byte[] mask = new byte[4];
		RANDOM.nextBytes(mask);
		frame.writeBytes(mask);
		byte[] masked = payload.clone();
		for (int i = 0; i < masked.length; i++) {
			masked[i] ^= mask[i & 3];
		}
		frame.writeBytes(masked);
		this.out.write(frame.toByteArray());
		this.out.flush();
	}

	public void sendText(String text) throws IOException {
		sendFrame(true, TEXT, text.getBytes(StandardCharsets.UTF_8));
	}

	/** Reads the next frame (server frames are unmasked). */
	public Frame readFrame() throws IOException {
		int b0 = readByte();
		int b1 = readByte();
		if ((b1 & 0x80) != 0) {
			throw new IOException("server frame is masked");
		}
		long length = b1 & 0x7f;
		if (length == 126) {
			length = (readByte() << 8) | readByte();
		}
		else if (length == 127) {
			length = 0;
			for (int i = 0; i < 8; i++) {
				length = (length << 8) | readByte();
			}
		}
		byte[] payload = this.in.readNBytes((int) length);
		if (payload.length != length) {
			throw new EOFException("connection closed inside a frame");
		}
		return new Frame((b0 & 0x80) != 0, b0 & 0x0f, payload);
	}

	private int readByte() throws IOException {
		int c = this.in.read();
		if (c < 0) {
			throw new EOFException("connection closed");
		}
		return c;
	}

	/** Reads until the peer closes the TCP connection; returns what came. */
	public byte[] readToEnd() throws IOException {
		return this.in.readAllBytes();
	}

	/** The local port of the socket (what the server sees as the peer's port). */
	public int localPort() {
		return this.socket.getLocalPort();
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
