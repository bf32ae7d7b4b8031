#!/usr/bin/env bash
# A campaign of 2,000 products on a cluster: three storefront nodes on one SQLite file and a Redis;
# this machine's clock from before `create` (and `cancel`) to every node serving the campaign's
# prices (and the regular ones again), with Redis and through the database's invalidation log alone.
# Usage: scripts/campaign-bench.sh   (ROUNDS=20 PRODUCTS=2000)
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-20}
PRODUCTS=${PRODUCTS:-2000}
. scripts/lib/tools.sh
need curl python3 redis-server redis-cli sqlite3
JAR=${JAR:-target/flash-sale-console.jar}
TEST_CLASSES=${TEST_CLASSES:-target/test-classes}
[ -f "$JAR" ] && [ -f "$TEST_CLASSES/dev/flashsale/bench/CampaignPropagationProbe.class" ] || mvn -q -B -DskipTests package
CP="$JAR:$TEST_CLASSES"
work=$(mktemp -d)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

REDIS_PORT=$(free_port)
REDIS_URL=redis://127.0.0.1:$REDIS_PORT
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" --logfile "$work/redis.log" &
PIDS+=($!)
for _ in $(seq 1 100); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.05; done

URLS=()
run() { # $1 = db name, $2 = redis url or -, rest = node options
  local name=$1 redis=$2; shift 2
  local db="$work/$name.db" nodes=()
  URLS=()
  for i in 1 2 3; do
    local port; port=$(free_port)
    java -jar "$JAR" --headless --db "$db" --port "$port" "$@" >"$work/$name-$i.log" 2>&1 &
    nodes+=($!); URLS+=("http://127.0.0.1:$port")
    sleep 0.3
  done
  for u in "${URLS[@]}"; do
    for _ in $(seq 1 120); do curl -fs "$u/health" >/dev/null 2>&1 && break; sleep 0.25; done
  done
  sqlite3 "$db" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $PRODUCTS)
    INSERT INTO product (sku, name, regular_price, stock, created_at, updated_at)
    SELECT printf('CMP-%05d', i), 'Campaign product ' || i, '100.00', 10, 0, 0 FROM n;"
  java -cp "$CP" dev.flashsale.bench.CampaignPropagationProbe "$db" "$redis" "$ROUNDS" "${URLS[@]}"
  for p in "${nodes[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${nodes[@]}"; do wait "$p" 2>/dev/null || true; done
}

echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1); $PRODUCTS products, $ROUNDS rounds, 3 nodes"
run with-redis "$REDIS_URL" --redis "$REDIS_URL" --ttl 300
run log-only - --ttl 300
