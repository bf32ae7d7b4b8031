# Sourced by the campaign benchmarks: a throwaway Redis, three headless nodes on one SQLite file,
# and the campaign's products. The caller defines JAR, work (a temp folder) and PIDS (an array its
# cleanup kills).

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

start_redis() { # sets REDIS_PORT and REDIS_URL
  REDIS_PORT=$(free_port)
  REDIS_URL=redis://127.0.0.1:$REDIS_PORT
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" --logfile "$work/redis.log" &
  PIDS+=($!)
  for _ in $(seq 1 100); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.05; done
}

start_nodes() { # $1 = database file, $2 = a name for their logs, rest = node options; sets URLS and NODES (pids)
  local db=$1 name=$2 port i u; shift 2
  URLS=(); NODES=()
  for i in 1 2 3; do
    port=$(free_port)
    java -jar "$JAR" --headless --db "$db" --port "$port" "$@" >"$work/$name-$i.log" 2>&1 &
    NODES+=($!); PIDS+=($!); URLS+=("http://127.0.0.1:$port")
    sleep 0.3 # the first one creates and seeds the file; the others then open it
  done
  for u in "${URLS[@]}"; do
    for _ in $(seq 1 120); do curl -fs "$u/health" >/dev/null 2>&1 && break; sleep 0.25; done
  done
}

add_campaign_products() { # $1 = database file, $2 = how many: SKUs CMP-00001..., regular price 100.00
  sqlite3 "$1" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $2)
    INSERT INTO product (sku, name, regular_price, stock, created_at, updated_at)
    SELECT printf('CMP-%05d', i), 'Campaign product ' || i, '100.00', 10, 0, 0 FROM n;"
}
