#!/usr/bin/env bash
# Try the several-hosts setup on this machine in one command: a throwaway PostgreSQL (the store)
# and Redis (the shared cache), three headless storefront nodes and the console, all pointed at
# both, as nodes on separate hosts would be. Close the console window (or Ctrl+C) and everything
# stops and is deleted.
# Usage: scripts/hosts-demo.sh
# Needs: PostgreSQL's server binaries (Debian: apt-get install postgresql), redis-server
# (apt-get install redis-server), a JDK 17+, and a display for the console.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/demo-cluster.sh
. scripts/lib/throwaway-postgres.sh
pg_bin >/dev/null || { echo "needs PostgreSQL's initdb and pg_ctl (Debian: apt-get install postgresql)"; exit 1; }
command -v redis-server >/dev/null || { echo "needs redis-server (Debian: apt-get install redis-server)"; exit 1; }
JAR=target/flash-sale-console.jar
[ -f "$JAR" ] || mvn -q -B -DskipTests package
work=$(mktemp -d)
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  stop_postgres "$work"
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

# PostgreSQL: a cluster of its own in the temp folder, a password-protected user "shop".
start_postgres "$work"
DB=$PG_URL
echo "store:    $DB   (password in PGPASSWORD, as psql reads it)"

start_redis
start_nodes "$DB" hosts
if [ -n "${NO_CONSOLE:-}" ]; then echo "NO_CONSOLE set: the nodes run until Ctrl+C"; wait; else
  echo "Starting the console on the same store and Redis; its Cache tab lists the nodes."
  java -jar "$JAR" --db "$DB" --port 0 --redis "$REDIS" --cluster hosts
fi
