package io.jlws.handshake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

/**
 * The server's decisions in the RFC 6455 opening handshake (section 4.2), as pure functions of a parsed
 * {@link HttpRequestHead}.
 *
 * <p>The order of use: {@link #isWebSocketUpgrade} routes a request to the WebSocket path at all;
 * {@link #validate} checks it is a well-formed handshake; the context's {@code OriginPolicy} and
 * {@link #chooseSubprotocol} apply the server's policy; {@link #acceptKey} and
 * {@link HttpResponses#switchingProtocols} build the 101.
 */
public final class Handshake {

	/** The GUID of RFC 6455 section 1.3, appended to the client's key before hashing. */
	public static final String WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

	/** The only protocol version this server speaks (RFC 6455 section 4.1, item 9). */
	public static final String WEBSOCKET_VERSION = "13";

	private static final List<String[]> ALLOW_GET = List.<String[]>of(new String[] { "Allow", "GET" });

	private static final List<String[]> VERSION_13 = List
		.<String[]>of(new String[] { "Sec-WebSocket-Version", WEBSOCKET_VERSION });

	private Handshake() {
	}

	/**
	 * Whether a request asks to become a WebSocket: an {@code Upgrade} header listing {@code websocket},
	 * ignoring case (RFC 6455 section 4.2.1 item 3). Everything else is plain HTTP. A request that
	 * passes this test but fails {@link #validate} is a broken handshake and gets an error, not a page.
	 * @param head the request
	 * @return true if the client asked for the WebSocket protocol
	 */
	public static boolean isWebSocketUpgrade(HttpRequestHead head) {
		return head.hasToken("Upgrade", "websocket");
	}

	/**
	 * Checks the client's opening handshake against RFC 6455 section 4.2.1, in this order:
	 * <ol>
	 * <li>the method is {@code GET}, else 405 with {@code Allow: GET};</li>
	 * <li>the version is HTTP/1.1 or later, else 400;</li>
	 * <li>exactly one non-empty {@code Host} header (also RFC 7230 section 5.4), else 400;</li>
	 * <li>{@code Upgrade} lists {@code websocket}, else 400;</li>
	 * <li>{@code Connection} lists {@code upgrade}, ignoring case and other elements such as
	 * {@code keep-alive}, else 400;</li>
	 * <li>exactly one {@code Sec-WebSocket-Key}, 24 characters of base64 decoding to 16 bytes, else
	 * 400;</li>
	 * <li>exactly one {@code Sec-WebSocket-Version}, equal to {@code 13}, else 426 Upgrade Required with
	 * {@code Sec-WebSocket-Version: 13} (section 4.2.2) so the client can retry with a version we
	 * speak.</li>
	 * </ol>
	 * Origin and subprotocol policy are separate (the context's {@code OriginPolicy}, {@link #chooseSubprotocol}).
	 * @param head the request, usually one for which {@link #isWebSocketUpgrade} is true
	 * @return {@link HandshakeDecision.Accepted} with the key, or the first failure found
	 */
	public static HandshakeDecision validate(HttpRequestHead head) {
		if (!"GET".equals(head.method())) {
			return reject(405, "A WebSocket handshake must use GET, not " + head.method(), ALLOW_GET);
		}
		if (!isHttp11OrLater(head.version())) {
			return reject(400, "A WebSocket handshake needs HTTP/1.1 or later, not " + head.version(), List.of());
		}
		List<String> hosts = head.headerValues("Host");
		if (hosts.size() != 1 || hosts.get(0).isEmpty()) {
			return reject(400, hosts.isEmpty() ? "The Host header is missing"
					: (hosts.size() > 1) ? "There is more than one Host header" : "The Host header is empty",
					List.of());
		}
		if (!isWebSocketUpgrade(head)) {
			return reject(400, "The Upgrade header does not list websocket", List.of());
		}
		if (!head.hasToken("Connection", "upgrade")) {
			return reject(400, "The Connection header does not list Upgrade", List.of());
		}
		List<String> keys = head.headerValues("Sec-WebSocket-Key");
		if (keys.size() != 1) {
			return reject(400, keys.isEmpty() ? "The Sec-WebSocket-Key header is missing"
					: "There is more than one Sec-WebSocket-Key header", List.of());
		}
		String key = keys.get(0);
		if (!isValidKey(key)) {
			return reject(400, "The Sec-WebSocket-Key is not a base64-encoded 16-byte value", List.of());
		}
		List<String> versions = head.headerValues("Sec-WebSocket-Version");
		if (versions.size() != 1 || !WEBSOCKET_VERSION.equals(versions.get(0))) {
			String found = versions.isEmpty() ? "none" : String.join(", ", versions);
			return reject(426, "Only WebSocket version 13 is supported, the client sent " + found, VERSION_13);
		}
		return new HandshakeDecision.Accepted(key);
	}

	private static HandshakeDecision reject(int status, String message, List<String[]> headers) {
		return new HandshakeDecision.Rejected(status, HttpResponses.reasonPhrase(status), message, headers);
	}

	/** {@code HTTP/1.1} and above; {@code HTTP/1.0} and malformed versions are not. */
	private static boolean isHttp11OrLater(String version) {
		if (!version.startsWith("HTTP/") || version.length() < 8) {
			return false;
		}
		int dot = version.indexOf('.', 5);
		try {
			int major = Integer.parseInt(version.substring(5, dot));
			int minor = Integer.parseInt(version.substring(dot + 1));
			return major > 1 || (major == 1 && minor >= 1);
		}
		catch (NumberFormatException | StringIndexOutOfBoundsException ex) {
			return false;
		}
	}

	/** RFC 6455 section 4.2.1 item 5: "a base64-encoded value that, when decoded, is 16 bytes in length". */
	private static boolean isValidKey(String key) {
		// 16 bytes are always 24 characters with "==" padding; requiring it rejects unpadded keys
		// that Java's decoder would otherwise accept
		if (key.length() != 24 || !key.endsWith("==")) {
			return false;
		}
		try {
			return Base64.getDecoder().decode(key).length == 16;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/**
	 * The {@code Sec-WebSocket-Accept} value proving the server read the handshake (RFC 6455 section
	 * 4.2.2 item 5.4): base64 of the SHA-1 of the key, as sent, followed by {@link #WEBSOCKET_GUID}.
	 * @param secWebSocketKey the client's {@code Sec-WebSocket-Key}, e.g.
	 * {@code dGhlIHNhbXBsZSBub25jZQ==}
	 * @return e.g. {@code s3pPLMBiTxaQ9kYGzzhZRbK+xOo=}
	 */
	public static String acceptKey(String secWebSocketKey) {
		MessageDigest sha1;
		try {
			sha1 = MessageDigest.getInstance("SHA-1");
		}
		catch (NoSuchAlgorithmException ex) {
			// every Java platform must provide SHA-1 (MessageDigest javadoc)
			throw new IllegalStateException("SHA-1 is not available", ex);
		}
		byte[] digest = sha1.digest((secWebSocketKey + WEBSOCKET_GUID).getBytes(StandardCharsets.ISO_8859_1));
		return Base64.getEncoder().encodeToString(digest);
	}

	/**
	 * The subprotocols the client offers: the elements of every {@code Sec-WebSocket-Protocol} header,
	 * in order (RFC 6455 section 4.1 item 10; the header may repeat, section 11.3.4).
	 * @param head the request
	 * @return the offered names in the client's order of preference; empty when none
	 */
	public static List<String> offeredSubprotocols(HttpRequestHead head) {
		return head.headerTokens("Sec-WebSocket-Protocol");
	}

	/**
	 * Chooses the subprotocol, following DESIGN.md "Subprotocol selection" (see
	 * {@link SubprotocolChoice} for what the caller does with each case):
	 * <ol>
	 * <li>nothing offered: {@link SubprotocolChoice#NONE_OFFERED};</li>
	 * <li>otherwise the first offered name, in the client's order, that is in {@code served}:
	 * {@link SubprotocolChoice.Chosen}. The client's order wins over the server's, because it lists
	 * its preference (RFC 6455 section 4.1). Names are tokens and compared exactly, case-sensitively;</li>
	 * <li>offered but none served: {@link SubprotocolChoice.Rejected}.</li>
	 * </ol>
	 * @param offered the client's names, from {@link #offeredSubprotocols}; null means none
	 * @param served the names this server serves, in any order
	 * @return the choice
	 */
	public static SubprotocolChoice chooseSubprotocol(List<String> offered, List<String> served) {
		if (offered == null || offered.isEmpty()) {
			return SubprotocolChoice.NONE_OFFERED;
		}
		for (String name : offered) {
			if (served.contains(name)) {
				return new SubprotocolChoice.Chosen(name);
			}
		}
		return new SubprotocolChoice.Rejected(offered);
	}

}
