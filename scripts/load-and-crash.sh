#!/usr/bin/env bash
# Load and crash test of a release build on SQLite, loopback only (run by `make bench`):
#  1. load: 500 simulated trainees for 60 s, each reading a lesson and saving a quiz answer on
#     alternate seconds (about 500 requests a second); every acknowledged answer is read back;
#  2. crash: the same load again, the server killed with SIGKILL 20 s in and restarted; when
#     the load ends, every answer the server acknowledged — before or after the crash — must
#     still be there.
# With LOAD_DATABASE_URL set (an empty PostgreSQL database), the same runs go against
# PostgreSQL instead of a fresh SQLite file.
# Bounded in time; targets 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${CARGO_TARGET_DIR:-target}/release/checkpoint
trainees=${LOAD_TRAINEES:-500}
seconds=${LOAD_SECONDS:-60}
crash_after=${CRASH_AFTER:-20}
port=${BENCH_PORT:-3920}
base="http://127.0.0.1:$port"

data=$(mktemp -d)
if [ -n "${LOAD_DATABASE_URL:-}" ]; then export DATABASE_URL="$LOAD_DATABASE_URL"; fi
pid=
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$data"' EXIT
"$bin" --data-dir "$data" demo >/dev/null
for n in $(seq -f "%03g" 1 "$trainees"); do
  echo "load-password-2026" | "$bin" --data-dir "$data" user add --login "load.t$n" --name "Load Trainee $n" --roles trainee >/dev/null
done

serve() {
  CHECKPOINT_LOG="${CHECKPOINT_LOG:-info}" "$bin" --data-dir "$data" serve --addr "127.0.0.1:$port" >>"$data/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 100); do curl -sf "$base/healthz" >/dev/null && return; sleep 0.1; done
  echo "the server did not start" >&2
  exit 1
}

serve
echo "== load: $trainees trainees, $seconds s, lessons and answers"
READ_LESSONS=1 python3 scripts/bench_autosave.py "$base" admin-demo-2026 load.t load-password-2026 "$trainees" "$seconds" | grep -v load_started
echo "rss_after_load_mb=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$pid/status")"

echo "== crash: the same load, SIGKILL after ${crash_after} s, restart"
READ_LESSONS=1 ALLOW_ERRORS=1 python3 scripts/bench_autosave.py "$base" admin-demo-2026 load.t load-password-2026 "$trainees" "$seconds" >"$data/crash.out" &
load=$!
# The load signs everyone in first; the clock starts when it begins saving.
for _ in $(seq 1 1200); do grep -q "load_started" "$data/crash.out" 2>/dev/null && break; sleep 0.1; done
sleep "$crash_after"
kill -9 "$pid"
wait "$pid" 2>/dev/null || true
echo "killed the server (SIGKILL) at $(date +%T)"
sleep 1
serve
echo "restarted at $(date +%T)"
status=0
wait "$load" || status=$?
grep -v load_started "$data/crash.out"
exit "$status"
