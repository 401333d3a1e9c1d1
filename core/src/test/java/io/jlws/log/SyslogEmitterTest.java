package io.jlws.log;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.jlws.CallbackResult;
import io.jlws.Context;
import io.jlws.ContextInfo;
import io.jlws.LogLevel;
import io.jlws.Protocol;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SyslogEmitterTest {

	private static final Pattern BSD = Pattern
		.compile("<(\\d+)>([A-Z][a-z]{2} [ \\d]\\d \\d{2}:\\d{2}:\\d{2}) (\\S+) (\\S+)\\[(\\d+)\\]: (.*)", Pattern.DOTALL);

	private static final long PID = ProcessHandle.current().pid();

	private DatagramSocket receiver;

	private final List<AutoCloseable> closeables = new ArrayList<>();

	@BeforeEach
	void bind() throws Exception {
		this.receiver = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
		this.receiver.setReceiveBufferSize(1 << 20);
		this.receiver.setSoTimeout(5000);
	}

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable c : this.closeables) {
			c.close();
		}
		this.receiver.close();
	}

	private SyslogEmitter.Builder toReceiver() {
		return SyslogEmitter.builder().target("127.0.0.1", this.receiver.getLocalPort()).hostname("testhost");
	}

	private SyslogEmitter open(SyslogEmitter.Builder builder) throws Exception {
		SyslogEmitter emitter = builder.build();
		this.closeables.add(emitter);
		return emitter;
	}

	private String receive() throws Exception {
		byte[] buf = new byte[65536];
		DatagramPacket packet = new DatagramPacket(buf, buf.length);
		this.receiver.receive(packet);
		return new String(buf, 0, packet.getLength(), StandardCharsets.UTF_8);
	}

	private String receiveUntil(Predicate<String> wanted) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		List<String> seen = new ArrayList<>();
		while (System.nanoTime() < deadline) {
			String datagram = receive();
			if (wanted.test(datagram)) {
				return datagram;
			}
			seen.add(datagram);
		}
		throw new AssertionError("not received; got " + seen);
	}

	private static Matcher bsd(String datagram) {
		Matcher m = BSD.matcher(datagram);
		assertThat(m.matches()).as("RFC 3164 datagram: %s", datagram).isTrue();
		return m;
	}

	@Test
	void everyLwsLevelGetsTheSeverityOfLwslEmitSyslogAndTheFacility() throws Exception {
		SyslogEmitter emitter = open(toReceiver().facility(SyslogFacility.LOCAL3).appName("myapp"));
		int[] expected = { 3, 4, 5, 6, 7, 7, 7, 7, 7, 7, 7 };
		for (int i = 0; i < expected.length; i++) {
			int bit = 1 << i;
			emitter.emit(bit, "line for " + LogLevel.name(bit));
			Matcher m = bsd(receive());
			assertThat(Integer.parseInt(m.group(1))).as(LogLevel.name(bit)).isEqualTo(19 * 8 + expected[i]);
			assertThat(m.group(3)).isEqualTo("testhost");
			assertThat(m.group(4)).isEqualTo("myapp");
			assertThat(Long.parseLong(m.group(5))).isEqualTo(PID);
			assertThat(m.group(6)).isEqualTo("line for " + LogLevel.name(bit));
		}
		assertThat(emitter.sentCount()).isEqualTo(11);
		assertThat(emitter.droppedCount()).isZero();
	}

	@Test
	void rfc3164UsesLocalTimeWithSpacePaddedDayAndShortHostname() throws Exception {
		Clock clock = Clock.fixed(Instant.parse("2024-03-05T06:07:08.123Z"), ZoneOffset.ofHours(2));
		SyslogEmitter emitter = open(toReceiver().hostname("box.example.org").clock(clock));
		emitter.emit(LogLevel.WARN, "careful");
		assertThat(receive()).isEqualTo("<12>Mar  5 08:07:08 box jlws[" + PID + "]: careful");
	}

	@Test
	void rfc5424CarriesTheLwsLevelNameAsMsgId() throws Exception {
		Clock clock = Clock.fixed(Instant.parse("2024-03-05T06:07:08.123456Z"), ZoneOffset.ofHours(2));
		SyslogEmitter emitter = open(toReceiver().format(SyslogFormat.RFC5424)
			.facility(SyslogFacility.DAEMON)
			.hostname("box.example.org")
			.clock(clock));
		emitter.emit(LogLevel.USER, "hello user");
		assertThat(receive())
			.isEqualTo("<31>1 2024-03-05T08:07:08.123+02:00 box.example.org jlws " + PID + " user - hello user");
		emitter.emit(LogLevel.NOTICE, "notable");
		assertThat(receive()).startsWith("<29>1 ").endsWith(" jlws " + PID + " notice - notable");
	}

	@Test
	void longLinesAreCutOnACharacterBoundaryAndTrailingNewlinesDropped() throws Exception {
		SyslogEmitter emitter = open(toReceiver().maxDatagramBytes(480));
		String line = "é".repeat(400);
		byte[] datagram = emitter.encode(LogLevel.NOTICE, line);
		assertThat(datagram.length).isBetween(479, 480);
		String text = new String(datagram, StandardCharsets.UTF_8);
		assertThat(text).doesNotContain("\uFFFD").endsWith("éé");
		assertThat(new String(emitter.encode(LogLevel.ERR, "oops\r\n"), StandardCharsets.UTF_8)).endsWith(": oops");
	}

	@Test
	void failuresAreCountedNeverThrown() throws Exception {
		SyslogEmitter emitter = open(toReceiver());
		emitter.close();
		assertThatCode(() -> emitter.emit(LogLevel.ERR, "after close")).doesNotThrowAnyException();
		assertThat(emitter.droppedCount()).isEqualTo(1);
		emitter.close();
		// Nobody listens on the discard port of this free socket: UDP sends succeed regardless.
		DatagramSocket unused = new DatagramSocket(0, InetAddress.getLoopbackAddress());
		int deadPort = unused.getLocalPort();
		unused.close();
		SyslogEmitter nowhere = open(SyslogEmitter.builder().target("127.0.0.1", deadPort));
		for (int i = 0; i < 3; i++) {
			assertThatCode(() -> nowhere.emit(LogLevel.NOTICE, "into the void")).doesNotThrowAnyException();
		}
		assertThat(nowhere.sentCount() + nowhere.droppedCount()).isEqualTo(3);
	}

	@Test
	void emitIsSafeFromManyThreads() throws Exception {
		SyslogEmitter emitter = open(toReceiver());
		Set<String> received = ConcurrentHashMap.newKeySet();
		Thread reader = new Thread(() -> {
			try {
				while (received.size() < 100) {
					received.add(bsd(receive()).group(6));
				}
			}
			catch (SocketTimeoutException ex) {
				// the assertion below reports what is missing
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		reader.start();
		CountDownLatch go = new CountDownLatch(1);
		List<Thread> writers = new ArrayList<>();
		for (int t = 0; t < 4; t++) {
			int id = t;
			Thread w = new Thread(() -> {
				try {
					go.await();
				}
				catch (InterruptedException ex) {
					return;
				}
				for (int i = 0; i < 25; i++) {
					emitter.emit(LogLevel.NOTICE, "t" + id + " #" + i);
				}
			});
			w.start();
			writers.add(w);
		}
		go.countDown();
		for (Thread w : writers) {
			w.join(5000);
		}
		reader.join(10000);
		assertThat(received).hasSize(100).contains("t0 #0", "t3 #24");
		assertThat(emitter.sentCount()).isEqualTo(100);
	}

	@Test
	void aContextLogsThroughIt() throws Exception {
		SyslogEmitter emitter = open(toReceiver());
		Protocol<Void> echo = Protocol.of("echo", (conn, reason, session, in) -> CallbackResult.CONTINUE);
		Context context = Context.create(ContextInfo.builder()
			.address("127.0.0.1")
			.port(0)
			.protocol(echo)
			.logLevel(LogLevel.DEFAULT | LogLevel.USER)
			.logEmitter(emitter)
			.build());
		try {
			Matcher startup = bsd(receiveUntil((d) -> d.contains("max connections")));
			assertThat(startup.group(1)).isEqualTo("13");
			assertThat(startup.group(6)).matches("max connections \\d+ \\(fd limit \\d+\\)");
			context.log(LogLevel.USER, "hello {}", "user");
			assertThat(bsd(receiveUntil((d) -> d.endsWith("hello user"))).group(1)).isEqualTo("15");
			context.log(LogLevel.ERR, "bad {}", 42);
			assertThat(bsd(receiveUntil((d) -> d.endsWith("bad 42"))).group(1)).isEqualTo("11");
			context.log(LogLevel.INFO, "filtered by the mask");
			context.log(LogLevel.WARN, "after the filtered one");
			assertThat(receiveUntil((d) -> d.contains("after the filtered one") || d.contains("filtered by")))
				.endsWith("after the filtered one");
		}
		finally {
			context.stop();
		}
	}

	@Test
	void builderRejectsWhatSyslogCannotCarry() throws Exception {
		assertThatIllegalArgumentException().isThrownBy(() -> SyslogEmitter.builder().appName("my app"));
		assertThatIllegalArgumentException().isThrownBy(() -> SyslogEmitter.builder().appName(""));
		assertThatIllegalArgumentException().isThrownBy(() -> SyslogEmitter.builder().maxDatagramBytes(100));
		try (SyslogEmitter defaults = SyslogEmitter.builder().build()) {
			assertThat(defaults.target().getPort()).isEqualTo(SyslogEmitter.DEFAULT_PORT);
			assertThat(defaults.target().getAddress().isLoopbackAddress()).isTrue();
		}
	}

}
