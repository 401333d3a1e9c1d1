/**
 * Health indicator for a jlws {@link io.jlws.Context}.
 */
@NullMarked
package io.jlws.spring.health;

import org.jspecify.annotations.NullMarked;
