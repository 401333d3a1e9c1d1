package io.jlws.loop;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * How many connections the process can hold, from the file-descriptor limit, as libwebsockets sizes its tables.
 */
public final class FdLimits {

	/** Descriptors kept back for the JVM, logs, files and the user's own sockets. */
	public static final int RESERVE = 64;

	private FdLimits() {
	}

	/** The fd limit, or -1 where the JVM cannot tell (not a Unix JVM). */
	public static long maxFileDescriptors() {
		OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
		if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
			return unix.getMaxFileDescriptorCount();
		}
		return -1;
	}

	/** Descriptors in use now, or -1 where unknown. */
	public static long openFileDescriptors() {
		OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
		if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
			return unix.getOpenFileDescriptorCount();
		}
		return -1;
	}

	/**
	 * The connection limit: fd limit minus descriptors in use minus {@link #RESERVE}, capped by the configured
	 * value when that is positive.
	 */
	public static int effectiveMaxConnections(int configured) {
		long max = maxFileDescriptors();
		long open = openFileDescriptors();
		long fromFds = (max < 0) ? Integer.MAX_VALUE : Math.max(1, max - Math.max(open, 0) - RESERVE);
		long limit = (configured > 0) ? Math.min(configured, fromFds) : fromFds;
		return (int) Math.min(limit, Integer.MAX_VALUE);
	}

}
