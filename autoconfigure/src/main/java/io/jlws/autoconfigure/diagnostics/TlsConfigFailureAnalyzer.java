package io.jlws.autoconfigure.diagnostics;

import io.jlws.autoconfigure.InvalidJlwsPropertyException;
import io.jlws.autoconfigure.TlsPropertyNames;
import io.jlws.tls.TlsConfigException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link TlsConfigException} from the core: TLS settings that cannot be used (an unreadable PEM file, a
 * wrong key password, a key that does not match the certificate, an unknown cipher name). Names the
 * {@code jlws.ssl-*} property behind it. Settings that came from properties already fail as an
 * {@link InvalidJlwsPropertyException}, which {@link InvalidJlwsPropertyFailureAnalyzer} explains; this one is for
 * TLS settings set in code, such as by a {@code JlwsContextCustomizer}.
 */
class TlsConfigFailureAnalyzer extends AbstractFailureAnalyzer<TlsConfigException> {

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, TlsConfigException cause) {
		if (findCause(rootFailure, InvalidJlwsPropertyException.class) != null) {
			return null;
		}
		String property = TlsPropertyNames.of(cause);
		return new FailureAnalysis(
				"jlws TLS configuration cannot be used: " + cause.getMessage() + "\n\n    Property: " + property
						+ ((cause.file() != null) ? "\n    File: " + cause.file() : ""),
				"Update " + property + " (lws " + property.substring("jlws.".length()).replace('-', '_')
						+ "), or the TlsSettings that a JlwsContextCustomizer sets on ContextInfo.Builder.tls().",
				cause);
	}

}
