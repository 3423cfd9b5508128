#!/usr/bin/env bash
# Runs the integration suite (browser tests included) several times in a row while a
# CPU-heavy process keeps every core busy, and stops at the first failure: the suite must pass
# on a loaded machine, not only on a quiet one. RUNS (default 5) sets how many runs.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
cargo test -p app --features ssr --test it --no-run >/dev/null 2>&1
hogs=()
for _ in $(seq 1 "$(nproc)"); do
  sh -c 'while :; do :; done' &
  hogs+=($!)
done
trap 'kill "${hogs[@]}" 2>/dev/null || true' EXIT
for i in $(seq 1 "$runs"); do
  start=$(date +%s)
  if ! out=$(cargo test -p app --features ssr --test it 2>&1); then
    echo "$out" | grep -E "^test .* FAILED|panicked|test result" >&2
    echo "run $i of $runs failed" >&2
    exit 1
  fi
  echo "run $i of $runs: $(echo "$out" | grep -E '^test result') ($(( $(date +%s) - start )) s)"
done
