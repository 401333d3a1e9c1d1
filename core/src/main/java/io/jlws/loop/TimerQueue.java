package io.jlws.loop;

import java.util.PriorityQueue;

/**
 * Deadlines for user timers ({@code lws_set_timer_usecs}), ordered by due time. Cancelling is lazy: an owner
 * re-arms by bumping its generation, and stale entries are dropped when they come due. Service thread only.
 */
public final class TimerQueue {

	/** Something that owns timers and is told when one comes due. */
	public interface Owner {

		/** The generation of the owner's current timer; entries with another generation are stale. */
		long timerGeneration();

		/** Called when a current timer is due. */
		void onTimer();

	}

	private record Entry(long deadline, Owner owner, long generation) implements Comparable<Entry> {

		@Override
		public int compareTo(Entry o) {
			return Long.compare(this.deadline, o.deadline);
		}

	}

	private final PriorityQueue<Entry> queue = new PriorityQueue<>();

	public void schedule(Owner owner, long generation, long deadlineNanos) {
		this.queue.add(new Entry(deadlineNanos, owner, generation));
	}

	/** Nanos until the next deadline (0 when overdue), or {@code Long.MAX_VALUE} when none. */
	public long nanosUntilNext(long now) {
		Entry first = this.queue.peek();
		return (first == null) ? Long.MAX_VALUE : Math.max(0, first.deadline - now);
	}

	/** Fires the due timers. */
	public void runDue(long now) {
		Entry e;
		while ((e = this.queue.peek()) != null && e.deadline - now <= 0) {
			this.queue.poll();
			if (e.owner.timerGeneration() == e.generation) {
				e.owner.onTimer();
			}
		}
	}

	public void clear() {
		this.queue.clear();
	}

}
