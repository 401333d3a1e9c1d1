/**
 * The test server's protocols, each a handler bean on the service thread, in libwebsockets' order:
 * http-only, dumb-increment, lws-mirror, lws-status, echo, fraggle.
 */
package io.jlws.sample.server;
