package io.jlws.autoconfigure;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.jlws.tls.TlsConfigException;
import io.jlws.tls.TlsSettings;
import io.jlws.tls.TlsSettings.ClientAuth;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.util.StringUtils;

/**
 * Maps the {@code jlws.ssl-*} and {@code jlws.client.ssl-*} properties, or a Spring Boot SSL bundle, onto
 * {@link TlsSettings}, and proves them at startup by building the TLS context once, so that conflicting settings,
 * unreadable PEM files, a wrong key password or an unknown cipher name fail with an
 * {@link InvalidJlwsPropertyException} naming the property.
 */
final class TlsPropertiesMapper {

	private static final String PREFIX = "jlws.";

	private static final String CLIENT_PREFIX = "jlws.client.";

	/** The protocols TlsSettings accepts as minimum, newest first. */
	private static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2", "TLSv1.1", "TLSv1");

	private static final String DEFAULT_MIN_PROTOCOL = "TLSv1.2";

	private final JlwsProperties properties;

	private final @Nullable SslBundles sslBundles;

	TlsPropertiesMapper(JlwsProperties properties, @Nullable SslBundles sslBundles) {
		this.properties = properties;
		this.sslBundles = sslBundles;
	}

	/**
	 * The listener's TLS settings, checked by building a server TLS context.
	 * @return the settings, or null when TLS is off
	 */
	@Nullable TlsSettings server() {
		JlwsProperties p = this.properties;
		String minProtocol = minProtocol(p.getSslMinProtocol());
		boolean bundle = StringUtils.hasText(p.getSslBundle());
		boolean cert = StringUtils.hasText(p.getSslCertFilepath());
		if (!bundle && !cert && !p.isSslSelfSigned()) {
			requireTlsOn(p, minProtocol);
			return null;
		}
		checkServerConflicts(p, bundle, cert);
		TlsSettings.Builder builder = TlsSettings.builder()
			.clientAuth(p.getSslClientAuth())
			.minimumProtocol(minProtocol)
			.cipherList(p.getSslCipherList())
			.tls13CipherList(p.getTls13CipherList());
		if (bundle) {
			String property = PREFIX + TlsPropertyNames.BUNDLE;
			SslBundle sslBundle = bundle(property, p.getSslBundle());
			if (sslBundle.getStores().getKeyStore() == null) {
				throw new InvalidJlwsPropertyException(property, p.getSslBundle(),
						"names an SSL bundle without a key store; the listener needs a certificate and key");
			}
			builder.keyManagerFactory(sslBundle.getManagers().getKeyManagerFactory());
			if (p.getSslClientAuth() != ClientAuth.NONE) {
				builder.trustManagerFactory(sslBundle.getManagers().getTrustManagerFactory());
			}
			applyOptions(builder, sslBundle.getOptions(), property, p.getSslBundle(), minProtocol,
					p.getSslCipherList(), p.getTls13CipherList());
		}
		else if (cert) {
			builder.certificatePath(path(PREFIX + TlsPropertyNames.CERT, p.getSslCertFilepath()))
				.privateKeyPath(optionalPath(PREFIX + TlsPropertyNames.KEY, p.getSslPrivateKeyFilepath()))
				.privateKeyPassword(p.getSslPrivateKeyPassword());
		}
		else {
			builder.selfSigned(true);
		}
		if (!bundle) {
			builder.caPath(optionalPath(PREFIX + TlsPropertyNames.CA, p.getSslCaFilepath()));
		}
		TlsSettings settings = build(builder, PREFIX, bundle ? p.getSslBundle() : null);
		try {
			settings.createServerContext();
		}
		catch (TlsConfigException ex) {
			throw failure(ex, PREFIX, settings, bundle ? p.getSslBundle() : null);
		}
		return settings;
	}

	/**
	 * The settings for {@code wss://} client connections, checked by building a client TLS context.
	 * @return the settings, or null for the JDK's trusted CAs and the provider's defaults
	 */
	@Nullable TlsSettings client() {
		JlwsProperties.Client c = this.properties.getClient();
		boolean ca = StringUtils.hasText(c.getSslCaFilepath());
		boolean bundle = StringUtils.hasText(c.getSslBundle());
		if (!ca && !bundle) {
			return null;
		}
		if (ca && bundle) {
			throw conflict(CLIENT_PREFIX + TlsPropertyNames.BUNDLE, c.getSslBundle(),
					CLIENT_PREFIX + TlsPropertyNames.CA);
		}
		TlsSettings.Builder builder = TlsSettings.builder();
		if (bundle) {
			String property = CLIENT_PREFIX + TlsPropertyNames.BUNDLE;
			SslBundle sslBundle = bundle(property, c.getSslBundle());
			builder.trustManagerFactory(sslBundle.getManagers().getTrustManagerFactory());
			if (sslBundle.getStores().getKeyStore() != null) {
				builder.keyManagerFactory(sslBundle.getManagers().getKeyManagerFactory());
			}
			applyOptions(builder, sslBundle.getOptions(), property, c.getSslBundle(), DEFAULT_MIN_PROTOCOL, null,
					null);
		}
		else {
			builder.caPath(path(CLIENT_PREFIX + TlsPropertyNames.CA, c.getSslCaFilepath()));
		}
		TlsSettings settings = build(builder, CLIENT_PREFIX, bundle ? c.getSslBundle() : null);
		try {
			settings.createClientContext();
		}
		catch (TlsConfigException ex) {
			throw failure(ex, CLIENT_PREFIX, settings, bundle ? c.getSslBundle() : null);
		}
		return settings;
	}

	private static String minProtocol(String value) {
		String match = PROTOCOLS.stream().filter((p) -> p.equalsIgnoreCase(value)).findFirst().orElse(null);
		if (match == null) {
			throw new InvalidJlwsPropertyException(PREFIX + TlsPropertyNames.MIN_PROTOCOL, value,
					"must be one of " + String.join(", ", PROTOCOLS));
		}
		return match;
	}

	/** Settings that only matter with TLS on must not be set while it is off: they would be silently ignored. */
	private static void requireTlsOn(JlwsProperties p, String minProtocol) {
		List<String> set = new ArrayList<>();
		addIfSet(set, TlsPropertyNames.KEY, p.getSslPrivateKeyFilepath());
		addIfSet(set, TlsPropertyNames.PASSWORD, p.getSslPrivateKeyPassword());
		addIfSet(set, TlsPropertyNames.CA, p.getSslCaFilepath());
		addIfSet(set, TlsPropertyNames.CIPHERS, p.getSslCipherList());
		if (p.getTls13CipherList() != null) {
			set.add(PREFIX + TlsPropertyNames.TLS13_CIPHERS);
		}
		if (p.getSslClientAuth() != ClientAuth.NONE) {
			set.add(PREFIX + TlsPropertyNames.CLIENT_AUTH);
		}
		if (!minProtocol.equals(DEFAULT_MIN_PROTOCOL)) {
			set.add(PREFIX + TlsPropertyNames.MIN_PROTOCOL);
		}
		if (!set.isEmpty()) {
			throw new InvalidJlwsPropertyException(set.get(0), String.join(", ", set), "has no effect while TLS is "
					+ "off: set jlws.ssl-cert-filepath, jlws.ssl-bundle or jlws.ssl-self-signed=true too (or remove "
					+ String.join(", ", set) + ")");
		}
	}

	private static void addIfSet(List<String> set, String suffix, @Nullable String value) {
		if (StringUtils.hasText(value)) {
			set.add(PREFIX + suffix);
		}
	}

	private static void checkServerConflicts(JlwsProperties p, boolean bundle, boolean cert) {
		String bundleProperty = PREFIX + TlsPropertyNames.BUNDLE;
		if (bundle) {
			if (cert) {
				throw conflict(bundleProperty, p.getSslBundle(), PREFIX + TlsPropertyNames.CERT);
			}
			if (StringUtils.hasText(p.getSslPrivateKeyFilepath())) {
				throw conflict(bundleProperty, p.getSslBundle(), PREFIX + TlsPropertyNames.KEY);
			}
			if (StringUtils.hasText(p.getSslPrivateKeyPassword())) {
				throw conflict(bundleProperty, p.getSslBundle(), PREFIX + TlsPropertyNames.PASSWORD);
			}
			if (StringUtils.hasText(p.getSslCaFilepath())) {
				throw conflict(bundleProperty, p.getSslBundle(), PREFIX + TlsPropertyNames.CA);
			}
			if (p.isSslSelfSigned()) {
				throw conflict(bundleProperty, p.getSslBundle(), PREFIX + TlsPropertyNames.SELF_SIGNED);
			}
		}
		else if (cert) {
			if (p.isSslSelfSigned()) {
				throw new InvalidJlwsPropertyException(PREFIX + TlsPropertyNames.SELF_SIGNED, true,
						"must not be true together with jlws.ssl-cert-filepath: serve either the configured or a "
								+ "generated certificate");
			}
		}
		else {
			// self-signed
			if (StringUtils.hasText(p.getSslPrivateKeyFilepath())) {
				throw new InvalidJlwsPropertyException(PREFIX + TlsPropertyNames.KEY, p.getSslPrivateKeyFilepath(),
						"needs jlws.ssl-cert-filepath (the certificate of that key); with jlws.ssl-self-signed the key "
								+ "is generated");
			}
			if (StringUtils.hasText(p.getSslPrivateKeyPassword())) {
				throw new InvalidJlwsPropertyException(PREFIX + TlsPropertyNames.PASSWORD, "******",
						"needs jlws.ssl-cert-filepath; with jlws.ssl-self-signed the key is generated");
			}
		}
		if (!bundle && StringUtils.hasText(p.getSslCaFilepath()) && p.getSslClientAuth() == ClientAuth.NONE) {
			throw new InvalidJlwsPropertyException(PREFIX + TlsPropertyNames.CA, p.getSslCaFilepath(),
					"checks client certificates and has no effect with jlws.ssl-client-auth=none: set "
							+ "jlws.ssl-client-auth to optional or required (for wss:// connections this application "
							+ "opens, use jlws.client.ssl-ca-filepath)");
		}
	}

	private static InvalidJlwsPropertyException conflict(String property, @Nullable Object value, String other) {
		return new InvalidJlwsPropertyException(property, value,
				"must not be set together with " + other + ": configure TLS through one of them");
	}

	private SslBundle bundle(String property, @Nullable String name) {
		if (this.sslBundles == null) {
			throw new InvalidJlwsPropertyException(property, name,
					"names an SSL bundle, but there is no SslBundles bean (Spring Boot's SslAutoConfiguration)");
		}
		try {
			return this.sslBundles.getBundle(name);
		}
		catch (NoSuchSslBundleException ex) {
			throw new InvalidJlwsPropertyException(property, name, "names no SSL bundle: define spring.ssl.bundle.pem."
					+ name + ".* or spring.ssl.bundle.jks." + name + ".* (" + ex.getMessage() + ")", ex);
		}
	}

	/**
	 * A bundle's options restrict the protocols (the oldest enabled one is the minimum, never older than
	 * {@code minProtocol}; TLS 1.3 off unless enabled) and replace the cipher lists (TLS 1.3 suites and the others
	 * split, IANA names); without TLS 1.2-and-older suites only TLS 1.3 remains.
	 */
	private static void applyOptions(TlsSettings.Builder builder, SslOptions options, String property,
			@Nullable String name, String minProtocol, @Nullable String cipherList, @Nullable String tls13CipherList) {
		int oldest = PROTOCOLS.indexOf(minProtocol);
		boolean tls13Off = false;
		String[] protocols = options.getEnabledProtocols();
		if (protocols != null && protocols.length > 0) {
			int bundleOldest = -1;
			for (String protocol : protocols) {
				int index = PROTOCOLS.indexOf(protocol);
				if (index < 0) {
					throw new InvalidJlwsPropertyException(property, name, "names an SSL bundle enabling protocol "
							+ protocol + ", which jlws does not support (" + String.join(", ", PROTOCOLS) + ")");
				}
				bundleOldest = Math.max(bundleOldest, index);
			}
			oldest = Math.min(oldest, bundleOldest);
			tls13Off = !Arrays.asList(protocols).contains("TLSv1.3");
		}
		String[] ciphers = options.getCiphers();
		String tls13 = null;
		String legacy = null;
		if (ciphers != null && ciphers.length > 0) {
			if (cipherList != null || tls13CipherList != null) {
				throw new InvalidJlwsPropertyException(property, name, "names an SSL bundle with ciphers, which "
						+ "must not be combined with " + PREFIX
						+ ((cipherList != null) ? TlsPropertyNames.CIPHERS : TlsPropertyNames.TLS13_CIPHERS)
						+ ": configure the ciphers in one place");
			}
			List<String> tls13Suites = new ArrayList<>();
			List<String> legacySuites = new ArrayList<>();
			for (String cipher : ciphers) {
				String suite = cipher.trim().toUpperCase(Locale.ROOT);
				((suite.startsWith("TLS_") && !suite.contains("_WITH_")) ? tls13Suites : legacySuites).add(suite);
			}
			tls13 = String.join(":", tls13Suites);
			legacy = legacySuites.isEmpty() ? null : String.join(":", legacySuites);
			if (legacySuites.isEmpty()) {
				// no suite for TLS 1.2 and older: TLS 1.3 only
				oldest = 0;
			}
			builder.cipherList(legacy).tls13CipherList(tls13);
		}
		if (tls13Off) {
			if (tls13CipherList != null && !tls13CipherList.isEmpty()) {
				throw new InvalidJlwsPropertyException(property, name, "names an SSL bundle whose enabled protocols "
						+ "leave out TLSv1.3, so jlws.tls13-cipher-list would be unused");
			}
			builder.tls13CipherList("");
		}
		builder.minimumProtocol(PROTOCOLS.get(oldest));
	}

	private TlsSettings build(TlsSettings.Builder builder, String prefix, @Nullable String bundle) {
		try {
			return builder.build();
		}
		catch (TlsConfigException ex) {
			throw failure(ex, prefix, null, bundle);
		}
	}

	/**
	 * The core's complaint as an {@link InvalidJlwsPropertyException}: on the property it is about, or on the SSL
	 * bundle property when the bundle supplied that setting (everything but a cipher list or minimum protocol the
	 * user set as a jlws property).
	 */
	private InvalidJlwsPropertyException failure(TlsConfigException ex, String prefix, @Nullable TlsSettings settings,
			@Nullable String bundle) {
		String property = TlsPropertyNames.of(ex, prefix, settings);
		if (bundle != null && !(prefix.equals(PREFIX) && setByUser(property))) {
			return new InvalidJlwsPropertyException(prefix + TlsPropertyNames.BUNDLE, bundle,
					"cannot be used: " + ex.getMessage(), ex);
		}
		return new InvalidJlwsPropertyException(property, valueOf(ex, settings, property),
				"cannot be used: " + ex.getMessage(), ex);
	}

	private boolean setByUser(String property) {
		JlwsProperties p = this.properties;
		return switch (property.substring(PREFIX.length())) {
			case TlsPropertyNames.CIPHERS -> p.getSslCipherList() != null;
			case TlsPropertyNames.TLS13_CIPHERS -> p.getTls13CipherList() != null;
			case TlsPropertyNames.MIN_PROTOCOL -> !DEFAULT_MIN_PROTOCOL.equalsIgnoreCase(p.getSslMinProtocol());
			default -> false;
		};
	}

	private static @Nullable Object valueOf(TlsConfigException ex, @Nullable TlsSettings settings, String property) {
		if (property.endsWith(TlsPropertyNames.PASSWORD)) {
			return "******";
		}
		if (ex.file() != null) {
			return ex.file();
		}
		if (settings == null) {
			return null;
		}
		if (property.endsWith(TlsPropertyNames.TLS13_CIPHERS)) {
			return settings.tls13CipherList();
		}
		if (property.endsWith(TlsPropertyNames.CIPHERS)) {
			return settings.cipherList();
		}
		if (property.endsWith(TlsPropertyNames.MIN_PROTOCOL)) {
			return settings.minimumProtocol();
		}
		return null;
	}

	private static Path path(String property, @Nullable String value) {
		try {
			return Path.of(value.trim());
		}
		catch (RuntimeException ex) {
			throw new InvalidJlwsPropertyException(property, value, "is not a valid path: " + ex.getMessage(), ex);
		}
	}

	private static @Nullable Path optionalPath(String property, @Nullable String value) {
		return StringUtils.hasText(value) ? path(property, value) : null;
	}

}
