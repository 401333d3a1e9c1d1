package io.jlws.spring.context;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;

import io.jlws.Context;
import io.jlws.ContextInfo;

/**
 * Creates a {@link Context}, turning a listener that cannot be bound into {@link JlwsPortInUseException} so that
 * startup fails with a useful diagnosis.
 */
public final class JlwsContextFactory {

	private JlwsContextFactory() {
	}

	/**
	 * Creates a context and binds its listener; nothing is serviced until it is started.
	 * @param info the settings
	 * @return the context
	 * @throws JlwsPortInUseException when the port is taken
	 * @throws UncheckedIOException when the listener or selector cannot be opened for another reason
	 */
	public static Context create(ContextInfo info) {
		try {
			return Context.create(info);
		}
		catch (BindException ex) {
			throw new JlwsPortInUseException(info.port(), info.address(), ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not create the jlws context on port " + info.port(), ex);
		}
	}

}
