package io.jlws.tls;

import java.security.Provider;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;

/**
 * The BouncyCastle provider instances jlws uses, each created on first use (building one is not cheap) and
 * never registered with {@link java.security.Security}, so the application's JCA setup is left alone.
 */
final class BcProviders {

	private BcProviders() {
	}

	/** BouncyCastle's JCA provider: PEM decryption and the TLS crypto behind {@link #jsse()}. */
	static Provider jca() {
		return Jca.PROVIDER;
	}

	/**
	 * BouncyCastle's JSSE provider with its crypto on {@link #jca()}. On the JDK's providers instead (the
	 * no-argument constructor) it would still list ChaCha20-Poly1305, AES-CCM, ARIA and Camellia suites as
	 * supported but silently never offer them, as the JDK lacks those ciphers under the names BC looks up;
	 * then a cipher list like {@code ECDHE+CHACHA20} would resolve to suites that can never be negotiated.
	 */
	static Provider jsse() {
		return Jsse.PROVIDER;
	}

	private static final class Jca {

		static final Provider PROVIDER = new BouncyCastleProvider();

	}

	private static final class Jsse {

		static final Provider PROVIDER = new BouncyCastleJsseProvider(Jca.PROVIDER);

	}

}
