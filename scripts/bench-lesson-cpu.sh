#!/usr/bin/env bash
# CPU time the server spends per signed-in lesson page (run by `make bench`): a release build
# serving the demo on loopback, `wrk` on one lesson page for a fixed time, and the server
# process's CPU time (user + system, from /proc/<pid>/stat) divided by the requests served.
# The figure is per request, so it compares builds on the same machine whatever its speed.
# BENCH_BIN picks another binary (to measure an older build); bounded in time, 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${BENCH_BIN:-${CARGO_TARGET_DIR:-target}/release/checkpoint}
duration=${BENCH_SECONDS:-20}
connections=${BENCH_CONNECTIONS:-16}
port=${BENCH_PORT:-3918}
base="http://127.0.0.1:$port"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

data=$(mktemp -d)
jar=$(mktemp)
"$bin" --data-dir "$data" demo >/dev/null
# The server on the first core and wrk on the others, so the two do not take turns on the same
# core and the figure varies less from run to run.
last=$(( $(nproc) - 1 ))
server_cpus=0
client_cpus=$([ "$last" -ge 1 ] && echo "1-$last" || echo 0)
taskset -c "$server_cpus" "$bin" --data-dir "$data" serve --addr "127.0.0.1:$port" >"$data/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$data" "$jar"' EXIT
for _ in $(seq 1 100); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.1; done

curl -s -c "$jar" -b "$jar" "$base/login" -o /dev/null
token=$(awk '$6 == "checkpoint_csrf" {print $7}' "$jar")
curl -s -c "$jar" -b "$jar" -H 'Accept: text/html' \
  --data "csrf_token=$token&login=trainee&password=trainee-demo-2026&next=/" "$base/api/login" -o /dev/null
session=$(awk '$6 == "checkpoint_session" {print $7}' "$jar")
cookie="checkpoint_session=$session; checkpoint_csrf=$token"
lesson="$base/courses/document-examination/lessons/2"
status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$lesson")
[ "$status" = 200 ] || { echo "the lesson page answered $status" >&2; exit 1; }

# Warm up (caches, connections), then measure.
taskset -c "$client_cpus" wrk -t2 -c"$connections" -d3s -H "Cookie: $cookie" "$lesson" >/dev/null
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
hz=$(getconf CLK_TCK)
before=$(ticks)
out=$(taskset -c "$client_cpus" wrk -t2 -c"$connections" -d"${duration}s" -H "Cookie: $cookie" "$lesson")
after=$(ticks)
requests=$(echo "$out" | awk '/requests in/ {print $1}')
rate=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
errors=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
cpu_ms=$(( (after - before) * 1000 / hz ))
echo "lesson_page requests=$requests req_per_s=$rate non_2xx=${errors:-0} server_cpu_ms=$cpu_ms cpu_us_per_request=$(( cpu_ms * 1000 / requests )) cores=$(nproc)"
