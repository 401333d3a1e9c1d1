package io.jlws.spring.test;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

import io.jlws.CallbackResult;
import io.jlws.Connection;
import io.jlws.WriteType;
import io.jlws.spring.annotation.OnReceive;
import io.jlws.spring.annotation.OnWriteable;
import io.jlws.spring.annotation.WebSocketProtocol;

/** Echoes each 16-byte chunk as a frame of its own, keeping message boundaries (lws style). */
@WebSocketProtocol(name = "chunk-echo", paths = "/chunk", rxBufferSize = 16, sessionData = EchoSession.class)
public class ChunkEchoHandler {

	public final AtomicInteger chunks = new AtomicInteger();

	@OnReceive
	CallbackResult onChunk(Connection connection, ByteBuffer chunk, EchoSession session) {
		this.chunks.incrementAndGet();
		byte[] copy = new byte[chunk.remaining()];
		chunk.get(copy);
		WriteType type = !connection.isFirstFragment() ? WriteType.CONTINUATION
				: connection.frameIsBinary() ? WriteType.BINARY : WriteType.TEXT;
		session.queue(copy, type, connection.isFinalFragment());
		connection.requestWritable();
		return CallbackResult.CONTINUE;
	}

	@OnWriteable
	boolean onWriteable(Connection connection, EchoSession session) {
		session.flush(connection);
		return true;
	}

}
