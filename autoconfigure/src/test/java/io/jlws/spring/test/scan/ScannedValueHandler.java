package io.jlws.spring.test.scan;

import io.jlws.spring.annotation.OnEstablished;
import io.jlws.spring.annotation.WebSocketProtocol;

/** Found by component scanning, named through {@code value}. */
@WebSocketProtocol("scanned-by-value")
public class ScannedValueHandler {

	@OnEstablished
	void established() {
	}

}
