package io.jlws.sample;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Registers a bean only in server mode, when neither {@code sample.client} nor {@code sample.autobahn} is set: the
 * test server's protocols would otherwise clash by name with the test client's.
 *
 * @see SampleMode
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(OnServerModeCondition.class)
public @interface ConditionalOnServerMode {

}
