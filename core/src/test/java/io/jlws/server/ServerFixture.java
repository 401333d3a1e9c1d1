package io.jlws.server;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.jlws.Context;
import io.jlws.ContextInfo;
import io.jlws.Limits;
import io.jlws.Protocol;

/** Starts a context on 127.0.0.1:0 with its own service thread and records every callback reason seen. */
final class ServerFixture implements AutoCloseable {

	final Context context;

	final List<String> events = new CopyOnWriteArrayList<>();

	ServerFixture(ContextInfo.Builder builder) throws Exception {
		this.context = Context.create(builder.address("127.0.0.1").port(0).build());
		this.context.start();
	}

	static ServerFixture of(Limits limits, Protocol<?>... protocols) throws Exception {
		ContextInfo.Builder b = ContextInfo.builder().limits(limits);
		for (Protocol<?> p : protocols) {
			b.protocol(p);
		}
		return new ServerFixture(b);
	}

	static ServerFixture of(Protocol<?>... protocols) throws Exception {
		return of(Limits.DEFAULT, protocols);
	}

	int port() {
		return this.context.port();
	}

	@Override
	public void close() {
		this.context.stop();
	}

}
