#!/usr/bin/env bash
# Knowledge-check benchmarks of a release build on loopback (run by `make bench`):
#  - autosave under load: 200 simulated trainees each saving a quiz answer every second for
#    60 s on SQLite, then every acknowledged answer read back (scripts/bench_autosave.py);
#  - importing a generated 1,000-question GIFT file with `checkpoint questions import`.
# Bounded in time; targets 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${CARGO_TARGET_DIR:-target}/release/checkpoint
trainees=${BENCH_TRAINEES:-200}
seconds=${BENCH_SECONDS_AUTOSAVE:-60}
port=${BENCH_PORT:-3918}
base="http://127.0.0.1:$port"

data=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$data"' EXIT
pid=
"$bin" --data-dir "$data" demo >/dev/null

# 1,000 questions of every kind in ten categories.
python3 - "$data/bank.gift" <<'PY'
import sys
kinds = [
    "::Q{n} choice:: Which code identifies Utopia in an MRZ? {{=UTO ~UTA#No ~UTP#No}}",
    "::Q{n} multiple:: Which are security features? {{~%50%Guilloche ~%50%Microprinting ~%-100%Barcode sticker}}",
    "::Q{n} true-false:: The MRZ of a TD3 passport has two lines. {{T#It has two#Correct}}",
    "::Q{n} short:: What does MRZ stand for? {{=machine readable zone =machine-readable zone =MRZ*}}",
    "::Q{n} number:: How many characters has one TD3 MRZ line? {{#44:0}}",
    "::Q{n} matching:: Match the light to what it shows. {{=UV -> fluorescent inks =IR -> infrared-absorbing inks =Transmitted -> watermarks}}",
    "::Q{n} ordering:: Put the steps in order. {{>Look at the traveller >Check the document >Query the systems}}",
]
with open(sys.argv[1], "w") as f:
    for n in range(1000):
        if n % 100 == 0:
            f.write(f"$CATEGORY: Generated/Category {n // 100 + 1}\n\n")
        f.write(kinds[n % len(kinds)].format(n=n) + "\n\n")
PY
start=$(date +%s%N)
"$bin" --data-dir "$data" questions import "$data/bank.gift" --course document-examination | head -1
echo "gift_import_1000_ms=$(( ($(date +%s%N) - start) / 1000000 )) (one process: start, migrate check, parse, write)"

# The simulated trainees (password on standard input: no change required at first sign-in).
for n in $(seq -f "%03g" 1 "$trainees"); do
  echo "bench-password-2026" | "$bin" --data-dir "$data" user add --login "bench.t$n" --name "Bench Trainee $n" --roles trainee >/dev/null
done
"$bin" --data-dir "$data" serve --addr "127.0.0.1:$port" >"$data/server.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.1; done
python3 scripts/bench_autosave.py "$base" admin-demo-2026 bench.t bench-password-2026 "$trainees" "$seconds"
echo "rss_after_autosave_mb=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$pid/status")"
