#!/usr/bin/env bash
# Progress dashboards at the scale of a national programme (run by `make bench`): generates
# `demo --scale large` (≈ 100,000 trainees, 5,000,000 learning events) into a fresh SQLite
# database — or PostgreSQL when BENCH_DATABASE_URL is set — then times each dashboard view
# and export as an administrator on loopback (median of BENCH_RUNS, default 5) and the
# server's peak memory during a large streamed export. Bounded in time; 127.0.0.1 only.
# BENCH_DATA_DIR reuses (and keeps) a data folder generated before: no generation then.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${CARGO_TARGET_DIR:-target}/release/checkpoint
port=${BENCH_PORT:-3918}
runs=${BENCH_RUNS:-5}
base="http://127.0.0.1:$port"
keep=${BENCH_DATA_DIR:-}
data=${BENCH_DATA_DIR:-$(mktemp -d)}
jar=$(mktemp)
db_args=(--data-dir "$data")
if [ -n "${BENCH_DATABASE_URL:-}" ]; then db_args+=(--database-url "$BENCH_DATABASE_URL"); fi

start=$(date +%s)
"$bin" "${db_args[@]}" migrate >/dev/null
echo "migrate_seconds=$(( $(date +%s) - start ))"
if [ -z "$keep" ]; then
  start=$(date +%s)
  "$bin" "${db_args[@]}" demo --scale large --seed 1 | tail -n 2
  echo "generate_seconds=$(( $(date +%s) - start ))"
fi
[ -f "$data/checkpoint.db" ] && echo "sqlite_file_mb=$(( $(stat -c %s "$data/checkpoint.db") / 1048576 ))"

"$bin" "${db_args[@]}" serve --addr "127.0.0.1:$port" >"$data/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -f "$jar"; [ -n "$keep" ] || rm -rf "$data"' EXIT
for _ in $(seq 1 300); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.1; done

curl -s -c "$jar" -b "$jar" "$base/login" -o /dev/null
token=$(awk '$6 == "checkpoint_csrf" {print $7}' "$jar")
curl -s -c "$jar" -b "$jar" -H 'Accept: text/html' \
  --data "csrf_token=$token&login=admin&password=admin-demo-2026&next=/" "$base/api/login" -o /dev/null

# Median wall time (ms) of `runs` GETs of $1; fails on a non-200 answer.
median_ms() {
  local times=()
  for _ in $(seq 1 "$runs"); do
    out=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -b "$jar" --max-time 120 "$base$1")
    code=${out%% *}
    [ "$code" = 200 ] || { echo "GET $1 answered $code" >&2; exit 1; }
    times+=("$(awk -v t="${out##* }" 'BEGIN { printf "%d", t * 1000 }')")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}

agency=$(curl -s -b "$jar" "$base/progress?course=1" | grep -o 'option value="[0-9]*"' | sed -n '30p' | grep -o '[0-9]*' || echo 1)
for view in \
  "/progress" \
  "/progress?from=2026-01&to=2026-06" \
  "/progress?country=AFG" \
  "/progress?agency=$agency" \
  "/progress?course=10" \
  "/progress?course=10&country=AFG" \
  "/progress?role=trainee" \
  "/progress?from=2025-06&to=2026-03&role=trainee&country=AFG" \
  "/progress/export/agencies.csv" \
  "/progress/export/courses.xlsx"; do
  echo "dashboard_ms $(median_ms "$view") $view"
done

# A large export streamed: statements, time and the server's peak memory meanwhile.
rss() { awk '/VmRSS/ {print int($2/1024)}' "/proc/$pid/status"; }
peak=0
( while kill -0 "$pid" 2>/dev/null; do r=$(rss); [ "$r" -gt "$peak" ] && peak=$r && echo "$peak" >"$data/peak"; sleep 0.2; done ) &
sampler=$!
start=$(date +%s%N)
lines=$(curl -s -b "$jar" --max-time 600 "$base/exports/xapi.jsonl?from=2026-01-01&to=2026-01-31" | wc -l)
echo "xapi_export_lines=$lines seconds=$(( ($(date +%s%N) - start) / 1000000 / 1000 )).$(( ($(date +%s%N) - start) / 1000000 % 1000 )) rss_idle_mb_before=$(rss)"
kill $sampler 2>/dev/null || true
echo "rss_peak_during_export_mb=$(cat "$data/peak" 2>/dev/null || echo 0)"

# Optionally, every event at once (5,000,000 statements): the export streams without a limit.
if [ -n "${BENCH_FULL_EXPORT:-}" ]; then
  peak=0; rm -f "$data/peak"
  ( while kill -0 "$pid" 2>/dev/null; do r=$(rss); [ "$r" -gt "$peak" ] && peak=$r && echo "$peak" >"$data/peak"; sleep 0.5; done ) &
  sampler=$!
  before=$(rss)
  start=$(date +%s)
  lines=$(curl -s -b "$jar" --max-time 1800 "$base/exports/xapi.jsonl" | wc -l)
  echo "xapi_full_export_lines=$lines seconds=$(( $(date +%s) - start )) rss_before_mb=$before"
  kill $sampler 2>/dev/null || true
  echo "rss_peak_during_full_export_mb=$(cat "$data/peak" 2>/dev/null || echo 0)"
fi
