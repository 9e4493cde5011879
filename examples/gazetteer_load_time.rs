//! Prints how long parsing the embedded gazetteer takes (a documented run,
//! see docs/gazetteer.md): `cargo run --release --example gazetteer_load_time`.

use std::time::Instant;

use concord::gazetteer::Gazetteer;

fn main() {
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(3);
    for _ in 0..runs {
        let started = Instant::now();
        let gazetteer = Gazetteer::parse_embedded();
        let elapsed = started.elapsed();
        println!(
            "parsed {} places, {} distinct folded names in {elapsed:?}",
            gazetteer.len(),
            gazetteer.name_count()
        );
    }
}
