package io.jlws;

/**
 * Receives log lines that passed the level mask: libwebsockets' custom emit function given to
 * {@code lws_set_log_level}. Called on whichever thread logs (mostly the service thread); must not block long.
 */
@FunctionalInterface
public interface LogEmitter {

	/**
	 * Emits one line.
	 * @param level the single {@link LogLevel} bit of the line
	 * @param line the formatted line, without a trailing newline
	 */
	void emit(int level, String line);

}
