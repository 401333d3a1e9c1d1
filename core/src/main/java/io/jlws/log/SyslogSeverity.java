package io.jlws.log;

import io.jlws.LogLevel;

/**
 * Syslog severities (RFC 5424 section 6.2.1, the {@code LOG_*} priorities of {@code <syslog.h>}), and the mapping
 * libwebsockets' {@code lwsl_emit_syslog} applies to its log level bits.
 */
public enum SyslogSeverity {

	/** System is unusable ({@code LOG_EMERG}, 0). */
	EMERG,

	/** Action must be taken immediately ({@code LOG_ALERT}, 1). */
	ALERT,

	/** Critical conditions ({@code LOG_CRIT}, 2). */
	CRIT,

	/** Error conditions ({@code LOG_ERR}, 3). */
	ERR,

	/** Warning conditions ({@code LOG_WARNING}, 4). */
	WARNING,

	/** Normal but significant condition ({@code LOG_NOTICE}, 5). */
	NOTICE,

	/** Informational ({@code LOG_INFO}, 6). */
	INFO,

	/** Debug-level messages ({@code LOG_DEBUG}, 7). */
	DEBUG;

	/** The numeric severity, 0 (emergency) to 7 (debug). */
	public int code() {
		return ordinal();
	}

	/**
	 * The severity lws gives a log level bit: ERR, WARN, NOTICE and INFO map to their namesakes and every other
	 * bit, {@link LogLevel#USER} included, to debug, exactly as {@code lwsl_emit_syslog}'s switch does.
	 */
	public static SyslogSeverity ofLwsLevel(int level) {
		return switch (level) {
			case LogLevel.ERR -> ERR;
			case LogLevel.WARN -> WARNING;
			case LogLevel.NOTICE -> NOTICE;
			case LogLevel.INFO -> INFO;
			default -> DEBUG;
		};
	}

}
