/**
 * Running a jlws {@link io.jlws.Context} inside a Spring application context: lifecycle, startup event and the
 * {@code local.jlws.port} property.
 */
@NullMarked
package io.jlws.spring.context;

import org.jspecify.annotations.NullMarked;
