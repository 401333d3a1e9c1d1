package io.jlws.connection;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;

import io.jlws.CallbackResult;
import io.jlws.Connection;
import io.jlws.Protocol;
import io.jlws.Reason;
import io.jlws.WriteType;
import io.jlws.frame.CloseCodes;
import io.jlws.frame.FrameHeaderWriter;
import io.jlws.frame.FrameParser;
import io.jlws.frame.Opcode;
import io.jlws.frame.WebSocketProtocolException;
import io.jlws.loop.ServiceLoop;

/**
 * One connection's WebSocket life, shared by both sides (lws {@code struct lws} with its ws role): frames in,
 * frames out, flow control, closing, timers. {@link ServerConnection} adds the server's HTTP request handling and
 * {@link ClientConnection} the connect and upgrade request. Service thread only; see {@link Connection} for the
 * user-facing contract.
 */
public abstract class WsConnection extends TimedConnection {

	private FrameParser parser;

	private boolean rxEnabled = true;

	private ByteBuffer carry;

	private ByteBuffer pending;

	private final ByteBuffer[] single = new ByteBuffer[1];

	private boolean writableRequested;

	private boolean inWritable;

	private boolean sendingFragmented;

	private long writesDone;

	WsConnection(ServiceLoop loop, ConnectionSupport support, boolean client, long id, long now, State initial,
			long timeoutNanos) {
		super(loop, support, client, id, now, initial, timeoutNanos);
	}

	/** Handles bytes while the HTTP head is awaited; moves the state on when the head is complete. */
	abstract void onHandshakeBytes(ByteBuffer buf);

	/** The socket closed before the WebSocket opened (clients report CLIENT_CONNECTION_ERROR here). */
	void closedBeforeEstablished(State was) {
	}

	/** Called once the WebSocket is open: the handshake helpers can go. */
	abstract void handshakeDone();

	/** A deadline passed before the WebSocket opened (connect or handshake timeout). */
	abstract void onHandshakeDeadline();

	@Override
	public void onReadable(ByteBuffer buffer, ByteBuffer view, long now) {
		if (this.carry != null) {
			processCarry(view);
		}
		do {
			if (!this.rxEnabled || this.state == State.CLOSED) {
				interest(SelectionKey.OP_READ, false);
				return;
			}
			buffer.clear();
			int n;
			try {
				n = this.transport.read(buffer);
			}
			catch (IOException ex) {
				String why = describe(ex);
				this.support.log().info("{}: read failed, dropping: {}", this, why);
				abort(CloseCodes.ABNORMAL, "read failed: " + why);
				return;
			}
			if (n < 0) {
				onEndOfStream();
				return;
			}
			if (hasPending() && this.transport.ready()) {
				// a TLS handshake that just finished releases what waited for it
				onWritable();
			}
			else if (this.transport.hasUnflushed()) {
				interest(SelectionKey.OP_WRITE, true);
			}
			if (n == 0) {
				return;
			}
			this.loop.counters().bytesIn += n;
			this.lastRx = now;
			this.pingSentAt = 0;
			buffer.flip();
			process(buffer, view);
			this.support.stage().flush();
		}
		while (this.transport.hasBufferedInput());
	}

	@Override
	public void processCarry(ByteBuffer scratchView) {
		ByteBuffer c = this.carry;
		if (c == null || !this.rxEnabled) {
			return;
		}
		process(c, c.duplicate());
		if (!c.hasRemaining() && this.carry == c) {
			this.carry = null;
		}
		this.support.stage().flush();
	}

	private void process(ByteBuffer buf, ByteBuffer view) {
		if (this.state == State.HTTP_HEAD) {
			onHandshakeBytes(buf);
			if (this.state != State.OPEN) {
				if (this.state == State.DRAINING || this.state == State.CLOSED) {
					buf.position(buf.limit());
				}
				return;
			}
			handshakeDone();
		}
		if (this.state == State.OPEN || this.state == State.CLOSING_SENT) {
			processFrames(buf, view);
		}
		else {
			buf.position(buf.limit());
		}
	}

	private void processFrames(ByteBuffer buf, ByteBuffer view) {
		FrameParser p = this.parser;
		try {
			while (this.state == State.OPEN || this.state == State.CLOSING_SENT) {
				if (!this.rxEnabled) {
					// lws_rx_flow_control: what was read but not delivered waits for rxFlowControl(true)
					if (buf != this.carry && buf.hasRemaining()) {
						holdBack(buf);
					}
					return;
				}
				switch (p.next(buf, this.protocol.rxBufferSize())) {
					case NEED_MORE -> {
						return;
					}
					case DATA -> onData(p, view);
					case CONTROL -> onControl(p);
				}
			}
		}
		catch (WebSocketProtocolException ex) {
			fail(ex.closeCode(), ex.getMessage());
		}
		buf.position(buf.limit());
	}

	private void onData(FrameParser p, ByteBuffer view) {
		if (this.state != State.OPEN) {
			return;
		}
		int start = p.chunkStart();
		view.limit(view.capacity()).position(start).limit(start + p.chunkLength());
		this.rxFirst = p.isFirstChunkOfMessage();
		this.rxRemaining = p.remainingInFrame();
		this.rxFinal = p.fin() && this.rxRemaining == 0;
		this.rxBinary = p.messageOpcode() == Opcode.BINARY;
		if (this.rxFinal) {
			this.loop.counters().messagesIn++;
		}
		if (call(Reason.RECEIVE, view) == CallbackResult.CLOSE) {
			userClose();
		}
	}

	private void onControl(FrameParser p) {
		switch (p.opcode()) {
			case Opcode.PING -> {
				if (this.state == State.OPEN) {
					this.support.stage().frame(this, true, Opcode.PONG, p.controlPayload());
				}
			}
			case Opcode.PONG -> {
				if (this.state == State.OPEN && call(Reason.RECEIVE_PONG, p.controlPayload()) == CallbackResult.CLOSE) {
					userClose();
				}
			}
			case Opcode.CLOSE -> onPeerClose(p.closeCode(), p.closeReason(), p.controlPayload());
			default -> throw new IllegalStateException("parser returned control opcode " + p.opcode());
		}
	}

	private void onPeerClose(int code, String reason, ByteBuffer payload) {
		if (this.state == State.CLOSING_SENT) {
			closeChannel();
			return;
		}
		flushRequestedWriteable();
		if (this.state != State.OPEN) {
			return;
		}
		this.closeStatus = code;
		this.closeReason = reason;
		call(Reason.WS_PEER_INITIATED_CLOSE, payload);
		if (this.state != State.OPEN) {
			return;
		}
		this.state = State.CLOSE_ACKED;
		ByteBuffer echo = (code == CloseCodes.NO_STATUS) ? ByteBuffer.allocate(0)
				: FrameHeaderWriter.closePayload(code, "");
		this.support.stage().frame(this, true, Opcode.CLOSE, echo);
		this.support.stage().flush();
		this.deadline = System.nanoTime() + this.support.limits().closeTimeout().toNanos();
		if (this.state == State.CLOSE_ACKED && !hasPending()) {
			closeChannel();
		}
	}

	private void holdBack(ByteBuffer buf) {
		ByteBuffer copy = ByteBuffer.allocate(buf.remaining());
		copy.put(buf).flip();
		this.carry = copy;
	}

	private void onEndOfStream() {
		if (this.state == State.OPEN) {
			this.closeStatus = CloseCodes.ABNORMAL;
			this.closeReason = "peer closed the connection without a close frame";
		}
		else if (this.state == State.HTTP_HEAD) {
			this.closeReason = "peer closed the connection during the handshake";
		}
		closeChannel();
	}

	// ---- writing ----------------------------------------------------------------------------------

	/** Sends {@code bufs[0]} and, when not null, {@code bufs[1]}; what the socket does not take becomes pending. */
	void send(ByteBuffer[] bufs) {
		if (this.state == State.CLOSED) {
			return;
		}
		if (!hasPending()) {
			try {
				long n = this.transport.write(bufs, 0, (bufs[1] == null) ? 1 : 2);
				this.loop.counters().bytesOut += n;
				this.lastTx = System.nanoTime();
			}
			catch (IOException ex) {
				abort(CloseCodes.ABNORMAL, "write failed: " + ex.getMessage());
				return;
			}
		}
		int left = bufs[0].remaining() + ((bufs[1] != null) ? bufs[1].remaining() : 0);
		if (left > 0) {
			keep(bufs, left);
		}
		else if (this.transport.hasUnflushed()) {
			interest(SelectionKey.OP_WRITE, true);
		}
	}

	private void keep(ByteBuffer[] bufs, int left) {
		int held = (this.pending != null) ? this.pending.position() : 0;
		int max = this.support.limits().maxPendingBytes();
		if ((long) held + left > max) {
			this.support.log().info("{}: {} unsent bytes exceed limits.max-pending-bytes {}: aborting", this,
					(long) held + left, max);
			abort(CloseCodes.ABNORMAL, "unsent bytes exceeded limits.max-pending-bytes (" + max + ")");
			return;
		}
		if (this.pending == null || this.pending.remaining() < left) {
			int capacity = Math.max(4096, Integer.highestOneBit(held + left - 1) << 1);
			ByteBuffer grown = ByteBuffer.allocate(Math.min(Math.max(capacity, held + left), max));
			if (this.pending != null) {
				this.pending.flip();
				grown.put(this.pending);
			}
			this.pending = grown;
		}
		this.pending.put(bufs[0]);
		if (bufs[1] != null) {
			this.pending.put(bufs[1]);
		}
		// during a TLS handshake the tail waits for the handshake, not for the socket
		interest(SelectionKey.OP_WRITE, this.transport.ready() || this.transport.hasUnflushed());
	}

	boolean hasPending() {
		return this.pending != null && this.pending.position() > 0;
	}

	@Override
	public void onWritable() {
		if (this.state == State.CLOSED) {
			return;
		}
		try {
			if (!this.transport.flush()) {
				return;
			}
		}
		catch (IOException ex) {
			abort(CloseCodes.ABNORMAL, "write failed: " + ex.getMessage());
			return;
		}
		if (!this.transport.ready()) {
			interest(SelectionKey.OP_WRITE, false);
			return;
		}
		if (hasPending()) {
			this.pending.flip();
			try {
				this.single[0] = this.pending;
				this.loop.counters().bytesOut += this.transport.write(this.single, 0, 1);
				this.single[0] = null;
				this.lastTx = System.nanoTime();
			}
			catch (IOException ex) {
				abort(CloseCodes.ABNORMAL, "write failed: " + ex.getMessage());
				return;
			}
			this.pending.compact();
			if (hasPending() || this.transport.hasUnflushed()) {
				return;
			}
		}
		// Large tails would otherwise pin their high-water mark for the life of the connection.
		this.pending = null;
		interest(SelectionKey.OP_WRITE, false);
		afterDrain();
	}

	private void afterDrain() {
		switch (this.state) {
			case CLOSE_ACKED -> closeChannel();
			case DRAINING -> shutdownOutput();
			case OPEN -> {
				if (this.writableRequested) {
					deliverWriteable(Reason.SERVER_WRITEABLE, null);
				}
			}
			default -> {
			}
		}
	}

	@Override
	public void deliverRequestedWriteable() {
		if (this.state != State.OPEN) {
			this.writableRequested = false;
			return;
		}
		if (this.writableRequested && !hasPending()) {
			deliverWriteable(Reason.SERVER_WRITEABLE, null);
		}
	}

	/**
	 * Delivers a foreign broadcast; sends the payload itself as {@code type} when the callback wrote nothing.
	 * @param shared the read-only payload shared by all receivers; rewound for each
	 */
	public void deliverBroadcast(ByteBuffer shared, WriteType type) {
		if (this.state != State.OPEN) {
			return;
		}
		long before = this.writesDone;
		shared.clear();
		if (deliverWriteable(Reason.BROADCAST, shared) == CallbackResult.CONTINUE && type != null
				&& this.writesDone == before && this.state == State.OPEN && !this.sendingFragmented) {
			shared.clear();
			this.support.stage().frame(this, true, type.opcode(), shared);
			this.support.stage().flush();
			this.loop.counters().messagesOut++;
		}
	}

	/** Runs a callback in which {@link #write} is legal, then sends what it wrote. */
	CallbackResult deliverWriteable(Reason reason, ByteBuffer in) {
		if (reason == Reason.SERVER_WRITEABLE) {
			this.writableRequested = false;
		}
		this.inWritable = true;
		CallbackResult result;
		try {
			result = call(reason, in);
		}
		finally {
			this.inWritable = false;
		}
		this.support.stage().flush();
		if (result == CallbackResult.CLOSE) {
			userClose();
		}
		return result;
	}

	@Override
	public int write(ByteBuffer payload, WriteType type, boolean fin) {
		this.loop.checkThread();
		if (!this.inWritable) {
			throw new IllegalStateException("write() is only legal during SERVER_WRITEABLE (CLIENT_WRITEABLE) or "
					+ "BROADCAST of this connection (lws_write rule): call requestWritable() and write in the callback");
		}
		if (this.state != State.OPEN) {
			return -1;
		}
		int length = payload.remaining();
		if (type.isControl()) {
			if (length > 125 || !fin) {
				throw new IllegalArgumentException(type + " frames must be final and at most 125 bytes, was "
						+ length + " bytes" + (fin ? "" : " without FIN"));
			}
		}
		else if (type == WriteType.CONTINUATION) {
			if (!this.sendingFragmented) {
				throw new IllegalStateException("CONTINUATION written with no fragmented message in progress");
			}
			this.sendingFragmented = !fin;
		}
		else {
			if (this.sendingFragmented) {
				throw new IllegalStateException(type + " written while a fragmented message is in progress: "
						+ "finish it with CONTINUATION frames first");
			}
			this.sendingFragmented = !fin;
		}
		if (fin && !type.isControl()) {
			this.loop.counters().messagesOut++;
		}
		this.writesDone++;
		this.support.stage().frame(this, fin, type.opcode(), payload);
		return (this.state == State.CLOSED) ? -1 : length;
	}

	@Override
	public int pendingBytes() {
		this.loop.checkThread();
		return (this.pending != null) ? this.pending.position() : 0;
	}

	@Override
	public void requestWritable() {
		this.loop.checkThread();
		if (!this.writableRequested && this.state == State.OPEN) {
			this.writableRequested = true;
			this.loop.requestWritable(this);
		}
	}

	// ---- closing ----------------------------------------------------------------------------------

	/** A callback returned CLOSE (lws: returned -1). */
	@Override
	void userClose() {
		switch (this.state) {
			case OPEN -> {
				int status = (this.userCloseStatus != 0) ? this.userCloseStatus : CloseCodes.NORMAL;
				String reason = (this.userCloseReason != null) ? this.userCloseReason : "";
				sendClose(status, reason);
				this.state = State.CLOSING_SENT;
				this.deadline = System.nanoTime() + this.support.limits().closeTimeout().toNanos();
			}
			case HTTP_HEAD -> closeChannel();
			default -> {
			}
		}
	}

	private void sendClose(int status, String reason) {
		this.closeStatus = status;
		this.closeReason = reason;
		this.support.stage().frame(this, true, Opcode.CLOSE, FrameHeaderWriter.closePayload(status, reason));
		this.support.stage().flush();
	}

	/**
	 * Before we send a close frame, a WRITEABLE the user asked for still gets its turn, so replies to messages
	 * that arrived before the close (or the violation) in the same read are not lost.
	 */
	private void flushRequestedWriteable() {
		if (this.writableRequested && this.state == State.OPEN) {
			deliverWriteable(Reason.SERVER_WRITEABLE, null);
		}
	}

	/** A protocol violation: RFC 6455 §7.1.7 "Fail the WebSocket Connection". */
	private void fail(int code, String message) {
		this.loop.counters().protocolErrors++;
		this.support.log().info("{}: protocol violation, closing with {}: {}", this, code, message);
		flushRequestedWriteable();
		if (this.state == State.OPEN) {
			sendClose(code, message);
		}
		else {
			this.closeStatus = code;
			this.closeReason = message;
		}
		drain();
	}

	/** Output is complete: half-close once the tail is sent and discard input until the peer closes too. */
	void drain() {
		if (this.state == State.CLOSED) {
			return;
		}
		this.state = State.DRAINING;
		this.rxEnabled = true;
		this.carry = null;
		interest(SelectionKey.OP_READ, true);
		this.deadline = System.nanoTime() + this.support.limits().closeTimeout().toNanos();
		if (!hasPending()) {
			shutdownOutput();
		}
	}

	private void shutdownOutput() {
		try {
			this.transport.shutdownOutput();
		}
		catch (IOException ex) {
			closeChannel();
		}
	}

	@Override
	public void abort(int status, String reason) {
		if (this.state == State.CLOSED) {
			return;
		}
		if (this.state == State.OPEN || this.closeStatus == CloseCodes.ABNORMAL) {
			this.closeStatus = status;
			this.closeReason = reason;
		}
		closeChannel();
	}

	@Override
	public void shutdown() {
		if (this.state == State.OPEN) {
			setCloseReason(CloseCodes.GOING_AWAY, this.client ? "client shutting down" : "server shutting down");
			userClose();
		}
		else if (this.state == State.HTTP_HEAD || this.state == State.CONNECTING) {
			this.closeReason = "context stopped";
			closeChannel();
		}
	}

	@Override
	void closeChannel() {
		if (this.state == State.CLOSED) {
			return;
		}
		State was = this.state;
		this.state = State.CLOSED;
		this.support.stage().discard(this);
		if (this.key != null) {
			this.key.cancel();
		}
		if (this.channel != null) {
			try {
				this.channel.close();
			}
			catch (IOException ex) {
				// the descriptor is released either way
			}
		}
		this.loop.removed(this);
		this.timerGeneration++;
		if (this.established) {
			this.loop.established(this.protocol).remove(this);
			call(Reason.CLOSED, null);
		}
		else {
			closedBeforeEstablished(was);
		}
		this.session = null;
		this.pending = null;
		this.carry = null;
		this.parser = null;
		this.head = null;
		handshakeDone();
	}

	@Override
	void sendPing() {
		this.support.stage().frame(this, true, Opcode.PING, ByteBuffer.allocate(0));
		this.support.stage().flush();
	}

	// ---- handshake hooks (Handshaker) ---------------------------------------------------------------

	/** The upgrade succeeded: switch to frames and tell the protocol. */
	void established(Protocol<?> chosen, FrameParser frameParser) {
		if (this.state == State.CLOSED) {
			throw new IllegalStateException(this + " closed before it was established");
		}
		this.parser = frameParser;
		this.state = State.OPEN;
		this.deadline = 0;
		this.established = true;
		this.loop.established(chosen).add(this);
		CallbackResult result = call(Reason.ESTABLISHED, null);
		this.head = null;
		this.headersReleased = true;
		if (result == CallbackResult.CLOSE) {
			userClose();
		}
	}

	void bind(Protocol<?> chosen, String echoedSubprotocol) {
		this.protocol = chosen;
		this.subprotocol = echoedSubprotocol;
		this.session = chosen.newSessionData();
	}

	ServiceLoop.LoopCounters loopCounters() {
		return this.loop.counters();
	}

	private void interest(int op, boolean on) {
		if (this.key != null) {
			this.key.interest(op, on);
		}
	}

	@Override
	public void rxFlowControl(boolean enable) {
		this.loop.checkThread();
		if (enable == this.rxEnabled || this.state == State.CLOSED || this.state == State.DRAINING) {
			return;
		}
		this.rxEnabled = enable;
		interest(SelectionKey.OP_READ, enable);
		if (enable && this.carry != null) {
			this.loop.resumeReading(this);
		}
	}

}
