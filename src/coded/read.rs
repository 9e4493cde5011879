//! Reading a dataset's CSV file: one report per good row, one error per
//! bad row (file, line, row, column, reason), the good rows stored.
//!
//! The `csv` crate finds where each row starts and ends (a quoted cell may
//! hold newlines); the row's bytes, exactly as in the file, become the
//! report's text, and its cells are read from those bytes with
//! `extract::split_row`, the same function extraction uses later, so what
//! the reader checked is what a replay reads.

use std::path::Path;

use crate::input::{
    InputError, InputLocation, InputProblem, InputWarning, InputWarningProblem, ReportSink,
    coded_row_problem,
};
use crate::report::{ReadableText, Report};

use super::extract::{Row, read_row};
use super::{CODED_METADATA_KEY, CodedRecord, Dataset};

/// Delimiters a file may use instead of the mapping's (to name the likely
/// one when the header reads as one column).
const OTHER_DELIMITERS: [char; 4] = [',', ';', '\t', '|'];

fn delimiter_name(delimiter: char) -> String {
    match delimiter {
        '\t' => "a tab".to_string(),
        other => format!("`{other}`"),
    }
}

/// A report id's dataset part: lowercase letters and digits, `-` between.
fn slug(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}

/// Reads one CSV file of `dataset` into `sink`. The file is read whole
/// (a dataset of a million rows is a few hundred megabytes).
pub fn read_dataset_file(path: &Path, dataset: &Dataset, sink: &mut dyn ReportSink) {
    let display = path.display().to_string();
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) => {
            let problem = if error.kind() == std::io::ErrorKind::NotFound {
                InputProblem::NotFound
            } else {
                InputProblem::Io(error)
            };
            return sink.report(Err(InputError::new(InputLocation::file(&display), problem)));
        }
    };
    let file_name = path
        .file_name()
        .map(|name| name.to_string_lossy().to_string())
        .unwrap_or_else(|| display.clone());
    read_dataset_bytes(&bytes, &display, &file_name, dataset, sink);
}

/// Reads the bytes of a CSV file of `dataset`; `display` is where messages
/// say a problem is, `file_name` names rows that have no coded id.
pub fn read_dataset_bytes(
    bytes: &[u8],
    display: &str,
    file_name: &str,
    dataset: &Dataset,
    sink: &mut dyn ReportSink,
) {
    let display = display.to_string();
    let file_error = |problem: InputProblem| -> Result<Report, InputError> {
        Err(InputError::new(InputLocation::file(&display), problem))
    };
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            return sink.report(file_error(InputProblem::InvalidUtf8 {
                offset: error.valid_up_to(),
            }));
        }
    };
    if text.trim().is_empty() {
        return sink.report(file_error(InputProblem::Empty));
    }
    let mapping = &dataset.mapping;
    let Ok(delimiter) = u8::try_from(mapping.delimiter) else {
        return sink.report(file_error(InputProblem::CodedHeader {
            reason: format!(
                "the mapping's delimiter {:?} is not a single ASCII character",
                mapping.delimiter
            ),
        }));
    };
    // A byte order mark is not part of the first column's name.
    let body_start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let body = &text[body_start..];
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(body.as_bytes());
    let mut record = csv::ByteRecord::new();

    // The header.
    let header_end = match reader.read_byte_record(&mut record) {
        Ok(true) => reader.position().byte() as usize,
        _ => return sink.report(file_error(InputProblem::Empty)),
    };
    let header_line = body
        .get(..header_end)
        .unwrap_or("")
        .trim_end_matches(['\r', '\n']);
    let header: Vec<String> = super::extract::split_row(header_line, mapping.delimiter)
        .into_iter()
        .map(|cell| cell.value)
        .collect();
    if let Some(reason) = header_problem(&header, dataset) {
        return sink.report(file_error(InputProblem::CodedHeader { reason }));
    }
    let dataset_slug = slug(&mapping.name);

    let mut row_number: u64 = 0;
    loop {
        let start = reader.position().clone();
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(error) => {
                row_number += 1;
                sink.report(Err(InputError::new(
                    InputLocation::at_line(&display, start.line() as usize),
                    coded_row_problem(row_number, None, &format!("is not a CSV row: {error}")),
                )));
                continue;
            }
        }
        let begin = record.position().map_or(start.byte(), |p| p.byte()) as usize;
        let line = record.position().map_or(start.line(), |p| p.line());
        let end = reader.position().byte() as usize;
        let row_text = body
            .get(begin..end)
            .unwrap_or("")
            .trim_end_matches(['\r', '\n']);
        if row_text.trim().is_empty() {
            continue;
        }
        row_number += 1;
        let location = InputLocation::at_line(&display, line as usize);
        let row = Row::new(&header, row_text, mapping.delimiter);
        if row.cells.len() != header.len() {
            sink.report(Err(InputError::new(
                location,
                coded_row_problem(row_number, None, &format!(
                        "has {} fields, the header has {} (a stray {} or an unclosed quote?); the row is not stored",
                        row.cells.len(),
                        header.len(),
                        delimiter_name(mapping.delimiter)
                    )),
            )));
            continue;
        }
        let read = read_row(&row, mapping);
        let mut problems = read.problems.clone();
        if read.date.is_none() && problems.is_empty() {
            let column = mapping
                .date
                .names()
                .iter()
                .find(|name| header.contains(name))
                .cloned()
                .or_else(|| mapping.date_parts.as_ref().map(|parts| parts.day.clone()))
                .unwrap_or_default();
            problems.push(super::extract::CellProblem {
                column,
                reason: "is empty (a coded event needs its date)".to_string(),
            });
        }
        if !problems.is_empty() {
            let column = problems.first().map(|p| p.column.clone());
            let reason = problems
                .iter()
                .enumerate()
                .map(|(index, problem)| {
                    if index == 0 {
                        problem.reason.clone()
                    } else {
                        format!("column `{}`: {}", problem.column, problem.reason)
                    }
                })
                .collect::<Vec<_>>()
                .join("; ");
            sink.report(Err(InputError::new(
                location,
                coded_row_problem(
                    row_number,
                    column.as_deref(),
                    &format!("{reason}; the row is not stored"),
                ),
            )));
            continue;
        }
        let id = match &read.id {
            Some(coded_id) => format!("{dataset_slug}:{coded_id}"),
            None => format!("{dataset_slug}:{file_name}:{row_number}"),
        };
        let coded = CodedRecord {
            dataset: mapping.name.clone(),
            row: row_number,
            line,
            id: read.id.clone(),
            header: header.clone(),
            mapping: dataset.source.clone(),
        };
        let mut report = Report::new(id.clone(), row_text);
        report.outlet = Some(mapping.name.clone());
        report.source = Some(display.clone());
        match serde_json::to_value(&coded) {
            Ok(value) => {
                report
                    .metadata
                    .insert(CODED_METADATA_KEY.to_string(), value);
            }
            Err(error) => {
                sink.report(Err(InputError::new(
                    location,
                    coded_row_problem(row_number, None, &format!("cannot be stored: {error}")),
                )));
                continue;
            }
        }
        if let Some(notes) = &read.notes {
            let mut readable = ReadableText::default();
            readable.push(&notes.value, notes.span[0], notes.span[1]);
            report.readable = Some(readable);
        }
        let mut warnings: Vec<String> = read
            .warnings
            .iter()
            .map(|warning| format!("column `{}`: {}", warning.column, warning.reason))
            .collect();
        if read.place.is_none() {
            warnings.push(
                "no place found from its place columns (the gazetteer knows none of them); the row is stored, and clusters by date alone".to_string(),
            );
        }
        for warning in warnings {
            sink.warning(InputWarning {
                location: location.clone(),
                report_id: Some(id.clone()),
                problem: InputWarningProblem::CodedCell {
                    row: row_number,
                    what: warning,
                },
            });
        }
        sink.report(Ok(report));
    }
}

/// Why a header cannot be read with this mapping: the date column missing
/// (naming a likely other delimiter when the header is one column).
fn header_problem(header: &[String], dataset: &Dataset) -> Option<String> {
    let mapping = &dataset.mapping;
    let has = |name: &str| header.iter().any(|column| column.trim() == name.trim());
    let has_date = mapping.date.names().iter().any(|name| has(name))
        || mapping
            .date_parts
            .as_ref()
            .is_some_and(|parts| has(&parts.day) && has(&parts.month) && has(&parts.year));
    if has_date {
        return None;
    }
    if header.len() == 1
        && let Some(other) = OTHER_DELIMITERS
            .iter()
            .copied()
            .find(|&d| d != mapping.delimiter && header[0].contains(d))
    {
        return Some(format!(
            "its header is one column, {:?}: the file looks separated by {}, not {} (give `delimiter = {:?}` in a mapping file)",
            header[0].chars().take(80).collect::<String>(),
            delimiter_name(other),
            delimiter_name(mapping.delimiter),
            other.to_string()
        ));
    }
    let wanted: Vec<String> = match &mapping.date_parts {
        Some(parts) if mapping.date.is_empty() => {
            vec![parts.day.clone(), parts.month.clone(), parts.year.clone()]
        }
        _ => mapping.date.names().to_vec(),
    };
    Some(format!(
        "has no date column: the {} mapping reads the date from {} (its header has {})",
        mapping.name,
        wanted
            .iter()
            .map(|name| format!("`{name}`"))
            .collect::<Vec<_>>()
            .join(if mapping.date_parts.is_some() {
                " and "
            } else {
                " or "
            }),
        header
            .iter()
            .take(12)
            .map(|name| format!("`{name}`"))
            .collect::<Vec<_>>()
            .join(", ")
    ))
}
