//! The data the HTML page carries, built from the same `Incident`s that
//! `incidents --json` writes and the same sentence spans `audit` marks.
//!
//! Sizes matter (10,000 incidents must stay a file a browser opens
//! quickly): a claim names its report by index and its sentence by the
//! index of the report's figure, whose spans point into the report's text,
//! which the page carries once (compressed). Only a claim whose sentence
//! cannot be located carries its sentence.

use chrono::NaiveDate;
use serde::Serialize;

use crate::extract::model::{EventKind, Metric, PlaceLevel};
use crate::incident::{Incident, IncidentLevel, MetricFigures};
use crate::views::figure_range;
use crate::views::incidents::claim_statement;

/// The page's overview: counts, range, and what it was built from.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PageSummary {
    pub concord_version: String,
    pub reports: usize,
    pub incidents: usize,
    pub days_of_action: usize,
    pub outlets: usize,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    /// Claims marked as conflicting, over every metric of every incident.
    pub conflicts: usize,
    pub incidents_with_conflicts: usize,
    /// Days of action whose stated whole is below the sum of its parts.
    pub parts_warnings: usize,
    pub without_coordinates: usize,
    pub extractor_version: String,
    pub policy: String,
    /// The log position the page was built at, and that event's hash.
    pub log_position: u64,
    pub log_head_hash: String,
    pub as_of: String,
    pub filter: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PagePlace {
    pub name: String,
    pub country: String,
    /// ISO 3166 alpha-2, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cc: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    pub level: PlaceLevel,
    /// `None` when the place has no coordinates (0, 0 or not finite).
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// The coordinates are the country's middle (a country-wide incident).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub country_point: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PageClaim {
    /// Index of the report in the page's reports.
    pub r: Option<u32>,
    /// Index of the figure in that report's `figs`, whose spans give the
    /// sentence and the number in the report's text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub f: Option<u32>,
    /// The claim's sentence, only when `f` cannot locate it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sentence: Option<String>,
    pub quote: String,
    /// "at least 16 -> 16..".
    pub statement: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub places: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attributed_to: Option<String>,
    /// "CCC row 812, size_high" for a coded dataset's cell.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub coded: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PageConflict {
    pub claim: usize,
    pub why: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PageParts {
    pub sum_of_part_mins: u64,
    pub parts: Vec<(String, u64)>,
    pub whole_below_parts: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PageMetric {
    pub metric: Metric,
    /// As `show` writes it: "53..101+".
    pub range: String,
    pub min: u64,
    pub max: u64,
    pub min_open: bool,
    pub max_open: bool,
    pub min_claim: usize,
    pub max_claim: usize,
    pub claims: Vec<PageClaim>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<PageConflict>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parts: Option<PageParts>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PageIncident {
    pub id: String,
    pub level: IncidentLevel,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<String>,
    pub date: String,
    pub place: PagePlace,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sub_places: Vec<String>,
    pub kind: EventKind,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub organizers: Vec<String>,
    /// Indices into the page's reports.
    pub reports: Vec<u32>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub coded: Vec<String>,
    pub figures: Vec<PageMetric>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub replaces: Vec<String>,
    /// Indices into the page's decisions.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<u32>,
    /// The largest figure (the map sizes points by it); 0 without figures.
    pub largest: u64,
    pub conflicts: usize,
}

/// One figure in a report's text: the number's span and its sentence's
/// span, in UTF-16 code units (as JavaScript indexes strings), the metric,
/// and the page's incidents it fed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PageFigure(pub u32, pub u32, pub u32, pub u32, pub Metric, pub Vec<u32>);

/// One place name in a report's text: its span (UTF-16), what it resolved
/// to (or the words as written), its role, and the page's incidents at it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PageFoundPlace(pub u32, pub u32, pub String, pub String, pub Vec<u32>);

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PageReport {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// "live", "retracted at 12: wrong city", ...
    pub status: String,
    pub figs: Vec<PageFigure>,
    pub places: Vec<PageFoundPlace>,
    /// The page's incidents the report is a member of.
    pub incidents: Vec<u32>,
}

/// Given a claim's report id and span: the report's index on the page and
/// the figure's index in that report, when known.
pub type ClaimLocator<'a> = dyn FnMut(&str, [usize; 2]) -> (Option<u32>, Option<u32>) + 'a;

/// A metric's figures for the page, each claim located by `locate`.
pub fn page_metric(
    metric: Metric,
    figures: &MetricFigures,
    locate: &mut ClaimLocator<'_>,
) -> PageMetric {
    let claims = figures
        .claims
        .iter()
        .map(|claim| {
            let (r, f) = locate(&claim.report, claim.span);
            // A title's figure is not in the text the page shows: the
            // claim carries the title as its sentence.
            let from_title = claim.quoted_from == crate::extract::QuotedFrom::Title;
            let f = if from_title { None } else { f };
            let sentence = match (f, &claim.coded) {
                _ if from_title => Some(format!("{}{}", claim.quoted_from.label(), claim.sentence)),
                (None, None) if !claim.sentence.is_empty() => Some(claim.sentence.clone()),
                _ => None,
            };
            PageClaim {
                r,
                f,
                sentence,
                quote: claim.quote.clone(),
                statement: claim_statement(claim),
                places: claim.places.clone(),
                attributed_to: claim.attributed_to.clone(),
                coded: claim.coded.as_ref().map(ToString::to_string),
            }
        })
        .collect();
    PageMetric {
        metric,
        range: figure_range(figures),
        min: figures.min,
        max: figures.max,
        min_open: figures.min_open,
        max_open: figures.max_open,
        min_claim: figures.min_claim.claim,
        max_claim: figures.max_claim.claim,
        claims,
        conflicts: figures
            .conflicts
            .iter()
            .map(|conflict| PageConflict {
                claim: conflict.claim,
                why: conflict.why.clone(),
            })
            .collect(),
        parts: figures.parts.as_ref().map(|parts| PageParts {
            sum_of_part_mins: parts.sum_of_part_mins,
            parts: parts.parts.clone(),
            whole_below_parts: parts.whole_below_parts,
        }),
    }
}

/// The largest max over an incident's metrics (0 without figures).
pub fn largest_figure(incident: &Incident) -> u64 {
    incident
        .figures
        .values()
        .map(|figures| figures.max)
        .max()
        .unwrap_or(0)
}

/// Byte offsets of a text as UTF-16 code-unit offsets (JavaScript's string
/// indices). ASCII text maps to itself.
pub struct Utf16Offsets {
    /// For non-ASCII text: the UTF-16 offset at every byte offset that
    /// starts a character (and at the end); `u32::MAX` inside a character.
    table: Option<Vec<u32>>,
    len: usize,
}

impl Utf16Offsets {
    pub fn new(text: &str) -> Utf16Offsets {
        if text.is_ascii() {
            return Utf16Offsets {
                table: None,
                len: text.len(),
            };
        }
        let mut table = vec![u32::MAX; text.len() + 1];
        let mut units = 0u32;
        for (byte, character) in text.char_indices() {
            table[byte] = units;
            units = units.saturating_add(character.len_utf16() as u32);
        }
        table[text.len()] = units;
        Utf16Offsets {
            table: Some(table),
            len: text.len(),
        }
    }

    /// The UTF-16 offset of byte `offset`, or `None` past the end or
    /// inside a character.
    pub fn at(&self, offset: usize) -> Option<u32> {
        if offset > self.len {
            return None;
        }
        match &self.table {
            None => u32::try_from(offset).ok(),
            Some(table) => table
                .get(offset)
                .copied()
                .filter(|&units| units != u32::MAX),
        }
    }

    /// A byte span as a UTF-16 span.
    pub fn span(&self, span: [usize; 2]) -> Option<(u32, u32)> {
        if span[0] > span[1] {
            return None;
        }
        Some((self.at(span[0])?, self.at(span[1])?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_offsets_count_code_units() {
        let text = "Étá 😀 x";
        let offsets = Utf16Offsets::new(text);
        // "É" and "á" are 2 bytes and 1 unit; "😀" is 4 bytes and 2 units.
        assert_eq!(offsets.at(0), Some(0));
        assert_eq!(offsets.at(2), Some(1));
        assert_eq!(offsets.at(1), None);
        let emoji = text.find('😀').expect("present");
        assert_eq!(offsets.at(emoji), Some(4));
        assert_eq!(offsets.at(emoji + 4), Some(6));
        assert_eq!(
            offsets.at(text.len()),
            Some(text.encode_utf16().count() as u32)
        );
        assert_eq!(offsets.at(text.len() + 1), None);
        let ascii = Utf16Offsets::new("plain");
        assert_eq!(ascii.span([1, 3]), Some((1, 3)));
        assert_eq!(ascii.span([3, 1]), None);
    }
}
