package io.jlws.frame;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Feeds bytes to a {@link FrameParser} until it needs more, recording every event. Checks the
 * NEED_MORE contract (all input consumed) on every call.
 */
final class ParserDriver {

	/** One DATA or CONTROL event, with the payload as hex so that records compare by value. */
	record Recorded(FrameParser.Event event, int opcode, int messageOpcode, boolean fin, int rsv,
			boolean firstOfFrame, boolean firstOfMessage, long remaining, boolean messageComplete, String payload,
			int closeCode, String closeReason) {
	}

	/** One whole frame, put together from its DATA chunks. */
	record Frame(FrameParser.Event event, int opcode, int messageOpcode, boolean fin, String payload, int closeCode,
			String closeReason) {
	}

	final FrameParser parser;

	final int maxChunk;

	final List<Recorded> events = new ArrayList<>();

	ParserDriver(FrameParser parser, int maxChunk) {
		this.parser = parser;
		this.maxChunk = maxChunk;
	}

	static ParserDriver server() {
		return new ParserDriver(new FrameParser(true, Long.MAX_VALUE, Long.MAX_VALUE), Integer.MAX_VALUE);
	}

	static ParserDriver client() {
		return new ParserDriver(new FrameParser(false, Long.MAX_VALUE, Long.MAX_VALUE), Integer.MAX_VALUE);
	}

	/** Feeds a copy of {@code bytes} in one buffer. */
	ParserDriver feed(byte[] bytes) {
		return feed(ByteBuffer.wrap(bytes.clone()));
	}

	ParserDriver feed(ByteBuffer in) {
		FrameParser.Event event;
		while ((event = this.parser.next(in, this.maxChunk)) != FrameParser.Event.NEED_MORE) {
			this.events.add(record(event, in));
		}
		assertThat(in.hasRemaining()).as("NEED_MORE consumed all input").isFalse();
		return this;
	}

	/** Feeds {@code bytes} in pieces of {@code size}, overwriting one buffer for every piece. */
	ParserDriver feedReusingOneBuffer(byte[] bytes, int size) {
		ByteBuffer buffer = ByteBuffer.allocate(size);
		for (int from = 0; from < bytes.length; from += size) {
			buffer.clear();
			buffer.put(bytes, from, Math.min(size, bytes.length - from)).flip();
			feed(buffer);
			buffer.clear();
			while (buffer.hasRemaining()) {
				buffer.put((byte) 0xEE);
			}
		}
		return this;
	}

	private Recorded record(FrameParser.Event event, ByteBuffer in) {
		FrameParser p = this.parser;
		if (event == FrameParser.Event.CONTROL) {
			byte[] payload = new byte[p.controlPayload().remaining()];
			p.controlPayload().get(payload);
			boolean close = p.opcode() == Opcode.CLOSE;
			return new Recorded(event, p.opcode(), 0, p.fin(), p.rsv(), true, false, 0, false, TestFrames.hex(payload),
					close ? p.closeCode() : 0, close ? p.closeReason() : null);
		}
		assertThat(p.chunkLength()).isLessThanOrEqualTo(this.maxChunk);
		assertThat(p.chunkStart() + p.chunkLength()).isEqualTo(in.position());
		byte[] chunk = new byte[p.chunkLength()];
		in.get(p.chunkStart(), chunk);
		return new Recorded(event, p.opcode(), p.messageOpcode(), p.fin(), p.rsv(), p.isFirstChunkOfFrame(),
				p.isFirstChunkOfMessage(), p.remainingInFrame(), p.isMessageComplete(), TestFrames.hex(chunk), 0,
				null);
	}

	/**
	 * The recorded events with DATA chunks joined into frames, checking that the chunk flags agree with
	 * each other on the way.
	 */
	List<Frame> frames() {
		List<Frame> frames = new ArrayList<>();
		Recorded previous = null;
		StringBuilder payload = new StringBuilder();
		for (Recorded r : this.events) {
			if (r.event() == FrameParser.Event.CONTROL) {
				frames.add(new Frame(r.event(), r.opcode(), 0, true, r.payload(), r.closeCode(), r.closeReason()));
				continue;
			}
			if (r.firstOfFrame()) {
				assertThat(previous == null || previous.remaining() == 0).as("previous frame was complete").isTrue();
				payload.setLength(0);
			}
			else {
				assertThat(previous).as("a chunk continues a frame").isNotNull();
				assertThat(r.firstOfMessage()).isFalse();
				assertThat(previous.remaining() - r.payload().length() / 2).isEqualTo(r.remaining());
				assertThat(r.payload()).as("only zero-length frames have empty chunks").isNotEmpty();
			}
			assertThat(r.messageComplete()).isEqualTo(r.fin() && r.remaining() == 0);
			payload.append(r.payload());
			previous = r;
			if (r.remaining() == 0) {
				frames.add(new Frame(r.event(), r.opcode(), r.messageOpcode(), r.fin(), payload.toString(), 0, null));
			}
		}
		return frames;
	}

}
