package io.jlws.sample.tls;

import io.jlws.sample.SampleApplication;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The sample app as it ships, with its jlws listener on TLS: {@link TestCertificates}' server certificate, signed by
 * the test CA, through {@code jlws.ssl-cert-filepath} and {@code jlws.ssl-private-key-filepath}; jlws and Spring's
 * web server (plain HTTP, for the actuator) on ephemeral ports on 127.0.0.1. Every subclass shares one cached
 * application context, so tests must close the connections they open.
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "jlws.port=0", "jlws.address=127.0.0.1", "server.address=127.0.0.1" })
abstract class TlsSampleAppTests {

	@DynamicPropertySource
	static void tls(DynamicPropertyRegistry registry) {
		TestCertificates certificates = TestCertificates.get();
		registry.add("jlws.ssl-cert-filepath", () -> certificates.certificate().toString());
		registry.add("jlws.ssl-private-key-filepath", () -> certificates.privateKey().toString());
	}

}
