//! `concord bench`: ingest a corpus into a temporary database, run the
//! engine, and score it against an answer key, beside a naive baseline.
//!
//! Two kinds of answer key are read:
//! - `gold/1` (see the gold README): figures, incidents, reconciled
//!   expectations. Scored: figure extraction, clustering over
//!   (report, place, date) mentions, clustering over documents (each
//!   report's primary incident), reconciliation.
//! - document-level keys, `{"doc_incident": {report_id: cluster_id}}`, the
//!   shape public event-coreference corpora reduce to. Scored: clustering
//!   over documents.

use crate::safe_text::terminal_text;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;
use thiserror::Error;

use super::metrics::{ClusterScores, score_clusters};
use crate::cluster::{ClusterConfig, ClusterState};
use crate::extract::model::{Extraction, Metric};
use crate::gold::{FigureOutcome, GoldError, GoldFile, score_corpus};
use crate::incident::Incident;
use crate::ingest::{IngestError, IngestOptions, ingest};
use crate::input::InputDefaults;
use crate::log::{EventLog, LogError, SledLog};
use crate::project::{
    AsOf, ExtractionRequest, ExtractionStats, Extractor, ProjectError, Projection,
    ProjectionSettings, extractions_for,
};

#[derive(Debug, Error)]
pub enum BenchError {
    #[error("cannot read the answer key {path}: {source}")]
    ReadGold {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "the answer key {path} is neither gold/1 nor a {{\"doc_incident\": ...}} key: {reason}"
    )]
    BadGold { path: PathBuf, reason: String },
    #[error("cannot make a temporary database: {0}")]
    TemporaryDatabase(std::io::Error),
    #[error(transparent)]
    Log(#[from] LogError),
    #[error(transparent)]
    Ingest(#[from] IngestError),
    #[error(transparent)]
    Project(#[from] ProjectError),
    #[error("cannot write the bench output: {0}")]
    Write(#[from] std::io::Error),
}

impl From<GoldError> for BenchError {
    fn from(error: GoldError) -> BenchError {
        BenchError::BadGold {
            path: PathBuf::new(),
            reason: error.to_string(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct BenchOptions {
    pub gold: PathBuf,
    pub reports: Vec<PathBuf>,
    pub defaults: InputDefaults,
    pub cluster: ClusterConfig,
    /// List every figure false positive, miss and not-figure violation.
    pub details: bool,
}

/// The engine's scores beside the naive baseline's.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    pub engine: ClusterScores,
    pub baseline: ClusterScores,
    /// The TF-IDF baseline of `score.py baseline` (documents only): what
    /// forty lines that extract nothing reach (`tfidf.rs`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tfidf: Option<ClusterScores>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FigureSummary {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub true_positives: usize,
    pub false_positives: usize,
    pub missed: usize,
    pub not_figure_violations: usize,
    pub reports: usize,
    pub main_date_correct: usize,
    pub main_place_correct: usize,
    pub background_flag_errors: usize,
}

/// One `reconciled` expectation of the answer key and what the engine shows.
#[derive(Debug, Clone, Serialize)]
pub struct ReconciledCheck {
    pub gold_incident: String,
    pub metric: String,
    /// The engine incident the gold incident's mentions mostly went to.
    pub incident: Option<String>,
    pub expected: String,
    pub got: String,
    pub ok: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct BenchResult {
    pub reports_ingested: usize,
    pub rejected: Vec<String>,
    pub incidents: usize,
    pub figures: Option<FigureSummary>,
    /// Clustering over (report, place, date) mentions.
    pub mentions: Option<Comparison>,
    /// Clustering over documents: each report's primary incident.
    pub documents: Option<Comparison>,
    pub reconciled: Vec<ReconciledCheck>,
    /// Every figure that is not a plain match: false positives, misses,
    /// not-figure violations (with `--details`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub figure_problems: Vec<String>,
}

enum AnswerKey {
    Full(Box<GoldFile>),
    Documents(BTreeMap<String, String>),
}

fn read_answer_key(path: &Path) -> Result<AnswerKey, BenchError> {
    let text = std::fs::read_to_string(path).map_err(|source| BenchError::ReadGold {
        path: path.to_path_buf(),
        source,
    })?;
    let bad = |reason: String| BenchError::BadGold {
        path: path.to_path_buf(),
        reason,
    };
    let value: serde_json::Value = serde_json::from_str(&text).map_err(|e| bad(e.to_string()))?;
    if let Some(documents) = value.get("doc_incident") {
        let documents: BTreeMap<String, String> =
            serde_json::from_value(documents.clone()).map_err(|e| bad(e.to_string()))?;
        return Ok(AnswerKey::Documents(documents));
    }
    let gold = GoldFile::from_json(&text).map_err(|e| bad(e.to_string()))?;
    Ok(AnswerKey::Full(Box::new(gold)))
}

/// A mention as the scorer sees it: report, canonical place, date label.
type MentionItem = (String, String, String);

pub fn run_bench(options: &BenchOptions) -> Result<BenchResult, BenchError> {
    let key = read_answer_key(&options.gold)?;
    let directory = tempfile::tempdir().map_err(BenchError::TemporaryDatabase)?;
    let mut log = SledLog::open(directory.path().join("bench.db"))?;
    let summary = ingest(
        &mut log,
        &options.reports,
        &options.defaults,
        &IngestOptions::default(),
    )?;
    let rejected = summary
        .rejected
        .iter()
        .map(|r| format!("{}: {}", r.source, r.reason))
        .collect();
    let settings = ProjectionSettings {
        cluster: options.cluster.clone(),
        ..ProjectionSettings::default()
    };
    let projection = Projection::<ClusterState>::build(&log, settings, &AsOf::Head)?;
    let state = &projection.state();

    // The live reports, with the extractions the projection just cached
    // (read back, not recomputed: extraction dominates a large bench).
    let mut stored = Vec::new();
    for event in log.range(1, log.len()) {
        let event = event?;
        let Ok(payload) = event.decode() else {
            continue;
        };
        if let Some(report) = payload.report()
            && state.report(&report.id).is_some_and(|r| r.status.is_live())
        {
            stored.push((event.seq, event.hash.clone(), report.clone()));
        }
    }
    let requests: Vec<ExtractionRequest<'_>> = stored
        .iter()
        .map(|(seq, hash, report)| ExtractionRequest {
            seq: *seq,
            event_hash: hash,
            report,
        })
        .collect();
    let extractions = extractions_for(
        &log,
        &Extractor::current(),
        &requests,
        &mut ExtractionStats::default(),
    )?;
    drop(requests);
    let live: Vec<(crate::report::Report, Extraction)> = stored
        .into_iter()
        .map(|(_, _, report)| report)
        .zip(extractions)
        .collect();

    let primary: BTreeMap<String, String> = crate::views::report_rows(state)
        .into_iter()
        .filter_map(|row| row.primary_incident.map(|incident| (row.id, incident)))
        .collect();

    let mut result = BenchResult {
        reports_ingested: summary.new.len() + summary.duplicates.len(),
        rejected,
        incidents: state.incidents.len(),
        figures: None,
        mentions: None,
        documents: None,
        reconciled: Vec::new(),
        figure_problems: Vec::new(),
    };

    match key {
        AnswerKey::Documents(gold_documents) => {
            result.documents = Some(Comparison {
                engine: score_clusters(&gold_documents, &primary),
                baseline: score_clusters(&gold_documents, &baseline_documents(&live)),
                tfidf: Some(score_clusters(
                    &gold_documents,
                    &tfidf_documents(&live, &gold_documents),
                )),
            });
        }
        AnswerKey::Full(gold) => {
            let items: Vec<(&str, &str, &Extraction)> = live
                .iter()
                .filter(|(report, _)| gold.reports().contains(&report.id))
                .map(|(report, extraction)| (report.id.as_str(), report.reading_text(), extraction))
                .collect();
            let corpus = score_corpus(&gold, &items);
            result.figures = Some(FigureSummary {
                precision: corpus.precision,
                recall: corpus.recall,
                f1: f1(corpus.precision, corpus.recall),
                true_positives: corpus.true_positives,
                false_positives: corpus.false_positives,
                missed: corpus.missed,
                not_figure_violations: corpus.not_figure_violations,
                reports: corpus.reports.len(),
                main_date_correct: corpus.main_date_correct,
                main_place_correct: corpus.main_place_correct,
                background_flag_errors: corpus.background_flag_errors,
            });
            if options.details {
                for report in &corpus.reports {
                    for detail in &report.details {
                        if matches!(
                            detail.outcome,
                            FigureOutcome::FalsePositive | FigureOutcome::Missed
                        ) {
                            result.figure_problems.push(format!(
                                "{:?} {}: predicted {} / gold {}{}",
                                detail.outcome,
                                detail.report,
                                detail.predicted.as_deref().unwrap_or("-"),
                                detail.gold.as_deref().unwrap_or("-"),
                                detail
                                    .note
                                    .as_deref()
                                    .map(|n| format!(" ({n})"))
                                    .unwrap_or_default()
                            ));
                        }
                    }
                    for violation in &report.not_figure_violations {
                        result
                            .figure_problems
                            .push(format!("NotFigure {}: {violation}", report.report));
                    }
                }
            }

            let gold_mentions = gold_mention_labels(&gold);
            let engine_mentions = engine_mention_labels(&gold, &state.incidents);
            result.mentions = Some(Comparison {
                engine: score_clusters(&gold_mentions, &engine_mentions),
                baseline: score_clusters(&gold_mentions, &baseline_mentions(&gold, &live)),
                tfidf: None,
            });

            let gold_documents: BTreeMap<String, String> = gold
                .reports()
                .into_iter()
                .filter_map(|report| {
                    gold.main_incident(&report)
                        .map(|incident| (report.clone(), incident.id.clone()))
                })
                .collect();
            result.documents = Some(Comparison {
                engine: score_clusters(&gold_documents, &primary),
                baseline: score_clusters(&gold_documents, &baseline_documents(&live)),
                tfidf: Some(score_clusters(
                    &gold_documents,
                    &tfidf_documents(&live, &gold_documents),
                )),
            });
            result.reconciled =
                check_reconciled(&gold, &gold_mentions, &engine_mentions, &state.incidents);
        }
    }
    Ok(result)
}

fn f1(precision: f64, recall: f64) -> f64 {
    if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    }
}

fn gold_mention_labels(gold: &GoldFile) -> BTreeMap<MentionItem, String> {
    let mut labels = BTreeMap::new();
    for incident in &gold.incidents {
        for report in &incident.reports {
            labels
                .entry((
                    report.clone(),
                    gold.canonical_place(&incident.place),
                    incident.date.clone(),
                ))
                .or_insert_with(|| incident.id.clone());
        }
    }
    labels
}

fn engine_mention_labels(gold: &GoldFile, incidents: &[Incident]) -> BTreeMap<MentionItem, String> {
    let mut labels = BTreeMap::new();
    for incident in incidents {
        for report in &incident.reports {
            labels
                .entry((
                    report.clone(),
                    gold.canonical_place(&incident.place.name),
                    incident.date.clone(),
                ))
                .or_insert_with(|| incident.id.clone());
        }
    }
    labels
}

/// The naive baseline: every (place, date) a report's extraction names is
/// one incident, whatever else the reports say.
fn baseline_mentions(
    gold: &GoldFile,
    live: &[(crate::report::Report, Extraction)],
) -> BTreeMap<MentionItem, String> {
    let mut labels = BTreeMap::new();
    for (report, extraction) in live {
        let main = (
            extraction.main.place.as_ref(),
            extraction.main.date.as_ref(),
        );
        let mentions = extraction
            .mentions
            .iter()
            .map(|m| (m.place.as_ref(), m.date.as_ref()))
            .chain(std::iter::once(main));
        for (place, date) in mentions {
            let (Some(place), Some(date)) = (place, date.and_then(|d| d.display())) else {
                continue;
            };
            let place = gold.canonical_place(&place.name);
            let label = format!("{place}|{date}");
            labels
                .entry((report.id.clone(), place, date))
                .or_insert(label);
        }
    }
    labels
}

/// The TF-IDF baseline over the reports the answer key names.
fn tfidf_documents(
    live: &[(crate::report::Report, Extraction)],
    gold_documents: &BTreeMap<String, String>,
) -> BTreeMap<String, String> {
    let documents: Vec<super::tfidf::BaselineDocument<'_>> = live
        .iter()
        .filter(|(report, _)| gold_documents.contains_key(&report.id))
        .map(|(report, _)| super::tfidf::BaselineDocument {
            id: &report.id,
            title: report.title.as_deref(),
            text: report.reading_text(),
            published: report.published,
        })
        .collect();
    super::tfidf::tfidf_clusters(
        &documents,
        super::tfidf::TFIDF_THRESHOLD,
        super::tfidf::TFIDF_WINDOW_DAYS,
    )
}

/// The baseline at document level: a report's main place and date.
fn baseline_documents(live: &[(crate::report::Report, Extraction)]) -> BTreeMap<String, String> {
    live.iter()
        .filter_map(|(report, extraction)| {
            let place = extraction.main.place.as_ref()?;
            let date = extraction.main.date.as_ref()?.display()?;
            Some((report.id.clone(), format!("{}|{date}", place.geonames_id)))
        })
        .collect()
}

fn check_reconciled(
    gold: &GoldFile,
    gold_mentions: &BTreeMap<MentionItem, String>,
    engine_mentions: &BTreeMap<MentionItem, String>,
    incidents: &[Incident],
) -> Vec<ReconciledCheck> {
    let mut checks = Vec::new();
    for expectation in &gold.reconciled {
        let Some(gold_incident) = expectation.get("incident").and_then(|v| v.as_str()) else {
            continue;
        };
        let Some(metric_name) = expectation.get("metric").and_then(|v| v.as_str()) else {
            continue;
        };
        // The engine incident most of the gold incident's mentions went to.
        let mut votes: BTreeMap<&str, usize> = BTreeMap::new();
        for (item, label) in gold_mentions {
            if label == gold_incident
                && let Some(engine) = engine_mentions.get(item)
            {
                *votes.entry(engine.as_str()).or_default() += 1;
            }
        }
        let chosen = votes
            .iter()
            .max_by_key(|(id, count)| (**count, std::cmp::Reverse(**id)))
            .map(|(id, _)| id.to_string());
        let metric = Metric::ALL.into_iter().find(|m| m.as_str() == metric_name);
        let figures = chosen
            .as_ref()
            .and_then(|id| incidents.iter().find(|i| &i.id == id))
            .and_then(|incident| metric.and_then(|m| incident.figures.get(&m)));
        let expected_min = expectation.get("min").and_then(|v| v.as_u64());
        let expected_max = expectation.get("max").and_then(|v| v.as_u64());
        let min_at_least = expectation.get("min_at_least").and_then(|v| v.as_u64());
        let mut expected = Vec::new();
        if let Some(min) = expected_min {
            expected.push(format!("min {min}"));
        }
        if let Some(max) = expected_max {
            expected.push(format!("max {max}"));
        }
        if let Some(floor) = min_at_least {
            expected.push(format!("min >= {floor}"));
        }
        let (got, ok) = match figures {
            None => ("no such figures".to_string(), false),
            Some(figures) => (
                format!("{}..{}", figures.min, figures.max),
                expected_min.is_none_or(|m| figures.min == m)
                    && expected_max.is_none_or(|m| figures.max == m)
                    && min_at_least.is_none_or(|m| figures.min >= m),
            ),
        };
        checks.push(ReconciledCheck {
            gold_incident: gold_incident.to_string(),
            metric: metric_name.to_string(),
            incident: chosen,
            expected: expected.join(", "),
            got,
            ok,
        });
    }
    checks
}

pub fn render_bench_table(result: &BenchResult, out: &mut dyn Write) -> Result<(), BenchError> {
    writeln!(
        out,
        "reports: {} ingested, {} rejected; {} incidents",
        result.reports_ingested,
        result.rejected.len(),
        result.incidents
    )?;
    for rejected in &result.rejected {
        // Rejections name input files and echo their text: untrusted.
        writeln!(out, "  rejected {}", terminal_text(&rejected.to_string()))?;
    }
    if let Some(figures) = &result.figures {
        writeln!(
            out,
            "figures: precision {:.3}  recall {:.3}  F1 {:.3}  (tp {}, fp {}, missed {}); not-figures as main figures: {}",
            figures.precision,
            figures.recall,
            figures.f1,
            figures.true_positives,
            figures.false_positives,
            figures.missed,
            figures.not_figure_violations
        )?;
        writeln!(
            out,
            "main event: date right {}/{}, place right {}/{}; background flag errors: {}",
            figures.main_date_correct,
            figures.reports,
            figures.main_place_correct,
            figures.reports,
            figures.background_flag_errors
        )?;
    }
    for problem in &result.figure_problems {
        // A problem quotes report ids and figure text: untrusted.
        writeln!(out, "  {}", terminal_text(&problem.to_string()))?;
    }
    for (name, comparison) in [
        ("mentions (report, place, date)", &result.mentions),
        ("documents (primary incident)", &result.documents),
    ] {
        let Some(comparison) = comparison else {
            continue;
        };
        writeln!(out, "clustering over {name}:")?;
        writeln!(
            out,
            "  {:<13} {:>8} {:>8} {:>8} {:>8} {:>8}   {:>6} {:>6}",
            "", "pairF1", "B3 F1", "MUC F1", "CEAFe", "CoNLL", "gold", "pred"
        )?;
        let tfidf_label = format!(
            "tf-idf {} {}d",
            super::tfidf::TFIDF_THRESHOLD,
            super::tfidf::TFIDF_WINDOW_DAYS
        );
        let rows = [
            Some(("engine", &comparison.engine)),
            Some(("baseline", &comparison.baseline)),
            comparison
                .tfidf
                .as_ref()
                .map(|scores| (tfidf_label.as_str(), scores)),
        ];
        for (label, scores) in rows.into_iter().flatten() {
            writeln!(
                out,
                "  {:<13} {:>8.3} {:>8.3} {:>8.3} {:>8.3} {:>8.3}   {:>6} {:>6}",
                label,
                scores.pairwise.f1,
                scores.b_cubed.f1,
                scores.muc.f1,
                scores.ceaf_e.f1,
                scores.conll_f1,
                scores.gold_clusters,
                scores.predicted_clusters
            )?;
        }
    }
    if !result.reconciled.is_empty() {
        let passed = result.reconciled.iter().filter(|c| c.ok).count();
        writeln!(
            out,
            "reconciled: {passed}/{} expectations hold",
            result.reconciled.len()
        )?;
        for check in &result.reconciled {
            writeln!(
                out,
                "  {} {} {}: expected {}, got {} ({})",
                if check.ok { "ok  " } else { "FAIL" },
                check.gold_incident,
                check.metric,
                check.expected,
                check.got,
                check.incident.as_deref().unwrap_or("no incident")
            )?;
        }
    }
    Ok(())
}

/// The thresholds the project holds itself to (issue acceptance criteria),
/// applied by `concord bench --gate`.
#[derive(Debug, Clone, Serialize)]
pub struct QualityGate {
    /// Precision and recall over required figures.
    pub figure_precision: f64,
    pub figure_recall: f64,
    /// B-cubed and pairwise F1 over (report, place, date) mentions.
    pub mention_b_cubed_f1: f64,
    pub mention_pairwise_f1: f64,
    /// Whether every `reconciled` expectation must hold.
    pub reconciled_all: bool,
    /// How many reports may have a main place other than the answer key's
    /// (0: all right). A corpus can hold a report whose main place is a
    /// judgement call; the tolerance is stated, not hidden.
    pub main_place_misses_allowed: usize,
}

impl Default for QualityGate {
    fn default() -> QualityGate {
        QualityGate {
            figure_precision: 0.9,
            figure_recall: 0.9,
            mention_b_cubed_f1: 0.95,
            mention_pairwise_f1: 0.95,
            reconciled_all: true,
            main_place_misses_allowed: 0,
        }
    }
}

/// What falls short of the gate, one line each; empty when all holds.
pub fn gate_failures(result: &BenchResult, gate: &QualityGate) -> Vec<String> {
    let mut failures = Vec::new();
    let mut below = |what: &str, got: f64, floor: f64| {
        if got < floor {
            failures.push(format!("{what} {got:.3} is below {floor:.3}"));
        }
    };
    if let Some(figures) = &result.figures {
        below("figure precision", figures.precision, gate.figure_precision);
        below("figure recall", figures.recall, gate.figure_recall);
    }
    if let Some(mentions) = &result.mentions {
        below(
            "mention B-cubed F1",
            mentions.engine.b_cubed.f1,
            gate.mention_b_cubed_f1,
        );
        below(
            "mention pairwise F1",
            mentions.engine.pairwise.f1,
            gate.mention_pairwise_f1,
        );
    }
    if let Some(figures) = &result.figures
        && figures.not_figure_violations > 0
    {
        failures.push(format!(
            "{} not-figure texts became main-incident figures",
            figures.not_figure_violations
        ));
    }
    if let Some(figures) = &result.figures {
        if figures.main_date_correct < figures.reports {
            failures.push(format!(
                "main date right for only {}/{} reports",
                figures.main_date_correct, figures.reports
            ));
        }
        if figures.main_place_correct + gate.main_place_misses_allowed < figures.reports {
            failures.push(format!(
                "main place right for only {}/{} reports",
                figures.main_place_correct, figures.reports
            ));
        }
        if figures.background_flag_errors > 0 {
            failures.push(format!(
                "{} background figures not flagged as background",
                figures.background_flag_errors
            ));
        }
    }
    if gate.reconciled_all {
        for check in result.reconciled.iter().filter(|c| !c.ok) {
            failures.push(format!(
                "reconciled {} {}: expected {}, got {}",
                check.gold_incident, check.metric, check.expected, check.got
            ));
        }
    }
    failures
}
