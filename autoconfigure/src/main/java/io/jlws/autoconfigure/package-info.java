/**
 * Auto-configuration for jlws: {@code jlws.*} properties, the {@link io.jlws.Context} bean and its lifecycle.
 * Wiring only; the Spring-aware parts live in {@code io.jlws.spring}.
 */
@NullMarked
package io.jlws.autoconfigure;

import org.jspecify.annotations.NullMarked;
