#!/usr/bin/env bash
# Load benchmark of the storefront: /health alone (the server's ceiling), the zipfian
# mix with the cache on, and the same mix with the cache off (--ttl 0), each for DURATION seconds,
# in one run. Prints requests/s, p50/p99 latency, database queries/s, errors and the ratios.
# Usage: scripts/load-bench.sh            (DURATION=30 THREADS=2 CONNECTIONS=32 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-30}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
. scripts/lib/tools.sh
need wrk curl python3
JAR=${JAR:-target/flash-sale-console.jar}   # JAR=... compares another build in the same way
[ -f "$JAR" ] || mvn -q -B -DskipTests package
work=$(mktemp -d)
trap 'kill $PID 2>/dev/null || true; rm -rf "$work"' EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
start() { # $1 = ttl seconds
  PORT=$(free_port); BASE=http://127.0.0.1:$PORT
  java -jar "$JAR" --headless --db "$work/store-$1.db" --port "$PORT" --ttl "$1" >"$work/app-$1.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 60); do curl -fs "$BASE/health" >/dev/null 2>&1 && return 0; sleep 0.5; done
  echo "the app did not start: $(tail -3 "$work/app-$1.log")"; exit 1
}
stop() { kill "$PID"; wait "$PID" 2>/dev/null || true; }
queries() { curl -s "$BASE/metrics" | awk '$1 ~ /^flashsale_db_queries_total({|$)/ {print $2}'; }
run() { # $1 = label, $2... = wrk args
  local label=$1; shift
  # warm up (JIT, connection setup, cache fill) before measuring
  wrk -t"$THREADS" -c"$CONNECTIONS" -d5s "$@" >/dev/null
  local q0; q0=$(queries)
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$@" >"$work/$label.txt"
  local q1; q1=$(queries)
  python3 "$(dirname "$0")/wrkstats.py" "$work/$label.txt" "$label" "$q0" "$q1" "$DURATION" >>"$work/results.tsv"
}

echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1); wrk -t$THREADS -c$CONNECTIONS, ${DURATION}s per run"
start 30
run health "$BASE/health"
run cached -s scripts/zipf-mix.lua "$BASE"
stop
start 0
run uncached -s scripts/zipf-mix.lua "$BASE"
stop

python3 - "$work/results.tsv" <<'PY'
import sys
rows = {}
for line in open(sys.argv[1]):
    label, rps, p50, p99, qps, err = line.rstrip("\n").split("\t")
    rows[label] = dict(rps=float(rps), p50=float(p50), p99=float(p99), qps=float(qps), err=int(err))
print("| run | requests/s | p50 ms | p99 ms | db queries/s | errors |")
print("|---|---:|---:|---:|---:|---:|")
names = {"health": "/health alone (ceiling)", "cached": "mix, cache on (TTL 30 s)", "uncached": "mix, cache off (TTL 0)"}
for k in ("health", "cached", "uncached"):
    r = rows[k]
    print(f"| {names[k]} | {r['rps']:.0f} | {r['p50']:.3f} | {r['p99']:.3f} | {r['qps']:.2f} | {r['err']} |")
c, u, h = rows["cached"], rows["uncached"], rows["health"]
print()
print(f"cached / ceiling throughput: {c['rps'] / h['rps']:.2f}x (target >= 0.8x)")
print(f"cached / uncached throughput: {c['rps'] / u['rps']:.1f}x")
red = 100 * (1 - c['qps'] / u['qps']) if u['qps'] else float('nan')
print(f"database queries: {c['qps']:.2f}/s cached vs {u['qps']:.0f}/s uncached: {red:.2f} % fewer (target >= 99 %)")
print(f"p50 latency: cached {c['p50']:.3f} ms, uncached {u['p50']:.3f} ms (ADR-006 claimed 200 ms -> under 10 ms)")
PY
