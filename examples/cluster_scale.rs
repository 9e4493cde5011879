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
    let start = Instant::now();
    let reports = synthetic::synthetic_reports(mentions, 7);
    let report_count = reports.len();
    let next_seq = report_count as u64;
    println!(
        "generated {report_count} reports ({mentions} mentions) in {:.2?}, resident {} MB",
        start.elapsed(),
        resident_mb()
    );

    let start = Instant::now();
    let mut state = ClusterState::new(ClusterConfig::default());
    state.add_reports(reports);
    println!(
        "clustered {} mentions in {:.2?}, resident {} MB",
        state.mention_count(),
        start.elapsed(),
        resident_mb()
    );

    let start = Instant::now();
    let incidents = state.incidents();
    let parents = incidents
        .iter()
        .filter(|i| i.level == concord::incident::IncidentLevel::Parent)
        .count();
    println!(
        "incidents(): {} incidents ({parents} parents) assembled in {:.2?}",
        incidents.len(),
        start.elapsed()
    );
    drop(incidents);

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
