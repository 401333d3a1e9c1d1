package io.jlws.frame;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class CloseCodesTests {

	@ParameterizedTest
	@ValueSource(ints = { 1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000,
			4999 })
	void codesAllowedOnTheWire(int code) {
		assertThat(CloseCodes.isValidOnWire(code)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(ints = { -1, 0, 999, 1004, 1005, 1006, 1015, 1016, 1999, 2000, 2999, 5000, 65535 })
	void codesNeverAllowedOnTheWire(int code) {
		assertThat(CloseCodes.isValidOnWire(code)).isFalse();
	}

	@Test
	void constantsHaveTheirRegisteredValues() {
		assertThat(new int[] { CloseCodes.NORMAL, CloseCodes.GOING_AWAY, CloseCodes.PROTOCOL_ERROR,
				CloseCodes.UNSUPPORTED_DATA, CloseCodes.NO_STATUS, CloseCodes.ABNORMAL, CloseCodes.INVALID_PAYLOAD,
				CloseCodes.POLICY_VIOLATION, CloseCodes.MESSAGE_TOO_BIG, CloseCodes.MANDATORY_EXTENSION,
				CloseCodes.INTERNAL_ERROR, CloseCodes.SERVICE_RESTART, CloseCodes.TRY_AGAIN_LATER,
				CloseCodes.BAD_GATEWAY })
			.containsExactly(1000, 1001, 1002, 1003, 1005, 1006, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014);
	}

}
