package io.jlws.log;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The two syslog wire formats a {@link SyslogEmitter} can send. Both are accepted by rsyslog, syslog-ng and
 * journald's remote receivers.
 */
public enum SyslogFormat {

	/**
	 * BSD syslog (RFC 3164): {@code <PRI>Mmm dd hh:mm:ss HOSTNAME TAG[PID]: MSG}, local time without year or zone.
	 * What glibc's {@code syslog()} (and so lws' {@code lwsl_emit_syslog}) and Logback's {@code SyslogAppender}
	 * produce; the hostname is cut at its first dot as the RFC asks.
	 */
	RFC3164 {
		@Override
		String header(int pri, ZonedDateTime time, String hostname, String appName, long pid, String msgId) {
			int dot = hostname.indexOf('.');
			String host = (dot > 0) ? hostname.substring(0, dot) : hostname;
			return "<" + pri + ">" + BSD_TIME.format(time) + " " + host + " " + appName + "[" + pid + "]: ";
		}
	},

	/**
	 * Structured syslog (RFC 5424): {@code <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID - MSG} with an RFC 3339
	 * timestamp. MSGID carries the lws level name ({@code notice}, {@code user}, {@code parser}...), which the
	 * severity alone cannot tell apart since every detail bit maps to debug.
	 */
	RFC5424 {
		@Override
		String header(int pri, ZonedDateTime time, String hostname, String appName, long pid, String msgId) {
			return "<" + pri + ">1 " + RFC3339.format(time) + " " + nil(hostname, 255) + " " + nil(appName, 48) + " "
					+ pid + " " + nil(msgId, 32) + " - ";
		}
	};

	// "ppd" pads the day with a space ("Jan  5"), the layout RFC 3164 section 4.1.2 requires.
	private static final DateTimeFormatter BSD_TIME = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ENGLISH);

	// RFC 5424 allows at most 6 fraction digits; ISO_OFFSET_DATE_TIME would print up to 9.
	private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX",
			Locale.ROOT);

	/** Everything before the message text, ending with the separator the format puts in front of it. */
	abstract String header(int pri, ZonedDateTime time, String hostname, String appName, long pid, String msgId);

	/** Formats one complete message. */
	public String format(int pri, ZonedDateTime time, String hostname, String appName, long pid, String msgId,
			String message) {
		return header(pri, time, hostname, appName, pid, msgId) + message;
	}

	/** RFC 5424 header fields are printable US-ASCII without spaces, and "-" when empty. */
	private static String nil(String value, int max) {
		if (value == null || value.isEmpty()) {
			return "-";
		}
		StringBuilder b = new StringBuilder(Math.min(value.length(), max));
		for (int i = 0; i < value.length() && b.length() < max; i++) {
			char c = value.charAt(i);
			b.append((c > 32 && c < 127) ? c : '_');
		}
		return b.toString();
	}

}
