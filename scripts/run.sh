#!/usr/bin/env bash
# Serve cspboard: the web server (gunicorn), the worker (`cspboard db_worker`, which runs pack
# builds, document conversion and e-mail) and the scheduler (`cspboard schedule`, the reminders).
# Ctrl-C, or SIGTERM to this script or to the make that started it, stops all three; so does
# any one of them stopping. Nothing is left running.
#
#   scripts/run.sh            # PORT (8000), WEB_WORKERS (2) and BIN (.venv/bin) from the environment
set -uo pipefail

BIN=${BIN:-.venv/bin}
PORT=${PORT:-8000}
WEB_WORKERS=${WEB_WORKERS:-2}
pids=()

stop() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  # Give each a moment to finish what it is doing (a pack build, an e-mail), then insist.
  for _ in $(seq 1 100); do
    alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.1
  done
  for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  wait 2>/dev/null
  echo "Stopped the web server, the worker and the scheduler."
}
trap stop INT TERM EXIT

"$BIN/gunicorn" cspboard.wsgi:application --bind "127.0.0.1:$PORT" --workers "$WEB_WORKERS" \
  --timeout 120 --graceful-timeout 10 --access-logfile - &
pids+=($!)
"$BIN/cspboard" db_worker --no-startup-delay --interval 1 --queue-name '*' &
pids+=($!)
"$BIN/cspboard" schedule &
pids+=($!)

# Until one of them stops (or a signal arrives): then stop the others.
wait -n
