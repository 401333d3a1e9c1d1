package io.jlws.sample.interop;

import io.jlws.sample.support.SampleAppTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test page in a real browser: Debian's Chromium, headless, driven by {@code playwright-core} from
 * {@code src/test/browser/testpage.js} (whose {@code npm ci} .ci/run does). The script checks the dumb-increment
 * counter, draws on the mirror canvas until a stroke comes back, sees itself in lws-status and saves
 * {@code target/browser/testpage.png}.
 */
@SampleAppTest
class BrowserTestPageTests {

	@Value("${local.jlws.port}")
	private int port;

	@Test
	void testPageCountsMirrorsAndShowsStatusInHeadlessChromium() throws Exception {
		String output = BrowserDriver.run("testpage.js", "http://127.0.0.1:" + this.port + "/", "testpage");
		assertThat(output).contains("[testpage] OK");
	}

}
