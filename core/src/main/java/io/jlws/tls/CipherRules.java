package io.jlws.tls;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Predicate;

import io.jlws.tls.OpenSslSuite.Auth;
import io.jlws.tls.OpenSslSuite.Enc;
import io.jlws.tls.OpenSslSuite.Kx;
import io.jlws.tls.OpenSslSuite.Mac;
import io.jlws.tls.OpenSslSuite.Version;

/**
 * OpenSSL's working list for evaluating a cipher string: every known suite in a fixed preference order, each
 * either active (selected so far) or not. The operators move suites within this one list, which is why
 * OpenSSL's results are ordered the way they are: adding appends to the end, {@code +} moves to the end,
 * {@code -} deactivates and moves to the front (so a later re-add keeps the relative order), {@code !}
 * removes for good.
 *
 * <p>Every operation is a stable partition, like OpenSSL's linked-list moves, so suites that no rule tells
 * apart keep the starting order. Not thread safe; one instance per evaluation.
 */
final class CipherRules {

	private static final List<OpenSslSuite> DEFAULT_ORDER = defaultOrder();

	private List<Entry> entries = new ArrayList<>();

	private CipherRules(List<OpenSslSuite> order) {
		for (OpenSslSuite suite : order) {
			this.entries.add(new Entry(suite));
		}
	}

	/** A fresh list: all suites in OpenSSL's default preference order, none active. */
	static CipherRules startingList() {
		return new CipherRules(DEFAULT_ORDER);
	}

	/** Plain element: activates matching inactive suites, appending them in list order. */
	void add(Predicate<OpenSslSuite> rule) {
		moveToEnd((e) -> !e.active && rule.test(e.suite));
	}

	/** {@code +element}: moves matching active suites to the end, keeping their order. */
	void order(Predicate<OpenSslSuite> rule) {
		moveToEnd((e) -> e.active && rule.test(e.suite));
	}

	/** {@code -element}: deactivates matching suites and moves them to the front, keeping their order. */
	void delete(Predicate<OpenSslSuite> rule) {
		moveToFront((e) -> e.active && rule.test(e.suite), false);
	}

	/** {@code !element}: drops matching suites from the list, so no later element can add them back. */
	void kill(Predicate<OpenSslSuite> rule) {
		this.entries.removeIf((e) -> rule.test(e.suite));
	}

	/** OpenSSL's internal "bump": moves matching active suites to the front, keeping their order. */
	void bump(Predicate<OpenSslSuite> rule) {
		moveToFront((e) -> e.active && rule.test(e.suite), true);
	}

	/** {@code @STRENGTH}: active suites by descending strength bits, stable within equal strength. */
	void sortByStrength() {
		List<Entry> sorted = new ArrayList<>();
		List<Entry> active = new ArrayList<>();
		for (Entry entry : this.entries) {
			(entry.active ? active : sorted).add(entry);
		}
		active.sort(Comparator.comparingInt((Entry e) -> e.suite.strengthBits()).reversed());
		sorted.addAll(active);
		this.entries = sorted;
	}

	/** The active suites in list order: the result of the cipher string. */
	List<OpenSslSuite> active() {
		return this.entries.stream().filter((e) -> e.active).map((e) -> e.suite).toList();
	}

	private void moveToEnd(Predicate<Entry> matching) {
		List<Entry> kept = new ArrayList<>();
		List<Entry> moved = new ArrayList<>();
		for (Entry entry : this.entries) {
			(matching.test(entry) ? moved : kept).add(entry);
		}
		moved.forEach((e) -> e.active = true);
		kept.addAll(moved);
		this.entries = kept;
	}

	private void moveToFront(Predicate<Entry> matching, boolean stayActive) {
		List<Entry> moved = new ArrayList<>();
		List<Entry> kept = new ArrayList<>();
		for (Entry entry : this.entries) {
			(matching.test(entry) ? moved : kept).add(entry);
		}
		moved.forEach((e) -> e.active = stayActive);
		moved.addAll(kept);
		this.entries = moved;
	}

	/**
	 * OpenSSL's built-in preference order (ssl_create_cipher_list): ECDHE first, ECDSA before RSA, then AES-GCM,
	 * ChaCha20, other AES; MD5, anonymous, kRSA, PSK and RC4 towards the end; then by strength; and finally
	 * (EC)DHE+AEAD, (EC)DHE, other AEAD, TLS 1.2, rest. Starting from the table's order (already OpenSSL's
	 * result) this only places the eNULL suites and the hand-written ones.
	 */
	private static List<OpenSslSuite> defaultOrder() {
		CipherRules rules = new CipherRules(OpenSslSuiteTable.all());
		Predicate<OpenSslSuite> ecdhe = (s) -> s.kx() == Kx.ECDHE;
		Predicate<OpenSslSuite> ephemeral = (s) -> s.kx() == Kx.ECDHE || s.kx() == Kx.DHE;
		Predicate<OpenSslSuite> aead = (s) -> s.mac() == Mac.AEAD;
		EnumSet<Enc> aesGcm = EnumSet.of(Enc.AES128GCM, Enc.AES256GCM);
		EnumSet<Enc> aesNotGcm = EnumSet.of(Enc.AES128, Enc.AES256, Enc.AES128CCM, Enc.AES256CCM, Enc.AES128CCM8,
				Enc.AES256CCM8);
		rules.add(ecdhe.and((s) -> s.auth() == Auth.ECDSA));
		rules.add(ecdhe);
		rules.delete(ecdhe);
		rules.add((s) -> aesGcm.contains(s.enc()));
		rules.add((s) -> s.enc() == Enc.CHACHA20POLY1305);
		rules.add((s) -> aesNotGcm.contains(s.enc()));
		rules.add((s) -> true);
		rules.order((s) -> s.mac() == Mac.MD5);
		rules.order((s) -> s.auth() == Auth.NULL);
		rules.order((s) -> s.kx() == Kx.RSA);
		rules.order((s) -> s.kx() == Kx.PSK);
		rules.order((s) -> s.enc() == Enc.RC4);
		rules.sortByStrength();
		// Bumps run in reverse order of preference: each one ends up in front of the previous.
		rules.bump((s) -> s.version() == Version.TLSV1_2);
		rules.bump(aead);
		rules.bump(ephemeral);
		rules.bump(ephemeral.and(aead));
		return rules.active();
	}

	private static final class Entry {

		private final OpenSslSuite suite;

		private boolean active;

		Entry(OpenSslSuite suite) {
			this.suite = suite;
		}

	}

}
