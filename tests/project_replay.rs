//! Replay, as-of, retraction/correction, caching, decisions and determinism,
//! through a real SledLog in a temporary directory.
//!
//! Clustering is someone else's module; to check replay on its own, these
//! tests feed a small stand-in clusterer (one incident per `event` metadata
//! key, links merge keys, splits detach a report) and a small stand-in
//! extractor (numbers followed by "detained", "injured", "killed" or
//! "marchers"). The fixture reports are written for these tests.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use chrono::{DateTime, NaiveDate, Utc};
use regex::Regex;

use concord::cluster::{ClusterConfig, ClusterState, Decisions, ReportInput};
use concord::extract::model::*;
use concord::extract::{EXTRACTOR_VERSION, ExtractionInput};
use concord::incident::{Claim, ClaimRef, Incident, IncidentLevel, IncidentPlace, MetricFigures};
use concord::log::{EventLog, EventPayload, ProjectionStore, SledLog};
use concord::project::*;
use concord::report::Report;
use concord::views::{self, ExportFormat, ViewError};

// ---------------------------------------------------------------- stand-ins

fn test_extract(input: ExtractionInput<'_>) -> Extraction {
    let pattern = Regex::new(r"(more than )?(\d+) (detained|injured|killed|marchers)").unwrap();
    let attribution = Regex::new(r"according to (?:the )?([A-Za-z ]+)").unwrap();
    let text = input.text;
    let mut figures = Vec::new();
    for found in pattern.captures_iter(text) {
        let whole = found.get(0).unwrap();
        let value: u64 = found[2].parse().unwrap();
        let metric = match &found[3] {
            "detained" => Metric::Detained,
            "injured" => Metric::Injured,
            "killed" => Metric::Killed,
            _ => Metric::Participants,
        };
        let more_than = found.get(1).is_some();
        let sentence_start = text[..whole.start()]
            .rfind(". ")
            .map(|at| at + 2)
            .unwrap_or(0);
        let sentence_end = text[whole.end()..]
            .find('.')
            .map(|at| whole.end() + at + 1)
            .unwrap_or(text.len());
        let sentence = &text[sentence_start..sentence_end];
        figures.push(Figure {
            metric,
            value: Some(value),
            value_hi: None,
            qualifier: if more_than {
                Qualifier::MoreThan
            } else {
                Qualifier::Exact
            },
            lo: if more_than { value + 1 } else { value },
            hi: if more_than { None } else { Some(value) },
            scope_from: concord::extract::model::ScopeSource::Stated,
            places: input
                .metadata
                .get("place")
                .and_then(|place| place.as_str())
                .map(str::to_string)
                .into_iter()
                .collect(),
            span: [whole.start(), whole.end()],
            quote: whole.as_str().to_string(),
            sentence: sentence.to_string(),
            sentence_span: [sentence_start, sentence_end],
            qualifier_words: None,
            phrase: None,
            attributed_to: attribution
                .captures(sentence)
                .map(|found| found[1].trim_end_matches('.').trim().to_string()),
            background: false,
            date: None,
            extractor_version: "test".to_string(),
            coded: None,
            quoted_from: Default::default(),
        });
    }
    let place = input
        .metadata
        .get("place")
        .and_then(|place| place.as_str())
        .map(|name| PlaceRef {
            geonames_id: name.len() as u32,
            name: name.to_string(),
            level: PlaceLevel::City,
            country: "Kazakhstan".to_string(),
            country_code: "KZ".to_string(),
            lat: 43.0 + name.len() as f64 / 10.0,
            lon: 76.5,
        });
    Extraction {
        report: input.report_id.to_string(),
        extractor_version: "test".to_string(),
        main: MainEvent {
            date: input.published.map(|date| EventDate {
                date: Some(date),
                precision: DatePrecision::Day,
                text: String::new(),
                span: [0, 0],
                weak: false,
            }),
            place,
            country: Some("Kazakhstan".to_string()),
            dateline: None,
            sub_places: Vec::new(),
            kind: EventKind::Protest,
        },
        mentions: Vec::new(),
        figures,
        organizers: Vec::new(),
        people: Vec::new(),
        headline: input.title.map(str::to_string),
        diagnostics: Vec::new(),
        places: Vec::new(),
    }
}

fn counting_extractor(version: &str) -> (Extractor, Arc<AtomicU64>) {
    let calls = Arc::new(AtomicU64::new(0));
    let counter = calls.clone();
    let extractor = Extractor::custom(version, move |input| {
        counter.fetch_add(1, Ordering::SeqCst);
        test_extract(input)
    });
    (extractor, calls)
}

fn settings() -> ProjectionSettings {
    ProjectionSettings {
        cluster: ClusterConfig::default(),
        extractor: Extractor::custom("test/1", test_extract),
        ..ProjectionSettings::default()
    }
}

/// One incident per `event` metadata key; a link merges the two reports'
/// keys, a split moves the report to an incident of its own.
#[derive(Default)]
struct KeyedClusterer {
    reports: BTreeMap<u64, ReportInput>,
    decisions: Decisions,
}

impl KeyedClusterer {
    fn key_of(input: &ReportInput) -> String {
        input
            .report
            .metadata
            .get("event")
            .and_then(|key| key.as_str())
            .unwrap_or("none")
            .to_string()
    }
}

impl Clusterer for KeyedClusterer {
    fn fresh(_config: &ClusterConfig) -> Self {
        KeyedClusterer::default()
    }
    fn add_report(&mut self, input: ReportInput) {
        self.reports.insert(input.seq, input);
    }
    fn remove_report(&mut self, report_id: &str) {
        self.reports.retain(|_, input| input.report.id != report_id);
    }
    fn set_decisions(&mut self, decisions: Decisions) {
        self.decisions = decisions;
    }
    fn incidents(&self) -> Vec<Incident> {
        let mut key_by_report: BTreeMap<String, String> = self
            .reports
            .values()
            .map(|input| (input.report.id.clone(), Self::key_of(input)))
            .collect();
        let mut shaping: BTreeMap<String, Vec<u64>> = BTreeMap::new();
        for (seq, a, b, _) in &self.decisions.links {
            if let (Some(key_a), Some(key_b)) =
                (key_by_report.get(a).cloned(), key_by_report.get(b).cloned())
            {
                let (keep, drop) = if key_a <= key_b {
                    (key_a, key_b)
                } else {
                    (key_b, key_a)
                };
                for key in key_by_report.values_mut() {
                    if *key == drop {
                        *key = keep.clone();
                    }
                }
                shaping.entry(a.clone()).or_default().push(*seq);
            }
        }
        for (seq, incident, report, _) in &self.decisions.splits {
            if let Some(key) = key_by_report.get_mut(report)
                && format!("inc-{key}") == *incident
            {
                *key = format!("{key}-{report}");
                shaping.entry(report.clone()).or_default().push(*seq);
            }
        }
        let mut groups: BTreeMap<String, Vec<&ReportInput>> = BTreeMap::new();
        for input in self.reports.values() {
            groups
                .entry(key_by_report[&input.report.id].clone())
                .or_default()
                .push(input);
        }
        groups
            .into_iter()
            .map(|(key, members)| {
                let first = members[0];
                let place = first.extraction.main.place.clone().unwrap();
                let point = concord::gazetteer::Gazetteer::global().point_of(&place);
                let mut figures: BTreeMap<Metric, MetricFigures> = BTreeMap::new();
                for input in &members {
                    for figure in &input.extraction.figures {
                        let claim = Claim {
                            report: input.report.id.clone(),
                            value: figure.value,
                            value_hi: None,
                            qualifier: figure.qualifier,
                            lo: figure.lo,
                            hi: figure.hi,
                            places: figure.places.clone(),
                            span: figure.span,
                            quote: figure.quote.clone(),
                            sentence: figure.sentence.clone(),
                            quote_in_sentence: None,
                            phrase: None,
                            attributed_to: figure.attributed_to.clone(),
                            coded: None,
                            quoted_from: Default::default(),
                        };
                        let entry = figures
                            .entry(figure.metric)
                            .or_insert_with(|| MetricFigures {
                                min: u64::MAX,
                                max: 0,
                                min_open: false,
                                max_open: false,
                                min_claim: ClaimRef {
                                    claim: 0,
                                    report: String::new(),
                                    quote: String::new(),
                                },
                                max_claim: ClaimRef {
                                    claim: 0,
                                    report: String::new(),
                                    quote: String::new(),
                                },
                                claims: Vec::new(),
                                conflicts: Vec::new(),
                                parts: None,
                            });
                        let index = entry.claims.len();
                        let reference = ClaimRef {
                            claim: index,
                            report: claim.report.clone(),
                            quote: claim.quote.clone(),
                        };
                        if claim.lo < entry.min {
                            entry.min = claim.lo;
                            entry.min_claim = reference.clone();
                        }
                        let high = claim.hi.unwrap_or(claim.lo);
                        if high >= entry.max {
                            entry.max = high;
                            entry.max_open = claim.hi.is_none();
                            entry.max_claim = reference;
                        }
                        entry.claims.push(claim);
                    }
                }
                let reports: Vec<String> = members
                    .iter()
                    .map(|input| input.report.id.clone())
                    .collect();
                let mut decisions: Vec<u64> = reports
                    .iter()
                    .flat_map(|id| shaping.get(id).cloned().unwrap_or_default())
                    .collect();
                decisions.sort();
                Incident {
                    id: format!("inc-{key}"),
                    level: IncidentLevel::Incident,
                    parent: None,
                    children: Vec::new(),
                    date: first
                        .report
                        .published
                        .map(|date| date.to_string())
                        .unwrap_or_default(),
                    date_precision: DatePrecision::Day,
                    place: IncidentPlace {
                        lat: point.map(|(lat, _)| lat),
                        lon: point.map(|(_, lon)| lon),
                        name: place.name,
                        country: place.country,
                        geonames_id: place.geonames_id,
                        level: place.level,
                    },
                    sub_places: Vec::new(),
                    kind: EventKind::Protest,
                    organizers: Vec::new(),
                    reports,
                    coded: Vec::new(),
                    figures,
                    replaces: Vec::new(),
                    decisions,
                }
            })
            .collect()
    }
}

// ---------------------------------------------------------------- fixtures

fn report(id: &str, outlet: &str, published: &str, event: &str, place: &str, text: &str) -> Report {
    let mut report = Report::new(id, text);
    report.outlet = Some(outlet.to_string());
    report.published = Some(NaiveDate::parse_from_str(published, "%Y-%m-%d").unwrap());
    report.title = Some(format!("{outlet} on {place}"));
    report
        .metadata
        .insert("event".to_string(), serde_json::json!(event));
    report
        .metadata
        .insert("place".to_string(), serde_json::json!(place));
    report
}

fn at(instant: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(instant)
        .unwrap()
        .with_timezone(&Utc)
}

fn avenue_first() -> Report {
    report(
        "avenue-1",
        "Steppe Wire",
        "2019-06-09",
        "almaty",
        "Almaty",
        "Several hundred people walked along the main avenue of Almaty on Sunday. Organisers counted more than 300 marchers before the police moved in. By nightfall there were 40 detained, according to the city police.",
    )
}

fn avenue_corrected() -> Report {
    report(
        "avenue-1b",
        "Steppe Wire",
        "2019-06-09",
        "almaty",
        "Almaty",
        "Several hundred people walked along the main avenue of Almaty on Sunday. Organisers counted more than 300 marchers before the police moved in. By nightfall there were 45 detained, according to the city police.",
    )
}

/// The fixture log: (event, recorded_at). Three days of recording.
fn fixture_events() -> Vec<(EventPayload, DateTime<Utc>)> {
    vec![
        (
            EventPayload::ReportIngested {
                report: avenue_first(),
            },
            at("2019-06-09T20:00:00Z"),
        ),
        (
            EventPayload::ReportIngested {
                report: report(
                    "rights-2",
                    "Valley Daily",
                    "2019-06-10",
                    "almaty",
                    "Almaty",
                    "A rights group said 65 detained in Almaty during the Sunday rally, far more than officials admitted.",
                ),
            },
            at("2019-06-09T21:30:00Z"),
        ),
        (
            EventPayload::ReportIngested {
                report: report(
                    "capital-3",
                    "Capital Herald",
                    "2019-06-09",
                    "astana",
                    "Astana",
                    "In the capital, 12 detained near the railway station as a smaller crowd gathered.",
                ),
            },
            at("2019-06-10T08:00:00Z"),
        ),
        (
            EventPayload::ReportIngested {
                report: report(
                    "witness-4",
                    "Night Desk",
                    "2019-06-10",
                    "almaty-witness",
                    "Almaty",
                    "Witnesses told us 7 injured when officers pushed the crowd off the avenue.",
                ),
            },
            at("2019-06-10T09:00:00Z"),
        ),
        (
            EventPayload::ReportCorrected {
                supersedes: "avenue-1".to_string(),
                report: avenue_corrected(),
            },
            at("2019-06-11T10:00:00Z"),
        ),
        (
            EventPayload::ReportsLinked {
                a: "avenue-1b".to_string(),
                b: "witness-4".to_string(),
                reason: "same avenue, same evening".to_string(),
            },
            at("2019-06-11T11:00:00Z"),
        ),
        (
            EventPayload::ReportRetracted {
                report: "rights-2".to_string(),
                reason: "the outlet withdrew the piece".to_string(),
            },
            at("2019-06-12T09:00:00Z"),
        ),
    ]
}

fn fill(log: &mut SledLog, events: &[(EventPayload, DateTime<Utc>)]) {
    for (event, recorded_at) in events {
        log.append(vec![event.clone()], *recorded_at).unwrap();
    }
}

fn fresh_log(events: &[(EventPayload, DateTime<Utc>)]) -> (tempfile::TempDir, SledLog) {
    let directory = tempfile::tempdir().unwrap();
    let mut log = SledLog::open(directory.path().join("db")).unwrap();
    fill(&mut log, events);
    (directory, log)
}

fn keyed_state(log: &SledLog, as_of: &AsOf) -> ProjectedState {
    Projection::<KeyedClusterer>::build(log, settings(), as_of)
        .unwrap()
        .state()
}

fn export_bytes(state: &ProjectedState, format: ExportFormat) -> Vec<u8> {
    let mut bytes = Vec::new();
    views::render_export(state, format, &mut bytes).unwrap();
    bytes
}

fn text(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap()
}

// ---------------------------------------------------------------- tests

#[test]
fn as_of_parses_every_documented_form() {
    fn check(given: &str, expected: Option<AsOf>) {
        let parsed = given.parse::<AsOf>().ok();
        assert_eq!(parsed, expected, "parsing {given:?}");
    }
    check("head", Some(AsOf::Head));
    check("HEAD", Some(AsOf::Head));
    check("0", Some(AsOf::Seq(0)));
    check("42", Some(AsOf::Seq(42)));
    check(
        "2019-06-10",
        Some(AsOf::Date(NaiveDate::from_ymd_opt(2019, 6, 10).unwrap())),
    );
    check(
        "2019-06-10T09:00:00Z",
        Some(AsOf::Instant(at("2019-06-10T09:00:00Z"))),
    );
    check(
        "2019-06-10T12:00:00+03:00",
        Some(AsOf::Instant(at("2019-06-10T09:00:00Z"))),
    );
    check("yesterday", None);
    check("-3", None);
    check("", None);
}

#[test]
fn as_of_seq_equals_a_log_holding_only_those_events() {
    let events = fixture_events();
    let (_full_dir, full) = fresh_log(&events);
    for n in 0..=events.len() {
        let (_dir, prefix) = fresh_log(&events[..n]);
        let from_full = keyed_state(&full, &AsOf::Seq(n as u64));
        let from_prefix = keyed_state(&prefix, &AsOf::Head);
        assert_eq!(from_full, from_prefix, "state as of {n}");
        assert_eq!(
            export_bytes(&from_full, ExportFormat::Jsonl),
            export_bytes(&from_prefix, ExportFormat::Jsonl),
            "jsonl as of {n}"
        );
        // The real clustering path, through the command function.
        let mut real_full = Vec::new();
        let mut real_prefix = Vec::new();
        let options = |as_of| views::ExportOptions {
            as_of,
            format: ExportFormat::Jsonl,
            ..Default::default()
        };
        views::export_command(&full, &options(AsOf::Seq(n as u64)), &mut real_full).unwrap();
        views::export_command(&prefix, &options(AsOf::Head), &mut real_prefix).unwrap();
        assert_eq!(real_full, real_prefix);
    }
    // The fixture is not trivial: by the end, incidents exist and changed.
    let end = keyed_state(&full, &AsOf::Head);
    assert_eq!(end.position, events.len() as u64);
    assert!(!end.incidents.is_empty());
    assert_ne!(keyed_state(&full, &AsOf::Seq(4)), end);
}

#[test]
fn as_of_beyond_the_head_is_an_error() {
    let (_dir, log) = fresh_log(&fixture_events()[..2]);
    let error = Projection::<KeyedClusterer>::build(&log, settings(), &AsOf::Seq(9))
        .err()
        .unwrap();
    assert!(
        matches!(
            error,
            ProjectError::AsOfBeyondHead {
                requested: 9,
                head: 2
            }
        ),
        "{error}"
    );
}

#[test]
fn as_of_date_equals_a_log_holding_the_events_recorded_by_then() {
    let events = fixture_events();
    let (_full_dir, full) = fresh_log(&events);
    let check = |as_of: AsOf, expected_events: usize| {
        let (_dir, prefix) = fresh_log(&events[..expected_events]);
        let from_full = keyed_state(&full, &as_of);
        assert_eq!(from_full.position, expected_events as u64, "{as_of:?}");
        assert_eq!(from_full, keyed_state(&prefix, &AsOf::Head), "{as_of:?}");
        assert_eq!(
            export_bytes(&from_full, ExportFormat::Jsonl),
            export_bytes(&keyed_state(&prefix, &AsOf::Head), ExportFormat::Jsonl)
        );
    };
    check(AsOf::Date(NaiveDate::from_ymd_opt(2019, 6, 8).unwrap()), 0);
    check(AsOf::Date(NaiveDate::from_ymd_opt(2019, 6, 9).unwrap()), 2);
    check(AsOf::Date(NaiveDate::from_ymd_opt(2019, 6, 10).unwrap()), 4);
    check(AsOf::Date(NaiveDate::from_ymd_opt(2019, 6, 11).unwrap()), 6);
    check(AsOf::Date(NaiveDate::from_ymd_opt(2030, 1, 1).unwrap()), 7);
    // An instant includes events recorded exactly then.
    check(AsOf::Instant(at("2019-06-10T08:00:00Z")), 3);
    check(AsOf::Instant(at("2019-06-10T07:59:59Z")), 2);
}

#[test]
fn rebuild_and_a_second_database_reproduce_the_export_byte_for_byte() {
    let events = fixture_events();
    let (_dir_a, log_a) = fresh_log(&events);
    let (_dir_b, log_b) = fresh_log(&events);
    for format in [
        ExportFormat::Jsonl,
        ExportFormat::Csv,
        ExportFormat::Geojson,
    ] {
        let first = export_bytes(&keyed_state(&log_a, &AsOf::Head), format);
        let rebuilt = Projection::<KeyedClusterer>::rebuild(&log_a, settings())
            .unwrap()
            .state();
        assert_eq!(
            first,
            export_bytes(&rebuilt, format),
            "{format:?} after rebuild"
        );
        assert_eq!(
            first,
            export_bytes(&keyed_state(&log_b, &AsOf::Head), format),
            "{format:?} across databases"
        );
        assert!(!first.is_empty());
    }
}

#[test]
fn incremental_catch_up_equals_a_full_rebuild_after_every_event() {
    let events = fixture_events();
    let directory = tempfile::tempdir().unwrap();
    let mut log = SledLog::open(directory.path().join("db")).unwrap();
    let mut incremental = Projection::<KeyedClusterer>::new(settings());
    for (index, (event, recorded_at)) in events.iter().enumerate() {
        log.append(vec![event.clone()], *recorded_at).unwrap();
        assert_eq!(incremental.catch_up(&log).unwrap(), 1);
        assert_eq!(incremental.position(), index as u64 + 1);
        assert_eq!(
            incremental.state(),
            keyed_state(&log, &AsOf::Head),
            "after event {}",
            index + 1
        );
    }
    assert_eq!(incremental.catch_up(&log).unwrap(), 0);
    // Catching up is only the new events: the earlier reports' extractions
    // were computed once each, never again.
    assert_eq!(incremental.extraction_stats().computed, 5);
}

/// Issue 5: a replay reads the log a window at a time (so a million
/// reports are never in memory at once) and settles the clustering once;
/// the window size must never show in the result, whether a correction or
/// retraction falls in the window of its report or a later one.
#[test]
fn issue_5_the_replay_window_never_changes_the_state() {
    let events = fixture_events();
    let (_dir, log) = fresh_log(&events);
    let real = |window: u64| ProjectionSettings {
        replay_window: window,
        ..settings()
    };
    let whole_log = events.len() as u64;
    for as_of in (1..=whole_log).map(AsOf::Seq) {
        let keyed_expected = Projection::<KeyedClusterer>::build(&log, real(whole_log), &as_of)
            .unwrap()
            .state();
        let real_expected =
            Projection::<concord::cluster::ClusterState>::build(&log, real(whole_log), &as_of)
                .unwrap()
                .state();
        for window in 1..whole_log {
            let keyed = Projection::<KeyedClusterer>::build(&log, real(window), &as_of)
                .unwrap()
                .state();
            assert_eq!(keyed, keyed_expected, "keyed, window {window}, {as_of:?}");
            let clustered =
                Projection::<concord::cluster::ClusterState>::build(&log, real(window), &as_of)
                    .unwrap()
                    .state();
            assert_eq!(
                clustered, real_expected,
                "clustered, window {window}, {as_of:?}"
            );
        }
    }
}

/// Issue 5: `export` streams incidents from the clustering's catalog
/// (building each incident's figures only as it writes it) instead of
/// rendering a materialized state; the bytes must not change.
#[test]
fn issue_5_streamed_export_writes_the_bytes_of_the_materialized_state() {
    let (_dir, log) = fresh_log(&fixture_events());
    for as_of in [AsOf::Seq(2), AsOf::Seq(4), AsOf::Head] {
        let projection = Projection::<ClusterState>::build(&log, settings(), &as_of).unwrap();
        let state = projection.state();
        assert!(!state.incidents.is_empty());
        for format in [
            ExportFormat::Jsonl,
            ExportFormat::Csv,
            ExportFormat::Geojson,
        ] {
            let mut streamed = Vec::new();
            views::render_projection(&projection, format, &mut streamed).unwrap();
            assert_eq!(
                text(streamed),
                text(export_bytes(&state, format)),
                "{format:?} at {as_of:?}"
            );
        }
    }
}

#[test]
fn a_projection_of_another_log_starts_over() {
    let events = fixture_events();
    let (_dir_a, log_a) = fresh_log(&events[..3]);
    let (_dir_b, log_b) = fresh_log(&events[1..4]);
    let mut projection =
        Projection::<KeyedClusterer>::build(&log_a, settings(), &AsOf::Head).unwrap();
    projection.catch_up(&log_b).unwrap();
    assert_eq!(projection.state(), keyed_state(&log_b, &AsOf::Head));
}

#[test]
fn retraction_removes_a_report_from_everything() {
    let events = fixture_events();
    let (_dir, log) = fresh_log(&events);
    let before = keyed_state(&log, &AsOf::Seq(6));
    let after = keyed_state(&log, &AsOf::Head);
    let mentions = |state: &ProjectedState| {
        let jsonl = text(export_bytes(state, ExportFormat::Jsonl));
        let csv = text(export_bytes(state, ExportFormat::Csv));
        let in_incidents = state.incidents.iter().any(|incident| {
            incident.reports.iter().any(|id| id == "rights-2")
                || incident.figures.values().any(|figures| {
                    figures
                        .claims
                        .iter()
                        .any(|claim| claim.report == "rights-2")
                })
        });
        (
            in_incidents,
            jsonl.contains("rights-2"),
            csv.contains("rights-2"),
        )
    };
    assert_eq!(mentions(&before), (true, true, true));
    assert_eq!(mentions(&after), (false, false, false));

    let rows = views::report_rows(&after);
    let retracted = rows.iter().find(|row| row.id == "rights-2").unwrap();
    assert_eq!(
        retracted.status,
        ReportStatus::Retracted {
            reason: "the outlet withdrew the piece".to_string(),
            seq: 7
        }
    );
    assert_eq!(retracted.primary_incident, None);
    assert!(retracted.incidents.is_empty());
    // The 65 it stated no longer bounds the detained range.
    let almaty = after.incident("inc-almaty").unwrap();
    assert_eq!(almaty.figures[&Metric::Detained].max, 45);
    assert_eq!(
        before.incident("inc-almaty").unwrap().figures[&Metric::Detained].max,
        65
    );
}

#[test]
fn a_correction_replaces_the_superseded_report() {
    let events = fixture_events();
    let (_dir, log) = fresh_log(&events);
    let before = keyed_state(&log, &AsOf::Seq(4));
    let after = keyed_state(&log, &AsOf::Seq(5));
    let almaty_before = before.incident("inc-almaty").unwrap();
    let almaty_after = after.incident("inc-almaty").unwrap();
    assert_eq!(almaty_before.reports, ["avenue-1", "rights-2"]);
    // The superseded report still describes the incident, so it stays a
    // member; its numbers are replaced by the correction's.
    assert_eq!(almaty_after.reports, ["avenue-1", "rights-2", "avenue-1b"]);
    let detained_values = |incident: &Incident| -> BTreeSet<u64> {
        incident.figures[&Metric::Detained]
            .claims
            .iter()
            .filter_map(|claim| claim.value)
            .collect()
    };
    assert_eq!(detained_values(almaty_before), BTreeSet::from([40, 65]));
    assert_eq!(detained_values(almaty_after), BTreeSet::from([45, 65]));

    let rows = views::report_rows(&after);
    let old = rows.iter().find(|row| row.id == "avenue-1").unwrap();
    assert_eq!(
        old.status,
        ReportStatus::Superseded {
            by: "avenue-1b".to_string(),
            seq: 5
        }
    );
    assert_eq!(old.incidents, ["inc-almaty"]);
    let new = rows.iter().find(|row| row.id == "avenue-1b").unwrap();
    assert_eq!(new.supersedes.as_deref(), Some("avenue-1"));
    assert_eq!(new.primary_incident.as_deref(), Some("inc-almaty"));
}

#[test]
fn reports_rows_name_the_primary_and_every_incident() {
    let (_dir, log) = fresh_log(&fixture_events());
    let rows = views::report_rows(&keyed_state(&log, &AsOf::Head));
    type Summary = (String, u64, String, Option<String>, Vec<String>);
    let summary: Vec<Summary> = rows
        .into_iter()
        .map(|row| {
            (
                row.id,
                row.seq,
                row.status.describe(),
                row.primary_incident,
                row.incidents,
            )
        })
        .collect();
    let expected = |id: &str, seq: u64, status: &str, primary: Option<&str>, incidents: &[&str]| {
        (
            id.to_string(),
            seq,
            status.to_string(),
            primary.map(str::to_string),
            incidents
                .iter()
                .map(|id| id.to_string())
                .collect::<Vec<_>>(),
        )
    };
    assert_eq!(
        summary,
        vec![
            expected(
                "avenue-1",
                1,
                "superseded by avenue-1b at 5",
                Some("inc-almaty"),
                &["inc-almaty"],
            ),
            expected(
                "rights-2",
                2,
                "retracted at 7: the outlet withdrew the piece",
                None,
                &[]
            ),
            expected("capital-3", 3, "live", Some("inc-astana"), &["inc-astana"]),
            expected("witness-4", 4, "live", Some("inc-almaty"), &["inc-almaty"]),
            expected("avenue-1b", 5, "live", Some("inc-almaty"), &["inc-almaty"]),
        ]
    );
}

#[test]
fn audit_shows_the_numbers_in_their_sentences_and_the_decisions() {
    let (_dir, log) = fresh_log(&fixture_events());
    let mut out = Vec::new();
    let options = views::AuditOptions {
        id: "inc-almaty".to_string(),
        ..Default::default()
    };
    views::audit_command_with::<KeyedClusterer, _>(&log, &settings(), &options, &mut out).unwrap();
    let audit = text(out);
    insta::assert_snapshot!("replay_audit_almaty", audit.clone());
    assert!(
        audit.contains("By nightfall there were «45 detained», according to the city police."),
        "{audit}"
    );
    assert!(
        audit.contains("report avenue-1b (Steppe Wire, published 2019-06-09)"),
        "{audit}"
    );
    assert!(audit.contains("attribution: city police"), "{audit}");
    assert!(
        audit.contains("event 5 correct avenue-1 -> avenue-1b"),
        "{audit}"
    );
    assert!(
        audit.contains("event 6 link avenue-1b + witness-4: same avenue, same evening"),
        "{audit}"
    );
    // The retracted report was in this incident just before its removal.
    assert!(audit.contains("event 7 retract rights-2: the outlet withdrew the piece (recorded 2019-06-12T09:00:00Z)"), "{audit}");

    // The Astana incident was shaped by none of these.
    let mut out = Vec::new();
    let options = views::AuditOptions {
        id: "inc-astana".to_string(),
        metric: Some(Metric::Detained),
        ..Default::default()
    };
    views::audit_command_with::<KeyedClusterer, _>(&log, &settings(), &options, &mut out).unwrap();
    let audit = text(out);
    assert!(
        audit.contains("In the capital, «12 detained» near the railway station"),
        "{audit}"
    );
    assert!(audit.ends_with("decisions: none\n"), "{audit}");

    // Asking for a metric the incident has no figures for is an error.
    let options = views::AuditOptions {
        id: "inc-astana".to_string(),
        metric: Some(Metric::Killed),
        ..Default::default()
    };
    let error = views::audit_command_with::<KeyedClusterer, _>(
        &log,
        &settings(),
        &options,
        &mut Vec::new(),
    );
    assert!(matches!(error, Err(ViewError::NoSuchFigure { .. })));
}

#[test]
fn the_extraction_cache_is_reused_and_keyed_by_version() {
    let (_dir, log) = fresh_log(&fixture_events());
    // Every report still a member is extracted: the three live ones and the
    // one a correction superseded (it stays, without figures); the
    // retracted one is not.
    let live_reports = 4;

    let (extractor, calls) = counting_extractor("count/1");
    let with = |extractor: &Extractor| ProjectionSettings {
        cluster: ClusterConfig::default(),
        extractor: extractor.clone(),
        ..ProjectionSettings::default()
    };
    let first = Projection::<KeyedClusterer>::build(&log, with(&extractor), &AsOf::Head).unwrap();
    // Reports retracted within the replay are never extracted.
    assert_eq!(calls.load(Ordering::SeqCst), live_reports);
    assert_eq!(
        first.extraction_stats(),
        ExtractionStats {
            from_cache: 0,
            computed: live_reports
        }
    );

    let second = Projection::<KeyedClusterer>::build(&log, with(&extractor), &AsOf::Head).unwrap();
    assert_eq!(
        calls.load(Ordering::SeqCst),
        live_reports,
        "a second replay must not re-extract"
    );
    assert_eq!(
        second.extraction_stats(),
        ExtractionStats {
            from_cache: live_reports,
            computed: 0
        }
    );
    assert_eq!(first.state(), second.state());

    let (bumped, bumped_calls) = counting_extractor("count/2");
    Projection::<KeyedClusterer>::build(&log, with(&bumped), &AsOf::Head).unwrap();
    assert_eq!(
        bumped_calls.load(Ordering::SeqCst),
        live_reports,
        "a new version re-extracts"
    );
    // The new version's results replaced the old ones in the store.
    Projection::<KeyedClusterer>::build(&log, with(&extractor), &AsOf::Head).unwrap();
    assert_eq!(calls.load(Ordering::SeqCst), 2 * live_reports);

    // Rebuild drops the cache and extracts everything again.
    Projection::<KeyedClusterer>::rebuild(&log, with(&extractor)).unwrap();
    assert_eq!(calls.load(Ordering::SeqCst), 3 * live_reports);

    // The store holds one entry per extracted report, tagged with the version.
    let stored = log
        .get_projection(EXTRACTION_NAMESPACE, &5u64.to_be_bytes())
        .unwrap()
        .unwrap();
    let stored: serde_json::Value = serde_json::from_slice(&stored).unwrap();
    assert_eq!(stored["version"], "count/1");
    assert_eq!(stored["extraction"]["report"], "avenue-1b");
    assert!(
        log.get_projection(EXTRACTION_NAMESPACE, &2u64.to_be_bytes())
            .unwrap()
            .is_none()
    );
}

#[test]
fn the_real_extractor_is_cached_under_its_version() {
    let (_dir, log) = fresh_log(&fixture_events()[..1]);
    let projection =
        Projection::<ClusterState>::build(&log, ProjectionSettings::default(), &AsOf::Head)
            .unwrap();
    assert_eq!(projection.extraction_stats().computed, 1);
    let stored = log
        .get_projection(EXTRACTION_NAMESPACE, &1u64.to_be_bytes())
        .unwrap()
        .unwrap();
    let stored: serde_json::Value = serde_json::from_slice(&stored).unwrap();
    assert_eq!(stored["version"], EXTRACTOR_VERSION);
}

#[test]
fn decision_commands_validate_then_append_one_event() {
    let events = fixture_events();
    let (_dir, mut log) = fresh_log(&events[..4]);
    let when = at("2019-06-13T10:00:00Z");

    let error = views::link(&mut log, "avenue-1", "nowhere-9", "same day", when).unwrap_err();
    assert!(
        matches!(error, ViewError::ReportNotFound { ref id } if id == "nowhere-9"),
        "{error}"
    );
    let error = views::link(&mut log, "avenue-1", "avenue-1", "same day", when).unwrap_err();
    assert!(matches!(error, ViewError::SameReport { .. }), "{error}");
    let error = views::link(&mut log, "avenue-1", "witness-4", "  ", when).unwrap_err();
    assert!(matches!(error, ViewError::EmptyReason), "{error}");
    assert_eq!(log.len(), 4, "rejected decisions write nothing");

    let seq = views::link(&mut log, "avenue-1", "witness-4", "same avenue", when).unwrap();
    assert_eq!(seq, 5);
    assert_eq!(log.get(5).unwrap().unwrap().type_name, "ReportsLinked");

    let seq = views::retract(&mut log, "capital-3", "wrong city", when).unwrap();
    assert_eq!(seq, 6);
    let error = views::retract(&mut log, "capital-3", "again", when).unwrap_err();
    assert!(matches!(error, ViewError::ReportNotLive { .. }), "{error}");
    assert!(
        error.to_string().contains("retracted at 6: wrong city"),
        "{error}"
    );
    let error = views::link(&mut log, "capital-3", "avenue-1", "late", when).unwrap_err();
    assert!(matches!(error, ViewError::ReportNotLive { .. }), "{error}");

    let split = |log: &mut SledLog, incident: &str, report: &str| {
        views::decide::split_with::<KeyedClusterer, _>(
            log,
            &settings(),
            incident,
            report,
            "different street",
            when,
        )
    };
    let error = split(&mut log, "inc-nowhere", "avenue-1").unwrap_err();
    assert!(
        matches!(error, ViewError::IncidentNotFound { .. }),
        "{error}"
    );
    let error = split(&mut log, "inc-almaty", "nowhere-9").unwrap_err();
    assert!(matches!(error, ViewError::ReportNotFound { .. }), "{error}");
    let error = split(&mut log, "inc-almaty", "capital-3").unwrap_err();
    assert!(
        matches!(error, ViewError::ReportNotInIncident { .. }),
        "{error}"
    );
    assert_eq!(log.len(), 6);

    let seq = split(&mut log, "inc-almaty", "witness-4").unwrap();
    assert_eq!(seq, 7);
    let state = keyed_state(&log, &AsOf::Head);
    assert!(
        !state
            .incident("inc-almaty")
            .unwrap()
            .reports
            .contains(&"witness-4".to_string())
    );
    let decision = state.decisions.last().unwrap();
    assert_eq!(
        (
            decision.kind,
            decision.incident.as_deref(),
            decision.reason.as_str()
        ),
        (DecisionKind::Split, Some("inc-almaty"), "different street")
    );

    // With the real clustering (a stub today), splitting out of an unknown
    // incident is refused the same way.
    let error = views::split(
        &mut log,
        &ClusterConfig::default(),
        "inc-almaty",
        "avenue-1",
        "x",
        when,
    )
    .unwrap_err();
    assert!(
        matches!(error, ViewError::IncidentNotFound { .. }),
        "{error}"
    );
}

#[test]
fn views_never_write_to_the_log() {
    let (_dir, log) = fresh_log(&fixture_events());
    let head = (log.len(), log.head_hash());
    let mut sink = Vec::new();
    views::incidents_command(&log, &views::IncidentsOptions::default(), &mut sink).unwrap();
    views::incidents_command(
        &log,
        &views::IncidentsOptions {
            json: true,
            ..Default::default()
        },
        &mut sink,
    )
    .unwrap();
    views::reports_command(&log, &views::ReportsOptions::default(), &mut sink).unwrap();
    for format in [
        ExportFormat::Csv,
        ExportFormat::Jsonl,
        ExportFormat::Geojson,
    ] {
        views::export_command(
            &log,
            &views::ExportOptions {
                format,
                ..Default::default()
            },
            &mut sink,
        )
        .unwrap();
    }
    let explain = views::ExplainOptions {
        a: "avenue-1b".to_string(),
        b: "witness-4".to_string(),
        ..Default::default()
    };
    views::explain_command(&log, &explain, &mut sink).unwrap();
    let missing = views::ExplainOptions {
        a: "avenue-1b".to_string(),
        b: "nowhere-9".to_string(),
        ..Default::default()
    };
    assert!(matches!(
        views::explain_command(&log, &missing, &mut sink),
        Err(ViewError::ReportNotFound { .. })
    ));
    assert_eq!((log.len(), log.head_hash()), head);
}

#[test]
fn export_to_a_file_writes_the_same_bytes() {
    let (dir, log) = fresh_log(&fixture_events());
    let path = dir.path().join("incidents.csv");
    let options = views::ExportOptions {
        format: ExportFormat::Csv,
        out_file: Some(path.clone()),
        ..Default::default()
    };
    let mut unused = Vec::new();
    views::export_command(&log, &options, &mut unused).unwrap();
    assert!(unused.is_empty());
    let mut direct = Vec::new();
    views::export_command(
        &log,
        &views::ExportOptions {
            out_file: None,
            ..options
        },
        &mut direct,
    )
    .unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), direct);
}
