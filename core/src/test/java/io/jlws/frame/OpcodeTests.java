package io.jlws.frame;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OpcodeTests {

	@Test
	void dataAndControlOpcodesAreClassifiedPerRfc6455() {
		for (int op = 0; op < 16; op++) {
			assertThat(Opcode.isControl(op)).as("control %d", op).isEqualTo(op >= 8);
			assertThat(Opcode.isData(op)).as("data %d", op).isEqualTo(op <= 2);
			assertThat(Opcode.isKnown(op)).as("known %d", op).isEqualTo(op <= 2 || (op >= 8 && op <= 10));
		}
	}

	@Test
	void namesAreReadable() {
		assertThat(Opcode.name(Opcode.CONTINUATION)).isEqualTo("CONTINUATION");
		assertThat(Opcode.name(Opcode.TEXT)).isEqualTo("TEXT");
		assertThat(Opcode.name(Opcode.BINARY)).isEqualTo("BINARY");
		assertThat(Opcode.name(Opcode.CLOSE)).isEqualTo("CLOSE");
		assertThat(Opcode.name(Opcode.PING)).isEqualTo("PING");
		assertThat(Opcode.name(Opcode.PONG)).isEqualTo("PONG");
		assertThat(Opcode.name(0xB)).isEqualTo("RESERVED(0xB)");
	}

}
