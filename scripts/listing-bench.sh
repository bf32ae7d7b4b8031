#!/usr/bin/env bash
# The storefront at event scale: 50,000 products and 150,000 sales, 5,000 of them active at once
# (scripts/event/catalog.sql), one headless node on SQLite, TTL 30 s. In one run it measures the
# active listing sent plain and gzipped (requests/s and bytes per request), clients that keep what
# they were sent and revalidate with If-None-Match (the share of 304s), a page of 50, and product
# prices. With BASE_JAR=path/to/an/older/flash-sale-console.jar it also runs the prices on that
# build, alternating with this one (old, new, new, old...: ROUNDS=2 pairs), for the ratio;
# PRICES_ONLY=1 runs only that comparison.
# Usage: scripts/listing-bench.sh      (DURATION=20 THREADS=2 CONNECTIONS=32 ROUNDS=2 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-20}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
ROUNDS=${ROUNDS:-2}
PRICES_ONLY=${PRICES_ONLY:-}
. scripts/lib/tools.sh
need wrk curl python3 sqlite3
JAR=${JAR:-target/flash-sale-console.jar}
[ -f "$JAR" ] || mvn -q -B -DskipTests package
BASE_JAR=${BASE_JAR:-}
work=$(mktemp -d)
PID=
trap '[ -n "$PID" ] && kill $PID 2>/dev/null; rm -rf "$work"' EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
start() { # $1 = jar, then options
  local jar=$1; shift
  PORT=$(free_port); BASE=http://127.0.0.1:$PORT
  java -jar "$jar" --headless --db "$work/event.db" --port "$PORT" "$@" >"$work/app.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 120); do curl -fs "$BASE/health" >/dev/null 2>&1 && return 0; sleep 0.5; done
  echo "the app did not start: $(tail -3 "$work/app.log")"; exit 1
}
stop() { kill "$PID"; wait "$PID" 2>/dev/null || true; PID=; }
run() { # $1 = label, $2... = wrk args
  local label=$1; shift
  wrk -t"$THREADS" -c"$CONNECTIONS" -d5s "$@" >/dev/null   # warm-up: JIT, connections, the cache
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$@" >"$work/$label.txt"
  python3 - "$work/$label.txt" "$label" >>"$work/results.tsv" <<'PY'
import re, sys
text, label = open(sys.argv[1]).read(), sys.argv[2]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
m = re.search(r"(\d+) requests in [\d.]+\w+, ([\d.]+)(B|KB|MB|GB|TB) read", text)
n, size = int(m.group(1)), float(m.group(2)) * {"B": 1, "KB": 2**10, "MB": 2**20, "GB": 2**30, "TB": 2**40}[m.group(3)]
def ms(v):
    x = re.match(r"([\d.]+)(us|ms|s)$", v); return float(x.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[x.group(2)]
dist = text.split("Latency Distribution", 1)[-1]
p50 = ms(re.search(r"^\s*50%\s+(\S+)", dist, re.M).group(1)); p99 = ms(re.search(r"^\s*99%\s+(\S+)", dist, re.M).group(1))
non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
errors = (int(non2xx.group(1)) if non2xx else 0) + (sum(int(g) for g in sock.groups()) if sock else 0)
st = re.search(r"statuses: 200 (\d+), 304 (\d+)", text)
statuses = f"{st.group(1)}/{st.group(2)}" if st else "-"
print(f"{label}\t{rps:.0f}\t{size / n:.0f}\t{p50:.2f}\t{p99:.2f}\t{errors}\t{statuses}")
PY
}

echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1); wrk -t$THREADS -c$CONNECTIONS, ${DURATION}s per run"
start "$JAR" --no-demo          # creates the schema
stop
sqlite3 "$work/event.db" < scripts/event/catalog.sql
echo "catalog: $(sqlite3 "$work/event.db" 'SELECT COUNT(*) FROM product') products, $(sqlite3 "$work/event.db" \
  "SELECT COUNT(*) FROM flash_sale") sales, $(sqlite3 "$work/event.db" "SELECT COUNT(*) FROM flash_sale WHERE \
  starts_at <= CAST(strftime('%s','now') AS INTEGER) * 1000 AND ends_at > CAST(strftime('%s','now') AS INTEGER) * 1000") active now"

touch "$work/results.tsv"
if [ -z "$PRICES_ONLY" ]; then
start "$JAR" --ttl 30
plain=$(curl -s "$BASE/api/flash-sales/active" | wc -c)
zipped=$(curl -s -H 'Accept-Encoding: gzip' "$BASE/api/flash-sales/active" | wc -c)
echo "the listing: $plain bytes plain, $zipped gzipped ($(python3 -c "print(f'{$plain / $zipped:.1f}')")x smaller)"
run listing-plain "$BASE/api/flash-sales/active"
run listing-gzip -H "Accept-Encoding: gzip" "$BASE/api/flash-sales/active"
run listing-revalidating -s scripts/revalidate.lua "$BASE/api/flash-sales/active"
run page-of-50 -H "Accept-Encoding: gzip" "$BASE/api/flash-sales/active?limit=50&after=25000"
run prices -s scripts/random-prices.lua "$BASE"
stop
fi
if [ -n "$BASE_JAR" ]; then
  for round in $(seq 1 "$ROUNDS"); do   # odd rounds the older build first, even rounds this one (ABBA)
    for which in $( [ $((round % 2)) = 1 ] && echo "base now" || echo "now base"); do
      if [ "$which" = base ]; then start "$BASE_JAR" --ttl 30; else start "$JAR" --ttl 30; fi
      run "prices-$which-$round" -s scripts/random-prices.lua "$BASE"; stop
    done
  done
fi

python3 - "$work/results.tsv" <<'PY'
import sys
rows = {}
print("| run | requests/s | bytes per request | p50 ms | p99 ms | errors | 200/304 |")
print("|---|---:|---:|---:|---:|---:|---:|")
for line in open(sys.argv[1]):
    label, rps, size, p50, p99, err, st = line.rstrip("\n").split("\t")
    rows[label] = (float(rps), float(size))
    print(f"| {label} | {float(rps):,.0f} | {float(size):,.0f} | {p50} | {p99} | {err} | {st} |")
if "listing-plain" in rows:
    p, g = rows["listing-plain"], rows["listing-gzip"]
    print(f"\nlisting, gzip against plain: {g[0] / p[0]:.1f}x the requests/s (goal >= 5x), "
          f"{g[1] / p[1]:.3f} of the bytes per request (goal <= 0.1)")
for r in range(1, 100):
    b, n = rows.get(f"prices-base-{r}"), rows.get(f"prices-now-{r}")
    if b and n:
        print(f"prices, this build against BASE_JAR, round {r}: {n[0] / b[0]:.2f}x (goal >= 0.95x)")
PY
