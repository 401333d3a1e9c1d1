package io.jlws;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which pages may open WebSockets: the server's answer to cross-site WebSocket hijacking (RFC 6455 section 10.2,
 * the {@code Origin} header of RFC 6454). Immutable and thread-safe; built once per context from its
 * {@code allowedOrigins}.
 * <ul>
 * <li>No entries (the default): <b>same origin</b>, as Spring's WebSocket support defaults to. A page may connect
 * only to the host (and port) it came from: the Origin's host must equal the request's {@code Host}, and when
 * {@code Host} names a port, the Origin's port (explicit, or 80/443 from its scheme) must equal it.</li>
 * <li>{@code *}: any origin.</li>
 * <li>An origin, {@code https://example.com} (scheme, host and an optional port, no path), matched ignoring case
 * with the default port of the scheme filled in, so {@code https://example.com:443} is the same entry.</li>
 * <li>A pattern: {@code https://*.example.com} matches every subdomain (not {@code example.com} itself, list it
 * too); {@code http://localhost:*} matches every port.</li>
 * </ul>
 * A request without {@code Origin} does not come from a browser page (browsers always send it on a WebSocket
 * handshake), so no origin rule can tell a good one from a bad one; it is let through, as Spring does, and such
 * clients are for authentication (a FILTER callback) to judge.
 * <p>
 * libwebsockets has no origin list; an lws server checks {@code WSI_TOKEN_ORIGIN} in
 * {@code LWS_CALLBACK_FILTER_PROTOCOL_CONNECTION}, which jlws applications can still do on top of this policy.
 */
public final class OriginPolicy {

	/** Same origin only. */
	public static final OriginPolicy SAME_ORIGIN = new OriginPolicy(List.of(), false);

	private final List<Rule> rules;

	private final boolean any;

	private record Rule(String scheme, String host, boolean subdomains, int port) {

		static final int ANY_PORT = -1;

		boolean matches(Origin o) {
			if (!this.scheme.equals(o.scheme()) || (this.port != ANY_PORT && this.port != o.port())) {
				return false;
			}
			return this.subdomains ? o.host().endsWith("." + this.host) : this.host.equals(o.host());
		}

	}

	private record Origin(String scheme, String host, int port) {

	}

	private OriginPolicy(List<Rule> rules, boolean any) {
		this.rules = rules;
		this.any = any;
	}

	/**
	 * The policy for a context's {@code allowedOrigins}.
	 * @param allowedOrigins entries as described on the class; empty for same origin
	 * @return the policy
	 * @throws IllegalArgumentException for an entry that is not {@code *}, an origin or a pattern, naming it
	 */
	public static OriginPolicy of(List<String> allowedOrigins) {
		if (allowedOrigins.isEmpty()) {
			return SAME_ORIGIN;
		}
		List<Rule> rules = new ArrayList<>();
		boolean any = false;
		for (String entry : allowedOrigins) {
			String e = entry.trim();
			if ("*".equals(e)) {
				any = true;
				continue;
			}
			rules.add(rule(e));
		}
		return new OriginPolicy(List.copyOf(rules), any);
	}

	private static Rule rule(String entry) {
		String bad = "allowed origin '" + entry + "' must be *, scheme://host[:port] or a pattern such as "
				+ "https://*.example.com or http://localhost:*";
		int sep = entry.indexOf("://");
		if (sep <= 0) {
			throw new IllegalArgumentException(bad);
		}
		String scheme = entry.substring(0, sep).toLowerCase(Locale.ROOT);
		String authority = entry.substring(sep + 3).toLowerCase(Locale.ROOT);
		if (authority.isEmpty() || authority.contains("/") || authority.contains("@") || authority.contains("?")) {
			throw new IllegalArgumentException(bad);
		}
		int colon = authority.lastIndexOf(':');
		String host = (colon < 0 || authority.endsWith("]")) ? authority : authority.substring(0, colon);
		String portText = (host.length() == authority.length()) ? null : authority.substring(colon + 1);
		int port;
		if ("*".equals(portText)) {
			port = Rule.ANY_PORT;
		}
		else {
			port = (portText == null) ? defaultPort(scheme) : parsePort(portText);
			if (port == 0) {
				throw new IllegalArgumentException(bad);
			}
		}
		boolean subdomains = host.startsWith("*.");
		if (subdomains) {
			host = host.substring(2);
		}
		if (host.isEmpty() || host.contains("*")) {
			throw new IllegalArgumentException(bad);
		}
		return new Rule(scheme, host, subdomains, port);
	}

	/**
	 * Whether a handshake may proceed; callers answer 403 otherwise.
	 * @param origin the {@code Origin} header, or null when absent
	 * @param host the {@code Host} header, or null
	 * @return true if the connection may proceed
	 */
	public boolean allows(String origin, String host) {
		if (origin == null || this.any) {
			return true;
		}
		Origin o = parse(origin.trim());
		if (o == null) {
			// "null" (sandboxed pages, file://) and anything unparsable match nothing but *
			return false;
		}
		if (this.rules.isEmpty()) {
			return sameOrigin(o, host);
		}
		for (Rule r : this.rules) {
			if (r.matches(o)) {
				return true;
			}
		}
		return false;
	}

	private static boolean sameOrigin(Origin o, String hostHeader) {
		if (hostHeader == null) {
			return false;
		}
		String h = hostHeader.trim().toLowerCase(Locale.ROOT);
		int colon = h.lastIndexOf(':');
		if (colon < 0 || h.endsWith("]")) {
			// no port in Host (a proxy may have taken it off): the host decides
			return o.host().equals(h);
		}
		return o.host().equals(h.substring(0, colon)) && o.port() == parsePort(h.substring(colon + 1));
	}

	private static Origin parse(String origin) {
		int sep = origin.indexOf("://");
		if (sep <= 0) {
			return null;
		}
		String scheme = origin.substring(0, sep).toLowerCase(Locale.ROOT);
		String authority = origin.substring(sep + 3).toLowerCase(Locale.ROOT);
		if (authority.isEmpty() || authority.contains("/") || authority.contains("@")) {
			return null;
		}
		int colon = authority.lastIndexOf(':');
		if (colon < 0 || authority.endsWith("]")) {
			int port = defaultPort(scheme);
			return (port == 0) ? null : new Origin(scheme, authority, port);
		}
		int port = parsePort(authority.substring(colon + 1));
		return (port == 0 || colon == 0) ? null : new Origin(scheme, authority.substring(0, colon), port);
	}

	private static int defaultPort(String scheme) {
		return switch (scheme) {
			case "http", "ws" -> 80;
			case "https", "wss" -> 443;
			default -> 0;
		};
	}

	/** The port, or 0 when the text is not one. */
	private static int parsePort(String text) {
		if (text.isEmpty() || text.length() > 5) {
			return 0;
		}
		int port = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				return 0;
			}
			port = port * 10 + (c - '0');
		}
		return (port <= 65535) ? port : 0;
	}

	@Override
	public String toString() {
		return this.any ? "any origin" : this.rules.isEmpty() ? "same origin" : "origins " + this.rules;
	}

}
