//! Property-based fuzzing of every input reader and of the cleaning view.
//!
//! The readers are driven through `concord::input::read_named_bytes`, the
//! same code `concord ingest` runs on a file once it has read its bytes.
//! For every input, whatever it is:
//!
//! - nothing panics;
//! - every outcome is a report or an error naming the input;
//! - a stored text is the input byte for byte (from the body offset on);
//! - every accepted report survives the log: encoded exactly as
//!   `SledLog::append` encodes it, read back exactly as every reader of the
//!   log reads it, and equal to what was accepted (this is the property
//!   that found the nesting bug below).
//!
//! Generators build structured-ish inputs (front matter, JSON values,
//! monitoring records, article-like lines) and then mutate them with the
//! byte sequences that break parsers: NUL, invalid and truncated UTF-8,
//! CRLF and lone CR, byte order marks, right-to-left marks and overrides,
//! combining characters, fences, quotes, brackets and very long runs.
//!
//! Cases per property: proptest's default (256), or `PROPTEST_CASES`. The
//! long run and its numbers are in docs/fuzzing.md.

use concord::input::{
    ClosureSink, InputDefaults, InputError, InputProblem, InputWarning, MAX_FIELD_NESTING,
    read_named_bytes,
};
use concord::log::{CURRENT_SCHEMA_VERSION, EventPayload, GENESIS_HASH, StoredEvent};
use concord::report::Report;
use concord::report::clean::CleanedText;
use proptest::prelude::*;
use serde_json::Value;
use serde_json::value::RawValue;

// ---------------------------------------------------------------------
// What must hold of every outcome.
// ---------------------------------------------------------------------

fn read(name: &str, bytes: &[u8]) -> Vec<Result<Report, InputError>> {
    let mut results = Vec::new();
    read_named_bytes(
        name,
        bytes,
        &InputDefaults::default(),
        &mut ClosureSink {
            on_report: |r| results.push(r),
            // A warning is about a report that is handed over anyway; it
            // must name the input like an error does.
            on_warning: |warning: InputWarning| {
                assert_eq!(warning.location.path, name, "the warning names the input")
            },
        },
    );
    results
}

/// Reads `bytes` as the file `name` and checks what holds of every
/// outcome; returns the outcomes for format-specific checks.
fn read_and_check(name: &str, bytes: &[u8]) -> Vec<Result<Report, InputError>> {
    let results = read(name, bytes);
    assert!(
        !results.is_empty(),
        "every input gives at least one outcome"
    );
    for result in &results {
        match result {
            Ok(report) => {
                assert!(
                    !report.text.trim().is_empty(),
                    "a stored text is never blank"
                );
                assert!(!report.id.is_empty(), "a stored report has an id");
                assert_survives_the_log(report);
            }
            Err(error) => {
                assert_eq!(error.location.path, name, "the error names the input");
                assert!(!error.problem.to_string().is_empty());
            }
        }
    }
    results
}

/// Encodes the report as `SledLog::append` does (the payload as JSON inside
/// a `StoredEvent`), reads it back as the log's readers do, and checks it is
/// unchanged.
fn assert_survives_the_log(report: &Report) {
    let payload = match report.corrects.clone() {
        Some(supersedes) => EventPayload::ReportCorrected {
            supersedes,
            report: report.clone(),
        },
        None => EventPayload::ReportIngested {
            report: report.clone(),
        },
    };
    let payload_json = payload.payload_json().expect("the payload encodes");
    let stored = StoredEvent {
        seq: 1,
        schema: CURRENT_SCHEMA_VERSION,
        type_name: payload.type_name().to_string(),
        recorded_at: chrono::DateTime::from_timestamp(0, 0).expect("epoch"),
        prev_hash: GENESIS_HASH.to_string(),
        hash: String::new(),
        payload: RawValue::from_string(payload_json).expect("raw payload"),
    };
    let bytes = serde_json::to_vec(&stored).expect("the event encodes");
    let read_back: StoredEvent = serde_json::from_slice(&bytes)
        .unwrap_or_else(|e| panic!("an accepted report makes an unreadable event: {e}"));
    let decoded = read_back
        .decode()
        .unwrap_or_else(|e| panic!("an accepted report's payload does not decode: {e}"));
    assert_eq!(decoded, payload, "the report reads back unchanged");
}

/// Text and markdown files give exactly one outcome; when it is a report,
/// its text is the file from the body offset on, byte for byte; when it is
/// an error about the bytes, it names the first bad byte.
fn check_text_file(name: &str, bytes: &[u8]) {
    let results = read_and_check(name, bytes);
    assert_eq!(results.len(), 1, "one file, one outcome");
    match &results[0] {
        Ok(report) => {
            assert_eq!(
                report.text.as_bytes(),
                &bytes[report.body_offset..],
                "the stored text is the file from the body offset on"
            );
            if let Some(title) = &report.title {
                assert!(!title.trim().is_empty());
            }
        }
        Err(error) => match &error.problem {
            InputProblem::Binary { offset } => assert_eq!(bytes[*offset], 0),
            InputProblem::InvalidUtf8 { offset } => {
                assert!(!bytes.contains(&0));
                assert_eq!(
                    std::str::from_utf8(bytes).unwrap_err().valid_up_to(),
                    *offset
                );
            }
            _ => {
                assert!(!bytes.contains(&0), "NUL is found first: {error}");
                assert!(
                    std::str::from_utf8(bytes).is_ok(),
                    "bad UTF-8 first: {error}"
                );
            }
        },
    }
}

/// JSON Lines: one outcome per non-blank line, in line order, each naming
/// its line (or a single "empty" error when there is no line at all).
fn check_json_lines(name: &str, bytes: &[u8]) {
    let results = read_and_check(name, bytes);
    let non_blank_lines: Vec<usize> = bytes
        .split(|&b| b == b'\n')
        .enumerate()
        .filter(|(_, line)| !line.iter().all(u8::is_ascii_whitespace))
        .map(|(index, _)| index + 1)
        .collect();
    if non_blank_lines.is_empty() {
        assert_eq!(results.len(), 1);
        assert!(matches!(
            results[0].as_ref().map_err(|e| &e.problem),
            Err(InputProblem::Empty)
        ));
        return;
    }
    assert_eq!(results.len(), non_blank_lines.len(), "one outcome per line");
    for (result, line) in results.iter().zip(&non_blank_lines) {
        match result {
            Ok(report) => {
                // A report without its own id is named after its line.
                if report.id.starts_with(&format!("{name}:")) {
                    assert_eq!(report.id, format!("{name}:{line}"));
                }
            }
            Err(error) => assert_eq!(error.location.line, Some(*line), "{error}"),
        }
    }
}

/// A JSON file: when the whole file is a valid report object, it is stored
/// with exactly its `text`.
fn check_json_file(name: &str, bytes: &[u8]) {
    let results = read_and_check(name, bytes);
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let parsed: Option<Value> =
        serde_json::from_str(text.strip_prefix('\u{feff}').unwrap_or(text)).ok();
    if let Some(Value::Object(object)) = parsed
        && let Ok(report) = &results[0]
    {
        assert_eq!(results.len(), 1);
        assert_eq!(
            Some(report.text.as_str()),
            object.get("text").and_then(Value::as_str)
        );
    }
}

// ---------------------------------------------------------------------
// Generators.
// ---------------------------------------------------------------------

/// Byte sequences that break readers, and some harmless ones.
fn nasty_piece() -> impl Strategy<Value = Vec<u8>> {
    let fixed: Vec<&'static [u8]> = vec![
        b"---",
        b"---\n",
        b"\n",
        b"\r\n",
        b"\r",
        "\u{feff}".as_bytes(),
        b"\0",
        b"\xff",
        b"\xc3",         // a lead byte with no continuation
        b"\xe2\x80",     // a truncated three-byte sequence
        b"\xed\xa0\x80", // an encoded surrogate
        "\u{200f}".as_bytes(),
        "\u{202e}".as_bytes(),
        "\u{0301}".as_bytes(),
        "e\u{0301}\u{0302}\u{0303}".as_bytes(),
        "تظاهر ٣٠٠ شخص".as_bytes(),
        "עצרת של 200 איש".as_bytes(),
        "Ҡазаҡстан".as_bytes(),
        "👩🏽‍⚖️".as_bytes(),
        b":",
        b": ",
        b"\"",
        b"'",
        b"#",
        b"- ",
        b"- Country\n",
        b"Latitude: 91.5\n",
        b"{",
        b"}",
        b"[",
        b"]",
        b",",
        b"\\",
        b"\\u0000",
        b"\\ud800",
        b"\"text\":",
        b"\t",
        b" ",
    ];
    prop_oneof![
        8 => proptest::sample::select(fixed).prop_map(<[u8]>::to_vec),
        2 => "[a-zA-Z0-9 .,]{1,16}".prop_map(String::into_bytes),
        2 => proptest::collection::vec(any::<u8>(), 1..8),
        1 => (1usize..20_000, proptest::sample::select(vec![b'x', b' ', b'-', b'[', b'\n']))
            .prop_map(|(n, b)| vec![b; n]),
    ]
}

/// Up to `max` edits: insert a piece, delete a run, or overwrite.
fn mutations(max: usize) -> impl Strategy<Value = Vec<(usize, u8, Vec<u8>)>> {
    proptest::collection::vec((any::<usize>(), 0u8..3, nasty_piece()), 0..=max)
}

fn mutate(mut bytes: Vec<u8>, edits: &[(usize, u8, Vec<u8>)]) -> Vec<u8> {
    for (seed, kind, piece) in edits {
        let at = seed % (bytes.len() + 1);
        match kind {
            0 => {
                bytes.splice(at..at, piece.iter().copied());
            }
            1 => {
                let end = (at + piece.len()).min(bytes.len());
                bytes.drain(at..end);
            }
            _ => {
                let end = (at + piece.len()).min(bytes.len());
                bytes.splice(at..end, piece.iter().copied());
            }
        }
    }
    bytes
}

fn line_ending() -> impl Strategy<Value = &'static str> {
    prop_oneof![3 => Just("\n"), 1 => Just("\r\n")]
}

fn front_matter_value() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("2022-01-05".to_string()),
        Just("2022-01-05T23:30:00+06:00".to_string()),
        Just("2099-12-31".to_string()),
        Just("2023-02-30".to_string()),
        Just("\"Steppe Courier\"".to_string()),
        Just("'quoted: with colon'".to_string()),
        Just("\"".to_string()),
        Just(String::new()),
        Just("مراسل السهوب".to_string()),
        "[a-zA-Z0-9 :/.-]{0,30}",
    ]
}

fn front_matter_key() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::sample::select(vec![
            "id",
            "ID",
            "outlet",
            "published",
            "Published",
            "title",
            "url",
            "language",
            "corrects",
            "desk",
        ])
        .prop_map(str::to_string),
        "[a-z_ -]{1,12}",
    ]
}

fn body_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("About 300 people marched to the square on Monday, organisers said.".to_string()),
        Just("# A headline for the rally".to_string()),
        Just(String::new()),
        Just("---".to_string()),
        Just("Police detained 12 people near the court building.".to_string()),
        Just("اعتقلت الشرطة ١٢ شخصا قرب المحكمة.".to_string()),
        "[a-zA-Z0-9 ,.]{0,60}",
    ]
}

/// A text or markdown file with front matter (sometimes unclosed, with a
/// BOM, with CRLF, with comments), then mutated.
fn front_matter_file() -> impl Strategy<Value = Vec<u8>> {
    (
        any::<bool>(),
        line_ending(),
        proptest::collection::vec((front_matter_key(), front_matter_value(), 0u8..10), 0..8),
        any::<bool>(),
        proptest::collection::vec(body_line(), 0..6),
        mutations(4),
    )
        .prop_map(|(bom, eol, fields, closed, body, edits)| {
            let mut file = String::new();
            if bom {
                file.push('\u{feff}');
            }
            file.push_str("---");
            file.push_str(eol);
            for (key, value, shape) in fields {
                match shape {
                    0 => file.push_str("# a comment"),
                    1 => {}
                    2 => file.push_str(&key), // no colon: a bad line
                    _ => file.push_str(&format!("{key}: {value}")),
                }
                file.push_str(eol);
            }
            if closed {
                file.push_str("---");
                file.push_str(eol);
            }
            for line in body {
                file.push_str(&line);
                file.push_str(eol);
            }
            mutate(file.into_bytes(), &edits)
        })
}

/// A structured monitoring record: a title, `- Field` and `- value` lines,
/// prose, coordinates, glued section labels, then mutated.
fn record_file() -> impl Strategy<Value = Vec<u8>> {
    let record_line = prop_oneof![
        proptest::sample::select(vec![
            "- Country",
            "Event- Country",
            "- Initial Date",
            "- Event Description",
            "- Event Location",
            "- Summary for Publications",
            "- Rights Concerned",
            "- Violation",
            "- Monitoring Status",
            "- Source",
        ])
        .prop_map(str::to_string),
        "- [A-Za-z ()]{0,30}",
        "[A-Za-z]{1,25}- [A-Za-z ]{0,20}",
        "(Latitude|Longitude|latitude): -?[0-9]{1,4}(\\.[0-9]{0,8})?",
        body_line(),
        Just("-".to_string()),
        Just("- ".to_string()),
    ];
    (
        body_line(),
        line_ending(),
        proptest::collection::vec(record_line, 0..25),
        mutations(3),
    )
        .prop_map(|(title, eol, lines, edits)| {
            let mut file = title;
            file.push_str(eol);
            for line in lines {
                file.push_str(&line);
                file.push_str(eol);
            }
            mutate(file.into_bytes(), &edits)
        })
}

/// Any JSON value, nested a few levels, with strings that carry the nasty
/// characters (JSON-escaped where they must be).
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter_map("finite", serde_json::Number::from_f64)
            .prop_map(Value::Number),
        json_string().prop_map(Value::String),
    ];
    leaf.prop_recursive(6, 48, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::vec((json_string(), inner), 0..6)
                .prop_map(|fields| Value::Object(fields.into_iter().collect())),
        ]
    })
}

fn json_string() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z]{0,10}",
        "\\PC{0,20}",
        Just("\0".to_string()),
        Just("line\r\nbreak".to_string()),
        Just("\u{feff}text".to_string()),
        Just("\u{202e}txt.exe".to_string()),
        Just("2022-01-05".to_string()),
        Just("2022-01-05T09:30:00+06:00".to_string()),
    ]
}

/// A report object: a `text` (usually), known fields with right or wrong
/// types, unknown fields with any JSON value, a `metadata` object.
fn json_report() -> impl Strategy<Value = Value> {
    let known = proptest::sample::select(vec![
        "id",
        "outlet",
        "published",
        "title",
        "url",
        "language",
        "corrects",
        "metadata",
        "source",
        "body_offset",
    ]);
    (
        prop_oneof![4 => json_string().prop_map(Value::String), 1 => json_value()],
        any::<bool>(),
        proptest::collection::vec((known, json_value()), 0..5),
        proptest::collection::vec(("[a-z]{1,8}", json_value()), 0..4),
    )
        .prop_map(|(text, has_text, known, unknown)| {
            let mut object = serde_json::Map::new();
            if has_text {
                object.insert("text".to_string(), text);
            }
            for (key, value) in known {
                object.insert(key.to_string(), value);
            }
            for (key, value) in unknown {
                object.insert(key, value);
            }
            Value::Object(object)
        })
}

fn json_file() -> impl Strategy<Value = Vec<u8>> {
    (
        prop_oneof![
            3 => json_report(),
            1 => proptest::collection::vec(json_report(), 0..4).prop_map(Value::Array),
            1 => json_value(),
        ],
        any::<bool>(),
        any::<bool>(),
        mutations(3),
    )
        .prop_map(|(value, bom, pretty, edits)| {
            let mut text = if bom {
                "\u{feff}".to_string()
            } else {
                String::new()
            };
            text.push_str(&if pretty {
                serde_json::to_string_pretty(&value).unwrap_or_default()
            } else {
                serde_json::to_string(&value).unwrap_or_default()
            });
            mutate(text.into_bytes(), &edits)
        })
}

fn json_lines_file() -> impl Strategy<Value = Vec<u8>> {
    (
        proptest::collection::vec((json_report(), line_ending(), 0u8..12), 0..12),
        any::<bool>(),
        mutations(3),
    )
        .prop_map(|(lines, bom, edits)| {
            let mut text = if bom {
                "\u{feff}".to_string()
            } else {
                String::new()
            };
            for (value, eol, shape) in lines {
                match shape {
                    0 => text.push_str("   "),
                    1 => text.push_str("{\"text\": oops"),
                    _ => text.push_str(&serde_json::to_string(&value).unwrap_or_default()),
                }
                text.push_str(eol);
            }
            mutate(text.into_bytes(), &edits)
        })
}

fn article_line() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::sample::select(vec![
            "0:00 0:01:05 0:00",
            "please wait",
            "Skip to main content",
            "Photo gallery (click to view):",
            "3x4 Image",
            "XS",
            "SM",
            "MD",
            "LG",
            "M",
            "Breaking News",
            "WATCH: Hundreds march over media law",
            "Hundreds march over media law",
            "Video: something else entirely",
            "About 300 people marched to the square on Monday and stayed until late, organisers said.",
            "About 300 people marched to the square on Monday and stayed until late, organisers said.",
            "تظاهر نحو ٣٠٠ شخص في الساحة يوم الاثنين وبقوا حتى وقت متأخر، قال المنظمون.",
            "",
        ])
        .prop_map(str::to_string),
        "\\PC{0,40}",
        "(Watch|PHOTO|listen): [A-Za-z ]{0,40}",
    ]
}

fn article() -> impl Strategy<Value = (String, Option<String>)> {
    (
        proptest::collection::vec((article_line(), line_ending()), 0..30),
        proptest::option::of(article_line()),
        any::<bool>(),
    )
        .prop_map(|(lines, title, final_newline)| {
            let mut text = String::new();
            let count = lines.len();
            for (index, (line, eol)) in lines.into_iter().enumerate() {
                text.push_str(&line);
                if final_newline || index + 1 < count {
                    text.push_str(eol);
                }
            }
            (text, title)
        })
}

fn check_cleaning(original: &str, title: Option<&str>) {
    let cleaned = CleanedText::clean(original, title);
    for (offset, byte) in cleaned.text.bytes().enumerate() {
        let mapped = cleaned.to_original(offset);
        assert_eq!(
            original.as_bytes()[mapped],
            byte,
            "view byte {offset} maps to original byte {mapped}"
        );
    }
    // Every kept line maps to the identical line, and so does every span
    // inside it that starts and ends on character boundaries.
    let mut start = 0;
    for line in cleaned.text.split_inclusive('\n') {
        let end = start + line.len();
        let (os, oe) = cleaned.original_span(start, end);
        assert_eq!(&original[os..oe], line);
        let boundaries: Vec<usize> = line
            .char_indices()
            .map(|(i, _)| start + i)
            .chain([end])
            .collect();
        for pair in boundaries.windows(2).step_by(3) {
            let (os, oe) = cleaned.original_span(pair[0], pair[1]);
            assert_eq!(&original[os..oe], &cleaned.text[pair[0]..pair[1]]);
        }
        start = end;
    }
    // Kept and dropped lines are the whole original, each once.
    let dropped: usize = cleaned.dropped.iter().map(|d| d.end - d.start).sum();
    assert_eq!(cleaned.text.len() + dropped, original.len());
    for line in &cleaned.dropped {
        assert!(original.is_char_boundary(line.start) && original.is_char_boundary(line.end));
    }
}

// ---------------------------------------------------------------------
// The properties.
// ---------------------------------------------------------------------

proptest! {
    #[test]
    fn front_matter_files_never_panic_and_keep_their_bytes(file in front_matter_file()) {
        check_text_file("report.md", &file);
        check_text_file("report.txt", &file);
    }

    #[test]
    fn monitoring_records_never_panic_and_keep_their_bytes(file in record_file()) {
        check_text_file("record.txt", &file);
        check_text_file("record", &file);
    }

    #[test]
    fn json_files_never_panic_and_survive_the_log(file in json_file()) {
        check_json_file("reports.json", &file);
    }

    #[test]
    fn json_lines_never_panic_and_name_every_line(file in json_lines_file()) {
        check_json_lines("feed.jsonl", &file);
    }

    #[test]
    fn random_bytes_in_every_format_never_panic(
        bytes in proptest::collection::vec(any::<u8>(), 0..512),
        name in proptest::sample::select(vec!["a.md", "a.txt", "a", "a.json", "a.jsonl", "a.csv"]),
    ) {
        read_and_check(name, &bytes);
        match name {
            "a.md" | "a.txt" | "a" => check_text_file(name, &bytes),
            "a.jsonl" => check_json_lines(name, &bytes),
            _ => {}
        }
    }

    #[test]
    fn cleaning_maps_every_kept_byte_to_the_same_original_byte((text, title) in article()) {
        check_cleaning(&text, title.as_deref());
    }

    #[test]
    fn cleaning_arbitrary_text_never_panics(text in "\\PC{0,300}", title in proptest::option::of("\\PC{0,40}")) {
        check_cleaning(&text, title.as_deref());
    }
}

// ---------------------------------------------------------------------
// Regressions and limits found while fuzzing, one test per finding.
// ---------------------------------------------------------------------

fn nested_array(depth: usize) -> String {
    "[".repeat(depth) + &"]".repeat(depth)
}

fn only_problem(results: &[Result<Report, InputError>]) -> &InputError {
    assert_eq!(results.len(), 1);
    results[0].as_ref().expect_err("refused")
}

/// Found by `assert_survives_the_log`: serde_json accepts a report whose
/// field nests up to 126 levels, the event wraps it in four more, and the
/// log's readers (limit 128) then failed on it: `concord reports` exited 2
/// and `verify` called the event corrupt. A field may now nest at most
/// `MAX_FIELD_NESTING` levels, and the report is refused with its name.
#[test]
fn a_field_nested_126_levels_deep_is_refused_instead_of_poisoning_the_log() {
    for depth in [MAX_FIELD_NESTING + 1, 100, 125, 126] {
        let line = format!("{{\"text\": \"x\", \"deep\": {}}}\n", nested_array(depth));
        let results = read("feed.jsonl", line.as_bytes());
        let error = only_problem(&results);
        assert_eq!(
            error.to_string(),
            format!(
                "feed.jsonl:1: `deep` nests arrays or objects {depth} levels deep, over the limit of 64; flatten it or leave it out"
            )
        );
        let file = format!(
            "{{\"text\": \"x\", \"metadata\": {{\"deep\": {}}}}}",
            nested_array(depth)
        );
        let results = read("one.json", file.as_bytes());
        // Two levels deeper than the line above: past 125 the parser's own
        // limit speaks first.
        let error = only_problem(&results).to_string();
        assert!(error.contains("nests arrays or objects"), "{error}");
    }
    // At the limit the report is kept, and the log reads it back.
    let line = format!(
        "{{\"text\": \"x\", \"deep\": {}}}",
        nested_array(MAX_FIELD_NESTING)
    );
    let results = read_and_check("feed.jsonl", line.as_bytes());
    assert!(results[0].is_ok());
}

/// serde_json's own limit (128) guards the parser's stack; its "recursion
/// limit exceeded" came out as a "JSON syntax error", which sends people
/// looking for a typo. Checked far past the limit (no stack overflow, no
/// memory growth with the depth: the parser stops at 128), in a file, in
/// an array element and in JSON Lines, with arrays and with objects.
#[test]
fn json_nested_far_past_the_parser_limit_is_a_clear_error_not_a_stack_overflow() {
    let deep_objects = "{\"a\":".repeat(100_000) + "1" + &"}".repeat(100_000);
    for nested in [nested_array(100_000), deep_objects] {
        let expected = "nests arrays or objects more than 128 levels deep (the JSON reader's limit); concord keeps fields nested at most 64 levels deep";
        let file = format!("{{\"text\": \"x\", \"deep\": {nested}}}");
        let error = only_problem(&read("deep.json", file.as_bytes())).to_string();
        assert!(error.starts_with("deep.json:1:"), "{error}");
        assert!(error.ends_with(expected), "{error}");
        let array = format!("[{{\"text\": \"fine\"}}, {nested}]");
        let error = only_problem(&read("deep.json", array.as_bytes())).to_string();
        assert!(error.ends_with(expected), "{error}");
        let lines = format!("{{\"text\": \"fine\"}}\n{nested}\n{{\"text\": \"also fine\"}}\n");
        let results = read_and_check("deep.jsonl", lines.as_bytes());
        assert_eq!(results.len(), 3);
        assert!(results[0].is_ok() && results[2].is_ok());
        let error = results[1].as_ref().unwrap_err().to_string();
        assert!(error.starts_with("deep.jsonl:2:"), "{error}");
        assert!(error.ends_with(expected), "{error}");
    }
}

/// Found reading the cleaner while writing its properties (the generated
/// inputs are too short to show it as a timeout): a caption below
/// the first paragraph was compared with each headline by edit distance,
/// quadratic in the line length, so two long lines took hours. Lines too
/// long to be headlines, or too different in length to be similar, are no
/// longer compared; this finishes at once.
#[test]
fn a_long_caption_under_a_long_headline_is_not_compared_quadratically() {
    let headline = "Crowds gather ".repeat(20_000);
    let prose =
        "About 300 people marched to the square on Monday and stayed until late, organisers said.";
    let caption = format!("Watch: {}", "Crowds gathered ".repeat(20_000));
    let original = format!("{headline}\n{prose}\n{caption}\n");
    check_cleaning(&original, Some(&headline));
}

/// A text with no paragraph of prose is all "header zone"; every caption
/// below it used to be compared with every earlier line.
#[test]
fn many_captions_among_many_short_lines_are_not_compared_with_every_line() {
    let mut original = String::new();
    for n in 0..3000 {
        original.push_str(&format!("Short line number {n}\n"));
    }
    original.push_str(
        "About 300 people marched to the square on Monday and stayed until late, organisers said.\n",
    );
    for n in 0..3000 {
        original.push_str(&format!("Watch: short line number {}\n", n + 1));
    }
    check_cleaning(&original, None);
}

#[test]
fn front_matter_with_only_fences_and_a_bom_does_not_panic() {
    for file in [
        "---",
        "---\n---",
        "---\n---\n",
        "\u{feff}---\r\n---\r\n",
        "\u{feff}",
        "---\r",
        "---\n\"\n---\nx",
        "---\n:\n---\nx",
        "---\nid: \"\n---\nbody",
    ] {
        check_text_file("edge.md", file.as_bytes());
        check_text_file("edge.txt", file.as_bytes());
    }
}

#[test]
fn records_made_only_of_dashes_and_markers_do_not_panic() {
    for file in [
        "- Country\n- Initial Date\n",
        "Title\n- Country\n- Initial Date\n",
        "Title\n-\n- \n- Country\n- \n- Initial Date\nLatitude: 999\nLongitude: -0\n",
        "Title\r\nEvent- Country\r\n- Chile\r\n- Initial Date\r\n- 2024\r\n",
    ] {
        check_text_file("record.txt", file.as_bytes());
    }
}

#[test]
fn a_nul_escaped_in_a_json_string_is_kept_as_written() {
    let results = read_and_check("nul.json", br#"{"text": "before\u0000after"}"#);
    let report = results[0].as_ref().expect("accepted");
    assert_eq!(report.text, "before\0after");
}

/// Found by `assert_survives_the_log`: serde_json's default float parser
/// is fast but not correctly rounded, so a number in a report's metadata
/// could come back from the log one unit in the last place away from the
/// number accepted (`-5.732201010166413e+99` read back as `...412e+99`).
/// serde_json's `float_roundtrip` feature makes parsing exact: a number is
/// now stored and read back as the nearest double to what was written.
#[test]
fn a_float_in_metadata_reads_back_as_the_number_written() {
    for written in [
        "-5.732201010166413e+99",
        "-5.732201010166412e+99",
        "1.8614366157122167e-308",
        "-1.01278582830237e+122",
        "0.1",
        "41.6168",
    ] {
        let line = format!("{{\"text\": \"x\", \"n\": {written}}}");
        let results = read_and_check("floats.jsonl", line.as_bytes());
        let report = results[0].as_ref().expect("accepted");
        let nearest: f64 = written.parse().expect("a float");
        assert_eq!(report.metadata["n"].as_f64(), Some(nearest), "{written}");
    }
}
