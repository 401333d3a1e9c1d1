package io.jlws.daemon;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;

import io.jlws.CallbackResult;
import io.jlws.Context;
import io.jlws.ContextInfo;
import io.jlws.Daemon;
import io.jlws.LogLevel;
import io.jlws.Protocol;
import io.jlws.Reason;
import io.jlws.WriteType;
import io.jlws.log.SyslogEmitter;

/**
 * A daemon for {@link DaemonProcessTest}: {@code LOCKFILE PORT [SYSLOG_PORT]}. Serves an "echo" protocol on
 * 127.0.0.1:PORT and, with a syslog port, logs there (its stdio is /dev/null). Stops on SIGTERM.
 */
public final class DaemonTestMain {

	private DaemonTestMain() {
	}

	public static void main(String[] args) throws Exception {
		Path lock = Path.of(args[0]);
		Daemon.daemonize(lock, Duration.ofSeconds(30));
		// A second call in the daemon must be a no-op.
		Daemon.daemonize(lock);
		ContextInfo.Builder info = ContextInfo.builder()
			.address("127.0.0.1")
			.port(Integer.parseInt(args[1]))
			.protocol(Protocol.builder("echo", DaemonTestMain::echo).sessionData(ByteArrayOutputStream::new).build());
		if (args.length > 2) {
			info.logEmitter(SyslogEmitter.builder().target("127.0.0.1", Integer.parseInt(args[2])).build())
				.logLevel(LogLevel.DEFAULT | LogLevel.USER);
		}
		Context context = Context.create(info.build());
		Runtime.getRuntime().addShutdownHook(new Thread(context::stop, "stop"));
		context.start();
		context.log(LogLevel.USER, "daemon {} serving, isDaemon={}", ProcessHandle.current().pid(),
				Daemon.isDaemon());
	}

	private static CallbackResult echo(io.jlws.Connection conn, Reason reason, ByteArrayOutputStream message,
			ByteBuffer in) {
		if (reason == Reason.RECEIVE) {
			byte[] chunk = new byte[in.remaining()];
			in.get(chunk);
			message.writeBytes(chunk);
			if (conn.isFinalFragment()) {
				conn.requestWritable();
			}
		}
		else if (reason == Reason.SERVER_WRITEABLE && message.size() > 0) {
			conn.write(ByteBuffer.wrap(message.toByteArray()), WriteType.TEXT);
			message.reset();
		}
		return CallbackResult.CONTINUE;
	}

}
