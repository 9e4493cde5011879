#!/usr/bin/env bash
# The HTML report at scale (docs/BENCHMARKS.md, "HTML report"): a synthetic
# corpus giving more than 10,000 incidents, ingested, exported as one page,
# the page's size, and its first view timed in headless Chromium.
#
#   scripts/bench_html_report.sh [REPORTS] [SEED] [RUNS]
#
# Defaults: 12,500 reports, seed 7, 5 runs. Needs chromium and chromedriver
# (apt-get install -y chromium chromium-driver). Work files go to
# ${BENCH_DIR:-/tmp/concord-html-bench}.
set -euo pipefail
cd "$(dirname "$0")/.."
reports=${1:-12500}
seed=${2:-7}
runs=${3:-5}
work=${BENCH_DIR:-/tmp/concord-html-bench}
rm -rf "$work"
mkdir -p "$work"
export CARGO_BUILD_JOBS=${CARGO_BUILD_JOBS:-1}
cargo build --release --quiet
concord=target/release/concord
"$concord" synth --reports "$reports" --seed "$seed" --out "$work/corpus" > /dev/null
"$concord" --db "$work/db" ingest "$work/corpus/reports" | head -1
incidents=$("$concord" --db "$work/db" incidents --json | wc -l)
echo "incidents (with days of action): $incidents"
/usr/bin/time -f "export: %e s wall, %M KB peak RSS" \
    "$concord" --db "$work/db" export --format html --out "$work/incidents.html"
ls -l "$work/incidents.html" | awk '{printf "page: %d bytes (%.2f MB)\n", $5, $5 / 1048576}'
cargo run --quiet --example html_first_view -- "$work/incidents.html" "$runs"
