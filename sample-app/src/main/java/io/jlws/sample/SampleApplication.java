package io.jlws.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * libwebsockets' test server as a Spring Boot application: the test page over HTTP and the
 * {@code dumb-increment-protocol}, {@code lws-mirror-protocol}, {@code lws-status}, {@code echo} and
 * {@code fraggle-protocol} WebSocket protocols on {@code jlws.port} (7681).
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
