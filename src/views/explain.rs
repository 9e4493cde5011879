//! `explain A B`: why clustering does or does not put two reports' main
//! events together, feature by feature.

use std::io::Write;

use crate::cluster::{ClusterConfig, PairExplanation, explain_pair};
use crate::log::{EventLog, ProjectionStore};
use crate::project::{Extractor, report_input};

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
    let explanation = explain_pair(&a, &b, &options.cluster);
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
    let mut rows = vec![vec![
        "FEATURE".to_string(),
        "SCORE".to_string(),
        "WHY".to_string(),
    ]];
    for (feature, score, why) in &explanation.features {
        rows.push(vec![
            format!("  {feature}"),
            format!("{score:+.3}"),
            why.clone(),
        ]);
    }
    if explanation.features.is_empty() {
        view_line!(out, "  no features scored")?;
    } else {
        rows[0][0] = format!("  {}", rows[0][0]);
        write_columns(out, &rows)?;
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
        "total {:.3} against threshold {:.3}: {}",
        explanation.total,
        explanation.threshold,
        if explanation.same_incident {
            "same incident"
        } else {
            "different incidents"
        }
    )?;
    Ok(())
}
