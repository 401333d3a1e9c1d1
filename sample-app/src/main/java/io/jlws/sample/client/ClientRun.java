package io.jlws.sample.client;

import java.util.OptionalInt;

/**
 * A client mode's run, which the application's {@code main} waits for before it closes the application and exits
 * with the code: jlws' stop joins the service thread, so exiting must not happen on it.
 */
public interface ClientRun {

	/**
	 * Waits for the run to end. Every step of a run is bounded, so this returns.
	 * @return the process exit code, or empty at once when the run goes on until the application is stopped
	 * @throws InterruptedException when the waiting thread is interrupted
	 */
	OptionalInt awaitExitCode() throws InterruptedException;

}
