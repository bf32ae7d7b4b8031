#!/usr/bin/env bash
# Load benchmark of the storefront (issue 4): /health alone (the server's ceiling), the zipfian
# mix with the cache on, and the same mix with the cache off (--ttl 0), each for DURATION seconds,
# in one run. Prints requests/s, p50/p99 latency, database queries/s, errors and the ratios.
# Usage: scripts/load-bench.sh            (DURATION=30 THREADS=2 CONNECTIONS=32 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-30}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
for tool in wrk curl python3; do
  if ! command -v "$tool" >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$tool" >/dev/null
    else
      echo "needs $tool (Debian: apt-get install $tool)"; exit 1
    fi
  fi
done
JAR=target/flash-sale-console.jar
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
queries() { curl -s "$BASE/metrics" | awk '$1=="flashsale_db_queries_total" {print $2}'; }
run() { # $1 = label, $2... = wrk args
  local label=$1; shift
  # warm up (JIT, connection setup, cache fill) before measuring
  wrk -t"$THREADS" -c"$CONNECTIONS" -d5s "$@" >/dev/null
  local q0; q0=$(queries)
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$@" >"$work/$label.txt"
  local q1; q1=$(queries)
  python3 - "$work/$label.txt" "$label" "$q0" "$q1" "$DURATION" >>"$work/results.tsv" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
label, q0, q1, dur = sys.argv[2], float(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
def unit(v):
    m = re.match(r"([\d.]+)(us|ms|s|m)$", v)
    if not m:
        sys.exit(f"cannot read a latency of {v!r} in:\n{text}")
    x = float(m.group(1))
    return {"us": x / 1000, "ms": x, "s": x * 1000, "m": x * 60000}[m.group(2)]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
p50 = unit(re.search(r"50%\s+(\S+)", text).group(1)); p99 = unit(re.search(r"99%\s+(\S+)", text).group(1))
non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
errors = (int(non2xx.group(1)) if non2xx else 0) + (sum(int(g) for g in sock.groups()) if sock else 0)
print(f"{label}\t{rps:.0f}\t{p50:.3f}\t{p99:.3f}\t{(q1 - q0) / dur:.2f}\t{errors}")
PY
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
