package io.jlws.autoconfigure.diagnostics;

import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;

import io.jlws.autoconfigure.InvalidJlwsPropertyException;
import io.jlws.autoconfigure.JlwsAutoConfiguration;
import io.jlws.spring.context.JlwsPortInUseException;
import io.jlws.spring.test.TextEchoHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tests for {@link JlwsPortInUseFailureAnalyzer} and {@link InvalidJlwsPropertyFailureAnalyzer}.
 */
@ExtendWith(OutputCaptureExtension.class)
class FailureAnalyzersTests {

	@Test
	void portInUseNamesThePropertyAndThePort() {
		JlwsPortInUseException cause = new JlwsPortInUseException(7681, null, new BindException("Address in use"));
		FailureAnalysis analysis = new JlwsPortInUseFailureAnalyzer()
			.analyze(new BeanCreationException("jlwsContext", "failed", cause));
		assertThat(analysis.getDescription()).contains("jlws.port 7681 is already in use");
		assertThat(analysis.getAction()).contains("choose another jlws.port or 0");
		assertThat(analysis.getCause()).isSameAs(cause);
	}

	@Test
	void invalidPropertyNamesTheProperty() {
		InvalidJlwsPropertyException cause = new InvalidJlwsPropertyException("jlws.limits.max-frame-size", "0B",
				"must be > 0");
		FailureAnalysis analysis = new InvalidJlwsPropertyFailureAnalyzer()
			.analyze(new BeanCreationException("jlwsContext", "failed", cause));
		assertThat(analysis.getDescription()).contains("jlws.limits.max-frame-size must be > 0", "Value: 0B");
		assertThat(analysis.getAction()).contains("Update jlws.limits.max-frame-size");
	}

	@Test
	void analyzersAreRegisteredForPortInUse(CapturedOutput output) throws Exception {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			assertThatException().isThrownBy(() -> run("jlws.port=" + taken.getLocalPort()));
			assertThat(output).contains("APPLICATION FAILED TO START")
				.contains("jlws.port " + taken.getLocalPort() + " is already in use")
				.contains("choose another jlws.port or 0");
		}
	}

	@Test
	void analyzersAreRegisteredForInvalidProperties(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run("jlws.port=0", "jlws.ka_time=30"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid jlws configuration: jlws.ka-probes must be > 0 when jlws.ka-time is set");
	}

	private static void run(String... properties) {
		SpringApplication application = new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
			.properties("jlws.address=127.0.0.1")
			.properties(properties)
			.build();
		application.run().close();
	}

	@SpringBootConfiguration
	@ImportAutoConfiguration(JlwsAutoConfiguration.class)
	@Import(TextEchoHandler.class)
	static class App {

	}

}
