package io.jlws.spring.test;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

import io.jlws.Connection;
import io.jlws.WriteType;

/** Per-connection session data of the echo handlers: frames waiting for WRITEABLE. */
public class EchoSession {

	private final ArrayDeque<Frame> outbox = new ArrayDeque<>();

	private String user;

	public void queue(byte[] payload, WriteType type, boolean fin) {
		this.outbox.add(new Frame(payload, type, fin));
	}

	/** Writes every queued frame; call during WRITEABLE. */
	public void flush(Connection connection) {
		Frame frame;
		while ((frame = this.outbox.poll()) != null) {
			connection.write(ByteBuffer.wrap(frame.payload()), frame.type(), frame.fin());
		}
	}

	public String getUser() {
		return this.user;
	}

	public void setUser(String user) {
		this.user = user;
	}

	private record Frame(byte[] payload, WriteType type, boolean fin) {
	}

}
