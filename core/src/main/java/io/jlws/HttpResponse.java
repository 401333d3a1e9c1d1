package io.jlws;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.jlws.handshake.HttpResponses;

/**
 * An answer to a plain HTTP request ({@link Reason#HTTP}), given to {@link Connection#respond(HttpResponse)}:
 * what libwebsockets' {@code lws_add_http_header_*} and {@code lws_serve_http_file} produce. Immutable.
 * <p>
 * Bodies are held in memory; static files are meant to be small (a test page and its scripts), and
 * {@link #file(Path, long)} refuses files over its size bound.
 */
public final class HttpResponse {

	private final int status;

	private final List<String[]> headers;

	private final byte[] body;

	private HttpResponse(int status, List<String[]> headers, byte[] body) {
		this.status = status;
		this.headers = headers;
		this.body = body;
	}

	/** A response with a status and a body of the given content type. */
	public static HttpResponse of(int status, String contentType, byte[] body) {
		List<String[]> headers = new ArrayList<>(2);
		if (contentType != null) {
			headers.add(new String[] { "Content-Type", contentType });
		}
		return new HttpResponse(status, headers, body);
	}

	/** A {@code text/plain; charset=utf-8} response. */
	public static HttpResponse text(int status, String text) {
		return of(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
	}

	/** 404 Not Found. */
	public static HttpResponse notFound() {
		return text(404, "Not Found\n");
	}

	/** 405 Method Not Allowed, with {@code Allow: GET, HEAD}. */
	public static HttpResponse methodNotAllowed() {
		return text(405, "Method Not Allowed\n").withHeader("Allow", "GET, HEAD");
	}

	/**
	 * A file's content with the content type from its extension, or 404 when it is missing, not a regular file or
	 * larger than {@code maxBytes}.
	 */
	public static HttpResponse file(Path path, long maxBytes) {
		try {
			if (!Files.isRegularFile(path) || Files.size(path) > maxBytes) {
				return notFound();
			}
			return of(200, HttpResponses.contentTypeFor(path.getFileName().toString()), Files.readAllBytes(path));
		}
		catch (IOException ex) {
			return notFound();
		}
	}

	/**
	 * A classpath resource with the content type from its extension, or 404 when it does not exist.
	 * @param loader where to look
	 * @param resource the resource name, e.g. {@code static/index.html}
	 */
	public static HttpResponse resource(ClassLoader loader, String resource) {
		if (resource.contains("..")) {
			return notFound();
		}
		try (InputStream in = loader.getResourceAsStream(resource)) {
			if (in == null) {
				return notFound();
			}
			return of(200, HttpResponses.contentTypeFor(resource), in.readAllBytes());
		}
		catch (IOException ex) {
			return notFound();
		}
	}

	/**
	 * Serves a request from a classpath folder: GET and HEAD only (others 405), {@code /} maps to
	 * {@code index.html}, paths with {@code ..} and missing resources are 404.
	 * @param connection the connection during {@link Reason#HTTP}
	 * @param loader where to look
	 * @param base the folder, e.g. {@code static}
	 */
	public static HttpResponse fromClasspath(Connection connection, ClassLoader loader, String base) {
		String method = connection.method();
		if (!"GET".equals(method) && !"HEAD".equals(method)) {
			return methodNotAllowed();
		}
		String path = connection.path();
		if (path.endsWith("/")) {
			path = path + "index.html";
		}
		return resource(loader, base + path);
	}

	/** A copy with one more header; names and values with CR or LF are rejected when sent. */
	public HttpResponse withHeader(String name, String value) {
		List<String[]> copy = new ArrayList<>(this.headers);
		copy.add(new String[] { name, value });
		return new HttpResponse(this.status, copy, this.body);
	}

	/** The status code. */
	public int status() {
		return this.status;
	}

	/** The headers as name/value pairs (Content-Length and Connection are added when sent). */
	public List<String[]> headers() {
		return List.copyOf(this.headers);
	}

	/** The body; not copied, do not modify. */
	public byte[] body() {
		return this.body;
	}

}
