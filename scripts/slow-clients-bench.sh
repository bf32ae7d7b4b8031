#!/usr/bin/env bash
# Slow clients against one node: wrk's throughput, p99 and errors on the cached mix
# without them, then with 1,000 slow clients held open against the same node (half send one byte
# and nothing more, half dribble a request head a byte a second; any the server closes is opened
# again). Goal: >= 0.9x the throughput, <= 2x the p99, 0 errors.
# Usage: scripts/slow-clients-bench.sh   (DURATION=20 SLOW=1000 THREADS=2 CONNECTIONS=32;
#        JAR=... measures another build, e.g. one kept aside from before a change)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-20}
SLOW=${SLOW:-1000}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
. scripts/lib/tools.sh
need wrk curl python3
JAR=${JAR:-target/flash-sale-console.jar}
TEST_CLASSES=${TEST_CLASSES:-target/test-classes}
[ -f "$JAR" ] && [ -f "$TEST_CLASSES/dev/flashsale/testing/SlowClients.class" ] || mvn -q -B -DskipTests package
work=$(mktemp -d)
PID=""; SLOW_PID=""
trap 'kill $PID $SLOW_PID 2>/dev/null || true; rm -rf "$work"' EXIT
ulimit -n 65536 2>/dev/null || true

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
BASE=http://127.0.0.1:$PORT
java -jar "$JAR" --headless --db "$work/store.db" --port "$PORT" >"$work/app.log" 2>&1 &
PID=$!
for _ in $(seq 1 60); do curl -fs "$BASE/health" >/dev/null 2>&1 && break; sleep 0.5; done
curl -fs "$BASE/health" >/dev/null || { echo "the node did not start: $(tail -3 "$work/app.log")"; exit 1; }

run() { # $1 = label
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 5s --latency -s scripts/zipf-mix.lua "$BASE" >"$work/$1.txt" || true
  python3 scripts/wrkstats.py "$work/$1.txt" "$1" 0 0 1 >>"$work/results.tsv"
  grep -E "Socket errors|Non-2xx" "$work/$1.txt" >"$work/$1.errors" || true
}

echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1); $JAR; wrk -t$THREADS -c$CONNECTIONS, ${DURATION}s per run"
wrk -t"$THREADS" -c"$CONNECTIONS" -d5s -s scripts/zipf-mix.lua "$BASE" >/dev/null # warm-up
run without
java -cp "$TEST_CLASSES" dev.flashsale.testing.SlowClients 127.0.0.1 "$PORT" "$SLOW" $((DURATION + 10)) >"$work/slow.log" 2>&1 &
SLOW_PID=$!
sleep 5 # every slow client is in, mid-request
run with
health=$(curl -s -o /dev/null -m 5 -w '%{http_code} in %{time_total}s' "$BASE/health" || echo "no answer within 5 s")
wait "$SLOW_PID" 2>/dev/null || true; SLOW_PID=""

python3 - "$work/results.tsv" "$SLOW" <<'PY'
import sys
rows = {}
for line in open(sys.argv[1]):
    label, rps, p50, p99, qps, err = line.rstrip("\n").split("\t")
    rows[label] = dict(rps=float(rps), p50=float(p50), p99=float(p99), err=int(err))
print("| run | requests/s | p50 ms | p99 ms | errors (socket + non-2xx) |")
print("|---|---:|---:|---:|---:|")
for k, name in (("without", "cached mix alone"), ("with", f"cached mix, {sys.argv[2]} slow clients open")):
    r = rows[k]
    print(f"| {name} | {r['rps']:.0f} | {r['p50']:.3f} | {r['p99']:.3f} | {r['err']} |")
w, o = rows["with"], rows["without"]
ratio = w["rps"] / o["rps"] if o["rps"] else 0
p99 = w["p99"] / o["p99"] if o["p99"] else float("inf")
print()
print(f"throughput with / without: {ratio:.2f}x (goal >= 0.9x); p99 with / without: {p99:.2f}x (goal <= 2x); errors with: {w['err']} (goal 0)")
PY
echo "/health while they were open: $health"
cat "$work/with.errors" 2>/dev/null || true
tail -1 "$work/slow.log"
