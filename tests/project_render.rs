//! Readable renderings of hand-built incidents (`show`, `audit`, the
//! incidents table, the reports table, `explain`) and the export formats,
//! as insta snapshots. The incidents are invented for these tests.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};

use concord::cluster::PairExplanation;
use concord::extract::model::{DatePrecision, EventKind, Metric, PlaceLevel, Qualifier};
use concord::incident::*;
use concord::project::{DecisionKind, DecisionRecord, ProjectedState, ReportEntry, ReportStatus};
use concord::views::{self, ExportFormat};

fn claim(
    report: &str,
    value: u64,
    qualifier: Qualifier,
    lo: u64,
    hi: Option<u64>,
    quote: &str,
    sentence: &str,
) -> Claim {
    Claim {
        report: report.to_string(),
        value: Some(value),
        value_hi: None,
        qualifier,
        lo,
        hi,
        places: vec!["Almaty".to_string()],
        span: [10, 10 + quote.len()],
        quote: quote.to_string(),
        sentence: sentence.to_string(),
        quote_in_sentence: None,
        phrase: None,
        attributed_to: None,
        coded: None,
        quoted_from: Default::default(),
    }
}

fn reference(claims: &[Claim], index: usize) -> ClaimRef {
    ClaimRef {
        claim: index,
        report: claims[index].report.clone(),
        quote: claims[index].quote.clone(),
    }
}

fn almaty() -> Incident {
    let mut police = claim(
        "wire-1",
        40,
        Qualifier::Exact,
        40,
        Some(40),
        "40 people",
        "Police said 40 people were held after the march.",
    );
    police.attributed_to = Some("city police".to_string());
    let rights = claim(
        "daily-2",
        100,
        Qualifier::MoreThan,
        101,
        None,
        "more than 100",
        "Monitors put the number held at more than 100.",
    );
    let mut vague = claim(
        "desk-3",
        0,
        Qualifier::Vague,
        24,
        None,
        "dozens",
        "Dozens were taken away in buses.",
    );
    vague.value = None;
    vague.phrase = Some("dozens".to_string());
    let detained_claims = vec![police, rights, vague];
    let marchers = vec![claim(
        "wire-1",
        2000,
        Qualifier::Approx,
        1500,
        Some(2500),
        "about 2,000",
        "Organisers estimated about 2,000 on the avenue.",
    )];
    let mut figures = BTreeMap::new();
    figures.insert(
        Metric::Detained,
        MetricFigures {
            min: 40,
            max: 101,
            min_open: false,
            max_open: true,
            min_claim: reference(&detained_claims, 0),
            max_claim: reference(&detained_claims, 1),
            conflicts: vec![Conflict {
                claim: 2,
                report: "desk-3".to_string(),
                quote: "dozens".to_string(),
                why: "vague; does not move the bounds".to_string(),
            }],
            claims: detained_claims,
            parts: None,
        },
    );
    figures.insert(
        Metric::Participants,
        MetricFigures {
            min: 1500,
            max: 2500,
            min_open: false,
            max_open: false,
            min_claim: reference(&marchers, 0),
            max_claim: reference(&marchers, 0),
            claims: marchers,
            conflicts: Vec::new(),
            parts: None,
        },
    );
    Incident {
        id: "kz-2019-06-09-almaty".to_string(),
        level: IncidentLevel::Incident,
        parent: Some("kz-2019-06-09".to_string()),
        children: Vec::new(),
        date: "2019-06-09".to_string(),
        date_precision: DatePrecision::Day,
        place: IncidentPlace {
            name: "Almaty".to_string(),
            country: "Kazakhstan".to_string(),
            lat: Some(43.25),
            lon: Some(76.91667),
            geonames_id: 1526384,
            level: PlaceLevel::City,
        },
        sub_places: vec!["Old Square".to_string()],
        kind: EventKind::Protest,
        organizers: vec!["Open Steppe Movement".to_string()],
        reports: vec![
            "wire-1".to_string(),
            "daily-2".to_string(),
            "desk-3".to_string(),
        ],
        coded: Vec::new(),
        figures,
        replaces: vec!["kz-2019-06-09-almaty-b".to_string()],
        decisions: vec![7],
    }
}

fn national() -> Incident {
    let claims = vec![claim(
        "wire-1",
        500,
        Qualifier::AtLeast,
        500,
        None,
        "at least 500",
        "Across the country at least 500 were held.",
    )];
    let mut figures = BTreeMap::new();
    figures.insert(
        Metric::Detained,
        MetricFigures {
            min: 500,
            max: 500,
            min_open: false,
            max_open: true,
            min_claim: reference(&claims, 0),
            max_claim: reference(&claims, 0),
            claims,
            conflicts: Vec::new(),
            parts: Some(PartsCheck {
                sum_of_part_mins: 52,
                parts: vec![
                    ("kz-2019-06-09-almaty".to_string(), 40),
                    ("kz-2019-06-09-astana".to_string(), 12),
                ],
                whole_below_parts: false,
            }),
        },
    );
    Incident {
        id: "kz-2019-06-09".to_string(),
        level: IncidentLevel::Parent,
        parent: None,
        children: vec![
            "kz-2019-06-09-almaty".to_string(),
            "kz-2019-06-09-astana".to_string(),
        ],
        date: "2019-06-09".to_string(),
        date_precision: DatePrecision::Day,
        place: IncidentPlace {
            name: "Kazakhstan".to_string(),
            country: "Kazakhstan".to_string(),
            lat: Some(48.0),
            lon: Some(68.0),
            geonames_id: 1522867,
            level: PlaceLevel::Country,
        },
        sub_places: Vec::new(),
        kind: EventKind::Detentions,
        organizers: vec!["Open Steppe Movement".to_string()],
        reports: vec!["wire-1".to_string()],
        coded: Vec::new(),
        figures,
        replaces: Vec::new(),
        decisions: Vec::new(),
    }
}

fn at(instant: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(instant)
        .unwrap()
        .with_timezone(&Utc)
}

fn entry(id: &str, seq: u64, outlet: &str, published: &str, status: ReportStatus) -> ReportEntry {
    ReportEntry {
        id: id.to_string(),
        seq,
        recorded_at: at("2019-06-10T12:00:00Z"),
        outlet: Some(outlet.to_string()),
        published: NaiveDate::parse_from_str(published, "%Y-%m-%d").ok(),
        title: Some(format!("{outlet} report")),
        url: if id == "wire-1" {
            Some("https://wire.example/almaty".to_string())
        } else {
            None
        },
        supersedes: None,
        status,
        main_event: None,
        main_incident: None,
    }
}

fn state() -> ProjectedState {
    ProjectedState {
        position: 9,
        incidents: vec![national(), almaty()],
        reports: vec![
            entry("wire-1", 1, "Steppe Wire", "2019-06-09", ReportStatus::Live),
            entry(
                "daily-2",
                2,
                "Valley Daily",
                "2019-06-10",
                ReportStatus::Live,
            ),
            entry("desk-3", 3, "Night Desk", "2019-06-10", ReportStatus::Live),
            entry(
                "gone-4",
                4,
                "Rumour Mill",
                "2019-06-10",
                ReportStatus::Retracted {
                    reason: "fabricated quote".to_string(),
                    seq: 8,
                },
            ),
        ],
        decisions: vec![
            DecisionRecord {
                seq: 7,
                kind: DecisionKind::Link,
                reports: vec!["wire-1".to_string(), "desk-3".to_string()],
                incident: None,
                reason: "same square, same hour".to_string(),
                recorded_at: at("2019-06-11T08:30:00Z"),
            },
            DecisionRecord {
                seq: 8,
                kind: DecisionKind::Retract,
                reports: vec!["gone-4".to_string()],
                incident: None,
                reason: "fabricated quote".to_string(),
                recorded_at: at("2019-06-11T09:00:00Z"),
            },
        ],
    }
}

fn rendered(render: impl FnOnce(&mut Vec<u8>)) -> String {
    let mut out = Vec::new();
    render(&mut out);
    String::from_utf8(out).unwrap()
}

#[test]
fn show_renders_bounds_claims_conflicts_and_relations() {
    insta::assert_snapshot!(
        "show_almaty",
        rendered(|out| views::render_show(&almaty(), out).unwrap())
    );
    insta::assert_snapshot!(
        "show_national",
        rendered(|out| views::render_show(&national(), out).unwrap())
    );
}

#[test]
fn incidents_table_lists_ranges() {
    let state = state();
    insta::assert_snapshot!(
        "incidents_table",
        rendered(|out| views::render_incidents_table(&state.incidents, out).unwrap())
    );
    assert_eq!(
        rendered(|out| views::render_incidents_table(&[], out).unwrap()),
        "no incidents\n"
    );
}

#[test]
fn incidents_json_is_one_object_per_line_with_the_contract_fields() {
    let state = state();
    let lines = rendered(|out| views::render_incidents_json(&state.incidents, out).unwrap());
    let objects: Vec<serde_json::Value> = lines
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(objects.len(), 2);
    let almaty = &objects[1];
    for field in [
        "id",
        "parent",
        "date",
        "date_precision",
        "place",
        "kind",
        "organizers",
        "reports",
        "figures",
    ] {
        assert!(almaty.get(field).is_some(), "missing {field}");
    }
    for field in ["name", "country", "lat", "lon"] {
        assert!(
            almaty["place"].get(field).is_some(),
            "missing place.{field}"
        );
    }
    let detained = &almaty["figures"]["detained"];
    assert_eq!(detained["min"], 40);
    assert_eq!(detained["max"], 101);
    assert_eq!(detained["max_open"], true);
    assert_eq!(detained["claims"][0]["attributed_to"], "city police");
    assert_eq!(detained["claims"][1]["qualifier"], "more_than");
    assert_eq!(detained["conflicts"][0]["claim"], 2);
    for field in [
        "report",
        "value",
        "qualifier",
        "lo",
        "hi",
        "places",
        "span",
        "quote",
        "attributed_to",
    ] {
        assert!(
            detained["claims"][0].get(field).is_some(),
            "missing claim.{field}"
        );
    }
}

#[test]
fn audit_traces_every_number_and_lists_decisions() {
    let state = state();
    let incident = state.incident("kz-2019-06-09-almaty").unwrap();
    let no_context = |_: &Claim| None;
    let view = views::build_audit(
        incident,
        None,
        &state.reports,
        state.decisions.clone(),
        &no_context,
    )
    .unwrap();
    insta::assert_snapshot!(
        "audit_almaty",
        rendered(|out| views::render_audit(&view, out).unwrap())
    );

    let only_detained = views::build_audit(
        incident,
        Some(Metric::Detained),
        &state.reports,
        Vec::new(),
        &no_context,
    )
    .unwrap();
    assert_eq!(only_detained.metrics.len(), 1);
    assert_eq!(only_detained.metrics[0].claims[0].roles, ["min"]);
    assert_eq!(only_detained.metrics[0].claims[1].roles, ["max"]);
    assert_eq!(
        only_detained.metrics[0].claims[2].roles,
        ["conflict: vague; does not move the bounds"]
    );
    assert!(
        views::build_audit(
            incident,
            Some(Metric::Killed),
            &state.reports,
            Vec::new(),
            &no_context
        )
        .is_err()
    );
}

#[test]
fn decisions_shaping_picks_the_ones_that_touch_the_incident() {
    let state = state();
    let incident = state.incident("kz-2019-06-09-almaty").unwrap();
    let mut decisions = state.decisions.clone();
    decisions.push(DecisionRecord {
        seq: 9,
        kind: DecisionKind::Split,
        reports: vec!["other-5".to_string()],
        incident: Some("kz-2019-06-09-almaty-b".to_string()),
        reason: "another street".to_string(),
        recorded_at: at("2019-06-11T10:00:00Z"),
    });
    decisions.push(DecisionRecord {
        seq: 10,
        kind: DecisionKind::Link,
        reports: vec!["far-6".to_string(), "far-7".to_string()],
        incident: None,
        reason: "unrelated".to_string(),
        recorded_at: at("2019-06-11T10:00:00Z"),
    });
    let seqs = |footprints: &BTreeMap<u64, Vec<Incident>>| -> Vec<u64> {
        views::audit::decisions_shaping(incident, &decisions, footprints)
            .iter()
            .map(|decision| decision.seq)
            .collect()
    };
    // Without footprints the retraction at 8 cannot be tied to this incident.
    assert_eq!(seqs(&BTreeMap::new()), [7, 9]);
    // With gone-4 in this incident just before its retraction, it can.
    let mut before = almaty();
    before.reports.push("gone-4".to_string());
    assert_eq!(seqs(&BTreeMap::from([(8, vec![before])])), [7, 8, 9]);
    // A retraction from an unrelated incident stays out.
    let mut elsewhere = national();
    elsewhere.id = "kz-2019-06-09-shymkent".to_string();
    elsewhere.reports = vec!["gone-4".to_string()];
    assert_eq!(seqs(&BTreeMap::from([(8, vec![elsewhere])])), [7, 9]);
}

#[test]
fn sentences_are_marked_around_the_quote() {
    fn check(claim: &Claim, context: Option<(&str, [usize; 2])>, expected: &str) {
        let context = context.map(|(text, sentence_span)| views::audit::SentenceContext {
            text,
            sentence_span,
            quote_span: claim.span,
        });
        assert_eq!(views::audit::mark_sentence(claim, context), expected);
    }
    let text = "Intro line.\nPolice said 40 people\nwere held. Then rain.";
    let mut located = claim(
        "wire-1",
        40,
        Qualifier::Exact,
        40,
        Some(40),
        "40 people",
        "unused",
    );
    located.span = [24, 33];
    assert_eq!(&text[24..33], "40 people");
    check(
        &located,
        Some((text, [12, 44])),
        "Police said «40 people» were held.",
    );
    // A span outside the sentence, or a span that is not on character
    // boundaries, falls back to searching the claim's own sentence.
    located.sentence = "Police said 40 people were held.".to_string();
    check(
        &located,
        Some((text, [0, 11])),
        "Police said «40 people» were held.",
    );
    let mid_character = Claim {
        span: [1, 2],
        ..located.clone()
    };
    check(
        &mid_character,
        Some(("é", [0, 2])),
        "Police said «40 people» were held.",
    );
    // Found whatever the case of its first letter.
    let mut vague = located.clone();
    vague.quote = "dozens".to_string();
    vague.sentence = "Dozens were taken away.".to_string();
    check(&vague, None, "«Dozens» were taken away.");
    // The quote is not in the sentence: shown after it.
    located.sentence = "Police gave a figure.".to_string();
    check(&located, None, "Police gave a figure. [«40 people»]");
}

#[test]
fn reports_table_shows_status_and_incidents() {
    let state = state();
    let rows = views::report_rows(&state);
    assert_eq!(rows[0].incidents, ["kz-2019-06-09", "kz-2019-06-09-almaty"]);
    // A single-place incident is preferred over the day of action.
    assert_eq!(
        rows[0].primary_incident.as_deref(),
        Some("kz-2019-06-09-almaty")
    );
    assert_eq!(rows[3].primary_incident, None);
    insta::assert_snapshot!(
        "reports_table",
        rendered(|out| views::render_reports_table(&rows, out).unwrap())
    );
}

#[test]
fn explain_renders_feature_by_feature() {
    let step = |comparison: &str, level: &str, weight: f64, m: Option<f64>, detail: &str| {
        concord::cluster::ExplainedComparison {
            comparison: comparison.to_string(),
            level: level.to_string(),
            weight,
            m,
            u: m.map(|m| m / weight.exp2()),
            term_frequency_adjustment: None,
            detail: detail.to_string(),
        }
    };
    let mut same_city = step("place", "place_same_city", 0.4, Some(0.8), "Almaty");
    same_city.term_frequency_adjustment = Some(-0.25);
    let explanation = PairExplanation {
        model: "estimated at event 9 (em)".to_string(),
        prior: -0.5,
        features: vec![
            step("date", "date_same_day", 0.35, Some(0.5), "both 2019-06-09"),
            same_city,
            step(
                "organizers",
                "organizers_conflict",
                -0.1,
                None,
                "no shared organizer",
            ),
        ],
        total: 0.65,
        threshold: 0.5,
        match_weight: 0.15,
        probability: 0.526,
        same_incident: true,
        candidate: true,
        hard_constraint: None,
    };
    insta::assert_snapshot!(
        "explain_pair",
        rendered(|out| views::render_explanation("wire-1", "desk-3", &explanation, out).unwrap())
    );
}

#[test]
fn exports_are_sorted_and_stable() {
    let state = state();
    let csv = rendered(|out| views::render_export(&state, ExportFormat::Csv, out).unwrap());
    insta::assert_snapshot!("export_csv", csv);
    let geojson = rendered(|out| views::render_export(&state, ExportFormat::Geojson, out).unwrap());
    let parsed: serde_json::Value = serde_json::from_str(&geojson).unwrap();
    assert_eq!(parsed["type"], "FeatureCollection");
    assert_eq!(parsed["features"][0]["geometry"]["coordinates"][0], 68.0);
    assert_eq!(
        parsed["features"][1]["properties"]["figures"]["detained"]["max"],
        101
    );
    // Same date: ordered by id, whatever order the state holds them in.
    let mut shuffled = state.clone();
    shuffled.incidents.reverse();
    for format in [
        ExportFormat::Csv,
        ExportFormat::Jsonl,
        ExportFormat::Geojson,
    ] {
        assert_eq!(
            rendered(|out| views::render_export(&state, format, out).unwrap()),
            rendered(|out| views::render_export(&shuffled, format, out).unwrap())
        );
    }
    assert_eq!(
        "GeoJSON".parse::<ExportFormat>().unwrap(),
        ExportFormat::Geojson
    );
    assert!("xlsx".parse::<ExportFormat>().is_err());
}

#[test]
fn figure_ranges_read_like_ranges() {
    fn check(min: u64, max: u64, min_open: bool, max_open: bool, expected: &str) {
        let mut figures = almaty().figures[&Metric::Detained].clone();
        figures.min = min;
        figures.max = max;
        figures.min_open = min_open;
        figures.max_open = max_open;
        assert_eq!(views::figure_range(&figures), expected);
    }
    check(53, 101, false, true, "53..101+");
    check(53, 101, false, false, "53..101");
    check(12, 12, false, false, "12");
    check(12, 12, false, true, "12+");
    check(12, 30, true, false, ">12..30");
}
