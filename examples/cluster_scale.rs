//! The clustering scale run behind docs/BENCHMARKS.md ("Clustering"):
//! `cargo run --release --example cluster_scale -- 1000000` under
//! `/usr/bin/time -v` for peak memory.

#[path = "../benches/support/synthetic.rs"]
mod synthetic;

use std::time::Instant;

use concord::cluster::{ClusterConfig, ClusterState};

/// Resident memory now, from /proc (Linux); 0 elsewhere.
fn resident_mb() -> u64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| {
            s.split_whitespace()
                .nth(1)
                .and_then(|p| p.parse::<u64>().ok())
        })
        .map_or(0, |pages| pages * 4096 / (1024 * 1024))
}

fn main() {
    let mentions: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    // The reports are generated as `add_reports` reads them (as a replay
    // streams them from the log), so the input is never held whole; the
    // time includes generating them.
    let start = Instant::now();
    let mut state = ClusterState::new(ClusterConfig::default());
    state.add_reports(synthetic::synthetic_report_stream(mentions, 7));
    let next_seq = state.report_count() as u64;
    println!(
        "generated and clustered {next_seq} reports, {} mentions in {:.2?}, resident {} MB",
        state.mention_count(),
        start.elapsed(),
        resident_mb()
    );

    // Incidents are read one at a time (block by block), as an export
    // streams them: `incidents()` would hold all of them, figures and
    // quotes included, at once.
    let start = Instant::now();
    let (mut incidents, mut parents, mut claims) = (0usize, 0usize, 0usize);
    state.visit_incidents(|incident| {
        incidents += 1;
        if incident.level == concord::incident::IncidentLevel::Parent {
            parents += 1;
        }
        claims += incident
            .figures
            .values()
            .map(|f| f.claims.len())
            .sum::<usize>();
    });
    println!(
        "visit_incidents(): {incidents} incidents ({parents} parents, {claims} claims) built in {:.2?}, resident {} MB",
        start.elapsed(),
        resident_mb()
    );

    let mut timings = Vec::new();
    for i in 0..200u64 {
        let report = synthetic::synthetic_report(next_seq + i, i * 97, 9, 7);
        let start = Instant::now();
        state.add_report(report);
        timings.push(start.elapsed());
    }
    timings.sort();
    println!(
        "add_report one at a time (200 reports): median {:.2?}, p95 {:.2?}, max {:.2?}",
        timings[timings.len() / 2],
        timings[timings.len() * 95 / 100],
        timings[timings.len() - 1]
    );
}
