package io.jlws.autoconfigure.diagnostics;

import java.nio.file.Path;

import io.jlws.autoconfigure.InvalidJlwsPropertyException;
import io.jlws.autoconfigure.JlwsAutoConfiguration;
import io.jlws.autoconfigure.JlwsContextCustomizer;
import io.jlws.spring.test.TextEchoHandler;
import io.jlws.tls.TlsConfigException;
import io.jlws.tls.TlsConfigException.Kind;
import io.jlws.tls.TlsSettings;
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
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tests for {@link TlsConfigFailureAnalyzer}, and that TLS startup failures reach the console naming the
 * {@code jlws.ssl-*} property, whether the settings came from properties or from a customizer.
 */
@ExtendWith(OutputCaptureExtension.class)
class TlsConfigFailureAnalyzerTests {

	private final TlsConfigFailureAnalyzer analyzer = new TlsConfigFailureAnalyzer();

	@Test
	void wrongPasswordNamesThePasswordProperty() {
		Path key = Path.of("/etc/app/key.pem");
		TlsConfigException cause = new TlsConfigException(Kind.WRONG_PASSWORD, key,
				"Private key file " + key + " cannot be decrypted: wrong password?");
		FailureAnalysis analysis = this.analyzer.analyze(new BeanCreationException("jlwsContext", "failed", cause));
		assertThat(analysis.getDescription()).contains("cannot be decrypted: wrong password?",
				"Property: jlws.ssl-private-key-password", "File: " + key);
		assertThat(analysis.getAction()).contains("Update jlws.ssl-private-key-password (lws ssl_private_key_password)",
				"JlwsContextCustomizer");
		assertThat(analysis.getCause()).isSameAs(cause);
	}

	@Test
	void eachKindNamesItsProperty() {
		assertThat(property(Kind.INVALID_CIPHER_LIST, null, "ssl_cipher_list \"X\": unknown cipher names: X"))
			.isEqualTo("jlws.ssl-cipher-list");
		assertThat(property(Kind.INVALID_CIPHER_LIST, null, "tls1_3_plus_cipher_list \"X\": not a TLS 1.3 suite"))
			.isEqualTo("jlws.tls13-cipher-list");
		assertThat(property(Kind.PASSWORD_REQUIRED, Path.of("k"), "Private key file k is encrypted"))
			.isEqualTo("jlws.ssl-private-key-password");
		assertThat(property(Kind.KEY_MISMATCH, Path.of("k"), "Private key in k does not match"))
			.isEqualTo("jlws.ssl-private-key-filepath");
		assertThat(property(Kind.FILE_NOT_READABLE, Path.of("c"), "Certificate file c does not exist"))
			.isEqualTo("jlws.ssl-cert-filepath");
		assertThat(property(Kind.FILE_NOT_READABLE, Path.of("k"), "Private key file k does not exist"))
			.isEqualTo("jlws.ssl-private-key-filepath");
		assertThat(property(Kind.NO_CERTIFICATE, Path.of("ca"), "CA file ca holds no PEM certificate"))
			.isEqualTo("jlws.ssl-ca-filepath");
		assertThat(property(Kind.INVALID_SETTING, null, "Unsupported minimum TLS protocol \"SSLv3\""))
			.isEqualTo("jlws.ssl-min-protocol");
	}

	@Test
	void leavesPropertyFailuresToTheirOwnAnalyzer() {
		TlsConfigException tls = new TlsConfigException(Kind.WRONG_PASSWORD, null, "wrong password?");
		InvalidJlwsPropertyException cause = new InvalidJlwsPropertyException("jlws.ssl-private-key-password",
				"******", "cannot be used: wrong password?", tls);
		assertThat(this.analyzer.analyze(new BeanCreationException("jlwsContext", "failed", cause))).isNull();
	}

	@Test
	void propertyFailuresReachTheConsoleNamingTheProperty(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run(App.class, "jlws.ssl-self-signed=true",
				"jlws.ssl_cipher_list=ECDHE+AESGCM:NOPE"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid jlws configuration: jlws.ssl-cipher-list cannot be used: ssl_cipher_list "
					+ "\"ECDHE+AESGCM:NOPE\": unknown cipher names: NOPE")
			.contains("Value: ECDHE+AESGCM:NOPE");
	}

	@Test
	void customizerFailuresReachTheConsoleNamingTheProperty(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run(CustomizedApp.class));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("jlws TLS configuration cannot be used: ssl_cipher_list \"BOGUS\": unknown cipher names: BOGUS")
			.contains("Property: jlws.ssl-cipher-list")
			.contains("Update jlws.ssl-cipher-list (lws ssl_cipher_list)");
	}

	private static String property(Kind kind, Path file, String message) {
		FailureAnalysis analysis = new TlsConfigFailureAnalyzer()
			.analyze(new IllegalStateException(new TlsConfigException(kind, file, message)));
		String description = analysis.getDescription();
		int start = description.indexOf("Property: ") + "Property: ".length();
		int end = description.indexOf('\n', start);
		return description.substring(start, (end < 0) ? description.length() : end);
	}

	private static void run(Class<?> app, String... properties) {
		SpringApplication application = new SpringApplicationBuilder(app).web(WebApplicationType.NONE)
			.properties("jlws.port=0", "jlws.address=127.0.0.1")
			.properties(properties)
			.build();
		application.run().close();
	}

	@SpringBootConfiguration
	@ImportAutoConfiguration(JlwsAutoConfiguration.class)
	@Import(TextEchoHandler.class)
	static class App {

	}

	@SpringBootConfiguration
	@ImportAutoConfiguration(JlwsAutoConfiguration.class)
	@Import(TextEchoHandler.class)
	static class CustomizedApp {

		@Bean
		JlwsContextCustomizer badTls() {
			return (builder) -> builder.tls(TlsSettings.builder().selfSigned(true).cipherList("BOGUS").build());
		}

	}

}
