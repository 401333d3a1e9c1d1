package io.jlws;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LogLevelTest {

	@Test
	void bitsHaveLibwebsocketsValues() {
		assertThat(new int[] { LogLevel.ERR, LogLevel.WARN, LogLevel.NOTICE, LogLevel.INFO, LogLevel.DEBUG,
				LogLevel.PARSER, LogLevel.HEADER, LogLevel.EXT, LogLevel.CLIENT, LogLevel.LATENCY, LogLevel.USER })
			.containsExactly(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024);
		assertThat(LogLevel.DEFAULT).isEqualTo(7);
	}

	@Test
	void masksParseFromNumbersOrNames() {
		assertThat(LogLevel.parse("1031")).isEqualTo(1031);
		assertThat(LogLevel.parse("err,warn,notice,user")).isEqualTo(1031);
		assertThat(LogLevel.parse(" ERR , Parser ")).isEqualTo(33);
		assertThatIllegalArgumentException().isThrownBy(() -> LogLevel.parse("err,loud"))
			.withMessageContaining("Unknown log level 'loud'");
		assertThatIllegalArgumentException().isThrownBy(() -> LogLevel.parse("4096"))
			.withMessageContaining("outside");
	}

	@Test
	void aCustomEmitterGetsOnlyLinesThatPassTheMaskAndTheStartupNotice() throws Exception {
		List<String> lines = new CopyOnWriteArrayList<>();
		LogEmitter emitter = (bit, line) -> lines.add(LogLevel.name(bit) + ": " + line);
		Context context = Context.create(ContextInfo.builder()
			.address("127.0.0.1")
			.port(0)
			.logEmitter(emitter)
			.limits(Limits.builder().maxConnections(100).build())
			.build());
		try {
			assertThat(lines).singleElement().asString().matches("notice: max connections 100 \\(fd limit \\d+\\)");
			context.log(LogLevel.USER, "hidden {}", 1);
			context.log(LogLevel.INFO, "hidden {}", 2);
			context.setLogLevel(LogLevel.USER | LogLevel.INFO, null);
			context.log(LogLevel.USER, "shown {}", 3);
			context.log(LogLevel.INFO, "shown {}", 4);
			context.log(LogLevel.NOTICE, "hidden {}", 5);
			assertThat(lines).containsExactly(lines.get(0), "user: shown 3", "info: shown 4");
			assertThat(context.logLevel()).isEqualTo(LogLevel.USER | LogLevel.INFO);
		}
		finally {
			context.stop();
		}
		assertThat(context.isRunning()).isFalse();
	}

}
