#!/usr/bin/env bash
# Sales CSV at an event's scale: 50,000 products and 150,000 sales (scripts/event/catalog.sql)
# exported with `sales export` and imported back with `sales import` (every line unchanged, all in
# one transaction), each timed, with each command's peak memory (GNU time's maximum resident set)
# and the import run again in a heap capped at HEAP (default 48m), to show that what it holds does
# not grow with the file. With BASE_JAR=path/to/an/older/flash-sale-console.jar it tries the same
# import with that build too.
# Usage: scripts/csv-bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/tools.sh
need sqlite3 python3 curl
[ -x /usr/bin/time ] || need time
HEAP=${HEAP:-48m}
JAR=${JAR:-target/flash-sale-console.jar}
[ -f "$JAR" ] || mvn -q -B -DskipTests package
BASE_JAR=${BASE_JAR:-}
work=$(mktemp -d)
PID=
trap '[ -n "$PID" ] && kill $PID 2>/dev/null; rm -rf "$work"' EXIT

# The schema, as the application makes it, then the event's catalog.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
java -jar "$JAR" --headless --no-demo --db "$work/event.db" --port "$port" >"$work/app.log" 2>&1 &
PID=$!
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 0.5; done
kill "$PID"; wait "$PID" 2>/dev/null || true; PID=
sqlite3 "$work/event.db" < scripts/event/catalog.sql
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1)"
echo "catalog: $(sqlite3 "$work/event.db" 'SELECT COUNT(*) FROM product') products, $(sqlite3 "$work/event.db" \
  'SELECT COUNT(*) FROM flash_sale') sales"

timed() { # $1 = label, then the command; prints label, seconds, peak RSS in MB, exit status
  local label=$1; shift
  local status=0
  /usr/bin/time -f '%e %M' -o "$work/time.txt" "$@" >"$work/$label.out" 2>"$work/$label.err" || status=$?
  read -r secs kb < <(tail -1 "$work/time.txt") || true   # GNU time puts "Command exited ..." first on a failure
  local said
  said=$(cat "$work/$label.out" "$work/$label.err" | grep -v '^$' | tail -1 | cut -c1-120)
  printf '| %s | %s | %s | %s | %s |\n' "$label" "$secs" "$((kb / 1024))" "$status" "$said"
}

echo
echo "| run | seconds | peak RSS MB | exit | last line |"
echo "|---|---:|---:|---:|---|"
timed export java -jar "$JAR" sales export --db "$work/event.db" "$work/sales.csv"
echo "the export: $(wc -l <"$work/sales.csv") lines, $(( $(wc -c <"$work/sales.csv") / 1024 / 1024 )) MB" >"$work/size.txt"
timed import java -jar "$JAR" sales import --db "$work/event.db" "$work/sales.csv"
timed "import-Xmx$HEAP" java "-Xmx$HEAP" -jar "$JAR" sales import --db "$work/event.db" "$work/sales.csv"
if [ -n "$BASE_JAR" ]; then
  timed import-base java -jar "$BASE_JAR" sales import --db "$work/event.db" "$work/sales.csv"
fi
echo
cat "$work/size.txt"
