/**
 * Auto-configuration for the jlws health indicator.
 */
@NullMarked
package io.jlws.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
