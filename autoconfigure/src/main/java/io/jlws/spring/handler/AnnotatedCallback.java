package io.jlws.spring.handler;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import io.jlws.Callback;
import io.jlws.CallbackResult;
import io.jlws.Connection;
import io.jlws.Context;
import io.jlws.Reason;
import io.jlws.spring.annotation.OnBroadcast;
import io.jlws.spring.annotation.OnClientAppendHandshakeHeader;
import io.jlws.spring.annotation.OnClientClosed;
import io.jlws.spring.annotation.OnClientConnectionError;
import io.jlws.spring.annotation.OnClientEstablished;
import io.jlws.spring.annotation.OnClientFilterPreEstablish;
import io.jlws.spring.annotation.OnClientReceive;
import io.jlws.spring.annotation.OnClientReceivePong;
import io.jlws.spring.annotation.OnClientWriteable;
import io.jlws.spring.annotation.OnClosed;
import io.jlws.spring.annotation.OnEstablished;
import io.jlws.spring.annotation.OnEventWaitCancelled;
import io.jlws.spring.annotation.OnFilterConnection;
import io.jlws.spring.annotation.OnHttp;
import io.jlws.spring.annotation.OnPeerClose;
import io.jlws.spring.annotation.OnProtocolDestroy;
import io.jlws.spring.annotation.OnProtocolInit;
import io.jlws.spring.annotation.OnReceive;
import io.jlws.spring.annotation.OnReceivePong;
import io.jlws.spring.annotation.OnTimer;
import io.jlws.spring.annotation.OnWriteable;

import org.jspecify.annotations.Nullable;
import org.springframework.aop.support.AopUtils;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Adapts a bean's {@code @On*} methods to a {@link Callback}: one method per {@link Reason}, parameters resolved by
 * type (see {@link io.jlws.spring.annotation.OnReceive}).
 * <p>
 * With whole-message delivery, RECEIVE and CLIENT_RECEIVE chunks are aggregated per connection in a buffer this
 * adapter owns, keyed by {@link Connection#id()} and dropped on the final chunk or {@link Reason#CLOSED}
 * ({@link Reason#CLIENT_CLOSED}), so {@link Connection#sessionData()} still returns the user's own object. A
 * message that fits in one chunk is delivered without a copy. Aggregation stops at
 * {@link io.jlws.Limits#maxMessageSize()}: beyond it the connection is closed with 1009 (the core's frame parser
 * enforces the same limit first).
 * <p>
 * Threading: called on the service thread only, like every callback, so the buffers need no locking.
 */
public final class AnnotatedCallback implements Callback<Object> {

	private static final int CLOSE_MESSAGE_TOO_BIG = 1009;

	private static final int CLOSE_UNSUPPORTED_DATA = 1003;

	private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

	private static final Map<Class<? extends Annotation>, Reason> ANNOTATIONS = annotations();

	private final String owner;

	private final HandlerMethod[] methods = new HandlerMethod[Reason.values().length];

	private final boolean wholeMessage;

	private final Supplier<@Nullable Context> contextSupplier;

	private final Map<Long, MessageBuffer> partial = new HashMap<>();

	private @Nullable Context context;

	private AnnotatedCallback(String owner, Map<Reason, HandlerMethod> methods, boolean wholeMessage,
			Supplier<@Nullable Context> contextSupplier) {
		this.owner = owner;
		methods.forEach((reason, method) -> this.methods[reason.ordinal()] = method);
		this.wholeMessage = wholeMessage;
		this.contextSupplier = contextSupplier;
	}

	/**
	 * Whether a bean type declares at least one {@code @On*} method.
	 * @param type the bean's (user) class
	 */
	public static boolean hasHandlerMethods(Class<?> type) {
		return !findMethods(type).isEmpty();
	}

	/**
	 * Builds the adapter, checking every method.
	 * @param protocolName the protocol's name, for messages
	 * @param beanName the bean's name, for messages
	 * @param bean the handler bean
	 * @param sessionType the session data class, {@code void.class} for none
	 * @param wholeMessage whether RECEIVE delivers whole messages
	 * @param contextSupplier the context serving the protocol, for {@link Context} parameters of protocol-wide
	 * reasons (other reasons take it from the connection); asked at most once, on the service thread
	 * @throws IllegalStateException when two methods handle one reason, a parameter or return type is not
	 * supported, or the bean has no {@code @On*} method
	 */
	public static AnnotatedCallback of(String protocolName, String beanName, Object bean, Class<?> sessionType,
			boolean wholeMessage, Supplier<@Nullable Context> contextSupplier) {
		Class<?> type = AopUtils.getTargetClass(bean);
		String owner = describe(protocolName, beanName, type);
		Map<Method, Set<Reason>> found = findMethods(type);
		if (found.isEmpty()) {
			throw new IllegalStateException(owner + " declares no @On* handler method");
		}
		Map<Reason, Method> byReason = new EnumMap<>(Reason.class);
		Map<Reason, HandlerMethod> handlers = new EnumMap<>(Reason.class);
		found.entrySet()
			.stream()
			.sorted(Comparator.comparing((Map.Entry<Method, Set<Reason>> e) -> HandlerMethod.describe(e.getKey())))
			.forEach((entry) -> {
				Method method = entry.getKey();
				for (Reason reason : entry.getValue()) {
					Method other = byReason.putIfAbsent(reason, method);
					if (other != null) {
						throw new IllegalStateException("Ambiguous handler methods " + HandlerMethod.describe(other)
								+ " and " + HandlerMethod.describe(method) + " for " + reason + " in " + owner
								+ "; keep one method per reason");
					}
				}
				Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
				HandlerMethod handler = HandlerMethod.of(bean, invocable, entry.getValue(), sessionType,
						wholeMessage, owner);
				entry.getValue().forEach((reason) -> handlers.put(reason, handler));
			});
		return new AnnotatedCallback(owner, handlers, wholeMessage, contextSupplier);
	}

	static String describe(String protocolName, String beanName, Class<?> type) {
		return "@WebSocketProtocol(\"" + protocolName + "\") bean '" + beanName + "' (" + type.getName() + ")";
	}

	private static Map<Method, Set<Reason>> findMethods(Class<?> type) {
		return MethodIntrospector.selectMethods(type, (MethodIntrospector.MetadataLookup<Set<Reason>>) (method) -> {
			Set<Reason> reasons = EnumSet.noneOf(Reason.class);
			ANNOTATIONS.forEach((annotation, reason) -> {
				if (AnnotatedElementUtils.hasAnnotation(method, annotation)) {
					reasons.add(reason);
				}
			});
			return reasons.isEmpty() ? null : reasons;
		});
	}

	@Override
	public CallbackResult callback(@Nullable Connection connection, Reason reason, @Nullable Object session,
			@Nullable ByteBuffer in) {
		if (this.wholeMessage && connection != null) {
			if (reason == Reason.RECEIVE || reason == Reason.CLIENT_RECEIVE) {
				return receiveWhole(connection, reason, session, in);
			}
			if (reason == Reason.CLOSED || reason == Reason.CLIENT_CLOSED) {
				this.partial.remove(connection.id());
			}
		}
		HandlerMethod method = this.methods[reason.ordinal()];
		if (method == null) {
			return CallbackResult.CONTINUE;
		}
		// the only reason besides whole messages whose payload is text: the failure's description
		boolean text = reason == Reason.CLIENT_CONNECTION_ERROR;
		return method.invoke(connection, reason, session, context(connection), in, false, text);
	}

	private CallbackResult receiveWhole(Connection connection, Reason reason, @Nullable Object session,
			@Nullable ByteBuffer in) {
		HandlerMethod method = this.methods[reason.ordinal()];
		if (method == null) {
			return CallbackResult.CONTINUE;
		}
		ByteBuffer chunk = (in != null) ? in : ByteBuffer.allocate(0);
		long max = Math.min(connection.context().info().limits().maxMessageSize(), MAX_ARRAY);
		boolean first = connection.isFirstFragment();
		boolean last = connection.isFinalFragment();
		if (first && last) {
			if (chunk.remaining() > max) {
				return tooBig(connection);
			}
			return deliver(method, connection, reason, session, chunk, false);
		}
		MessageBuffer buffer = first ? null : this.partial.get(connection.id());
		if (buffer == null) {
			long expected = chunk.remaining() + Math.max(0, connection.remainingPacketPayload());
			buffer = new MessageBuffer((int) Math.min(max, Math.max(expected, 256)));
			this.partial.put(connection.id(), buffer);
		}
		if (buffer.length + (long) chunk.remaining() > max) {
			this.partial.remove(connection.id());
			return tooBig(connection);
		}
		buffer.append(chunk, (int) max);
		if (!last) {
			return CallbackResult.CONTINUE;
		}
		this.partial.remove(connection.id());
		return deliver(method, connection, reason, session, buffer.toByteBuffer(), true);
	}

	private CallbackResult deliver(HandlerMethod method, Connection connection, Reason reason,
			@Nullable Object session, ByteBuffer message, boolean owned) {
		boolean binary = connection.frameIsBinary();
		if (binary && method.textOnly()) {
			connection.setCloseReason(CLOSE_UNSUPPORTED_DATA, "binary messages are not supported");
			return CallbackResult.CLOSE;
		}
		return method.invoke(connection, reason, session, connection.context(), message, owned, !binary);
	}

	private static CallbackResult tooBig(Connection connection) {
		connection.setCloseReason(CLOSE_MESSAGE_TOO_BIG, "message too big");
		return CallbackResult.CLOSE;
	}

	private @Nullable Context context(@Nullable Connection connection) {
		if (connection != null) {
			return connection.context();
		}
		if (this.context == null) {
			this.context = this.contextSupplier.get();
		}
		return this.context;
	}

	@Override
	public String toString() {
		return "AnnotatedCallback for " + this.owner;
	}

	private static Map<Class<? extends Annotation>, Reason> annotations() {
		Map<Class<? extends Annotation>, Reason> map = new LinkedHashMap<>();
		map.put(OnProtocolInit.class, Reason.PROTOCOL_INIT);
		map.put(OnProtocolDestroy.class, Reason.PROTOCOL_DESTROY);
		map.put(OnFilterConnection.class, Reason.FILTER_PROTOCOL_CONNECTION);
		map.put(OnEstablished.class, Reason.ESTABLISHED);
		map.put(OnReceive.class, Reason.RECEIVE);
		map.put(OnReceivePong.class, Reason.RECEIVE_PONG);
		map.put(OnWriteable.class, Reason.SERVER_WRITEABLE);
		map.put(OnPeerClose.class, Reason.WS_PEER_INITIATED_CLOSE);
		map.put(OnClosed.class, Reason.CLOSED);
		map.put(OnHttp.class, Reason.HTTP);
		map.put(OnTimer.class, Reason.TIMER);
		map.put(OnEventWaitCancelled.class, Reason.EVENT_WAIT_CANCELLED);
		map.put(OnBroadcast.class, Reason.BROADCAST);
		map.put(OnClientAppendHandshakeHeader.class, Reason.CLIENT_APPEND_HANDSHAKE_HEADER);
		map.put(OnClientFilterPreEstablish.class, Reason.CLIENT_FILTER_PRE_ESTABLISH);
		map.put(OnClientEstablished.class, Reason.CLIENT_ESTABLISHED);
		map.put(OnClientConnectionError.class, Reason.CLIENT_CONNECTION_ERROR);
		map.put(OnClientReceive.class, Reason.CLIENT_RECEIVE);
		map.put(OnClientReceivePong.class, Reason.CLIENT_RECEIVE_PONG);
		map.put(OnClientWriteable.class, Reason.CLIENT_WRITEABLE);
		map.put(OnClientClosed.class, Reason.CLIENT_CLOSED);
		return map;
	}

	/** A growing byte array for one message being aggregated. */
	private static final class MessageBuffer {

		private byte[] bytes;

		private int length;

		MessageBuffer(int capacity) {
			this.bytes = new byte[capacity];
		}

		void append(ByteBuffer chunk, int max) {
			int n = chunk.remaining();
			if (this.length + n > this.bytes.length) {
				long grown = Math.max((long) this.length + n, Math.min((long) this.bytes.length * 2, max));
				this.bytes = Arrays.copyOf(this.bytes, (int) grown);
			}
			chunk.duplicate().get(this.bytes, this.length, n);
			this.length += n;
		}

		ByteBuffer toByteBuffer() {
			byte[] exact = (this.length == this.bytes.length) ? this.bytes : Arrays.copyOf(this.bytes, this.length);
			return ByteBuffer.wrap(exact);
		}

	}

}
