#!/bin/sh
# Runs every fuzz target for SECONDS seconds (default 300) on stable Rust.
# cargo-fuzz wants nightly for its sanitizer flags; `-s none` drops them,
# and RUSTC_BOOTSTRAP=1 lets stable accept the remaining -Z flag.
# Usage: fuzz/run.sh [SECONDS]   (from the repository root or fuzz/)
set -eu
cd "$(dirname "$0")/.."
seconds="${1:-300}"
export RUSTC_BOOTSTRAP=1
cargo fuzz build -s none -O
for target in text_and_front_matter json_file json_lines clean; do
    mkdir -p "fuzz/corpus/$target"
    cargo fuzz run -s none -O "$target" "fuzz/corpus/$target" "fuzz/seeds/$target" -- \
        -max_total_time="$seconds" -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
        2>&1 | tee "fuzz/$target.log" | tail -n 25
done
