/**
 * Opening client connections from application code: {@link io.jlws.spring.client.JlwsClient}, the counterpart of
 * libwebsockets' {@code lws_client_connect_via_info}.
 */
@NullMarked
package io.jlws.spring.client;

import org.jspecify.annotations.NullMarked;
