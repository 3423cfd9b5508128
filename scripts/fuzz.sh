#!/usr/bin/env bash
# Runs each fuzz target briefly (FUZZ_SECONDS, default 30, per target) with cargo-fuzz on a
# nightly toolchain, installing both if missing. A crash fails the run; its input is left in
# fuzz/artifacts/<target>/ and becomes a regression test in the crate concerned.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-30}
if ! rustup toolchain list | grep -q '^nightly'; then
  echo "==> installing the nightly toolchain (for fuzzing)"
  rustup toolchain install nightly --profile minimal
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "==> installing cargo-fuzz (a few minutes, once)"
  cargo install --quiet --locked cargo-fuzz
fi
for target in mrz upload names; do
  echo "==> fuzzing $target for ${seconds}s"
  mkdir -p "fuzz/corpus/$target"
  # A scratch copy of the seed corpus, so the run does not add files to the checkout.
  work=$(mktemp -d)
  cp -r "fuzz/corpus/$target/." "$work/"
  log=$(mktemp)
  if ! cargo +nightly fuzz run --fuzz-dir fuzz "$target" "$work" -- \
    -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 >"$log" 2>&1; then
    tail -n 40 "$log"
    echo "fuzzing $target failed: the failing input is in fuzz/artifacts/$target/" >&2
    exit 1
  fi
  grep -E '^stat::number_of_executed_units' "$log" | sed "s/^/  $target: /" || true
  rm -rf "$work" "$log"
done
echo "fuzzing: no crash"
