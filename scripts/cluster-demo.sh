#!/usr/bin/env bash
# Try a cluster on this machine in one command: a throwaway Redis, three headless storefront
# nodes and the console, all on one database file, all in the cluster "demo". Close the console
# window (or Ctrl+C) and everything stops; the database file stays for the next try.
# Usage: scripts/cluster-demo.sh [DATABASE_FILE]   (default: a file in a new temp folder)
# Needs: redis-server (Debian: apt-get install redis-server), a JDK 17+, and a display for the console.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v redis-server >/dev/null || { echo "needs redis-server (Debian: apt-get install redis-server)"; exit 1; }
JAR=target/flash-sale-console.jar
[ -f "$JAR" ] || mvn -q -B -DskipTests package
work=$(mktemp -d)
DB=${1:-$work/cluster-demo.db}
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT INT TERM
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

REDIS_PORT=$(free_port)
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" --logfile "$work/redis.log" &
PIDS+=($!)
REDIS=redis://127.0.0.1:$REDIS_PORT
echo "Redis:    $REDIS"
for i in 1 2 3; do
  port=$(free_port)
  java -jar "$JAR" --headless --db "$DB" --port "$port" --redis "$REDIS" --cluster demo >"$work/node-$i.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 0.25; done
  echo "node $i:   http://127.0.0.1:$port   (try: curl -i http://127.0.0.1:$port/api/products/1/price)"
done
echo "database: $DB"
echo "Starting the console; its Cache tab lists the nodes (Shared tier scope: what Redis holds)."
java -jar "$JAR" --db "$DB" --port 0 --redis "$REDIS" --cluster demo
