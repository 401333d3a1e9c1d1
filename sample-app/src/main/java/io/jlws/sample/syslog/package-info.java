/**
 * Logging to syslog: the settings the {@code syslog} profile of {@code logback-spring.xml} reads
 * ({@code sample.syslog.*}), and core's lws-level {@link io.jlws.log.SyslogEmitter} for jlws' own lines with
 * {@code sample.syslog.lws-emitter=true}.
 */
package io.jlws.sample.syslog;
