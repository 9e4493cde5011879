//! The claims of a stored coded row: a pure function of the row's bytes
//! and the mapping stored with it. The reader (`read.rs`) checks a row with
//! the same functions before storing it, so a stored row always reads; this
//! side is total all the same (a log edited by hand must not panic it).

use chrono::NaiveDate;

use crate::extract::model::{
    DatePrecision, EventDate, EventKind, Extraction, Figure, FoundPlace, FoundPlaceLevel,
    MainEvent, Mention, Metric, Organizer, PlaceLevel, PlaceNameRole, Qualifier, ScopeSource,
};
use crate::extract::{EXTRACTOR_VERSION, ExtractionInput, FigurePolicy, QuotedFrom, fold_key};
use crate::gazetteer::fold_name;
use crate::input::parse_published;
use crate::report::{Metadata, Report};

use super::place::{PlaceCells, ResolvedPlace, resolve_place};
use super::{CodedCell, CodedRecord, ColumnNames, DatasetMapping, DateParts, FigureRole};

/// One cell: its value (quotes removed, `""` read as `"`, blanks around it
/// trimmed) and the byte span of that value in the row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowCell {
    pub value: String,
    pub span: [usize; 2],
}

/// Splits one CSV row (RFC 4180: fields separated by `delimiter`, a field
/// in double quotes may hold the delimiter, newlines and `""`). The span of
/// a quoted field is its inside; of an unquoted one, its trimmed bytes. A
/// quote left open runs to the end of the row.
pub fn split_row(row: &str, delimiter: char) -> Vec<RowCell> {
    let bytes = row.as_bytes();
    let mut delimiter_bytes = [0u8; 4];
    let delimiter_bytes = delimiter.encode_utf8(&mut delimiter_bytes).as_bytes();
    let at_delimiter = |position: usize| bytes[position..].starts_with(delimiter_bytes);
    let mut cells = Vec::new();
    let mut position = 0;
    loop {
        // Leading blanks before an opening quote are skipped, as readers of
        // hand-written CSV do.
        let mut start = position;
        while start < bytes.len() && (bytes[start] == b' ' || bytes[start] == b'\t') {
            if at_delimiter(start) {
                break;
            }
            start += 1;
        }
        if start < bytes.len() && bytes[start] == b'"' {
            let inside = start + 1;
            let mut cursor = inside;
            let mut value = String::new();
            let mut piece_start = inside;
            let mut closed_at = bytes.len();
            while cursor < bytes.len() {
                if bytes[cursor] == b'"' {
                    if bytes.get(cursor + 1) == Some(&b'"') {
                        value.push_str(row.get(piece_start..cursor + 1).unwrap_or(""));
                        cursor += 2;
                        piece_start = cursor;
                        continue;
                    }
                    closed_at = cursor;
                    break;
                }
                cursor += 1;
            }
            value.push_str(row.get(piece_start..closed_at).unwrap_or(""));
            // Anything between the closing quote and the delimiter is
            // ignored (malformed, but readers accept it).
            let mut next = (closed_at + 1).min(bytes.len());
            while next < bytes.len() && !at_delimiter(next) {
                next += 1;
            }
            cells.push(RowCell {
                value: value.trim().to_string(),
                span: [inside.min(closed_at), closed_at],
            });
            if next >= bytes.len() {
                break;
            }
            position = next + delimiter_bytes.len();
        } else {
            let mut end = position;
            while end < bytes.len() && !at_delimiter(end) {
                end += 1;
            }
            let raw = row.get(position..end).unwrap_or("");
            let leading = raw.len() - raw.trim_start().len();
            let trimmed = raw.trim();
            let value_start = position + leading;
            cells.push(RowCell {
                value: trimmed.to_string(),
                span: [value_start, value_start + trimmed.len()],
            });
            if end >= bytes.len() {
                break;
            }
            position = end + delimiter_bytes.len();
        }
    }
    cells
}

/// A row with its header: cells by column name.
pub(crate) struct Row<'a> {
    pub header: &'a [String],
    pub cells: Vec<RowCell>,
}

/// A cell found for a field, with the column it was read from.
pub(crate) struct FoundCell<'a> {
    pub column: &'a str,
    pub cell: &'a RowCell,
}

impl<'a> Row<'a> {
    pub fn new(header: &'a [String], row: &str, delimiter: char) -> Row<'a> {
        Row {
            header,
            cells: split_row(row, delimiter),
        }
    }

    /// The first of `names` the header has, with its cell (possibly empty).
    pub fn column(&self, names: &ColumnNames) -> Option<FoundCell<'_>> {
        names.names().iter().find_map(|name| self.named(name))
    }

    pub fn named(&self, name: &str) -> Option<FoundCell<'_>> {
        let index = self
            .header
            .iter()
            .position(|column| column.trim() == name.trim())?;
        Some(FoundCell {
            column: self.header[index].as_str(),
            cell: self.cells.get(index)?,
        })
    }

    /// The non-empty value of a field.
    pub fn value(&self, names: &ColumnNames) -> Option<FoundCell<'_>> {
        self.column(names)
            .filter(|found| !is_missing(&found.cell.value))
    }
}

/// How datasets write "no value".
fn is_missing(value: &str) -> bool {
    let value = value.trim();
    value.is_empty()
        || value.eq_ignore_ascii_case("na")
        || value.eq_ignore_ascii_case("n/a")
        || value.eq_ignore_ascii_case("null")
        || value == "-"
}

/// A cell concord could not read, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellProblem {
    pub column: String,
    pub reason: String,
}

/// A whole number as datasets write one: digits, thousands commas, a
/// trailing `.0` (a spreadsheet's float). `Ok(None)` for an empty cell.
pub fn parse_count(value: &str) -> Result<Option<u64>, String> {
    if is_missing(value) {
        return Ok(None);
    }
    let value = value.trim();
    let digits = value.strip_suffix(".0").unwrap_or(value).replace(',', "");
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        return digits
            .parse::<u64>()
            .map(Some)
            .map_err(|_| format!("{value:?} is too large a number"));
    }
    Err(format!("{value:?} is not a whole number"))
}

/// A count read from text: qualifier, number, upper number of a range,
/// and the figure policy's vague phrase.
pub type CountText = (Qualifier, Option<u64>, Option<u64>, Option<&'static str>);

/// A count written as text (Mass Mobilization's `participants`): the
/// qualifier, the number, the upper number of a range, and a vague phrase
/// of the figure policy. `None` when it is none of the forms below.
///
/// `50` exact; `>50`, `more than 50`, `over 50` more than; `50+`, `at least
/// 50` at least; `<50`, `fewer than 50`, `less than 50` fewer than; `50-99`
/// a range; `about 50`, `~50` approximately; `100s`, `1000s`, `10000s` the
/// policy's hundreds, thousands, tens of thousands; `dozens`, `hundreds`,
/// `several thousand` and the policy's other vague phrases.
pub fn parse_count_text(value: &str) -> Option<CountText> {
    // Lowercase with single spaces, punctuation kept (`fold_name` would
    // drop the `-` of "50-99" and the `>` of ">50").
    let folded = value
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let text = folded.as_str();
    if text.is_empty() {
        return None;
    }
    let number = |s: &str| -> Option<u64> {
        let s = s.trim().replace(',', "");
        (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    if let Some(n) = number(text) {
        return Some((Qualifier::Exact, Some(n), None, None));
    }
    for (prefix, qualifier) in [
        (">=", Qualifier::AtLeast),
        ("at least", Qualifier::AtLeast),
        (">", Qualifier::MoreThan),
        ("more than", Qualifier::MoreThan),
        ("over", Qualifier::MoreThan),
        ("<=", Qualifier::AtMost),
        ("<", Qualifier::FewerThan),
        ("fewer than", Qualifier::FewerThan),
        ("less than", Qualifier::FewerThan),
        ("about", Qualifier::Approx),
        ("approximately", Qualifier::Approx),
        ("around", Qualifier::Approx),
        ("~", Qualifier::Approx),
    ] {
        if let Some(rest) = text.strip_prefix(prefix)
            && let Some(n) = number(rest)
        {
            return Some((qualifier, Some(n), None, None));
        }
    }
    if let Some(rest) = text.strip_suffix('+')
        && let Some(n) = number(rest)
    {
        return Some((Qualifier::AtLeast, Some(n), None, None));
    }
    if let Some((low, high)) = text.split_once('-')
        && let (Some(low), Some(high)) = (number(low), number(high))
    {
        return Some((
            Qualifier::Range,
            Some(low.min(high)),
            Some(low.max(high)),
            None,
        ));
    }
    if let Some(rest) = text.strip_suffix('s')
        && let Some(n) = number(rest)
    {
        let phrase = match n {
            100 => "hundreds",
            1_000 => "thousands",
            10_000 => "tens of thousands",
            100_000 => "hundreds of thousands",
            _ => return Some((Qualifier::AtLeast, Some(n), None, None)),
        };
        return Some((Qualifier::Vague, None, None, Some(phrase)));
    }
    FigurePolicy::vague(text).map(|vague| (Qualifier::Vague, None, None, Some(vague.phrase)))
}

/// A date cell as datasets write it: any form concord reads in
/// `published` (ISO, "22 February 2020", ...), or the mapping's format.
fn parse_date_value(value: &str, format: Option<&str>) -> Option<NaiveDate> {
    let value = value.trim();
    if let Some(format) = format
        && let Ok(date) = NaiveDate::parse_from_str(value, format)
    {
        return Some(date);
    }
    parse_published(value)
}

/// A date read from its cells, with the text and span a claim names.
#[derive(Debug, Clone)]
pub(crate) struct DateCell {
    pub date: NaiveDate,
    pub text: String,
    pub span: [usize; 2],
}

fn read_date(
    row: &Row<'_>,
    single: &ColumnNames,
    parts: Option<&DateParts>,
    format: Option<&str>,
) -> Result<Option<DateCell>, CellProblem> {
    if let Some(found) = row.value(single) {
        return match parse_date_value(&found.cell.value, format) {
            Some(date) => Ok(Some(DateCell {
                date,
                text: found.cell.value.clone(),
                span: found.cell.span,
            })),
            None => Err(CellProblem {
                column: found.column.to_string(),
                reason: format!(
                    "{:?} is not a date concord can read (2020-02-22, 22 February 2020, or give `date_format` in a mapping)",
                    found.cell.value
                ),
            }),
        };
    }
    let Some(parts) = parts else {
        return Ok(None);
    };
    let day = row.named(&parts.day);
    let month = row.named(&parts.month);
    let year = row.named(&parts.year);
    let (Some(day), Some(month), Some(year)) = (day, month, year) else {
        return Ok(None);
    };
    if [&day, &month, &year]
        .iter()
        .all(|found| is_missing(&found.cell.value))
    {
        return Ok(None);
    }
    let number = |found: &FoundCell<'_>| -> Result<u32, CellProblem> {
        parse_count(&found.cell.value)
            .ok()
            .flatten()
            .and_then(|n| u32::try_from(n).ok())
            .ok_or_else(|| CellProblem {
                column: found.column.to_string(),
                reason: format!("{:?} is not a day, month or year number", found.cell.value),
            })
    };
    let (d, m, y) = (number(&day)?, number(&month)?, number(&year)?);
    let date = i32::try_from(y)
        .ok()
        .and_then(|y| NaiveDate::from_ymd_opt(y, m, d))
        .ok_or_else(|| CellProblem {
            column: day.column.to_string(),
            reason: format!(
                "{y}-{m}-{d} ({}, {}, {}) is not a date",
                parts.year, parts.month, parts.day
            ),
        })?;
    let start = day.cell.span[0]
        .min(month.cell.span[0])
        .min(year.cell.span[0]);
    let end = day.cell.span[1]
        .max(month.cell.span[1])
        .max(year.cell.span[1]);
    Ok(Some(DateCell {
        date,
        text: date.to_string(),
        span: [start, end],
    }))
}

fn read_coordinate(row: &Row<'_>, names: &ColumnNames) -> Result<Option<f64>, CellProblem> {
    let Some(found) = row.value(names) else {
        return Ok(None);
    };
    match found.cell.value.trim().parse::<f64>() {
        Ok(number) if number.is_finite() => Ok(Some(number)),
        _ => Err(CellProblem {
            column: found.column.to_string(),
            reason: format!(
                "{:?} is not a coordinate (a decimal number)",
                found.cell.value
            ),
        }),
    }
}

/// What a row says, read from its cells. `problems` are cells that could
/// not be read (the reader rejects a row that has any); `warnings` cells
/// read as nothing (a text count in no form concord reads).
pub(crate) struct ReadRow {
    pub date: Option<DateCell>,
    pub end_date: Option<DateCell>,
    pub place: Option<ResolvedPlace>,
    pub place_cell: Option<(String, [usize; 2])>,
    pub kind: EventKind,
    pub organizers: Vec<Organizer>,
    /// (cell, figure column's metric, role, column name)
    pub figures: Vec<(RowCell, Metric, FigureRole, String)>,
    pub notes: Option<RowCell>,
    pub id: Option<String>,
    pub problems: Vec<CellProblem>,
    pub warnings: Vec<CellProblem>,
}

pub(crate) fn read_row(row: &Row<'_>, mapping: &DatasetMapping) -> ReadRow {
    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    let date_format = mapping.date_format.as_deref();
    let date = read_date(row, &mapping.date, mapping.date_parts.as_ref(), date_format)
        .unwrap_or_else(|problem| {
            problems.push(problem);
            None
        });
    let end_date = read_date(
        row,
        &mapping.end_date,
        mapping.end_date_parts.as_ref(),
        date_format,
    )
    .unwrap_or_else(|problem| {
        problems.push(problem);
        None
    });
    let latitude = read_coordinate(row, &mapping.latitude).unwrap_or_else(|problem| {
        problems.push(problem);
        None
    });
    let longitude = read_coordinate(row, &mapping.longitude).unwrap_or_else(|problem| {
        problems.push(problem);
        None
    });
    let locality = row.value(&mapping.locality);
    let admin1 = row.value(&mapping.admin1);
    let country = row.value(&mapping.country);
    let place = resolve_place(PlaceCells {
        locality: locality.as_ref().map(|found| found.cell.value.as_str()),
        admin1: admin1.as_ref().map(|found| found.cell.value.as_str()),
        country: country
            .as_ref()
            .map(|found| found.cell.value.as_str())
            .or(mapping.country_value.as_deref()),
        coordinates: latitude.zip(longitude),
    });
    let place_cell = locality
        .as_ref()
        .or(admin1.as_ref())
        .or(country.as_ref())
        .map(|found| (found.cell.value.clone(), found.cell.span));

    let kind = row
        .value(&mapping.kind)
        .and_then(|found| {
            // CCC lists several types ("march; rally"): the first known one.
            found
                .cell
                .value
                .split([';', ','])
                .find_map(|value| mapping.kind_values.get(&fold_name(value)).copied())
        })
        .or(mapping.default_kind)
        .unwrap_or(EventKind::Other);

    let mut organizers: Vec<Organizer> = Vec::new();
    for column in &mapping.organizers {
        let Some(found) = row.named(column) else {
            continue;
        };
        for named in found.cell.value.split(';') {
            if let Some(organizer) = organizer_of(named)
                && !organizers.iter().any(|o| o.key == organizer.key)
            {
                organizers.push(organizer);
            }
        }
    }

    let mut figures = Vec::new();
    for column in &mapping.figures {
        let Some(found) = row.value(&column.column) else {
            continue;
        };
        let readable = match column.role {
            FigureRole::Text => {
                if parse_count_text(&found.cell.value).is_none() {
                    warnings.push(CellProblem {
                        column: found.column.to_string(),
                        reason: format!(
                            "{:?} is not a count concord reads (50, >50, 50+, 50-99, 100s, dozens); the row is stored without this figure",
                            found.cell.value
                        ),
                    });
                    false
                } else {
                    true
                }
            }
            _ => match parse_count(&found.cell.value) {
                Ok(_) => true,
                Err(reason) => {
                    problems.push(CellProblem {
                        column: found.column.to_string(),
                        reason,
                    });
                    false
                }
            },
        };
        if readable {
            figures.push((
                found.cell.clone(),
                column.metric,
                column.role,
                found.column.to_string(),
            ));
        }
    }
    ReadRow {
        date,
        end_date,
        place,
        place_cell,
        kind,
        organizers,
        figures,
        notes: row.value(&mapping.notes).map(|found| found.cell.clone()),
        id: row.value(&mapping.id).map(|found| found.cell.value.clone()),
        problems,
        warnings,
    }
}

/// "DCK: Democratic Choice of Kazakhstan" is the group with its acronym;
/// "Labour Group (Kazakhstan)" the group with its country.
fn organizer_of(named: &str) -> Option<Organizer> {
    let named = named.trim();
    let (alias, name) = match named.split_once(": ") {
        Some((alias, name)) if !alias.contains(' ') => (Some(alias.trim()), name.trim()),
        _ => (None, named),
    };
    let name = match name.rfind(" (") {
        Some(at) if name.ends_with(')') => name[..at].trim(),
        _ => name,
    };
    if name.is_empty() {
        return None;
    }
    let key = fold_key(name);
    (!key.is_empty()).then(|| Organizer {
        name: name.to_string(),
        aliases: alias.map(str::to_string).into_iter().collect(),
        key,
    })
}

/// One figure from one cell. `paired` says whether the row's other end of
/// the same metric's estimate (a `low` beside a `high`) holds a different
/// number: only then is a low an "at least" and a high an "at most".
fn figure_of(cell: &RowCell, metric: Metric, role: FigureRole, paired: bool) -> Option<CountText> {
    match role {
        FigureRole::Text => parse_count_text(&cell.value),
        FigureRole::Count => parse_count(&cell.value)
            .ok()
            .flatten()
            .map(|n| (Qualifier::Exact, Some(n), None, None)),
        FigureRole::Low | FigureRole::High => {
            let n = parse_count(&cell.value).ok().flatten()?;
            let qualifier = match (role, paired) {
                (FigureRole::Low, true) => Qualifier::AtLeast,
                (FigureRole::High, true) => Qualifier::AtMost,
                _ => Qualifier::Exact,
            };
            let _ = metric;
            Some((qualifier, Some(n), None, None))
        }
    }
}

/// The claims of a coded row (see the module comment). `extract_text`
/// reads the notes column, when the row has one: organizers and people it
/// names join the row's, and its figures of metrics no column gives are
/// kept, scoped to the row's place.
pub fn extract_coded_report(
    report: &Report,
    record: &CodedRecord,
    extract_text: &(dyn Fn(ExtractionInput<'_>) -> Extraction + Sync),
) -> Extraction {
    let mut diagnostics = Vec::new();
    let mut extraction = Extraction {
        report: report.id.clone(),
        extractor_version: EXTRACTOR_VERSION.to_string(),
        main: MainEvent {
            date: None,
            place: None,
            country: None,
            sub_places: Vec::new(),
            kind: EventKind::Other,
            dateline: None,
        },
        mentions: Vec::new(),
        figures: Vec::new(),
        organizers: Vec::new(),
        people: Vec::new(),
        headline: None,
        diagnostics: Vec::new(),
        places: Vec::new(),
    };
    let Some(mapping) = record.mapping.mapping() else {
        extraction.diagnostics.push(format!(
            "coded record of {} row {}: its mapping ({:?}) is unknown to this concord; nothing is read from it",
            record.dataset, record.row, record.mapping
        ));
        return extraction;
    };
    let row = Row::new(
        &record.header,
        &report.text,
        record.delimiter_with(&mapping),
    );
    let read = read_row(&row, &mapping);
    for problem in read.problems.iter().chain(&read.warnings) {
        diagnostics.push(format!(
            "{} row {}, {}: {}",
            record.dataset, record.row, problem.column, problem.reason
        ));
    }
    let date = read.date.as_ref().map(|cell| EventDate {
        date: Some(cell.date),
        precision: DatePrecision::Day,
        text: cell.text.clone(),
        span: cell.span,
        weak: false,
    });
    if let (Some(start), Some(end)) = (&read.date, &read.end_date)
        && end.date != start.date
    {
        diagnostics.push(format!(
            "{} row {}: the event lasted until {}; its incident is its first day",
            record.dataset, record.row, end.date
        ));
    }
    let place = read.place.as_ref().map(|resolved| resolved.place.clone());
    if place.is_none() {
        diagnostics.push(format!(
            "{} row {}: no place found from its place columns",
            record.dataset, record.row
        ));
    }
    if let (Some(resolved), Some((text, span))) = (&read.place, &read.place_cell) {
        extraction.places.push(FoundPlace {
            span: *span,
            text: text.clone(),
            level: match resolved.place.level {
                PlaceLevel::Country => FoundPlaceLevel::Country,
                PlaceLevel::Region => FoundPlaceLevel::Region,
                PlaceLevel::City => FoundPlaceLevel::City,
            },
            role: PlaceNameRole::Event,
            geonames_id: Some(resolved.place.geonames_id),
            name: Some(resolved.place.name.clone()),
            country_code: Some(resolved.place.country_code.clone()),
            admin1: resolved.region.clone(),
            within: None,
            lat: Some(resolved.place.lat),
            lon: Some(resolved.place.lon),
            evidence: vec![resolved.evidence.to_string()],
        });
    }
    extraction.main = MainEvent {
        date: date.clone(),
        place: place.clone(),
        country: place.as_ref().map(|p| p.country.clone()),
        sub_places: Vec::new(),
        kind: read.kind,
        dateline: None,
    };

    let scope: Vec<String> = place.iter().map(|p| p.name.clone()).collect();
    for (cell, metric, role, column) in &read.figures {
        let other_end = match role {
            FigureRole::Low => Some(FigureRole::High),
            FigureRole::High => Some(FigureRole::Low),
            _ => None,
        };
        let paired = other_end.is_some_and(|other| {
            read.figures
                .iter()
                .any(|(other_cell, other_metric, other_role, _)| {
                    *other_metric == *metric
                        && *other_role == other
                        && parse_count(&other_cell.value).ok().flatten()
                            != parse_count(&cell.value).ok().flatten()
                })
        });
        let Some((qualifier, value, value_hi, phrase)) = figure_of(cell, *metric, *role, paired)
        else {
            continue;
        };
        let (lo, hi) = FigurePolicy::interval(qualifier, value, value_hi, phrase, false);
        extraction.figures.push(Figure {
            metric: *metric,
            value,
            value_hi,
            qualifier,
            lo,
            hi,
            places: scope.clone(),
            scope_from: ScopeSource::Stated,
            span: cell.span,
            quote: cell.value.clone(),
            sentence: String::new(),
            sentence_span: cell.span,
            qualifier_words: None,
            phrase: phrase.map(str::to_string),
            attributed_to: None,
            background: false,
            date: date.clone(),
            extractor_version: EXTRACTOR_VERSION.to_string(),
            coded: Some(CodedCell {
                dataset: record.dataset.clone(),
                row: record.row,
                column: column.clone(),
            }),
            quoted_from: QuotedFrom::Text,
        });
    }
    extraction.organizers = read.organizers.clone();

    if let (Some(readable), Some(_)) = (&report.readable, &read.notes) {
        // The notes are read as a text dated by the row (so "on Saturday"
        // anchors), and their spans mapped into the row.
        let no_metadata = Metadata::new();
        let mut notes = extract_text(ExtractionInput {
            url: None,
            outlet: None,
            report_id: &report.id,
            text: &readable.text,
            title: None,
            published: read.date.as_ref().map(|cell| cell.date),
            metadata: &no_metadata,
        });
        crate::extract::map_spans_to_original(&mut notes, readable);
        for organizer in notes.organizers {
            if !extraction.organizers.iter().any(|o| o.key == organizer.key) {
                extraction.organizers.push(organizer);
            }
        }
        extraction.people = notes.people;
        let coded_metrics: Vec<Metric> = extraction.figures.iter().map(|f| f.metric).collect();
        for mut figure in notes.figures {
            if figure.background || coded_metrics.contains(&figure.metric) {
                continue;
            }
            // The notes describe the row's event, wherever they say it.
            figure.places = scope.clone();
            figure.scope_from = ScopeSource::Report;
            figure.date = date.clone();
            extraction.figures.push(figure);
        }
    }

    extraction.mentions.push(Mention {
        date,
        place,
        sub_places: Vec::new(),
        background: false,
        figures: (0..extraction.figures.len()).collect(),
    });
    extraction.diagnostics = diagnostics;
    extraction
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_split_with_spans_of_their_values() {
        let row = r#"2020-02-22, Almaty ,"Rally, then march","said ""no""",,"#;
        let cells = split_row(row, ',');
        let values: Vec<&str> = cells.iter().map(|c| c.value.as_str()).collect();
        assert_eq!(
            values,
            [
                "2020-02-22",
                "Almaty",
                "Rally, then march",
                "said \"no\"",
                "",
                ""
            ]
        );
        for cell in &cells[..3] {
            assert_eq!(&row[cell.span[0]..cell.span[1]], cell.value);
        }
        assert_eq!(split_row("a;b", ';').len(), 2);
        assert_eq!(split_row("\"open", ',')[0].value, "open");
    }

    #[test]
    fn counts_as_text() {
        assert_eq!(
            parse_count_text("100s"),
            Some((Qualifier::Vague, None, None, Some("hundreds")))
        );
        assert_eq!(
            parse_count_text(">50"),
            Some((Qualifier::MoreThan, Some(50), None, None))
        );
        assert_eq!(
            parse_count_text("50-99"),
            Some((Qualifier::Range, Some(50), Some(99), None))
        );
        assert_eq!(
            parse_count_text("1,000"),
            Some((Qualifier::Exact, Some(1000), None, None))
        );
        assert_eq!(parse_count_text("a crowd"), None);
        assert_eq!(parse_count("12"), Ok(Some(12)));
        assert_eq!(parse_count(""), Ok(None));
        assert!(parse_count("about fifty").is_err());
    }
}
