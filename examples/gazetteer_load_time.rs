//! Prints how long loading the embedded gazetteer takes (a documented run,
//! see docs/gazetteer.md): reading the tables the build script prebuilt,
//! as every process does, and parsing the text tables afresh, as the build
//! script does. `cargo run --release --example gazetteer_load_time [RUNS]`.

use std::time::Instant;

use concord::gazetteer::Gazetteer;

fn main() {
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(3);
    let started = Instant::now();
    let global = Gazetteer::global();
    println!(
        "first use (prebuilt tables): {} places, {} distinct folded names in {:?}",
        global.len(),
        global.name_count(),
        started.elapsed()
    );
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
