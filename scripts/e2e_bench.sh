#!/usr/bin/env bash
# End-to-end run behind the table in docs/BENCHMARKS.md: synthesise N
# reports, then time `concord ingest` and `concord export` on a fresh
# database, printing wall time, reports/s, peak RSS and database size.
#
#   scripts/e2e_bench.sh N [SEED] [WORKDIR]
#
# Then (unless VIEWS=0) the views at the head, answered from the read
# models (issue 15): show, audit and explain of the first incident and
# reports, incidents/reports/export in full and to their first line, and
# ingesting 1 and then 1,000 more reports into the database; between the
# two, `show` and `incidents` as of the full build's last event, from the
# checkpoint the first catch-up opened there, and `show` one event before
# it, replayed.
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

[[ ${VIEWS:-1} == 0 ]] && exit 0
first_incident=$(head -1 "$work/incidents.jsonl" | sed -E 's/^\{"id":"([^"]*)".*/\1/')
"$concord" --db "$work/db" reports --json | head -2 | sed -E 's/^\{"id":"([^"]*)".*/\1/' > "$work/two_reports"
report_a=$(sed -n 1p "$work/two_reports")
report_b=$(sed -n 2p "$work/two_reports")
measure show "$concord" --db "$work/db" show "$first_incident"
measure audit "$concord" --db "$work/db" audit "$first_incident"
measure explain "$concord" --db "$work/db" explain "$report_a" "$report_b"
measure incidents "$concord" --db "$work/db" incidents --json
measure reports "$concord" --db "$work/db" reports --json
measure export_again "$concord" --db "$work/db" export --format jsonl
first_line() {
    local label=$1
    shift
    local start end
    start=$(date +%s.%N)
    "$@" | head -1 > /dev/null
    end=$(date +%s.%N)
    printf '%s_first_line %.3f\n' "$label" "$(echo "$end - $start" | bc -l)"
}
first_line incidents "$concord" --db "$work/db" incidents --json
first_line reports "$concord" --db "$work/db" reports --json
first_line export "$concord" --db "$work/db" export --format jsonl
# More reports, with ids of their own (another seed reuses the ids).
for more in 1 1000; do
    "$concord" synth --reports "$more" --seed 11 --out "$work/more$more" > /dev/null
    mkdir -p "$work/more$more/renamed"
    for part in "$work/more$more/reports"/*.jsonl; do
        sed 's/"id":"r/"id":"more'"$more"'-r/' "$part" > "$work/more$more/renamed/$(basename "$part")"
    done
    measure "ingest_$more" "$concord" --db "$work/db" ingest "$work/more$more/renamed"
    if [[ $more == 1 ]]; then
        # The catch-up opened a checkpoint where the full build left the
        # read models (event N): the views as of N answer from it, undone
        # from the head. As of N - 1 there is no checkpoint: a replay
        # (skipped above 200k reports, where it takes minutes).
        measure show_as_of_checkpoint "$concord" --db "$work/db" show "$first_incident" --as-of "$n"
        measure incidents_as_of_checkpoint "$concord" --db "$work/db" incidents --json --as-of "$n"
        if (( n <= 200000 )); then
            measure show_as_of_replayed "$concord" --db "$work/db" show "$first_incident" --as-of "$((n - 1))"
        fi
    fi
done
