package io.jlws.tlsloop;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.jlws.Context;
import io.jlws.ContextInfo;
import io.jlws.Limits;
import io.jlws.tls.SelfSignedCertificate;
import io.jlws.tls.TlsSettings;
import io.jlws.tlsloop.TlsInterop.Exec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's python3-websockets (on Python's ssl module, i.e. OpenSSL) talks wss:// to a jlws echo server,
 * verifying the generated certificate and the host name: text, 1 MiB binary, fragments, ping, close.
 */
@Timeout(120)
class PythonWssInteropTest {

	@TempDir
	Path dir;

	private Context server;

	@BeforeEach
	void start() throws Exception {
		TlsInterop.requireTool("/usr/bin/python3 with python3-websockets", TlsInterop.pythonWebsocketsAvailable());
		SelfSignedCertificate cert = SelfSignedCertificate.generate();
		cert.writePem(this.dir.resolve("cert.pem"), this.dir.resolve("key.pem"));
		this.server = Context.create(ContextInfo.builder()
			.address("127.0.0.1")
			.port(0)
			.protocol(TlsInterop.echo())
			.limits(Limits.builder()
				.maxFrameSize(8 << 20)
				.maxMessageSize(8 << 20)
				.handshakeTimeout(Duration.ofSeconds(5))
				.build())
			.tls(TlsSettings.builder()
				.certificatePath(this.dir.resolve("cert.pem"))
				.privateKeyPath(this.dir.resolve("key.pem"))
				.build())
			.build());
		this.server.start();
	}

	@AfterEach
	void stop() {
		if (this.server != null) {
			this.server.stop();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "any", "tls1.2", "tls1.3" })
	void pythonWebsocketsEchoesOverWss(String version) throws Exception {
		Exec exec = TlsInterop.run(this.dir, List.of(TlsInterop.PYTHON, script(), Integer.toString(this.server.port()),
				this.dir.resolve("cert.pem").toString(), version), new byte[0], Duration.ofSeconds(90));
		assertThat(exec.timedOut()).as(exec.all()).isFalse();
		assertThat(exec.exitCode()).as(exec.all()).isZero();
		assertThat(exec.out()).as(exec.all()).contains("python3-websockets wss echo OK");
		if (!version.equals("any")) {
			assertThat(exec.out()).contains("negotiated TLSv1." + version.charAt(version.length() - 1));
		}
	}

	private static String script() throws Exception {
		return new File(PythonWssInteropTest.class.getResource("/interop/python_wss_client.py").toURI()).getAbsolutePath();
	}

}
