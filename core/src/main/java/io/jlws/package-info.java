/**
 * jlws public API: libwebsockets' context, protocols and callbacks on one Java service thread.
 */
package io.jlws;
