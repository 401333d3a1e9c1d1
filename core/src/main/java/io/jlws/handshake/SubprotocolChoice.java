package io.jlws.handshake;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@link Handshake#chooseSubprotocol(List, List)}: one of three cases, each with its
 * own answer to the client (RFC 6455 sections 1.9 and 4.2.2; DESIGN.md "Subprotocol selection").
 * <ol>
 * <li>{@link NoneOffered}: the client sent no {@code Sec-WebSocket-Protocol}. The server binds the
 * protocol whose paths match the request path, else its first protocol, and the 101 must carry no
 * {@code Sec-WebSocket-Protocol} header: a client that offered nothing fails a handshake that
 * names one.</li>
 * <li>{@link Chosen}: the first name in the client's order that the server serves. It is echoed in the
 * 101's {@code Sec-WebSocket-Protocol}.</li>
 * <li>{@link Rejected}: the client offered names and the server serves none of them. The server answers
 * 400 rather than accepting with no subprotocol, because the client asked for specific semantics.</li>
 * </ol>
 * Callers on Java 17 branch with {@code instanceof}; {@link #protocolToEcho()} covers the common case.
 */
public sealed interface SubprotocolChoice
		permits SubprotocolChoice.NoneOffered, SubprotocolChoice.Chosen, SubprotocolChoice.Rejected {

	/** The single {@link NoneOffered} value. */
	SubprotocolChoice NONE_OFFERED = new NoneOffered();

	/**
	 * The value for the 101's {@code Sec-WebSocket-Protocol} header.
	 * @return the chosen name, or null when no such header may be sent
	 */
	String protocolToEcho();

	/**
	 * The client offered no subprotocol; the server picks by path and echoes nothing.
	 */
	record NoneOffered() implements SubprotocolChoice {

		/**
		 * Always null: nothing was offered, so nothing may be echoed.
		 * @return null
		 */
		@Override
		public String protocolToEcho() {
			return null;
		}

	}

	/**
	 * A name the client offered and the server serves.
	 * @param protocol the subprotocol name, exactly as offered and served
	 */
	record Chosen(String protocol) implements SubprotocolChoice {

		/**
		 * Checks the name is present.
		 * @param protocol the subprotocol name
		 */
		public Chosen {
			Objects.requireNonNull(protocol, "protocol");
		}

		/**
		 * The chosen name, to be echoed.
		 * @return {@link #protocol()}
		 */
		@Override
		public String protocolToEcho() {
			return this.protocol;
		}

	}

	/**
	 * The client offered only names the server does not serve; the handshake fails with 400.
	 * @param offered what the client offered, in its order, for the log line and the error message
	 */
	record Rejected(List<String> offered) implements SubprotocolChoice {

		/**
		 * Copies the offered names.
		 * @param offered the names the client offered
		 */
		public Rejected {
			offered = List.copyOf(offered);
		}

		/**
		 * Always null: the handshake is rejected.
		 * @return null
		 */
		@Override
		public String protocolToEcho() {
			return null;
		}

	}

}
