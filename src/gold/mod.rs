//! Gold answer keys (`schema: gold/1`, see shared/gold/README.md) and the
//! scorer that compares extractions with them: figure precision/recall/F1
//! over required figures, not-figure violations, background flags, and the
//! main date and place per report. The quality bench reuses this.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::extract::model::{Extraction, Figure, Metric, Qualifier};

#[derive(Debug, Error)]
pub enum GoldError {
    #[error("gold file is not valid JSON for schema gold/1: {0}")]
    Parse(#[from] serde_json::Error),
    #[error("unsupported gold schema {found:?} (expected \"gold/1\")")]
    Schema { found: String },
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GoldPlace {
    pub level: String,
    #[serde(default)]
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GoldIncident {
    pub id: String,
    #[serde(default)]
    pub parent: Option<String>,
    #[serde(default)]
    pub background: bool,
    /// "2020-02-22", or "2022-01" for a month.
    pub date: String,
    pub place: String,
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub organizers: Vec<String>,
    #[serde(default)]
    pub reports: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GoldFigure {
    pub report: String,
    pub incident: String,
    pub metric: Metric,
    pub places: Vec<String>,
    pub evidence: String,
    pub value: Option<u64>,
    pub qualifier: Qualifier,
    #[serde(default)]
    pub phrase: Option<String>,
    #[serde(default)]
    pub attributed_to: Option<String>,
    #[serde(default = "default_true")]
    pub required: bool,
}

fn default_true() -> bool {
    true
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GoldNotFigure {
    pub report: String,
    pub text: String,
    #[serde(default)]
    pub why: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GoldFile {
    pub schema: String,
    #[serde(default)]
    pub places: BTreeMap<String, GoldPlace>,
    #[serde(default)]
    pub incidents: Vec<GoldIncident>,
    #[serde(default)]
    pub figures: Vec<GoldFigure>,
    #[serde(default)]
    pub not_figures: Vec<GoldNotFigure>,
    #[serde(default)]
    pub reconciled: Vec<serde_json::Value>,
}

impl GoldFile {
    pub fn from_json(text: &str) -> Result<GoldFile, GoldError> {
        let gold: GoldFile = serde_json::from_str(text)?;
        if gold.schema != "gold/1" {
            return Err(GoldError::Schema { found: gold.schema });
        }
        Ok(gold)
    }

    /// The canonical name for a place name or alias (itself when unknown).
    pub fn canonical_place(&self, name: &str) -> String {
        let folded = crate::gazetteer::fold_name(name);
        for (canonical, place) in &self.places {
            if crate::gazetteer::fold_name(canonical) == folded
                || place
                    .aliases
                    .iter()
                    .any(|a| crate::gazetteer::fold_name(a) == folded)
            {
                return canonical.clone();
            }
        }
        name.to_string()
    }

    pub fn incident(&self, id: &str) -> Option<&GoldIncident> {
        self.incidents.iter().find(|i| i.id == id)
    }

    /// The report's own top-level incident: no parent, not background.
    pub fn main_incident(&self, report: &str) -> Option<&GoldIncident> {
        self.incidents
            .iter()
            .find(|i| i.parent.is_none() && !i.background && i.reports.iter().any(|r| r == report))
    }

    pub fn reports(&self) -> BTreeSet<String> {
        let mut reports: BTreeSet<String> = self.figures.iter().map(|f| f.report.clone()).collect();
        for incident in &self.incidents {
            reports.extend(incident.reports.iter().cloned());
        }
        reports
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FigureOutcome {
    /// Matched a required gold figure.
    TruePositive,
    /// Matched a `required: false` figure: neither rewarded nor punished.
    Neutral,
    /// Matched nothing.
    FalsePositive,
    /// A required gold figure no prediction matched.
    Missed,
}

#[derive(Debug, Clone, Serialize)]
pub struct FigureDetail {
    pub report: String,
    pub outcome: FigureOutcome,
    /// The predicted figure, summarised ("detained more_than 100 @Kazakhstan").
    pub predicted: Option<String>,
    /// The gold figure, summarised, with its evidence.
    pub gold: Option<String>,
    /// Why the nearest gold figure (overlapping span) did not match.
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReportScore {
    pub report: String,
    pub true_positives: usize,
    pub false_positives: usize,
    pub missed: usize,
    pub neutral: usize,
    /// `not_figures` texts that became figures of a main (non-background)
    /// incident; each is also a false positive.
    pub not_figure_violations: Vec<String>,
    /// Gold figures of background incidents whose overlapping predictions
    /// were not flagged background (or that nothing overlapped).
    pub background_flag_errors: Vec<String>,
    pub background_figures_flagged: usize,
    pub background_figures_total: usize,
    pub main_date: Option<String>,
    pub gold_main_date: Option<String>,
    pub main_place: Option<String>,
    pub gold_main_place: Option<String>,
    pub main_date_correct: bool,
    pub main_place_correct: bool,
    pub details: Vec<FigureDetail>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CorpusScore {
    pub reports: Vec<ReportScore>,
    pub true_positives: usize,
    pub false_positives: usize,
    pub missed: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub not_figure_violations: usize,
    pub main_date_correct: usize,
    pub main_place_correct: usize,
    pub background_flag_errors: usize,
}

fn summarise_predicted(f: &Figure) -> String {
    format!(
        "{} {:?} {} @{} {}\"{}\"",
        f.metric.as_str(),
        f.qualifier,
        f.value
            .map(|v| v.to_string())
            .or_else(|| f.phrase.clone())
            .unwrap_or_default(),
        f.places.join("+"),
        if f.background { "(background) " } else { "" },
        f.quote
    )
}

fn summarise_gold(g: &GoldFigure) -> String {
    format!(
        "{} {:?} {} @{} \"{}\"",
        g.metric.as_str(),
        g.qualifier,
        g.value
            .map(|v| v.to_string())
            .or_else(|| g.phrase.clone())
            .unwrap_or_default(),
        g.places.join("+"),
        g.evidence
    )
}

fn overlaps(a: [usize; 2], b: [usize; 2]) -> bool {
    a[0] < b[1] && b[0] < a[1]
}

/// Every occurrence of `needle` in `text`, as spans.
fn find_all(text: &str, needle: &str) -> Vec<[usize; 2]> {
    if needle.is_empty() {
        return Vec::new();
    }
    text.match_indices(needle)
        .map(|(i, m)| [i, i + m.len()])
        .collect()
}

/// Scores one report's extraction against the gold. `text` is the report's
/// stored text (the spans' reference).
pub fn score_report(
    gold: &GoldFile,
    report: &str,
    text: &str,
    extraction: &Extraction,
) -> ReportScore {
    let gold_figures: Vec<&GoldFigure> =
        gold.figures.iter().filter(|g| g.report == report).collect();
    let evidence_spans: Vec<Vec<[usize; 2]>> = gold_figures
        .iter()
        .map(|g| find_all(text, &g.evidence))
        .collect();
    let is_background_incident = |g: &GoldFigure| {
        gold.incident(&g.incident)
            .is_some_and(|incident| incident.background)
    };
    let canonical_set = |places: &[String]| -> BTreeSet<String> {
        places.iter().map(|p| gold.canonical_place(p)).collect()
    };

    let mut matched_gold = vec![false; gold_figures.len()];
    let mut details = Vec::new();
    let mut score = ReportScore {
        report: report.to_string(),
        true_positives: 0,
        false_positives: 0,
        missed: 0,
        neutral: 0,
        not_figure_violations: Vec::new(),
        background_flag_errors: Vec::new(),
        background_figures_flagged: 0,
        background_figures_total: 0,
        main_date: None,
        gold_main_date: None,
        main_place: None,
        gold_main_place: None,
        main_date_correct: false,
        main_place_correct: false,
        details: Vec::new(),
    };

    // An answer key marks evidence in the text; a title's figure has none
    // there, so it is neither a match nor a false figure.
    let text_figures = || {
        extraction
            .figures
            .iter()
            .filter(|f| f.quoted_from == crate::extract::QuotedFrom::Text)
    };
    for predicted in text_figures() {
        let predicted_places = canonical_set(&predicted.places);
        let mut matched = None;
        let mut note = None;
        for (i, g) in gold_figures.iter().enumerate() {
            if matched_gold[i] {
                continue;
            }
            let span_ok = evidence_spans[i]
                .iter()
                .any(|&e| overlaps(e, predicted.span));
            if !span_ok {
                continue;
            }
            let mut problems = Vec::new();
            if g.metric != predicted.metric {
                problems.push(format!(
                    "metric {} vs gold {}",
                    predicted.metric.as_str(),
                    g.metric.as_str()
                ));
            }
            if canonical_set(&g.places) != predicted_places {
                problems.push(format!(
                    "places {:?} vs gold {:?}",
                    predicted.places, g.places
                ));
            }
            if g.value != predicted.value {
                problems.push(format!("value {:?} vs gold {:?}", predicted.value, g.value));
            }
            if g.qualifier != predicted.qualifier {
                problems.push(format!(
                    "qualifier {:?} vs gold {:?}",
                    predicted.qualifier, g.qualifier
                ));
            }
            if is_background_incident(g) != predicted.background {
                problems.push(format!(
                    "background {} vs gold {}",
                    predicted.background,
                    is_background_incident(g)
                ));
            }
            if problems.is_empty() {
                matched = Some(i);
                break;
            }
            note.get_or_insert_with(|| {
                format!("near {}: {}", summarise_gold(g), problems.join(", "))
            });
        }
        let outcome = match matched {
            Some(i) => {
                matched_gold[i] = true;
                if gold_figures[i].required {
                    score.true_positives += 1;
                    FigureOutcome::TruePositive
                } else {
                    score.neutral += 1;
                    FigureOutcome::Neutral
                }
            }
            None => {
                score.false_positives += 1;
                if !predicted.background {
                    for not_figure in gold.not_figures.iter().filter(|n| n.report == report) {
                        if find_all(text, &not_figure.text)
                            .iter()
                            .any(|&s| overlaps(s, predicted.span))
                        {
                            score.not_figure_violations.push(format!(
                                "{} <- not a figure: \"{}\"",
                                summarise_predicted(predicted),
                                not_figure.text
                            ));
                        }
                    }
                }
                FigureOutcome::FalsePositive
            }
        };
        details.push(FigureDetail {
            report: report.to_string(),
            outcome,
            predicted: Some(summarise_predicted(predicted)),
            gold: matched.map(|i| summarise_gold(gold_figures[i])),
            note: if matched.is_some() { None } else { note },
        });
    }
    for (i, g) in gold_figures.iter().enumerate() {
        if !matched_gold[i] && g.required {
            score.missed += 1;
            details.push(FigureDetail {
                report: report.to_string(),
                outcome: FigureOutcome::Missed,
                predicted: None,
                gold: Some(summarise_gold(g)),
                note: if evidence_spans[i].is_empty() {
                    Some("evidence not found in the text".to_string())
                } else {
                    None
                },
            });
        }
        if is_background_incident(g) {
            score.background_figures_total += 1;
            let overlapping: Vec<&Figure> = text_figures()
                .filter(|f| evidence_spans[i].iter().any(|&e| overlaps(e, f.span)))
                .collect();
            if !overlapping.is_empty() && overlapping.iter().all(|f| f.background) {
                score.background_figures_flagged += 1;
            } else if overlapping.iter().any(|f| !f.background) {
                score
                    .background_flag_errors
                    .push(format!("not flagged background: {}", summarise_gold(g)));
            }
        }
    }
    score.details = details;

    if let Some(incident) = gold.main_incident(report) {
        score.gold_main_date = Some(incident.date.clone());
        score.gold_main_place = Some(gold.canonical_place(&incident.place));
        score.main_date = extraction.main.date.as_ref().and_then(|d| d.display());
        score.main_place = extraction
            .main
            .place
            .as_ref()
            .map(|p| gold.canonical_place(&p.name));
        score.main_date_correct = score.main_date == score.gold_main_date;
        score.main_place_correct = score.main_place == score.gold_main_place;
    }
    score
}

/// Scores many reports: (report id, stored text, extraction).
pub fn score_corpus(gold: &GoldFile, items: &[(&str, &str, &Extraction)]) -> CorpusScore {
    let reports: Vec<ReportScore> = items
        .iter()
        .map(|(id, text, extraction)| score_report(gold, id, text, extraction))
        .collect();
    let true_positives: usize = reports.iter().map(|r| r.true_positives).sum();
    let false_positives: usize = reports.iter().map(|r| r.false_positives).sum();
    let missed: usize = reports.iter().map(|r| r.missed).sum();
    let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    let precision = ratio(true_positives, true_positives + false_positives);
    let recall = ratio(true_positives, true_positives + missed);
    let f1 = if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    CorpusScore {
        true_positives,
        false_positives,
        missed,
        precision,
        recall,
        f1,
        not_figure_violations: reports.iter().map(|r| r.not_figure_violations.len()).sum(),
        main_date_correct: reports.iter().filter(|r| r.main_date_correct).count(),
        main_place_correct: reports.iter().filter(|r| r.main_place_correct).count(),
        background_flag_errors: reports.iter().map(|r| r.background_flag_errors.len()).sum(),
        reports,
    }
}

impl CorpusScore {
    /// A readable diff: one line per figure outcome that is not a plain
    /// match, then per-report main date/place.
    pub fn render(&self) -> String {
        let mut out = format!(
            "figures: P {:.3} R {:.3} F1 {:.3} (tp {}, fp {}, missed {}), not-figure violations {}, background flag errors {}\n",
            self.precision,
            self.recall,
            self.f1,
            self.true_positives,
            self.false_positives,
            self.missed,
            self.not_figure_violations,
            self.background_flag_errors
        );
        for report in &self.reports {
            out.push_str(&format!(
                "-- {}: tp {} fp {} missed {} neutral {} | main date {:?} (gold {:?}) {} | main place {:?} (gold {:?}) {}\n",
                report.report,
                report.true_positives,
                report.false_positives,
                report.missed,
                report.neutral,
                report.main_date,
                report.gold_main_date,
                if report.main_date_correct { "ok" } else { "WRONG" },
                report.main_place,
                report.gold_main_place,
                if report.main_place_correct { "ok" } else { "WRONG" },
            ));
            for detail in &report.details {
                let tag = match detail.outcome {
                    FigureOutcome::TruePositive => "  ok     ",
                    FigureOutcome::Neutral => "  neutral",
                    FigureOutcome::FalsePositive => "  FP     ",
                    FigureOutcome::Missed => "  MISSED ",
                };
                out.push_str(&format!(
                    "{} {}{}{}\n",
                    tag,
                    detail.predicted.clone().unwrap_or_default(),
                    detail
                        .gold
                        .as_ref()
                        .map(|g| format!(" <= gold {g}"))
                        .unwrap_or_default(),
                    detail
                        .note
                        .as_ref()
                        .map(|n| format!(" [{n}]"))
                        .unwrap_or_default()
                ));
            }
            for violation in &report.not_figure_violations {
                out.push_str(&format!("  NOT-FIGURE {violation}\n"));
            }
            for error in &report.background_flag_errors {
                out.push_str(&format!("  BACKGROUND {error}\n"));
            }
        }
        out
    }
}
