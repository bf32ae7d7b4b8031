#!/usr/bin/env bash
# The storefront load run on both stores, in one run: the zipfian mix with the cache on
# (TTL 30 s) and off (TTL 0), on a SQLite file and on a PostgreSQL server of its own (127.0.0.1,
# started here and removed after), DURATION seconds each after a 5 s warm-up. Prints requests/s,
# p50/p99 latency, store queries/s and errors per run, and the ratios between the stores.
# Then, with no Redis, how long a write takes to reach three nodes through the invalidation log:
# SQLite (each node polls data_version) against PostgreSQL (LISTEN/NOTIFY), ROUNDS writes each.
# Usage: scripts/store-bench.sh      (DURATION=30 THREADS=2 CONNECTIONS=32 ROUNDS=100 by default)
# Needs: wrk, curl, python3, PostgreSQL's server binaries (Debian: apt-get install postgresql).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-30}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
. scripts/lib/tools.sh
need wrk curl python3
. scripts/lib/throwaway-postgres.sh
JAR=${JAR:-target/flash-sale-console.jar}
TEST_CLASSES=${TEST_CLASSES:-target/test-classes}
[ -f "$JAR" ] && [ -d "$TEST_CLASSES/dev/flashsale/bench" ] || mvn -q -B -DskipTests package
CP="$JAR:$TEST_CLASSES"
ROUNDS=${ROUNDS:-100}
work=$(mktemp -d)
PID=
NODES=()
cleanup() {
  [ -n "$PID" ] && kill "$PID" 2>/dev/null
  for p in "${NODES[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  stop_postgres "$work/pgdir"
  rm -rf "$work"
}
trap cleanup EXIT INT TERM
mkdir "$work/pgdir"
start_postgres "$work/pgdir"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
start() { # $1 = --db value, $2 = ttl seconds, $3 = label
  PORT=$(free_port); BASE=http://127.0.0.1:$PORT
  java -jar "$JAR" --headless --db "$1" --port "$PORT" --ttl "$2" >"$work/app-$3.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 60); do curl -fs "$BASE/health" >/dev/null 2>&1 && return 0; sleep 0.5; done
  echo "the app did not start: $(tail -3 "$work/app-$3.log")"; exit 1
}
stop() { kill "$PID"; wait "$PID" 2>/dev/null || true; PID=; }
queries() { curl -s "$BASE/metrics" | awk '$1 ~ /^flashsale_db_queries_total({|$)/ {s += $2} END {print s + 0}'; }
run() { # $1 = label
  wrk -t"$THREADS" -c"$CONNECTIONS" -d5s -s scripts/zipf-mix.lua "$BASE" >/dev/null
  local q0; q0=$(queries)
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s scripts/zipf-mix.lua "$BASE" >"$work/$1.txt"
  local q1; q1=$(queries)
  python3 scripts/wrkstats.py "$work/$1.txt" "$1" "$q0" "$q1" "$DURATION" >>"$work/results.tsv"
}

echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), $("$(pg_bin)/postgres" --version); wrk -t$THREADS -c$CONNECTIONS, ${DURATION}s per run"
# Both stores get the demo catalog on their first start; the PostgreSQL database is seeded once.
for store in sqlite postgresql; do
  if [ "$store" = sqlite ]; then db=$work/store.db; else db=$PG_URL; fi
  start "$db" 30 "$store-cached"; run "$store-cached"; stop
  start "$db" 0 "$store-uncached"; run "$store-uncached"; stop
done

python3 - "$work/results.tsv" <<'PY'
import sys
rows = {}
for line in open(sys.argv[1]):
    label, rps, p50, p99, qps, err = line.rstrip("\n").split("\t")
    rows[label] = dict(rps=float(rps), p50=float(p50), p99=float(p99), qps=float(qps), err=int(err))
print("| store | cache | requests/s | p50 ms | p99 ms | store queries/s | errors |")
print("|---|---|---:|---:|---:|---:|---:|")
for store, shown in (("sqlite", "SQLite file"), ("postgresql", "PostgreSQL (127.0.0.1)")):
    for mode, cache in (("cached", "on (TTL 30 s)"), ("uncached", "off (TTL 0)")):
        r = rows[f"{store}-{mode}"]
        print(f"| {shown} | {cache} | {r['rps']:.0f} | {r['p50']:.3f} | {r['p99']:.3f} | {r['qps']:.2f} | {r['err']} |")
sc, su, pc, pu = (rows[k] for k in ("sqlite-cached", "sqlite-uncached", "postgresql-cached", "postgresql-uncached"))
print()
print(f"cache on:  PostgreSQL / SQLite throughput {pc['rps'] / sc['rps']:.2f}x (goal: within 10 %, 0.90x-1.10x)")
print(f"cache off: PostgreSQL / SQLite throughput {pu['rps'] / su['rps']:.2f}x; p50 {pu['p50']:.3f} vs {su['p50']:.3f} ms")
print(f"what the cache saves: SQLite {sc['rps'] / su['rps']:.1f}x the throughput, PostgreSQL {pc['rps'] / pu['rps']:.1f}x")
PY

echo
echo "== propagation through the log alone, 3 nodes, no Redis ($ROUNDS writes each) =="
for store in sqlite postgresql; do
  if [ "$store" = sqlite ]; then db=$work/prop.db; else db=$PG_URL; fi
  URLS=()
  for i in 1 2 3; do
    port=$(free_port)
    java -jar "$JAR" --headless --db "$db" --port "$port" --ttl 300 >"$work/prop-$store-$i.log" 2>&1 &
    NODES+=($!)
    URLS+=("http://127.0.0.1:$port")
  done
  for u in "${URLS[@]}"; do
    for _ in $(seq 1 120); do curl -fs "$u/health" >/dev/null 2>&1 && break; sleep 0.25; done
  done
  printf '%s: ' "$store"
  java -cp "$CP" dev.flashsale.bench.PropagationProbe "$db" - "$ROUNDS" "${URLS[@]}"
  for p in "${NODES[@]}"; do kill "$p" 2>/dev/null || true; done
  wait "${NODES[@]}" 2>/dev/null || true
  NODES=()
done
