package io.jlws.loop;

import java.net.InetAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;

/**
 * Name lookups for client connections. {@link InetAddress#getByName} blocks, so it runs on two daemon threads
 * ({@code jlws-resolver}) created on first use; results go back to the service thread through the task queue.
 */
final class Resolver {

	private final ServiceLoop loop;

	private ExecutorService executor;

	Resolver(ServiceLoop loop) {
		this.loop = loop;
	}

	/** Service thread: looks {@code host} up and calls {@code done} on the service thread with the outcome. */
	void resolve(String host, BiConsumer<InetAddress, Exception> done) {
		if (this.executor == null) {
			this.executor = Executors.newFixedThreadPool(2, (r) -> {
				Thread t = new Thread(r, "jlws-resolver");
				t.setDaemon(true);
				return t;
			});
		}
		this.executor.execute(() -> {
			InetAddress address = null;
			Exception failure = null;
			try {
				address = InetAddress.getByName(host);
			}
			catch (Exception ex) {
				failure = ex;
			}
			InetAddress a = address;
			Exception f = failure;
			// refused only while stopping, when the connection is being closed anyway
			this.loop.offer(() -> done.accept(a, f));
		});
	}

	void shutdown() {
		if (this.executor != null) {
			this.executor.shutdownNow();
		}
	}

}
