# Sourced by the demo scripts: a throwaway Redis and three headless storefront nodes in one
# cluster. The caller defines JAR, work (a temp folder) and PIDS (an array its cleanup kills).

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

start_redis() { # sets REDIS
  local port
  port=$(free_port)
  redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" --logfile "$work/redis.log" &
  PIDS+=($!)
  REDIS=redis://127.0.0.1:$port
  echo "Redis:    $REDIS"
}

start_nodes() { # $1 = --db value, $2 = cluster name; prints each node's URL once it answers
  local i port
  for i in 1 2 3; do
    port=$(free_port)
    java -jar "$JAR" --headless --db "$1" --port "$port" --redis "$REDIS" --cluster "$2" >"$work/node-$i.log" 2>&1 &
    PIDS+=($!)
    for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 0.25; done
    echo "node $i:   http://127.0.0.1:$port   (try: curl -i http://127.0.0.1:$port/api/products/1/price)"
  done
}
