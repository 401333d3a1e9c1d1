/**
 * Internal: libwebsockets-style level-mask logging over SLF4J.
 */
package io.jlws.log;
