/**
 * Micrometer meters for a jlws {@link io.jlws.Context}.
 */
@NullMarked
package io.jlws.spring.metrics;

import org.jspecify.annotations.NullMarked;
