package io.jlws.autoconfigure;

import java.nio.file.Path;
import java.util.Objects;

import io.jlws.tls.TlsConfigException;
import io.jlws.tls.TlsSettings;
import org.jspecify.annotations.Nullable;

/**
 * The {@code jlws.ssl-*} property behind a {@link TlsConfigException}: the core names libwebsockets' options
 * ({@code ssl_cipher_list}) and files, users set jlws properties ({@code jlws.ssl-cipher-list}).
 */
public final class TlsPropertyNames {

	/** {@code jlws.ssl-cert-filepath}, relative to a prefix such as {@code jlws.}. */
	static final String CERT = "ssl-cert-filepath";

	static final String KEY = "ssl-private-key-filepath";

	static final String PASSWORD = "ssl-private-key-password";

	static final String CA = "ssl-ca-filepath";

	static final String CIPHERS = "ssl-cipher-list";

	static final String TLS13_CIPHERS = "tls13-cipher-list";

	static final String SELF_SIGNED = "ssl-self-signed";

	static final String CLIENT_AUTH = "ssl-client-auth";

	static final String MIN_PROTOCOL = "ssl-min-protocol";

	static final String BUNDLE = "ssl-bundle";

	private TlsPropertyNames() {
	}

	/**
	 * The listener's property that {@code ex} is about, such as {@code jlws.ssl-private-key-password} for a wrong
	 * password.
	 * @param ex the core's complaint
	 * @return the canonical property name
	 */
	public static String of(TlsConfigException ex) {
		return of(ex, "jlws.", null);
	}

	/**
	 * The property that {@code ex} is about.
	 * @param ex the core's complaint
	 * @param prefix {@code jlws.} for the listener, {@code jlws.client.} for client connections
	 * @param settings the settings that failed, to tell apart files given by more than one property; may be null
	 * @return the canonical property name
	 */
	static String of(TlsConfigException ex, String prefix, @Nullable TlsSettings settings) {
		String message = Objects.requireNonNullElse(ex.getMessage(), "");
		String suffix = switch (ex.kind()) {
			case INVALID_CIPHER_LIST -> message.contains("tls1_3_plus_cipher_list") ? TLS13_CIPHERS : CIPHERS;
			case PASSWORD_REQUIRED, WRONG_PASSWORD -> PASSWORD;
			case NO_PRIVATE_KEY, UNSUPPORTED_KEY, KEY_MISMATCH -> keyInCertificateFile(settings) ? CERT : KEY;
			case FILE_NOT_READABLE, NO_CERTIFICATE -> fileProperty(ex.file(), message, settings);
			case INVALID_SETTING -> message.contains("protocol") ? MIN_PROTOCOL
					: message.contains("ssl_ca_filepath") ? CA : CERT;
		};
		return prefix + suffix;
	}

	private static boolean keyInCertificateFile(@Nullable TlsSettings settings) {
		return settings != null && settings.privateKeyPath() == null && settings.certificatePath() != null;
	}

	private static String fileProperty(@Nullable Path file, String message, @Nullable TlsSettings settings) {
		if (settings != null && file != null) {
			if (file.equals(settings.caPath())) {
				return CA;
			}
			if (file.equals(settings.privateKeyPath()) && !file.equals(settings.certificatePath())) {
				return KEY;
			}
			if (file.equals(settings.certificatePath())) {
				return CERT;
			}
		}
		if (message.startsWith("CA file")) {
			return CA;
		}
		return message.startsWith("Private key") ? KEY : CERT;
	}

}
