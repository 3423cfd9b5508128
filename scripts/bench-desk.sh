#!/usr/bin/env bash
# Border-desk benchmark of a release build on loopback (run by `make bench`): 200 simulated
# trainees working one 500-traveller shift with a 100,000-person watch list at once, each
# taking a desk step every 5 seconds (the list query, then the decision), then a stress run
# with a step every second, with latencies per action (scripts/bench_desk.py); the desk page's
# first-load weight. Bounded in time; targets
# 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${CARGO_TARGET_DIR:-target}/release/checkpoint
trainees=${BENCH_TRAINEES:-200}
seconds=${BENCH_SECONDS_DESK:-60}
port=${BENCH_PORT:-3919}
base="http://127.0.0.1:$port"

data=$(mktemp -d)
pid=
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$data"' EXIT
"$bin" --data-dir "$data" demo >/dev/null
for n in $(seq -f "%03g" 1 "$trainees"); do
  echo "bench-password-2026" | "$bin" --data-dir "$data" user add --login "bench.t$n" --name "Bench Trainee $n" --roles trainee >/dev/null
done
"$bin" --data-dir "$data" serve --addr "127.0.0.1:$port" >"$data/server.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.1; done
python3 scripts/bench_desk.py "$base" admin-demo-2026 bench.t bench-password-2026 "$trainees" "$seconds"
echo "stress run (a step every second):"
# Same trainees, shifts already started: the script starts the next scenario it creates.
INTERVAL=1 python3 scripts/bench_desk.py "$base" admin-demo-2026 bench.t bench-password-2026 "$trainees" "$seconds"
echo "rss_after_desk_mb=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$pid/status")"
