#!/usr/bin/env bash
# Fault benchmark: three storefront nodes on a throwaway PostgreSQL (through a fault
# proxy) and Redis, wrk on node 1, a writer changing a price every 200 ms and a checker asking every
# node for it (dev.flashsale.bench.FaultBenchProbe). Then, one phase each:
#   baseline; PostgreSQL restarted; PostgreSQL frozen 5 s (proxy); every open store connection cut
#   silently (proxy: the LISTEN connection among them); Redis refusing writes 10 s (maxmemory);
#   Redis killed and restarted empty; Redis frozen 5 s (SIGSTOP); node 3 killed (-9) and started
#   again; 1,000 slow clients against node 1.
# Per phase: wrk's requests/s, p99, non-2xx and socket errors on node 1; the checker's answers,
# non-200s and stale answers (older than a write that returned over 1 s before the question);
# cache drops (nodes dropping their whole cache on resubscribing) and store loads over the nodes.
# Goals: 0 socket errors, 0 stale answers where the store is reachable, 0 cache drops caused by
# error replies. Usage: scripts/fault-bench.sh   (PHASE=15 seconds per phase; JAR, TEST_CLASSES)
set -euo pipefail
cd "$(dirname "$0")/.."
PHASE=${PHASE:-15}
THREADS=${THREADS:-1}
CONNECTIONS=${CONNECTIONS:-16}
. scripts/lib/tools.sh
need wrk curl python3 redis-server redis-cli
. scripts/lib/throwaway-postgres.sh
JAR=${JAR:-target/flash-sale-console.jar}
TEST_CLASSES=${TEST_CLASSES:-target/test-classes}
[ -f "$JAR" ] && [ -f "$TEST_CLASSES/dev/flashsale/bench/FaultBenchProbe.class" ] || mvn -q -B -DskipTests package
CP="$JAR:$TEST_CLASSES"
work=$(mktemp -d)
NODE_PIDS=(); REDIS_PID=""; PROXY_PID=""; PROBE_PID=""
cleanup() {
  exec 3>&- 4>&- 2>/dev/null || true
  for p in "${NODE_PIDS[@]}" $PROBE_PID $PROXY_PID $REDIS_PID; do kill -CONT "$p" 2>/dev/null; kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  stop_postgres "$work"
  rm -rf "$work"
}
trap cleanup EXIT
ulimit -n 65536 2>/dev/null || true
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

start_postgres "$work"
REDIS_PORT=$(free_port)
REDIS_URL=redis://127.0.0.1:$REDIS_PORT
redis_start() {
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" \
    --logfile "$work/redis.log" --daemonize no & REDIS_PID=$!
  for _ in $(seq 1 100); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && return 0; sleep 0.05; done
  echo "redis-server did not start"; exit 1
}
redis_start

PROXY_PORT=$(free_port)
mkfifo "$work/proxy.in"
java -cp "$CP" dev.flashsale.testing.FaultProxy "$PROXY_PORT" "$PG_PORT" <"$work/proxy.in" >"$work/proxy.log" 2>&1 &
PROXY_PID=$!
exec 3>"$work/proxy.in"
proxy() { echo "$1" >&3; }
NODE_DB=postgresql://shop@127.0.0.1:$PROXY_PORT/shop

URLS=(); PORTS=()
node_start() { # $1 = index (0-based)
  local i=$1
  java -jar "$JAR" --headless --db "$NODE_DB" --redis "$REDIS_URL" --port "${PORTS[$i]}" --ttl 30 \
    >>"$work/node-$i.log" 2>&1 &
  NODE_PIDS[$i]=$!
  for _ in $(seq 1 120); do curl -fs "${URLS[$i]}/health" >/dev/null 2>&1 && return 0; sleep 0.25; done
  echo "node $i did not start: $(tail -3 "$work/node-$i.log")"; exit 1
}
for i in 0 1 2; do PORTS[$i]=$(free_port); URLS[$i]=http://127.0.0.1:${PORTS[$i]}; done
node_start 0 # creates and seeds the database
node_start 1
node_start 2

metric_each() { # $1 = metric name: its value on each node, space-separated (a node not answering: 0)
  local out="" v
  for u in "${URLS[@]}"; do
    v=$(curl -s -m 2 "$u/metrics" | awk -v m="$1" '$1 ~ "^"m"({|$)" {s+=$2} END {print s+0}')
    out="$out ${v:-0}"
  done
  echo "$out"
}
# growth summed over the nodes; a node started again counts from its new start
growth() { python3 -c "import sys; a=sys.argv[1].split(); b=sys.argv[2].split(); print(int(sum(y - x if y >= x else y for x, y in zip(map(float, a), map(float, b)))))" "$1" "$2"; }
drops() { cat "$work"/node-*.log | grep -c "this node's cache was dropped" || true; }
downs() { cat "$work"/node-*.log | grep -c " is DOWN (" || true; }

mkfifo "$work/probe.in"
java -cp "$CP" dev.flashsale.bench.FaultBenchProbe "$PG_URL" "$REDIS_URL" "${URLS[@]}" <"$work/probe.in" \
  >"$work/probe.tsv" 2>"$work/probe.err" &
PROBE_PID=$!
exec 4>"$work/probe.in"

wrk -t"$THREADS" -c"$CONNECTIONS" -d5s -s scripts/zipf-mix.lua "${URLS[0]}" >/dev/null # warm-up
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), $(redis-server --version | cut -d' ' -f1-3), PostgreSQL $(psql --version | awk '{print $3}')"
echo "3 nodes (TTL 30 s), wrk -t$THREADS -c$CONNECTIONS on node 1, ${PHASE}s per phase; writer every 200 ms, checker every 50 ms per node"

phase() { # $1 = name, $2 = a function that makes the fault (runs in the background during the phase)
  local name=$1 fault=$2
  echo "phase $name" >&4
  local l0 d0 n0; l0=$(metric_each flashsale_cluster_store_loads_total); d0=$(drops); n0=$(downs)
  $fault &
  local fpid=$!
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${PHASE}s" --timeout 10s --latency -s scripts/zipf-mix.lua "${URLS[0]}" \
    >"$work/wrk-$name.txt" || true
  wait "$fpid" 2>/dev/null || true
  local l1 d1 n1; l1=$(metric_each flashsale_cluster_store_loads_total); d1=$(drops); n1=$(downs)
  local socket non2xx
  socket=$(awk '/Socket errors/ {gsub(",",""); print $4+$6+$8+$10}' "$work/wrk-$name.txt"); socket=${socket:-0}
  non2xx=$(awk '/Non-2xx/ {print $5}' "$work/wrk-$name.txt"); non2xx=${non2xx:-0}
  python3 scripts/wrkstats.py "$work/wrk-$name.txt" "$name" 0 0 1 | awk -v s="$socket" -v n="$non2xx" \
    -v l="$(growth "$l0" "$l1")" -v d=$((d1 - d0)) -v w=$((n1 - n0)) \
    'BEGIN {FS=OFS="\t"} {print $1, $2, $4, n, s, l, d, w}' >>"$work/wrk.tsv"
}

none() { :; }
pg_restart() { sleep 3; as_pg "$(pg_bin)/pg_ctl" -D "$work/pg" -m fast -w restart >/dev/null 2>&1; }
pg_freeze() { sleep 3; proxy freeze; sleep 5; proxy thaw; }
listen_cut() { sleep 3; proxy cut; }
redis_refuses() { sleep 2; redis-cli -p "$REDIS_PORT" config set maxmemory 1 >/dev/null; sleep 10; redis-cli -p "$REDIS_PORT" config set maxmemory 0 >/dev/null; }
redis_killed() { sleep 3; kill -9 "$REDIS_PID"; sleep 3; redis_start >/dev/null; echo "$REDIS_PID" >"$work/redis.pid"; }
redis_frozen() { sleep 3; kill -STOP "$REDIS_PID"; sleep 5; kill -CONT "$REDIS_PID"; }
node_killed() { sleep 3; kill -9 "${NODE_PIDS[2]}"; sleep 3; node_start 2; echo "${NODE_PIDS[2]}" >"$work/node2.pid"; }
slow_clients() { java -cp "$TEST_CLASSES" dev.flashsale.testing.SlowClients 127.0.0.1 "${PORTS[0]}" 1000 "$PHASE" >"$work/slow.log" 2>&1; }

phase baseline none
phase pg-restarted pg_restart
phase pg-frozen-5s pg_freeze
phase store-connections-cut-silently listen_cut
phase redis-refuses-writes-10s redis_refuses
phase redis-killed-restarted-empty redis_killed
[ -f "$work/redis.pid" ] && REDIS_PID=$(cat "$work/redis.pid")
phase redis-frozen-5s redis_frozen
phase node3-killed-and-restarted node_killed
[ -f "$work/node2.pid" ] && NODE_PIDS[2]=$(cat "$work/node2.pid")
phase 1000-slow-clients slow_clients
echo "end" >&4
wait "$PROBE_PID" 2>/dev/null || true; PROBE_PID=""

python3 - "$work/wrk.tsv" "$work/probe.tsv" <<'PY'
import sys
wrk = {l.split("\t")[0]: l.rstrip("\n").split("\t") for l in open(sys.argv[1])}
probe = {l.split("\t")[0]: l.rstrip("\n").split("\t") for l in open(sys.argv[2])}
print()
print("| phase | req/s (node 1) | p99 ms | non-2xx | socket errors | checker answers | checker non-200 | stale > 1 s | max stale ms | writes (failed) | store loads | cache drops | DOWN lines |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for name, w in wrk.items():
    _, rps, p99, non2xx, sock, loads, drops, downs = w
    p = probe.get(name, [name, "?", "?", "?", "?", "?", "?"])
    print(f"| {name} | {float(rps):.0f} | {float(p99):.2f} | {non2xx} | {sock} | {p[3]} | {p[4]} | {p[5]} | {p[6]} | {p[1]} ({p[2]}) | {loads} | {drops} | {downs} |")
PY
echo
echo "slow clients: $(tail -1 "$work/slow.log" 2>/dev/null)"
grep -h "stopped answering\|refuses commands\|clock" "$work"/node-*.log | sort | uniq -c | sort -rn | head -5 || true
