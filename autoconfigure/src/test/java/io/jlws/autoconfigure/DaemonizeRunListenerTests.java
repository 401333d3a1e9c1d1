package io.jlws.autoconfigure;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link DaemonizeRunListener}'s decision, with a recording daemonizer instead of
 * {@link io.jlws.Daemon#daemonize}.
 */
@ExtendWith(OutputCaptureExtension.class)
class DaemonizeRunListenerTests {

	private final List<String> calls = new ArrayList<>();

	private final DaemonizeRunListener listener = new DaemonizeRunListener(
			(lockFile, startTimeout) -> this.calls.add(lockFile + " " + startTimeout));

	@Test
	void doesNothingByDefault() {
		prepare(Map.of());
		assertThat(this.calls).isEmpty();
	}

	@Test
	void doesNothingWhenDisabled() {
		prepare(Map.of("jlws.daemonize.enabled", "false", "jlws.daemonize.lock-file", "/tmp/x.pid"));
		assertThat(this.calls).isEmpty();
	}

	@Test
	void daemonizesWithTheLockFileAndTheDefaultTimeout() {
		prepare(Map.of("jlws.daemonize.enabled", "true", "jlws.daemonize.lock-file", "/run/app.pid"));
		assertThat(this.calls).containsExactly("/run/app.pid PT10S");
	}

	@Test
	void relaxedNamesBind() {
		prepare(Map.of("jlws.daemonize.enabled", "true", "jlws.daemonize.lock_file", "/run/app.pid",
				"jlws.daemonize.start_timeout", "3s"));
		assertThat(this.calls).containsExactly("/run/app.pid PT3S");
	}

	@Test
	void environmentVariablesBind() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					Map.of("JLWS_DAEMONIZE_ENABLED", "true", "JLWS_DAEMONIZE_LOCKFILE", "/run/env.pid")));
		this.listener.environmentPrepared(new DefaultBootstrapContext(), environment);
		assertThat(this.calls).containsExactly("/run/env.pid PT10S");
	}

	@Test
	void relativeLockFileIsResolvedAgainstTheWorkingDirectory() {
		prepare(Map.of("jlws.daemonize.enabled", "true", "jlws.daemonize.lock-file", "app.pid"));
		assertThat(this.calls).containsExactly(Path.of("app.pid").toAbsolutePath() + " PT10S");
	}

	@Test
	void enabledWithoutLockFileFailsNamingTheProperty() {
		assertThatExceptionOfType(InvalidJlwsPropertyException.class)
			.isThrownBy(() -> prepare(Map.of("jlws.daemonize.enabled", "true")))
			.withMessageContaining("jlws.daemonize.lock-file must be set when jlws.daemonize.enabled is true");
		assertThatExceptionOfType(InvalidJlwsPropertyException.class)
			.isThrownBy(() -> prepare(Map.of("jlws.daemonize.enabled", "true", "jlws.daemonize.lock-file", " ")))
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("jlws.daemonize.lock-file"));
		assertThat(this.calls).isEmpty();
	}

	@Test
	void nonPositiveStartTimeoutFails() {
		assertThatExceptionOfType(InvalidJlwsPropertyException.class)
			.isThrownBy(() -> prepare(Map.of("jlws.daemonize.enabled", "true", "jlws.daemonize.lock-file", "/x.pid",
					"jlws.daemonize.start-timeout", "0s")))
			.withMessageContaining("jlws.daemonize.start-timeout must be > 0");
		assertThat(this.calls).isEmpty();
	}

	@Test
	void runsAfterBootLoadsTheConfigurationFiles() {
		assertThat(this.listener.getOrder()).isGreaterThan(0);
	}

	@Test
	void isRegisteredAsARunListener() {
		assertThat(SpringFactoriesLoader.forDefaultResourceLocation()
			.load(SpringApplicationRunListener.class, SpringFactoriesLoader.ArgumentResolver
				.of(SpringApplication.class, new SpringApplication())
				.and(String[].class, new String[0])))
			.hasAtLeastOneElementOfType(DaemonizeRunListener.class);
	}

	@Test
	void missingLockFileFailsStartupWithTheAnalysis(CapturedOutput output) {
		assertThatException().isThrownBy(() -> new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
			.properties("jlws.enabled=false", "jlws.daemonize.enabled=true")
			.run()
			.close());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid jlws configuration: jlws.daemonize.lock-file must be set when "
					+ "jlws.daemonize.enabled is true");
	}

	private void prepare(Map<String, Object> properties) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
		this.listener.environmentPrepared(new DefaultBootstrapContext(), environment);
	}

	@SpringBootConfiguration
	static class App {

	}

}
