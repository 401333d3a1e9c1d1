package io.jlws.sample.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.jlws.sample.SampleApplication;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The sample app as it ships (its application.yml, every protocol bean), with both servers on ephemeral ports on
 * 127.0.0.1: jlws' own port ({@code local.jlws.port}) and Spring's web server ({@code local.server.port}). Every
 * class with this annotation shares one cached application context, so tests must close the connections they open.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(classes = SampleApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "jlws.port=0", "jlws.address=127.0.0.1", "server.address=127.0.0.1" })
public @interface SampleAppTest {

}
