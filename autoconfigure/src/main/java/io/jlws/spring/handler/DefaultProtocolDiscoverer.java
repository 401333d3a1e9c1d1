package io.jlws.spring.handler;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.jlws.Callback;
import io.jlws.Context;
import io.jlws.Protocol;
import io.jlws.spring.annotation.WebSocketProtocol;

import org.jspecify.annotations.Nullable;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.core.annotation.OrderUtils;
import org.springframework.util.Assert;
import org.springframework.util.ReflectionUtils;

/**
 * Finds {@link WebSocketProtocol @WebSocketProtocol} beans, in {@code @Order}/{@link org.springframework.core.Ordered}
 * order, and builds one {@link Protocol} for each: a bean implementing {@link Callback} is used as it is, any other
 * bean is adapted by {@link AnnotatedCallback}. Every {@link JlwsHandshakeInterceptor} runs before each protocol's
 * own {@link io.jlws.Reason#FILTER_PROTOCOL_CONNECTION} handling.
 * <p>
 * Fails with an {@link IllegalStateException} naming the bean when two protocols share a name, a bean is both a
 * {@code Callback} and has {@code @On*} methods or is neither, two methods handle one reason, or a method cannot be
 * adapted.
 */
public class DefaultProtocolDiscoverer implements ProtocolDiscoverer {

	private final ListableBeanFactory beanFactory;

	private final List<JlwsHandshakeInterceptor> interceptors;

	/**
	 * Creates a discoverer.
	 * @param beanFactory where to look for handler beans
	 * @param interceptors the interceptors, in the order they run
	 */
	public DefaultProtocolDiscoverer(ListableBeanFactory beanFactory, List<JlwsHandshakeInterceptor> interceptors) {
		Assert.notNull(beanFactory, "'beanFactory' must not be null");
		Assert.notNull(interceptors, "'interceptors' must not be null");
		this.beanFactory = beanFactory;
		this.interceptors = List.copyOf(interceptors);
	}

	@Override
	public List<Protocol<?>> findProtocols() {
		Map<Object, String> names = new IdentityHashMap<>();
		List<Object> beans = new ArrayList<>();
		for (String name : this.beanFactory.getBeanNamesForAnnotation(WebSocketProtocol.class)) {
			Object bean = this.beanFactory.getBean(name);
			names.put(bean, name);
			beans.add(bean);
		}
		beans.sort(AnnotationAwareOrderComparator.INSTANCE.withSourceProvider((bean) -> orderSource(names.get(bean))));
		Map<String, String> beanByProtocol = new HashMap<>();
		List<Protocol<?>> protocols = new ArrayList<>(beans.size());
		for (Object bean : beans) {
			String beanName = names.get(bean);
			Protocol<?> protocol = toProtocol(beanName, bean);
			String other = beanByProtocol.putIfAbsent(protocol.name(), beanName);
			if (other != null) {
				throw new IllegalStateException("Duplicate WebSocket protocol name '" + protocol.name()
						+ "' on @WebSocketProtocol beans '" + other + "' and '" + beanName
						+ "'; every protocol needs a unique name");
			}
			protocols.add(protocol);
		}
		return List.copyOf(protocols);
	}

	/** The bean's factory method, so that {@code @Order} on a {@code @Bean} method counts too. */
	private @Nullable Object orderSource(@Nullable String beanName) {
		if (beanName == null || !(this.beanFactory instanceof ConfigurableListableBeanFactory factory)
				|| !factory.containsBeanDefinition(beanName)) {
			return null;
		}
		BeanDefinition definition = factory.getMergedBeanDefinition(beanName);
		if (definition instanceof RootBeanDefinition root) {
			Method factoryMethod = root.getResolvedFactoryMethod();
			if (factoryMethod != null && OrderUtils.getOrder(factoryMethod) != null) {
				return factoryMethod;
			}
		}
		return null;
	}

	@SuppressWarnings("unchecked")
	private Protocol<?> toProtocol(String beanName, Object bean) {
		WebSocketProtocol annotation = this.beanFactory.findAnnotationOnBean(beanName, WebSocketProtocol.class);
		Assert.state(annotation != null, () -> "No @WebSocketProtocol on bean '" + beanName + "'");
		String name = annotation.name();
		String owner = AnnotatedCallback.describe(name, beanName, AopUtils.getTargetClass(bean));
		if (name.isEmpty()) {
			throw new IllegalStateException(owner + " needs a protocol name: @WebSocketProtocol(\"name\")");
		}
		Class<?> sessionType = annotation.sessionData();
		boolean annotated = AnnotatedCallback.hasHandlerMethods(AopUtils.getTargetClass(bean));
		Callback<Object> callback;
		if (bean instanceof Callback<?> plain) {
			if (annotated) {
				throw new IllegalStateException(owner + " both implements io.jlws.Callback and declares @On* "
						+ "handler methods; use one style");
			}
			callback = (Callback<Object>) plain;
		}
		else if (annotated) {
			callback = AnnotatedCallback.of(name, beanName, bean, sessionType, annotation.wholeMessage(),
					this::uniqueContext);
		}
		else {
			throw new IllegalStateException(owner + " neither implements io.jlws.Callback nor declares any @On* "
					+ "handler method (@OnEstablished, @OnReceive, @OnWriteable, @OnClosed, ...)");
		}
		if (!this.interceptors.isEmpty()) {
			callback = new HandshakeInterceptingCallback(callback, this.interceptors);
		}
		try {
			Protocol.Builder<Object> builder = Protocol.builder(name, callback)
				.rxBufferSize(annotation.rxBufferSize())
				.paths(annotation.paths());
			if (sessionType != void.class) {
				builder.sessionData(sessionFactory(sessionType, owner));
			}
			return builder.build();
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(owner + ": " + ex.getMessage(), ex);
		}
	}

	private @Nullable Context uniqueContext() {
		return this.beanFactory.getBeanProvider(Context.class).getIfUnique();
	}

	private static Supplier<Object> sessionFactory(Class<?> type, String owner) {
		if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
			throw new IllegalStateException(owner + ": session data class " + type.getName() + " must be concrete");
		}
		Constructor<?> constructor;
		try {
			constructor = type.getDeclaredConstructor();
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException(owner + ": session data class " + type.getName()
					+ " needs a no-arg constructor", ex);
		}
		ReflectionUtils.makeAccessible(constructor);
		return () -> {
			try {
				return constructor.newInstance();
			}
			catch (InvocationTargetException ex) {
				ReflectionUtils.rethrowRuntimeException(ex.getTargetException());
				return null;
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException("Cannot create session data " + type.getName(), ex);
			}
		};
	}

}
