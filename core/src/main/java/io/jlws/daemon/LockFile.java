package io.jlws.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's pid lock file, as lws {@code lws_daemonize} keeps it: the pid in decimal with no newline, mode 0640.
 * A lock is held while the pid it names runs; anything else found there (a dead or zombie pid, unparsable text) is
 * stale and may be replaced. Like lws this trusts the pid: a recycled pid of an unrelated live process reads as held.
 */
public final class LockFile {

	/** rw-r----- (0640), lws' lock mode. */
	public static final Set<PosixFilePermission> MODE = PosixFilePermissions.fromString("rw-r-----");

	private static final Logger log = LoggerFactory.getLogger("io.jlws");

	private LockFile() {
	}

	/** What a lock file holds. */
	public enum Kind {

		/** No file. */
		ABSENT,

		/** The pid of a running process. */
		HELD,

		/** A pid that is not running, or nothing parsable. */
		STALE

	}

	/**
	 * A lock file's state.
	 * @param kind what it holds
	 * @param pid the pid read, or -1 when absent or unparsable
	 * @param content the raw text, for the stale message
	 */
	public record Status(Kind kind, long pid, String content) {

		/** Why a stale lock is stale, for the log line. */
		String reason() {
			return (this.pid > 0) ? "pid " + this.pid + " not running"
					: "unparsable content '" + abbreviate(this.content) + "'";
		}

	}

	/** Reads the lock file. Tolerates a trailing newline, which other tools writing pid files add. */
	public static Status inspect(Path lock) throws IOException {
		String content;
		try {
			content = Files.readString(lock, StandardCharsets.ISO_8859_1);
		}
		catch (NoSuchFileException ex) {
			return new Status(Kind.ABSENT, -1, null);
		}
		long pid = parsePid(content.trim());
		if (pid <= 0) {
			return new Status(Kind.STALE, -1, content);
		}
		return new Status(isRunning(pid) ? Kind.HELD : Kind.STALE, pid, content);
	}

	/**
	 * Whether a process runs. A zombie does not: after {@code kill -TERM} the daemon may linger unreaped when its
	 * adoptive parent (pid 1 of a container) never calls wait.
	 */
	public static boolean isRunning(long pid) {
		if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
			return false;
		}
		try {
			String stat = Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.ISO_8859_1);
			// The state follows the command name, which is in parentheses and may itself hold spaces or ')'.
			int close = stat.lastIndexOf(')');
			return close < 0 || close + 2 >= stat.length() || stat.charAt(close + 2) != 'Z';
		}
		catch (IOException ex) {
			// No /proc (not Linux) or the process just went: trust ProcessHandle, re-asked.
			return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
		}
	}

	/** Removes a stale lock with a NOTICE line. Missing files are fine: a racing starter may have removed it. */
	public static void removeStale(Path lock, Status stale) throws IOException {
		if (Files.deleteIfExists(lock)) {
			log.info("stale lock file {} ({}) replaced", lock, stale.reason());
		}
	}

	/**
	 * Takes the lock for {@code pid}. The content is written to a temporary file first and published with a hard
	 * link, which fails when the lock exists: another process never sees a half-written lock, and of two racing
	 * daemons exactly one wins. A stale lock is removed (logged) and the link retried.
	 * @throws HeldException when a running process other than {@code pid} holds the lock
	 */
	public static void take(Path lock, long pid) throws IOException {
		Path dir = lock.toAbsolutePath().getParent();
		for (int attempt = 0;; attempt++) {
			Path tmp = Files.createTempFile(dir, "." + lock.getFileName() + ".", ".tmp");
			try {
				Files.writeString(tmp, Long.toString(pid), StandardCharsets.ISO_8859_1);
				setMode(tmp);
				if (publish(tmp, lock)) {
					return;
				}
			}
			finally {
				Files.deleteIfExists(tmp);
			}
			Status status = inspect(lock);
			if (status.pid() == pid) {
				return;
			}
			if (status.kind() == Kind.HELD) {
				throw new HeldException(lock, status.pid());
			}
			if (attempt >= 3) {
				// Something keeps recreating a stale lock; give up rather than spin.
				throw new FileAlreadyExistsException(lock.toString(), null, "lock file keeps reappearing");
			}
			removeStale(lock, status);
		}
	}

	/**
	 * Removes the lock if it still names {@code pid}: a lock another daemon took over (after ours was deemed stale)
	 * is left alone.
	 * @return whether the file was removed
	 */
	public static boolean releaseIfOwned(Path lock, long pid) {
		try {
			if (inspect(lock).pid() == pid) {
				return Files.deleteIfExists(lock);
			}
		}
		catch (IOException ex) {
			log.warn("cannot remove lock file {}: {}", lock, ex.toString());
		}
		return false;
	}

	/** @return {@code false} when the lock already exists */
	private static boolean publish(Path tmp, Path lock) throws IOException {
		try {
			Files.createLink(lock, tmp);
			return true;
		}
		catch (FileAlreadyExistsException ex) {
			return false;
		}
		catch (UnsupportedOperationException | FileSystemException ex) {
			// No hard links here (some FUSE or network file systems): a plain move, exclusive unless it races.
			try {
				Files.move(tmp, lock);
				return true;
			}
			catch (FileAlreadyExistsException exists) {
				return false;
			}
		}
	}

	private static void setMode(Path file) throws IOException {
		try {
			// Set explicitly: the mode given at creation would be narrowed by the umask.
			Files.setPosixFilePermissions(file, MODE);
		}
		catch (UnsupportedOperationException ex) {
			// not a POSIX file system: the platform default applies
		}
	}

	private static long parsePid(String text) {
		if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch((c) -> c >= '0' && c <= '9')) {
			return -1;
		}
		return Long.parseLong(text);
	}

	private static String abbreviate(String text) {
		String oneLine = (text == null) ? "" : text.replaceAll("\\p{Cntrl}", "?");
		return (oneLine.length() > 20) ? oneLine.substring(0, 20) + "..." : oneLine;
	}

	/** The lock is held by another running process. */
	public static final class HeldException extends IOException {

		private static final long serialVersionUID = 1L;

		private final long pid;

		HeldException(Path lock, long pid) {
			super("Daemon already running pid " + pid + " (lock file " + lock + ")");
			this.pid = pid;
		}

		/** The holder's pid. */
		public long pid() {
			return this.pid;
		}

	}

}
