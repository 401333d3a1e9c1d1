package io.jlws.connection;

import java.util.List;

import io.jlws.ContextInfo;
import io.jlws.Limits;
import io.jlws.Protocol;
import io.jlws.log.JlwsLog;

/**
 * What every connection of one service loop shares: settings, the logger and the write staging buffer.
 * Service thread only.
 */
public final class ConnectionSupport {

	private static final int STAGE_BYTES = 64 * 1024;

	private final ContextInfo info;

	private final JlwsLog log;

	private final WriteStage stage = new WriteStage(STAGE_BYTES);

	public ConnectionSupport(ContextInfo info, JlwsLog log) {
		this.info = info;
		this.log = log;
	}

	ContextInfo info() {
		return this.info;
	}

	Limits limits() {
		return this.info.limits();
	}

	List<Protocol<?>> protocols() {
		return this.info.protocols();
	}

	JlwsLog log() {
		return this.log;
	}

	WriteStage stage() {
		return this.stage;
	}

}
