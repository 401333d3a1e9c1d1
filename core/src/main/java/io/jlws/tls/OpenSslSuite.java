package io.jlws.tls;

import java.util.Locale;

/**
 * One TLS 1.2-and-older cipher suite as OpenSSL classifies it: its OpenSSL name, its IANA (JSSE) name and
 * the attributes that OpenSSL's cipher-string aliases select on.
 *
 * <p>The enums below are the attribute values OpenSSL distinguishes, named after its own tokens
 * ({@code kECDHE}, {@code aRSA}, {@code AES128GCM} ...), so a table row reads like {@code openssl ciphers -V}.
 *
 * @param id the two-byte suite code point
 * @param openSslName the OpenSSL name, e.g. {@code ECDHE-RSA-AES128-GCM-SHA256}
 * @param ianaName the IANA name, which is also the JSSE name, e.g. {@code TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256}
 * @param version the oldest protocol version the suite can be used with
 * @param kx the key exchange
 * @param auth the server authentication
 * @param enc the bulk encryption
 * @param mac the message authentication
 * @param strengthBits the effective symmetric strength, which {@code @STRENGTH} sorts on
 * @param strength OpenSSL's HIGH/MEDIUM/LOW class, {@code NONE} for the eNULL suites
 * @param notDefault whether OpenSSL leaves the suite out of {@code DEFAULT} ({@code COMPLEMENTOFDEFAULT})
 * @param fips whether the suite belongs to OpenSSL's {@code FIPS} alias
 */
record OpenSslSuite(int id, String openSslName, String ianaName, Version version, Kx kx, Auth auth, Enc enc,
		Mac mac, int strengthBits, Strength strength, boolean notDefault, boolean fips) {

	/** Key exchange, OpenSSL's {@code k*} tokens. */
	enum Kx {

		RSA, DHE, ECDHE, PSK, RSAPSK, DHEPSK, ECDHEPSK, SRP;

		static Kx of(String token) {
			return valueOf(strip(token, "k"));
		}

	}

	/** Server authentication, OpenSSL's {@code a*} tokens; {@code NULL} is anonymous. */
	enum Auth {

		RSA, DSS, ECDSA, NULL, PSK, SRP;

		static Auth of(String token) {
			return valueOf(strip(token, "a"));
		}

	}

	/** Bulk encryption with key size, as OpenSSL's per-suite {@code SSL_*} encryption bits. */
	enum Enc {

		AES128, AES256, AES128GCM, AES256GCM, AES128CCM, AES256CCM, AES128CCM8, AES256CCM8, CAMELLIA128,
		CAMELLIA256, ARIA128GCM, ARIA256GCM, CHACHA20POLY1305, TRIPLE_DES, RC4, SEED, IDEA, NULL;

		static Enc of(String token) {
			return switch (token) {
				case "3DES" -> TRIPLE_DES;
				case "eNULL" -> NULL;
				default -> valueOf(token);
			};
		}

	}

	/** Message authentication; {@code AEAD} for GCM, CCM and ChaCha20-Poly1305 suites. */
	enum Mac {

		MD5, SHA1, SHA256, SHA384, AEAD;

		static Mac of(String token) {
			return valueOf(token);
		}

	}

	/** The oldest protocol version a suite works with, matched exactly by the SSLv3/TLSv1/TLSv1.2 aliases. */
	enum Version {

		SSLV3, TLSV1, TLSV1_2;

		static Version of(String token) {
			return switch (token) {
				case "SSLv3" -> SSLV3;
				case "TLSv1" -> TLSV1;
				case "TLSv1.2" -> TLSV1_2;
				default -> throw new IllegalArgumentException("Unknown protocol version " + token);
			};
		}

	}

	/** OpenSSL's strength classes. */
	enum Strength {

		HIGH, MEDIUM, LOW, NONE

	}

	/**
	 * Parses one row of {@link OpenSslSuiteTable}: id, OpenSSL name, IANA name, version, kx, auth, enc, mac,
	 * strength bits and a comma-separated flag list ({@code HIGH}/{@code MEDIUM}/{@code LOW},
	 * {@code NOTDEFAULT}, {@code FIPS}) or {@code -}.
	 */
	static OpenSslSuite parse(String row) {
		String[] f = row.trim().split("\\s+");
		if (f.length != 10) {
			throw new IllegalStateException("Malformed cipher table row: " + row);
		}
		Strength strength = Strength.NONE;
		boolean notDefault = false;
		boolean fips = false;
		for (String flag : f[9].split(",")) {
			switch (flag) {
				case "HIGH", "MEDIUM", "LOW" -> strength = Strength.valueOf(flag);
				case "NOTDEFAULT" -> notDefault = true;
				case "FIPS" -> fips = true;
				case "-" -> {
				}
				default -> throw new IllegalStateException("Unknown flag " + flag + " in row: " + row);
			}
		}
		return new OpenSslSuite(Integer.decode(f[0]), f[1], f[2], Version.of(f[3]), Kx.of(f[4]), Auth.of(f[5]),
				Enc.of(f[6]), Mac.of(f[7]), Integer.parseInt(f[8]), strength, notDefault, fips);
	}

	private static String strip(String token, String prefix) {
		if (!token.startsWith(prefix)) {
			throw new IllegalArgumentException("Expected " + prefix + "... but got " + token);
		}
		return token.substring(prefix.length()).toUpperCase(Locale.ROOT);
	}

}
