package io.jlws.sample.tls;

import io.jlws.sample.interop.ExternalTools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's python3-websockets (Python's ssl module, i.e. OpenSSL) against the sample app's {@code echo} protocol over
 * {@code wss://}, verifying the server's certificate chain against the test CA and the host name (the address
 * 127.0.0.1 is in the certificate): text, 256 KiB binary, a ping. And the same client without the test CA must
 * refuse the server, so the check is real. Uses /usr/bin/python3 (Debian's, which has the module), not whatever
 * python3 comes first on PATH.
 */
class PythonWebsocketsTlsTests extends TlsSampleAppTests {

	static final Path PYTHON = Path.of("/usr/bin/python3");

	private static final String SCRIPT = """
			import asyncio, os, ssl, sys
			import websockets

			async def main(url, cafile):
			    context = ssl.create_default_context(cafile=cafile or None)
			    try:
			        async with websockets.connect(url, ssl=context, max_size=1 << 20) as ws:
			            tls = ws.transport.get_extra_info("ssl_object")
			            print("negotiated", tls.version(), tls.cipher()[0], flush=True)
			            await ws.send("hello über wss")
			            assert await ws.recv() == "hello über wss"
			            payload = os.urandom(256 * 1024)
			            await ws.send(payload)
			            assert await ws.recv() == payload
			            await asyncio.wait_for(await ws.ping(b"tls"), 5)
			            print("python3-websockets wss echo OK", flush=True)
			    except ssl.SSLCertVerificationError as ex:
			        print("certificate refused:", ex.verify_message, flush=True)
			        sys.exit(3)

			asyncio.run(main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else ""))
			""";

	@Value("${local.jlws.port}")
	private int port;

	@Test
	void pythonWebsocketsEchoesOverWssVerifyingTheTestCa() throws Exception {
		requirePythonWebsockets();
		String output = run("python-wss.log", TestCertificates.get().ca().toString());
		assertThat(output).contains("python3-websockets wss echo OK").containsPattern("negotiated TLSv1\\.[23] ");
	}

	@Test
	void pythonWebsocketsWithoutTheTestCaRefusesTheServer() throws Exception {
		requirePythonWebsockets();
		String output = run("python-wss-untrusted.log", null);
		assertThat(output).contains("certificate refused:").doesNotContain("echo OK");
	}

	private String run(String logName, String cafile) throws Exception {
		Path log = ExternalTools.log(logName);
		ProcessBuilder builder = (cafile != null)
				? new ProcessBuilder(PYTHON.toString(), "-c", SCRIPT, "wss://127.0.0.1:" + this.port + "/echo", cafile)
				: new ProcessBuilder(PYTHON.toString(), "-c", SCRIPT, "wss://127.0.0.1:" + this.port + "/echo");
		builder.redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment().put("PYTHONIOENCODING", "utf-8");
		Process process = null;
		boolean exited;
		try {
			process = builder.start();
			exited = process.waitFor(60, TimeUnit.SECONDS);
		}
		finally {
			ExternalTools.kill(process);
		}
		String output = ExternalTools.read(log);
		assertThat(exited).as("exited within 60 s; output:%n%s", output).isTrue();
		assertThat(process.exitValue()).as("exit status; output:%n%s", output).isEqualTo((cafile != null) ? 0 : 3);
		return output;
	}

	private static void requirePythonWebsockets() throws Exception {
		boolean available = Files.isExecutable(PYTHON);
		if (available) {
			Process probe = new ProcessBuilder(PYTHON.toString(), "-c", "import websockets").redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			try {
				available = probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0;
			}
			finally {
				ExternalTools.kill(probe);
			}
		}
		ExternalTools.require(available, "/usr/bin/python3 with websockets (Debian package python3-websockets)");
	}

}
