package io.jlws.spring.handler;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.UndeclaredThrowableException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import io.jlws.CallbackResult;
import io.jlws.Connection;
import io.jlws.Context;
import io.jlws.Reason;

import org.jspecify.annotations.Nullable;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * One {@code @On*} method of a handler bean with its parameters resolved by type, checked once at startup so that
 * an invocation only fills an argument array.
 */
final class HandlerMethod {

	/** What a parameter receives. */
	enum Param {

		CONNECTION, REASON, CONTEXT, SESSION, BYTE_BUFFER, BYTES, STRING

	}

	/** The reasons that deliver data, whole messages when the protocol asks for them. */
	static final Set<Reason> RECEIVE_REASONS = Set.of(Reason.RECEIVE, Reason.CLIENT_RECEIVE);

	private final Object target;

	private final Method method;

	private final Param[] params;

	private final boolean returnsResult;

	private final boolean returnsBoolean;

	private final boolean textOnly;

	private HandlerMethod(Object target, Method method, Param[] params) {
		this.target = target;
		this.method = method;
		this.params = params;
		Class<?> type = method.getReturnType();
		this.returnsResult = type == CallbackResult.class;
		this.returnsBoolean = type == boolean.class || type == Boolean.class;
		boolean string = false;
		boolean bytes = false;
		for (Param p : params) {
			string |= p == Param.STRING;
			bytes |= p == Param.BYTE_BUFFER || p == Param.BYTES;
		}
		this.textOnly = string && !bytes;
		ReflectionUtils.makeAccessible(method);
	}

	/**
	 * Checks a method and resolves its parameters.
	 * @param target the bean
	 * @param method the invocable method (on a proxy, the proxy's method)
	 * @param reasons the reasons it handles
	 * @param sessionType the protocol's session data class, {@code void.class} for none
	 * @param wholeMessage whether RECEIVE delivers whole messages
	 * @param owner how to name the bean in messages
	 * @throws IllegalStateException naming the method when a parameter or the return type is not supported
	 */
	static HandlerMethod of(Object target, Method method, Set<Reason> reasons, Class<?> sessionType,
			boolean wholeMessage, String owner) {
		Class<?> returnType = method.getReturnType();
		if (returnType != void.class && returnType != CallbackResult.class && returnType != boolean.class
				&& returnType != Boolean.class) {
			throw new IllegalStateException("Handler method " + describe(method) + " of " + owner + " returns "
					+ returnType.getName() + "; supported return types are void (continue), CallbackResult and "
					+ "boolean (false closes)");
		}
		Class<?>[] types = method.getParameterTypes();
		Param[] params = new Param[types.length];
		for (int i = 0; i < types.length; i++) {
			params[i] = resolve(types[i], i, method, reasons, sessionType, wholeMessage, owner);
		}
		return new HandlerMethod(target, method, params);
	}

	private static Param resolve(Class<?> type, int index, Method method, Set<Reason> reasons, Class<?> sessionType,
			boolean wholeMessage, String owner) {
		if (type == Connection.class) {
			return Param.CONNECTION;
		}
		if (type == Reason.class) {
			return Param.REASON;
		}
		if (type == Context.class) {
			return Param.CONTEXT;
		}
		if (type == ByteBuffer.class) {
			return Param.BYTE_BUFFER;
		}
		if (type == byte[].class) {
			return Param.BYTES;
		}
		if (type == String.class) {
			if (reasons.equals(Set.of(Reason.CLIENT_CONNECTION_ERROR))) {
				return Param.STRING;
			}
			if (!wholeMessage || !RECEIVE_REASONS.containsAll(reasons)) {
				throw new IllegalStateException("Handler method " + describe(method) + " of " + owner
						+ " declares a String parameter, which is only supported by @OnReceive and @OnClientReceive "
						+ "with @WebSocketProtocol(wholeMessage = true) and by @OnClientConnectionError: a chunk can "
						+ "end inside a UTF-8 sequence, so receive chunks as ByteBuffer or byte[] instead");
			}
			return Param.STRING;
		}
		if (sessionType != void.class && type.isAssignableFrom(sessionType)) {
			return Param.SESSION;
		}
		throw new IllegalStateException("Cannot resolve parameter " + index + " (" + type.getName()
				+ ") of handler method " + describe(method) + " of " + owner + "; supported parameter types are "
				+ "Connection, Reason, Context, ByteBuffer, byte[], String (whole messages and connection errors "
				+ "only) and the session data type" + ((sessionType != void.class) ? " " + sessionType.getName()
						: " (declare one with @WebSocketProtocol(sessionData = ...))"));
	}

	static String describe(Method method) {
		StringBuilder sb = new StringBuilder(ClassUtils.getUserClass(method.getDeclaringClass()).getSimpleName())
			.append('.')
			.append(method.getName())
			.append('(');
		Class<?>[] types = method.getParameterTypes();
		for (int i = 0; i < types.length; i++) {
			sb.append((i > 0) ? ", " : "").append(types[i].getSimpleName());
		}
		return sb.append(')').toString();
	}

	/** Whether the method receives text only: a String payload parameter and no ByteBuffer or byte[]. */
	boolean textOnly() {
		return this.textOnly;
	}

	/**
	 * Calls the method.
	 * @param payload the event's payload or a whole message, or {@code null}
	 * @param owned whether the payload's backing array belongs to this call (a whole message) and may be handed
	 * out as {@code byte[]} without a copy
	 * @param text whether the payload is text: a whole text message or a connection error's reason
	 * ({@code String} parameters are {@code null} otherwise)
	 */
	CallbackResult invoke(@Nullable Connection connection, Reason reason, @Nullable Object session,
			@Nullable Context context, @Nullable ByteBuffer payload, boolean owned, boolean text) {
		Object[] args = new Object[this.params.length];
		for (int i = 0; i < args.length; i++) {
			args[i] = switch (this.params[i]) {
				case CONNECTION -> connection;
				case REASON -> reason;
				case CONTEXT -> context;
				case SESSION -> session;
				case BYTE_BUFFER -> payload;
				case BYTES -> bytes(payload, owned);
				case STRING -> (text && payload != null) ? StandardCharsets.UTF_8.decode(payload.duplicate()).toString()
						: null;
			};
		}
		Object result;
		try {
			result = this.method.invoke(this.target, args);
		}
		catch (InvocationTargetException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof RuntimeException rte) {
				throw rte;
			}
			if (cause instanceof Error err) {
				throw err;
			}
			throw new UndeclaredThrowableException(cause, describe(this.method) + " threw " + cause);
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException("Cannot call " + describe(this.method), ex);
		}
		if (this.returnsResult) {
			return (result != null) ? (CallbackResult) result : CallbackResult.CONTINUE;
		}
		if (this.returnsBoolean) {
			return Boolean.FALSE.equals(result) ? CallbackResult.CLOSE : CallbackResult.CONTINUE;
		}
		return CallbackResult.CONTINUE;
	}

	private static byte @Nullable [] bytes(@Nullable ByteBuffer payload, boolean owned) {
		if (payload == null) {
			return null;
		}
		if (owned && payload.hasArray() && payload.arrayOffset() == 0 && payload.position() == 0
				&& payload.remaining() == payload.array().length) {
			return payload.array();
		}
		byte[] copy = new byte[payload.remaining()];
		payload.duplicate().get(copy);
		return copy;
	}

	@Override
	public String toString() {
		return describe(this.method);
	}

}
