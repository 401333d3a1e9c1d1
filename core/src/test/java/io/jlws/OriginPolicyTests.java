package io.jlws;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class OriginPolicyTests {

	@Test
	void noEntriesMeansSameOrigin() {
		OriginPolicy p = OriginPolicy.of(List.of());
		assertThat(p).isSameAs(OriginPolicy.SAME_ORIGIN);
		assertThat(p.allows("http://127.0.0.1:7681", "127.0.0.1:7681")).isTrue();
		assertThat(p.allows("HTTPS://Example.COM", "example.com:443")).isTrue();
		assertThat(p.allows("https://example.com", "example.com")).as("Host without a port: the host decides").isTrue();
		assertThat(p.allows("http://127.0.0.1:8080", "127.0.0.1:7681")).as("another port").isFalse();
		assertThat(p.allows("https://evil.example", "example.com")).isFalse();
		assertThat(p.allows("https://example.com.evil.example", "example.com")).isFalse();
		assertThat(p.allows("http://[::1]:7681", "[::1]:7681")).isTrue();
		assertThat(p.allows("http://[::1]:7681", "[::1]:7682")).isFalse();
		assertThat(p.allows("https://example.com", null)).isFalse();
		assertThat(p.allows("null", "example.com")).isFalse();
	}

	@Test
	void aRequestWithoutOriginIsNotFromABrowserPageAndAlwaysPasses() {
		assertThat(OriginPolicy.of(List.of()).allows(null, "example.com")).isTrue();
		assertThat(OriginPolicy.of(List.of("https://example.com")).allows(null, "example.com")).isTrue();
		assertThat(OriginPolicy.of(List.of("*")).allows(null, null)).isTrue();
	}

	@Test
	void aStarAllowsEveryOrigin() {
		OriginPolicy p = OriginPolicy.of(List.of("https://example.com", "*"));
		assertThat(p.allows("https://anything.example", "example.com")).isTrue();
		assertThat(p.allows("null", "example.com")).isTrue();
	}

	@Test
	void listedOriginsMatchIgnoringCaseWithTheSchemesDefaultPort() {
		OriginPolicy p = OriginPolicy.of(List.of("https://example.com", " http://localhost:8080 "));
		assertThat(p.allows("https://example.com", "ws.example.com")).isTrue();
		assertThat(p.allows("HTTPS://Example.COM:443", "ws.example.com")).isTrue();
		assertThat(p.allows("http://localhost:8080", "x")).isTrue();
		assertThat(p.allows("http://localhost:8081", "x")).isFalse();
		assertThat(p.allows("http://example.com", "x")).as("another scheme").isFalse();
		assertThat(p.allows("https://example.com.evil.example", "x")).isFalse();
		assertThat(p.allows("https://sub.example.com", "x")).isFalse();
		assertThat(p.allows("null", "x")).isFalse();
		assertThat(p.allows("https://example.com/path", "x")).as("not an origin").isFalse();
	}

	@Test
	void patternsMatchSubdomainsOrAnyPort() {
		OriginPolicy p = OriginPolicy.of(List.of("https://*.example.com", "http://localhost:*"));
		assertThat(p.allows("https://a.example.com", "x")).isTrue();
		assertThat(p.allows("https://a.b.example.com", "x")).isTrue();
		assertThat(p.allows("https://example.com", "x")).as("the apex is not a subdomain").isFalse();
		assertThat(p.allows("https://evilexample.com", "x")).isFalse();
		assertThat(p.allows("http://a.example.com", "x")).isFalse();
		assertThat(p.allows("http://localhost:3000", "x")).isTrue();
		assertThat(p.allows("http://localhost", "x")).isTrue();
		assertThat(p.allows("http://localhost.evil.example:3000", "x")).isFalse();
	}

	@Test
	void entriesThatAreNotOriginsAreRejectedNamingTheEntry() {
		for (String bad : List.of("example.com", "https://", "https://example.com/", "https://ex*ample.com",
				"https://example.com:99999", "https://example.com:x", "https://user@example.com", "ftp://example.com")) {
			assertThatIllegalArgumentException().as(bad).isThrownBy(() -> OriginPolicy.of(List.of(bad)))
				.withMessageContaining("'" + bad + "'");
		}
	}

}
