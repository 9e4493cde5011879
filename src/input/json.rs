//! JSON files (one report object or an array of them) and JSON Lines (one
//! report object per line, read line by line).

use std::io::{BufRead, Read};

use serde_json::{Map, Value};

use super::{
    InputDefaults, InputError, InputLocation, InputProblem, InputWarning, InputWarningProblem,
    MAX_FIELD_NESTING, MAX_REPORT_BYTES, PUBLISHED_UNREAD_KEY, ReadReport, ReportSink,
    apply_defaults, hand_over, line_and_column, read_published_into,
};
use crate::report::Report;

pub(crate) fn read_json_file(
    text: &str,
    display: &str,
    file_stem: &str,
    defaults: &InputDefaults,
    sink: &mut dyn ReportSink,
) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(error) => {
            return sink.report(Err(InputError::new(
                InputLocation::at_line(display, error.line()).with_column(error.column()),
                syntax_problem(&error),
            )));
        }
    };
    match value {
        Value::Array(elements) => {
            if elements.is_empty() {
                return sink.report(Err(InputError::new(
                    InputLocation::file(display),
                    InputProblem::EmptyBody("is an empty JSON array (no reports)"),
                )));
            }
            for (index, element) in elements.into_iter().enumerate() {
                let location = InputLocation {
                    array_element: std::num::NonZeroUsize::new(index + 1),
                    ..InputLocation::file(display)
                };
                let fallback_id = format!("{file_stem}[{}]", index + 1);
                hand_over(
                    sink,
                    report_from_json(element, fallback_id, location, display, defaults),
                );
            }
        }
        other => hand_over(
            sink,
            report_from_json(
                other,
                file_stem.to_string(),
                InputLocation::file(display),
                display,
                defaults,
            ),
        ),
    }
}

pub(crate) fn read_json_lines(
    mut reader: impl BufRead,
    display: &str,
    id_prefix: &str,
    defaults: &InputDefaults,
    sink: &mut dyn ReportSink,
) {
    let mut line_number = 0usize;
    let mut saw_a_report_line = false;
    let mut buffer = Vec::new();
    loop {
        buffer.clear();
        let read = Read::take(&mut reader, MAX_REPORT_BYTES + 1).read_until(b'\n', &mut buffer);
        match read {
            Ok(0) => break,
            Ok(_) => {}
            Err(error) => {
                sink.report(Err(InputError::new(
                    InputLocation::at_line(display, line_number + 1),
                    InputProblem::Io(error),
                )));
                return;
            }
        }
        line_number += 1;
        let location = InputLocation::at_line(display, line_number);
        if buffer.len() as u64 > MAX_REPORT_BYTES && buffer.last() != Some(&b'\n') {
            // Skip the rest of the overlong line so the next one is read
            // from its start.
            let mut rest = buffer.len() as u64;
            let mut chunk = Vec::new();
            loop {
                chunk.clear();
                match Read::take(&mut reader, 1 << 20).read_until(b'\n', &mut chunk) {
                    Ok(0) => break,
                    Ok(n) => {
                        rest += n as u64;
                        if chunk.last() == Some(&b'\n') {
                            break;
                        }
                    }
                    Err(_) => break,
                }
            }
            saw_a_report_line = true;
            sink.report(Err(InputError::new(
                location,
                InputProblem::TooLarge { size: rest },
            )));
            continue;
        }
        let line = trim_line_end(&buffer);
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        saw_a_report_line = true;
        if let Some(offset) = line.iter().position(|&b| b == 0) {
            let (_, column) = line_and_column(line, offset);
            sink.report(Err(InputError::new(
                location.with_column(column),
                InputProblem::Binary { offset },
            )));
            continue;
        }
        let text = match std::str::from_utf8(line) {
            Ok(text) => text,
            Err(error) => {
                let offset = error.valid_up_to();
                sink.report(Err(InputError::new(
                    location.with_column(offset + 1),
                    InputProblem::InvalidUtf8 { offset },
                )));
                continue;
            }
        };
        let text = if line_number == 1 {
            text.strip_prefix('\u{feff}').unwrap_or(text)
        } else {
            text
        };
        let value: Value = match serde_json::from_str(text) {
            Ok(value) => value,
            Err(error) => {
                sink.report(Err(InputError::new(
                    location.with_column(error.column()),
                    syntax_problem(&error),
                )));
                continue;
            }
        };
        let fallback_id = format!("{id_prefix}:{line_number}");
        hand_over(
            sink,
            report_from_json(value, fallback_id, location, display, defaults),
        );
    }
    if !saw_a_report_line {
        sink.report(Err(InputError::new(
            InputLocation::file(display),
            InputProblem::Empty,
        )));
    }
}

fn trim_line_end(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// A parse error as an input problem. serde_json reports too deep a
/// nesting as a syntax error ("recursion limit exceeded"), which would send
/// the user looking for a typo; it gets its own message.
fn syntax_problem(error: &serde_json::Error) -> InputProblem {
    let message = syntax_message(error);
    if message.starts_with("recursion limit exceeded") {
        InputProblem::JsonTooDeep
    } else {
        InputProblem::JsonSyntax(message)
    }
}

/// How many levels of arrays and objects `value` nests (0 for a scalar).
/// Iterative, so that it is safe on any value, whatever parsed it.
fn nesting_depth(value: &Value) -> usize {
    let mut deepest = 0;
    let mut pending = vec![(value, 1usize)];
    while let Some((value, depth)) = pending.pop() {
        let children: Box<dyn Iterator<Item = &Value>> = match value {
            Value::Array(items) => Box::new(items.iter()),
            Value::Object(fields) => Box::new(fields.values()),
            _ => continue,
        };
        deepest = deepest.max(depth);
        pending.extend(children.map(|child| (child, depth + 1)));
    }
    deepest
}

/// serde_json's message without its own " at line L column C" suffix, since
/// the location is printed in front.
fn syntax_message(error: &serde_json::Error) -> String {
    let message = error.to_string();
    match message.rfind(" at line ") {
        Some(cut) => message[..cut].to_string(),
        None => message,
    }
}

fn optional_string(
    object: &mut Map<String, Value>,
    field: &str,
    location: &InputLocation,
) -> Result<Option<String>, InputError> {
    match object.remove(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(InputError::new(
            location.clone(),
            InputProblem::BadField {
                field: field.to_string(),
                problem: format!("must be a string, not {}", kind_of(&other)),
            },
        )),
    }
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

pub(crate) fn report_from_json(
    value: Value,
    fallback_id: String,
    location: InputLocation,
    display: &str,
    defaults: &InputDefaults,
) -> Result<ReadReport, InputError> {
    let mut object = match value {
        Value::Object(object) => object,
        other => {
            return Err(InputError::new(
                location,
                InputProblem::BadField {
                    field: "report".to_string(),
                    problem: format!("must be a JSON object, not {}", kind_of(&other)),
                },
            ));
        }
    };
    // A web page given as `html` is stored as the page; concord reads its
    // text. Given with a `text` as well, which of the two is the source
    // would be a guess.
    let html = match object.remove("html") {
        None | Some(Value::Null) => None,
        Some(Value::String(html)) => Some(html),
        Some(other) => {
            return Err(InputError::new(
                location,
                InputProblem::BadField {
                    field: "html".to_string(),
                    problem: format!("must be a string, not {}", kind_of(&other)),
                },
            ));
        }
    };
    let text = match (object.remove("text"), &html) {
        (None | Some(Value::Null), Some(_)) => None,
        (None | Some(Value::Null), None) => {
            return Err(InputError::new(location, InputProblem::MissingText));
        }
        (Some(Value::String(_)), Some(_)) => {
            return Err(InputError::new(
                location,
                InputProblem::BadField {
                    field: "html".to_string(),
                    problem: "cannot be given together with `text`: give the page as `html` (concord reads its text) or its text as `text`".to_string(),
                },
            ));
        }
        (Some(Value::String(text)), None) => Some(text),
        (Some(other), _) => {
            return Err(InputError::new(
                location,
                InputProblem::BadField {
                    field: "text".to_string(),
                    problem: format!("must be a string, not {}", kind_of(&other)),
                },
            ));
        }
    };
    let is_page = html.is_some();
    let text = text.or(html).unwrap_or_default();
    if text.trim().is_empty() {
        return Err(InputError::new(
            location,
            InputProblem::EmptyBody(if is_page {
                "has an empty `html`"
            } else {
                "has an empty `text`"
            }),
        ));
    }
    let id = match object.remove("id") {
        None | Some(Value::Null) => fallback_id,
        Some(Value::String(id)) if id.trim().is_empty() => fallback_id,
        Some(Value::String(id)) => id,
        // Numeric ids are common in exports from databases.
        Some(Value::Number(n)) => n.to_string(),
        Some(other) => {
            return Err(InputError::new(
                location,
                InputProblem::BadField {
                    field: "id".to_string(),
                    problem: format!("must be a string or a number, not {}", kind_of(&other)),
                },
            ));
        }
    };
    let mut report = Report::new(id, text);
    report.source = Some(display.to_string());
    report.outlet = optional_string(&mut object, "outlet", &location)?;
    report.title = optional_string(&mut object, "title", &location)?;
    report.url = optional_string(&mut object, "url", &location)?;
    report.language = optional_string(&mut object, "language", &location)?;
    report.corrects = optional_string(&mut object, "corrects", &location)?;
    let warning = match object.remove("published") {
        None | Some(Value::Null) => None,
        Some(Value::String(published)) if published.trim().is_empty() => None,
        Some(Value::String(published)) => {
            read_published_into(&mut report, &published, location.clone())
        }
        // A number (a Unix time, in seconds or milliseconds?) or any other
        // JSON value is no more readable than an unknown string, and no
        // more a reason to lose the report: kept as it was given.
        Some(other) => {
            let warning = InputWarning {
                location: location.clone(),
                report_id: Some(report.id.clone()),
                problem: InputWarningProblem::UnreadPublished(other.to_string()),
            };
            report
                .metadata
                .insert(PUBLISHED_UNREAD_KEY.to_string(), other);
            Some(warning)
        }
    };
    // concord's own fields that only the log sets are not taken from input.
    object.remove("source");
    object.remove("body_offset");
    object.remove("readable");
    for (key, value) in object {
        match (key.as_str(), value) {
            // A `metadata` object (as in concord's own report JSON) is
            // merged rather than nested, so exports read back the same.
            ("metadata", Value::Object(inner)) => report.metadata.extend(inner),
            (_, value) => {
                report.metadata.insert(key, value);
            }
        }
    }
    for (field, value) in &report.metadata {
        let depth = nesting_depth(value);
        if depth > MAX_FIELD_NESTING {
            return Err(InputError::new(
                location,
                InputProblem::FieldTooDeep {
                    field: field.clone(),
                    depth,
                },
            ));
        }
    }
    let mut warnings: Vec<InputWarning> = warning.into_iter().collect();
    if is_page {
        let page = super::html::read_page(&report.text);
        warnings.extend(super::html::apply_page(&mut report, page, &location));
    }
    apply_defaults(&mut report, defaults);
    Ok(ReadReport { report, warnings })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_lines_and_warnings(input: &str) -> (Vec<Result<Report, String>>, Vec<String>) {
        let mut out = Vec::new();
        let mut warnings = Vec::new();
        read_json_lines(
            input.as_bytes(),
            "feed.jsonl",
            "feed.jsonl",
            &InputDefaults::default(),
            &mut super::super::ClosureSink {
                on_report: |r: Result<Report, InputError>| out.push(r.map_err(|e| e.to_string())),
                on_warning: |w: InputWarning| warnings.push(w.to_string()),
            },
        );
        (out, warnings)
    }

    fn read_lines(input: &str) -> Vec<Result<Report, String>> {
        read_lines_and_warnings(input).0
    }

    #[test]
    fn json_lines_keep_going_after_a_bad_line() {
        let out = read_lines(
            "{\"text\":\"first\"}\n\n{\"text\": oops}\n{\"id\":\"c\",\"text\":\"third\",\"desk\":1}\r\n{\"title\":\"no text\"}\n",
        );
        assert_eq!(out.len(), 4);
        assert_eq!(out[0].as_ref().unwrap().id, "feed.jsonl:1");
        assert!(
            out[1]
                .as_ref()
                .unwrap_err()
                .starts_with("feed.jsonl:3:10: JSON syntax error"),
            "{:?}",
            out[1]
        );
        let third = out[2].as_ref().unwrap();
        assert_eq!((third.id.as_str(), third.text.as_str()), ("c", "third"));
        assert_eq!(third.metadata["desk"], 1);
        assert!(
            out[3]
                .as_ref()
                .unwrap_err()
                .contains("feed.jsonl:5: has no `text` field")
        );
    }

    #[test]
    fn json_field_problems_are_named() {
        let check = |line: &str, expected: &str| {
            let out = read_lines(line);
            let message = out[0].as_ref().unwrap_err();
            assert!(
                message.contains(expected),
                "{message} does not contain {expected}"
            );
        };
        check("{\"text\": 5}", "`text` must be a string, not a number");
        check(
            "{\"text\": \"x\", \"outlet\": [1]}",
            "`outlet` must be a string, not an array",
        );
        check("[1, 2]", "`report` must be a JSON object, not an array");
        check("{\"text\": \"  \"}", "has an empty `text`");
    }

    #[test]
    fn published_may_be_missing_null_or_rfc3339() {
        let out = read_lines(
            "{\"text\":\"a\",\"published\":null}\n{\"text\":\"b\",\"published\":\"2021-03-04T01:00:00-05:00\"}\n",
        );
        assert_eq!(out[0].as_ref().unwrap().published, None);
        assert_eq!(
            out[1].as_ref().unwrap().published,
            chrono::NaiveDate::from_ymd_opt(2021, 3, 4)
        );
    }

    #[test]
    fn an_unreadable_published_keeps_the_report_and_the_value() {
        let (out, warnings) = read_lines_and_warnings(
            "{\"id\":\"a\",\"text\":\"x\",\"published\":\"01/05/2023\"}\n{\"id\":\"b\",\"text\":\"y\",\"published\":1479938280}\n{\"id\":\"c\",\"text\":\"z\",\"published\":\"Dec. 9, 2016\"}\n",
        );
        let ambiguous = out[0].as_ref().unwrap();
        assert_eq!(ambiguous.published, None);
        assert_eq!(ambiguous.metadata[PUBLISHED_UNREAD_KEY], "01/05/2023");
        let unix_time = out[1].as_ref().unwrap();
        assert_eq!(unix_time.published, None);
        assert_eq!(unix_time.metadata[PUBLISHED_UNREAD_KEY], 1479938280);
        assert_eq!(
            out[2].as_ref().unwrap().published,
            chrono::NaiveDate::from_ymd_opt(2016, 12, 9)
        );
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(
            warnings[0].starts_with("feed.jsonl:1: `published` is \"01/05/2023\""),
            "{}",
            warnings[0]
        );
        assert!(warnings[1].starts_with("feed.jsonl:2: "), "{}", warnings[1]);
    }
}
