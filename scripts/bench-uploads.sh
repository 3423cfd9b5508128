#!/usr/bin/env bash
# Memory of a release build while four 6000 × 6000 exercise images are uploaded at once
# (36 Mpx each: about 144 Mpx, over 2 GB of pixels, if all were decoded together). The global
# decoding budget (40 Mpx) lets one decode at a time; this script records the server's
# resident memory before, at its peak (VmHWM) and after, and how long the four uploads took.
# Loopback only, bounded in time (curl --max-time).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${CARGO_TARGET_DIR:-target}/release/checkpoint
port=${BENCH_PORT:-3921}
uploads=${BENCH_UPLOADS:-4}
side=${BENCH_SIDE:-6000}
base="http://127.0.0.1:$port"

data=$(mktemp -d)
jar="$data/jar"
pid=
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$data"' EXIT
"$bin" --data-dir "$data" demo >/dev/null
"$bin" --data-dir "$data" serve --addr "127.0.0.1:$port" >"$data/server.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.1; done

# Distinct grey-gradient PNGs (each a few hundred KB, so the upload is cheap and decoding is
# what costs).
python3 - "$data" "$uploads" "$side" <<'PY'
import struct, sys, zlib
out, n, side = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
for i in range(n):
    row = bytes((x * 255 // side + i) % 256 for x in range(side))
    raw = b"".join(b"\0" + row for _ in range(side))
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")
    open(f"{out}/upload-{i}.png", "wb").write(png)
PY

curl -s -c "$jar" -b "$jar" "$base/login" -o /dev/null
token=$(awk '$6 == "checkpoint_csrf" {print $7}' "$jar")
curl -s -c "$jar" -b "$jar" -H 'Accept: text/html' \
  --data "csrf_token=$token&login=admin&password=admin-demo-2026&next=/" "$base/api/login" -o /dev/null
token=$(awk '$6 == "checkpoint_csrf" {print $7}' "$jar")
slug=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT slug FROM courses ORDER BY id LIMIT 1').fetchone()[0])" "$data/checkpoint.db")

mb() { awk -v k="$1:" '$1 == k {print int($2/1024)}' "/proc/$pid/status"; }
echo "image: ${side} × ${side} PNG, $(du -k "$data/upload-0.png" | cut -f1) KB each; ${uploads} uploads at once"
echo "rss_before_mb=$(mb VmRSS)"
start=$(date +%s%N)
clients=()
for i in $(seq 0 $((uploads - 1))); do
  curl -s --max-time 300 -b "$jar" -H 'Accept: text/html' -o /dev/null -w "upload $i: %{http_code} in %{time_total} s\n" \
    -F "csrf_token=$token" -F kind=anomalies -F "title=Benchmark $i" -F "file=@$data/upload-$i.png;type=image/png" \
    "$base/author/courses/$slug/exercises" &
  clients+=($!)
done
wait "${clients[@]}"
echo "all_uploads_s=$(( ($(date +%s%N) - start) / 1000000 ))e-3"
echo "rss_peak_mb=$(mb VmHWM)"
echo "rss_after_mb=$(mb VmRSS)"
