# Checkpoint — the two commands of the README, and the steps they are made of.
#   make run   install what is missing, build (release), migrate, load demo data, serve :3000
#   make test  fmt, clippy, unit + integration (+ PostgreSQL when configured) + browser tests

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
CARGO_TARGET_DIR ?= target
export CARGO_TARGET_DIR
DATA_DIR ?= ./data
ADDR ?= 127.0.0.1:3000
BIN := $(CARGO_TARGET_DIR)/release/checkpoint

.PHONY: run test tools site build fmt-check clippy unit integration postgres browser browser-deps bench fuzz

run: tools site build
	$(BIN) --data-dir $(DATA_DIR) migrate
	$(BIN) --data-dir $(DATA_DIR) demo --print-logins
	@echo
	$(BIN) --data-dir $(DATA_DIR) serve --addr $(ADDR)

tools:
	@scripts/tools.sh

site: tools
	@scripts/build-site.sh

build:
	cargo build --release -p app --features ssr --bin checkpoint

test: tools fmt-check clippy fuzz site browser-deps unit postgres

fmt-check:
	cargo fmt --all --check

clippy:
	cargo clippy --workspace --all-targets --features app/ssr -- -D warnings
	cargo clippy -p app --lib --target wasm32-unknown-unknown --no-default-features --features hydrate -- -D warnings

# Unit, integration and browser tests in one cargo run (SQLite).
unit:
	env -u CHECKPOINT_TEST_POSTGRES cargo test --workspace --features app/ssr

# Each fuzz target (MRZ parser, upload decoder, name engine) briefly, on nightly with cargo-fuzz.
fuzz:
	@scripts/fuzz.sh

# The integration suite again on PostgreSQL, when a server is configured.
postgres:
	@if [ -n "$${CHECKPOINT_TEST_POSTGRES:-}" ]; then \
	  echo "==> integration tests on PostgreSQL"; \
	  cargo test -p app --features ssr --test it; \
	else \
	  echo "==> CHECKPOINT_TEST_POSTGRES is not set: skipping the PostgreSQL run"; \
	fi

browser-deps:
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then \
	  echo "==> installing Debian chromium and chromium-driver"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
	fi
	@if ! command -v pdftotext >/dev/null; then \
	  echo "==> installing Debian poppler-utils (pdftotext reads back the PDFs in the tests)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null; \
	fi
	@if [ ! -f .tools/npm/node_modules/axe-core/axe.min.js ]; then \
	  if ! command -v npm >/dev/null; then \
	    echo "==> installing Debian npm (for axe-core)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; \
	  fi; \
	  echo "==> installing axe-core (accessibility checks in the browser tests, from npm)"; \
	  npm install --silent --no-audit --no-fund --prefix .tools/npm axe-core@4.11.0 >/dev/null; \
	fi

bench: tools site build
	scripts/bench.sh
	scripts/bench-lesson-cpu.sh
	scripts/bench-quizzes.sh
	scripts/bench-desk.sh
	cargo bench -p content --bench tna_analysis
	cargo bench -p content --bench images
	cargo bench -p content --bench specimens
	cargo bench -p assessments --bench grading
	scripts/bench-tna.sh
	scripts/bench-uploads.sh
	scripts/load-and-crash.sh
	scripts/bench-progress.sh
