//! The two faces of `concord extract`: a readable table, and the JSON
//! contract. JSON spans are byte offsets into the file as given (front
//! matter included), so they are the stored spans plus `body_offset`.

use serde_json::{Value, json};

use crate::extract::model::{
    EventDate, Extraction, Figure, FoundPlace, PlaceLevel, PlaceRef, QuotedFrom,
};
use crate::report::Report;
use crate::safe_text::terminal_text;

fn shifted(span: [usize; 2], offset: usize) -> [usize; 2] {
    [
        span[0].saturating_add(offset),
        span[1].saturating_add(offset),
    ]
}

fn date_json(date: &Option<EventDate>, offset: usize) -> Value {
    match date {
        Some(d) => json!({
            "date": d.display(),
            "precision": d.precision,
            "text": d.text,
            "span": if d.text.is_empty() { Value::Null } else { json!(shifted(d.span, offset)) },
            "weak": d.weak,
        }),
        None => Value::Null,
    }
}

/// The main place with where it lies: its first-level region and, for a
/// city, `city` naming it (a scorer or reader matching on the city reads
/// one field whatever the level).
fn place_json(place: &Option<PlaceRef>) -> Value {
    match place {
        Some(p) => {
            let gazetteer = crate::gazetteer::Gazetteer::global();
            let index = gazetteer.by_geonames_id(p.geonames_id);
            let point = gazetteer.point_of(p);
            let admin1 = index.and_then(|i| match gazetteer.place(i).level {
                PlaceLevel::Region => Some(gazetteer.place(i).name.clone()),
                _ => gazetteer
                    .region_of(i)
                    .map(|r| gazetteer.place(r).name.clone()),
            });
            json!({
                "name": p.name,
                "level": p.level,
                "country": p.country,
                "country_code": p.country_code,
                "admin1": admin1,
                "city": (p.level == PlaceLevel::City).then(|| p.name.clone()),
                "geonames_id": p.geonames_id,
                "lat": point.map(|(lat, _)| lat),
                "lon": point.map(|(_, lon)| lon),
            })
        }
        None => Value::Null,
    }
}

fn found_place_json(place: &FoundPlace, offset: usize) -> Value {
    json!({
        "span": shifted(place.span, offset),
        "text": place.text,
        "geonames_id": place.geonames_id,
        "name": place.name,
        "country_code": place.country_code,
        "admin1": place.admin1,
        "level": place.level,
        "within": place.within,
        "lat": place.lat,
        "lon": place.lon,
        "role": place.role,
        "evidence": place.evidence,
    })
}

fn figure_json(figure: &Figure, offset: usize) -> Value {
    // A title's figure indexes the title, which front matter does not shift.
    let offset = match figure.quoted_from {
        QuotedFrom::Text => offset,
        QuotedFrom::Title => 0,
    };
    let mut value = json!({
        "metric": figure.metric,
        "value": figure.value,
        "value_hi": figure.value_hi,
        "qualifier": figure.qualifier,
        "qualifier_words": figure.qualifier_words,
        "phrase": figure.phrase,
        "lo": figure.lo,
        "hi": figure.hi,
        "places": figure.places,
        "span": shifted(figure.span, offset),
        "quote": figure.quote,
        "sentence": figure.sentence,
        "sentence_span": shifted(figure.sentence_span, offset),
        "attributed_to": figure.attributed_to,
        "background": figure.background,
        "date": figure.date.as_ref().and_then(|d| d.display()),
        "extractor_version": figure.extractor_version,
    });
    if figure.quoted_from == QuotedFrom::Title {
        value["quoted_from"] = json!("title");
    }
    value
}

/// The `concord extract --json` object for one report.
pub fn render_json(report: &Report, extraction: &Extraction) -> Value {
    let offset = report.body_offset;
    let main = &extraction.main;
    // The day the main event is placed on: the date the text states, else
    // the publication day (what clustering falls back to), marked as such
    // by `date_source`.
    let stated = main.date.as_ref().and_then(|d| d.display());
    let (main_date, date_precision, date_source) = match (&stated, report.published) {
        (Some(_), _) => (
            stated.clone(),
            main.date.as_ref().map(|d| d.precision),
            Some("text"),
        ),
        (None, Some(published)) => (
            Some(published.format("%Y-%m-%d").to_string()),
            Some(crate::extract::model::DatePrecision::Day),
            Some("published"),
        ),
        (None, None) => (None, main.date.as_ref().map(|d| d.precision), None),
    };
    json!({
        "report": extraction.report,
        "extractor_version": extraction.extractor_version,
        "figure_policy": crate::extract::policy::FIGURE_POLICY_VERSION,
        "headline": extraction.headline,
        "main": {
            "date": main_date,
            "date_precision": date_precision,
            "date_source": date_source,
            "date_text": main.date.as_ref().filter(|_| stated.is_some()).map(|d| d.text.clone()),
            "place": main.place.as_ref().map(|p| p.name.clone()),
            "place_level": main.place.as_ref().map(|p| p.level),
            "place_detail": place_json(&main.place),
            "country": main.country,
            "dateline": main.dateline.as_ref().map(|p| p.name.clone()),
            "kind": main.kind,
            "sub_places": main.sub_places.iter().map(|s| json!({"name": s.name, "span": shifted(s.span, offset)})).collect::<Vec<_>>(),
        },
        "mentions": extraction.mentions.iter().map(|m| json!({
            "date": m.date.as_ref().and_then(|d| d.display()),
            "date_precision": m.date.as_ref().map(|d| d.precision),
            "place": m.place.as_ref().map(|p| p.name.clone()),
            "place_level": m.place.as_ref().map(|p| p.level),
            "background": m.background,
            "figures": m.figures,
            "sub_places": m.sub_places.iter().map(|s| json!({"name": s.name, "span": shifted(s.span, offset)})).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "figures": extraction.figures.iter().map(|f| figure_json(f, offset)).collect::<Vec<_>>(),
        "places": extraction.places.iter().map(|p| found_place_json(p, offset)).collect::<Vec<_>>(),
        "organizers": extraction.organizers,
        "people": extraction.people,
        "diagnostics": extraction.diagnostics,
        "main_date_detail": date_json(&main.date, offset),
    })
}

fn interval(figure: &Figure) -> String {
    match figure.hi {
        Some(hi) => format!("[{}, {}]", figure.lo, hi),
        None => format!("[{}, ∞)", figure.lo),
    }
}

fn truncate(text: &str, max_chars: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max_chars {
        return flat;
    }
    let mut out: String = flat.chars().take(max_chars.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// Appends one line of the `extract` table: through
/// `safe_text::terminal_text` (the line holds the report's id, quotes and
/// names, all untrusted), then a newline.
fn push_line(out: &mut String, line: &str) {
    out.push_str(&terminal_text(line));
    out.push('\n');
}

/// A readable summary of several extractions: one block per report.
pub fn render_table(items: &[(&Report, &Extraction)]) -> String {
    let mut out = String::new();
    for (report, extraction) in items {
        let main = &extraction.main;
        let mut heading = format!("== {} ", extraction.report);
        if let Some(published) = report.published {
            heading.push_str(&format!("(published {published})"));
        }
        push_line(&mut out, &heading);
        let mut main_line = format!(
            "main: {} | {} | {:?}",
            main.date
                .as_ref()
                .and_then(|d| Some(format!(
                    "{}{}",
                    d.display()?,
                    if d.weak { " (weak)" } else { "" }
                )))
                .unwrap_or_else(|| "?".to_string()),
            main.place.as_ref().map(|p| p.name.as_str()).unwrap_or("?"),
            main.kind
        );
        if let Some(dateline) = &main.dateline {
            main_line.push_str(&format!(" | dateline {}", dateline.name));
        }
        push_line(&mut out, &main_line);
        if !extraction.mentions.is_empty() {
            let mentions: Vec<String> = extraction
                .mentions
                .iter()
                .map(|m| {
                    format!(
                        "{}@{}{}",
                        m.place.as_ref().map(|p| p.name.as_str()).unwrap_or("?"),
                        m.date
                            .as_ref()
                            .and_then(|d| d.display())
                            .unwrap_or_else(|| "?".to_string()),
                        if m.background { " (background)" } else { "" }
                    )
                })
                .collect();
            push_line(&mut out, &format!("mentions: {}", mentions.join(", ")));
        }
        if extraction.figures.is_empty() {
            push_line(&mut out, "figures: none");
        } else {
            push_line(
                &mut out,
                &format!(
                    "  {:<12} {:>8} {:<10} {:<16} {:<24} {:<4} {:<10} quote",
                    "metric", "value", "qualifier", "interval", "places", "bg", "date"
                ),
            );
            for f in &extraction.figures {
                let value = match (f.value, f.value_hi) {
                    (Some(a), Some(b)) => format!("{a}-{b}"),
                    (Some(a), None) => a.to_string(),
                    (None, _) => f.phrase.clone().unwrap_or_else(|| "?".to_string()),
                };
                push_line(
                    &mut out,
                    &format!(
                        "  {:<12} {:>8} {:<10} {:<16} {:<24} {:<4} {:<10} {}{}{}",
                        f.metric.as_str(),
                        truncate(&value, 8),
                        format!("{:?}", f.qualifier).to_lowercase(),
                        interval(f),
                        truncate(&f.places.join("+"), 24),
                        if f.background { "yes" } else { "" },
                        f.date
                            .as_ref()
                            .and_then(|d| d.display())
                            .unwrap_or_default(),
                        f.quoted_from.label(),
                        truncate(&f.quote, 40),
                        f.attributed_to
                            .as_ref()
                            .map(|a| format!(" ({a})"))
                            .unwrap_or_default(),
                    ),
                );
            }
        }
        if !extraction.organizers.is_empty() {
            let names: Vec<String> = extraction
                .organizers
                .iter()
                .map(|o| {
                    if o.aliases.is_empty() {
                        o.name.clone()
                    } else {
                        format!("{} ({})", o.name, o.aliases.join("/"))
                    }
                })
                .collect();
            push_line(&mut out, &format!("organizers: {}", names.join("; ")));
        }
        if !extraction.places.is_empty() {
            let places: Vec<String> = extraction
                .places
                .iter()
                .map(|p| {
                    let resolved = match (&p.name, &p.within) {
                        (_, Some(within)) => format!("in {within}"),
                        (Some(name), None) if name != &p.text => name.clone(),
                        _ => String::new(),
                    };
                    // The JSON spellings ("sub_place"), one vocabulary.
                    let label = |value: Value| value.as_str().unwrap_or("?").to_string();
                    let level = label(json!(p.level));
                    let role = label(json!(p.role));
                    if resolved.is_empty() {
                        format!("{} ({level}, {role})", p.text)
                    } else {
                        format!("{} → {resolved} ({level}, {role})", p.text)
                    }
                })
                .collect();
            out.push_str(&format!("places: {}\n", places.join("; ")));
        }
        for diagnostic in &extraction.diagnostics {
            push_line(&mut out, &format!("note: {diagnostic}"));
        }
        out.push('\n');
    }
    out
}
