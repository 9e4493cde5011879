//! Issue 14, parts 1, 2 and the web half of 5: saved web pages and RSS/Atom
//! feeds as inputs, and what happens with bad ones.
//!
//! The fixtures in tests/fixtures/issue_14/ are written for these tests (an
//! invented dock strike in Valletta; no real site's text):
//!
//! - `harbour_strike.html`: a news page with a site menu, a date strip in
//!   the header, a banner ad, the article, related links, reader comments
//!   and a footer. Only the article may come out, with the page's title,
//!   canonical url, date and outlet, and every figure's span must index the
//!   number's bytes in the page as stored.
//! - `port_news.rss`, `port_news.atom`: two items each, with HTML content,
//!   summaries, guids or ids, and dates given in a local offset.

mod common;

use std::path::{Path, PathBuf};

use common::{concord, stdout_of, write};
use concord::extract::extract_report;
use concord::extract::model::Metric;
use concord::input::{ClosureSink, InputDefaults, InputError, InputWarning, read_named_bytes};
use concord::report::Report;
use proptest::prelude::*;
use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/issue_14")
        .join(name)
}

fn fixture_bytes(name: &str) -> Vec<u8> {
    std::fs::read(fixture(name)).expect("fixture exists")
}

/// Reads `bytes` as the file `name` through the same code as ingest.
fn read(name: &str, bytes: &[u8]) -> (Vec<Result<Report, InputError>>, Vec<InputWarning>) {
    let mut reports = Vec::new();
    let mut warnings = Vec::new();
    read_named_bytes(
        name,
        bytes,
        &InputDefaults::default(),
        &mut ClosureSink {
            on_report: |r| reports.push(r),
            on_warning: |w| warnings.push(w),
        },
    );
    (reports, warnings)
}

fn read_ok(name: &str, bytes: &[u8]) -> Vec<Report> {
    let (reports, warnings) = read(name, bytes);
    assert!(warnings.is_empty(), "no warnings for {name}: {warnings:?}");
    reports
        .into_iter()
        .map(|r| r.unwrap_or_else(|e| panic!("{name} reads: {e}")))
        .collect()
}

fn date(text: &str) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

// ---------------------------------------------------------------------
// Web pages.
// ---------------------------------------------------------------------

#[test]
fn a_saved_page_yields_only_its_article_with_its_title_date_url_and_outlet() {
    let page = fixture_bytes("harbour_strike.html");
    let reports = read_ok("harbour_strike.html", &page);
    assert_eq!(reports.len(), 1);
    let report = &reports[0];

    assert_eq!(
        report.text.as_bytes(),
        page,
        "the page is stored byte for byte"
    );
    assert_eq!(report.id, "harbour_strike.html");
    assert_eq!(
        report.title.as_deref(),
        Some("Dockworkers march on port authority in Valletta")
    );
    assert_eq!(
        report.url.as_deref(),
        Some("https://harbour-ledger.example/news/2023/03/dockworkers-march-valletta"),
        "the canonical link wins over og:url"
    );
    assert_eq!(report.outlet.as_deref(), Some("The Harbour Ledger"));
    assert_eq!(
        report.published,
        date("2023-03-14"),
        "article:published_time, not the header's date strip (15 March)"
    );
    assert_eq!(report.language.as_deref(), Some("en"));

    let readable = report.readable.as_ref().expect("a page has readable text");
    let text = &readable.text;
    for article_sentence in [
        "VALLETTA, Malta — About 400 dockworkers marched on the port authority headquarters in Valletta on Tuesday,",
        "Police said 12 people were detained after a scuffle at the gates of the authority’s building.",
        "“We will come back every week until the plan is withdrawn,” union secretary Joseph Borg",
        "no decision on the night shifts had been taken yet.",
    ] {
        assert!(
            text.contains(article_sentence),
            "{article_sentence:?} in {text:?}"
        );
    }
    for around_the_article in [
        "Subscribe",
        "Weather",
        "Ferry tickets",
        "Advertisement",
        "Related stories",
        "Cruise season",
        "harbourfan",
        "Fake news",
        "90 minutes",
        "All rights reserved",
        "Privacy",
        "adSlots",
        "display: block",
        "<",
        "&mdash;",
    ] {
        assert!(
            !text.contains(around_the_article),
            "{around_the_article:?} is not article text: {text:?}"
        );
    }
    // Paragraphs stay paragraphs; hard-wrapped lines inside one are joined.
    assert_eq!(text.matches("\n\n").count(), 4, "{text:?}");
}

#[test]
fn every_piece_of_the_readable_text_maps_into_the_page() {
    let page = fixture_bytes("harbour_strike.html");
    let report = read_ok("harbour_strike.html", &page).remove(0);
    let readable = report.readable.expect("readable text");
    // Every word of the readable text is the same bytes in the page, apart
    // from the characters written as entities.
    let mut at = 0;
    for word in readable.text.split_whitespace() {
        let start = at + readable.text[at..].find(word).unwrap();
        let end = start + word.len();
        at = end;
        let [a, b] = readable.original_span(start, end).expect("maps");
        let original = &report.text[a..b];
        if !original.contains('&') {
            assert_eq!(original, word);
        }
        assert_eq!(readable.readable_span(a, b), Some([start, end]), "{word}");
    }
}

/// The figures of `concord extract --json` on the page, by metric.
fn extracted_figures(page: &Path) -> Vec<Value> {
    let dir = tempfile::tempdir().unwrap();
    let json = stdout_of(
        concord(&dir.path().join("db"))
            .args(["extract", "--json"])
            .arg(page),
    );
    let extraction: Value = serde_json::from_str(json.trim()).expect("one JSON object");
    extraction["figures"].as_array().expect("figures").clone()
}

fn span_of(value: &Value) -> (usize, usize) {
    (
        value[0].as_u64().expect("start") as usize,
        value[1].as_u64().expect("end") as usize,
    )
}

#[test]
fn a_figures_span_is_the_bytes_of_the_number_in_the_stored_page() {
    let path = fixture("harbour_strike.html");
    let page = String::from_utf8(fixture_bytes("harbour_strike.html")).unwrap();
    let figures = extracted_figures(&path);
    let find = |metric: &str| {
        figures
            .iter()
            .find(|f| f["metric"] == metric)
            .unwrap_or_else(|| panic!("a {metric} figure in {figures:?}"))
    };

    let participants = find("participants");
    assert_eq!(participants["value"], 400);
    assert_eq!(participants["quote"], "About 400");
    let (start, end) = span_of(&participants["span"]);
    assert_eq!(&page[start..end], "About 400", "the span indexes the page");
    // The sentence is printed as a reader reads it; its span covers the
    // paragraph's bytes in the page, entity and line breaks included.
    let sentence = participants["sentence"].as_str().unwrap();
    assert!(
        sentence.starts_with("VALLETTA, Malta — About 400"),
        "{sentence}"
    );
    assert!(!sentence.contains('\n') && !sentence.contains('<'));
    let (sentence_start, sentence_end) = span_of(&participants["sentence_span"]);
    let in_page = &page[sentence_start..sentence_end];
    assert!(
        in_page.starts_with("VALLETTA, Malta &mdash; About 400"),
        "{in_page}"
    );
    assert!(
        in_page.ends_with("Grand Harbour container terminal."),
        "{in_page}"
    );

    let detained = find("detained");
    assert_eq!(detained["value"], 12);
    let (start, end) = span_of(&detained["span"]);
    assert_eq!(&page[start..end], "12");
    assert_eq!(
        &page[start - "Police said ".len()..end],
        "Police said 12",
        "the number inside the page, not elsewhere"
    );

    // Nothing from the ad, the related links or the comments.
    for figure in &figures {
        let value = figure["value"].as_u64();
        assert!(
            !matches!(value, Some(19 | 3 | 1 | 900 | 500 | 90 | 5)),
            "a figure from around the article: {figure}"
        );
    }
}

#[test]
fn the_library_extraction_maps_spans_the_same_way() {
    let page = fixture_bytes("harbour_strike.html");
    let report = read_ok("harbour_strike.html", &page).remove(0);
    let extraction = extract_report(&report);
    let injured = extraction
        .figures
        .iter()
        .find(|f| f.metric == Metric::Injured)
        .expect("the two injured officers");
    assert_eq!(injured.value, Some(2));
    assert_eq!(&report.text[injured.span[0]..injured.span[1]], "Two");
    assert_eq!(injured.quote, "Two");
    let main = extraction.main.date.as_ref().expect("a main date");
    assert_eq!(&report.text[main.span[0]..main.span[1]], "Tuesday");
    assert_eq!(main.date, date("2023-03-14"));
    for place in &extraction.places {
        assert_eq!(&report.text[place.span[0]..place.span[1]], place.text);
    }
}

/// Ingests `paths` into a fresh database and returns it (kept alive by the
/// returned directory).
fn ingested(paths: &[PathBuf]) -> (tempfile::TempDir, PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let output = concord(&db).arg("ingest").args(paths).output().unwrap();
    assert!(output.status.success(), "{output:?}");
    (
        dir,
        db,
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

#[test]
fn audit_prints_the_readable_sentence_with_offsets_into_the_page() {
    let page = String::from_utf8(fixture_bytes("harbour_strike.html")).unwrap();
    let (_dir, db, _) = ingested(&[fixture("harbour_strike.html")]);
    let incidents = stdout_of(concord(&db).args(["incidents", "--json"]));
    let incident: Value = serde_json::from_str(incidents.lines().next().expect("an incident"))
        .expect("JSON incident");
    let id = incident["id"].as_str().expect("an id").to_string();

    let audit: Value =
        serde_json::from_str(&stdout_of(concord(&db).args(["audit", &id, "--json"]))).unwrap();
    let claims: Vec<&Value> = audit["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|m| m["claims"].as_array().unwrap())
        .collect();
    assert!(claims.len() >= 3, "{audit}");
    for claim in &claims {
        let (start, end) = span_of(&claim["span"]);
        assert_eq!(
            &page[start..end],
            claim["quote"].as_str().unwrap(),
            "{claim}"
        );
        let marked = claim["marked_sentence"].as_str().unwrap();
        assert!(
            !marked.contains('<') && !marked.contains("&rsquo;"),
            "{marked}"
        );
    }
    let detained = claims
        .iter()
        .find(|c| c["quote"] == "12")
        .expect("the detained claim");
    assert_eq!(
        detained["marked_sentence"],
        "Police said «12» people were detained after a scuffle at the gates of the authority’s building."
    );

    let text = stdout_of(concord(&db).args(["audit", &id]));
    assert!(
        text.contains("VALLETTA, Malta — «About 400» dockworkers marched"),
        "{text}"
    );
}

#[test]
fn the_page_is_stored_byte_for_byte_and_the_same_article_is_not_stored_twice() {
    let page = fixture_bytes("harbour_strike.html");
    let (dir, db, _) = ingested(&[fixture("harbour_strike.html")]);
    let log = stdout_of(concord(&db).args(["log", "--json"]));
    let event: Value = serde_json::from_str(log.lines().next().unwrap()).unwrap();
    let stored = &event["payload"]["report"];
    assert_eq!(stored["text"].as_str().unwrap().as_bytes(), page);
    assert!(
        stored["readable"]["text"]
            .as_str()
            .unwrap()
            .contains("About 400")
    );
    assert!(
        concord(&db)
            .arg("verify")
            .output()
            .unwrap()
            .status
            .success()
    );

    // The same article saved again with other ads around it is the same
    // report: duplicates are judged on what the page says.
    let resaved = String::from_utf8(page)
        .unwrap()
        .replace(
            "Ferry tickets from 19 euros!",
            "Ferry tickets from 17 euros!",
        )
        .replace("anon: Fake news.", "anon: I was there.");
    let copy = write(dir.path(), "resaved/harbour_strike_again.htm", resaved);
    let output = concord(&db).arg("ingest").arg(&copy).output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("0 new, 1 duplicate"), "{stdout}");
}

#[test]
fn a_json_report_may_give_its_page_as_html() {
    let page = String::from_utf8(fixture_bytes("harbour_strike.html")).unwrap();
    let json = serde_json::json!({
        "id": "ledger-42",
        "outlet": "Ledger (print edition)",
        "html": page,
    });
    let reports = read_ok("scraped.json", json.to_string().as_bytes());
    let report = &reports[0];
    assert_eq!(report.id, "ledger-42");
    assert_eq!(report.text, page);
    assert_eq!(
        report.outlet.as_deref(),
        Some("Ledger (print edition)"),
        "what the JSON says wins over the page"
    );
    assert_eq!(
        report.published,
        date("2023-03-14"),
        "the rest from the page"
    );
    assert!(report.readable.as_ref().unwrap().text.contains("About 400"));

    let both = serde_json::json!({"html": "<p>a</p>", "text": "a"});
    let (results, _) = read("both.json", both.to_string().as_bytes());
    let error = results.into_iter().next().unwrap().expect_err("refused");
    assert!(
        error
            .to_string()
            .contains("`html` cannot be given together with `text`"),
        "{error}"
    );
}

// ---------------------------------------------------------------------
// Feeds.
// ---------------------------------------------------------------------

#[test]
fn an_rss_feed_yields_one_report_per_item_with_its_link_title_and_date() {
    let reports = read_ok("port_news.rss", &fixture_bytes("port_news.rss"));
    assert_eq!(reports.len(), 2);

    let march = &reports[0];
    assert_eq!(march.id, "island-wire-20230314-0042", "the guid");
    assert_eq!(march.outlet.as_deref(), Some("Island Wire"));
    assert_eq!(
        march.title.as_deref(),
        Some("Hundreds of dockworkers march in Valletta")
    );
    assert_eq!(
        march.url.as_deref(),
        Some("https://island-wire.example/2023/03/14/dockworkers-valletta")
    );
    assert_eq!(
        march.published,
        date("2023-03-14"),
        "23:30 +0100 is the 14th where it was written"
    );
    // The stored original is the item's HTML as the feed gives it; the
    // readable text is its words.
    assert!(march.text.starts_with("<p>VALLETTA &mdash; More than 300"));
    let readable = march.readable.as_ref().unwrap();
    assert_eq!(
        readable.text,
        "VALLETTA — More than 300 dockworkers marched to the port authority in Valletta on Tuesday. Police said 11 people were detained.\n"
    );
    let extraction = extract_report(march);
    let detained = extraction
        .figures
        .iter()
        .find(|f| f.metric == Metric::Detained)
        .expect("11 detained");
    assert_eq!(&march.text[detained.span[0]..detained.span[1]], "11");

    let boats = &reports[1];
    assert_eq!(
        boats.id, "https://island-wire.example/2023/03/02/fishermen-marsaxlokk",
        "no guid: the link"
    );
    assert_eq!(boats.published, date("2023-03-02"));
    assert!(
        boats
            .readable
            .as_ref()
            .unwrap()
            .text
            .starts_with("MARSAXLOKK, Malta – About 60 fishing boats blocked the harbour mouth"),
        "content:encoded, the full content, is read: {:?}",
        boats.readable
    );
}

#[test]
fn an_atom_feed_yields_one_report_per_item_with_its_link_title_and_date() {
    let reports = read_ok("port_news.atom", &fixture_bytes("port_news.atom"));
    assert_eq!(reports.len(), 2);

    let protest = &reports[0];
    assert_eq!(protest.id, "urn:example:med-desk:2023-0314-valletta");
    assert_eq!(protest.outlet.as_deref(), Some("Mediterranean Desk"));
    assert_eq!(
        protest.title.as_deref(),
        Some("Valletta dock protest ends in detentions")
    );
    assert_eq!(
        protest.url.as_deref(),
        Some("https://med-desk.example/valletta-dock-protest")
    );
    assert_eq!(
        protest.published,
        date("2023-03-14"),
        "published, not updated (the 15th)"
    );
    assert!(
        protest
            .readable
            .as_ref()
            .unwrap()
            .text
            .contains("Around 400 port workers protested")
    );

    let rally = &reports[1];
    assert_eq!(
        rally.published,
        date("2023-03-10"),
        "updated, with no published"
    );
    assert_eq!(
        rally.url.as_deref(),
        Some("https://med-desk.example/gozo-taxi-rally")
    );
    assert_eq!(rally.title.as_deref(), Some("Taxi drivers rally in Gozo"));
}

#[test]
fn reading_a_feed_again_stores_nothing_new_and_its_items_join_the_page() {
    let paths = [
        fixture("harbour_strike.html"),
        fixture("port_news.rss"),
        fixture("port_news.atom"),
    ];
    let (_dir, db, stdout) = ingested(&paths);
    assert!(stdout.contains("ingest: 5 new, 0 duplicate"), "{stdout}");
    let again = stdout_of(concord(&db).arg("ingest").args(&paths[1..]));
    assert!(again.contains("ingest: 0 new, 4 duplicate"), "{again}");

    // The page, the RSS item and the Atom entry about the Valletta march
    // are one incident; the other two items are their own.
    let incidents: Vec<Value> = stdout_of(concord(&db).args(["incidents", "--json"]))
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let sizes: Vec<usize> = incidents
        .iter()
        .map(|i| i["reports"].as_array().map_or(0, Vec::len))
        .collect();
    let mut sorted = sizes.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, [1, 1, 3], "{incidents:?}");
}

#[test]
fn an_xml_file_is_read_as_a_feed_only_when_it_is_one() {
    let reports = read_ok("news.xml", &fixture_bytes("port_news.atom"));
    assert_eq!(reports.len(), 2);

    let (results, _) = read(
        "sitemap.xml",
        b"<?xml version=\"1.0\"?>\n<urlset><url/></urlset>",
    );
    let error = results.into_iter().next().unwrap().expect_err("not a feed");
    let message = error.to_string();
    assert!(
        message.starts_with("sitemap.xml: ") && message.contains("root element is `urlset`"),
        "{message}"
    );
}

// ---------------------------------------------------------------------
// Bad input.
// ---------------------------------------------------------------------

#[test]
fn a_page_without_article_text_is_stored_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let empty_page = write(
        dir.path(),
        "gallery.html",
        "<html><head><title>Photos</title><script>var a = 1;</script></head>\
         <body><nav><a href='/'>Home</a></nav><img src='a.jpg'><img src='b.jpg'></body></html>",
    );
    let db = dir.path().join("db");
    let output = concord(&db)
        .arg("ingest")
        .arg(&empty_page)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(0),
        "a warning, not a rejection: {stderr}"
    );
    assert!(stdout.contains("1 new"), "{stdout}");
    assert!(
        stderr.contains("concord: warning: ")
            && stderr.contains("gallery.html: no article text found in the page"),
        "{stderr}"
    );
    // Extraction reads nothing from it, and says nothing false.
    let extract = concord(&db)
        .args(["extract", "--json"])
        .arg(&empty_page)
        .output()
        .unwrap();
    let extraction: Value = serde_json::from_slice(&extract.stdout).unwrap();
    assert_eq!(extraction["figures"], serde_json::json!([]));

    let (results, warnings) = read("blank.html", b"<html><body>   </body></html>");
    assert!(results[0].is_ok());
    assert_eq!(warnings.len(), 1);
    assert!(
        warnings[0].to_string().contains("it has no text at all"),
        "{}",
        warnings[0]
    );
}

#[test]
fn a_malformed_feed_is_named_and_the_rest_of_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let broken = write(
        dir.path(),
        "broken.rss",
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>X</title><item><title>a</item></channel>",
    );
    let no_items = write(
        dir.path(),
        "quiet.atom",
        "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Quiet</title></feed>",
    );
    let db = dir.path().join("db");
    let output = concord(&db)
        .arg("ingest")
        .arg(&broken)
        .arg(&no_items)
        .arg(fixture("port_news.rss"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("concord: rejected ")
            && stderr.contains("broken.rss: is not an RSS or Atom feed: "),
        "{stderr}"
    );
    assert!(
        stderr.contains("quiet.atom: is a feed with no items"),
        "{stderr}"
    );
    assert!(
        stdout.contains("2 new"),
        "the good feed is stored: {stdout}"
    );
}

#[test]
fn a_page_in_another_encoding_is_refused_naming_its_charset() {
    let latin1 = b"<html><head><meta charset=\"windows-1252\"></head><body><p>Caf\xe9 owners marched.</p></body></html>";
    let (results, _) = read("old.html", latin1);
    let message = results
        .into_iter()
        .next()
        .unwrap()
        .expect_err("refused")
        .to_string();
    assert!(
        message.starts_with("old.html: is a web page in windows-1252")
            && message.contains("iconv -f windows-1252 -t utf-8"),
        "{message}"
    );

    let undeclared = b"<p>Caf\xe9</p>";
    let (results, _) = read("odd.htm", undeclared);
    let message = results
        .into_iter()
        .next()
        .unwrap()
        .expect_err("refused")
        .to_string();
    assert!(
        message.contains("is not valid UTF-8 (first bad byte at byte 6)"),
        "{message}"
    );

    // A declared charset that the bytes happen to satisfy (ASCII) is fine.
    let ascii = b"<meta charset=iso-8859-1><p>About 40 people rallied in Valletta on Monday.</p>";
    let (results, _) = read("ascii.html", ascii);
    assert!(results[0].is_ok());
}

// ---------------------------------------------------------------------
// Nothing panics, whatever the bytes.
// ---------------------------------------------------------------------

/// Reads `bytes` as `name`, checks what holds of every outcome, and
/// extracts every report read (extraction must not panic either).
fn check_any_input(name: &str, bytes: &[u8]) {
    let (results, warnings) = read(name, bytes);
    assert!(!results.is_empty(), "every input gives an outcome");
    for warning in &warnings {
        assert_eq!(warning.location.path, name);
        assert!(
            !warning.to_string().contains("panicked"),
            "the readability library panicked on {bytes:?}"
        );
    }
    for result in results {
        match result {
            Err(error) => assert_eq!(error.location.path, name),
            Ok(report) => {
                if name.ends_with(".html") {
                    assert_eq!(report.text.as_bytes(), bytes, "stored byte for byte");
                }
                if let Some(readable) = &report.readable {
                    for segment in &readable.map {
                        assert!(segment[1] <= segment[2] && segment[2] <= report.text.len());
                        assert!(report.text.is_char_boundary(segment[1]));
                        assert!(report.text.is_char_boundary(segment[2]));
                    }
                }
                let extraction = extract_report(&report);
                for figure in &extraction.figures {
                    assert!(report.text.get(figure.span[0]..figure.span[1]).is_some());
                }
            }
        }
    }
}

/// Pieces HTML and feeds are made of, for inputs that get past the first
/// character.
fn markup_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("<p>".to_string()),
        Just("</p>".to_string()),
        Just("<div class=\"story\">".to_string()),
        Just("</div>".to_string()),
        Just("<article>".to_string()),
        Just("<script>".to_string()),
        Just("</script>".to_string()),
        Just("<!--".to_string()),
        Just("-->".to_string()),
        Just("<meta property=\"article:published_time\" content=\"".to_string()),
        Just("<time datetime='".to_string()),
        Just("\">".to_string()),
        Just("&amp;".to_string()),
        Just("&#x1F600;".to_string()),
        Just("&#0;".to_string()),
        Just("&".to_string()),
        Just("<".to_string()),
        Just("\u{FDD0}\u{E000}\u{E001}".to_string()),
        Just("<rss version=\"2.0\"><channel><title>T</title><item>".to_string()),
        Just("<description>".to_string()),
        Just("</description></item></channel></rss>".to_string()),
        Just("<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><id>x</id>".to_string()),
        Just("<![CDATA[".to_string()),
        Just("]]>".to_string()),
        Just("About 300 people marched in Valletta on Tuesday, police said. ".to_string()),
        "[ -~\\n]{0,40}",
        "\\PC{0,10}",
    ]
}

proptest! {
    // 96 cases each by default (every page case starts a readability
    // thread); `PROPTEST_CASES` for a long run.
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(96)
    ))]

    #[test]
    fn arbitrary_bytes_never_panic_the_page_and_feed_readers(
        bytes in proptest::collection::vec(any::<u8>(), 0..600),
        extension in prop_oneof![Just("html"), Just("htm"), Just("rss"), Just("atom"), Just("xml")],
    ) {
        check_any_input(&format!("input.{extension}"), &bytes);
    }

    #[test]
    fn markup_soup_never_panics_the_page_and_feed_readers(
        pieces in proptest::collection::vec(markup_piece(), 0..60),
        extension in prop_oneof![Just("html"), Just("rss"), Just("atom"), Just("xml")],
    ) {
        check_any_input(&format!("soup.{extension}"), pieces.concat().as_bytes());
    }

    #[test]
    fn markup_soup_in_a_json_html_field_never_panics(
        pieces in proptest::collection::vec(markup_piece(), 1..40),
    ) {
        let json = serde_json::json!({"html": pieces.concat()});
        check_any_input("page.json", json.to_string().as_bytes());
    }
}

#[test]
fn a_page_nested_too_deep_for_readability_is_stored_with_a_warning() {
    let deep = format!(
        "<html><body>{}<p>About 40 people rallied.</p>{}</body></html>",
        "<div>".repeat(5_000),
        "</div>".repeat(5_000)
    );
    let (results, warnings) = read("deep.html", deep.as_bytes());
    assert!(results[0].is_ok());
    assert!(
        warnings[0]
            .to_string()
            .contains("nests elements 5002 levels deep"),
        "{}",
        warnings[0]
    );
}

#[test]
fn without_date_tags_the_time_inside_the_article_is_the_date_not_the_headers() {
    let page = "<html><body><header><p>Today is <time datetime=\"2023-06-30\">Friday</time></p>\
                <nav><a href='/'>Home</a> <a href='/news'>News</a></nav></header>\
                <article><h1>Bus drivers strike in Sliema</h1>\
                <p>Filed <time datetime=\"2023-06-12T18:00:00+02:00\">12 June</time>. About 150 bus drivers \
                stopped work in Sliema on Monday over unpaid overtime, their union said in a statement.</p>\
                <p>Services across the north of the island were cut for most of the day, the operator said, \
                and it expected buses to run normally on Tuesday morning.</p></article></body></html>";
    let reports = read_ok("sliema.html", page.as_bytes());
    assert_eq!(reports[0].published, date("2023-06-12"));
    assert!(
        !reports[0]
            .readable
            .as_ref()
            .unwrap()
            .text
            .contains("Today is")
    );
}

// ---------------------------------------------------------------------
// Feed item dates concord cannot read.
// ---------------------------------------------------------------------

/// A feed of a transport strike in Gdańsk (invented), one item per way an
/// item's date can be given.
const FEED_WITH_AWKWARD_DATES: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>Baltic Morning Post</title>
    <link>https://baltic-morning.example/</link>
    <description>Regional news</description>
    <pubDate>sometime this week</pubDate>
    <item>
      <title>Tram drivers walk out in Gdańsk</title>
      <link>https://baltic-morning.example/2016/11/tram-drivers</link>
      <guid isPermaLink="false">bmp-7731</guid>
      <pubDate>
        around teatime last Thursday
      </pubDate>
      <description>About 400 tram drivers walked out in Gdańsk on Thursday.</description>
    </item>
    <item>
      <title>Bus depot picketed</title>
      <link>https://baltic-morning.example/2016/11/bus-depot</link>
      <pubDate>Wed Nov 23, 2016 | 4:58pm EST</pubDate>
      <description>Some 50 drivers picketed the Oliwa bus depot on Wednesday.</description>
    </item>
    <item>
      <title>Talks resume</title>
      <link>https://baltic-morning.example/2016/11/talks</link>
      <pubDate>the day after the strike</pubDate>
      <atom:updated>2016-11-25T08:00:00+01:00</atom:updated>
      <description>Talks between the drivers' union and the city resumed on Friday.</description>
    </item>
    <item>
      <title>Ferry crews join</title>
      <link>https://baltic-morning.example/2016/11/ferries</link>
      <pubDate>11/26/2016 &amp; after</pubDate>
      <description>Ferry crews joined the strike on Saturday, the union said.</description>
    </item>
    <item>
      <title>Commuters stranded</title>
      <link>https://baltic-morning.example/2016/11/commuters</link>
      <description>Thousands of commuters were stranded across the Tricity.</description>
    </item>
  </channel>
</rss>
"#;

#[test]
fn issue_14_feed_item_with_unreadable_date_is_stored_with_a_warning() {
    let (reports, warnings) = read("baltic.rss", FEED_WITH_AWKWARD_DATES.as_bytes());
    let reports: Vec<Report> = reports.into_iter().map(|r| r.unwrap()).collect();
    assert_eq!(reports.len(), 5, "every item is stored");
    let unread = |report: &Report| {
        report
            .metadata
            .get(concord::input::PUBLISHED_UNREAD_KEY)
            .and_then(Value::as_str)
            .map(str::to_string)
    };

    // Unreadable: stored undated, the value kept as the feed gives it (the
    // element's layout whitespace aside).
    let trams = &reports[0];
    assert_eq!(trams.id, "bmp-7731");
    assert_eq!(trams.published, None);
    assert_eq!(
        unread(trams).as_deref(),
        Some("around teatime last Thursday")
    );

    // A form concord's reader knows, which feed readers usually do not.
    assert_eq!(reports[1].published, date("2016-11-23"));
    assert_eq!(unread(&reports[1]), None);

    // An unreadable pubDate beside a readable update date: the item is
    // dated by the readable one, and nothing is warned about.
    assert_eq!(reports[2].published, date("2016-11-25"));
    assert_eq!(unread(&reports[2]), None);

    // A month-first numeric date is never guessed; the value is the text
    // after XML decoding.
    assert_eq!(reports[3].published, None);
    assert_eq!(unread(&reports[3]).as_deref(), Some("11/26/2016 & after"));

    // No date at all is no warning.
    assert_eq!(reports[4].published, None);
    assert_eq!(unread(&reports[4]), None);

    assert_eq!(warnings.len(), 2, "{warnings:?}");
    let first = warnings[0].to_string();
    assert_eq!(
        first,
        "baltic.rss (item 1): the item's publication date (`pubDate`, `dc:date`, `published`) is \"around teatime last Thursday\", which is not a date concord can read (docs/inputs.md lists the forms it reads); item bmp-7731 (https://baltic-morning.example/2016/11/tram-drivers) is stored without a publication date, the value kept in metadata `published_unread`"
    );
    let second = warnings[1].to_string();
    assert!(
        second.starts_with("baltic.rss (item 4): the item's publication date")
            && second.contains("\"11/26/2016 & after\"")
            && second.contains(
                "item https://baltic-morning.example/2016/11/ferries is stored without a publication date"
            ),
        "the id is the link, named once: {second}"
    );
}

#[test]
fn issue_14_feed_item_unreadable_date_survives_ingest_with_the_flag_default_not_applied() {
    let dir = tempfile::tempdir().unwrap();
    let feed = write(dir.path(), "baltic.rss", FEED_WITH_AWKWARD_DATES);
    let db = dir.path().join("db");
    let output = concord(&db)
        .arg("ingest")
        .arg(&feed)
        .args(["--published", "2016-11-30"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "a warning only: {stderr}");
    assert!(
        stderr.contains(&format!(
            "concord: warning: {} (item 1): the item's publication date",
            feed.display()
        )) && stderr.contains("\"around teatime last Thursday\""),
        "{stderr}"
    );
    let log = stdout_of(concord(&db).args(["log", "--json"]));
    let stored: Vec<Value> = log
        .lines()
        .map(|line| serde_json::from_str::<Value>(line).unwrap())
        .filter_map(|event| event["payload"]["report"].as_object().cloned())
        .map(Value::Object)
        .collect();
    assert_eq!(stored.len(), 5, "{log}");
    let trams = stored.iter().find(|r| r["id"] == "bmp-7731").unwrap();
    assert_eq!(trams["published"], Value::Null, "no default replaces it");
    assert_eq!(
        trams["metadata"]["published_unread"],
        "around teatime last Thursday"
    );
    let commuters = stored
        .iter()
        .find(|r| r["id"] == "https://baltic-morning.example/2016/11/commuters")
        .unwrap();
    assert_eq!(
        commuters["published"], "2016-11-30",
        "an undated item takes it"
    );
}

#[test]
fn issue_14_atom_entry_with_unreadable_dates_keeps_the_first_and_names_its_link() {
    let atom = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Harbour Desk</title>
  <id>urn:harbour-desk</id>
  <updated>2016-11-27T10:00:00Z</updated>
  <entry>
    <title>Crane operators strike</title>
    <id>urn:harbour-desk:5512</id>
    <link rel="alternate" href="https://harbour-desk.example/cranes"/>
    <published>Sunday morning</published>
    <updated>later on Sunday</updated>
    <summary>Crane operators at the container terminal stopped work.</summary>
  </entry>
  <entry>
    <title>Terminal reopens</title>
    <id>urn:harbour-desk:5513</id>
    <link rel="alternate" href="https://harbour-desk.example/reopens"/>
    <updated>Mon, 28 Nov 2016 09:15:00 +0100</updated>
    <summary>The container terminal reopened on Monday.</summary>
  </entry>
</feed>
"#;
    let (reports, warnings) = read("harbour.atom", atom.as_bytes());
    let reports: Vec<Report> = reports.into_iter().map(|r| r.unwrap()).collect();
    assert_eq!(reports.len(), 2);
    assert_eq!(reports[0].published, None);
    assert_eq!(
        reports[0].metadata[concord::input::PUBLISHED_UNREAD_KEY],
        "Sunday morning",
        "the publication date is kept, not the update date"
    );
    assert_eq!(reports[1].published, date("2016-11-28"));
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    let warning = warnings[0].to_string();
    assert!(
        warning.starts_with("harbour.atom (item 1): the item's publication date")
            && warning.contains("\"Sunday morning\"")
            && warning.contains(
                "item urn:harbour-desk:5512 (https://harbour-desk.example/cranes) is stored without a publication date"
            ),
        "{warning}"
    );
}

#[test]
fn issue_14_many_feed_items_with_unreadable_dates_each_keep_their_own_value() {
    let items: String = (1..=40)
        .map(|n| {
            format!(
                "<item><guid>q-{n}</guid><title>Item {n}</title><pubDate>week {n} of the strike</pubDate></item>"
            )
        })
        .collect();
    let feed = format!("<rss version=\"2.0\"><channel><title>Q</title>{items}</channel></rss>");
    let (reports, warnings) = read("q.rss", feed.as_bytes());
    assert_eq!(warnings.len(), 40);
    for (n, report) in (1..=40).zip(reports) {
        let report = report.unwrap();
        assert_eq!(report.id, format!("q-{n}"));
        assert_eq!(report.published, None);
        assert_eq!(
            report.metadata[concord::input::PUBLISHED_UNREAD_KEY],
            format!("week {n} of the strike")
        );
    }
}
