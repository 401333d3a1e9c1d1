package io.jlws.frame;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.jlws.frame.FrameParser.Event;
import io.jlws.frame.ParserDriver.Frame;
import io.jlws.frame.ParserDriver.Recorded;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.jlws.frame.TestFrames.KEY;
import static io.jlws.frame.TestFrames.concat;
import static io.jlws.frame.TestFrames.hex;
import static io.jlws.frame.TestFrames.masked;
import static io.jlws.frame.TestFrames.unmasked;
import static io.jlws.frame.TestFrames.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class FrameParserTests {

	@Test
	void rfcExampleUnmaskedTextFrameIsOneDataEvent() {
		// RFC 6455 5.7: a single-frame unmasked text message containing "Hello".
		ParserDriver driver = ParserDriver.client().feed(hex("81 05 48 65 6c 6c 6f"));
		assertThat(driver.events).containsExactly(new Recorded(Event.DATA, Opcode.TEXT, Opcode.TEXT, true, 0, true,
				true, 0, true, hex(utf8("Hello")), 0, null));
	}

	@Test
	void rfcExampleMaskedTextFrameIsUnmaskedInPlace() {
		// RFC 6455 5.7: a single-frame masked text message containing "Hello", key 37 fa 21 3d.
		ByteBuffer in = ByteBuffer.wrap(hex("81 85 37 fa 21 3d 7f 9f 4d 51 58"));
		FrameParser parser = new FrameParser(true, Long.MAX_VALUE, Long.MAX_VALUE);
		assertThat(parser.next(in, 1024)).isEqualTo(Event.DATA);
		assertThat(parser.chunkStart()).isEqualTo(6);
		assertThat(parser.chunkLength()).isEqualTo(5);
		assertThat(hex(in.array())).isEqualTo("818537fa213d" + hex(utf8("Hello")));
		assertThat(parser.next(in, 1024)).isEqualTo(Event.NEED_MORE);
	}

	@Test
	void rfcExampleFragmentedTextMessageKeepsItsMessageOpcode() {
		// RFC 6455 5.7: "Hel" (01 03, not final) then "lo" (80 02, final continuation).
		ParserDriver driver = ParserDriver.client().feed(hex("01 03 48 65 6c 80 02 6c 6f"));
		assertThat(driver.events).containsExactly(
				new Recorded(Event.DATA, Opcode.TEXT, Opcode.TEXT, false, 0, true, true, 0, false, hex(utf8("Hel")), 0,
						null),
				new Recorded(Event.DATA, Opcode.CONTINUATION, Opcode.TEXT, true, 0, true, false, 0, true,
						hex(utf8("lo")), 0, null));
	}

	@Test
	void rfcExamplePingAndMaskedPongAreControlEvents() {
		// RFC 6455 5.7: unmasked Ping "Hello", then a masked Pong "Hello" (parsed by a server).
		ParserDriver client = ParserDriver.client().feed(hex("89 05 48 65 6c 6c 6f"));
		ParserDriver server = ParserDriver.server().feed(hex("8a 85 37 fa 21 3d 7f 9f 4d 51 58"));
		assertThat(client.frames())
			.containsExactly(new Frame(Event.CONTROL, Opcode.PING, 0, true, hex(utf8("Hello")), 0, null));
		assertThat(server.frames())
			.containsExactly(new Frame(Event.CONTROL, Opcode.PONG, 0, true, hex(utf8("Hello")), 0, null));
	}

	@Test
	void rfcExampleLengthsUse16And64BitEncodings() {
		// RFC 6455 5.7: 256 bytes in one unmasked binary frame (82 7E 0100), and 64 KiB (82 7F 0..010000).
		byte[] small = TestFrames.binaryOfLength(256);
		byte[] large = TestFrames.binaryOfLength(65536);
		ParserDriver driver = ParserDriver.client()
			.feed(concat(hex("82 7E 0100"), small, hex("82 7F 0000000000010000"), large));
		assertThat(driver.frames()).extracting(Frame::payload).containsExactly(hex(small), hex(large));
	}

	static Stream<Arguments> roundTrips() {
		int[] lengths = IntStream
			.concat(IntStream.concat(IntStream.rangeClosed(0, 5), IntStream.rangeClosed(125, 129)),
					IntStream.concat(IntStream.rangeClosed(65535, 65539), IntStream.of(1 << 20)))
			.toArray();
		Stream.Builder<Arguments> cases = Stream.builder();
		for (int length : lengths) {
			for (boolean masked : new boolean[] { true, false }) {
				cases.add(Arguments.of(Opcode.TEXT, length, masked));
				cases.add(Arguments.of(Opcode.BINARY, length, masked));
			}
		}
		return cases.build();
	}

	@ParameterizedTest(name = "{0} of {1} bytes, masked={2}")
	@MethodSource("roundTrips")
	void frameWrittenByTheWriterParsesBackToTheSamePayload(int opcode, int length, boolean masked) {
		byte[] payload = (opcode == Opcode.TEXT) ? TestFrames.textOfLength(length) : TestFrames.binaryOfLength(length);
		int header = FrameHeaderWriter.headerLength(length, masked);
		ByteBuffer wire = ByteBuffer.allocate(header + length);
		FrameHeaderWriter.writeHeader(wire, true, opcode, length, masked, KEY);
		assertThat(wire.position()).isEqualTo(header);
		wire.put(payload);
		Masking.mask(wire, header, header + length, masked ? KEY : 0, 0);
		wire.flip();

		FrameParser parser = new FrameParser(masked, Long.MAX_VALUE, Long.MAX_VALUE);
		assertThat(parser.next(wire, Integer.MAX_VALUE)).isEqualTo(Event.DATA);
		assertThat(parser.opcode()).isEqualTo(opcode);
		assertThat(parser.messageOpcode()).isEqualTo(opcode);
		assertThat(parser.fin()).isTrue();
		assertThat(parser.isFirstChunkOfFrame()).isTrue();
		assertThat(parser.isFirstChunkOfMessage()).isTrue();
		assertThat(parser.isMessageComplete()).isTrue();
		assertThat(parser.chunkStart()).isEqualTo(header);
		assertThat(parser.payload()).isEqualTo(ByteBuffer.wrap(payload));
		assertThat(parser.next(wire, Integer.MAX_VALUE)).isEqualTo(Event.NEED_MORE);
	}

	@Test
	void megabyteFrameInSmallChunksArrivesInOrder() {
		byte[] payload = TestFrames.textOfLength(1 << 20);
		ParserDriver driver = new ParserDriver(new FrameParser(true, Long.MAX_VALUE, Long.MAX_VALUE), 4096)
			.feedReusingOneBuffer(masked(true, Opcode.TEXT, payload, KEY), 10_000);
		assertThat(driver.frames()).extracting(Frame::payload).containsExactly(hex(payload));
	}

	/** Fragmented text with an interleaved ping, splitting a code point across fragments, and more. */
	static byte[] conversation(Integer key) {
		byte[] euro = utf8("\u20ac");
		return concat(TestFrames.encode(false, 0, Opcode.TEXT, utf8("Hello, "), key),
				TestFrames.encode(true, 0, Opcode.PING, utf8("ping!"), key),
				TestFrames.encode(false, 0, Opcode.CONTINUATION, concat(utf8("w\u00f6rld "), new byte[] { euro[0] }), key),
				TestFrames.encode(true, 0, Opcode.PONG, new byte[0], key),
				TestFrames.encode(true, 0, Opcode.CONTINUATION, concat(new byte[] { euro[1], euro[2] }, utf8("!")), key),
				TestFrames.encode(true, 0, Opcode.BINARY, TestFrames.binaryOfLength(300), key),
				TestFrames.encode(true, 0, Opcode.BINARY, new byte[0], key),
				TestFrames.encode(false, 0, Opcode.TEXT, new byte[0], key),
				TestFrames.encode(true, 0, Opcode.CONTINUATION, new byte[0], key),
				TestFrames.encode(true, 0, Opcode.CLOSE, concat(hex("03e8"), utf8("bye")), key));
	}

	static List<Frame> expectedConversation() {
		byte[] euro = utf8("\u20ac");
		return List.of(new Frame(Event.DATA, Opcode.TEXT, Opcode.TEXT, false, hex(utf8("Hello, ")), 0, null),
				new Frame(Event.CONTROL, Opcode.PING, 0, true, hex(utf8("ping!")), 0, null),
				new Frame(Event.DATA, Opcode.CONTINUATION, Opcode.TEXT, false,
						hex(concat(utf8("w\u00f6rld "), new byte[] { euro[0] })), 0, null),
				new Frame(Event.CONTROL, Opcode.PONG, 0, true, "", 0, null),
				new Frame(Event.DATA, Opcode.CONTINUATION, Opcode.TEXT, true,
						hex(concat(new byte[] { euro[1], euro[2] }, utf8("!"))), 0, null),
				new Frame(Event.DATA, Opcode.BINARY, Opcode.BINARY, true, hex(TestFrames.binaryOfLength(300)), 0, null),
				new Frame(Event.DATA, Opcode.BINARY, Opcode.BINARY, true, "", 0, null),
				new Frame(Event.DATA, Opcode.TEXT, Opcode.TEXT, false, "", 0, null),
				new Frame(Event.DATA, Opcode.CONTINUATION, Opcode.TEXT, true, "", 0, null),
				new Frame(Event.CONTROL, Opcode.CLOSE, 0, true, hex(concat(hex("03e8"), utf8("bye"))), 1000, "bye"));
	}

	@ParameterizedTest(name = "masked={0}")
	@ValueSource(booleans = { true, false })
	void conversationInOneBufferGivesTheExpectedFrames(boolean masked) {
		ParserDriver driver = driver(masked, Integer.MAX_VALUE).feed(conversation(masked ? KEY : null));
		assertThat(driver.frames()).isEqualTo(expectedConversation());
		assertThat(driver.events).hasSize(expectedConversation().size());
	}

	@ParameterizedTest(name = "masked={0}")
	@ValueSource(booleans = { true, false })
	void conversationSplitInTwoAtEveryOffsetGivesTheSameFrames(boolean masked) {
		byte[] wire = conversation(masked ? KEY : null);
		for (int split = 0; split <= wire.length; split++) {
			ParserDriver driver = driver(masked, Integer.MAX_VALUE);
			driver.feed(java.util.Arrays.copyOfRange(wire, 0, split));
			driver.feed(java.util.Arrays.copyOfRange(wire, split, wire.length));
			assertThat(driver.frames()).as("split at %d", split).isEqualTo(expectedConversation());
		}
	}

	@ParameterizedTest(name = "masked={0}, maxChunk={1}")
	@MethodSource("chunkSizes")
	void conversationFedOneByteAtATimeIntoAReusedBufferGivesTheSameFrames(boolean masked, int maxChunk) {
		ParserDriver driver = driver(masked, maxChunk).feedReusingOneBuffer(conversation(masked ? KEY : null), 1);
		assertThat(driver.frames()).isEqualTo(expectedConversation());
	}

	@ParameterizedTest(name = "masked={0}, maxChunk={1}")
	@MethodSource("chunkSizes")
	void conversationInPiecesOfEverySizeGivesTheSameFrames(boolean masked, int maxChunk) {
		byte[] wire = conversation(masked ? KEY : null);
		for (int piece = 1; piece <= 40; piece++) {
			ParserDriver driver = driver(masked, maxChunk).feedReusingOneBuffer(wire, piece);
			assertThat(driver.frames()).as("pieces of %d", piece).isEqualTo(expectedConversation());
		}
	}

	static Stream<Arguments> chunkSizes() {
		return Stream.of(Arguments.of(true, 1), Arguments.of(true, 7), Arguments.of(true, 1 << 16),
				Arguments.of(false, 1), Arguments.of(false, 7), Arguments.of(false, 1 << 16));
	}

	@Test
	void maxChunkSmallerThanTheFrameSplitsItWithConsistentFlags() {
		byte[] payload = utf8("0123456789");
		ParserDriver driver = new ParserDriver(new FrameParser(true, 100, 100), 3)
			.feed(masked(true, Opcode.BINARY, payload, KEY));
		assertThat(driver.events).extracting(Recorded::payload)
			.containsExactly(hex(utf8("012")), hex(utf8("345")), hex(utf8("678")), hex(utf8("9")));
		assertThat(driver.events).extracting(Recorded::remaining).containsExactly(7L, 4L, 1L, 0L);
		assertThat(driver.events).extracting(Recorded::firstOfFrame).containsExactly(true, false, false, false);
		assertThat(driver.events).extracting(Recorded::firstOfMessage).containsExactly(true, false, false, false);
		assertThat(driver.events).extracting(Recorded::messageComplete).containsExactly(false, false, false, true);
	}

	@Test
	void firstChunkOfMessageIsOnlyTheFirstChunkOfTheFirstFrame() {
		byte[] wire = concat(masked(false, Opcode.BINARY, utf8("abcd"), KEY),
				masked(true, Opcode.CONTINUATION, utf8("efgh"), KEY));
		ParserDriver driver = new ParserDriver(new FrameParser(true, 100, 100), 2).feed(wire);
		assertThat(driver.events).extracting(Recorded::firstOfFrame).containsExactly(true, false, true, false);
		assertThat(driver.events).extracting(Recorded::firstOfMessage).containsExactly(true, false, false, false);
		assertThat(driver.events).extracting(Recorded::messageComplete).containsExactly(false, false, false, true);
		assertThat(driver.events).extracting(Recorded::messageOpcode).containsOnly(Opcode.BINARY);
	}

	@Test
	void payloadArrivingLaterIsDeliveredAsItComes() {
		FrameParser parser = new FrameParser(false, 100, 100);
		byte[] wire = unmasked(true, Opcode.BINARY, utf8("abcdef"));
		assertThat(parser.next(ByteBuffer.wrap(wire, 0, 4), 100)).isEqualTo(Event.DATA);
		assertThat(parser.chunkLength()).isEqualTo(2);
		assertThat(parser.remainingInFrame()).isEqualTo(4);
		assertThat(parser.isMessageComplete()).isFalse();
		ByteBuffer rest = ByteBuffer.wrap(wire, 4, 4);
		assertThat(parser.next(rest, 100)).isEqualTo(Event.DATA);
		assertThat(parser.isFirstChunkOfFrame()).isFalse();
		assertThat(parser.payload()).isEqualTo(ByteBuffer.wrap(utf8("cdef")));
		assertThat(parser.isMessageComplete()).isTrue();
	}

	@Test
	void zeroLengthFrameIsExactlyOneEmptyDataEvent() {
		FrameParser parser = new FrameParser(false, 100, 100);
		ByteBuffer in = ByteBuffer.wrap(hex("82 00"));
		assertThat(parser.next(in, 10)).isEqualTo(Event.DATA);
		assertThat(parser.chunkLength()).isZero();
		assertThat(parser.isFirstChunkOfFrame()).isTrue();
		assertThat(parser.isMessageComplete()).isTrue();
		assertThat(parser.next(in, 10)).isEqualTo(Event.NEED_MORE);
		assertThat(parser.next(in, 10)).isEqualTo(Event.NEED_MORE);
	}

	@Test
	void payloadViewIsReusedForTheSameBuffer() {
		FrameParser parser = new FrameParser(false, 100, 100);
		ByteBuffer in = ByteBuffer.wrap(hex("82 02 0102 82 03 030405"));
		parser.next(in, 10);
		ByteBuffer first = parser.payload();
		assertThat(first).isEqualTo(ByteBuffer.wrap(hex("0102")));
		parser.next(in, 10);
		assertThat(parser.payload()).isSameAs(first).isEqualTo(ByteBuffer.wrap(hex("030405")));
	}

	@Test
	void emptyCloseHasNoStatusAndNoReason() {
		FrameParser parser = new FrameParser(false, 100, 100);
		assertThat(parser.next(ByteBuffer.wrap(hex("88 00")), 10)).isEqualTo(Event.CONTROL);
		assertThat(parser.closeCode()).isEqualTo(CloseCodes.NO_STATUS);
		assertThat(parser.closeReason()).isEmpty();
		assertThat(parser.controlPayload().remaining()).isZero();
	}

	@Test
	void closeWithCodeOnlyHasAnEmptyReason() {
		FrameParser parser = new FrameParser(true, 100, 100);
		assertThat(parser.next(ByteBuffer.wrap(masked(true, Opcode.CLOSE, hex("0bb8"), KEY)), 10))
			.isEqualTo(Event.CONTROL);
		assertThat(parser.closeCode()).isEqualTo(3000);
		assertThat(parser.closeReason()).isEmpty();
	}

	@Test
	void closeCodeOfAPingIsAnIllegalState() {
		FrameParser parser = new FrameParser(false, 100, 100);
		parser.next(ByteBuffer.wrap(hex("89 00")), 10);
		assertThatIllegalStateException().isThrownBy(parser::closeCode);
	}

	@Test
	void controlPayloadIsReadOnly() {
		FrameParser parser = new FrameParser(false, 100, 100);
		parser.next(ByteBuffer.wrap(hex("89 01 2a")), 10);
		assertThat(parser.controlPayload().isReadOnly()).isTrue();
		assertThat(parser.controlPayload().get(0)).isEqualTo((byte) 0x2a);
	}

	@Test
	void controlFrameDoesNotChangeTheMessageInProgress() {
		byte[] wire = concat(masked(false, Opcode.TEXT, utf8("a"), KEY), masked(true, Opcode.PING, utf8("p"), KEY),
				masked(true, Opcode.CONTINUATION, utf8("b"), KEY));
		ParserDriver driver = ParserDriver.server().feed(wire);
		assertThat(driver.events).extracting(Recorded::event).containsExactly(Event.DATA, Event.CONTROL, Event.DATA);
		assertThat(driver.events.get(2).messageOpcode()).isEqualTo(Opcode.TEXT);
	}

	@Test
	void rsv1IsReportedWhenAllowed() {
		FrameParser parser = new FrameParser(false, 100, 100).allowRsv1(true);
		assertThat(parser.next(ByteBuffer.wrap(hex("c1 01 61")), 10)).isEqualTo(Event.DATA);
		assertThat(parser.rsv()).isEqualTo(4);
	}

	@Test
	void readOnlyInputIsFineWhenFramesAreNotMasked() {
		ParserDriver driver = ParserDriver.client().feed(ByteBuffer.wrap(hex("82 02 0102")).asReadOnlyBuffer());
		assertThat(driver.frames()).extracting(Frame::payload).containsExactly("0102");
	}

	@Test
	void limitsExactlyAtTheLengthAreAccepted() {
		byte[] wire = concat(masked(false, Opcode.BINARY, new byte[60], KEY),
				masked(true, Opcode.CONTINUATION, new byte[40], KEY));
		ParserDriver driver = new ParserDriver(new FrameParser(true, 60, 100), 1000).feed(wire);
		assertThat(driver.frames()).hasSize(2);
	}

	@Test
	void resetStartsOverAfterAViolation() {
		FrameParser parser = new FrameParser(false, 100, 100);
		try {
			parser.next(ByteBuffer.wrap(hex("83 00")), 10);
		}
		catch (WebSocketProtocolException expected) {
			// the parser is corrupt now
		}
		parser.reset();
		assertThat(parser.next(ByteBuffer.wrap(hex("81 01 61")), 10)).isEqualTo(Event.DATA);
	}

	@Test
	void parsingAllocatesNothingOnceWarmedUp() {
		assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		byte[] image = conversation(KEY);
		ByteBuffer wire = ByteBuffer.allocate(image.length);
		FrameParser parser = new FrameParser(true, Long.MAX_VALUE, Long.MAX_VALUE);
		for (int i = 0; i < 20_000; i++) {
			parseAll(parser, wire, image);
		}
		long before = threads.getCurrentThreadAllocatedBytes();
		int events = 0;
		for (int i = 0; i < 1_000; i++) {
			events += parseAll(parser, wire, image);
		}
		long allocated = threads.getCurrentThreadAllocatedBytes() - before;
		assertThat(events).isEqualTo(1_000 * 14);
		// Slack for the measurement itself; one small object per event would be hundreds of kilobytes.
		assertThat(allocated).isLessThan(1024);
	}

	private static int parseAll(FrameParser parser, ByteBuffer wire, byte[] image) {
		// Unmasking works in place, so restore the masked bytes before each round.
		wire.clear();
		wire.put(image).flip();
		int events = 0;
		while (parser.next(wire, 64) != Event.NEED_MORE) {
			events++;
		}
		return events;
	}

	@Test
	void maxChunkMustBePositive() {
		FrameParser parser = new FrameParser(false, 100, 100);
		assertThatIllegalArgumentException().isThrownBy(() -> parser.next(ByteBuffer.allocate(1), 0));
	}

	@Test
	void negativeLimitsAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new FrameParser(true, -1, 100));
	}

	private static ParserDriver driver(boolean masked, int maxChunk) {
		return new ParserDriver(new FrameParser(masked, Long.MAX_VALUE, Long.MAX_VALUE), maxChunk);
	}

}
