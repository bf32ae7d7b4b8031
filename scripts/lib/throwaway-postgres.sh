# Sourced by scripts that need a PostgreSQL server of their own: start_postgres DIR starts one in
# DIR (initdb + pg_ctl, as the postgres user when run as root, since initdb refuses root) on a free
# port of 127.0.0.1 with a password-protected user "shop" and an empty database "shop"; it sets
# PG_URL (no password in it) and exports PGPASSWORD. stop_postgres DIR stops it.
# Needs PostgreSQL's server binaries (Debian: apt-get install postgresql).

pg_bin() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r) "$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/x)")"; do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then echo "$d"; return 0; fi
  done
  return 1
}

as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

start_postgres() { # $1 = a new, empty folder
  local dir=$1 bin port psql
  bin=$(pg_bin) || { echo "needs PostgreSQL's initdb and pg_ctl (Debian: apt-get install postgresql)" >&2; return 1; }
  export PGPASSWORD=local-$RANDOM$RANDOM
  chmod 755 "$dir"
  printf '%s\n' "$PGPASSWORD" >"$dir/pwfile"
  if [ "$(id -u)" = 0 ]; then
    chown -R postgres "$dir"
    chmod o+x "$(dirname "$dir")" # the postgres user must reach the folder (mktemp -d makes 700)
  fi
  as_pg "$bin/initdb" -D "$dir/pg" -U shop --auth=scram-sha-256 --pwfile="$dir/pwfile" -E UTF8 >/dev/null
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  as_pg "$bin/pg_ctl" -D "$dir/pg" -l "$dir/pg.log" -w -o "-p $port -k $dir -c listen_addresses=127.0.0.1" start >/dev/null
  psql=$bin/psql
  [ -x "$psql" ] || psql=psql
  "$psql" -h 127.0.0.1 -p "$port" -U shop -d postgres -qc "CREATE DATABASE shop"
  PG_URL=postgresql://shop@127.0.0.1:$port/shop
  PG_PORT=$port
}

stop_postgres() { # $1 = the folder given to start_postgres
  local bin
  bin=$(pg_bin) || return 0
  as_pg "$bin/pg_ctl" -D "$1/pg" -m fast -w stop >/dev/null 2>&1 || true
}
