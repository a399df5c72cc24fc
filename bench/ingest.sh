#!/usr/bin/env bash
# Ingestion benchmark: pushes realistic traffic over HTTP to a fresh Strata and prints MiB/s,
# lines/s, server CPU-seconds per GiB and peak RSS.
#   bench/ingest.sh [protobuf|json] [MiB] [connections] [batchKiB]
set -euo pipefail
cd "$(dirname "$0")/.."
FORMAT=${1:-protobuf}; MIB=${2:-1024}; CONN=${3:-4}; BATCH=${4:-1024}
export JAVA_HOME="$(bash .ci/find-jdk.sh)"; export PATH="$JAVA_HOME/bin:$PATH"
if [ ! -f target/quarkus-app/quarkus-run.jar ] || [ ! -d target/test-classes/io/strata/bench ]; then
  mvn -B -q -DskipTests package
fi
[ -f target/bench-classpath.txt ] || mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
CP="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
DATA=$(mktemp -d /tmp/strata-bench.XXXXXX); PORT=${PORT:-3199}
QUARKUS_HTTP_PORT=$PORT STRATA_DATA_DIR=$DATA STRATA_LIMITS_INGESTION_RATE_MB=100000 \
  STRATA_LIMITS_INGESTION_BURST_SIZE_MB=100000 STRATA_LIMITS_PER_STREAM_RATE_LIMIT=10GB \
  STRATA_LIMITS_PER_STREAM_RATE_LIMIT_BURST=10GB STRATA_LIMITS_REJECT_OLD_SAMPLES=false \
  java ${STRATA_JAVA_OPTS-} -jar target/quarkus-app/quarkus-run.jar > "$DATA/server.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true; rm -rf "$DATA"' EXIT
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$PORT/ready" >/dev/null && break; sleep 0.1; done
ticks() { awk '{print $14+$15}' /proc/$PID/stat; }
HZ=$(getconf CLK_TCK)
T0=$(ticks)
java -cp "$CP" io.strata.bench.PushLoad "http://127.0.0.1:$PORT/loki/api/v1/push" bench "$FORMAT" "$MIB" "$CONN" "$BATCH" | tee "$DATA/load.txt"
T1=$(ticks)
RSS=$(awk '/VmHWM/{print $2}' /proc/$PID/status)
RSS_NOW=$(awk '/VmRSS/{print $2}' /proc/$PID/status)
SENT=$(sed -n 's/^RESULT mib=\([0-9.]*\).*/\1/p' "$DATA/load.txt")
awk -v t0="$T0" -v t1="$T1" -v hz="$HZ" -v mib="$SENT" -v rss="$RSS" -v now="$RSS_NOW" -v fmt="$FORMAT" 'BEGIN {
  cpu=(t1-t0)/hz; printf "%s: server CPU %.1f s for %.0f MiB = %.1f CPU-s/GiB; peak RSS %.0f MiB (now %.0f MiB)\n",
  fmt, cpu, mib, cpu/(mib/1024), rss/1024, now/1024 }'
