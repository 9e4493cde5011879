//! `incidents` (table or one JSON object per line) and `show ID`.

use std::io::Write;

use crate::cluster::ClusterConfig;
use crate::extract::model::PlaceLevel;
use crate::incident::{Claim, Incident, IncidentLevel, IncidentPlace, MetricFigures};
use crate::log::{EventLog, ProjectionStore, ReadModelStore};
use crate::project::{AsOf, project};

use super::{
    ViewError, figure_range, find_incident, incident_not_found_in, one_line, settings_for,
    write_columns,
};

#[derive(Debug, Clone, Default)]
pub struct IncidentsOptions {
    pub as_of: AsOf,
    pub cluster: ClusterConfig,
    /// One JSON object per line instead of a table.
    pub json: bool,
}

#[derive(Debug, Clone, Default)]
pub struct ShowOptions {
    pub as_of: AsOf,
    pub cluster: ClusterConfig,
    pub id: String,
    /// The incident as one JSON object instead of the readable page.
    pub json: bool,
}

pub fn incidents_command<L>(
    log: &L,
    options: &IncidentsOptions,
    out: &mut dyn Write,
) -> Result<(), ViewError>
where
    L: EventLog + ProjectionStore + ReadModelStore + ?Sized,
{
    let settings = settings_for(&options.cluster);
    if let Some(at) = super::read_model_at(log, &settings, &options.as_of)? {
        // The read model answers, one incident at a time.
        let read_model = at.read_model()?;
        let incidents = read_model.incidents();
        if options.json {
            for incident in incidents {
                serde_json::to_writer(&mut *out, &incident?)?;
                out.write_all(b"\n")?;
            }
            return Ok(());
        }
        let mut rows = Vec::new();
        for incident in incidents {
            rows.push(incident_row(&incident?));
        }
        return write_incident_rows(rows, out);
    }
    let state = project(log, settings, &options.as_of)?;
    if options.json {
        render_incidents_json(&state.incidents, out)
    } else {
        render_incidents_table(&state.incidents, out)
    }
}

pub fn show_command<L>(log: &L, options: &ShowOptions, out: &mut dyn Write) -> Result<(), ViewError>
where
    L: EventLog + ProjectionStore + ReadModelStore + ?Sized,
{
    if let Some(at) = super::read_model_at(log, &settings_for(&options.cluster), &options.as_of)? {
        let read_model = at.read_model()?;
        let incident = read_model
            .incident(&options.id)?
            .ok_or_else(|| incident_not_found_in(&read_model, &options.id))?;
        return if options.json {
            render_incidents_json(std::slice::from_ref(&incident), out)
        } else {
            render_show(&incident, out)
        };
    }
    let state = project(log, settings_for(&options.cluster), &options.as_of)?;
    let incident = find_incident(&state, &options.id)?;
    if options.json {
        render_incidents_json(std::slice::from_ref(incident), out)
    } else {
        render_show(incident, out)
    }
}

/// One incident per line as JSON: the `Incident` contract, serialized with
/// its fields in declaration order and figures keyed by metric name.
pub fn render_incidents_json(incidents: &[Incident], out: &mut dyn Write) -> Result<(), ViewError> {
    for incident in incidents {
        serde_json::to_writer(&mut *out, incident)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

pub(crate) fn place_label(incident: &Incident) -> String {
    if incident.place.country.is_empty() || incident.place.country == incident.place.name {
        incident.place.name.clone()
    } else {
        format!("{}, {}", incident.place.name, incident.place.country)
    }
}

pub(crate) fn figures_summary(incident: &Incident) -> String {
    incident
        .figures
        .iter()
        .map(|(metric, figures)| format!("{} {}", metric.as_str(), figure_range(figures)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The readable list: id, date, place, number of reports, figure ranges.
pub fn render_incidents_table(
    incidents: &[Incident],
    out: &mut dyn Write,
) -> Result<(), ViewError> {
    let rows = incidents.iter().map(incident_row).collect();
    write_incident_rows(rows, out)
}

/// One incident's row of the table: id, date, place, reports, figures.
fn incident_row(incident: &Incident) -> Vec<String> {
    let mut place = place_label(incident);
    if incident.level == IncidentLevel::Parent {
        place.push_str(&format!(
            " (day of action, {} incidents)",
            incident.children.len()
        ));
    }
    vec![
        incident.id.clone(),
        incident.date.clone(),
        place,
        incident.reports.len().to_string(),
        figures_summary(incident),
    ]
}

/// The table under its header (the column widths need every row, so the
/// rows, not the incidents, are held).
fn write_incident_rows(rows: Vec<Vec<String>>, out: &mut dyn Write) -> Result<(), ViewError> {
    if rows.is_empty() {
        view_line!(out, "no incidents")?;
        return Ok(());
    }
    let header = vec![
        "ID".to_string(),
        "DATE".to_string(),
        "PLACE".to_string(),
        "REPORTS".to_string(),
        "FIGURES".to_string(),
    ];
    let table: Vec<Vec<String>> = std::iter::once(header).chain(rows).collect();
    write_columns(out, &table)?;
    Ok(())
}

/// What a claim said, in words: "more_than 100 -> 101..", "dozens -> 24..".
pub(crate) fn claim_statement(claim: &Claim) -> String {
    let stated = match (claim.value, claim.value_hi, &claim.phrase) {
        (Some(value), Some(high), _) => format!("{value}-{high}"),
        (Some(value), None, _) => value.to_string(),
        (None, _, Some(phrase)) => phrase.clone(),
        (None, _, None) => "?".to_string(),
    };
    let interval = match claim.hi {
        Some(hi) if hi == claim.lo => format!("{hi}"),
        Some(hi) => format!("{}..{hi}", claim.lo),
        None => format!("{}..", claim.lo),
    };
    let qualifier = serde_json::to_value(claim.qualifier)
        .ok()
        .and_then(|value| value.as_str().map(|name| name.replace('_', " ")))
        .unwrap_or_default();
    format!("{qualifier} {stated} -> {interval}")
}

fn write_metric(
    out: &mut dyn Write,
    metric: &str,
    figures: &MetricFigures,
) -> Result<(), ViewError> {
    view_line!(out, "  {metric}: {}", figure_range(figures))?;
    view_line!(
        out,
        "    min {}{} from {} [claim {}]: \"{}\"",
        if figures.min_open { ">" } else { "" },
        figures.min,
        figures.min_claim.report,
        figures.min_claim.claim,
        one_line(&figures.min_claim.quote)
    )?;
    view_line!(
        out,
        "    max {}{} from {} [claim {}]: \"{}\"",
        figures.max,
        if figures.max_open {
            "+ (open above)"
        } else {
            ""
        },
        figures.max_claim.report,
        figures.max_claim.claim,
        one_line(&figures.max_claim.quote)
    )?;
    view_line!(out, "    claims:")?;
    for (index, claim) in figures.claims.iter().enumerate() {
        let mut line = format!(
            "      [{index}] {}: {}",
            claim.report,
            claim_statement(claim)
        );
        if !claim.places.is_empty() {
            line.push_str(&format!(", scope {}", claim.places.join(" + ")));
        }
        if let Some(source) = &claim.attributed_to {
            line.push_str(&format!(", according to {source}"));
        }
        view_line!(out, "{line}")?;
        match &claim.coded {
            Some(cell) => view_line!(out, "          {cell}: \"{}\"", one_line(&claim.quote))?,
            None => view_line!(out, "          \"{}\"", one_line(&claim.quote))?,
        }
    }
    if !figures.conflicts.is_empty() {
        view_line!(out, "    conflicts:")?;
        for conflict in &figures.conflicts {
            view_line!(
                out,
                "      [{}] {}: \"{}\": {}",
                conflict.claim,
                conflict.report,
                one_line(&conflict.quote),
                conflict.why
            )?;
        }
    }
    if let Some(parts) = &figures.parts {
        let listed = parts
            .parts
            .iter()
            .map(|(child, min)| format!("{child} {min}"))
            .collect::<Vec<_>>()
            .join(", ");
        view_line!(
            out,
            "    parts: sum of the incidents' mins {} ({listed}){}",
            parts.sum_of_part_mins,
            if parts.whole_below_parts {
                "; WARNING: the stated whole is below the sum of its parts"
            } else {
                "; consistent with the whole"
            }
        )?;
    }
    Ok(())
}

/// "43.2500, 76.9167"; a country's middle says so, and an incident of no
/// known place has no point.
fn point_label(place: &IncidentPlace) -> String {
    match (place.lat, place.lon) {
        (Some(lat), Some(lon)) if place.level == PlaceLevel::Country => {
            format!("{lat:.4}, {lon:.4}: the country's middle")
        }
        (Some(lat), Some(lon)) => format!("{lat:.4}, {lon:.4}"),
        _ => "no point".to_string(),
    }
}

/// One incident, readable: where and when, its reports, and for every
/// metric the bounds with the quote behind each, the claims and conflicts.
pub fn render_show(incident: &Incident, out: &mut dyn Write) -> Result<(), ViewError> {
    let level = match incident.level {
        IncidentLevel::Incident => "incident",
        IncidentLevel::Parent => "day of action",
    };
    view_line!(out, "{} ({level})", incident.id)?;
    let precision = serde_json::to_value(incident.date_precision)
        .ok()
        .and_then(|value| value.as_str().map(str::to_string))
        .unwrap_or_default();
    view_line!(out, "  date:       {} ({precision})", incident.date)?;
    view_line!(
        out,
        "  place:      {} ({})",
        place_label(incident),
        point_label(&incident.place)
    )?;
    if !incident.sub_places.is_empty() {
        view_line!(out, "  within:     {}", incident.sub_places.join(", "))?;
    }
    let kind = serde_json::to_value(incident.kind)
        .ok()
        .and_then(|value| value.as_str().map(str::to_string))
        .unwrap_or_default();
    view_line!(out, "  kind:       {kind}")?;
    if !incident.organizers.is_empty() {
        view_line!(out, "  organizers: {}", incident.organizers.join("; "))?;
    }
    if !incident.coded.is_empty() {
        view_line!(
            out,
            "  coded:      {}",
            super::export::coded_rows_cell(incident)
        )?;
    }
    if let Some(parent) = &incident.parent {
        view_line!(out, "  part of:    {parent}")?;
    }
    if !incident.children.is_empty() {
        view_line!(out, "  incidents:  {}", incident.children.join(", "))?;
    }
    view_line!(out, "  reports:    {}", incident.reports.join(", "))?;
    if !incident.replaces.is_empty() {
        view_line!(out, "  replaces:   {}", incident.replaces.join(", "))?;
    }
    if !incident.decisions.is_empty() {
        let seqs: Vec<String> = incident.decisions.iter().map(u64::to_string).collect();
        view_line!(out, "  decisions:  events {}", seqs.join(", "))?;
    }
    if incident.figures.is_empty() {
        view_line!(out, "  no figures")?;
    }
    for (metric, figures) in &incident.figures {
        view_line!(out)?;
        write_metric(out, metric.as_str(), figures)?;
    }
    Ok(())
}
