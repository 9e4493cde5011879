//! Extraction: a pure function from a report to its claims (dates, places,
//! organizers, people, figures), each with its byte span in the original.
//!
//! **Extraction does no IO and never panics.**

pub mod model;

use chrono::NaiveDate;

use crate::report::Metadata;
pub use model::*;

/// What extraction reads of a report.
#[derive(Debug, Clone, Copy)]
pub struct ExtractionInput<'a> {
    pub report_id: &'a str,
    /// The original text, as stored.
    pub text: &'a str,
    pub title: Option<&'a str>,
    pub published: Option<NaiveDate>,
    pub metadata: &'a Metadata,
}

impl<'a> ExtractionInput<'a> {
    pub fn from_report(report: &'a crate::report::Report) -> ExtractionInput<'a> {
        ExtractionInput {
            report_id: &report.id,
            text: &report.text,
            title: report.title.as_deref(),
            published: report.published,
            metadata: &report.metadata,
        }
    }
}

/// Extracts everything concord reads from one report.
pub fn extract(input: ExtractionInput<'_>) -> Extraction {
    Extraction {
        report: input.report_id.to_string(),
        extractor_version: EXTRACTOR_VERSION.to_string(),
        main: MainEvent {
            date: None,
            place: None,
            country: None,
            sub_places: Vec::new(),
            kind: EventKind::Other,
        },
        mentions: Vec::new(),
        figures: Vec::new(),
        organizers: Vec::new(),
        people: Vec::new(),
        headline: input.title.map(str::to_string),
        diagnostics: vec!["extraction not implemented yet".to_string()],
    }
}
