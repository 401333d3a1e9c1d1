package io.jlws.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A misbehaving server for client tests: accepts on 127.0.0.1:0 and hands each socket to a script on its own
 * thread. The script decides exactly which bytes the client sees.
 */
final class FakeServer implements AutoCloseable {

	@FunctionalInterface
	interface Script {

		void run(Socket socket, String requestHead) throws Exception;

	}

	private final ServerSocket server;

	private final Thread acceptor;

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	final List<String> requests = new CopyOnWriteArrayList<>();

	FakeServer(Script script) throws IOException {
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.acceptor = new Thread(() -> {
			while (!this.server.isClosed()) {
				try {
					Socket s = this.server.accept();
					this.sockets.add(s);
					Thread t = new Thread(() -> {
						try {
							String head = readHead(s.getInputStream());
							this.requests.add(head);
							script.run(s, head);
						}
						catch (Exception ex) {
							// the client hung up or the test is over
						}
					}, "fake-server-conn");
					t.setDaemon(true);
					t.start();
				}
				catch (IOException ex) {
					return;
				}
			}
		}, "fake-server");
		this.acceptor.setDaemon(true);
		this.acceptor.start();
	}

	int port() {
		return this.server.getLocalPort();
	}

	static String readHead(InputStream in) throws IOException {
		ByteArrayOutputStream b = new ByteArrayOutputStream();
		int matched = 0;
		while (matched < 4) {
			int c = in.read();
			if (c < 0) {
				throw new IOException("closed in request head");
			}
			b.write(c);
			matched = (c == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (c == '\r' ? 1 : 0);
		}
		return b.toString(StandardCharsets.ISO_8859_1);
	}

	static String header(String head, String name) {
		for (String line : head.split("\r\n")) {
			int colon = line.indexOf(':');
			if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
				return line.substring(colon + 1).trim();
			}
		}
		return null;
	}

	static String accept(String requestHead) throws Exception {
		String key = header(requestHead, "Sec-WebSocket-Key");
		byte[] d = MessageDigest.getInstance("SHA-1")
			.digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
		return Base64.getEncoder().encodeToString(d);
	}

	/** The usual 101, plus extra header lines (each ending in CRLF). */
	static byte[] switching(String requestHead, String extraHeaders) throws Exception {
		return ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
				+ "Sec-WebSocket-Accept: " + accept(requestHead) + "\r\n" + extraHeaders + "\r\n")
			.getBytes(StandardCharsets.ISO_8859_1);
	}

	/** An unmasked server frame. */
	static byte[] frame(boolean fin, int opcode, byte[] payload) {
		ByteArrayOutputStream b = new ByteArrayOutputStream();
		b.write((fin ? 0x80 : 0) | opcode);
		if (payload.length <= 125) {
			b.write(payload.length);
		}
		else if (payload.length <= 0xffff) {
			b.write(126);
			b.write(payload.length >>> 8);
			b.write(payload.length);
		}
		else {
			b.write(127);
			for (int i = 7; i >= 0; i--) {
				b.write((int) ((long) payload.length >>> (8 * i)));
			}
		}
		b.writeBytes(payload);
		return b.toByteArray();
	}

	/** Reads one client frame and unmasks it; fails if it was not masked. Returns {opcode+fin flag, payload}. */
	static Object[] readClientFrame(InputStream in) throws IOException {
		java.io.DataInputStream d = new java.io.DataInputStream(in);
		int b0 = d.readUnsignedByte();
		int b1 = d.readUnsignedByte();
		if ((b1 & 0x80) == 0) {
			throw new IOException("client frame not masked");
		}
		long len = b1 & 0x7f;
		if (len == 126) {
			len = d.readUnsignedShort();
		}
		else if (len == 127) {
			len = d.readLong();
		}
		byte[] key = new byte[4];
		d.readFully(key);
		byte[] p = new byte[(int) len];
		d.readFully(p);
		for (int i = 0; i < p.length; i++) {
			p[i] ^= key[i & 3];
		}
		return new Object[] { b0, p, key };
	}

	@Override
	public void close() throws IOException {
		this.server.close();
		for (Socket s : this.sockets) {
			s.close();
		}
	}

}
