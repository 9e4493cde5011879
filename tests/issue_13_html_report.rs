//! Issue 13: `concord export --format html` writes one self-contained page,
//! checked in headless Chromium through WebDriver.
//!
//! The page is built by the binary from `events/` plus one report of our
//! own whose title and text hold `<script>` markup. In the browser: the map
//! has one marker per incident at its coordinates, the table one row per
//! incident, a row opens the incident page with its ranges, bound quotes
//! and each claim's sentence; the hostile report shows its markup as text
//! and runs none of it; and the page makes no request at all (it loads
//! nothing, and its Content-Security-Policy refuses a fetch and an image
//! aimed at a port this test listens on, which sees no connection).
//!
//! Without chromium and chromedriver on PATH the test prints a note and
//! passes; `CONCORD_REQUIRE_BROWSER=1` (set by `.ci/run`) makes that a
//! failure. Screenshots go to `$CONCORD_SCREENSHOT_DIR`, else to
//! `target/tmp/html-report/`.

mod browser;
mod common;

use std::collections::BTreeSet;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::time::Duration;

use fantoccini::{Client, Locator};
use serde_json::Value;

use common::{concord, stdout_of};

const HOSTILE_REPORT: &str = "script-in-report-2021-09-18";
const WAIT: Duration = Duration::from_secs(20);

fn manifest_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// The incidents as `incidents --json` gives them.
fn cli_incidents(db: &Path) -> Vec<Value> {
    stdout_of(concord(db).args(["incidents", "--json"]))
        .lines()
        .map(|line| serde_json::from_str(line).expect("incidents --json is JSON lines"))
        .collect()
}

/// `views::figure_range` as the CLI prints it, from the JSON fields.
fn range_of(figures: &Value) -> String {
    let min = figures["min"].as_u64().expect("min");
    let max = figures["max"].as_u64().expect("max");
    let min_open = figures["min_open"].as_bool().expect("min_open");
    let high_mark = if figures["max_open"].as_bool().expect("max_open") {
        "+"
    } else {
        ""
    };
    let low = if min_open {
        format!(">{min}")
    } else {
        min.to_string()
    };
    if min == max && !min_open {
        format!("{min}{high_mark}")
    } else {
        format!("{low}..{max}{high_mark}")
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn screenshot_dir() -> PathBuf {
    let directory = std::env::var_os("CONCORD_SCREENSHOT_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("html-report"));
    std::fs::create_dir_all(&directory).expect("screenshot directory");
    directory
}

async fn script(client: &Client, source: &str) -> Value {
    client
        .execute(source, vec![])
        .await
        .unwrap_or_else(|error| panic!("script {source:?} failed: {error}"))
}

async fn click(client: &Client, css: &str) {
    client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|error| panic!("{css}: {error}"))
        .click()
        .await
        .unwrap_or_else(|error| panic!("click {css}: {error}"));
}

async fn search_box(client: &Client) -> fantoccini::elements::Element {
    client
        .find(Locator::Css("#filter-text"))
        .await
        .expect("search box")
}

async fn attributes(client: &Client, css: &str, attribute: &str) -> Vec<String> {
    let mut values = Vec::new();
    for element in client.find_all(Locator::Css(css)).await.expect("find") {
        values.push(
            element
                .attr(attribute)
                .await
                .expect("attribute")
                .unwrap_or_default(),
        );
    }
    values
}

/// Resizes the window to the page's full height (at most `most` pixels),
/// screenshots it, and puts the window back.
async fn full_page_screenshot(client: &Client, path: &Path, most: u32) {
    let height = script(client, "return document.documentElement.scrollHeight;")
        .await
        .as_u64()
        .expect("a height")
        .min(u64::from(most)) as u32;
    client
        .set_window_size(1400, height + 140)
        .await
        .expect("resize");
    tokio::time::sleep(Duration::from_millis(400)).await;
    let png = client.screenshot().await.expect("screenshot");
    std::fs::write(path, png).expect("write screenshot");
    client
        .set_window_size(1400, 1000)
        .await
        .expect("resize back");
}

#[test]
fn issue_13_html_report_in_headless_chromium() {
    let Some(tools) = browser::tools_or_skip() else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("db");
    concord(&db)
        .arg("ingest")
        .arg(manifest_path("events"))
        .arg(manifest_path("tests/fixtures/html/script-in-report.md"))
        .assert()
        .success();
    let page = dir.path().join("incidents.html");
    concord(&db)
        .args(["export", "--format", "html", "--out"])
        .arg(&page)
        .assert()
        .success();
    let incidents = cli_incidents(&db);
    assert!(incidents.len() > 20, "events/ gives many incidents");
    let ids: BTreeSet<String> = incidents
        .iter()
        .map(|incident| incident["id"].as_str().expect("id").to_string())
        .collect();
    let html = std::fs::read_to_string(&page).expect("the page");
    assert!(
        !html.contains("<script>alert(1)</script>") && !html.contains("<img src=x"),
        "report markup never reaches the file as markup"
    );

    // A port the page must never reach: the test listens on it.
    let trap = TcpListener::bind("127.0.0.1:0").expect("trap listener");
    trap.set_nonblocking(true).expect("nonblocking");
    let trap_port = trap.local_addr().expect("address").port();

    let driver = browser::start_driver(&tools);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let client = browser::session(&driver, 1400, 1000).await;
        let outcome = check_page(&client, &page, &incidents, &ids, trap_port).await;
        let _ = client.close().await;
        outcome
    });
    assert!(
        trap.accept().is_err(),
        "the page opened a connection to a local port"
    );
}

async fn check_page(
    client: &Client,
    page: &Path,
    incidents: &[Value],
    ids: &BTreeSet<String>,
    trap_port: u16,
) {
    client
        .goto(&browser::file_url(page))
        .await
        .expect("open the page");
    assert!(
        browser::wait_until(
            client,
            "document.body.getAttribute('data-ready') === 'true'",
            WAIT
        )
        .await,
        "the page's script ran"
    );

    // The map: one marker per incident, each at the incident's coordinates
    // (a country-wide incident at its country's middle).
    let markers = attributes(client, "#map-canvas path.incident-marker", "data-incident").await;
    assert_eq!(markers.len(), incidents.len(), "one marker per incident");
    assert_eq!(markers.iter().cloned().collect::<BTreeSet<_>>(), *ids);
    let latitudes = attributes(client, "#map-canvas path.incident-marker", "data-lat").await;
    let longitudes = attributes(client, "#map-canvas path.incident-marker", "data-lon").await;
    for ((id, lat), lon) in markers.iter().zip(&latitudes).zip(&longitudes) {
        let incident = incidents
            .iter()
            .find(|incident| incident["id"] == id.as_str())
            .expect("a marker's incident");
        let (lat, lon): (f64, f64) = (lat.parse().expect("lat"), lon.parse().expect("lon"));
        assert!(lat.abs() <= 90.0 && lon.abs() <= 180.0 && (lat, lon) != (0.0, 0.0));
        if incident["place"]["level"] != "country" {
            assert_eq!(lat, incident["place"]["lat"].as_f64().expect("lat"), "{id}");
            assert_eq!(lon, incident["place"]["lon"].as_f64().expect("lon"), "{id}");
        }
    }
    let borders = script(
        client,
        "return document.querySelectorAll('#map-canvas path:not(.incident-marker)').length;",
    )
    .await;
    assert!(
        borders.as_u64().expect("a count") > 100,
        "country borders are drawn"
    );
    assert!(
        script(
            client,
            "return Number(document.getElementById('timeline-chart').getAttribute('data-bars'));"
        )
        .await
        .as_u64()
        .expect("bars")
            > 0,
        "the timeline has range bars"
    );

    // The table: one row per incident.
    let rows = attributes(client, "#incident-table tbody tr", "data-incident").await;
    assert_eq!(rows.len(), incidents.len(), "one row per incident");
    assert_eq!(rows.iter().cloned().collect::<BTreeSet<_>>(), *ids);

    full_page_screenshot(client, &screenshot_dir().join("html-report-full.png"), 7000).await;
    // The README's picture: overview, map, timeline and the table's start.
    full_page_screenshot(client, &screenshot_dir().join("html-report.png"), 2150).await;

    // The table starts in date order; the date header reverses it, and
    // again restores it. The search narrows it.
    let dates: Vec<String> = incidents
        .iter()
        .map(|incident| incident["date"].as_str().expect("date").to_string())
        .collect();
    let (earliest, latest) = (
        dates.iter().min().expect("a date"),
        dates.iter().max().expect("a date"),
    );
    for expected_first in [latest, earliest] {
        click(client, "th button[data-sort='date']").await;
        let first_date = script(
            client,
            "return document.querySelector('#incident-table tbody tr td').textContent;",
        )
        .await;
        assert_eq!(first_date.as_str(), Some(expected_first.as_str()));
    }
    search_box(client)
        .await
        .send_keys("Bishkek")
        .await
        .expect("type");
    let bishkek = incidents
        .iter()
        .filter(|incident| incident["place"]["name"] == "Bishkek")
        .count();
    assert!(bishkek > 0);
    assert_eq!(
        attributes(client, "#incident-table tbody tr", "data-incident")
            .await
            .len(),
        bishkek
    );
    search_box(client).await.clear().await.expect("clear");
    script(
        client,
        "document.getElementById('filter-text').dispatchEvent(new Event('input')); return 0;",
    )
    .await;

    // Clicking a row opens the incident page: the incident with the most
    // claims, so that several bounds and sentences are checked.
    let claims_of = |incident: &Value| -> usize {
        incident["figures"]
            .as_object()
            .map(|figures| {
                figures
                    .values()
                    .map(|metric| metric["claims"].as_array().map_or(0, Vec::len))
                    .sum()
            })
            .unwrap_or(0)
    };
    let chosen = incidents
        .iter()
        .max_by_key(|incident| claims_of(incident))
        .expect("an incident");
    let chosen_id = chosen["id"].as_str().expect("id");
    click(
        client,
        &format!("#incident-table tbody tr[data-incident='{chosen_id}']"),
    )
    .await;
    assert!(
        browser::wait_until(
            client,
            "document.querySelector('article.incident-page[data-sentences=\"ready\"]') !== null",
            WAIT
        )
        .await,
        "the incident page shows its sentences"
    );
    let url = client.current_url().await.expect("url");
    assert_eq!(
        url.fragment(),
        Some(format!("incident/{chosen_id}").as_str())
    );
    check_incident_page(client, chosen).await;
    std::fs::write(
        screenshot_dir().join("html-report-incident.png"),
        client.screenshot().await.expect("screenshot"),
    )
    .expect("write screenshot");

    // The back button returns to the table.
    client.back().await.expect("back");
    assert!(
        browser::wait_until(
            client,
            "!document.getElementById('home').hidden && document.getElementById('detail').hidden",
            WAIT
        )
        .await,
        "back shows the overview again"
    );

    // The hostile report: its markup shows as text, and none of it runs.
    client
        .goto(&format!(
            "{}#report/{HOSTILE_REPORT}",
            browser::file_url(page)
        ))
        .await
        .expect("open the report page");
    assert!(
        browser::wait_until(
            client,
            "document.querySelector('article.report-page[data-text=\"ready\"]') !== null",
            WAIT
        )
        .await,
        "the report page shows its text"
    );
    let shown = script(
        client,
        "return document.getElementById('report-text').textContent;",
    )
    .await;
    let shown = shown.as_str().expect("text");
    assert!(shown.contains("<script>alert(1)</script>"), "{shown}");
    assert!(shown.contains("<img src=x onerror=window.__concordPwned=2>"));
    let title = script(
        client,
        "return document.querySelector('article h1').textContent;",
    )
    .await;
    assert!(
        title
            .as_str()
            .expect("title")
            .contains("</script><script>window.__concordPwned = 1;</script>")
    );
    let marks = script(
        client,
        "return Array.from(document.querySelectorAll('#report-text mark.figure')).map(m => m.textContent);",
    )
    .await;
    assert!(
        marks
            .as_array()
            .expect("marks")
            .iter()
            .any(|mark| mark == "About 40"),
        "the report's figures are highlighted: {marks}"
    );
    let address = script(
        client,
        "return Array.from(document.querySelectorAll('article a')).filter(a => a.getAttribute('href').startsWith('javascript')).length;",
    )
    .await;
    assert_eq!(address.as_u64(), Some(0), "a javascript: URL is not a link");
    assert!(client.get_alert_text().await.is_err(), "no alert is open");
    let sentinel = script(client, "return typeof window.__concordPwned;").await;
    assert_eq!(
        sentinel.as_str(),
        Some("undefined"),
        "no injected script ran"
    );
    let scripts = script(client, "return document.scripts.length;").await;
    assert_eq!(
        scripts.as_u64(),
        Some(10),
        "only the page's own script elements (6 data, 4 code)"
    );

    // No request leaves the page: nothing was loaded, and a fetch or an
    // image aimed at the trap port is refused by the policy.
    let resources = script(
        client,
        "return performance.getEntriesByType('resource').map(e => e.name);",
    )
    .await;
    assert_eq!(resources, serde_json::json!([]), "the page loaded nothing");
    let attempt = client
        .execute_async(
            &format!(
                "const done = arguments[arguments.length - 1];
                 const violations = [];
                 document.addEventListener('securitypolicyviolation', e => violations.push(e.violatedDirective));
                 const image = new Image();
                 image.src = 'http://127.0.0.1:{trap_port}/pixel.png';
                 fetch('http://127.0.0.1:{trap_port}/data.json')
                   .then(() => 'fetched', error => 'refused: ' + error.name)
                   .then(result => setTimeout(() => done([result, violations]), 300));"
            ),
            vec![],
        )
        .await
        .expect("the attempt ran");
    assert_eq!(attempt[0].as_str(), Some("refused: TypeError"), "{attempt}");
    let violated: Vec<&str> = attempt[1]
        .as_array()
        .expect("violations")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(violated.contains(&"connect-src"), "{violated:?}");
    assert!(violated.contains(&"img-src"), "{violated:?}");
}

/// The incident page of `incident` shows each metric's range, each
/// bound's quote, and each claim's sentence with its number marked.
async fn check_incident_page(client: &Client, incident: &Value) {
    let figures = incident["figures"].as_object().expect("figures");
    assert!(!figures.is_empty());
    for (metric, figures) in figures {
        let section = format!("article.incident-page section[data-metric='{metric}']");
        let range = script(
            client,
            &format!("return document.querySelector(\"{section} .range\").textContent;"),
        )
        .await;
        assert_eq!(range.as_str(), Some(range_of(figures).as_str()), "{metric}");
        let quotes = script(
            client,
            &format!(
                "return Array.from(document.querySelectorAll(\"{section} .bound-quote\")).map(q => q.textContent);"
            ),
        )
        .await;
        let claims = figures["claims"].as_array().expect("claims");
        let quote_of = |role: &str| {
            let index = figures[role]["claim"].as_u64().expect("claim index") as usize;
            claims[index]["quote"].as_str().expect("quote").to_string()
        };
        assert_eq!(
            quotes,
            serde_json::json!([quote_of("min_claim"), quote_of("max_claim")]),
            "{metric}"
        );
        let sentences = script(
            client,
            &format!(
                "return Array.from(document.querySelectorAll(\"{section} blockquote.sentence\")).map(b => [b.textContent, (b.querySelector('mark') || {{}}).textContent || null]);"
            ),
        )
        .await;
        let sentences = sentences.as_array().expect("sentences");
        assert_eq!(
            sentences.len(),
            claims.len(),
            "{metric}: one sentence per claim"
        );
        for (claim, shown) in claims.iter().zip(sentences) {
            let quote = claim["quote"].as_str().expect("quote");
            assert_eq!(
                shown[1].as_str(),
                Some(quote),
                "{metric}: the number is marked"
            );
            if let Some(sentence) = claim["sentence"].as_str().filter(|s| !s.is_empty()) {
                assert_eq!(
                    one_line(shown[0].as_str().expect("text")),
                    one_line(sentence),
                    "{metric}: the claim's sentence"
                );
            }
        }
    }
}
