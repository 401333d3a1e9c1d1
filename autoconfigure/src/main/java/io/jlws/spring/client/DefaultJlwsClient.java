package io.jlws.spring.client;

import java.util.function.Supplier;

import io.jlws.ClientConnectInfo;
import io.jlws.Connection;
import io.jlws.Context;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * The default {@link JlwsClient}: delegates to {@link Context#connect(ClientConnectInfo)}, which queues the start
 * for the service thread when called from elsewhere.
 * <p>
 * The context is looked up on first use, not when this client is created: the context is built from the
 * {@code @WebSocketProtocol} beans, so a handler bean that injects a {@code JlwsClient} would otherwise be a
 * dependency cycle.
 */
public class DefaultJlwsClient implements JlwsClient {

	private final Supplier<Context> contextSupplier;

	private volatile @Nullable Context context;

	/**
	 * Creates a client on a context.
	 * @param context the context to connect on
	 */
	public DefaultJlwsClient(Context context) {
		Assert.notNull(context, "'context' must not be null");
		this.contextSupplier = () -> context;
		this.context = context;
	}

	/**
	 * Creates a client that finds its context on first use.
	 * @param contextSupplier supplies the context, e.g. {@code ObjectProvider<Context>::getObject}
	 */
	public DefaultJlwsClient(Supplier<Context> contextSupplier) {
		Assert.notNull(contextSupplier, "'contextSupplier' must not be null");
		this.contextSupplier = contextSupplier;
	}

	@Override
	public Connection connect(ClientConnectInfo info) {
		Assert.notNull(info, "'info' must not be null");
		return context().connect(info);
	}

	@Override
	public Context context() {
		Context c = this.context;
		if (c == null) {
			c = this.contextSupplier.get();
			Assert.state(c != null, "No jlws Context to connect on");
			this.context = c;
		}
		return c;
	}

}
