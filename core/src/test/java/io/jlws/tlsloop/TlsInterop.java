package io.jlws.tlsloop;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.jlws.CallbackResult;
import io.jlws.Protocol;
import io.jlws.Reason;
import io.jlws.WriteType;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Assumptions;

/**
 * Shared pieces of the TLS interop tests: the echo protocol, certificates with chosen names, JDK SSL contexts,
 * external tools (skipped locally when missing, failing when {@code CI} is set) and a bounded process runner.
 */
final class TlsInterop {

	/** Debian's interpreter: python3-websockets is installed for it, not for a pyenv python3 first on PATH. */
	static final String PYTHON = "/usr/bin/python3";

	private static final AtomicInteger RUNS = new AtomicInteger();

	private TlsInterop() {
	}

	// ---- echo protocol -------------------------------------------------------------------------------

	/** Per connection: the message being reassembled and the complete ones waiting to go back. */
	static final class Echo {

		final ByteArrayOutputStream partial = new ByteArrayOutputStream();

		final ArrayDeque<Object[]> out = new ArrayDeque<>();

	}

	/** Subprotocol "echo": every complete message goes back with its type. */
	static Protocol<Echo> echo() {
		return Protocol.<Echo>builder("echo", (c, r, e, in) -> {
			if (r == Reason.RECEIVE) {
				byte[] b = new byte[in.remaining()];
				in.get(b);
				e.partial.writeBytes(b);
				if (c.isFinalFragment()) {
					e.out.add(new Object[] { e.partial.toByteArray(), c.frameIsBinary() ? WriteType.BINARY : WriteType.TEXT });
					e.partial.reset();
					c.requestWritable();
				}
			}
			if (r == Reason.SERVER_WRITEABLE) {
				Object[] m;
				while ((m = e.out.poll()) != null) {
					c.write(ByteBuffer.wrap((byte[]) m[0]), (WriteType) m[1]);
				}
			}
			return CallbackResult.CONTINUE;
		}).sessionData(Echo::new).build();
	}

	// ---- certificates --------------------------------------------------------------------------------

	/** A key pair and its self-signed certificate, written as PEM files. */
	record Pem(X509Certificate certificate, PrivateKey key, Path certificateFile, Path keyFile) {
	}

	/**
	 * A self-signed EC P-256 certificate for {@code CN=commonName} with the given DNS names as subject
	 * alternative names (none: no SAN extension), written to {@code dir/prefix-cert.pem} and
	 * {@code dir/prefix-key.pem} (unencrypted PKCS#8).
	 */
	static Pem certificate(Path dir, String prefix, String commonName, String... dnsNames) throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		KeyPair keyPair = generator.generateKeyPair();
		Instant now = Instant.now();
		X500Name name = new X500Name("CN=" + commonName);
		JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, new BigInteger(127, new SecureRandom()),
				Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))), name,
				keyPair.getPublic());
		if (dnsNames.length > 0) {
			GeneralName[] sans = new GeneralName[dnsNames.length];
			for (int i = 0; i < dnsNames.length; i++) {
				sans[i] = new GeneralName(GeneralName.dNSName, dnsNames[i]);
			}
			builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans));
		}
		builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
		builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
		builder.addExtension(Extension.extendedKeyUsage, false,
				new ExtendedKeyUsage(new KeyPurposeId[] { KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth }));
		X509Certificate certificate = new JcaX509CertificateConverter()
			.getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate())));
		Path certFile = dir.resolve(prefix + "-cert.pem");
		Path keyFile = dir.resolve(prefix + "-key.pem");
		Files.writeString(certFile, pem(certificate), StandardCharsets.US_ASCII);
		Files.writeString(keyFile, pem(new JcaPKCS8Generator(keyPair.getPrivate(), null)), StandardCharsets.US_ASCII);
		return new Pem(certificate, keyPair.getPrivate(), certFile, keyFile);
	}

	private static String pem(Object object) throws IOException {
		StringWriter text = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
			writer.writeObject(object);
		}
		return text.toString();
	}

	/**
	 * A JDK (SunJSSE) context trusting {@code trusted} only and, when {@code clientKey} is not null, presenting
	 * {@code clientCertificate} with it.
	 */
	static SSLContext jdkContext(X509Certificate trusted, PrivateKey clientKey, X509Certificate clientCertificate)
			throws Exception {
		KeyStore trust = KeyStore.getInstance("PKCS12");
		trust.load(null, null);
		trust.setCertificateEntry("trusted", trusted);
		TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		tmf.init(trust);
		KeyManagerFactory kmf = null;
		if (clientKey != null) {
			KeyStore keys = KeyStore.getInstance("PKCS12");
			keys.load(null, null);
			keys.setKeyEntry("client", clientKey, "pw".toCharArray(), new X509Certificate[] { clientCertificate });
			kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			kmf.init(keys, "pw".toCharArray());
		}
		SSLContext ssl = SSLContext.getInstance("TLS");
		ssl.init((kmf != null) ? kmf.getKeyManagers() : null, tmf.getTrustManagers(), null);
		return ssl;
	}

	// ---- external tools -------------------------------------------------------------------------------

	/** Skips the test when {@code what} is missing locally; fails it when env {@code CI} is set. */
	static void requireTool(String what, boolean available) {
		if (System.getenv("CI") != null && !available) {
			throw new AssertionError(what + " is not installed but CI is set: this interop test must run");
		}
		Assumptions.assumeTrue(available, what + " is not installed");
	}

	private static Boolean openssl;

	private static Boolean pythonWebsockets;

	static synchronized boolean opensslAvailable() {
		if (openssl == null) {
			openssl = probe(List.of("openssl", "version"));
		}
		return openssl;
	}

	static synchronized boolean pythonWebsocketsAvailable() {
		if (pythonWebsockets == null) {
			pythonWebsockets = new File(PYTHON).canExecute()
					&& probe(List.of(PYTHON, "-c", "import ssl, websockets; assert int(websockets.__version__.split('.')[0]) >= 10"));
		}
		return pythonWebsockets;
	}

	private static boolean probe(List<String> command) {
		Process p = null;
		try {
			p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
			return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		finally {
			if (p != null) {
				kill(p);
			}
		}
	}

	/** What a finished (or killed) process left: exit code (-1 when it timed out), stdout bytes, stderr text. */
	record Exec(int exitCode, boolean timedOut, byte[] stdout, String stderr) {

		String out() {
			return new String(this.stdout, StandardCharsets.ISO_8859_1);
		}

		/** stdout and stderr, for assertion messages and searching alerts. */
		String all() {
			return out() + "\n--- stderr ---\n" + this.stderr;
		}

	}

	/**
	 * Runs {@code command} with {@code stdin} (then EOF) as its input, stdout and stderr to files under
	 * {@code dir}; waits at most {@code timeout}, and kills the process (and its children) in every case.
	 */
	static Exec run(Path dir, List<String> command, byte[] stdin, Duration timeout) throws Exception {
		int n = RUNS.incrementAndGet();
		Path in = dir.resolve("run" + n + ".in");
		Path out = dir.resolve("run" + n + ".out");
		Path err = dir.resolve("run" + n + ".err");
		Files.write(in, stdin);
		Process p = new ProcessBuilder(command).redirectInput(in.toFile())
			.redirectOutput(out.toFile())
			.redirectError(err.toFile())
			.start();
		try {
			boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
			if (!done) {
				kill(p);
			}
			return new Exec(done ? p.exitValue() : -1, !done, Files.readAllBytes(out),
					Files.readString(err, StandardCharsets.ISO_8859_1));
		}
		finally {
			kill(p);
		}
	}

	static void kill(Process p) {
		p.descendants().forEach(ProcessHandle::destroyForcibly);
		if (p.isAlive()) {
			p.destroyForcibly();
			try {
				p.waitFor(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/** {@code openssl s_client} against {@code 127.0.0.1:port} with SNI localhost and the extra arguments. */
	static List<String> sClient(int port, String... extra) {
		List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port,
				"-servername", "localhost"));
		command.addAll(List.of(extra));
		return command;
	}

}
