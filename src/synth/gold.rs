//! The answer key in the project's gold/1 format (see
//! /work/shared/gold/README.md and docs/synth.md).

use std::collections::BTreeMap;

use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct GoldPlace {
    pub level: &'static str,
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GoldIncident {
    pub id: String,
    /// "2020-02-22"; "2019-03" or "2019" for background events known only
    /// to the month or year.
    pub date: String,
    /// Canonical gazetteer name: a city, or the country for a day of action.
    pub place: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub background: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub organizers: Vec<String>,
    /// Synthetic-only: the incident this one was generated to be confused
    /// with, and how ("same_city_later_day", "same_day_other_city",
    /// "lookalike_headline").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hard_negative_of: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hard_negative: Option<&'static str>,
    pub reports: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GoldFigure {
    pub report: String,
    pub incident: String,
    pub metric: &'static str,
    pub places: Vec<String>,
    pub evidence: String,
    pub value: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_hi: Option<u64>,
    pub qualifier: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phrase: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attributed_to: Option<String>,
    pub required: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct GoldNotFigure {
    pub report: String,
    pub text: String,
    pub why: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct GoldReconciled {
    pub incident: String,
    pub metric: &'static str,
    pub min: u64,
    pub max: u64,
    pub why: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct GoldFile {
    pub schema: &'static str,
    pub about: String,
    pub places: BTreeMap<String, GoldPlace>,
    pub incidents: Vec<GoldIncident>,
    pub figures: Vec<GoldFigure>,
    pub not_figures: Vec<GoldNotFigure>,
    pub reconciled: Vec<GoldReconciled>,
}

/// Document-level key: each report's main incident (its cluster).
#[derive(Debug, Clone, Serialize)]
pub struct GoldDocFile {
    pub doc_incident: BTreeMap<String, String>,
}

/// One line of gold-doc.jsonl.
#[derive(Debug, Clone, Serialize)]
pub struct GoldDocLine<'a> {
    pub report: &'a str,
    pub incident: &'a str,
}
