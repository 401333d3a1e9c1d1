package io.jlws.loop;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The bounded multi-producer queue through which other threads hand work to the service thread. Offers never
 * block: a full (or closed) queue refuses, so callers learn at once that the work was not accepted. Everything
 * accepted is run: the count of accepted-but-not-run tasks and the closed flag live in one atomic word, so an offer
 * either lands before {@link #close()} (and {@link #drainAll} waits for it) or is refused.
 */
public final class TaskQueue {

	private static final int CLOSED = 1 << 30;

	private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();

	/** Accepted tasks not yet taken, plus {@link #CLOSED} once closed. */
	private final AtomicInteger state = new AtomicInteger();

	private final int capacity;

	public TaskQueue(int capacity) {
		if (capacity <= 0 || capacity >= CLOSED) {
			throw new IllegalArgumentException("capacity must be 1.." + (CLOSED - 1) + ", was " + capacity);
		}
		this.capacity = capacity;
	}

	/** Adds a task; {@code false} when the queue is full or closed. Any thread. */
	public boolean offer(Runnable task) {
		while (true) {
			int s = this.state.get();
			if ((s & CLOSED) != 0 || s >= this.capacity) {
				return false;
			}
			if (this.state.compareAndSet(s, s + 1)) {
				break;
			}
		}
		this.queue.add(task);
		return true;
	}

	/** Refuses further offers; what was accepted stays and is still drained. Any thread. */
	public void close() {
		this.state.getAndUpdate((s) -> s | CLOSED);
	}

	public boolean isClosed() {
		return (this.state.get() & CLOSED) != 0;
	}

	public boolean isEmpty() {
		return (this.state.get() & ~CLOSED) == 0;
	}

	/**
	 * Runs the tasks present now (not those they add, so a task that re-queues itself cannot starve the loop).
	 * Service thread only.
	 * @return how many ran
	 */
	public int drain(Consumer<Runnable> runner) {
		int n = this.state.get() & ~CLOSED;
		int ran = 0;
		while (ran < n) {
			Runnable task = this.queue.poll();
			if (task == null) {
				// counted but not yet added: its producer wakes the loop again once it is
				break;
			}
			this.state.decrementAndGet();
			ran++;
			runner.accept(task);
		}
		return ran;
	}

	/**
	 * After {@link #close()}: runs every accepted task, waiting for producers that were accepted but have not
	 * finished adding (a few instructions away). Service thread only.
	 */
	public void drainAll(Consumer<Runnable> runner) {
		while ((this.state.get() & ~CLOSED) != 0) {
			Runnable task = this.queue.poll();
			if (task == null) {
				Thread.onSpinWait();
				continue;
			}
			this.state.decrementAndGet();
			runner.accept(task);
		}
	}

}
