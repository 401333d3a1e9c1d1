/**
 * Auto-configuration for jlws meters.
 */
@NullMarked
package io.jlws.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
