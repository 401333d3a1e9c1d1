package io.jlws.spring.context;

import io.jlws.Context;

import org.springframework.context.ApplicationEvent;

/**
 * Published by {@link ServiceLoopLifecycle} once the service loop runs, for example to learn the port picked for
 * {@code jlws.port=0} (Boot's {@code RSocketServerInitializedEvent}).
 */
public class JlwsServerInitializedEvent extends ApplicationEvent {

	/**
	 * Creates the event.
	 * @param context the started context
	 */
	public JlwsServerInitializedEvent(Context context) {
		super(context);
	}

	/** The started context. */
	public Context getContext() {
		return (Context) getSource();
	}

	/** The bound port, or -1 when the context has no listener. */
	public int getPort() {
		return getContext().port();
	}

}
