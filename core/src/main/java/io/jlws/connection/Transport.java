package io.jlws.connection;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * What a connection reads from and writes to: the socket itself, or TLS over it. Plaintext in, plaintext out;
 * a TLS transport keeps at most one record of ciphertext of its own. Service thread only.
 */
interface Transport {

	/**
	 * Reads plaintext into {@code dst}.
	 * @return bytes read (0 when nothing is available yet, e.g. mid-handshake), -1 at end of stream
	 */
	int read(ByteBuffer dst) throws IOException;

	/** Whether plaintext is already buffered here, so {@link #read} returns data without a readable socket. */
	boolean hasBufferedInput();

	/** Writes plaintext from {@code srcs} (gathering); returns how much was consumed. */
	long write(ByteBuffer[] srcs, int offset, int length) throws IOException;

	/** Sends transport bytes still buffered; {@code true} when nothing remains and plaintext may follow. */
	boolean flush() throws IOException;

	/** Whether transport bytes wait for the socket (the connection must ask for OP_WRITE). */
	boolean hasUnflushed();

	/** Whether application data can be written now ({@code false} during a TLS handshake). */
	boolean ready();

	/** Ends output: TLS close_notify, then the TCP FIN. */
	void shutdownOutput() throws IOException;

}
