package io.jlws.handshake;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@link Handshake#validate(HttpRequestHead)}: either {@link Accepted}, with the
 * client's key, or {@link Rejected}, with everything needed to write the error response.
 *
 * <p>Callers on Java 17 branch with {@code instanceof} or {@link #isAccepted()}.
 */
public sealed interface HandshakeDecision permits HandshakeDecision.Accepted, HandshakeDecision.Rejected {

	/**
	 * Whether the request is a valid RFC 6455 opening handshake.
	 * @return true for {@link Accepted}
	 */
	boolean isAccepted();

	/**
	 * The request is a valid opening handshake (RFC 6455 section 4.2.1).
	 * @param key the {@code Sec-WebSocket-Key} value, a base64-encoded 16-byte nonce
	 */
	record Accepted(String key) implements HandshakeDecision {

		/**
		 * Checks the key is present.
		 * @param key the {@code Sec-WebSocket-Key} value
		 */
		public Accepted {
			Objects.requireNonNull(key, "key");
		}

		/**
		 * Always true.
		 * @return true
		 */
		@Override
		public boolean isAccepted() {
			return true;
		}

		/**
		 * The {@code Sec-WebSocket-Accept} value for the 101 response.
		 * @return {@link Handshake#acceptKey(String)} of {@link #key()}
		 */
		public String acceptKey() {
			return Handshake.acceptKey(this.key);
		}

	}

	/**
	 * The request must be answered with an error and the connection closed (RFC 6455 section 4.2.2:
	 * "If the server chooses not to accept the connection, it MUST return an appropriate HTTP error
	 * code").
	 * @param status the HTTP status: 400, 405 or 426
	 * @param reason the reason phrase for the status line
	 * @param message a human sentence saying what was wrong, for the log and the response body
	 * @param headers extra response headers as {@code {name, value}} pairs, e.g. {@code Allow: GET}
	 * for 405 or {@code Sec-WebSocket-Version: 13} for 426
	 */
	record Rejected(int status, String reason, String message, List<String[]> headers) implements HandshakeDecision {

		/**
		 * Copies the headers, arrays included, so the record stays immutable.
		 * @param status the HTTP status
		 * @param reason the reason phrase
		 * @param message the human message
		 * @param headers the extra response headers
		 */
		public Rejected {
			Objects.requireNonNull(reason, "reason");
			Objects.requireNonNull(message, "message");
			List<String[]> copy = new ArrayList<>(headers.size());
			for (String[] h : headers) {
				copy.add(h.clone());
			}
			headers = List.copyOf(copy);
		}

		/**
		 * Always false.
		 * @return false
		 */
		@Override
		public boolean isAccepted() {
			return false;
		}

		/**
		 * The extra headers; each call returns fresh arrays, so callers cannot change this record.
		 * @return {@code {name, value}} pairs in order
		 */
		@Override
		public List<String[]> headers() {
			List<String[]> copy = new ArrayList<>(this.headers.size());
			for (String[] h : this.headers) {
				copy.add(h.clone());
			}
			return copy;
		}

		/**
		 * The full response: status line, headers, and the message as a text/plain body.
		 * @return bytes ready to write, ending with {@code Connection: close}
		 */
		public byte[] response() {
			return HttpResponses.error(this.status, this.message, this.headers);
		}

		/**
		 * Compares header arrays by content, which a record's generated {@code equals} would not.
		 * @param other the object to compare with
		 * @return true for a rejection with equal status, reason, message and headers
		 */
		@Override
		public boolean equals(Object other) {
			if (this == other) {
				return true;
			}
			if (!(other instanceof Rejected that) || this.status != that.status || !this.reason.equals(that.reason)
					|| !this.message.equals(that.message) || this.headers.size() != that.headers.size()) {
				return false;
			}
			for (int i = 0; i < this.headers.size(); i++) {
				if (!Arrays.equals(this.headers.get(i), that.headers.get(i))) {
					return false;
				}
			}
			return true;
		}

		/**
		 * A hash consistent with {@link #equals(Object)}.
		 * @return a hash of status, reason, message and header contents
		 */
		@Override
		public int hashCode() {
			int h = Objects.hash(this.status, this.reason, this.message);
			for (String[] header : this.headers) {
				h = 31 * h + Arrays.hashCode(header);
			}
			return h;
		}

		/**
		 * Status, message and headers, readable in a log line.
		 * @return e.g. {@code Rejected[426 Upgrade Required: ..., Sec-WebSocket-Version: 13]}
		 */
		@Override
		public String toString() {
			StringBuilder sb = new StringBuilder("Rejected[").append(this.status)
				.append(' ')
				.append(this.reason)
				.append(": ")
				.append(this.message);
			for (String[] h : this.headers) {
				sb.append(", ").append(String.join(": ", h));
			}
			return sb.append(']').toString();
		}

	}

}
