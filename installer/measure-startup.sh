#!/usr/bin/env bash
# Time from launching the packaged application to its window being visible, over several runs,
# each on a new database (a first start: the demo catalog is created). Needs an X display: run it
# under Xvfb, e.g.  xvfb-run -a -s "-screen 0 1440x900x24" installer/measure-startup.sh [RUNS]
# Needs xdotool (apt-get install -y xdotool) and the app-image from installer/build.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
LAUNCHER=${LAUNCHER:-"target/installer/Flash Sale Console/bin/Flash Sale Console"}
[ -x "$LAUNCHER" ] || { echo "no app-image: run installer/build.sh app-image first"; exit 1; }
command -v xdotool >/dev/null || { echo "needs xdotool"; exit 1; }
[ -n "${DISPLAY:-}" ] || { echo "needs an X display (run under xvfb-run)"; exit 1; }
times=()
for i in $(seq 1 "$RUNS"); do
  dir=$(mktemp -d)
  start=$(date +%s%N)
  "$LAUNCHER" --db "$dir/store.db" --port 0 >"$dir/app.log" 2>&1 &
  pid=$!
  until xdotool search --onlyvisible --name "Flash Sale Console" >/dev/null 2>&1; do
    kill -0 $pid 2>/dev/null || { echo "the application exited: $(tail -3 "$dir/app.log")"; exit 1; }
    sleep 0.01
  done
  end=$(date +%s%N)
  ms=$(( (end - start) / 1000000 ))
  times+=("$ms")
  echo "run $i: window visible after $ms ms"
  kill $pid; wait $pid 2>/dev/null || true
  rm -rf "$dir"
done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "time to a visible window over %d runs: min %d ms, median %d ms, max %d ms\n", NR, a[1], a[int((NR+1)/2)], a[NR]}'
