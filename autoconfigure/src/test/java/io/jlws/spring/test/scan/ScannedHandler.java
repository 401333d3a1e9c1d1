package io.jlws.spring.test.scan;

import io.jlws.spring.annotation.OnEstablished;
import io.jlws.spring.annotation.WebSocketProtocol;

/** Found by component scanning. */
@WebSocketProtocol(name = "scanned")
public class ScannedHandler {

	@OnEstablished
	void established() {
	}

}
