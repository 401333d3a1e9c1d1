package io.jlws.loop;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded multi-producer queue through which other threads hand work to the service thread. Offers never
 * block: a full (or closed) queue refuses, so callers learn at once that the work was not accepted. Everything
 * accepted is run.
 */
public final class TaskQueue {

	private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();

	private final AtomicInteger size = new AtomicInteger();

	private final int capacity;

	private volatile boolean closed;

	public TaskQueue(int capacity) {
		this.capacity = capacity;
	}

	/** Adds a task; {@code false} when the queue is full or closed. Any thread. */
	public boolean offer(Runnable task) {
		if (this.closed) {
			return false;
		}
		if (this.size.incrementAndGet() > this.capacity) {
			this.size.decrementAndGet();
			return false;
		}
		this.queue.add(task);
		return true;
	}

	/** Refuses further offers; what was accepted stays and is still drained. */
	public void close() {
		this.closed = true;
	}

	public boolean isClosed() {
		return this.closed;
	}

	public boolean isEmpty() {
		return this.size.get() == 0;
	}

	/**
	 * Runs the tasks present now (not those they add, so a task that re-queues itself cannot starve the loop).
	 * Service thread only.
	 * @return how many ran
	 */
	public int drain(java.util.function.Consumer<Runnable> runner) {
		int n = this.size.get();
		int ran = 0;
		while (ran < n) {
			Runnable task = this.queue.poll();
			if (task == null) {
				break;
			}
			this.size.decrementAndGet();
			ran++;
			runner.accept(task);
		}
		return ran;
	}

}
