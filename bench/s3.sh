#!/usr/bin/env bash
# S3 benchmark (issue 7 §7): flush throughput to a local s3proxy and query latency cold (fresh
# storage, empty caches, every chunk from S3) versus warm (Caffeine caches), on the query
# benchmark's data (LogLineGenerator, one hour, bench/query.sh's stream layout). Runs
# io.strata.bench.S3Bench, which starts s3proxy itself (fat jar from the local Maven repository or
# STRATA_S3PROXY_JAR) and stops it at the end.
#   bench/s3.sh [MiB] [warm runs]        (default 256 MiB, 3 runs: well under 2 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
MIB=${1:-256}; RUNS=${2:-3}
export JAVA_HOME="$(bash .ci/find-jdk.sh)"; export PATH="$JAVA_HOME/bin:$PATH"
if [ ! -f target/test-classes/io/strata/bench/S3Bench.class ]; then
  mvn -B -q -o -DskipTests test-compile
fi
[ -f target/bench-classpath.txt ] || mvn -B -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
CP="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
exec java ${STRATA_JAVA_OPTS:--Xmx2g} -cp "$CP" io.strata.bench.S3Bench "$MIB" "$RUNS"
