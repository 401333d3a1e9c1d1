package io.jlws.tls;

import java.nio.ByteBuffer;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * Drives a client and a server {@link SSLEngine} through a handshake entirely in memory: each side wraps into
 * its own network buffer, which the other side unwraps. No sockets, no threads (delegated tasks run inline).
 */
final class EngineHandshake {

	private static final int MAX_STEPS = 1000;

	private EngineHandshake() {
	}

	/**
	 * Handshakes until both sides are done and nothing is left in flight.
	 * @throws SSLException the first side's failure, e.g. {@link javax.net.ssl.SSLHandshakeException}
	 */
	static void run(SSLEngine client, SSLEngine server) throws SSLException {
		Side c = new Side(client);
		Side s = new Side(server);
		client.beginHandshake();
		server.beginHandshake();
		for (int step = 0; step < MAX_STEPS; step++) {
			boolean progress = c.step(s.out) | s.step(c.out);
			if (done(client) && done(server) && c.out.position() == 0 && s.out.position() == 0 && !progress) {
				return;
			}
			if (!progress && c.out.position() == 0 && s.out.position() == 0) {
				throw new IllegalStateException("Handshake stalled: client " + client.getHandshakeStatus() + ", server "
						+ server.getHandshakeStatus());
			}
		}
		throw new IllegalStateException("Handshake did not finish in " + MAX_STEPS + " steps");
	}

	private static boolean done(SSLEngine engine) {
		HandshakeStatus status = engine.getHandshakeStatus();
		return status == HandshakeStatus.NOT_HANDSHAKING || status == HandshakeStatus.FINISHED;
	}

	private static final class Side {

		private final SSLEngine engine;

		private final ByteBuffer out;

		private final ByteBuffer app;

		private final ByteBuffer empty = ByteBuffer.allocate(0);

		Side(SSLEngine engine) {
			this.engine = engine;
			this.out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize() * 4);
			this.app = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize() * 4);
		}

		/** Consumes what the peer wrote, then wraps whatever this side has to send; true if anything moved. */
		boolean step(ByteBuffer peerOut) throws SSLException {
			boolean progress = false;
			peerOut.flip();
			try {
				while (peerOut.hasRemaining()) {
					SSLEngineResult result = this.engine.unwrap(peerOut, this.app);
					runTasks();
					if (result.bytesConsumed() == 0 && result.bytesProduced() == 0) {
						break;
					}
					progress = true;
				}
			}
			finally {
				peerOut.compact();
			}
			while (true) {
				HandshakeStatus status = this.engine.getHandshakeStatus();
				if (status == HandshakeStatus.NEED_TASK) {
					runTasks();
					progress = true;
					continue;
				}
				if (status != HandshakeStatus.NEED_WRAP) {
					break;
				}
				SSLEngineResult result = this.engine.wrap(this.empty, this.out);
				runTasks();
				if (result.bytesProduced() == 0 && result.getStatus() != SSLEngineResult.Status.OK) {
					break;
				}
				progress |= result.bytesProduced() > 0;
				if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
					break;
				}
			}
			return progress;
		}

		private void runTasks() {
			Runnable task;
			while ((task = this.engine.getDelegatedTask()) != null) {
				task.run();
			}
		}

	}

}
