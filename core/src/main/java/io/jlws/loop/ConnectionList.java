package io.jlws.loop;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * An unordered list of connections with O(1) add and remove: each member remembers its own index for this list
 * (a slot number chooses which of its indexes), and removal moves the last member into the hole. No allocation
 * per add or remove once grown. Service thread only.
 *
 * @param <T> the member type
 */
public final class ConnectionList<T extends ConnectionList.Member> {

	/** A member knows where it sits in up to two lists. */
	public interface Member {

		int listIndex(int slot);

		void listIndex(int slot, int index);

	}

	private final int slot;

	private Object[] items = new Object[16];

	private int size;

	public ConnectionList(int slot) {
		this.slot = slot;
	}

	public void add(T member) {
		if (this.size == this.items.length) {
			this.items = Arrays.copyOf(this.items, this.size * 2);
		}
		member.listIndex(this.slot, this.size);
		this.items[this.size++] = member;
	}

	/** Removes the member if present. */
	public void remove(T member) {
		int index = member.listIndex(this.slot);
		if (index < 0 || index >= this.size || this.items[index] != member) {
			return;
		}
		int last = --this.size;
		if (index != last) {
			@SuppressWarnings("unchecked")
			T moved = (T) this.items[last];
			this.items[index] = moved;
			moved.listIndex(this.slot, index);
		}
		this.items[last] = null;
		member.listIndex(this.slot, -1);
	}

	public int size() {
		return this.size;
	}

	@SuppressWarnings("unchecked")
	public T get(int index) {
		return (T) this.items[index];
	}

	/** Visits a snapshot of the members, so the action may remove members (including itself). */
	@SuppressWarnings("unchecked")
	public void forEachSnapshot(Consumer<T> action) {
		Object[] copy = Arrays.copyOf(this.items, this.size);
		for (Object o : copy) {
			action.accept((T) o);
		}
	}

}
