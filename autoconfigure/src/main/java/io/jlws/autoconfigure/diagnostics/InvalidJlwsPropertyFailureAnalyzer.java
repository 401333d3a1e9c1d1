package io.jlws.autoconfigure.diagnostics;

import io.jlws.autoconfigure.InvalidJlwsPropertyException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link InvalidJlwsPropertyException}: a {@code jlws.*} property has a value jlws cannot use.
 */
class InvalidJlwsPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidJlwsPropertyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidJlwsPropertyException cause) {
		return new FailureAnalysis(
				"Invalid jlws configuration: " + cause.getProperty() + " " + cause.getReason() + ".\n\n"
						+ "    Property: " + cause.getProperty() + "\n    Value: " + cause.getValue(),
				"Update " + cause.getProperty() + " in your application's configuration (relaxed names such as "
						+ cause.getProperty().replace('-', '_') + " bind to the same property).",
				cause);
	}

}
