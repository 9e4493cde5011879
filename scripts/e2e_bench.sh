#!/usr/bin/env bash
# End-to-end run behind the table in docs/BENCHMARKS.md: synthesise N
# reports, then time `concord ingest` and `concord export` on a fresh
# database, printing wall time, reports/s, peak RSS and database size.
#
#   scripts/e2e_bench.sh N [SEED] [WORKDIR]
#
# Set CONCORD_BIN to time another binary (a copy, so that a rebuild during
# a long run cannot swap it between the two steps).
#
# Needs a release build (`cargo build --release`) and GNU time at
# /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:?usage: scripts/e2e_bench.sh N [SEED] [WORKDIR]}
seed=${2:-7}
work=${3:-/tmp/concord-e2e-$n}
concord=${CONCORD_BIN:-target/release/concord}
rm -rf "$work"
mkdir -p "$work"
"$concord" synth --reports "$n" --seed "$seed" --out "$work/corpus" > "$work/synth.json"

measure() {
    local label=$1
    shift
    /usr/bin/time -f "%e %M" -o "$work/$label.time" "$@" > "$work/$label.out"
    read -r wall rss_kb < "$work/$label.time"
    echo "$label $wall $rss_kb"
}

ingest=$(measure ingest "$concord" --db "$work/db" ingest "$work/corpus/reports")
export_=$(measure export "$concord" --db "$work/db" export --format jsonl --out "$work/incidents.jsonl")
read -r _ ingest_wall ingest_rss <<< "$ingest"
read -r _ export_wall export_rss <<< "$export_"
total=$(echo "$ingest_wall + $export_wall" | bc -l)
rate=$(echo "$n / $total" | bc -l)
peak=$(( ingest_rss > export_rss ? ingest_rss : export_rss ))
db_size=$(du -sb "$work/db" | cut -f1)
incidents=$(wc -l < "$work/incidents.jsonl")
printf 'reports=%d ingest_s=%.2f export_s=%.2f total_s=%.2f reports_per_s=%.0f peak_rss_mb=%.0f db_mb=%.1f incidents=%d load=%s\n' \
    "$n" "$ingest_wall" "$export_wall" "$total" "$rate" "$((peak / 1024))" \
    "$(echo "$db_size / 1048576" | bc -l)" "$incidents" "$(cut -d' ' -f1 /proc/loadavg)"
