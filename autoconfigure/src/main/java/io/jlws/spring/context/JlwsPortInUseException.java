package io.jlws.spring.context;

import java.net.BindException;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a context cannot bind its listener because the port is taken.
 */
public class JlwsPortInUseException extends IllegalStateException {

	private final int port;

	private final @Nullable String address;

	/**
	 * Creates the exception.
	 * @param port the configured port
	 * @param address the configured address, {@code null} for all interfaces
	 * @param cause the bind failure
	 */
	public JlwsPortInUseException(int port, @Nullable String address, BindException cause) {
		super("jlws could not listen on " + ((address != null) ? address : "*") + ":" + port + ": "
				+ cause.getMessage(), cause);
		this.port = port;
		this.address = address;
	}

	/** The port that could not be bound. */
	public int getPort() {
		return this.port;
	}

	/** The address, {@code null} for all interfaces. */
	public @Nullable String getAddress() {
		return this.address;
	}

}
