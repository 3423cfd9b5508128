#!/usr/bin/env bash
# Load benchmark of a release build on loopback (run by `make bench`): /healthz and the
# signed-in home page with wrk (2 threads, 50 connections), server memory idle and under load,
# whether a plain page view writes the session, and the compressed first-load weight of the
# home page. Bounded in time; targets 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${CARGO_TARGET_DIR:-target}/release/checkpoint
duration=${BENCH_SECONDS:-15}
port=${BENCH_PORT:-3917}
base="http://127.0.0.1:$port"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

data=$(mktemp -d)
jar=$(mktemp)
# Importing the shipped course packs into an empty database.
import_db=$(mktemp -d)
"$bin" --data-dir "$import_db" migrate >/dev/null
start=$(date +%s%N)
for pack in content/packs/*/; do "$bin" --data-dir "$import_db" import "$pack" --publish >/dev/null; done
echo "import_shipped_packs_ms=$(( ($(date +%s%N) - start) / 1000000 )) ($(ls -d content/packs/*/ | wc -l) packs, one process each)"
rm -rf "$import_db"
"$bin" --data-dir "$data" demo >/dev/null
"$bin" --data-dir "$data" serve --addr "127.0.0.1:$port" >"$data/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$data" "$jar"' EXIT
for _ in $(seq 1 100); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.1; done

rss() { awk '/VmRSS/ {print int($2/1024)}' "/proc/$pid/status"; }
echo "rss_idle_mb=$(rss)"

# Sign in as the demo trainee.
curl -s -c "$jar" -b "$jar" "$base/login" -o /dev/null
token=$(awk '$6 == "checkpoint_csrf" {print $7}' "$jar")
curl -s -c "$jar" -b "$jar" -H 'Accept: text/html' \
  --data "csrf_token=$token&login=trainee&password=trainee-demo-2026&next=/" "$base/api/login" -o /dev/null
session=$(awk '$6 == "checkpoint_session" {print $7}' "$jar")
cookie="checkpoint_session=$session; checkpoint_csrf=$token"

writes=$(curl -s -D - -o /dev/null -H "Cookie: $cookie" "$base/" | grep -ci '^set-cookie: checkpoint_session' || true)
echo "session_cookie_set_on_plain_view=$writes"

# First load of the home page as a browser fetches it (compressed as served).
html=$(curl -s -o /dev/null -w '%{size_download}' -H 'Accept-Encoding: br, gzip' -H "Cookie: $cookie" "$base/")
css=$(curl -s -o /dev/null -w '%{size_download}' -H 'Accept-Encoding: br, gzip' "$base/pkg/checkpoint.css")
icon=$(curl -s -o /dev/null -w '%{size_download}' -H 'Accept-Encoding: br, gzip' "$base/pkg/favicon.svg")
scripts=$(curl -s -H "Cookie: $cookie" "$base/" | grep -c 'checkpoint.js' || true)
echo "home_first_load_bytes=$((html + css + icon)) (html=$html css=$css icon=$icon, bundle references=$scripts)"
js=$(curl -s -o /dev/null -w '%{size_download}' -H 'Accept-Encoding: br, gzip' "$base/pkg/checkpoint.js")
wasm=$(curl -s -o /dev/null -w '%{size_download}' -H 'Accept-Encoding: br, gzip' "$base/pkg/checkpoint.wasm")
echo "islands_bundle_bytes=$((js + wasm)) (js=$js wasm=$wasm; loaded only on pages with islands)"

# First load of a lesson page with a figure: HTML, CSS, icon and the lesson's images.
lesson="$base/courses/document-examination/lessons/2"
lhtml=$(curl -s -o /dev/null -w '%{size_download}' -H 'Accept-Encoding: br, gzip' -H "Cookie: $cookie" "$lesson")
images=0
for src in $(curl -s -H "Cookie: $cookie" "$lesson" | grep -o 'src="/media/[^"]*"' | cut -d'"' -f2); do
  images=$((images + $(curl -s -o /dev/null -w '%{size_download}' -H 'Accept-Encoding: br, gzip' -H "Cookie: $cookie" "$base$src")))
done
echo "lesson_first_load_bytes=$((lhtml + css + icon + images)) (html=$lhtml css=$css icon=$icon images=$images)"

# First load of a find-the-anomalies exercise (the marker board island): HTML, CSS, icon and
# the islands bundle, without the document image itself.
exercise=""
for href in $(curl -s -H "Cookie: $cookie" "$base/courses/document-examination" | grep -o 'href="/exercises/[0-9]*"' | cut -d'"' -f2); do
  if curl -s -H "Cookie: $cookie" "$base$href" | grep -q 'marker-board'; then exercise=$href; break; fi
done
if [ -n "$exercise" ]; then
  ehtml=$(curl -s -o /dev/null -w '%{size_download}' -H 'Accept-Encoding: br, gzip' -H "Cookie: $cookie" "$base$exercise")
  echo "exercise_first_load_bytes=$((ehtml + css + icon + js + wasm)) (html=$ehtml css=$css icon=$icon js=$js wasm=$wasm; $exercise, image excluded)"
fi

peak=0
sample() { while kill -0 "$pid" 2>/dev/null; do r=$(rss); [ "$r" -gt "$peak" ] && peak=$r && echo "$peak" >"$data/peak"; sleep 0.5; done; }
sample & sampler=$!

echo "== wrk /healthz"
wrk -t2 -c50 -d"${duration}s" --latency "$base/healthz" | grep -E 'Requests/sec|99%|Latency|Non-2xx|errors'
echo "== wrk / (signed in)"
wrk -t2 -c50 -d"${duration}s" --latency -H "Cookie: $cookie" "$base/" | grep -E 'Requests/sec|99%|Latency|Non-2xx|errors'
echo "== wrk lesson page (signed in)"
wrk -t2 -c50 -d"${duration}s" --latency -H "Cookie: $cookie" "$lesson" | grep -E 'Requests/sec|99%|Latency|Non-2xx|errors'
kill $sampler 2>/dev/null || true
echo "rss_peak_under_load_mb=$(cat "$data/peak" 2>/dev/null || echo 0)"
