package io.jlws.tls;

import java.nio.file.Path;

/**
 * The TLS configuration cannot be used: a missing or unreadable file, a key that cannot be decrypted or does
 * not belong to the certificate, an unusable cipher list. Thrown while the context is built, so startup
 * fails with a message naming the file or option and the problem.
 *
 * <p>An {@link IllegalArgumentException}, because the cause is always the configuration handed in.
 */
public class TlsConfigException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	/** What is wrong, for callers and tests that react to one kind of problem. */
	public enum Kind {

		/** A configured file does not exist or cannot be read. */
		FILE_NOT_READABLE,

		/** A certificate file holds no PEM certificate, or one that cannot be parsed. */
		NO_CERTIFICATE,

		/** A key file holds no PEM private key. */
		NO_PRIVATE_KEY,

		/** The key is in a format or algorithm jlws cannot load. */
		UNSUPPORTED_KEY,

		/** The key is encrypted and no password was configured. */
		PASSWORD_REQUIRED,

		/** The key could not be decrypted with the configured password. */
		WRONG_PASSWORD,

		/** The private key does not belong to the certificate's public key. */
		KEY_MISMATCH,

		/** The cipher list or TLS 1.3 cipher list is unusable. */
		INVALID_CIPHER_LIST,

		/** Any other inconsistent or unsupported setting (protocol, client-auth without certificate ...). */
		INVALID_SETTING

	}

	private final Kind kind;

	private final transient Path file;

	/**
	 * Creates an exception; the message should already name the file or option.
	 * @param kind what is wrong
	 * @param file the file concerned, or null
	 * @param message a sentence for the startup failure
	 */
	public TlsConfigException(Kind kind, Path file, String message) {
		this(kind, file, message, null);
	}

	/**
	 * Creates an exception with its cause.
	 * @param kind what is wrong
	 * @param file the file concerned, or null
	 * @param message a sentence for the startup failure
	 * @param cause the underlying exception, or null
	 */
	public TlsConfigException(Kind kind, Path file, String message, Throwable cause) {
		super(message, cause);
		this.kind = kind;
		this.file = file;
	}

	/** What is wrong. */
	public Kind kind() {
		return this.kind;
	}

	/** The file concerned, or null if the problem is not about a file. */
	public Path file() {
		return this.file;
	}

}
