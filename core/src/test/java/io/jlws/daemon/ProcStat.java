package io.jlws.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The fields of {@code /proc/PID/stat} the daemon tests look at (proc(5)). */
record ProcStat(char state, long ppid, long pgrp, long session) {

	static ProcStat of(long pid) throws IOException {
		String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
		// Fields after the parenthesised command name: state ppid pgrp session ...
		String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		return new ProcStat(f[0].charAt(0), Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]));
	}

	/** Where fds 0, 1 and 2 point. */
	static List<String> stdio(long pid) throws IOException {
		List<String> targets = new ArrayList<>();
		for (int fd = 0; fd <= 2; fd++) {
			targets.add(Files.readSymbolicLink(Path.of("/proc/" + pid + "/fd/" + fd)).toString());
		}
		return targets;
	}

}
