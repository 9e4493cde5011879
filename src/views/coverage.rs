//! `coverage`: per coded dataset, which of its rows no article reports and
//! which incidents reported by articles it has no row for (issue 14).

use std::collections::BTreeMap;
use std::io::Write;

use serde::Serialize;

use crate::cluster::ClusterConfig;
use crate::incident::{Incident, IncidentLevel};
use crate::log::{EventLog, ProjectionStore};
use crate::project::{AsOf, project};

use super::incidents::place_label;
use super::{ViewError, settings_for};

#[derive(Debug, Clone, Default)]
pub struct CoverageOptions {
    pub as_of: AsOf,
    pub cluster: ClusterConfig,
    pub json: bool,
}

/// A coded row no article joined.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnreportedRow {
    pub row: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub incident: String,
    pub date: String,
    pub place: String,
}

/// An incident that articles report and the dataset has no row for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UncodedIncident {
    pub incident: String,
    pub date: String,
    pub place: String,
    pub articles: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DatasetCoverage {
    pub dataset: String,
    pub rows: usize,
    pub rows_with_articles: usize,
    pub rows_without_article: Vec<UnreportedRow>,
    pub incidents_without_row: Vec<UncodedIncident>,
}

/// Coverage of every dataset the incidents hold rows of, by name. Only
/// place-day incidents count (a day of action's rows are its children's).
pub fn coverage(incidents: &[Incident]) -> Vec<DatasetCoverage> {
    let incidents: Vec<&Incident> = incidents
        .iter()
        .filter(|incident| incident.level == IncidentLevel::Incident)
        .collect();
    let mut by_dataset: BTreeMap<String, DatasetCoverage> = BTreeMap::new();
    for incident in &incidents {
        let articles = incident.reports.len().saturating_sub(incident.coded.len());
        for coded in &incident.coded {
            let entry =
                by_dataset
                    .entry(coded.dataset.clone())
                    .or_insert_with(|| DatasetCoverage {
                        dataset: coded.dataset.clone(),
                        rows: 0,
                        rows_with_articles: 0,
                        rows_without_article: Vec::new(),
                        incidents_without_row: Vec::new(),
                    });
            entry.rows += 1;
            if articles > 0 {
                entry.rows_with_articles += 1;
            } else {
                entry.rows_without_article.push(UnreportedRow {
                    row: coded.row,
                    id: coded.id.clone(),
                    incident: incident.id.clone(),
                    date: incident.date.clone(),
                    place: place_label(incident),
                });
            }
        }
    }
    for entry in by_dataset.values_mut() {
        for incident in &incidents {
            let articles = incident.reports.len().saturating_sub(incident.coded.len());
            if articles > 0 && !incident.coded.iter().any(|c| c.dataset == entry.dataset) {
                entry.incidents_without_row.push(UncodedIncident {
                    incident: incident.id.clone(),
                    date: incident.date.clone(),
                    place: place_label(incident),
                    articles,
                });
            }
        }
        entry.rows_without_article.sort_by_key(|row| row.row);
    }
    by_dataset.into_values().collect()
}

pub fn render_coverage(datasets: &[DatasetCoverage], out: &mut dyn Write) -> Result<(), ViewError> {
    if datasets.is_empty() {
        view_line!(
            out,
            "no coded datasets in the store (ingest one with --dataset)"
        )?;
        return Ok(());
    }
    for (index, dataset) in datasets.iter().enumerate() {
        if index > 0 {
            view_line!(out)?;
        }
        view_line!(
            out,
            "{}: {} rows, {} joined by an article, {} with none; {} incidents with articles and no {} row",
            dataset.dataset,
            dataset.rows,
            dataset.rows_with_articles,
            dataset.rows_without_article.len(),
            dataset.incidents_without_row.len(),
            dataset.dataset
        )?;
        if !dataset.rows_without_article.is_empty() {
            view_line!(out, "  rows with no article:")?;
            for row in &dataset.rows_without_article {
                let id = row
                    .id
                    .as_deref()
                    .map(|id| format!(" ({id})"))
                    .unwrap_or_default();
                view_line!(
                    out,
                    "    row {}{id}: {} {} -> {}",
                    row.row,
                    row.date,
                    row.place,
                    row.incident
                )?;
            }
        }
        if !dataset.incidents_without_row.is_empty() {
            view_line!(out, "  incidents with no {} row:", dataset.dataset)?;
            for incident in &dataset.incidents_without_row {
                view_line!(
                    out,
                    "    {} {} {} ({} articles)",
                    incident.incident,
                    incident.date,
                    incident.place,
                    incident.articles
                )?;
            }
        }
    }
    Ok(())
}

pub fn coverage_command<L>(
    log: &L,
    options: &CoverageOptions,
    out: &mut dyn Write,
) -> Result<(), ViewError>
where
    L: EventLog + ProjectionStore + ?Sized,
{
    let state = project(log, settings_for(&options.cluster), &options.as_of)?;
    let datasets = coverage(&state.incidents);
    if options.json {
        serde_json::to_writer(&mut *out, &serde_json::json!({ "datasets": datasets }))?;
        out.write_all(b"\n")?;
        Ok(())
    } else {
        render_coverage(&datasets, out)
    }
}
