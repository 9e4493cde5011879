//! Views: renderings of a projection (`incidents`, `show`, `audit`,
//! `reports`, `export`, `explain`) and the decision commands (`link`,
//! `split`, `retract`).
//!
//! **Views never write to the log; only the decision commands and `train`
//! (an estimated match model is an analysis event too) do**, and they only
//! append. Each command is a library function taking validated
//! options and writing to a `&mut dyn Write`, so the CLI stays a thin shell.
//! The `render_*` functions take already-projected data, so they are
//! testable with hand-built incidents.

/// `writeln!` for a text view: the line is formatted, then written through
/// `write_terminal_line`, so every untrusted string in it (ids, outlets,
/// titles, names, quotes) reaches the terminal escaped. `view_line!(out)`
/// writes an empty line.
macro_rules! view_line {
    ($out:expr) => {
        writeln!($out)
    };
    ($out:expr, $($argument:tt)*) => {
        $crate::views::write_terminal_line($out, format_args!($($argument)*))
    };
}

pub mod audit;
pub mod coverage;
pub mod decide;
pub mod explain;
pub mod export;
pub mod filter;
pub mod html;
pub mod incidents;
pub mod model;
pub mod reports;

use thiserror::Error;

use crate::cluster::ClusterConfig;
use crate::incident::{Incident, MetricFigures};
use crate::log::LogError;
use crate::project::{ProjectError, ProjectedState, ProjectionSettings};
use crate::safe_text::terminal_text;

pub use audit::{
    AuditOptions, AuditView, audit_command, audit_command_with, build_audit, render_audit,
};
pub use coverage::{CoverageOptions, coverage, coverage_command, render_coverage};
pub use decide::{link, retract, split};
pub use explain::{ExplainOptions, explain_command, render_explanation};
pub use export::{
    ExportFormat, ExportOptions, ExportSummary, export_command, render_export, render_projection,
};
pub use filter::{FilterError, IncidentFilter};
pub use incidents::{
    IncidentsOptions, ShowOptions, incidents_command, render_incidents_json,
    render_incidents_table, render_show, show_command,
};
pub use model::{
    ModelInForce, ModelOptions, TrainOptions, Trained, model_command, read_labels, render_model,
    train_command,
};
pub use reports::{ReportRow, ReportsOptions, render_reports_table, report_rows, reports_command};

#[derive(Debug, Error)]
pub enum ViewError {
    #[error(transparent)]
    Project(#[from] ProjectError),
    #[error(transparent)]
    Log(#[from] LogError),
    #[error(transparent)]
    ReadModel(#[from] crate::read_model::ReadModelError),
    #[error("cannot write the output: {0}")]
    Io(#[from] std::io::Error),
    #[error("cannot encode JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("no incident {id} at event {position}{hint}")]
    IncidentNotFound {
        id: String,
        position: u64,
        hint: String,
    },
    #[error("no report {id} in the log")]
    ReportNotFound { id: String },
    #[error("report {report} is {status}; only live reports can be {action}")]
    ReportNotLive {
        report: String,
        status: String,
        action: &'static str,
    },
    #[error("report {report} is not part of incident {incident} (its reports: {members})")]
    ReportNotInIncident {
        report: String,
        incident: String,
        members: String,
    },
    #[error("a report cannot be linked to itself ({report})")]
    SameReport { report: String },
    #[error("a decision needs a reason (say why, for the audit trail)")]
    EmptyReason,
    #[error("incident {incident} has no {metric} figures")]
    NoSuchFigure { incident: String, metric: String },
    #[error("unknown metric {given:?}: expected detained, participants, killed or injured")]
    UnknownMetric { given: String },
    #[error("unknown export format {given:?}: expected csv, jsonl, geojson or html")]
    UnknownFormat { given: String },
    #[error(transparent)]
    Filter(#[from] FilterError),
    #[error(
        "the {format} export reads the reports' texts from the log: write it with export_command"
    )]
    FormatNeedsTheLog { format: &'static str },
    #[error(transparent)]
    Html(#[from] html::HtmlError),
    #[error(transparent)]
    Estimate(crate::cluster::estimate::EstimateError),
    #[error("cannot read the model {path}: {reason}")]
    ModelFile {
        path: std::path::PathBuf,
        reason: String,
    },
    #[error("cannot read the answer key {path}: {reason}")]
    Labels {
        path: std::path::PathBuf,
        reason: String,
    },
    #[error("cannot write {path}: {source}")]
    OutputFile {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
}

pub(crate) fn settings_for(cluster: &ClusterConfig) -> ProjectionSettings {
    ProjectionSettings {
        cluster: cluster.clone(),
        ..ProjectionSettings::default()
    }
}

/// The read model answering `as_of`: the head's, brought up to date, or
/// the one of an earlier event, caught up there from the nearest
/// checkpoint (`read_model::past`). `None` when no checkpoint reaches that
/// far back (before the last replay of the read models): the view replays.
pub(crate) fn read_model_at<'a, L>(
    log: &'a L,
    settings: &ProjectionSettings,
    as_of: &crate::project::AsOf,
) -> Result<Option<crate::read_model::ReadModelAt<'a, L>>, ViewError>
where
    L: crate::log::EventLog + crate::log::ProjectionStore + crate::log::ReadModelStore + ?Sized,
{
    if *as_of == crate::project::AsOf::Head {
        return Ok(Some(crate::read_model::at_head(log, settings)?.0));
    }
    let position = model::position_of(log, as_of)?;
    Ok(crate::read_model::past(log, settings, position)?)
}

/// The incident `id`, or an error that names the incident now holding it
/// when a merge or split replaced that id.
pub(crate) fn find_incident<'a>(
    state: &'a ProjectedState,
    id: &str,
) -> Result<&'a Incident, ViewError> {
    if let Some(incident) = state.incident(id) {
        return Ok(incident);
    }
    let successors: Vec<&str> = state
        .incidents
        .iter()
        .filter(|incident| incident.replaces.iter().any(|old| old == id))
        .map(|incident| incident.id.as_str())
        .collect();
    Err(incident_not_found(id, state.position, &successors))
}

/// "no incident ID at event N", naming the incidents that replaced `id`
/// after a merge or split when there are any.
fn incident_not_found(id: &str, position: u64, successors: &[&str]) -> ViewError {
    let hint = if successors.is_empty() {
        String::new()
    } else {
        format!("; it was replaced by {}", successors.join(", "))
    };
    ViewError::IncidentNotFound {
        id: id.to_string(),
        position,
        hint,
    }
}

/// The error `show`/`audit` give for an id the read model does not hold,
/// naming the incidents that replaced it after a merge or split.
pub(crate) fn incident_not_found_in<S>(
    read_model: &crate::read_model::ReadModel<'_, S>,
    id: &str,
) -> ViewError
where
    S: crate::log::ReadModelStore + ?Sized,
{
    let successors = read_model.successors(id).unwrap_or_default();
    let successors: Vec<&str> = successors.iter().map(String::as_str).collect();
    incident_not_found(id, read_model.position(), &successors)
}

/// "53..101+": the reconciled range of one metric. `>` marks an open lower
/// bound, `+` an open upper bound.
pub fn figure_range(figures: &MetricFigures) -> String {
    let low = if figures.min_open {
        format!(">{}", figures.min)
    } else {
        figures.min.to_string()
    };
    let high_mark = if figures.max_open { "+" } else { "" };
    if figures.min == figures.max && !figures.min_open {
        format!("{}{high_mark}", figures.min)
    } else {
        format!("{low}..{}{high_mark}", figures.max)
    }
}

/// Writes one line of a text view through `safe_text::terminal_text`, then
/// a newline. The layout's own text has no control characters and no
/// backslash, so escaping the whole line escapes exactly the untrusted
/// strings in it; a newline inside one of them shows as `\x0a` and cannot
/// forge a line. **No untrusted string reaches a terminal unescaped.**
pub(crate) fn write_terminal_line(
    out: &mut dyn std::io::Write,
    line: std::fmt::Arguments<'_>,
) -> std::io::Result<()> {
    let line = line.to_string();
    writeln!(out, "{}", terminal_text(&line))
}

/// Collapses runs of whitespace (line breaks included) to one space, so a
/// quoted sentence stays on one line of a readable rendering.
pub(crate) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Writes rows as left-aligned columns separated by two spaces. Every cell
/// goes through `safe_text::terminal_text` first (cells hold ids, outlets,
/// titles), so the columns line up on what the terminal shows.
pub(crate) fn write_columns(
    out: &mut dyn std::io::Write,
    rows: &[Vec<String>],
) -> std::io::Result<()> {
    let rows: Vec<Vec<std::borrow::Cow<'_, str>>> = rows
        .iter()
        .map(|row| row.iter().map(|cell| terminal_text(cell)).collect())
        .collect();
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![0usize; columns];
    for row in &rows {
        for (index, cell) in row.iter().enumerate() {
            widths[index] = widths[index].max(cell.chars().count());
        }
    }
    for row in &rows {
        let mut line = String::new();
        for (index, cell) in row.iter().enumerate() {
            line.push_str(cell);
            if index + 1 < row.len() {
                let padding = widths[index] - cell.chars().count() + 2;
                line.extend(std::iter::repeat_n(' ', padding));
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// The metric named `given` ("detained", "participants", "killed", "injured").
pub fn metric_from_name(given: &str) -> Result<crate::extract::model::Metric, ViewError> {
    crate::extract::model::Metric::ALL
        .into_iter()
        .find(|metric| metric.as_str().eq_ignore_ascii_case(given.trim()))
        .ok_or_else(|| ViewError::UnknownMetric {
            given: given.to_string(),
        })
}
