package io.jlws.sample.syslog;

import java.time.Duration;
import java.util.regex.Pattern;

import io.jlws.Context;
import io.jlws.ContextInfo;
import io.jlws.autoconfigure.JlwsContextCustomizer;
import io.jlws.log.SyslogEmitter;
import io.jlws.sample.SampleApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --sample.syslog.lws-emitter=true}: jlws' own lines go to syslog through core's {@link SyslogEmitter}, in
 * libwebsockets' severities, set on the context by a {@link JlwsContextCustomizer}.
 */
@Timeout(120)
class LwsSyslogEmitterTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(LwsSyslogConfiguration.class);

	@Test
	void offByDefault() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(SyslogEmitter.class)
			.doesNotHaveBean(JlwsContextCustomizer.class));
		this.runner.withPropertyValues("sample.syslog.lws-emitter=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SyslogEmitter.class));
	}

	@Test
	void thePropertiesConfigureTheEmitterAndTheCustomizerInstallsIt() {
		this.runner
			.withPropertyValues("sample.syslog.lws-emitter=true", "sample.syslog.host=127.0.0.1",
					"sample.syslog.port=5514")
			.run((context) -> {
				SyslogEmitter emitter = context.getBean(SyslogEmitter.class);
				assertThat(emitter.target().getPort()).isEqualTo(5514);
				assertThat(emitter.target().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
				ContextInfo.Builder builder = ContextInfo.builder();
				context.getBean(JlwsContextCustomizer.class).customize(builder);
				assertThat(builder.build().logEmitter()).isSameAs(emitter);
			});
		this.runner.withPropertyValues("sample.syslog.lws-emitter=true", "sample.syslog.facility=NOPE")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("sample.syslog.facility=NOPE is not a syslog facility"));
	}

	@Test
	void theAppsJlwsLinesArriveInLwsSeveritiesWithTheConfiguredFacility() throws Exception {
		try (SyslogReceiver syslog = new SyslogReceiver()) {
			ConfigurableApplicationContext app = SpringApplication.run(SampleApplication.class,
					"--sample.syslog.lws-emitter=true", "--sample.syslog.port=" + syslog.port(),
					"--sample.syslog.facility=LOCAL0", "--jlws.port=0", "--jlws.address=127.0.0.1", "--server.port=0",
					"--server.address=127.0.0.1", "--spring.lifecycle.timeout-per-shutdown-phase=2s");
			SyslogEmitter emitter;
			try {
				emitter = app.getBean(SyslogEmitter.class);
				assertThat(app.getBean(Context.class).info().logEmitter()).isSameAs(emitter);
				// LOCAL0 (16) * 8 + NOTICE (5): lws' NOTICE keeps its severity, unlike through SLF4J (INFO)
				String line = syslog.awaitLine((l) -> l.contains("max connections"), Duration.ofSeconds(10));
				assertThat(line).matches(Pattern.compile("<133>[A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d \\S+ "
						+ "jlws-sample\\[" + ProcessHandle.current().pid()
						+ "\\]: max connections \\d+ \\(fd limit \\d+\\)"));
				assertThat(emitter.sentCount()).isPositive();
			}
			finally {
				app.close();
			}
			// closed with the application context, after the jlws context
			long dropped = emitter.droppedCount();
			emitter.emit(io.jlws.LogLevel.NOTICE, "after close");
			assertThat(emitter.droppedCount()).isEqualTo(dropped + 1);
		}
	}

}
