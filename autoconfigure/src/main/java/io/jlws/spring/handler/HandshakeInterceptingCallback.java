package io.jlws.spring.handler;

import java.nio.ByteBuffer;
import java.util.List;

import io.jlws.Callback;
import io.jlws.CallbackResult;
import io.jlws.Connection;
import io.jlws.Reason;

import org.jspecify.annotations.Nullable;

/**
 * Runs the {@link JlwsHandshakeInterceptor interceptors} on {@link Reason#FILTER_PROTOCOL_CONNECTION}, then the
 * protocol's own callback. Service thread only, like every callback.
 */
final class HandshakeInterceptingCallback implements Callback<Object> {

	private final Callback<Object> delegate;

	private final JlwsHandshakeInterceptor[] interceptors;

	HandshakeInterceptingCallback(Callback<Object> delegate, List<JlwsHandshakeInterceptor> interceptors) {
		this.delegate = delegate;
		this.interceptors = interceptors.toArray(new JlwsHandshakeInterceptor[0]);
	}

	@Override
	public CallbackResult callback(@Nullable Connection connection, Reason reason, @Nullable Object session,
			@Nullable ByteBuffer in) {
		if (reason == Reason.FILTER_PROTOCOL_CONNECTION && connection != null) {
			for (JlwsHandshakeInterceptor interceptor : this.interceptors) {
				if (!interceptor.beforeHandshake(connection, session)) {
					return CallbackResult.CLOSE;
				}
			}
		}
		return this.delegate.callback(connection, reason, session, in);
	}

	Callback<Object> delegate() {
		return this.delegate;
	}

}
