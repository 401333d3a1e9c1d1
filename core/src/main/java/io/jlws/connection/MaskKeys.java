package io.jlws.connection;

import java.nio.ByteBuffer;
import java.security.SecureRandom;

/**
 * Masking keys for client frames from a strong source (RFC 6455 §5.3: "derived from a strong source of entropy"),
 * drawn 4 KiB at a time so one SecureRandom call serves 1024 frames. Service thread only.
 */
final class MaskKeys {

	private final SecureRandom random = new SecureRandom();

	private final ByteBuffer batch = ByteBuffer.allocate(4096);

	MaskKeys() {
		this.batch.position(this.batch.limit());
	}

	int nextKey() {
		if (this.batch.remaining() < 4) {
			this.random.nextBytes(this.batch.array());
			this.batch.clear();
		}
		return this.batch.getInt();
	}

}
