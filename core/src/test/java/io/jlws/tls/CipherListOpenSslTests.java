package io.jlws.tls;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CipherList#openSslNames} against {@code openssl ciphers -V} on this machine, TLS 1.3 lines ignored.
 *
 * <p>Our table also knows suites this OpenSSL build leaves out (RC4, 3DES, SEED, IDEA), so our result is
 * first restricted to the suites the local OpenSSL knows; since every rule moves suites independently, the
 * extra ones cannot change the order of the others, and the comparison checks the order too, not only the set.
 */
class CipherListOpenSslTests {

	private static Set<String> localSuites;

	@BeforeAll
	static void localOpenSsl() throws IOException {
		OpenSslCli.assumeAvailable();
		localSuites = new HashSet<>(OpenSslCli.tls12Names("ALL:COMPLEMENTOFALL"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "HIGH:!aNULL:!MD5", "ECDHE+AESGCM", "DEFAULT", "ALL:!aNULL:!eNULL",
			"AES128-SHA:AES256-SHA", "AES256-SHA:AES128-SHA",
			"ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:HIGH:!aNULL:!MD5",
			"RC4-MD5:RC4-SHA:AES128-SHA:AES256-SHA:HIGH:!DSS:!aNULL", "kRSA", "ECDHE:!ECDSA", "AES:-AES256:AES256",
			"HIGH:+SHA1", "MEDIUM", "CHACHA20", "ALL:COMPLEMENTOFALL", "ALL:@STRENGTH", "HIGH:!aNULL:@STRENGTH",
			"DEFAULT:!kRSA:@STRENGTH", "ALL:+kRSA:+AES128:@STRENGTH:+SHA1", "ECDHE:DHE:-AESGCM:AESCCM:AESGCM",
			"ALL:-ECDHE:kRSA:ECDHE", "HIGH:!ECDHE+SHA1:!SHA256", "eNULL:NULL-SHA256", "COMPLEMENTOFALL:ALL",
			"ECDHE-RSA-AES128-GCM-SHA256:!ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256",
			"AES128-SHA:-AES128-SHA:HIGH", "AES128-SHA:-AES128-SHA:AES256-SHA:AES128-SHA", "DEFAULT:@SECLEVEL=2",
			"HIGH:DEFAULT", "ECDHE+AES128+SHA256:ECDHE+AES256", "AES128-SHA+kRSA:AES256-SHA+kECDHE",
			"HIGH,MEDIUM;!aNULL !PSK", "TLSv1.2+AES:TLSv1+AES:SSLv3+AES", "FIPS", "COMPLEMENTOFDEFAULT",
			"ALL:!COMPLEMENTOFDEFAULT", "EDH+CAMELLIA:EECDH+ARIA", "HIGH:!SRP:!PSK:!CBC" })
	void selectsWhatOpenSslSelects(String cipherString) throws IOException {
		List<String> expected = OpenSslCli.tls12Names(cipherString);
		// MEDIUM suites are compiled out of this OpenSSL build; the other empty one kills what it added.
		if (!cipherString.equals("MEDIUM") && !cipherString.contains(":!ECDHE-RSA-AES128-GCM-SHA256:")) {
			assertThat(expected).isNotEmpty();
		}
		assertThat(localOnly(CipherList.openSslNames(cipherString))).containsExactlyElementsOf(expected);
	}

	@ParameterizedTest
	@ValueSource(strings = { "ALL", "COMPLEMENTOFALL", "COMPLEMENTOFDEFAULT", "kRSA", "kDHE", "kEDH", "DH",
			"kECDHE", "kEECDH", "ECDH", "kPSK", "kRSAPSK", "kDHEPSK", "kECDHEPSK", "kSRP", "PSK", "SRP", "aRSA",
			"aDSS", "DSS", "aECDSA", "ECDSA", "aNULL", "aPSK", "aSRP", "RSA", "DHE", "EDH", "ECDHE", "EECDH", "ADH",
			"AECDH", "eNULL", "NULL", "AES", "AES128", "AES256", "AESGCM", "AESCCM", "AESCCM8", "CAMELLIA",
			"CAMELLIA128", "CAMELLIA256", "ARIA", "ARIAGCM", "ARIA128", "ARIA256", "CHACHA20", "CBC", "MD5", "SHA1",
			"SHA", "SHA256", "SHA384", "SSLv3", "TLSv1", "TLSv1.0", "TLSv1.2", "HIGH", "FIPS" })
	void eachAliasSelectsWhatOpenSslSelects(String alias) throws IOException {
		List<String> expected = OpenSslCli.tls12Names(alias);
		assertThat(expected).isNotEmpty();
		assertThat(localOnly(CipherList.openSslNames(alias))).containsExactlyElementsOf(expected);
	}

	private static List<String> localOnly(List<String> names) {
		return names.stream().filter(localSuites::contains).toList();
	}

}
