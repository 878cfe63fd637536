#!/usr/bin/env bash
# Post with Care: one entry point for building and testing, on a fresh machine or an old one.
#
#   ./build.sh          build everything: the postcare CLI, the WebAssembly engine, and the
#                       unpacked extensions and zips under dist/
#   ./build.sh test     check formatting and lints, build, then run every test (Rust unit,
#                       rule-example, corpus, learned-layer and property tests, extension
#                       type-check, browser end-to-end tests)
#   ./build.sh bench    build, then write the performance report to bench/RESULTS.md
#
# Each step installs what it needs when it is missing (rustup target, wasm-bindgen-cli, npm
# packages, Debian's chromium and firefox-esr), so the same two commands work in CI.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/lib.sh

build_all() {
  step "Rust: postcare CLI (release)"
  cargo build --release --locked -p postcare-cli
  scripts/build-extension.sh
}

case "${1:-build}" in
  build)
    build_all
    ;;
  test)
    step "Rust: formatting (cargo fmt --check) and lints (cargo clippy -D warnings)"
    rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt
    rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy
    cargo fmt --all -- --check
    cargo clippy --release --locked --workspace --all-targets -- -D warnings
    build_all
    step "Rust: tests (units, rule examples, dev corpora, properties)"
    cargo test --release --locked --workspace
    step "Extension: type-check and end-to-end tests"
    scripts/test-extension.sh
    ;;
  bench)
    build_all
    scripts/bench.sh
    ;;
  *)
    echo "usage: ./build.sh [build|test|bench]" >&2
    exit 2
    ;;
esac
