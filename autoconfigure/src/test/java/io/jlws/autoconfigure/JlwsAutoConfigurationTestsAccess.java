package io.jlws.autoconfigure;

import io.jlws.ContextInfo;

/** Shares the YAML fixture's expectations with tests in other packages. */
public final class JlwsAutoConfigurationTestsAccess {

	private JlwsAutoConfigurationTestsAccess() {
	}

	public static void assertYamlValues(ContextInfo info) {
		JlwsAutoConfigurationTests.assertYamlValues(info);
	}

}
