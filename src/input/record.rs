//! Structured monitoring records, as exported by human-rights-defender
//! monitoring databases: a title line, then `- Field` lines each followed by
//! `- value` lines (or by free-text lines for descriptions), and coordinates
//! as `Latitude: …` / `Longitude: …` lines.
//!
//! The layout alone is ambiguous (a field can have zero, one or many `- `
//! values), so a list of the field names such exports use decides which
//! `- ` lines open a field. A `- ` line that is not a known field name is a
//! value of the field before it; at the start it opens an (unknown) field.
//! Exports sometimes glue a section label to the first field
//! (`Event- Country`); the label is dropped.

use std::sync::LazyLock;

use regex::Regex;
use serde_json::{Map, Number, Value};

pub(crate) struct ParsedRecord {
    pub title: String,
    pub fields: Map<String, Value>,
}

/// Field names of monitoring-record exports, compared case-insensitively.
const KNOWN_FIELDS: &[&str] = &[
    "Country",
    "Region",
    "City",
    "Initial Date",
    "End Date",
    "Date",
    "Event Description",
    "Event Location",
    "Location",
    "Summary for Publications",
    "Summary",
    "Impact of Event",
    "Gender of HRD",
    "Violation",
    "Violations",
    "Rights Concerned",
    "HRD",
    "Type of HRD",
    "Perpetrator-State",
    "Perpetrator-Non-State",
    "Perpetrator",
    "Source",
    "Sources",
    "Monitoring Status",
    "Number of Victims",
    "Follow-up",
];

/// The fields whose presence marks a text as a monitoring record; two of
/// them must appear as `- ` lines.
const MARKER_FIELDS: &[&str] = &[
    "Country",
    "Initial Date",
    "Event Description",
    "Event Location",
    "Summary for Publications",
    "Violation",
    "Rights Concerned",
    "Monitoring Status",
];

static DASH_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:[A-Za-z]{1,20})?- (.*)$").unwrap());
static COORDINATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i)(latitude|longitude)\s*:\s*(-?\d{1,3}(?:\.\d+)?)\s*$").unwrap()
});

fn known_field(item: &str) -> Option<&'static str> {
    KNOWN_FIELDS
        .iter()
        .find(|f| f.eq_ignore_ascii_case(item))
        .copied()
}

struct FieldValues {
    name: String,
    dash_values: Vec<String>,
    prose_lines: Vec<String>,
}

pub(crate) fn parse(text: &str) -> Option<ParsedRecord> {
    let mut lines = text
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty());
    let title = lines.next()?.trim();
    if title.starts_with("- ") {
        return None;
    }
    let rest: Vec<&str> = lines.collect();
    let markers = rest
        .iter()
        .filter_map(|l| DASH_LINE.captures(l))
        .filter(|c| {
            MARKER_FIELDS
                .iter()
                .any(|m| m.eq_ignore_ascii_case(c[1].trim()))
        })
        .count();
    if markers < 2 {
        return None;
    }

    let mut fields: Vec<FieldValues> = Vec::new();
    let mut coordinates: Vec<(&'static str, Number)> = Vec::new();
    for line in rest {
        if let Some(captures) = COORDINATE_LINE.captures(line.trim()) {
            let name = if captures[1].eq_ignore_ascii_case("latitude") {
                "Latitude"
            } else {
                "Longitude"
            };
            if let Some(number) = captures[2].parse::<f64>().ok().and_then(Number::from_f64) {
                coordinates.push((name, number));
                continue;
            }
        }
        if let Some(captures) = DASH_LINE.captures(line) {
            let item = captures[1].trim();
            let opens_field = known_field(item).is_some() || fields.is_empty();
            if opens_field {
                let name = known_field(item).unwrap_or(item).to_string();
                fields.push(FieldValues {
                    name,
                    dash_values: Vec::new(),
                    prose_lines: Vec::new(),
                });
            } else if let Some(current) = fields.last_mut() {
                current.dash_values.push(item.to_string());
            }
            continue;
        }
        // Prose before any field is more title or preamble; it stays in the
        // text and is not a field.
        if let Some(current) = fields.last_mut() {
            current.prose_lines.push(line.trim().to_string());
        }
    }

    let mut out = Map::new();
    for field in fields {
        let mut values = field.dash_values;
        values.extend(field.prose_lines.iter().cloned());
        let value = match values.len() {
            0 => Value::Null,
            1 => Value::String(values.remove(0)),
            _ if !field.prose_lines.is_empty() => Value::String(values.join("\n")),
            _ => Value::Array(values.into_iter().map(Value::String).collect()),
        };
        // A field repeated without values (exports repeat section headers)
        // must not erase the values it had.
        match out.get(&field.name) {
            Some(existing) if value.is_null() && !existing.is_null() => {}
            _ => {
                out.insert(field.name, value);
            }
        }
    }
    for (name, number) in coordinates {
        out.insert(name.to_string(), Value::Number(number));
    }
    Some(ParsedRecord {
        title: title.to_string(),
        fields: out,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const INVENTED_RECORD: &str = "Georgia: journalists detained at a vigil\n\
Event- Country\n\
- Georgia\n\
- Initial Date\n\
- March 3, 2024\n\
- Event Description\n\
Officers in Batumi detained four reporters covering a candlelit vigil outside the city court.\n\
The reporters were released after six hours without charge.\n\
- Violation\n\
- (Arbitrary) Arrest and Detention\n\
- Rights Concerned\n\
- Freedom of assembly\n\
- Freedom of the press\n\
- Source\n\
- Monitoring Status\n\
- Closed\n\
- Event Location\n\
Latitude: 41.6168\n\
Longitude: 41.6367\n\
- Event Location\n\
- Summary for Publications\n\
On 3 March 2024 four journalists were detained in Batumi while covering a vigil.\n";

    #[test]
    fn parses_an_invented_record() {
        let record = parse(INVENTED_RECORD).expect("recognised");
        assert_eq!(record.title, "Georgia: journalists detained at a vigil");
        assert_eq!(
            Value::Object(record.fields),
            json!({
                "Country": "Georgia",
                "Initial Date": "March 3, 2024",
                "Event Description": "Officers in Batumi detained four reporters covering a candlelit vigil outside the city court.\nThe reporters were released after six hours without charge.",
                "Violation": "(Arbitrary) Arrest and Detention",
                "Rights Concerned": ["Freedom of assembly", "Freedom of the press"],
                "Source": null,
                "Monitoring Status": "Closed",
                "Event Location": null,
                "Latitude": 41.6168,
                "Longitude": 41.6367,
                "Summary for Publications": "On 3 March 2024 four journalists were detained in Batumi while covering a vigil.",
            })
        );
    }

    #[test]
    fn ordinary_articles_with_bullets_are_not_records() {
        assert!(
            parse("Strike spreads\n- Dockworkers walked out\n- Country-wide support grew\n")
                .is_none()
        );
        assert!(parse("- Country\n- Chile\n- Initial Date\n- May 5\n").is_none());
        assert!(parse("").is_none());
    }
}
