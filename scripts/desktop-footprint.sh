#!/usr/bin/env bash
# The console as a desktop citizen, measured against a hello-world JavaFX window (one Label, the
# same JavaFX jars) in the same run, so the ratios hold on any machine:
#   - time to a visible window, median of RUNS interleaved first starts: baseline, the jar, the
#     jpackage app-image (each on a new database: the demo catalog is created);
#   - idle CPU over 10 s with the window open on the Sales tab and no traffic: baseline, the
#     console with the demo catalog, and with a generated catalog of 2,000 products and 6,000 sales.
# Usage: scripts/desktop-footprint.sh [RUNS]   (default 5; runs itself under xvfb-run when there is
# no display). Needs xvfb, xdotool and sqlite3 (installed on Debian when run as root), and
# target/flash-sale-console.jar (mvn -DskipTests package); builds the app-image if it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
IDLE_SECONDS=${IDLE_SECONDS:-10}
SETTLE_SECONDS=${SETTLE_SECONDS:-30}

if [ -z "${DISPLAY:-}" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    need=()
    for t in xvfb-run:xvfb xdotool:xdotool sqlite3:sqlite3; do
      command -v "${t%%:*}" >/dev/null || need+=("${t##*:}")
    done
    dpkg -s libgtk-3-0 >/dev/null 2>&1 || need+=(libgtk-3-0)
    [ ${#need[@]} -eq 0 ] || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  fi
  exec xvfb-run -a -s "-screen 0 1440x900x24" "$0" "$@"
fi

JAR=target/flash-sale-console.jar
[ -f "$JAR" ] || { echo "no $JAR: run mvn -DskipTests package first"; exit 1; }
APP="target/installer/Flash Sale Console/bin/Flash Sale Console"
[ -x "$APP" ] || installer/build.sh app-image >/dev/null
OUT=target/footprint
mkdir -p "$OUT"
javac -d "$OUT" -cp "$JAR" scripts/footprint/HelloWorld.java

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# start KIND DB: starts one program in the background, prints its pid
start() {
  case $1 in
    baseline) java -cp "$JAR:$OUT" 'HelloWorld$Main' >"$work/$1.log" 2>&1 & ;;
    jar) java -jar "$JAR" --db "$2" --port 0 >"$work/$1.log" 2>&1 & ;;
    app-image) "$APP" --db "$2" --port 0 >"$work/$1.log" 2>&1 & ;;
  esac
  echo $!
}

title() { [ "$1" = baseline ] && echo "Hello World FX" || echo "Flash Sale Console"; }

# visible KIND PID: waits for the window, prints ms since $t0
visible() {
  until xdotool search --onlyvisible --name "$(title "$1")" >/dev/null 2>&1; do
    kill -0 "$2" 2>/dev/null || { echo "$1 exited: $(tail -3 "$work/$1.log")" >&2; exit 1; }
    sleep 0.01
  done
}

# stop PID: ends the program and waits until it and its window are gone (the next start must not
# find the previous window)
stop() {
  kill "$1" 2>/dev/null || true
  for _ in $(seq 1 500); do kill -0 "$1" 2>/dev/null || break; sleep 0.01; done
  kill -9 "$1" 2>/dev/null || true
  for _ in $(seq 1 500); do
    xdotool search --onlyvisible --name "Hello World FX|Flash Sale Console" >/dev/null 2>&1 || break
    sleep 0.01
  done
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "== time to a visible window, $RUNS interleaved first starts"
declare -A times
for r in $(seq 1 "$RUNS"); do
  for kind in baseline jar app-image; do
    rm -f "$work/s.db"*
    t0=$(date +%s%N)
    pid=$(start $kind "$work/s.db")
    visible $kind "$pid"
    ms=$(( ($(date +%s%N) - t0) / 1000000 ))
    times[$kind]+="$ms "
    stop "$pid"
  done
done
for kind in baseline jar app-image; do
  m=$(echo ${times[$kind]} | tr ' ' '\n' | median)
  eval "median_$(echo $kind | tr - _)=$m"
  printf '%-10s %s ms  (runs: %s)\n' "$kind" "$m" "${times[$kind]}"
done

# cpu PID SECONDS: CPU time of the process over SECONDS, as % of one core
cpu() {
  local ticks=$(getconf CLK_TCK) a b
  a=$(awk '{print $14 + $15}' "/proc/$1/stat")
  sleep "$2"
  b=$(awk '{print $14 + $15}' "/proc/$1/stat")
  awk -v d=$((b - a)) -v s="$2" -v t="$ticks" 'BEGIN {printf "%.1f", 100 * d / t / s}'
}

echo "== idle CPU over ${IDLE_SECONDS} s (after ${SETTLE_SECONDS} s to settle), window on the Sales tab, no traffic"
rm -f "$work/large.db"*
# A headless start makes the schema (empty catalog); then the catalog is filled with SQL.
java -jar "$JAR" --headless --no-demo --db "$work/large.db" --port 0 >"$work/make.log" 2>&1 &
maker=$!
until grep -q 'Storefront listening' "$work/make.log"; do
  kill -0 $maker 2>/dev/null || { echo "could not make the large database: $(cat "$work/make.log")"; exit 1; }
  sleep 0.1
done
kill -TERM $maker; wait $maker 2>/dev/null || true
sqlite3 "$work/large.db" < scripts/footprint/catalog.sql
echo "large catalog: $(sqlite3 "$work/large.db" 'SELECT COUNT(*) FROM product') products, $(sqlite3 "$work/large.db" 'SELECT COUNT(*) FROM flash_sale') sales"
declare -A idle
for kind in baseline demo large; do
  case $kind in
    baseline) p=$(start baseline "") ; w=baseline ;;
    demo) rm -f "$work/d.db"*; p=$(start jar "$work/d.db"); w=jar ;;
    large) p=$(start jar "$work/large.db"); w=jar ;;
  esac
  visible $w "$p"
  sleep "$SETTLE_SECONDS"
  idle[$kind]=$(cpu "$p" "$IDLE_SECONDS")
  printf '%-10s %s %% of one core\n' "$kind" "${idle[$kind]}"
  stop "$p"
done

echo "== ratios to the hello-world window (same run)"
awk -v b="$median_baseline" -v j="$median_jar" -v a="$median_app_image" \
  'BEGIN {printf "start, jar:        %.2fx  (%d ms vs %d ms)\nstart, app-image:  %.2fx  (%d ms vs %d ms; goal <= 1.2x)\n", j/b, j, b, a/b, a, b}'
awk -v b="${idle[baseline]}" -v d="${idle[demo]}" -v l="${idle[large]}" \
  'BEGIN {bb = (b < 0.1 ? 0.1 : b); printf "idle CPU, demo:    %.1fx  (%.1f %% vs %.1f %%; goal <= 2x)\nidle CPU, large:   %.1fx  (%.1f %% vs %.1f %%; goal <= 3x)\n", d/bb, d, b, l/bb, l, b}'
