#!/usr/bin/env bash
# Try a cluster on this machine in one command: a throwaway Redis, three headless storefront
# nodes and the console, all on one database file, all in the cluster "demo". Close the console
# window (or Ctrl+C) and everything stops; the database file stays for the next try.
# Usage: scripts/cluster-demo.sh [DATABASE_FILE]   (default: a file in a new temp folder)
# Needs: redis-server (Debian: apt-get install redis-server), a JDK 17+, and a display for the console.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/demo-cluster.sh
command -v redis-server >/dev/null || { echo "needs redis-server (Debian: apt-get install redis-server)"; exit 1; }
JAR=target/flash-sale-console.jar
[ -f "$JAR" ] || mvn -q -B -DskipTests package
work=$(mktemp -d)
DB=${1:-$work/cluster-demo.db}
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT INT TERM

start_redis
start_nodes "$DB" demo
echo "database: $DB"
echo "Starting the console; its Cache tab lists the nodes (Shared tier scope: what Redis holds)."
java -jar "$JAR" --db "$DB" --port 0 --redis "$REDIS" --cluster demo
