package io.jlws.frame;

/**
 * Close status codes of RFC 6455 section 7.4.1, plus the later IANA registrations 1012-1014.
 *
 * <p>Plain ints because codes 3000-4999 belong to libraries and applications and can be any value in
 * that range, so an enum could not represent every code a peer may legitimately send.
 */
public final class CloseCodes {

	/** 1000: the purpose for which the connection was established has been fulfilled. */
	public static final int NORMAL = 1000;

	/** 1001: an endpoint is going away, such as a server shutting down or a browser leaving a page. */
	public static final int GOING_AWAY = 1001;

	/** 1002: the endpoint is terminating the connection due to a protocol error. */
	public static final int PROTOCOL_ERROR = 1002;

	/** 1003: the endpoint received a type of data it cannot accept. */
	public static final int UNSUPPORTED_DATA = 1003;

	/** 1005: no status code was present; reserved, must never be sent in a Close frame. */
	public static final int NO_STATUS = 1005;

	/** 1006: the connection was closed without a Close frame; reserved, must never be sent. */
	public static final int ABNORMAL = 1006;

	/** 1007: a message's data was not consistent with its type, e.g. a text message that is not UTF-8. */
	public static final int INVALID_PAYLOAD = 1007;

	/** 1008: a message violates the endpoint's policy (generic, when nothing better fits). */
	public static final int POLICY_VIOLATION = 1008;

	/** 1009: a message is too big for the endpoint to process. */
	public static final int MESSAGE_TOO_BIG = 1009;

	/** 1010: the client expected the server to negotiate an extension that it did not. */
	public static final int MANDATORY_EXTENSION = 1010;

	/** 1011: the server hit an unexpected condition that prevented it from fulfilling the request. */
	public static final int INTERNAL_ERROR = 1011;

	/** 1012: the service is restarting (IANA registry). */
	public static final int SERVICE_RESTART = 1012;

	/** 1013: the service is overloaded; the client should try again later (IANA registry). */
	public static final int TRY_AGAIN_LATER = 1013;

	/** 1014: a gateway or proxy received an invalid response from upstream (IANA registry). */
	public static final int BAD_GATEWAY = 1014;

	private CloseCodes() {
	}

	/**
	 * Whether {@code code} may appear in the payload of a Close frame. A received Close carrying any
	 * other code is a protocol error (RFC 6455 section 7.4), and we must never send one either.
	 * <p>Accepted: 1000-1003, 1007-1014 (1012-1014 are IANA-registered after the RFC) and 3000-4999
	 * (registered and private use). Rejected: below 1000, 1004 (reserved), 1005, 1006 and 1015 (only
	 * for reporting locally, never on the wire), the unassigned 1016-2999, and 5000 and above.
	 * @param code a close status code
	 * @return true if a Close frame may carry it
	 */
	public static boolean isValidOnWire(int code) {
		return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
	}

}
