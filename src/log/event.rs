//! The event envelope and the event types.
//!
//! An event is stored as one JSON object. Its `payload` is kept as the exact
//! bytes it was first written with (`RawValue`), and the hash covers those
//! bytes: so an export read back by `concord import` reproduces the same
//! chain whatever a JSON round-trip would do to numbers or key order.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::cluster::MatchModel;
use crate::report::Report;

/// The schema version written into new events. Older versions are
/// upcast when read (see `upcast`); stored events are never rewritten,
/// because the hash covers their payload bytes as first written.
///
/// History:
/// - 1: `ReportIngested`'s payload was the report itself, flat, with
///   `published` as whatever string the source gave and no `metadata`,
///   `corrects` or `body_offset`. `ReportCorrected` nested its report but
///   with the same free-string `published`. `ReportRetracted` named the
///   retracted report `id`.
/// - 2: `ReportIngested` nests the report under `report`, like
///   `ReportCorrected`, so both share one report shape; `published` is a
///   calendar date (`YYYY-MM-DD`); a date that version 1 stored but that is
///   not a readable date is kept in `metadata["published_as_written"]`
///   rather than dropped. `ReportRetracted` names the report `report`, like
///   the other analyst events.
pub const CURRENT_SCHEMA_VERSION: u32 = 2;

/// The metadata key under which an upcast version-1 report keeps a
/// publication date that could not be read as a date.
pub const PUBLISHED_AS_WRITTEN_KEY: &str = "published_as_written";

/// The hash a chain's first event names as its predecessor.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What happened. The first three are the facts of the sources; the rest
/// are analyst decisions, which are facts about the analysis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", content = "payload")]
pub enum EventPayload {
    ReportIngested {
        report: Report,
    },
    ReportRetracted {
        report: String,
        reason: String,
    },
    ReportCorrected {
        supersedes: String,
        report: Report,
    },
    /// An analyst says two reports' main events are the same incident.
    ReportsLinked {
        a: String,
        b: String,
        reason: String,
    },
    /// An analyst says a report does not belong to an incident.
    ReportSplit {
        incident: String,
        report: String,
        reason: String,
    },
    /// `concord train` estimated a match model: from this event on, every
    /// pair is weighed by it (docs/clustering.md, "The match model").
    MatchModelEstimated {
        model: Box<MatchModel>,
        reason: String,
    },
}

impl EventPayload {
    pub fn type_name(&self) -> &'static str {
        match self {
            EventPayload::ReportIngested { .. } => "ReportIngested",
            EventPayload::ReportRetracted { .. } => "ReportRetracted",
            EventPayload::ReportCorrected { .. } => "ReportCorrected",
            EventPayload::ReportsLinked { .. } => "ReportsLinked",
            EventPayload::ReportSplit { .. } => "ReportSplit",
            EventPayload::MatchModelEstimated { .. } => "MatchModelEstimated",
        }
    }

    /// The report this event stores, if it stores one.
    pub fn report(&self) -> Option<&Report> {
        match self {
            EventPayload::ReportIngested { report }
            | EventPayload::ReportCorrected { report, .. } => Some(report),
            _ => None,
        }
    }

    pub fn report_mut(&mut self) -> Option<&mut Report> {
        match self {
            EventPayload::ReportIngested { report }
            | EventPayload::ReportCorrected { report, .. } => Some(report),
            _ => None,
        }
    }

    /// The payload alone (without the adjacent tag), as JSON.
    pub fn payload_json(&self) -> Result<String, serde_json::Error> {
        let tagged = serde_json::to_value(self)?;
        let payload = tagged
            .get("payload")
            .cloned()
            .unwrap_or(serde_json::Value::Null);
        serde_json::to_string(&payload)
    }

    /// Rebuilds a payload from its type name and payload JSON, upcasting from
    /// older schema versions first.
    pub fn from_parts(
        schema: u32,
        type_name: &str,
        payload: &str,
    ) -> Result<EventPayload, serde_json::Error> {
        if schema == 0 {
            return Err(<serde_json::Error as serde::de::Error>::custom(
                "schema version 0 does not exist; versions start at 1",
            ));
        }
        if schema > CURRENT_SCHEMA_VERSION {
            return Err(<serde_json::Error as serde::de::Error>::custom(format!(
                "schema version {schema} is newer than this concord reads (1 to {CURRENT_SCHEMA_VERSION}); a newer concord wrote it"
            )));
        }
        let payload: serde_json::Value = serde_json::from_str(payload)?;
        let payload = upcast(schema, type_name, payload);
        serde_json::from_value(serde_json::json!({ "type": type_name, "payload": payload }))
    }
}

/// Converts a payload written under an older schema into the current shape,
/// one version step at a time, so each step only knows its neighbour.
/// Anything a step does not recognise is passed through for serde to judge.
pub fn upcast(schema: u32, type_name: &str, mut payload: serde_json::Value) -> serde_json::Value {
    let mut version = schema;
    while version < CURRENT_SCHEMA_VERSION {
        payload = match version {
            1 => upcast_1_to_2(type_name, payload),
            _ => payload,
        };
        version += 1;
    }
    payload
}

fn upcast_1_to_2(type_name: &str, payload: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match (type_name, payload) {
        ("ReportIngested", Value::Object(fields)) => {
            // Version 1 stored the report flat; tolerate an already nested
            // one rather than nesting it twice.
            let already_nested = matches!(fields.get("report"), Some(Value::Object(_)))
                && !fields.contains_key("text");
            let report = if already_nested {
                fields.get("report").cloned().unwrap_or(Value::Null)
            } else {
                Value::Object(fields)
            };
            serde_json::json!({ "report": upcast_report_1_to_2(report) })
        }
        ("ReportCorrected", Value::Object(mut fields)) => {
            if let Some(report) = fields.remove("report") {
                fields.insert("report".to_string(), upcast_report_1_to_2(report));
            }
            Value::Object(fields)
        }
        ("ReportRetracted", Value::Object(mut fields)) => {
            if !fields.contains_key("report")
                && let Some(id) = fields.remove("id")
            {
                fields.insert("report".to_string(), id);
            }
            Value::Object(fields)
        }
        (_, payload) => payload,
    }
}

/// A version-1 report's `published` was a free string; version 2 wants a
/// date. Readable dates become dates, anything else moves to metadata.
fn upcast_report_1_to_2(report: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    let Value::Object(mut fields) = report else {
        return report;
    };
    match fields.remove("published") {
        Some(Value::String(written)) => match date_from_version_1_string(&written) {
            Some(date) => {
                fields.insert("published".to_string(), Value::String(date.to_string()));
            }
            None => {
                let metadata = fields
                    .entry("metadata")
                    .or_insert_with(|| Value::Object(serde_json::Map::new()));
                if let Value::Object(metadata) = metadata {
                    metadata.insert(PUBLISHED_AS_WRITTEN_KEY.to_string(), Value::String(written));
                }
            }
        },
        Some(Value::Null) | None => {}
        Some(other) => {
            fields.insert("published".to_string(), other);
        }
    }
    Value::Object(fields)
}

/// The date forms version 1 is known to have stored: a plain ISO date, or
/// an RFC 3339 timestamp whose calendar date (as written, in the source's
/// own offset) is the publication date.
fn date_from_version_1_string(written: &str) -> Option<chrono::NaiveDate> {
    let trimmed = written.trim();
    if let Ok(date) = chrono::NaiveDate::parse_from_str(trimmed, "%Y-%m-%d") {
        return Some(date);
    }
    chrono::DateTime::parse_from_rfc3339(trimmed)
        .ok()
        .map(|timestamp| timestamp.date_naive())
}

/// One event as stored and as exported by `concord log --json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredEvent {
    pub seq: u64,
    pub schema: u32,
    #[serde(rename = "type")]
    pub type_name: String,
    pub recorded_at: DateTime<Utc>,
    pub prev_hash: String,
    pub hash: String,
    pub payload: Box<RawValue>,
}

impl StoredEvent {
    pub fn decode(&self) -> Result<EventPayload, serde_json::Error> {
        EventPayload::from_parts(self.schema, &self.type_name, self.payload.get())
    }

    /// The hash this event should carry, computed from everything but the
    /// hash itself.
    pub fn expected_hash(&self) -> String {
        event_hash(
            self.seq,
            self.schema,
            &self.type_name,
            &self.recorded_at,
            &self.prev_hash,
            self.payload.get(),
        )
    }
}

pub fn event_hash(
    seq: u64,
    schema: u32,
    type_name: &str,
    recorded_at: &DateTime<Utc>,
    prev_hash: &str,
    payload: &str,
) -> String {
    let mut hasher = blake3::Hasher::new();
    hasher.update(b"concord-event/1\0");
    hasher.update(&seq.to_be_bytes());
    hasher.update(&schema.to_be_bytes());
    hasher.update(type_name.as_bytes());
    hasher.update(b"\0");
    hasher.update(
        recorded_at
            .to_rfc3339_opts(chrono::SecondsFormat::Nanos, true)
            .as_bytes(),
    );
    hasher.update(b"\0");
    hasher.update(prev_hash.as_bytes());
    hasher.update(b"\0");
    hasher.update(payload.as_bytes());
    hasher.finalize().to_hex().to_string()
}
