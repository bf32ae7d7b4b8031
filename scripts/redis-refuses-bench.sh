#!/usr/bin/env bash
# A Redis that refuses writes: two nodes on one database with --ttl 2 and a
# Redis, wrk on one node over the demo catalog's 12 products' prices, DURATION seconds with a
# healthy Redis, then DURATION seconds with Redis full (maxmemory 1 under noeviction: every write
# refused with OOM). Prints the store queries of both nodes in each window, their ratio (goal
# <= 1.5x), the DOWN/UP lines (goal: none) and the cache drops (goal: none).
# Usage: scripts/redis-refuses-bench.sh   (DURATION=10 THREADS=2 CONNECTIONS=16; JAR)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-16}
. scripts/lib/tools.sh
need wrk curl python3 redis-server redis-cli
JAR=${JAR:-target/flash-sale-console.jar}
[ -f "$JAR" ] || mvn -q -B -DskipTests package
work=$(mktemp -d)
PIDS=()
trap 'kill "${PIDS[@]}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
RP=$(free_port)
redis-server --port "$RP" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" --logfile "$work/redis.log" &
PIDS+=($!)
for _ in $(seq 1 100); do redis-cli -p "$RP" ping >/dev/null 2>&1 && break; sleep 0.05; done
URLS=()
for i in 0 1; do
  port=$(free_port)
  java -jar "$JAR" --headless --db "$work/shop.db" --port "$port" --redis "redis://127.0.0.1:$RP" --ttl 2 \
    >"$work/node-$i.log" 2>&1 &
  PIDS+=($!); URLS+=("http://127.0.0.1:$port")
  for _ in $(seq 1 120); do curl -fs "${URLS[$i]}/health" >/dev/null 2>&1 && break; sleep 0.25; done
done
cat >"$work/prices.lua" <<'LUA'
local i = 0
request = function()
  i = i % 12 + 1
  return wrk.format("GET", "/api/products/" .. i .. "/price")
end
LUA
queries() { local t=0 v; for u in "${URLS[@]}"; do v=$(curl -s "$u/metrics" | awk '$1 ~ /^flashsale_db_queries_total/ {s+=$2} END {print s+0}'); t=$((t + ${v%.*})); done; echo "$t"; }
window() { # $1 = label
  local q0 q1; q0=$(queries)
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" -s "$work/prices.lua" "${URLS[0]}" >"$work/$1.txt"
  q1=$(queries)
  echo $((q1 - q0))
}
wrk -t"$THREADS" -c"$CONNECTIONS" -d5s -s "$work/prices.lua" "${URLS[0]}" >/dev/null # warm-up
healthy=$(window healthy)
redis-cli -p "$RP" config set maxmemory 1 >/dev/null
refusing=$(window refusing)
redis-cli -p "$RP" config set maxmemory 0 >/dev/null
echo "machine: $(nproc) cores; two nodes, --ttl 2, wrk -t$THREADS -c$CONNECTIONS on one, ${DURATION}s per window"
echo "store queries, both nodes: healthy Redis $healthy, Redis refusing writes $refusing: $(python3 -c "print(f'{$refusing / max(1, $healthy):.2f}')")x (goal <= 1.5x)"
for f in healthy refusing; do echo "requests/s $f: $(awk '/Requests\/sec/ {print $2}' "$work/$f.txt")$(grep -E 'Non-2xx|Socket errors' "$work/$f.txt" | tr -s ' ' | sed 's/^/, /')"; done
echo "DOWN lines: $(cat "$work"/node-*.log | grep -c ' is DOWN' || true); cache drops: $(cat "$work"/node-*.log | grep -c "cache was dropped" || true); refusal lines: $(cat "$work"/node-*.log | grep -c "refuses commands" || true)"
