package io.jlws.log;

import io.jlws.LogEmitter;
import io.jlws.LogLevel;
import org.slf4j.helpers.MessageFormatter;

/**
 * A context's logger: filters on libwebsockets' level mask before anything is formatted, then hands the line to
 * the emitter (lws {@code _lws_log}). Level and emitter may be changed from any thread at any time.
 */
public final class JlwsLog {

	private volatile int mask;

	private volatile LogEmitter emitter;

	public JlwsLog(int mask, LogEmitter emitter) {
		set(mask, emitter);
	}

	/** Sets the mask; a {@code null} emitter keeps the current one, as {@code lws_set_log_level} does. */
	public void set(int mask, LogEmitter emitter) {
		this.mask = mask & LogLevel.ALL;
		if (emitter != null) {
			this.emitter = emitter;
		}
		else if (this.emitter == null) {
			this.emitter = Slf4jEmitter.INSTANCE;
		}
	}

	public int mask() {
		return this.mask;
	}

	public LogEmitter emitter() {
		return this.emitter;
	}

	/** Whether lines of this bit pass the mask (and, for the SLF4J emitter, the logger's level). */
	public boolean on(int bit) {
		if ((this.mask & bit) == 0) {
			return false;
		}
		LogEmitter e = this.emitter;
		return !(e instanceof Slf4jEmitter s) || s.isEnabled(bit);
	}

	public void log(int bit, String format, Object... args) {
		if (on(bit)) {
			this.emitter.emit(bit, MessageFormatter.arrayFormat(format, args).getMessage());
		}
	}

	public void err(String format, Object... args) {
		log(LogLevel.ERR, format, args);
	}

	public void warn(String format, Object... args) {
		log(LogLevel.WARN, format, args);
	}

	public void notice(String format, Object... args) {
		log(LogLevel.NOTICE, format, args);
	}

	public void info(String format, Object... args) {
		log(LogLevel.INFO, format, args);
	}

	public void debug(String format, Object... args) {
		log(LogLevel.DEBUG, format, args);
	}

}
