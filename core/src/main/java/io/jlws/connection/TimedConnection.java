package io.jlws.connection;

import java.time.Duration;

import io.jlws.CallbackResult;
import io.jlws.Limits;
import io.jlws.Reason;
import io.jlws.frame.CloseCodes;
import io.jlws.loop.ServiceLoop;
import io.jlws.loop.TimerQueue;

/**
 * A connection's clocks: the handshake, close and user timeouts (lws {@code lws_set_timeout}), ping/pong liveness,
 * the idle timeout, and the user timer (lws {@code lws_set_timer_usecs}). Checked by the loop's sweep; what to do
 * when one fires is {@link WsConnection}'s. Service thread only.
 */
abstract class TimedConnection extends ConnectionBase implements TimerQueue.Owner {

	long lastRx;

	long lastTx;

	/** When the current phase (connect, handshake, close) runs out; 0 = no deadline. */
	long deadline;

	private long userTimeoutNanos;

	private long userTimeoutSetAt;

	long pingSentAt;

	long timerGeneration;

	TimedConnection(ServiceLoop loop, ConnectionSupport support, boolean client, long id, long now, State initial,
			long timeoutNanos) {
		super(loop, support, client, id, initial);
		this.lastRx = now;
		this.lastTx = now;
		this.deadline = now + timeoutNanos;
	}

	/** A callback returned CLOSE, or a timeout wants an orderly close. */
	abstract void userClose();

	/** Closes the socket and delivers CLOSED when due. */
	abstract void closeChannel();

	/** A deadline passed before the WebSocket opened. */
	abstract void onHandshakeDeadline();

	/** Sends a liveness PING. */
	abstract void sendPing();

	// ---- timers -----------------------------------------------------------------------------------

	@Override
	public void checkTimeouts(long now) {
		if (this.state == State.CLOSED) {
			return;
		}
		if (this.deadline != 0 && now - this.deadline >= 0) {
			onDeadline();
			return;
		}
		if (this.state != State.OPEN) {
			return;
		}
		if (this.userTimeoutNanos > 0 && now - Math.max(this.lastRx, this.userTimeoutSetAt) >= this.userTimeoutNanos) {
			abort(CloseCodes.ABNORMAL, "no activity within the timeout set by setTimeout");
			return;
		}
		Limits limits = this.support.limits();
		long ping = limits.pingInterval().toNanos();
		if (ping > 0) {
			if (this.pingSentAt != 0 && now - this.pingSentAt >= ping) {
				this.support.log().info("{}: no PONG within ping-interval, dropping", this);
				abort(CloseCodes.ABNORMAL, "no PONG within limits.ping-interval");
				return;
			}
			if (this.pingSentAt == 0 && now - this.lastRx >= ping) {
				this.pingSentAt = now;
				sendPing();
			}
		}
		long idle = limits.idleTimeout().toNanos();
		if (idle > 0 && this.state == State.OPEN && now - Math.max(this.lastRx, this.lastTx) >= idle) {
			setCloseReason(CloseCodes.GOING_AWAY, "idle timeout");
			userClose();
		}
	}

	private void onDeadline() {
		switch (this.state) {
			case CONNECTING, HTTP_HEAD -> onHandshakeDeadline();
			case CLOSING_SENT -> abort(this.closeStatus, "no close frame from the peer within the close timeout");
			default -> closeChannel();
		}
	}

	@Override
	public long timerGeneration() {
		return this.timerGeneration;
	}

	@Override
	public void onTimer() {
		if (this.state == State.OPEN && call(Reason.TIMER, null) == CallbackResult.CLOSE) {
			userClose();
		}
	}

	@Override
	public void setTimer(Duration delay) {
		this.loop.checkThread();
		this.timerGeneration++;
		if (!delay.isNegative() && !delay.isZero() && this.state != State.CLOSED) {
			this.loop.timers().schedule(this, this.timerGeneration, System.nanoTime() + delay.toNanos());
		}
	}

	@Override
	public void setTimeout(Duration timeout) {
		this.loop.checkThread();
		this.userTimeoutNanos = timeout.isNegative() ? 0 : timeout.toNanos();
		this.userTimeoutSetAt = System.nanoTime();
	}

}
