package io.jlws.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/** Key pairs, certificates and PEM files for the TLS tests. */
final class TestKeys {

	private TestKeys() {
	}

	static KeyPair rsa() throws GeneralSecurityException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		return generator.generateKeyPair();
	}

	static KeyPair ec() throws GeneralSecurityException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		return generator.generateKeyPair();
	}

	/** A self-signed certificate for any RSA or EC key pair. */
	static X509Certificate certificate(KeyPair keyPair, String commonName)
			throws GeneralSecurityException, OperatorCreationException {
		X500Name name = new X500Name("CN=" + commonName);
		Instant now = Instant.now();
		String signature = keyPair.getPrivate().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
		return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
				BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(1, ChronoUnit.DAYS)),
				Date.from(now.plus(1, ChronoUnit.DAYS)), name, keyPair.getPublic())
			.build(new JcaContentSignerBuilder(signature).build(keyPair.getPrivate())));
	}

	/**
	 * A SEC1 {@code EC PRIVATE KEY} block with the curve inside, as OpenSSL writes it. (bcpkix's writer, given a
	 * JDK key, leaves the curve out of the SEC1 structure, producing a file nothing can read back.)
	 */
	static PemObject sec1(PrivateKey key) throws IOException {
		PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
		ECPrivateKey inner = ECPrivateKey.getInstance(info.parsePrivateKey());
		ECPrivateKey withCurve = new ECPrivateKey(256, inner.getKey(), inner.getPublicKey(),
				info.getPrivateKeyAlgorithm().getParameters());
		return new PemObject("EC PRIVATE KEY", withCurve.getEncoded());
	}

	/** Writes each object with {@link JcaPEMWriter} (keys, certificates, PEM generators) and returns the text. */
	static String writePem(Path file, Object... objects) throws IOException {
		StringWriter text = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
			for (Object object : objects) {
				if (object instanceof PemObject pem) {
					writer.writeObject(pem);
				}
				else {
					writer.writeObject(object);
				}
			}
		}
		Files.writeString(file, text.toString(), StandardCharsets.US_ASCII);
		return text.toString();
	}

}
