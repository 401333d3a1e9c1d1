package io.jlws.sample.client;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import io.jlws.CallbackResult;
import io.jlws.Connection;
import io.jlws.Context;
import io.jlws.ContextInfo;
import io.jlws.Protocol;
import io.jlws.Reason;
import io.jlws.WriteType;

/**
 * A tiny stand-in for the Autobahn TestSuite's fuzzing server, a core jlws server on 127.0.0.1: {@code /getCaseCount}
 * sends the count and closes; {@code /runCase?case=N&agent=A} sends a text message and a binary message in two
 * fragments, checks that both come back unchanged and of the same type, then closes; {@code /updateReports?agent=A}
 * records the agent and closes. The paths are read in ESTABLISHED, as the request head is released after it.
 */
final class FakeFuzzingServer implements AutoCloseable {

	final List<Integer> passedCases = new CopyOnWriteArrayList<>();

	final List<String> failures = new CopyOnWriteArrayList<>();

	final List<String> caseAgents = new CopyOnWriteArrayList<>();

	final List<String> reportAgents = new CopyOnWriteArrayList<>();

	private final String caseCount;

	private final Context context;

	/** Per-connection state. */
	static final class Session {

		String kind = "";

		int caseNumber;

		boolean sent;

		byte[][] expected;

		int received;

		final ByteArrayOutputStream message = new ByteArrayOutputStream();

	}

	FakeFuzzingServer(String caseCount) throws Exception {
		this.caseCount = caseCount;
		Protocol<Session> fuzzer = Protocol.builder("fuzzer", this::callback).sessionData(Session::new).build();
		this.context = Context.create(ContextInfo.builder().address("127.0.0.1").port(0).protocol(fuzzer).build());
		this.context.start();
	}

	int port() {
		return this.context.port();
	}

	private CallbackResult callback(Connection c, Reason reason, Session s, ByteBuffer in) {
		switch (reason) {
			case ESTABLISHED -> {
				s.kind = c.path();
				if (s.kind.equals("/runCase")) {
					s.caseNumber = Integer.parseInt(c.queryParameter("case"));
					this.caseAgents.add(c.queryParameter("agent"));
				}
				else if (s.kind.equals("/updateReports")) {
					this.reportAgents.add(c.queryParameter("agent"));
				}
				c.requestWritable();
			}
			case SERVER_WRITEABLE -> {
				return writeable(c, s);
			}
			case RECEIVE -> {
				return receive(c, s, in);
			}
			default -> {
			}
		}
		return CallbackResult.CONTINUE;
	}

	private CallbackResult writeable(Connection c, Session s) {
		if (s.sent) {
			return s.kind.equals("/runCase") ? CallbackResult.CONTINUE : CallbackResult.CLOSE;
		}
		s.sent = true;
		switch (s.kind) {
			case "/getCaseCount" -> {
				c.write(ByteBuffer.wrap(this.caseCount.getBytes(StandardCharsets.UTF_8)), WriteType.TEXT);
				c.requestWritable();
			}
			case "/runCase" -> {
				byte[] text = ("case " + s.caseNumber + ": h\u00e9llo w\u00f6rld").getBytes(StandardCharsets.UTF_8);
				byte[] binary = new byte[5000 + s.caseNumber];
				new Random(s.caseNumber).nextBytes(binary);
				s.expected = new byte[][] { text, binary };
				c.write(ByteBuffer.wrap(text), WriteType.TEXT);
				c.write(ByteBuffer.wrap(binary, 0, 1000), WriteType.BINARY, false);
				c.write(ByteBuffer.wrap(binary, 1000, binary.length - 1000), WriteType.CONTINUATION, true);
			}
			default -> {
				return CallbackResult.CLOSE;
			}
		}
		return CallbackResult.CONTINUE;
	}

	private CallbackResult receive(Connection c, Session s, ByteBuffer in) {
		byte[] chunk = new byte[in.remaining()];
		in.get(chunk);
		s.message.writeBytes(chunk);
		if (!c.isFinalFragment()) {
			return CallbackResult.CONTINUE;
		}
		byte[] message = s.message.toByteArray();
		s.message.reset();
		int index = s.received++;
		boolean binaryExpected = index == 1;
		if (s.expected == null || index > 1 || c.frameIsBinary() != binaryExpected
				|| !Arrays.equals(message, s.expected[index])) {
			this.failures.add("case " + s.caseNumber + ": unexpected message " + index);
			return CallbackResult.CLOSE;
		}
		if (s.received == 2) {
			this.passedCases.add(s.caseNumber);
			return CallbackResult.CLOSE;
		}
		return CallbackResult.CONTINUE;
	}

	@Override
	public void close() {
		this.context.stop();
	}

}
