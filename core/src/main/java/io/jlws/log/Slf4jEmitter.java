package io.jlws.log;

import io.jlws.LogEmitter;
import io.jlws.LogLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default emitter: each lws bit goes to an SLF4J logger and level (ERR→ERROR, WARN→WARN, NOTICE and USER→INFO,
 * INFO→DEBUG, the detail bits→TRACE on a logger named after their area, e.g. {@code io.jlws.parser}).
 */
public final class Slf4jEmitter implements LogEmitter {

	/** The shared instance. */
	public static final Slf4jEmitter INSTANCE = new Slf4jEmitter();

	private static final Logger MAIN = LoggerFactory.getLogger("io.jlws");

	private static final Logger USER = LoggerFactory.getLogger("io.jlws.user");

	private static final Logger[] AREAS = new Logger[11];

	static {
		for (int i = 4; i <= 9; i++) {
			AREAS[i] = LoggerFactory.getLogger("io.jlws." + LogLevel.name(1 << i));
		}
	}

	private Slf4jEmitter() {
	}

	boolean isEnabled(int bit) {
		return switch (bit) {
			case LogLevel.ERR -> MAIN.isErrorEnabled();
			case LogLevel.WARN -> MAIN.isWarnEnabled();
			case LogLevel.NOTICE -> MAIN.isInfoEnabled();
			case LogLevel.INFO -> MAIN.isDebugEnabled();
			case LogLevel.USER -> USER.isInfoEnabled();
			default -> AREAS[Integer.numberOfTrailingZeros(bit)].isTraceEnabled();
		};
	}

	@Override
	public void emit(int level, String line) {
		switch (level) {
			case LogLevel.ERR -> MAIN.error(line);
			case LogLevel.WARN -> MAIN.warn(line);
			case LogLevel.NOTICE -> MAIN.info(line);
			case LogLevel.INFO -> MAIN.debug(line);
			case LogLevel.USER -> USER.info(line);
			default -> AREAS[Integer.numberOfTrailingZeros(level)].trace(line);
		}
	}

}
