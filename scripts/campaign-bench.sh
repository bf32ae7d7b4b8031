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
. scripts/lib/campaign-cluster.sh
start_redis

run() { # $1 = db name, $2 = redis url or -, rest = node options
  local name=$1 redis=$2; shift 2
  local db="$work/$name.db"
  start_nodes "$db" "$name" "$@"
  add_campaign_products "$db" "$PRODUCTS"
  java -cp "$CP" dev.flashsale.bench.CampaignPropagationProbe "$db" "$redis" "$ROUNDS" "${URLS[@]}"
  for p in "${NODES[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${NODES[@]}"; do wait "$p" 2>/dev/null || true; done
}

echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1); $PRODUCTS products, $ROUNDS rounds, 3 nodes"
run with-redis "$REDIS_URL" --redis "$REDIS_URL" --ttl 300
run log-only - --ttl 300
