//! The event envelope and the event types.
//!
//! An event is stored as one JSON object. Its `payload` is kept as the exact
//! bytes it was first written with (`RawValue`), and the hash covers those
//! bytes: so an export read back by `concord import` reproduces the same
//! chain whatever a JSON round-trip would do to numbers or key order.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::report::Report;

/// The schema version written into new events. Older versions are
/// upcast when read (see `upcast`).
pub const CURRENT_SCHEMA_VERSION: u32 = 1;

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
}

impl EventPayload {
    pub fn type_name(&self) -> &'static str {
        match self {
            EventPayload::ReportIngested { .. } => "ReportIngested",
            EventPayload::ReportRetracted { .. } => "ReportRetracted",
            EventPayload::ReportCorrected { .. } => "ReportCorrected",
            EventPayload::ReportsLinked { .. } => "ReportsLinked",
            EventPayload::ReportSplit { .. } => "ReportSplit",
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
        let payload: serde_json::Value = serde_json::from_str(payload)?;
        let payload = upcast(schema, type_name, payload);
        serde_json::from_value(serde_json::json!({ "type": type_name, "payload": payload }))
    }
}

/// Converts a payload written under an older schema into the current shape.
/// Version 1 is current, so nothing changes yet; each later version adds an
/// arm here instead of rewriting stored events.
fn upcast(schema: u32, _type_name: &str, payload: serde_json::Value) -> serde_json::Value {
    match schema {
        _ => payload,
    }
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
