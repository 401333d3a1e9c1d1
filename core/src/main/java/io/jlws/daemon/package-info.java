/**
 * Internal: the machinery behind {@link io.jlws.Daemon} (lock file, JVM relaunch, the starter's wait).
 */
package io.jlws.daemon;
