#!/usr/bin/env bash
# Query benchmark (issue 4 §5): ingests MiB of generated traffic (60 streams, logfmt/json/nginx,
# spread over the last hour, rare needle "needle-7f3a9") into a fresh Strata with
# io.strata.bench.PushLoad, then runs each query RUNS times over that hour and prints the median
# latency, the scanned MiB/s (stats.summary.totalBytesProcessed / median latency) and the server's
# CPU-seconds per run (utime + stime of the server process from /proc/<pid>/stat, averaged over the runs).
#   bench/query.sh [MiB] [runs]          ONLY=<substring of a query name> runs just the matching queries
set -euo pipefail
cd "$(dirname "$0")/.."
MIB=${1:-1024}; RUNS=${2:-5}
export JAVA_HOME="$(bash .ci/find-jdk.sh)"; export PATH="$JAVA_HOME/bin:$PATH"
if [ ! -f target/quarkus-app/quarkus-run.jar ] || [ ! -d target/test-classes/io/strata/bench ]; then
  mvn -B -q -o -DskipTests package
fi
[ -f target/bench-classpath.txt ] || mvn -B -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
CP="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
DATA=$(mktemp -d /tmp/strata-qbench.XXXXXX); PORT=${PORT:-3198}
QUARKUS_HTTP_PORT=$PORT STRATA_DATA_DIR=$DATA STRATA_LIMITS_INGESTION_RATE_MB=100000 \
  STRATA_LIMITS_INGESTION_BURST_SIZE_MB=100000 STRATA_LIMITS_PER_STREAM_RATE_LIMIT=10GB \
  STRATA_LIMITS_PER_STREAM_RATE_LIMIT_BURST=10GB STRATA_LIMITS_REJECT_OLD_SAMPLES=false \
  STRATA_LIMITS_QUERY_TIMEOUT=5m \
  java ${STRATA_JAVA_OPTS:--Xmx2g} -jar target/quarkus-app/quarkus-run.jar > "$DATA/server.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; rm -rf "$DATA"' EXIT
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$PORT/ready" >/dev/null && break; sleep 0.1; done
curl -sf "http://127.0.0.1:$PORT/ready" >/dev/null || { echo "server did not start:"; tail -5 "$DATA/server.log"; exit 1; }
NOW=$(date +%s)
START=$(( (NOW - 3600 - 60) ))
java -cp "$CP" io.strata.bench.PushLoad "http://127.0.0.1:$PORT/loki/api/v1/push" bench protobuf "$MIB" 4 1024 \
  "$(( (NOW - 3600) * 1000000000 ))" 3540 | tail -1
END=$(( NOW + 60 ))

TICK=$(getconf CLK_TCK)
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$PID/stat"; }

run() { # name path query [extra curl args...]
  local name=$1 path=$2 query=$3; shift 3
  [[ -z "${ONLY:-}" || "$name" == *"$ONLY"* ]] || return 0
  local times=() bytes=0 cpu0 cpu1
  cpu0=$(cpu_ticks)
  for _ in $(seq 1 "$RUNS"); do
    local out
    out=$(curl -s -o "$DATA/resp.json" -w '%{time_total}' -H 'X-Scope-OrgID: bench' \
      --data-urlencode "query=$query" --data-urlencode "start=$START" --data-urlencode "end=$END" "$@" \
      "http://127.0.0.1:$PORT$path")
    times+=("$out")
    bytes=$(grep -o '"totalBytesProcessed":[0-9]*' "$DATA/resp.json" | head -1 | cut -d: -f2)
    [ -n "$bytes" ] || { echo "$name: error: $(head -c 300 "$DATA/resp.json")"; return; }
  done
  cpu1=$(cpu_ticks)
  printf '%s\n' "${times[@]}" | sort -n | awk -v n="$name" -v b="$bytes" -v runs="$RUNS" \
    -v cpu="$(( cpu1 - cpu0 ))" -v tick="$TICK" '
    { t[NR]=$1 } END { m=t[int((NR+1)/2)]; printf "%-22s median %7.3f s  cpu %6.2f s  scanned %7.1f MiB  %7.1f MiB/s  (%d runs)\n",
      n, m, cpu/tick/runs, b/1048576, (m>0? b/1048576/m : 0), runs }'
}

echo "queries over one hour, $MIB MiB ingested; load: $(cut -d" " -f1-3 /proc/loadavg)"
run "rare needle"        /loki/api/v1/query_range '{env=~"prod|staging"} |= "needle-7f3a9"' --data-urlencode limit=100
run "broad filter"       /loki/api/v1/query_range '{env="prod"} |= "error"' --data-urlencode limit=1000
run "regex filter"       /loki/api/v1/query_range '{env=~".+"} |~ "status=5[0-9][0-9]"' --data-urlencode limit=1000
run "json status>=500"   /loki/api/v1/query_range '{format="json"} | json | status >= 500' --data-urlencode limit=1000
run "logfmt duration>1s" /loki/api/v1/query_range '{format="logfmt"} | logfmt | duration > 1s' --data-urlencode limit=1000
run "sum by app rate 1m" /loki/api/v1/query_range 'sum by (app) (rate({env=~".+"}[1m]))' --data-urlencode step=60
run "topk pods"          /loki/api/v1/query_range 'topk(3, sum by (pod) (count_over_time({env=~".+"}[5m])))' --data-urlencode step=60
run "quantile unwrap"    /loki/api/v1/query_range 'quantile_over_time(0.99, {format="logfmt"} | logfmt | unwrap duration(duration) [5m]) by (app)' --data-urlencode step=60
