#!/usr/bin/env bash
# Cluster benchmark: three storefront nodes and a Redis on this machine, in one run.
#  1. propagation: from a write's commit to every node serving the new answer, p50/p99,
#     with Redis (bus) and with the database's invalidation log alone;
#  2. store loads per key per TTL for the whole cluster under wrk, with and without Redis;
#  3. L1 hit throughput of one node with the cluster on, against a single node in the same run;
#  4. Redis stopped for 10 s under load: errors and figures before, during and after.
# Usage: scripts/cluster-bench.sh   (DURATION=20 ROUNDS=200 TTL=5 THREADS=2 CONNECTIONS=32;
#        JAR and TEST_CLASSES to measure a build kept aside)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-20}
ROUNDS=${ROUNDS:-200}
TTL=${TTL:-5}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
. scripts/lib/tools.sh
need wrk curl python3 redis-server
JAR=${JAR:-target/flash-sale-console.jar}
TEST_CLASSES=${TEST_CLASSES:-target/test-classes}
[ -f "$JAR" ] && [ -d "$TEST_CLASSES/dev/flashsale/bench" ] || mvn -q -B -DskipTests package
CP="$JAR:$TEST_CLASSES"
work=$(mktemp -d)
PIDS=()
REDIS_PID=""
cleanup() { for p in "${PIDS[@]}" $REDIS_PID; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
REDIS_PORT=$(free_port)
REDIS_URL=redis://127.0.0.1:$REDIS_PORT
redis_start() {
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" \
    --logfile "$work/redis.log" --daemonize no & REDIS_PID=$!
  for _ in $(seq 1 100); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && return 0; sleep 0.05; done
  echo "redis-server did not start"; exit 1
}
redis_stop() { kill -9 "$REDIS_PID" 2>/dev/null || true; wait "$REDIS_PID" 2>/dev/null || true; REDIS_PID=""; }

URLS=()
nodes_start() { # $1 = count, $2 = db name, rest = extra options
  local count=$1 db="$work/$2.db"; shift 2
  URLS=(); PIDS=()
  for i in $(seq 1 "$count"); do
    local port; port=$(free_port)
    java -jar "$JAR" --headless --db "$db" --port "$port" "$@" >"$work/node-$i.log" 2>&1 &
    PIDS+=($!); URLS+=("http://127.0.0.1:$port")
    sleep 0.3 # the first one creates and seeds the file; the others then open it
  done
  for u in "${URLS[@]}"; do
    for _ in $(seq 1 120); do curl -fs "$u/health" >/dev/null 2>&1 && break; sleep 0.25; done
    curl -fs "$u/health" >/dev/null || { echo "a node did not start: $(tail -3 "$work"/node-*.log)"; exit 1; }
  done
}
nodes_stop() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done; PIDS=(); }
metric_sum() { # $1 = metric name; sums it over every node
  local total=0 v
  for u in "${URLS[@]}"; do
    v=$(curl -s "$u/metrics" | awk -v m="$1" '$1 ~ "^"m"({|$)" {s+=$2} END {print s+0}')
    total=$(python3 -c "print($total + $v)")
  done
  echo "$total"
}
warm() { # JIT and connections, before anything is measured (WARM seconds, default 5)
  local pids=()
  for u in "$@"; do wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARM:-5}s" -s scripts/zipf-mix.lua "$u" >/dev/null & pids+=($!); done
  wait "${pids[@]}"
}
wrk_on() { # $1 = label, $2 = seconds, rest = urls; one wrk per url, in parallel
  local label=$1 secs=$2; shift 2
  local i=0 pids=()
  for u in "$@"; do
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${secs}s" --latency -s scripts/zipf-mix.lua "$u" >"$work/$label-$i.txt" & pids+=($!)
    i=$((i+1))
  done
  wait "${pids[@]}"
  for f in "$work/$label"-*.txt; do python3 scripts/wrkstats.py "$f" "$label" 0 0 1; done >"$work/$label.tsv"
  python3 - "$work/$label.tsv" <<'PY'
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
rps = sum(float(r[1]) for r in rows); p50 = max(float(r[2]) for r in rows); p99 = max(float(r[3]) for r in rows)
err = sum(int(r[5]) for r in rows)
print(f"{rows[0][0]}\t{rps:.0f}\t{p50:.3f}\t{p99:.3f}\t{err}")
PY
}

echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), $(redis-server --version | cut -d' ' -f1-3)"
echo "wrk -t$THREADS -c$CONNECTIONS per node, ${DURATION}s runs, zipf mix over 13 keys"
redis_start

echo; echo "== 1. propagation ($ROUNDS writes, 3 nodes polling) =="
nodes_start 3 prop-redis --redis "$REDIS_URL" --ttl 300
java -cp "$CP" dev.flashsale.bench.PropagationProbe "$work/prop-redis.db" "$REDIS_URL" "$ROUNDS" "${URLS[@]}"
nodes_stop
nodes_start 3 prop-log --ttl 300
java -cp "$CP" dev.flashsale.bench.PropagationProbe "$work/prop-log.db" - "$ROUNDS" "${URLS[@]}"
nodes_stop

echo; echo "== 2. store loads per key per TTL (TTL ${TTL}s, 3 nodes under load) =="
nodes_start 3 loads-redis --redis "$REDIS_URL" --ttl "$TTL"
warm "${URLS[@]}" # every key is loaded before the window: in it, each key expires DURATION/TTL times
l0=$(metric_sum flashsale_cluster_store_loads_total)
wrk_on loads-redis "$DURATION" "${URLS[@]}" >"$work/loads-redis.sum"
l1=$(metric_sum flashsale_cluster_store_loads_total)
nodes_stop
redis-cli -p "$REDIS_PORT" flushall >/dev/null
nodes_start 3 loads-log --ttl "$TTL"
warm "${URLS[@]}"
m0=$(metric_sum flashsale_cache_loads_total)
wrk_on loads-log "$DURATION" "${URLS[@]}" >"$work/loads-log.sum"
m1=$(metric_sum flashsale_cache_loads_total)
nodes_stop
python3 - "$l0" "$l1" "$m0" "$m1" "$DURATION" "$TTL" <<'PY'
import sys
l0, l1, m0, m1, d, ttl = map(float, sys.argv[1:])
periods = 13 * d / ttl
print(f"with Redis: {l1 - l0:.0f} store loads = {(l1 - l0) / periods:.2f} per key per TTL (goal <= 1.1)")
print(f"without:    {m1 - m0:.0f} store loads = {(m1 - m0) / periods:.2f} per key per TTL (about 3 expected: one per node)")
PY

echo; echo "== 3. L1 hit throughput of one node: single node vs cluster with Redis =="
nodes_start 1 single --ttl 300
warm "${URLS[0]}"
single=$(wrk_on single "$DURATION" "${URLS[0]}")
nodes_stop
nodes_start 3 hit-redis --redis "$REDIS_URL" --ttl 300
warm "${URLS[0]}"
clustered=$(wrk_on clustered "$DURATION" "${URLS[0]}")
nodes_stop
python3 - "$single" "$clustered" <<'PY'
import sys
s = sys.argv[1].split("\t"); c = sys.argv[2].split("\t")
print(f"single node: {float(s[1]):.0f} req/s, p50 {s[2]} ms, p99 {s[3]} ms, errors {s[4]}")
print(f"cluster on:  {float(c[1]):.0f} req/s, p50 {c[2]} ms, p99 {c[3]} ms, errors {c[4]}")
print(f"ratio: {float(c[1]) / float(s[1]):.2f}x (goal >= 0.95x)")
PY

echo; echo "== 4. Redis stopped for 10 s under load (3 nodes, wrk on each) =="
nodes_start 3 fault --redis "$REDIS_URL" --ttl "$TTL"
WARM=15 warm "${URLS[@]}" # three fresh JVMs on two cores need longer to settle
before=$(wrk_on before 10 "${URLS[@]}")
redis_stop
during=$(wrk_on during 10 "${URLS[@]}")
health=$(curl -s "${URLS[0]}/health")
redis_start
after=$(wrk_on after 10 "${URLS[@]}")
health_after=$(curl -s "${URLS[0]}/health")
nodes_stop
printf 'phase\treq/s (3 nodes)\tp50 ms\tp99 ms\terrors\n%s\n%s\n%s\n' "$before" "$during" "$after"
echo "/health while down: $health"
echo "/health after:      $health_after"
