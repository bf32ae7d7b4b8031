#!/usr/bin/env bash
# The cache when a 2,000-product campaign starts under load: three nodes on one SQLite file and a
# Redis, wrk on each asking uniformly for the prices of the demo's 12 products and the campaign's
# 2,000 (PRICE_IDS=2012), the campaign created to start 30 s later. The nodes' hits and misses are
# read at 10 s before the start, at the start and 10 s after: the hit rate in the 10 s before the
# start against the 10 s after.
# Usage: scripts/campaign-start-bench.sh   (THREADS=1 CONNECTIONS=8 per node)
set -euo pipefail
cd "$(dirname "$0")/.."
THREADS=${THREADS:-1}
CONNECTIONS=${CONNECTIONS:-8}
. scripts/lib/tools.sh
need wrk curl python3 redis-server redis-cli sqlite3
JAR=${JAR:-target/flash-sale-console.jar}
[ -f "$JAR" ] || mvn -q -B -DskipTests package
work=$(mktemp -d)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
. scripts/lib/campaign-cluster.sh
start_redis
start_nodes "$work/shop.db" node --redis "$REDIS_URL" --ttl 300
add_campaign_products "$work/shop.db" 2000
skus=$(sqlite3 "$work/shop.db" "SELECT sku FROM product WHERE sku LIKE 'CMP-%'")

echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1); 3 nodes, wrk -t$THREADS -c$CONNECTIONS each"
for u in "${URLS[@]}"; do PRICE_IDS=2012 wrk -t"$THREADS" -c"$CONNECTIONS" -d10s -s scripts/random-prices.lua "$u" >/dev/null & done
wait_wrk() { while pgrep -f "wrk -t$THREADS" >/dev/null; do sleep 0.2; done; }
wait_wrk # warm: every key loaded

measure() { # $1 = label; reads the figures 10 s before $start_epoch, at it and 10 s after
  # One sampler reads the three nodes at once, at the exact instants: a sample taken late counts
  # the misses of the first moments after the start as "before" (a shell loop on date +%s was
  # 50-100 ms late). It prints how late each sample was.
  python3 - "$1" "$start_epoch" "${URLS[@]}" <<'PY'
import sys, time, threading, urllib.request
label, start, urls = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
def read(url, out, i):
    h = m = 0
    for line in urllib.request.urlopen(url + "/metrics", timeout=5).read().decode().splitlines():
        if line.startswith("flashsale_cache_hits_total"):
            h += float(line.split()[-1])
        elif line.startswith("flashsale_cache_misses_total"):
            m += float(line.split()[-1])
    out[i] = (h, m)
rows, late = [], []
for t in (-10, 0, 10):
    target = start + t
    while time.time() < target - 0.02:
        time.sleep(0.01)
    while time.time() < target:
        pass
    out = [None] * len(urls)
    threads = [threading.Thread(target=read, args=(u, out, i)) for i, u in enumerate(urls)]
    [th.start() for th in threads]
    [th.join() for th in threads]
    late.append(time.time() - target)
    rows.append((sum(o[0] for o in out), sum(o[1] for o in out)))
(h0, m0), (h1, m1), (h2, m2) = rows
def rate(h, m):
    return 100.0 * h / (h + m) if h + m else float("nan")
print(f"{label}, 10 s before: {h1 - h0:.0f} hits, {m1 - m0:.0f} misses, hit rate {rate(h1 - h0, m1 - m0):.2f} %")
print(f"{label}, 10 s after:  {h2 - h1:.0f} hits, {m2 - m1:.0f} misses, hit rate {rate(h2 - h1, m2 - m1):.2f} %")
print(f"  (samples read {', '.join(f'{1000 * x:.0f}' for x in late)} ms after their instants)")
PY
  wait_wrk
}

# The baseline, in the same run: the same load around a moment when nothing happens.
start_epoch=$(( $(date +%s) + 15 ))
for u in "${URLS[@]}"; do PRICE_IDS=2012 wrk -t"$THREADS" -c"$CONNECTIONS" -d28s -s scripts/random-prices.lua "$u" >/dev/null & done
measure "no campaign (baseline)"

start_epoch=$(( $(date +%s) + 30 ))
start=$(date -u -d "@$start_epoch" +%Y-%m-%dT%H:%M:%SZ)
end=$(date -u -d "@$(( start_epoch + 7200 ))" +%Y-%m-%dT%H:%M:%SZ)
# shellcheck disable=SC2086
java -jar "$JAR" campaigns create --db "$work/shop.db" --redis "$REDIS_URL" --name "Start" --starts "$start" \
  --ends "$end" --percent-off 20 $skus | tail -1
for u in "${URLS[@]}"; do PRICE_IDS=2012 wrk -t"$THREADS" -c"$CONNECTIONS" -d50s -s scripts/random-prices.lua "$u" >/dev/null & done
measure "a campaign of 2,000 products starts"
# What the nodes answer after the start: the campaign's price (100.00 less 20 %), not the regular one.
id=$(sqlite3 "$work/shop.db" "SELECT id FROM product WHERE sku = 'CMP-00001'")
for u in "${URLS[@]}"; do
  echo "after the start, $u serves CMP-00001 at $(curl -s "$u/api/products/$id/price" | python3 -c 'import json,sys; print(json.load(sys.stdin)["price"])')"
done
