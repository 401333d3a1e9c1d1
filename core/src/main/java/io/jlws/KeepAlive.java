package io.jlws;

/**
 * TCP keepalive for every socket of a context: libwebsockets' {@code ka_time}, {@code ka_probes},
 * {@code ka_interval}. Where the JDK cannot set the per-socket values only {@code SO_KEEPALIVE} is set and the
 * system-wide values apply (logged once at NOTICE).
 *
 * @param time seconds of idleness before the first probe; 0 turns keepalive off (lws {@code ka_time})
 * @param probes unanswered probes before the connection is declared dead (lws {@code ka_probes})
 * @param interval seconds between probes (lws {@code ka_interval})
 */
public record KeepAlive(int time, int probes, int interval) {

	/** Keepalive off, as in libwebsockets when {@code ka_time} is 0. */
	public static final KeepAlive OFF = new KeepAlive(0, 0, 0);

	public KeepAlive {
		if (time < 0 || probes < 0 || interval < 0) {
			throw new IllegalArgumentException(
					"Keepalive values must not be negative: ka_time=" + time + ", ka_probes=" + probes
							+ ", ka_interval=" + interval);
		}
		if (time > 0 && (probes == 0 || interval == 0)) {
			throw new IllegalArgumentException(
					"Keepalive with ka_time=" + time + " needs ka_probes and ka_interval greater than 0");
		}
	}

	/** Whether keepalive is on. */
	public boolean enabled() {
		return this.time > 0;
	}

}
