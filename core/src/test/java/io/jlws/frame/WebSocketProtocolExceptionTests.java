package io.jlws.frame;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WebSocketProtocolExceptionTests {

	@Test
	void factoriesCarryTheirCloseCodes() {
		assertThat(WebSocketProtocolException.protocolError("p").closeCode()).isEqualTo(1002);
		assertThat(WebSocketProtocolException.invalidPayload("i").closeCode()).isEqualTo(1007);
		assertThat(WebSocketProtocolException.tooBig("t").closeCode()).isEqualTo(1009);
		assertThat(new WebSocketProtocolException(1008, "policy")).hasMessage("policy")
			.satisfies((ex) -> assertThat(ex.closeCode()).isEqualTo(1008));
	}

	@Test
	void noStackTraceIsCaptured() {
		WebSocketProtocolException ex = WebSocketProtocolException.protocolError("Control frames must be final");
		assertThat(ex.getStackTrace()).isEmpty();
		assertThat(ex).hasNoCause();
	}

}
