/**
 * libwebsockets-style level-mask logging: {@link io.jlws.log.JlwsLog} and the SLF4J emitter are internal;
 * {@link io.jlws.log.SyslogEmitter} (lws {@code lwsl_emit_syslog}) and its option types are public API.
 */
package io.jlws.log;
