package io.jlws.sample;

import java.util.OptionalInt;

import io.jlws.sample.client.ClientRun;

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
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
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
