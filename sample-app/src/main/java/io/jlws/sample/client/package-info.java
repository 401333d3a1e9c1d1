/**
 * The client modes: libwebsockets' test client ({@code --sample.client=ws://HOST:PORT/}, with
 * {@code --sample.once=true} as a pass/fail check) and an Autobahn TestSuite client testee
 * ({@code --sample.autobahn=ws://HOST:PORT/ --sample.agent=NAME}). Their beans are registered only in their mode.
 */
package io.jlws.sample.client;
