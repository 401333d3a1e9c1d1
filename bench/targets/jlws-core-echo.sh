#!/bin/sh
# jlws core-only echo server (no Spring), one service thread. Build first: mvn -q -DskipTests package
# Run from the project root: ../shared/bench/run.sh "$PWD/bench/targets/jlws-core-echo.sh" netty lws
# loadgen-args: -P echo
here="$(cd "$(dirname "$0")/../.." && pwd)"
. "${BENCH_DIR:-$here/../shared/bench}/peers/jvm.env"
exec $JAVA $JVM_OPTS -cp "$here/bench/target/classes:$(cat "$here/bench/target/classpath.txt")" \
  io.jlws.bench.CoreEcho "${PORT:?PORT not set}"
