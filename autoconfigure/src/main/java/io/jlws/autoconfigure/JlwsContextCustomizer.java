package io.jlws.autoconfigure;

import io.jlws.ContextInfo;

/**
 * Customizes the {@link ContextInfo.Builder} of the auto-configured {@link io.jlws.Context}. Beans of this type
 * run in {@code @Order}, after {@code jlws.*} properties and discovered protocols have been applied, so they can
 * override either (for example to set a {@link io.jlws.LogEmitter} or add a protocol built by hand).
 */
@FunctionalInterface
public interface JlwsContextCustomizer {

	/**
	 * Customizes the builder.
	 * @param builder the builder
	 */
	void customize(ContextInfo.Builder builder);

}
