/**
 * The test server's protocols, each a handler bean on the service thread, in libwebsockets' order:
 * http-only, dumb-increment, lws-mirror, lws-status, echo, fraggle. Registered in server mode only
 * ({@link io.jlws.sample.ConditionalOnServerMode}).
 */
package io.jlws.sample.server;
