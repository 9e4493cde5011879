//! `explain A B`: why clustering does or does not put two reports' main
//! events together, as a waterfall from the model's prior through each
//! comparison's weight to the match weight and its probability.

use std::io::Write;

use crate::cluster::{ClusterConfig, PairExplanation, explain_pair};
use crate::log::{EventLog, ProjectionStore};
use crate::project::{Extractor, model_at, report_input};

use super::{ViewError, write_columns};

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
    L: EventLog + ProjectionStore + ?Sized,
{
    let extractor = Extractor::current();
    let find = |id: &str| -> Result<_, ViewError> {
        report_input(log, &extractor, id)?
            .ok_or_else(|| ViewError::ReportNotFound { id: id.to_string() })
    };
    let a = find(&options.a)?;
    let b = find(&options.b)?;
    let (_, model) = model_at(log, log.len())?;
    let explanation = explain_pair(&a, &b, &model);
    if options.json {
        serde_json::to_writer(&mut *out, &explanation)?;
        out.write_all(b"\n")?;
        Ok(())
    } else {
        render_explanation(&options.a, &options.b, &explanation, out)
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
