#!/usr/bin/env bash
# Rebuilds the learned layer's weights (crates/core/model/weights.bin) from the labelled training
# posts, deterministically: the same posts and rules always give the same file. Run it after
# changing the training corpus, a lexicon or a rule (a test fails while the shipped weights are
# stale), then rebuild.
#
#   scripts/train-model.sh                 # train and write the weights
#   scripts/train-model.sh --curve tests/corpus/validation.jsonl
#                                          # also the learning curve on the validation split
#                                          # (aggregate figures only)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked -p postcare-cli
exec target/release/postcare train "$@" --out crates/core/model/weights.bin $(cat crates/core/model/training-corpora.txt)
