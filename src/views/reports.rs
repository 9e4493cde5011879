//! `reports`: every report stored, its status and its incidents.

use std::io::Write;

use chrono::NaiveDate;
use serde::Serialize;

use crate::cluster::ClusterConfig;
use crate::extract::model::PlaceLevel;
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

/// The incident that is the report's own news, its top-level incident.
///
/// When the main event is one city's, it is that city's incident. When it
/// is a day of action across cities, extraction gives the country as its
/// place, and it is the day's parent. A country as main place with no
/// parent that day means the report named no day of action, only a place
/// it could not pin: then the report's city incident of that day is its
/// news (the one most reports share, when it has several), and the
/// country-level incident only when the report has no city that day.
/// A main place's incident that holds only this report gives way to a
/// city incident of the same day that other reports share.
/// Fallbacks: any incident on the main date, at the main place, then the
/// first city incident, then the first at all.
fn primary_incident(entry: &ReportEntry, containing: &[&Incident]) -> Option<String> {
    let main = entry.main_event.as_ref();
    let main_place = main.and_then(|main| main.place.as_deref());
    let main_date = main.and_then(|main| main.date.as_deref());
    let at_place = |incident: &&&Incident| main_place == Some(incident.place.name.as_str());
    let on_date = |incident: &&&Incident| main_date == Some(incident.date.as_str());
    let is_parent = |incident: &&&Incident| incident.level == IncidentLevel::Parent;
    let is_city = |incident: &&&Incident| incident.place.level != PlaceLevel::Country;
    // The main place names a country when it is some incident's country
    // (and not a city of the same name, as in a city-state).
    let main_is_country = main_place.is_some_and(|place| {
        containing.iter().any(|incident| {
            incident.place.country == place
                && (incident.place.level == PlaceLevel::Country || incident.place.name != place)
        })
    });
    let most_reported_city_on_date = || {
        containing
            .iter()
            .filter(|incident| on_date(incident) && is_city(incident))
            // Most reports first; ties to the smaller id (`containing` is
            // sorted by id, and max_by_key keeps the last maximum).
            .rev()
            .max_by_key(|incident| incident.reports.len())
    };
    let chosen = if main_is_country {
        containing
            .iter()
            .find(|incident| on_date(incident) && is_parent(incident))
            .or_else(most_reported_city_on_date)
            .or_else(|| {
                containing
                    .iter()
                    .find(|incident| at_place(incident) && on_date(incident))
            })
    } else {
        let at_main = containing
            .iter()
            .find(|incident| at_place(incident) && on_date(incident));
        // A main place that no other report shares, beside a city incident
        // of the same day that other reports corroborate: the main place
        // was misread ("Man" as the Isle of Man) and the corroborated city
        // is the report's news.
        let corroborated = most_reported_city_on_date().filter(|city| city.reports.len() > 1);
        match (at_main, corroborated) {
            (Some(main), Some(city)) if main.reports.len() == 1 => Some(city),
            (Some(main), _) => Some(main),
            (None, _) => most_reported_city_on_date(),
        }
    };
    // A city incident is the report's news unless the report is telling
    // its day of action: it describes two or more of the day's cities, or
    // states a national or multi-city figure for the day (a claim on the
    // parent). Then the parent is its top-level incident.
    let tells_day_of_action = |parent: &Incident| {
        let cities_described = containing
            .iter()
            .filter(|incident| parent.children.contains(&incident.id))
            .count();
        let states_for_the_day = parent
            .figures
            .values()
            .any(|figures| figures.claims.iter().any(|claim| claim.report == entry.id));
        cities_described >= 2 || states_for_the_day
    };
    let chosen = chosen.map(|incident| {
        incident
            .parent
            .as_deref()
            .and_then(|parent_id| containing.iter().find(|other| other.id == parent_id))
            .filter(|parent| tells_day_of_action(parent))
            .unwrap_or(incident)
    });
    chosen
        .or_else(|| containing.iter().find(|incident| on_date(incident)))
        .or_else(|| containing.iter().find(at_place))
        .or_else(|| containing.iter().find(|incident| is_city(incident)))
        .or_else(|| containing.first())
        .map(|incident| incident.id.clone())
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
        view_line!(out, "no reports")?;
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
