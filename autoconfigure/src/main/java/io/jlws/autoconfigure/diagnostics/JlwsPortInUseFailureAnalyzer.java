package io.jlws.autoconfigure.diagnostics;

import io.jlws.spring.context.JlwsPortInUseException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link JlwsPortInUseException}: the jlws listener could not bind {@code jlws.port}.
 */
class JlwsPortInUseFailureAnalyzer extends AbstractFailureAnalyzer<JlwsPortInUseException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, JlwsPortInUseException cause) {
		String where = (cause.getAddress() != null) ? cause.getAddress() + ":" + cause.getPort()
				: "port " + cause.getPort();
		return new FailureAnalysis(
				"jlws failed to start: jlws.port " + cause.getPort() + " is already in use (could not listen on "
						+ where + ").",
				"Identify and stop the process that is listening on port " + cause.getPort()
						+ ", or choose another jlws.port or 0 (a free port, published as local.jlws.port).",
				cause);
	}

}
