package io.jlws.sample.syslog;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A stand-in for a syslog daemon's UDP input on 127.0.0.1 and an ephemeral port: every datagram is one line.
 * Test thread only.
 */
final class SyslogReceiver implements AutoCloseable {

	private final DatagramSocket socket;

	private final List<String> received = new ArrayList<>();

	SyslogReceiver() throws IOException {
		this.socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
		this.socket.setReceiveBufferSize(1024 * 1024);
	}

	int port() {
		return this.socket.getLocalPort();
	}

	/** Every line received so far. */
	List<String> received() {
		return List.copyOf(this.received);
	}

	/**
	 * Receives until a line matches, keeping every line.
	 * @throws AssertionError when none does within the time
	 */
	String awaitLine(Predicate<String> wanted, Duration limit) throws IOException {
		for (String line : this.received) {
			if (wanted.test(line)) {
				return line;
			}
		}
		long deadline = System.nanoTime() + limit.toNanos();
		byte[] buffer = new byte[65536];
		while (true) {
			long left = (deadline - System.nanoTime()) / 1_000_000;
			if (left <= 0) {
				throw new AssertionError("No such syslog line within " + limit + "; received:\n"
						+ String.join("\n", this.received));
			}
			this.socket.setSoTimeout((int) Math.max(1, Math.min(left, 500)));
			DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
			try {
				this.socket.receive(packet);
			}
			catch (SocketTimeoutException ex) {
				continue;
			}
			String line = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
			this.received.add(line);
			if (wanted.test(line)) {
				return line;
			}
		}
	}

	@Override
	public void close() {
		this.socket.close();
	}

}
