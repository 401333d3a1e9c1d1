package io.jlws.sample.server;

import java.util.ArrayList;
import java.util.List;

import io.jlws.Connection;

/**
 * One {@code lws-mirror-protocol} instance (selected by {@code ?mirror=NAME}): a bounded ring of the last messages
 * and the members reading from it. Every member has its own read position; the ring never overwrites a message a
 * member has not read yet. Service thread only.
 */
final class Mirror {

	/** Ring slots (lws test server: {@code MAX_MESSAGE_QUEUE}). */
	static final int RING = 512;

	/** Senders stop being read when this many messages are unread by the slowest member. */
	static final int HIGH_WATER = RING * 3 / 4;

	/** Paused senders resume when the slowest member is back below this. */
	static final int LOW_WATER = RING / 4;

	final String name;

	private final byte[][] ring = new byte[RING][];

	/** Messages ever appended; the next goes to {@code ring[head % RING]}. */
	private long head;

	final List<Connection> members = new ArrayList<>();

	final List<Connection> pausedSenders = new ArrayList<>();

	Mirror(String name) {
		this.name = name;
	}

	long head() {
		return this.head;
	}

	/** Whether appending now would overwrite a message some member has not read. */
	boolean full() {
		return this.head - slowestTail() >= RING;
	}

	void append(byte[] message) {
		this.ring[(int) (this.head % RING)] = message;
		this.head++;
	}

	byte[] get(long index) {
		return this.ring[(int) (index % RING)];
	}

	/** Unread messages of the slowest member. */
	long backlog() {
		return this.head - slowestTail();
	}

	long slowestTail() {
		long min = this.head;
		for (Connection c : this.members) {
			min = Math.min(min, ((MirrorProtocol.Session) c.sessionData()).tail);
		}
		return min;
	}

}
