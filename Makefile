# The README's two commands are `make serve` and `make test`; both install what they need.
SHELL := /bin/bash
.ONESHELL:
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PORT ?= 8080
WASM_TARGET := wasm32-unknown-unknown
WASM_OUT := target/$(WASM_TARGET)/release/smp_visualiser.wasm
PKG := www/pkg
CARGO_BIN := $(HOME)/.cargo/bin
export PATH := $(CARGO_BIN):$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver
# The wasm suite builds scenes and renders frames in the browser, about 20 s on this 2-core
# machine: the runner's default limit of 20 s for the whole suite failed a clean run.
export WASM_BINDGEN_TEST_TIMEOUT ?= 120
# The wasm-bindgen CLI must equal the crate version in Cargo.lock exactly.
WB_VERSION = $(shell awk '/^name = "wasm-bindgen"$$/{getline; gsub(/"/,""); print $$3}' Cargo.lock)

.PHONY: help deps deps-rust deps-browser deps-npm wasm serve test test-native test-wasm test-e2e lint bench clean

help:
	@echo "make serve   build the app and serve it at http://127.0.0.1:$(PORT)/"
	@echo "make test    run every check and test (installs what it needs)"
	@echo "make bench   print render times natively and in headless Chromium, and wasm size"

deps: deps-rust deps-browser deps-npm

deps-rust:
	rustup target list --installed | grep -qx '$(WASM_TARGET)' || rustup target add $(WASM_TARGET)
	rustup component list --installed | grep -q '^clippy' || rustup component add clippy
	rustup component list --installed | grep -q '^rustfmt' || rustup component add rustfmt
	have=$$(wasm-bindgen --version 2>/dev/null | awk '{print $$2}' || true)
	if [ "$$have" != "$(WB_VERSION)" ]; then
	  echo "installing wasm-bindgen-cli $(WB_VERSION) (found '$$have'; takes a few minutes)"
	  cargo install wasm-bindgen-cli --version $(WB_VERSION) --force
	fi

deps-browser:
	if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo )
	  $$SUDO apt-get update -qq
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
	fi

deps-npm:
	if [ ! -d node_modules/playwright-core ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
	  npm ci --no-audit --no-fund
	fi

# Build the wasm and its JS glue into www/pkg (generated, git-ignored). Dropping the name and
# producers sections saves 32 KB raw, 13 KB gzipped (panic messages stay). Then, if npm's
# binaryen is installed (`make deps-npm`; Debian's 108 breaks on this output, research/tech.md
# §4.3), `wasm-opt -O3`: 240 → 228 KB raw, 100.2 → 97.6 KB gzipped, pixels unchanged (the e2e
# golden test renders with the served file). Without it the build still works, unoptimised.
# `--low-memory-unused` lets it fold constant addresses into loads' and stores' offsets: Rust
# lays the 1 MB stack first, growing down from 1 MB, so the low 1 KB is touched only by a stack
# within 1 KB of overflowing. 3.4 KB raw and 0.7 KB gzipped less (stop 30).
# `-Os --optimize-level=3`: -O3's passes with -Os's inlining limits (shrink level 1), which
# wasm-opt spells this way round (`-O3 --shrink-level=1` is -O3 again). 3.6 KB raw and 1.1 KB
# gzipped less than -O3 (232.6 → 229.0 KB, 100.65 → 99.57 KB), and in headless Chromium as fast
# (app 512² 14.8 ms both, 1024² 30.0 against 30.3; stop 31), where plain -Os was a third
# slower at 1024² (39.8 ms).
# `--converge` reruns the passes until the file stops shrinking: 68 B gzipped less (stop 37).
WASM_OPT := node_modules/.bin/wasm-opt

wasm: deps-rust
	cargo build --lib --release --target $(WASM_TARGET)
	wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section \
	  --out-dir $(PKG) $(WASM_OUT)
	if [ -x $(WASM_OPT) ]; then
	  $(WASM_OPT) -Os --optimize-level=3 --low-memory-unused --converge $(PKG)/smp_visualiser_bg.wasm -o $(PKG)/smp_visualiser_bg.wasm
	else
	  echo "note: $(WASM_OPT) not installed (make deps-npm); $(PKG) is not size-optimised"
	fi


serve: deps-rust deps-npm wasm
	node tools/serve.mjs www

lint: deps-rust
	cargo fmt --all -- --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --lib --tests --target $(WASM_TARGET) -- -D warnings

test-native:
	cargo test --release

test-wasm: deps-rust deps-browser
	cargo test --release --target $(WASM_TARGET) --test web

test-e2e: deps-browser deps-npm wasm
	node --test --test-concurrency=1 tests/e2e/

test: deps lint test-native test-wasm test-e2e


bench: deps wasm
	cargo bench --bench render
	node tools/bench-web.mjs

clean:
	cargo clean
	rm -rf $(PKG)
