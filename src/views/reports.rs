//! `reports`: every report stored, its status and its incidents.

use std::io::Write;

use chrono::NaiveDate;
use serde::Serialize;

use crate::cluster::ClusterConfig;
use crate::incident::{Incident, IncidentLevel};
use crate::log::{EventLog, ProjectionStore};
use crate::project::{AsOf, ProjectedState, ReportEntry, ReportStatus, project};

use super::{ViewError, settings_for, write_columns};

#[derive(Debug, Clone, Default)]
pub struct ReportsOptions {
    pub as_of: AsOf,
    pub cluster: ClusterConfig,
    /// One JSON object per line instead of a table.
    pub json: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportRow {
    pub id: String,
    pub seq: u64,
    pub outlet: Option<String>,
    pub published: Option<NaiveDate>,
    pub title: Option<String>,
    pub status: ReportStatus,
    pub supersedes: Option<String>,
    /// The incident the report's main event belongs to.
    pub primary_incident: Option<String>,
    /// Every incident the report contributed a mention to, by id.
    pub incidents: Vec<String>,
}

/// The incident that is the report's own news: among the single-place
/// incidents it contributed to, the one at its main event's place and date,
/// else the one at its main place, else the first; a day of action only
/// when the report is in no single-place incident.
fn primary_incident(entry: &ReportEntry, containing: &[&Incident]) -> Option<String> {
    let singles: Vec<&&Incident> = containing
        .iter()
        .filter(|incident| incident.level == IncidentLevel::Incident)
        .collect();
    let main = entry.main_event.as_ref();
    let at_place = |incident: &Incident| {
        main.and_then(|main| main.place.as_deref()) == Some(incident.place.name.as_str())
    };
    let on_date = |incident: &Incident| {
        main.and_then(|main| main.date.as_deref()) == Some(incident.date.as_str())
    };
    singles
        .iter()
        .find(|incident| at_place(incident) && on_date(incident))
        .or_else(|| singles.iter().find(|incident| at_place(incident)))
        .or_else(|| singles.first())
        .map(|incident| incident.id.clone())
        .or_else(|| containing.first().map(|incident| incident.id.clone()))
}

/// One row per report stored, in log order.
pub fn report_rows(state: &ProjectedState) -> Vec<ReportRow> {
    state
        .reports
        .iter()
        .map(|entry| {
            let containing: Vec<&Incident> = state
                .incidents
                .iter()
                .filter(|incident| incident.reports.iter().any(|report| report == &entry.id))
                .collect();
            ReportRow {
                id: entry.id.clone(),
                seq: entry.seq,
                outlet: entry.outlet.clone(),
                published: entry.published,
                title: entry.title.clone(),
                status: entry.status.clone(),
                supersedes: entry.supersedes.clone(),
                primary_incident: primary_incident(entry, &containing),
                incidents: containing
                    .iter()
                    .map(|incident| incident.id.clone())
                    .collect(),
            }
        })
        .collect()
}

pub fn render_reports_table(rows: &[ReportRow], out: &mut dyn Write) -> Result<(), ViewError> {
    if rows.is_empty() {
        writeln!(out, "no reports")?;
        return Ok(());
    }
    let mut table = vec![
        [
            "SEQ",
            "ID",
            "OUTLET",
            "PUBLISHED",
            "STATUS",
            "INCIDENT",
            "TITLE",
        ]
        .iter()
        .map(|header| header.to_string())
        .collect::<Vec<_>>(),
    ];
    for row in rows {
        let mut incident = row
            .primary_incident
            .clone()
            .unwrap_or_else(|| "-".to_string());
        let others = row
            .incidents
            .len()
            .saturating_sub(usize::from(row.primary_incident.is_some()));
        if others > 0 {
            incident.push_str(&format!(" (+{others})"));
        }
        table.push(vec![
            row.seq.to_string(),
            row.id.clone(),
            row.outlet.clone().unwrap_or_else(|| "-".to_string()),
            row.published
                .map(|date| date.to_string())
                .unwrap_or_else(|| "-".to_string()),
            row.status.describe(),
            incident,
            row.title.clone().unwrap_or_default(),
        ]);
    }
    write_columns(out, &table)?;
    Ok(())
}

pub fn reports_command<L>(
    log: &L,
    options: &ReportsOptions,
    out: &mut dyn Write,
) -> Result<(), ViewError>
where
    L: EventLog + ProjectionStore + ?Sized,
{
    let state = project(log, settings_for(&options.cluster), &options.as_of)?;
    let rows = report_rows(&state);
    if options.json {
        for row in &rows {
            serde_json::to_writer(&mut *out, row)?;
            out.write_all(b"\n")?;
        }
        Ok(())
    } else {
        render_reports_table(&rows, out)
    }
}
