package io.jlws.sample.syslog;

import java.io.IOException;

import io.jlws.autoconfigure.JlwsContextCustomizer;
import io.jlws.log.SyslogEmitter;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * With {@code sample.syslog.lws-emitter=true} jlws' own log lines (the lws levels of {@code jlws.log-level}) go
 * straight to syslog over UDP through core's {@link SyslogEmitter}, in libwebsockets' severities (NOTICE stays
 * NOTICE, USER is debug), instead of through SLF4J and Logback. Independent of the {@code syslog} profile, which
 * routes everything that goes through Logback. The emitter is closed with the application context, after the jlws
 * context that uses it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(SampleSyslog.LWS_EMITTER)
class LwsSyslogConfiguration {

	@Bean
	SyslogEmitter sampleLwsSyslogEmitter(Environment environment) throws IOException {
		return SampleSyslog.emitter(environment);
	}

	@Bean
	JlwsContextCustomizer sampleLwsSyslogCustomizer(SyslogEmitter sampleLwsSyslogEmitter) {
		return (builder) -> builder.logEmitter(sampleLwsSyslogEmitter);
	}

}
