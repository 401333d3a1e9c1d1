/**
 * Failure analyzers for jlws startup problems.
 */
@NullMarked
package io.jlws.autoconfigure.diagnostics;

import org.jspecify.annotations.NullMarked;
