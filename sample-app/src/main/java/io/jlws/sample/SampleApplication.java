package io.jlws.sample;

import java.util.OptionalInt;

import io.jlws.sample.client.ClientRun;
import io.jlws.sample.extpoll.ExtPollMain;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * libwebsockets' test server and test client as a Spring Boot application.
 * <p>
 * By default the test server: the test page over HTTP and the {@code dumb-increment-protocol},
 * {@code lws-mirror-protocol}, {@code lws-status}, {@code echo} and {@code fraggle-protocol} WebSocket protocols on
 * {@code jlws.port} (7681). With {@code --sample.client=ws://HOST:PORT/} the test client instead
 * ({@code --sample.once=true} to check once and exit), and with {@code --sample.autobahn=ws://HOST:PORT/
 * --sample.agent=NAME} an Autobahn TestSuite client testee; both open no port (see {@link SampleMode}).
 * <p>
 * With {@code --sample.extpoll=true} no Spring application starts at all: the test server runs in the main thread's
 * own selector loop, next to a UDP echo socket, as libwebsockets' test-server-extpoll does (see {@link ExtPollMain}).
 * <p>
 * Logging: Spring Boot's console output, or with {@code --spring.profiles.active=syslog} syslog over UDP
 * ({@code logback-spring.xml}, {@code sample.syslog.*} in {@code application.yml}).
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		if (ExtPollMain.isSelected(args)) {
			int code = ExtPollMain.run(args);
			if (code != 0) {
				System.exit(code);
			}
			return;
		}
		ConfigurableApplicationContext context = SpringApplication.run(SampleApplication.class, args);
		OptionalInt exitCode = awaitClientRun(context);
		if (exitCode.isPresent()) {
			// on the main thread: closing the context stops jlws, which joins the service thread
			System.exit(SpringApplication.exit(context, exitCode::getAsInt));
		}
	}

	/**
	 * Waits for a client mode that ends by itself ({@link ClientRun}).
	 * @return its exit code, or empty at once in server mode and in the test client's endless mode
	 */
	public static OptionalInt awaitClientRun(ConfigurableApplicationContext context) {
		ClientRun run = context.getBeanProvider(ClientRun.class).getIfAvailable();
		if (run == null) {
			return OptionalInt.empty();
		}
		try {
			return run.awaitExitCode();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return OptionalInt.of(1);
		}
	}

}
