package io.jlws.tls;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Translates an OpenSSL cipher string, libwebsockets' {@code ssl_cipher_list}, into the JSSE cipher suite
 * names a provider supports, for TLS 1.2 and older; {@link #tls13Suites} does the same for
 * {@code tls1_3_plus_cipher_list}.
 *
 * <p>The syntax and result order follow OpenSSL 3.0 ({@code man ciphers}): elements separated by {@code :}
 * (or {@code ,}, {@code ;}, space) are suite names or aliases ({@code HIGH}, {@code ECDHE}, {@code AESGCM}
 * ...), joined with {@code +} to intersect ({@code ECDHE+AESGCM}). A plain element appends the suites it
 * matches that are not yet selected; {@code -x} removes them (a later element may add them again),
 * {@code !x} removes them for good, {@code +x} moves them to the end; {@code @STRENGTH} sorts by strength.
 * {@code DEFAULT} is expanded only at the start, as in OpenSSL. Extensions: IANA names are accepted as
 * suite names (newer OpenSSL versions do too), and {@code @SECLEVEL=n} is accepted but ignored (with a note),
 * since JSSE has no security levels.
 *
 * <p>Where OpenSSL silently ignores a name it does not know, jlws reports it: {@link #parse} returns it in
 * {@link Result#unknown()} and {@link Result#requireUsable()} (or {@link #openSslNames}) throws, so a typo
 * fails startup instead of quietly widening or narrowing the list. All methods are pure and thread safe.
 */
public final class CipherList {

	/** The TLS 1.3 suites OpenSSL's {@code -ciphersuites} accepts (the last two need OpenSSL 3.4+). */
	static final Set<String> TLS13_SUITES = Set.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
			"TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_128_CCM_SHA256", "TLS_AES_128_CCM_8_SHA256",
			"TLS_SHA256_SHA256", "TLS_SHA384_SHA384");

	private static final String DEFAULT_RULES = "ALL:!COMPLEMENTOFDEFAULT:!eNULL";

	private static final Pattern SEPARATORS = Pattern.compile("[:,; ]+");

	private static final Pattern NAME_CHARS = Pattern.compile("[A-Za-z0-9._=-]+");

	private CipherList() {
	}

	/**
	 * Evaluates {@code cipherString} and keeps the suites {@code providerSupportedSuites} contains, in order.
	 * Unknown names do not throw here; they are returned so the caller can list them all when failing.
	 * @param cipherString an OpenSSL cipher string, e.g. {@code "ECDHE+AESGCM:HIGH:!aNULL:!MD5"}
	 * @param providerSupportedSuites the provider's supported suites, e.g.
	 * {@code sslContext.getSupportedSSLParameters().getCipherSuites()}
	 * @return the JSSE names to enable, plus what was skipped, unknown or noteworthy
	 * @throws IllegalArgumentException if {@code cipherString} is empty or blank
	 */
	public static Result parse(String cipherString, Collection<String> providerSupportedSuites) {
		Evaluation evaluation = evaluate(cipherString);
		Map<String, String> supported = new HashMap<>();
		for (String name : providerSupportedSuites) {
			supported.put(normalize(name), name);
		}
		List<String> enabled = new ArrayList<>();
		List<String> skipped = new ArrayList<>();
		for (OpenSslSuite suite : evaluation.suites) {
			String jsseName = supported.get(normalize(suite.ianaName()));
			if (jsseName != null) {
				enabled.add(jsseName);
			}
			else {
				skipped.add(suite.openSslName());
			}
		}
		return new Result(cipherString, enabled, skipped, evaluation.unknown, evaluation.notes);
	}

	/**
	 * The OpenSSL names {@code cipherString} selects, in OpenSSL's order, before any provider filtering; the
	 * same list {@code openssl ciphers} prints (without its TLS 1.3 lines) for suites both know.
	 * @param cipherString an OpenSSL cipher string
	 * @return the selected OpenSSL suite names, possibly empty (e.g. for {@code LOW})
	 * @throws IllegalArgumentException if the string is blank or contains names OpenSSL does not know
	 */
	public static List<String> openSslNames(String cipherString) {
		Evaluation evaluation = evaluate(cipherString);
		if (!evaluation.unknown.isEmpty()) {
			throw new IllegalArgumentException(unknownMessage(cipherString, evaluation.unknown));
		}
		return evaluation.suites.stream().map(OpenSslSuite::openSslName).toList();
	}

	/**
	 * Resolves libwebsockets' {@code tls1_3_plus_cipher_list} (OpenSSL {@code -ciphersuites} syntax:
	 * IANA TLS 1.3 names separated by {@code :}) against the provider's suites. Known suites the provider lacks
	 * are dropped. An empty string means "no TLS 1.3 suites", as in OpenSSL, which disables TLS 1.3.
	 * @param tls13CipherList e.g. {@code "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256"}
	 * @param supported the provider's supported suites
	 * @return the suites to enable, in the given order, empty only for an empty list
	 * @throws IllegalArgumentException on a name that is not a TLS 1.3 suite, or if a non-empty list
	 * leaves no suite the provider supports
	 */
	public static List<String> tls13Suites(String tls13CipherList, Collection<String> supported) {
		Objects.requireNonNull(tls13CipherList, "tls13CipherList");
		Set<String> result = new LinkedHashSet<>();
		List<String> unknown = new ArrayList<>();
		for (String raw : tls13CipherList.split(":")) {
			String name = raw.strip();
			if (name.isEmpty()) {
				continue;
			}
			if (!TLS13_SUITES.contains(name)) {
				unknown.add(name);
			}
			else if (supported.contains(name)) {
				result.add(name);
			}
		}
		if (!unknown.isEmpty()) {
			throw new IllegalArgumentException("tls1_3_plus_cipher_list \"" + tls13CipherList
					+ "\": not TLS 1.3 suite names: " + String.join(", ", unknown) + " (expected names from "
					+ String.join(", ", TLS13_SUITES.stream().sorted().toList()) + ")");
		}
		if (result.isEmpty() && !tls13CipherList.isBlank()) {
			throw new IllegalArgumentException("tls1_3_plus_cipher_list \"" + tls13CipherList
					+ "\": none of these TLS 1.3 suites is supported by the TLS provider");
		}
		return List.copyOf(result);
	}

	/** Whether {@code jsseName} is a TLS 1.3 suite (TLS 1.3 names have no key exchange part, no "_WITH_"). */
	static boolean isTls13Suite(String jsseName) {
		return jsseName.startsWith("TLS_") && !jsseName.contains("_WITH_") && !jsseName.endsWith("_SCSV");
	}

	// SunJSSE spells some old suites SSL_RSA_WITH_... where IANA (and BouncyCastle) say TLS_RSA_WITH_...
	private static String normalize(String jsseName) {
		String upper = jsseName.toUpperCase(Locale.ROOT);
		return upper.startsWith("SSL_") ? "TLS_" + upper.substring(4) : upper;
	}

	private static Evaluation evaluate(String cipherString) {
		Objects.requireNonNull(cipherString, "cipherString");
		if (cipherString.isBlank()) {
			throw new IllegalArgumentException("Cipher list is empty: expected an OpenSSL cipher string such as "
					+ "\"HIGH:!aNULL:!MD5\"");
		}
		Evaluation evaluation = new Evaluation();
		CipherRules rules = CipherRules.startingList();
		String rest = cipherString;
		// OpenSSL expands DEFAULT only as a prefix of the whole string (ssl_create_cipher_list).
		if (rest.startsWith("DEFAULT") && (rest.length() == 7 || SEPARATORS.matcher(rest.substring(7, 8)).matches())) {
			apply(DEFAULT_RULES, rules, evaluation);
			rest = rest.substring(7);
		}
		apply(rest, rules, evaluation);
		evaluation.suites = rules.active();
		return evaluation;
	}

	private static void apply(String rules, CipherRules list, Evaluation evaluation) {
		for (String element : SEPARATORS.split(rules)) {
			if (!element.isEmpty()) {
				applyElement(element, list, evaluation);
			}
		}
	}

	private static void applyElement(String element, CipherRules list, Evaluation evaluation) {
		char op = element.charAt(0);
		String body = ("-+!@".indexOf(op) >= 0) ? element.substring(1) : element;
		if (op == '@') {
			special(element, body, list, evaluation);
			return;
		}
		CipherSelector selector = null;
		for (String part : body.split("\\+", -1)) {
			CipherSelector next = lookup(part, element, evaluation);
			if (next == null) {
				// As OpenSSL does, an element with an unusable part does nothing at all.
				return;
			}
			selector = (selector != null) ? selector.and(next) : next;
		}
		switch (op) {
			case '-' -> list.delete(selector::matches);
			case '+' -> list.order(selector::matches);
			case '!' -> list.kill(selector::matches);
			default -> list.add(selector::matches);
		}
	}

	private static CipherSelector lookup(String part, String element, Evaluation evaluation) {
		if (part.isEmpty() || !NAME_CHARS.matcher(part).matches()) {
			evaluation.unknown.add(element);
			return null;
		}
		OpenSslSuite suite = OpenSslSuiteTable.byName(part);
		if (suite != null) {
			return CipherSelector.suite(suite);
		}
		CipherSelector alias = CipherSelector.alias(part);
		if (alias != null) {
			if (CipherSelector.isObsolete(part)) {
				evaluation.notes.add(part + " selects nothing: OpenSSL removed those suites");
			}
			return alias;
		}
		if (part.equals("DEFAULT")) {
			evaluation.notes.add("DEFAULT is only expanded at the start of the cipher string; ignored in \""
					+ element + "\" as OpenSSL does");
			return null;
		}
		evaluation.unknown.add(isTls13Suite(part) ? part + " (a TLS 1.3 suite: use tls1_3_plus_cipher_list)" : part);
		return null;
	}

	private static void special(String element, String command, CipherRules list, Evaluation evaluation) {
		if (command.equals("STRENGTH")) {
			list.sortByStrength();
		}
		else if (command.matches("SECLEVEL=[0-5]")) {
			evaluation.notes.add(element + " ignored: JSSE has no security levels (use the cipher list and "
					+ "jdk.tls.disabledAlgorithms instead)");
		}
		else {
			evaluation.unknown.add(element);
		}
	}

	private static String unknownMessage(String cipherString, List<String> unknown) {
		return "ssl_cipher_list \"" + cipherString + "\": unknown cipher names: " + String.join(", ", unknown);
	}

	/**
	 * What a cipher string resolved to against one provider.
	 * @param cipherString the cipher string as given
	 * @param cipherSuites the JSSE names to enable, in preference order
	 * @param skipped OpenSSL names the string selected that the provider does not support (log a warning)
	 * @param unknown names OpenSSL does not know, or malformed elements (fail startup)
	 * @param notes remarks for the log, e.g. an ignored {@code @SECLEVEL}
	 */
	public record Result(String cipherString, List<String> cipherSuites, List<String> skipped, List<String> unknown,
			List<String> notes) {

		/** Copies the lists, so a result never changes. */
		public Result {
			cipherSuites = List.copyOf(cipherSuites);
			skipped = List.copyOf(skipped);
			unknown = List.copyOf(unknown);
			notes = List.copyOf(notes);
		}

		/** Whether no suite is left to enable. */
		public boolean isEmpty() {
			return this.cipherSuites.isEmpty();
		}

		/** Whether the string had no unknown names and leaves at least one suite. */
		public boolean isUsable() {
			return this.unknown.isEmpty() && !isEmpty();
		}

		/** Why this result must fail startup, if it must: unknown names, or nothing left to enable. */
		public Optional<String> problem() {
			if (!this.unknown.isEmpty()) {
				return Optional.of(unknownMessage(this.cipherString, this.unknown));
			}
			if (isEmpty()) {
				return Optional.of("ssl_cipher_list \"" + this.cipherString + "\" leaves no cipher suite that "
						+ "the TLS provider supports" + (this.skipped.isEmpty() ? ""
								: " (selected but unsupported: " + String.join(", ", this.skipped) + ")"));
			}
			return Optional.empty();
		}

		/** A warning to log once if some selected suites are not supported by the provider. */
		public Optional<String> warning() {
			return this.skipped.isEmpty() ? Optional.empty()
					: Optional.of("ssl_cipher_list: skipping " + this.skipped.size()
							+ " suites the TLS provider does not support: " + String.join(", ", this.skipped));
		}

		/**
		 * Returns this result if usable.
		 * @return this
		 * @throws TlsConfigException with {@link #problem()} as the message otherwise
		 */
		public Result requireUsable() {
			Optional<String> problem = problem();
			if (problem.isPresent()) {
				throw new TlsConfigException(TlsConfigException.Kind.INVALID_CIPHER_LIST, null, problem.get());
			}
			return this;
		}

	}

	private static final class Evaluation {

		private List<OpenSslSuite> suites = List.of();

		private final List<String> unknown = new ArrayList<>();

		private final List<String> notes = new ArrayList<>();

	}

}
