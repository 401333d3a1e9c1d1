package io.jlws.log;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

import io.jlws.LogEmitter;
import io.jlws.LogLevel;

/**
 * A {@link LogEmitter} that sends each line as one syslog datagram over UDP: libwebsockets'
 * {@code lwsl_emit_syslog}. The severity follows lws ({@link SyslogSeverity#ofLwsLevel}: ERR, WARN, NOTICE and INFO
 * keep their names, every other bit, USER included, is debug); PRI is facility times 8 plus severity.
 * <p>
 * lws calls {@code syslog(3)}, which writes to the local {@code /dev/log} datagram socket. Java cannot open a Unix
 * datagram socket, so this emitter speaks the network form instead, by default to {@code 127.0.0.1:514}: enable
 * the UDP input of the local syslog daemon (rsyslog {@code imudp}, syslog-ng {@code udp()}), or point it at a remote
 * collector. What {@code openlog}'s ident and facility are in C are {@link Builder#appName} and
 * {@link Builder#facility} here; the level mask ({@code setlogmask}) is the context's
 * {@link io.jlws.Context#setLogLevel}.
 * <p>
 * <b>Threading and failures.</b> {@link #emit} may be called from any thread at once. It never blocks and never
 * throws: the channel is non-blocking, and a datagram the socket buffer cannot take, a send error, or a line emitted
 * after {@link #close()} is only counted in {@link #droppedCount()}, because a log call must not break the service
 * loop and there is nowhere left to report it (a daemon's stderr is {@code /dev/null}). Lines longer than
 * {@link Builder#maxDatagramBytes} are cut on a UTF-8 character boundary.
 */
public final class SyslogEmitter implements LogEmitter, Closeable {

	/** The syslog UDP port. */
	public static final int DEFAULT_PORT = 514;

	/** The default app name (RFC 3164 tag, RFC 5424 APP-NAME). */
	public static final String DEFAULT_APP_NAME = "jlws";

	/** The default datagram size limit: what RFC 5426 says every receiver should accept. */
	public static final int DEFAULT_MAX_DATAGRAM_BYTES = 2048;

	private final InetSocketAddress target;

	private final SyslogFacility facility;

	private final SyslogFormat format;

	private final String appName;

	private final String hostname;

	private final long pid;

	private final int maxDatagramBytes;

	private final Clock clock;

	private final DatagramChannel channel;

	private final LongAdder sent = new LongAdder();

	private final LongAdder dropped = new LongAdder();

	private volatile boolean closed;

	private SyslogEmitter(Builder b, DatagramChannel channel) {
		this.target = b.target;
		this.facility = b.facility;
		this.format = b.format;
		this.appName = b.appName;
		this.hostname = (b.hostname != null) ? b.hostname : localHostname();
		this.pid = ProcessHandle.current().pid();
		this.maxDatagramBytes = b.maxDatagramBytes;
		this.clock = b.clock;
		this.channel = channel;
	}

	/** A builder with the defaults: RFC 3164 to 127.0.0.1:514, facility USER, app name "jlws". */
	public static Builder builder() {
		return new Builder();
	}

	/** Where datagrams go. */
	public InetSocketAddress target() {
		return this.target;
	}

	/** Datagrams handed to the socket. Any thread. */
	public long sentCount() {
		return this.sent.sum();
	}

	/** Lines not sent: socket buffer full, send failed, or emitted after close. Any thread. */
	public long droppedCount() {
		return this.dropped.sum();
	}

	@Override
	public void emit(int level, String line) {
		if (this.closed) {
			this.dropped.increment();
			return;
		}
		try {
			ByteBuffer datagram = ByteBuffer.wrap(encode(level, line));
			if (this.channel.send(datagram, this.target) > 0) {
				this.sent.increment();
			}
			else {
				this.dropped.increment();
			}
		}
		catch (IOException | RuntimeException ex) {
			// Includes ClosedChannelException from a close() racing this send: logging must never fail the caller.
			this.dropped.increment();
		}
	}

	/** The datagram for one line; package-private so tests can check the bytes without a socket. */
	byte[] encode(int level, String line) {
		int pri = this.facility.priority(SyslogSeverity.ofLwsLevel(level));
		String msgId = (Integer.bitCount(level) == 1 && level <= LogLevel.ALL) ? LogLevel.name(level) : null;
		String text = this.format.format(pri, ZonedDateTime.now(this.clock), this.hostname, this.appName, this.pid,
				msgId, stripTrailingNewlines(line));
		return truncate(text.getBytes(StandardCharsets.UTF_8), this.maxDatagramBytes);
	}

	/** Closes the socket; later lines are dropped. Idempotent. */
	@Override
	public void close() {
		this.closed = true;
		try {
			this.channel.close();
		}
		catch (IOException ex) {
			// nothing was buffered; the descriptor is gone either way
		}
	}

	private static String stripTrailingNewlines(String line) {
		int end = (line != null) ? line.length() : 0;
		while (end > 0 && (line.charAt(end - 1) == '\n' || line.charAt(end - 1) == '\r')) {
			end--;
		}
		return (line == null) ? "" : line.substring(0, end);
	}

	static byte[] truncate(byte[] bytes, int max) {
		if (bytes.length <= max) {
			return bytes;
		}
		int end = max;
		// Back off continuation bytes (10xxxxxx) so the cut never splits a character.
		while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
			end--;
		}
		return java.util.Arrays.copyOf(bytes, end);
	}

	private static String localHostname() {
		// /proc first: InetAddress.getLocalHost() may block on a DNS lookup.
		try {
			String name = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
			if (!name.isEmpty()) {
				return name;
			}
		}
		catch (IOException | RuntimeException ex) {
			// not Linux, or /proc not mounted
		}
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (IOException ex) {
			return "localhost";
		}
	}

	/** Settings of a {@link SyslogEmitter}. */
	public static final class Builder {

		private InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), DEFAULT_PORT);

		private SyslogFacility facility = SyslogFacility.USER;

		private SyslogFormat format = SyslogFormat.RFC3164;

		private String appName = DEFAULT_APP_NAME;

		private String hostname;

		private int maxDatagramBytes = DEFAULT_MAX_DATAGRAM_BYTES;

		private Clock clock = Clock.systemDefaultZone();

		private Builder() {
		}

		/** The receiver, resolved now. */
		public Builder target(String host, int port) {
			InetSocketAddress address = new InetSocketAddress(Objects.requireNonNull(host, "host"), port);
			if (address.isUnresolved()) {
				throw new IllegalArgumentException("Cannot resolve syslog host '" + host + "'");
			}
			return target(address);
		}

		/** The receiver. */
		public Builder target(InetSocketAddress target) {
			this.target = Objects.requireNonNull(target, "target");
			return this;
		}

		/** The facility ({@code openlog}'s facility); {@link SyslogFacility#USER} by default. */
		public Builder facility(SyslogFacility facility) {
			this.facility = Objects.requireNonNull(facility, "facility");
			return this;
		}

		/** The wire format; {@link SyslogFormat#RFC3164} by default. */
		public Builder format(SyslogFormat format) {
			this.format = Objects.requireNonNull(format, "format");
			return this;
		}

		/**
		 * The program name ({@code openlog}'s ident): the RFC 3164 tag or RFC 5424 APP-NAME.
		 * @throws IllegalArgumentException unless 1 to 48 printable ASCII characters without spaces
		 */
		public Builder appName(String appName) {
			if (appName == null || appName.isEmpty() || appName.length() > 48
					|| !appName.chars().allMatch((c) -> c > 32 && c < 127)) {
				throw new IllegalArgumentException(
						"Syslog app name must be 1-48 printable ASCII characters without spaces: '" + appName + "'");
			}
			this.appName = appName;
			return this;
		}

		/** The HOSTNAME field; by default this machine's name. */
		public Builder hostname(String hostname) {
			this.hostname = Objects.requireNonNull(hostname, "hostname");
			return this;
		}

		/**
		 * The largest datagram sent; longer lines are cut.
		 * @throws IllegalArgumentException outside 480 (RFC 5426's minimum) to 65507 (the UDP maximum)
		 */
		public Builder maxDatagramBytes(int max) {
			if (max < 480 || max > 65507) {
				throw new IllegalArgumentException("maxDatagramBytes must be 480-65507: " + max);
			}
			this.maxDatagramBytes = max;
			return this;
		}

		/** The clock and time zone of timestamps; for tests. */
		Builder clock(Clock clock) {
			this.clock = Objects.requireNonNull(clock, "clock");
			return this;
		}

		/**
		 * Opens the (unconnected, non-blocking) UDP socket and builds the emitter.
		 * @throws IOException when no datagram socket can be opened
		 */
		public SyslogEmitter build() throws IOException {
			DatagramChannel channel = DatagramChannel.open();
			try {
				channel.configureBlocking(false);
				return new SyslogEmitter(this, channel);
			}
			catch (IOException | RuntimeException ex) {
				channel.close();
				throw ex;
			}
		}

	}

}
