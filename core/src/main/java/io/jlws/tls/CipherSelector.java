package io.jlws.tls;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import io.jlws.tls.OpenSslSuite.Auth;
import io.jlws.tls.OpenSslSuite.Enc;
import io.jlws.tls.OpenSslSuite.Kx;
import io.jlws.tls.OpenSslSuite.Mac;
import io.jlws.tls.OpenSslSuite.Strength;
import io.jlws.tls.OpenSslSuite.Version;

/**
 * What one element of an OpenSSL cipher string selects: an alias ({@code ECDHE}, {@code HIGH}), one suite
 * ({@code AES128-SHA}), or several joined with {@code +} ({@code ECDHE+AESGCM}, the intersection).
 *
 * <p>Like OpenSSL's alias masks, each attribute is a set of allowed values or {@code null} for "any", and
 * joining intersects them. An explicit suite contributes only its identity, so {@code AES128-SHA+kRSA}
 * selects that suite if it is kRSA and nothing otherwise, as in OpenSSL.
 */
final class CipherSelector {

	private static final Set<Enc> AES_CBC = EnumSet.of(Enc.AES128, Enc.AES256);

	private static final Set<Enc> AES_GCM = EnumSet.of(Enc.AES128GCM, Enc.AES256GCM);

	private static final Set<Enc> AES_CCM8 = EnumSet.of(Enc.AES128CCM8, Enc.AES256CCM8);

	private static final Set<Enc> AES_CCM = union(EnumSet.of(Enc.AES128CCM, Enc.AES256CCM), AES_CCM8);

	private static final Set<Kx> PSK_KX = EnumSet.of(Kx.PSK, Kx.RSAPSK, Kx.DHEPSK, Kx.ECDHEPSK);

	private static final Map<String, CipherSelector> ALIASES = aliases();

	private Set<Kx> kx;

	private Set<Auth> auth;

	private Set<Enc> enc;

	private Set<Mac> mac;

	private Set<Strength> strength;

	private Version version;

	private boolean notDefault;

	private boolean fips;

	private OpenSslSuite suite;

	private boolean impossible;

	private CipherSelector() {
	}

	/**
	 * The selector for an OpenSSL alias name (case-sensitive, as OpenSSL matches), or null if it is not one.
	 * Obsolete aliases such as {@code EXPORT} are known and select nothing.
	 */
	static CipherSelector alias(String name) {
		CipherSelector alias = ALIASES.get(name);
		return (alias != null) ? alias.copy() : null;
	}

	/** Whether {@code name} is an alias whose suites no longer exist in OpenSSL 1.1.0 and later. */
	static boolean isObsolete(String name) {
		CipherSelector alias = ALIASES.get(name);
		return alias != null && alias.impossible;
	}

	/** Selects exactly {@code suite}. */
	static CipherSelector suite(OpenSslSuite suite) {
		CipherSelector selector = new CipherSelector();
		selector.suite = suite;
		return selector;
	}

	/** The intersection of this and {@code other} (OpenSSL's {@code A+B}); this selector is not changed. */
	CipherSelector and(CipherSelector other) {
		CipherSelector both = copy();
		both.kx = intersect(this.kx, other.kx);
		both.auth = intersect(this.auth, other.auth);
		both.enc = intersect(this.enc, other.enc);
		both.mac = intersect(this.mac, other.mac);
		both.strength = intersect(this.strength, other.strength);
		both.notDefault |= other.notDefault;
		both.fips |= other.fips;
		both.impossible |= other.impossible || conflict(this.version, other.version) || conflict(this.suite, other.suite);
		both.version = (this.version != null) ? this.version : other.version;
		both.suite = (this.suite != null) ? this.suite : other.suite;
		return both;
	}

	boolean matches(OpenSslSuite candidate) {
		return !this.impossible && (this.suite == null || this.suite == candidate)
				&& (this.kx == null || this.kx.contains(candidate.kx()))
				&& (this.auth == null || this.auth.contains(candidate.auth()))
				&& (this.enc == null || this.enc.contains(candidate.enc()))
				&& (this.mac == null || this.mac.contains(candidate.mac()))
				&& (this.strength == null || this.strength.contains(candidate.strength()))
				&& (this.version == null || this.version == candidate.version())
				&& (!this.notDefault || candidate.notDefault()) && (!this.fips || candidate.fips());
	}

	private CipherSelector copy() {
		CipherSelector copy = new CipherSelector();
		copy.kx = this.kx;
		copy.auth = this.auth;
		copy.enc = this.enc;
		copy.mac = this.mac;
		copy.strength = this.strength;
		copy.version = this.version;
		copy.notDefault = this.notDefault;
		copy.fips = this.fips;
		copy.suite = this.suite;
		copy.impossible = this.impossible;
		return copy;
	}

	private static boolean conflict(Object a, Object b) {
		return a != null && b != null && a != b;
	}

	private static <E extends Enum<E>> Set<E> intersect(Set<E> a, Set<E> b) {
		if (a == null || b == null) {
			return (a != null) ? a : b;
		}
		Set<E> both = EnumSet.copyOf(a);
		both.retainAll(b);
		return both;
	}

	@SafeVarargs
	private static <E extends Enum<E>> Set<E> union(Set<E> first, Set<E>... more) {
		Set<E> all = EnumSet.copyOf(first);
		for (Set<E> set : more) {
			all.addAll(set);
		}
		return all;
	}

	// The alias names and what they select follow OpenSSL 3.0's ssl_ciph.c; CipherListOpenSslTests checks
	// each one against the openssl binary.
	private static Map<String, CipherSelector> aliases() {
		Map<String, CipherSelector> a = new HashMap<>();
		Set<Enc> allButNull = EnumSet.complementOf(EnumSet.of(Enc.NULL));
		Set<Auth> authenticated = EnumSet.complementOf(EnumSet.of(Auth.NULL));
		a.put("ALL", enc(allButNull));
		a.put("COMPLEMENTOFALL", enc(EnumSet.of(Enc.NULL)));
		CipherSelector complementOfDefault = new CipherSelector();
		complementOfDefault.notDefault = true;
		a.put("COMPLEMENTOFDEFAULT", complementOfDefault);
		// key exchange
		a.put("kRSA", kx(EnumSet.of(Kx.RSA)));
		for (String name : new String[] { "kDHE", "kEDH", "DH" }) {
			a.put(name, kx(EnumSet.of(Kx.DHE)));
		}
		for (String name : new String[] { "kECDHE", "kEECDH", "ECDH" }) {
			a.put(name, kx(EnumSet.of(Kx.ECDHE)));
		}
		for (Kx kx : new Kx[] { Kx.PSK, Kx.RSAPSK, Kx.DHEPSK, Kx.ECDHEPSK, Kx.SRP }) {
			a.put("k" + kx.name(), kx(EnumSet.of(kx)));
		}
		a.put("PSK", kx(PSK_KX));
		a.put("SRP", kx(EnumSet.of(Kx.SRP)));
		// authentication, and key exchange combined with authentication
		a.put("aRSA", auth(EnumSet.of(Auth.RSA)));
		a.put("aDSS", auth(EnumSet.of(Auth.DSS)));
		a.put("DSS", auth(EnumSet.of(Auth.DSS)));
		a.put("aECDSA", auth(EnumSet.of(Auth.ECDSA)));
		a.put("ECDSA", auth(EnumSet.of(Auth.ECDSA)));
		a.put("aNULL", auth(EnumSet.of(Auth.NULL)));
		a.put("aPSK", auth(EnumSet.of(Auth.PSK)));
		a.put("aSRP", auth(EnumSet.of(Auth.SRP)));
		a.put("RSA", kx(EnumSet.of(Kx.RSA)).and(auth(EnumSet.of(Auth.RSA))));
		a.put("DHE", kx(EnumSet.of(Kx.DHE)).and(auth(authenticated)));
		a.put("EDH", kx(EnumSet.of(Kx.DHE)).and(auth(authenticated)));
		a.put("ECDHE", kx(EnumSet.of(Kx.ECDHE)).and(auth(authenticated)));
		a.put("EECDH", kx(EnumSet.of(Kx.ECDHE)).and(auth(authenticated)));
		a.put("ADH", kx(EnumSet.of(Kx.DHE)).and(auth(EnumSet.of(Auth.NULL))));
		a.put("AECDH", kx(EnumSet.of(Kx.ECDHE)).and(auth(EnumSet.of(Auth.NULL))));
		// encryption
		a.put("eNULL", enc(EnumSet.of(Enc.NULL)));
		a.put("NULL", enc(EnumSet.of(Enc.NULL)));
		a.put("AES", enc(union(AES_CBC, AES_GCM, AES_CCM)));
		a.put("AES128", enc(EnumSet.of(Enc.AES128, Enc.AES128GCM, Enc.AES128CCM, Enc.AES128CCM8)));
		a.put("AES256", enc(EnumSet.of(Enc.AES256, Enc.AES256GCM, Enc.AES256CCM, Enc.AES256CCM8)));
		a.put("AESGCM", enc(AES_GCM));
		a.put("AESCCM", enc(AES_CCM));
		a.put("AESCCM8", enc(AES_CCM8));
		a.put("CAMELLIA", enc(EnumSet.of(Enc.CAMELLIA128, Enc.CAMELLIA256)));
		a.put("CAMELLIA128", enc(EnumSet.of(Enc.CAMELLIA128)));
		a.put("CAMELLIA256", enc(EnumSet.of(Enc.CAMELLIA256)));
		a.put("ARIA", enc(EnumSet.of(Enc.ARIA128GCM, Enc.ARIA256GCM)));
		a.put("ARIAGCM", enc(EnumSet.of(Enc.ARIA128GCM, Enc.ARIA256GCM)));
		a.put("ARIA128", enc(EnumSet.of(Enc.ARIA128GCM)));
		a.put("ARIA256", enc(EnumSet.of(Enc.ARIA256GCM)));
		a.put("CHACHA20", enc(EnumSet.of(Enc.CHACHA20POLY1305)));
		a.put("3DES", enc(EnumSet.of(Enc.TRIPLE_DES)));
		a.put("RC4", enc(EnumSet.of(Enc.RC4)));
		a.put("SEED", enc(EnumSet.of(Enc.SEED)));
		a.put("IDEA", enc(EnumSet.of(Enc.IDEA)));
		a.put("CBC", enc(EnumSet.of(Enc.AES128, Enc.AES256, Enc.CAMELLIA128, Enc.CAMELLIA256, Enc.TRIPLE_DES,
				Enc.SEED, Enc.IDEA)));
		// MAC
		for (Mac mac : Mac.values()) {
			if (mac != Mac.AEAD) {
				a.put(mac.name(), mac(mac));
			}
		}
		a.put("SHA", mac(Mac.SHA1));
		// protocol version: the oldest version a suite needs, matched exactly
		a.put("SSLv3", version(Version.SSLV3));
		a.put("TLSv1", version(Version.TLSV1));
		a.put("TLSv1.0", version(Version.TLSV1));
		a.put("TLSv1.2", version(Version.TLSV1_2));
		// strength classes
		for (Strength strength : new Strength[] { Strength.HIGH, Strength.MEDIUM, Strength.LOW }) {
			CipherSelector selector = new CipherSelector();
			selector.strength = EnumSet.of(strength);
			a.put(strength.name(), selector);
		}
		CipherSelector fips = enc(allButNull);
		fips.fips = true;
		a.put("FIPS", fips);
		// OpenSSL's backward-compatible spellings of the DHE 3DES suites
		a.put("EDH-RSA-DES-CBC3-SHA", suite(OpenSslSuiteTable.byName("DHE-RSA-DES-CBC3-SHA")));
		a.put("EDH-DSS-DES-CBC3-SHA", suite(OpenSslSuiteTable.byName("DHE-DSS-DES-CBC3-SHA")));
		// Names still found in old configurations whose suites are gone (export, single DES, RC2, fixed DH,
		// Kerberos, Fortezza, SSLv2) or were never built in (GOST): accepted, selecting nothing.
		for (String name : new String[] { "EXPORT", "EXP", "EXPORT40", "EXPORT56", "DES", "RC2", "kDHr", "kDHd",
				"kDH", "aDH", "kECDHr", "kECDHe", "aECDH", "kKRB5", "aKRB5", "KRB5", "kFZA", "aFZA", "eFZA", "FZA",
				"SSLv2", "kGOST", "kGOST18", "aGOST", "aGOST01", "aGOST12", "GOST89", "GOST94", "GOST89MAC", "GOST12",
				"GOST2012-GOST8912-GOST8912" }) {
			CipherSelector nothing = new CipherSelector();
			nothing.impossible = true;
			a.put(name, nothing);
		}
		return Map.copyOf(a);
	}

	private static CipherSelector kx(Set<Kx> kx) {
		CipherSelector selector = new CipherSelector();
		selector.kx = kx;
		return selector;
	}

	private static CipherSelector auth(Set<Auth> auth) {
		CipherSelector selector = new CipherSelector();
		selector.auth = auth;
		return selector;
	}

	private static CipherSelector enc(Set<Enc> enc) {
		CipherSelector selector = new CipherSelector();
		selector.enc = enc;
		return selector;
	}

	private static CipherSelector mac(Mac mac) {
		CipherSelector selector = new CipherSelector();
		selector.mac = EnumSet.of(mac);
		return selector;
	}

	private static CipherSelector version(Version version) {
		CipherSelector selector = new CipherSelector();
		selector.version = version;
		return selector;
	}

}
