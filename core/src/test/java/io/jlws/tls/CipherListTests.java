package io.jlws.tls;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link CipherList} semantics that need no openssl binary: order, operators, errors, and filtering against
 * the real BouncyCastle JSSE provider's supported suites.
 */
class CipherListTests {

	private static final String SEED_LIST = "RC4-MD5:RC4-SHA:AES128-SHA:AES256-SHA:HIGH:!DSS:!aNULL";

	private static List<String> bcSuites;

	@BeforeAll
	static void bouncyCastleSuites() throws GeneralSecurityException {
		SSLContext context = SSLContext.getInstance("TLS", TlsSettings.defaultProvider());
		context.init(null, null, new SecureRandom());
		bcSuites = Arrays.asList(context.getSupportedSSLParameters().getCipherSuites());
	}

	@Test
	void explicitListKeepsItsOrder() {
		assertThat(CipherList.openSslNames("AES256-SHA:AES128-SHA")).containsExactly("AES256-SHA", "AES128-SHA");
		assertThat(CipherList.openSslNames("AES128-SHA:AES256-SHA")).containsExactly("AES128-SHA", "AES256-SHA");
	}

	@Test
	void addingAnAlreadySelectedSuiteKeepsItsPosition() {
		List<String> names = CipherList.openSslNames("AES256-SHA:HIGH");
		assertThat(names.get(0)).isEqualTo("AES256-SHA");
		assertThat(names).doesNotHaveDuplicates().contains("ECDHE-RSA-AES128-GCM-SHA256");
	}

	@Test
	void strengthSortsByBitsKeepingOrderWithinEqualStrength() {
		assertThat(CipherList.openSslNames("AES128-SHA:AES256-SHA:AES128-GCM-SHA256:AES256-GCM-SHA384:@STRENGTH"))
			.containsExactly("AES256-SHA", "AES256-GCM-SHA384", "AES128-SHA", "AES128-GCM-SHA256");
		assertThat(CipherList.openSslNames("NULL-SHA256:DES-CBC3-SHA:AES128-SHA:@STRENGTH"))
			.containsExactly("AES128-SHA", "DES-CBC3-SHA", "NULL-SHA256");
	}

	@Test
	void plusMovesMatchingSuitesToTheEnd() {
		assertThat(CipherList.openSslNames("AES128-SHA:AES256-GCM-SHA384:AES256-SHA:+SHA1"))
			.containsExactly("AES256-GCM-SHA384", "AES128-SHA", "AES256-SHA");
	}

	@Test
	void minusRemovesButAllowsReAddingWhileBangRemovesForGood() {
		assertThat(CipherList.openSslNames("AES128-SHA:AES256-SHA:-AES128-SHA:AES128-SHA"))
			.containsExactly("AES256-SHA", "AES128-SHA");
		assertThat(CipherList.openSslNames("AES128-SHA:AES256-SHA:!AES128-SHA:AES128-SHA")).containsExactly("AES256-SHA");
	}

	@Test
	void plusJoinsAliasesIntoAnIntersection() {
		assertThat(CipherList.openSslNames("ECDHE+AESGCM")).containsExactly("ECDHE-ECDSA-AES256-GCM-SHA384",
				"ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256");
		assertThat(CipherList.openSslNames("AES128-SHA+kRSA:AES256-SHA+kECDHE")).containsExactly("AES128-SHA");
	}

	@Test
	void separatorsAreColonCommaSemicolonAndSpace() {
		assertThat(CipherList.openSslNames("AES128-SHA, AES256-SHA;CAMELLIA128-SHA CAMELLIA256-SHA"))
			.containsExactly("AES128-SHA", "AES256-SHA", "CAMELLIA128-SHA", "CAMELLIA256-SHA");
	}

	@Test
	void ianaNamesAreAcceptedAsSuiteNames() {
		assertThat(CipherList.openSslNames("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256:tls_rsa_with_aes_128_cbc_sha"))
			.containsExactly("ECDHE-RSA-AES128-GCM-SHA256", "AES128-SHA");
	}

	@Test
	void defaultIsOnlyExpandedAtTheStart() {
		assertThat(CipherList.openSslNames("DEFAULT:!kRSA")).isNotEmpty().doesNotContain("AES128-SHA");
		CipherList.Result result = CipherList.parse("AES128-SHA:DEFAULT", bcSuites);
		assertThat(result.cipherSuites()).containsExactly("TLS_RSA_WITH_AES_128_CBC_SHA");
		assertThat(result.notes()).singleElement().asString().contains("DEFAULT is only expanded at the start");
	}

	@Test
	void secLevelIsAcceptedAndIgnoredWithANote() {
		CipherList.Result result = CipherList.parse("HIGH:@SECLEVEL=2", bcSuites);
		assertThat(result.isUsable()).isTrue();
		assertThat(result.notes()).singleElement().asString().startsWith("@SECLEVEL=2 ignored");
	}

	@Test
	void obsoleteAliasesSelectNothingWithANote() {
		CipherList.Result result = CipherList.parse("HIGH:!EXPORT:!LOW:!DES", bcSuites);
		assertThat(result.unknown()).isEmpty();
		assertThat(result.notes()).hasSize(2).allMatch((note) -> note.contains("selects nothing"));
		assertThat(CipherList.openSslNames("EXPORT:LOW")).isEmpty();
	}

	@Test
	void seedExampleSkipsRc4TheProviderLacks() {
		CipherList.Result result = CipherList.parse(SEED_LIST, bcSuites);
		assertThat(result.skipped()).contains("RC4-MD5", "RC4-SHA");
		assertThat(result.cipherSuites()).startsWith("TLS_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_AES_256_CBC_SHA")
			.contains("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384")
			.noneMatch((suite) -> suite.contains("_DSS_") || suite.contains("_anon_"));
		assertThat(result.isUsable()).isTrue();
		assertThat(result.warning()).get().asString().contains("RC4-MD5, RC4-SHA");
		assertThat(result.requireUsable()).isSameAs(result);
	}

	@Test
	void everySelectedSuiteIsEitherEnabledOrSkipped() {
		CipherList.Result result = CipherList.parse("ALL:COMPLEMENTOFALL", bcSuites);
		assertThat(result.cipherSuites().size() + result.skipped().size())
			.isEqualTo(CipherList.openSslNames("ALL:COMPLEMENTOFALL").size());
		assertThat(bcSuites).containsAll(result.cipherSuites());
		assertThat(result.skipped()).anyMatch((name) -> name.contains("PSK"));
	}

	@Test
	void unknownNamesAreReportedAndFailOnRequest() {
		CipherList.Result result = CipherList.parse("NOSUCHCIPHER:HIGH", bcSuites);
		assertThat(result.unknown()).containsExactly("NOSUCHCIPHER");
		assertThat(result.isEmpty()).isFalse();
		assertThat(result.isUsable()).isFalse();
		assertThatExceptionOfType(TlsConfigException.class).isThrownBy(result::requireUsable)
			.withMessageContaining("unknown cipher names: NOSUCHCIPHER")
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(TlsConfigException.Kind.INVALID_CIPHER_LIST));
		assertThatIllegalArgumentException().isThrownBy(() -> CipherList.openSslNames("NOSUCHCIPHER:HIGH:high"))
			.withMessageContaining("NOSUCHCIPHER, high");
	}

	@Test
	void malformedElementsAndTls13NamesAreUnknown() {
		assertThat(CipherList.parse("HIGH:ECDHE+:@FOO:!:AES$", bcSuites).unknown())
			.containsExactly("ECDHE+", "@FOO", "!", "AES$");
		assertThat(CipherList.parse("TLS_AES_128_GCM_SHA256:HIGH", bcSuites).unknown()).singleElement()
			.asString()
			.contains("tls1_3_plus_cipher_list");
	}

	@Test
	void onlyUnsupportedSuitesGiveAnEmptyResult() {
		CipherList.Result result = CipherList.parse("RC4-MD5", bcSuites);
		assertThat(result.isEmpty()).isTrue();
		assertThat(result.skipped()).containsExactly("RC4-MD5");
		assertThat(result.problem()).get().asString().contains("leaves no cipher suite").contains("RC4-MD5");
		assertThatExceptionOfType(TlsConfigException.class).isThrownBy(result::requireUsable);
	}

	@Test
	void emptyStringIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> CipherList.parse(" ", bcSuites))
			.withMessageContaining("Cipher list is empty");
		assertThatIllegalArgumentException().isThrownBy(() -> CipherList.openSslNames(""));
	}

	@Test
	void sunJsseSslPrefixedNamesMatch() {
		CipherList.Result result = CipherList.parse("DES-CBC3-SHA:AES128-SHA",
				List.of("SSL_RSA_WITH_3DES_EDE_CBC_SHA", "TLS_RSA_WITH_AES_128_CBC_SHA"));
		assertThat(result.cipherSuites()).containsExactly("SSL_RSA_WITH_3DES_EDE_CBC_SHA", "TLS_RSA_WITH_AES_128_CBC_SHA");
	}

	@Test
	void tls13ListKeepsOrderAndDropsUnsupported() {
		assertThat(CipherList.tls13Suites("TLS_CHACHA20_POLY1305_SHA256:TLS_AES_256_GCM_SHA384", bcSuites))
			.containsExactly("TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_256_GCM_SHA384");
		assertThat(CipherList.tls13Suites("TLS_AES_128_GCM_SHA256:TLS_AES_128_CCM_8_SHA256",
				List.of("TLS_AES_128_GCM_SHA256")))
			.containsExactly("TLS_AES_128_GCM_SHA256");
		assertThat(CipherList.tls13Suites("", bcSuites)).isEmpty();
	}

	@Test
	void tls13ListRejectsUnknownAndUnsupportedOnly() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CipherList.tls13Suites("TLS_AES_256_GCM_SHA384:ECDHE-RSA-AES128-GCM-SHA256", bcSuites))
			.withMessageContaining("not TLS 1.3 suite names: ECDHE-RSA-AES128-GCM-SHA256");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CipherList.tls13Suites("TLS_AES_128_CCM_8_SHA256", List.of("TLS_AES_128_GCM_SHA256")))
			.withMessageContaining("none of these TLS 1.3 suites is supported");
	}

}
