package io.jlws.spring.handler;

import java.util.List;

import io.jlws.Protocol;

/**
 * Finds the {@link Protocol protocols} a context serves, in the order they are offered (the first also answers
 * plain HTTP and is the fallback when the client offers no subprotocol).
 *
 * @see DefaultProtocolDiscoverer
 */
@FunctionalInterface
public interface ProtocolDiscoverer {

	/**
	 * Builds the protocols.
	 * @return the protocols in order, never {@code null}
	 * @throws IllegalStateException when a handler is invalid, naming the bean and the problem
	 */
	List<Protocol<?>> findProtocols();

}
