//! Generates a synthetic corpus without the CLI, for timing runs:
//! `cargo run --release --example synth -- 100000 7 /tmp/synth-100k`
//! (see docs/synth.md for the recorded numbers).

use std::path::PathBuf;
use std::time::Instant;

use concord::synth::{SynthOptions, synth_command};

fn main() {
    let mut args = std::env::args().skip(1);
    let reports: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1000);
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let out = PathBuf::from(args.next().unwrap_or_else(|| "synth-out".to_string()));
    let started = Instant::now();
    match synth_command(&SynthOptions::new(reports, seed, out)) {
        Ok(summary) => {
            let seconds = started.elapsed().as_secs_f64();
            println!(
                "{} reports, {} main incidents, {} figures, {:.0} bytes of text per report, {:.2}s ({:.0} reports/s)",
                summary.reports,
                summary.main_incidents,
                summary.figures,
                summary.text_bytes as f64 / summary.reports.max(1) as f64,
                seconds,
                summary.reports as f64 / seconds
            );
        }
        Err(error) => {
            eprintln!("synth failed: {error}");
            std::process::exit(1);
        }
    }
}
