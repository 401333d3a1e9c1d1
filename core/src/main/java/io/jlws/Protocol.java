package io.jlws;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A WebSocket subprotocol served (or spoken as a client) by a {@link Context}: libwebsockets'
 * {@code struct lws_protocols}.
 * <p>
 * Immutable once built, except that a context binds it when it starts so {@link #requestWritableAll()} knows
 * where to go; a protocol belongs to at most one context.
 *
 * @param <S> the per-connection session data type
 */
public final class Protocol<S> {

	/** Default largest chunk handed to {@link Reason#RECEIVE} (lws {@code rx_buffer_size}). */
	public static final int DEFAULT_RX_BUFFER_SIZE = 4096;

	private final String name;

	private final Callback<S> callback;

	private final Supplier<? extends S> sessionData;

	private final int rxBufferSize;

	private final List<String> paths;

	private volatile Context context;

	private Protocol(Builder<S> builder) {
		this.name = builder.name;
		this.callback = builder.callback;
		this.sessionData = builder.sessionData;
		this.rxBufferSize = builder.rxBufferSize;
		this.paths = List.copyOf(builder.paths);
	}

	/**
	 * Starts a builder.
	 * @param name the subprotocol name as sent in {@code Sec-WebSocket-Protocol} (an HTTP token)
	 * @param callback the protocol's callback
	 */
	public static <S> Builder<S> builder(String name, Callback<S> callback) {
		return new Builder<>(name, callback);
	}

	/** A protocol with no session data and default settings. */
	public static Protocol<Void> of(String name, Callback<Void> callback) {
		return builder(name, callback).build();
	}

	/** The subprotocol name (lws {@code name}). */
	public String name() {
		return this.name;
	}

	/** The callback (lws {@code callback}). */
	public Callback<S> callback() {
		return this.callback;
	}

	/** The largest chunk delivered to {@link Reason#RECEIVE} (lws {@code rx_buffer_size}). */
	public int rxBufferSize() {
		return this.rxBufferSize;
	}

	/** Request paths that select this protocol when the client offers no subprotocol. */
	public List<String> paths() {
		return this.paths;
	}

	/** Creates session data for a new connection, or returns {@code null} when the protocol has none. */
	public S newSessionData() {
		return (this.sessionData != null) ? this.sessionData.get() : null;
	}

	/**
	 * Asks for a {@link Reason#SERVER_WRITEABLE} callback on every established connection of this protocol
	 * (lws {@code lws_callback_on_writable_all_protocol}). Service thread only.
	 * @throws IllegalStateException when no running context serves this protocol
	 */
	public void requestWritableAll() {
		Context ctx = this.context;
		if (ctx == null) {
			throw new IllegalStateException("Protocol '" + this.name + "' is not served by any context");
		}
		ctx.requestWritableAll(this);
	}

	/** The context serving this protocol, or {@code null} before one is created with it. */
	public Context context() {
		return this.context;
	}

	void bind(Context context) {
		if (this.context != null && this.context != context && this.context.isRunning()) {
			throw new IllegalStateException("Protocol '" + this.name + "' is already bound to another context");
		}
		this.context = context;
	}

	@Override
	public String toString() {
		return "Protocol[" + this.name + "]";
	}

	/**
	 * Builds a {@link Protocol}.
	 *
	 * @param <S> the session data type
	 */
	public static final class Builder<S> {

		private final String name;

		private final Callback<S> callback;

		private Supplier<? extends S> sessionData;

		private int rxBufferSize = DEFAULT_RX_BUFFER_SIZE;

		private List<String> paths = List.of();

		private Builder(String name, Callback<S> callback) {
			this.name = Objects.requireNonNull(name, "name");
			this.callback = Objects.requireNonNull(callback, "callback");
			if (name.isEmpty() || !name.chars().allMatch(Builder::isTokenChar)) {
				throw new IllegalArgumentException("Protocol name '" + name + "' is not an HTTP token");
			}
		}

		/** Creates session data per connection (lws {@code per_session_data_size}, but typed). */
		public Builder<S> sessionData(Supplier<? extends S> factory) {
			this.sessionData = factory;
			return this;
		}

		/** The largest chunk delivered to RECEIVE, at least 1 (lws {@code rx_buffer_size}). */
		public Builder<S> rxBufferSize(int bytes) {
			if (bytes < 1) {
				throw new IllegalArgumentException("rxBufferSize must be at least 1, was " + bytes);
			}
			this.rxBufferSize = bytes;
			return this;
		}

		/** Request paths (exact match, e.g. {@code /echo}) that select this protocol when none is offered. */
		public Builder<S> paths(String... paths) {
			this.paths = List.of(paths);
			return this;
		}

		/** Builds the immutable protocol. */
		public Protocol<S> build() {
			return new Protocol<>(this);
		}

		private static boolean isTokenChar(int c) {
			return c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
		}

	}

}
