//! Incidents: what clustering and reconciliation produce, and what every
//! view (`incidents --json`, `show`, `audit`, `export`) renders.
//!
//! These types are the contract between `cluster`/`reconcile` (which build
//! them) and `project`/`views` (which replay the log and render them).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::extract::model::{DatePrecision, EventKind, Metric, PlaceLevel, Qualifier};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IncidentLevel {
    /// One place, one day.
    Incident,
    /// A day of action: the day's incidents across cities by the same
    /// organizers, with the figures stated for the whole (national figures,
    /// figures scoped to several cities).
    Parent,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IncidentPlace {
    pub name: String,
    pub country: String,
    /// The place's point ([`crate::gazetteer::Gazetteer::point_of`]): a
    /// country's middle for a country-wide incident, none (JSON `null`)
    /// for an incident of no known place.
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub geonames_id: u32,
    pub level: PlaceLevel,
}

/// One number a report stated, as it enters an incident.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    pub report: String,
    pub value: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_hi: Option<u64>,
    pub qualifier: Qualifier,
    pub lo: u64,
    pub hi: Option<u64>,
    /// The scope the report gave the number (canonical place names).
    pub places: Vec<String>,
    /// Byte span in the report's stored original text.
    pub span: [usize; 2],
    pub quote: String,
    pub sentence: String,
    /// Byte range of `quote` in `sentence`, where the quote sits at the
    /// place its spans give (every claim of a plain-text report): the
    /// audit marks the quote there without reading the report again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote_in_sentence: Option<[usize; 2]>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phrase: Option<String>,
    pub attributed_to: Option<String>,
    /// A coded dataset's cell, when the claim is one ("CCC row 812,
    /// size_high"); `sentence` is then empty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coded: Option<crate::coded::CodedCell>,
    /// `title` when `span` indexes the report's title, not its text.
    #[serde(default, skip_serializing_if = "crate::extract::QuotedFrom::is_text")]
    pub quoted_from: crate::extract::QuotedFrom,
}

/// Which claim a bound came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimRef {
    /// Index into the metric's `claims`.
    pub claim: usize,
    pub report: String,
    pub quote: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict {
    pub claim: usize,
    pub report: String,
    pub quote: String,
    pub why: String,
}

/// Parts against the whole, on a parent: the sum of its incidents' mins
/// against the national figure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartsCheck {
    pub sum_of_part_mins: u64,
    /// (child incident id, its min) for every child with this metric.
    pub parts: Vec<(String, u64)>,
    /// True when a stated whole's max is below the sum of the parts' mins.
    pub whole_below_parts: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MetricFigures {
    pub min: u64,
    pub max: u64,
    pub min_open: bool,
    pub max_open: bool,
    pub min_claim: ClaimRef,
    pub max_claim: ClaimRef,
    pub claims: Vec<Claim>,
    pub conflicts: Vec<Conflict>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parts: Option<PartsCheck>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Incident {
    pub id: String,
    pub level: IncidentLevel,
    pub parent: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<String>,
    /// "2020-02-22" (or "2020-02" / "2020" for coarser precision).
    pub date: String,
    pub date_precision: DatePrecision,
    pub place: IncidentPlace,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sub_places: Vec<String>,
    pub kind: EventKind,
    pub organizers: Vec<String>,
    /// Ids of every report that contributed a mention, in log order.
    pub reports: Vec<String>,
    /// The coded datasets' rows among `reports` (dataset, row, coded id),
    /// in log order; absent when the incident holds none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub coded: Vec<crate::coded::CodedIdentity>,
    /// Keyed by metric name ("detained"...), so JSON keys are stable.
    pub figures: BTreeMap<Metric, MetricFigures>,
    /// Earlier ids this incident replaces after a merge or split.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replaces: Vec<String>,
    /// Seqs of the analyst decision events (link, split, retract) that
    /// shaped this incident.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<u64>,
}
