package io.jlws.sample.tls;

import io.jlws.sample.interop.BrowserDriver;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test page over {@code https://} and its WebSockets over {@code wss://} in Debian's Chromium, headless, driven
 * by {@code src/test/browser/testpage-tls.js}: {@code testpage.js} unchanged, with Chromium told to accept the test
 * certificate ({@code --ignore-certificate-errors}; installing the test CA would need an NSS database). The page
 * picks {@code wss://} itself because it was loaded over https; the script checks the dumb-increment counter, the
 * mirror and lws-status, and saves {@code target/browser/testpage-tls.png}.
 */
class BrowserTestPageTlsTests extends TlsSampleAppTests {

	@Value("${local.jlws.port}")
	private int port;

	@Test
	void testPageWorksOverHttpsAndWssInHeadlessChromium() throws Exception {
		String output = BrowserDriver.run("testpage-tls.js", "https://127.0.0.1:" + this.port + "/", "testpage-tls");
		assertThat(output).contains("[testpage-tls] https", "[testpage] OK");
	}

}
