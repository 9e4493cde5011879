//! Times the first view of an HTML report (`concord export --format html`)
//! in headless Chromium: docs/BENCHMARKS.md, "HTML report", via
//! `scripts/bench_html_report.sh`.
//!
//! `cargo run --example html_first_view -- PAGE.html [RUNS]` opens the page
//! RUNS times (default 5), each in a fresh browser session, and prints per
//! run: the page's own `concord-first-view` mark (milliseconds from the
//! start of navigation until two frames were painted after the overview,
//! map, timeline and table were built), the wall-clock time from asking the
//! browser to open the file until that mark was readable, and the number of
//! map markers and table rows drawn. Needs `chromium` and `chromedriver`.

#[path = "../tests/browser/mod.rs"]
mod browser;

use std::path::PathBuf;
use std::time::{Duration, Instant};

fn main() {
    let mut arguments = std::env::args().skip(1);
    let Some(page) = arguments.next().map(PathBuf::from) else {
        eprintln!("usage: html_first_view PAGE.html [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = arguments
        .next()
        .and_then(|runs| runs.parse().ok())
        .unwrap_or(5);
    let Some(tools) = browser::tools_or_skip() else {
        std::process::exit(2);
    };
    let bytes = std::fs::metadata(&page).map(|m| m.len()).unwrap_or(0);
    println!(
        "page {} ({:.2} MB)",
        page.display(),
        bytes as f64 / (1024.0 * 1024.0)
    );
    let url = browser::file_url(&page);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let mut marks = Vec::new();
    for run in 1..=runs {
        let driver = browser::start_driver(&tools);
        let (mark, wall, counts) = runtime.block_on(async {
            let client = browser::session(&driver, 1400, 1000).await;
            let started = Instant::now();
            client.goto(&url).await.expect("open the page");
            let drawn = browser::wait_until(
                &client,
                "document.body.hasAttribute('data-first-view-ms')",
                Duration::from_secs(60),
            )
            .await;
            let wall = started.elapsed();
            assert!(drawn, "the first view was not drawn within 60 s");
            let mark = client
                .execute(
                    "return Number(document.body.getAttribute('data-first-view-ms'));",
                    vec![],
                )
                .await
                .expect("the mark")
                .as_f64()
                .unwrap_or(f64::NAN);
            let counts = client
                .execute(
                    "return [document.getElementById('map-canvas').getAttribute('data-markers'), \
                     document.querySelectorAll('#incident-table tbody tr').length, \
                     performance.getEntriesByType('resource').length, \
                     Math.round(performance.getEntriesByType('navigation')[0].domInteractive), \
                     performance.getEntriesByType('mark').map(m => m.name.replace('concord-', '') + ' ' + Math.round(m.startTime)).join(', ')];",
                    vec![],
                )
                .await
                .expect("counts");
            let _ = client.close().await;
            (mark, wall, counts)
        });
        println!(
            "run {run}: first view {mark:.0} ms (mark), {:.0} ms (wall clock from goto); markers {}, table rows {}, resources loaded {}\n       document parsed at {} ms; marks (ms): {}",
            wall.as_secs_f64() * 1000.0,
            counts[0],
            counts[1],
            counts[2],
            counts[3],
            counts[4].as_str().unwrap_or_default()
        );
        marks.push(mark);
    }
    marks.sort_by(f64::total_cmp);
    println!(
        "median first view {:.0} ms over {runs} runs (min {:.0}, max {:.0})",
        marks[marks.len() / 2],
        marks[0],
        marks[marks.len() - 1]
    );
}
