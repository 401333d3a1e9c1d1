/**
 * libwebsockets' test-server-extpoll: the test server's protocols in a jlws context driven by the application's own
 * {@link java.nio.channels.Selector} loop, next to a channel of the application's (a UDP echo), in one thread and
 * without Spring ({@code --sample.extpoll=true}, {@link io.jlws.sample.extpoll.ExtPollMain}).
 */
package io.jlws.sample.extpoll;
