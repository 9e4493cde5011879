//! `explain A B`: why clustering does or does not put two reports' main
//! events together, as a waterfall from the model's prior through each
//! comparison's weight to the match weight and its probability.

use std::io::Write;

use crate::cluster::{ClusterConfig, PairExplanation, explain_digests, explain_pair};
use crate::log::{EventLog, ProjectionStore, ReadModelStore};
use crate::project::{Extractor, cached_extraction_and_digest, model_at, report_input};
use crate::read_model;

use super::{ViewError, settings_for, write_columns};

#[derive(Debug, Clone, Default)]
pub struct ExplainOptions {
    pub cluster: ClusterConfig,
    pub a: String,
    pub b: String,
    pub json: bool,
}

pub fn explain_command<L>(
    log: &L,
    options: &ExplainOptions,
    out: &mut dyn Write,
) -> Result<(), ViewError>
where
    L: EventLog + ProjectionStore + ReadModelStore + ?Sized,
{
    let extractor = Extractor::current();
    if let Some(explanation) = explain_from_read_model(log, options, &extractor)? {
        return write_explanation(options, &explanation, out);
    }
    let find = |id: &str| -> Result<_, ViewError> {
        report_input(log, &extractor, id)?
            .ok_or_else(|| ViewError::ReportNotFound { id: id.to_string() })
    };
    let a = find(&options.a)?;
    let b = find(&options.b)?;
    let (_, model) = model_at(log, log.len())?;
    let explanation = explain_pair(&a, &b, &model);
    write_explanation(options, &explanation, out)
}

/// The explanation from a current read model and the extraction cache
/// alone, without opening the log's store: each report's entry gives its
/// seq, the cache its extraction and digest, the read model the match
/// model in force. `None` (the caller reads the log) when the read model
/// is not current, or lacks a report, a digest or the model.
fn explain_from_read_model<L>(
    log: &L,
    options: &ExplainOptions,
    extractor: &Extractor,
) -> Result<Option<PairExplanation>, ViewError>
where
    L: EventLog + ProjectionStore + ReadModelStore + ?Sized,
{
    let Some(read_model) = read_model::open_current(log, &settings_for(&options.cluster))? else {
        return Ok(None);
    };
    let Some(model) = read_model.match_model()? else {
        return Ok(None);
    };
    let cached = |id: &str| -> Result<_, ViewError> {
        let Some(entry) = read_model.report_entry(id)? else {
            return Ok(None);
        };
        Ok(cached_extraction_and_digest(log, extractor, entry.seq)?
            .map(|(extraction, digest)| (entry.seq, digest, extraction)))
    };
    let (Some(a), Some(b)) = (cached(&options.a)?, cached(&options.b)?) else {
        return Ok(None);
    };
    Ok(Some(explain_digests(
        (a.0, &a.1, &a.2),
        (b.0, &b.1, &b.2),
        &model,
    )))
}

fn write_explanation(
    options: &ExplainOptions,
    explanation: &PairExplanation,
    out: &mut dyn Write,
) -> Result<(), ViewError> {
    if options.json {
        serde_json::to_writer(&mut *out, explanation)?;
        out.write_all(b"\n")?;
        Ok(())
    } else {
        render_explanation(&options.a, &options.b, explanation, out)
    }
}

pub fn render_explanation(
    a: &str,
    b: &str,
    explanation: &PairExplanation,
    out: &mut dyn Write,
) -> Result<(), ViewError> {
    view_line!(out, "{a} vs {b}")?;
    view_line!(out, "model: {}", explanation.model)?;
    let probability = |p: Option<f64>| p.map_or_else(|| "-".to_string(), |p| format!("{p:.4}"));
    let mut rows = vec![vec![
        "  COMPARISON".to_string(),
        "LEVEL".to_string(),
        "M".to_string(),
        "U".to_string(),
        "WEIGHT".to_string(),
        "RUNNING".to_string(),
        "WHY".to_string(),
    ]];
    let mut running = explanation.prior;
    rows.push(vec![
        "  prior".to_string(),
        "-".to_string(),
        "-".to_string(),
        "-".to_string(),
        format!("{:+.3}", explanation.prior),
        format!("{running:+.3}"),
        "log2 odds that a candidate pair is one incident".to_string(),
    ]);
    for feature in &explanation.features {
        running += feature.weight;
        let why = match feature.term_frequency_adjustment {
            Some(adjustment) => format!(
                "{} (term frequency {adjustment:+.3} included)",
                feature.detail
            ),
            None => feature.detail.clone(),
        };
        rows.push(vec![
            format!("  {}", feature.comparison),
            feature.level.clone(),
            probability(feature.m),
            probability(feature.u),
            format!("{:+.3}", feature.weight),
            format!("{running:+.3}"),
            why,
        ]);
    }
    write_columns(out, &rows)?;
    if explanation.features.is_empty() {
        view_line!(out, "  no comparison scored")?;
    }
    if let Some(constraint) = &explanation.hard_constraint {
        view_line!(out, "hard constraint: {constraint} (never one incident)")?;
    }
    if !explanation.candidate {
        view_line!(
            out,
            "not a candidate pair: different periods, or no place-and-days or rare word in common (never compared)"
        )?;
    }
    view_line!(
        out,
        "match weight {:+.3} (total {:.3} against threshold {:.3}), probability {:.4}: {}",
        explanation.match_weight,
        explanation.total,
        explanation.threshold,
        explanation.probability,
        if explanation.same_incident {
            "same incident"
        } else {
            "different incidents"
        }
    )?;
    Ok(())
}
