package io.jlws.tls;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed {@link OpenSslSuiteTable} against the local OpenSSL: every suite it prints is in the table,
 * with the same attributes and in the same order, and the table has nothing else but the hand-written rows.
 */
class OpenSslSuiteTableTests {

	@Test
	void generatedRowsMatchTheLocalOpenSsl() throws IOException, InterruptedException {
		OpenSslCli.assumeAvailable();
		List<OpenSslSuite> local = CipherTableGenerator.rows().stream().map(OpenSslSuite::parse).toList();
		assertThat(OpenSslSuiteTable.all().subList(0, local.size())).containsExactlyElementsOf(local);
	}

	@Test
	void handWrittenRowsAreTheSuitesLeftOutOfThisOpenSslBuild() {
		assertThat(OpenSslSuiteTable.all().subList(155, OpenSslSuiteTable.all().size()))
			.allMatch((suite) -> switch (suite.enc()) {
				case RC4, TRIPLE_DES, SEED, IDEA -> true;
				default -> false;
			})
			.hasSize(29);
	}

	@Test
	void namesResolveByOpenSslNameExactlyAndByIanaNameInAnyCase() {
		assertThat(OpenSslSuiteTable.byName("ECDHE-RSA-AES128-GCM-SHA256").ianaName())
			.isEqualTo("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
		assertThat(OpenSslSuiteTable.byName("tls_dh_anon_with_aes_128_cbc_sha").openSslName()).isEqualTo("ADH-AES128-SHA");
		assertThat(OpenSslSuiteTable.byName("ecdhe-rsa-aes128-gcm-sha256")).isNull();
		assertThat(OpenSslSuiteTable.byName("RC4-MD5").strength()).isEqualTo(OpenSslSuite.Strength.MEDIUM);
	}

	@Test
	void everySuiteHasAUniqueCodePoint() {
		assertThat(OpenSslSuiteTable.all()).extracting(OpenSslSuite::id).doesNotHaveDuplicates();
	}

}
