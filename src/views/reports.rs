//! `reports`: every report stored, its status and its incidents.

use std::collections::HashMap;
use std::io::Write;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::cluster::ClusterConfig;
use crate::extract::model::PlaceLevel;
use crate::incident::{Incident, IncidentLevel};
use crate::log::{EventLog, ProjectionStore, ReadModelStore};
use crate::project::{AsOf, ProjectedState, ReportEntry, ReportStatus, project};

use super::{ViewError, settings_for, write_columns};

#[derive(Debug, Clone, Default)]
pub struct ReportsOptions {
    pub as_of: AsOf,
    pub cluster: ClusterConfig,
    /// One JSON object per line instead of a table.
    pub json: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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

/// What `reports` needs of an incident to tell a report's own news: small
/// enough to keep one per incident while the incidents themselves are
/// written out one at a time (read models, src/read_model.rs).
#[derive(Debug, Clone, PartialEq)]
pub struct IncidentOutline {
    pub id: String,
    pub date: String,
    pub place_name: String,
    pub place_country: String,
    pub place_level: PlaceLevel,
    pub level: IncidentLevel,
    pub parent: Option<String>,
    pub children: Vec<String>,
    /// Every report that contributed a mention, in log order.
    pub reports: Vec<String>,
    /// For a day's parent, the reports with a claim on one of its figures
    /// (whether a report tells the day of action); empty for a block's
    /// incident, whose claimants nothing asks for: a million-report
    /// build keeps an outline of every incident while it writes the rows.
    pub claimants: Vec<String>,
}

impl IncidentOutline {
    pub fn of(incident: &Incident) -> IncidentOutline {
        let mut claimants: Vec<String> = if incident.level == IncidentLevel::Parent {
            incident
                .figures
                .values()
                .flat_map(|figures| figures.claims.iter().map(|claim| claim.report.clone()))
                .collect()
        } else {
            Vec::new()
        };
        claimants.sort_unstable();
        claimants.dedup();
        IncidentOutline {
            id: incident.id.clone(),
            date: incident.date.clone(),
            place_name: incident.place.name.clone(),
            place_country: incident.place.country.clone(),
            place_level: incident.place.level,
            level: incident.level,
            parent: incident.parent.clone(),
            children: incident.children.clone(),
            reports: incident.reports.clone(),
            claimants,
        }
    }
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
/// An incident that holds only this report gives way to the report's
/// incident that the most other reports share; of the report's city
/// incidents of one day, the one most reports share (then lead with)
/// wins; an earlier event the report recalls as background is never its
/// news (docs/clustering.md, "A report's primary incident").
/// Fallbacks: any incident on the main date, at the main place, then the
/// first city incident, then the first at all.
fn primary_incident(
    entry: &ReportEntry,
    main_incident: Option<&str>,
    containing: &[&IncidentOutline],
    leads: &dyn Fn(&str) -> usize,
) -> Option<String> {
    let main = entry.main_event.as_ref();
    // Background place-days (an earlier event the report recalls) are
    // never its news: they are left out unless the report holds nothing
    // else.
    let is_background = |incident: &IncidentOutline| {
        main.is_some_and(|main| {
            main.background
                .iter()
                .any(|(date, place)| *date == incident.date && *place == incident.place_name)
        })
    };
    let own_news: Vec<&IncidentOutline> = containing
        .iter()
        .copied()
        .filter(|incident| !is_background(incident))
        .collect();
    let containing: &[&IncidentOutline] = if own_news.is_empty() {
        containing
    } else {
        &own_news
    };
    let main_place = main.and_then(|main| main.place.as_deref());
    let main_date = main.and_then(|main| main.date.as_deref());
    let at_place = |incident: &&&IncidentOutline| main_place == Some(incident.place_name.as_str());
    let on_date = |incident: &&&IncidentOutline| main_date == Some(incident.date.as_str());
    let is_parent = |incident: &&&IncidentOutline| incident.level == IncidentLevel::Parent;
    let is_city = |incident: &&&IncidentOutline| incident.place_level != PlaceLevel::Country;
    // The main place names a country when it is some incident's country
    // (and not a city of the same name, as in a city-state).
    let main_is_country = main_place.is_some_and(|place| {
        containing.iter().any(|incident| {
            incident.place_country == place
                && (incident.place_level == PlaceLevel::Country || incident.place_name != place)
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
    // Where clustering put the report's main mention, when the main place
    // is a city: it tells apart two incidents of one place and day. (A
    // main mention that names only the country joins whichever city it
    // scored best with; the city most reports share is the better guess.)
    let holds_main = main_incident
        .and_then(|id| containing.iter().find(|incident| incident.id == id))
        .filter(|incident| is_city(incident) || is_parent(incident));
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
        holds_main
            .or_else(|| {
                containing
                    .iter()
                    .find(|incident| at_place(incident) && on_date(incident))
            })
            .or_else(most_reported_city_on_date)
    };
    // A main place-day that no other report shares, beside another of the
    // report's own place-days that other reports corroborate: extraction
    // misread the lead ("Man" read as the Isle of Man, a neighbourhood as
    // a town of its own, the day the victim died for the day of the
    // shooting), and the corroborated incident is the report's news.
    let chosen = match chosen {
        Some(uncorroborated) if uncorroborated.reports.len() == 1 => containing
            .iter()
            .filter(|incident| !is_parent(incident))
            .filter(|incident| incident.reports.len() > 1)
            // Most reports first; ties to the smaller id, as above.
            .rev()
            .max_by_key(|incident| incident.reports.len())
            .or(Some(uncorroborated)),
        other => other,
    };
    // A report that tells several places of its day (the street's suburb
    // and the city, the town and the hospital's city) holds an incident
    // for each. Of those of the chosen one's day, the report's news is the
    // one most reports share, then the one most reports lead with, then
    // the smaller id: every report holding the same incidents then names
    // the same one, where each one's own lead would scatter them.
    let chosen = chosen.map(|chosen| {
        if is_parent(&chosen) || !is_city(&chosen) {
            return chosen;
        }
        fn rank<'a>(
            incident: &'a IncidentOutline,
            leads: &dyn Fn(&str) -> usize,
        ) -> (usize, usize, std::cmp::Reverse<&'a str>) {
            (
                incident.reports.len(),
                leads(incident.id.as_str()),
                std::cmp::Reverse(incident.id.as_str()),
            )
        }
        containing
            .iter()
            .filter(|incident| !is_parent(incident) && is_city(incident))
            .filter(|incident| incident.date == chosen.date)
            .max_by_key(|incident| rank(incident, leads))
            .unwrap_or(chosen)
    });
    // A city incident is the report's news unless the report is telling
    // its day of action: it describes two or more of the day's cities, or
    // states a national or multi-city figure for the day (a claim on the
    // parent). Then the parent is its top-level incident.
    let tells_day_of_action = |parent: &IncidentOutline| {
        let cities_described = containing
            .iter()
            .filter(|incident| parent.children.contains(&incident.id))
            .count();
        let states_for_the_day = parent
            .claimants
            .binary_search_by(|claimant| claimant.as_str().cmp(entry.id.as_str()))
            .is_ok();
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
    let outlines: Vec<IncidentOutline> = state.incidents.iter().map(IncidentOutline::of).collect();
    report_rows_from_outlines(&state.reports, &outlines)
}

/// `report_rows` from the reports (in log order, with their main
/// incidents) and the incidents' outlines sorted by id.
pub fn report_rows_from_outlines(
    reports: &[ReportEntry],
    outlines: &[IncidentOutline],
) -> Vec<ReportRow> {
    let mut rows = Vec::with_capacity(reports.len());
    visit_report_rows(reports, outlines, |row| rows.push(row));
    rows
}

/// Hands each report's row to `visit`, in `reports`' order, one at a time:
/// a writer of a million rows never holds them all.
pub fn visit_report_rows(
    reports: &[ReportEntry],
    outlines: &[IncidentOutline],
    mut visit: impl FnMut(ReportRow),
) {
    let in_order: Vec<&ReportEntry> = reports.iter().collect();
    visit_report_rows_led(
        &in_order,
        |entry| entry.main_incident.as_deref(),
        outlines,
        |_, _, row| visit(row),
    );
}

/// `visit_report_rows` for entries whose main incidents are known apart
/// from them (`main_incident_of`): a full build's writer reads a million
/// entries where the projection keeps them, with no copy of each to fill
/// in. `visit` gets each entry, its main incident and its row. Returns
/// how many reports lead with each incident.
pub fn visit_report_rows_led<'a>(
    reports: &[&'a ReportEntry],
    main_incident_of: impl Fn(&'a ReportEntry) -> Option<&'a str>,
    outlines: &[IncidentOutline],
    mut visit: impl FnMut(&'a ReportEntry, Option<&'a str>, ReportRow),
) -> HashMap<&'a str, usize> {
    let mut leads: HashMap<&'a str, usize> = HashMap::new();
    for &entry in reports {
        if let Some(id) = main_incident_of(entry) {
            *leads.entry(id).or_insert(0) += 1;
        }
    }
    // Each report's incidents, in the incidents' (id) order: one pass over
    // the incidents, not one per report. Kept as (report, incident) pairs
    // sorted by report, then incident: a map of a list per report held a
    // small allocation for each of a million reports at the peak of a full
    // build (docs/BENCHMARKS.md, "The full build on both cores").
    let mut report_incidents: Vec<(&str, u32)> = outlines
        .iter()
        .enumerate()
        .flat_map(|(index, incident)| {
            incident
                .reports
                .iter()
                .map(move |report| (report.as_str(), index as u32))
        })
        .collect();
    report_incidents.sort_unstable();
    // A report is listed once per incident.
    report_incidents.dedup();
    let mut containing: Vec<&IncidentOutline> = Vec::new();
    for &entry in reports {
        let id = entry.id.as_str();
        let start = report_incidents.partition_point(|&(report, _)| report < id);
        containing.clear();
        containing.extend(
            report_incidents[start..]
                .iter()
                .take_while(|&&(report, _)| report == id)
                .map(|&(_, index)| &outlines[index as usize]),
        );
        let main_incident = main_incident_of(entry);
        let row = report_row(entry, main_incident, &containing, &|id| {
            leads.get(id).copied().unwrap_or(0)
        });
        visit(entry, main_incident, row);
    }
    leads
}

/// One report's row, from the incidents that hold it (sorted by id, each
/// once) and how many reports lead with each of them.
pub fn report_row(
    entry: &ReportEntry,
    main_incident: Option<&str>,
    containing: &[&IncidentOutline],
    leads: &dyn Fn(&str) -> usize,
) -> ReportRow {
    ReportRow {
        id: entry.id.clone(),
        seq: entry.seq,
        outlet: entry.outlet.clone(),
        published: entry.published,
        title: entry.title.clone(),
        status: entry.status.clone(),
        supersedes: entry.supersedes.clone(),
        primary_incident: primary_incident(entry, main_incident, containing, leads),
        incidents: containing
            .iter()
            .map(|incident| incident.id.clone())
            .collect(),
    }
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
    L: EventLog + ProjectionStore + ReadModelStore + ?Sized,
{
    let settings = settings_for(&options.cluster);
    if let Some(at) = super::read_model_at(log, &settings, &options.as_of)? {
        // The read model answers, in log order, one row at a time for JSON.
        let read_model = at.read_model()?;
        if options.json {
            for row in read_model.report_rows() {
                serde_json::to_writer(&mut *out, &row?)?;
                out.write_all(b"\n")?;
            }
            return Ok(());
        }
        let rows = read_model.report_rows().collect::<Result<Vec<_>, _>>()?;
        return render_reports_table(&rows, out);
    }
    let state = project(log, settings, &options.as_of)?;
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

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use chrono::{DateTime, Utc};

    use super::*;

    /// `primary_incident` of whole incidents, through their outlines.
    fn primary(
        entry: &ReportEntry,
        containing: &[&Incident],
        leads: &HashMap<&str, usize>,
    ) -> Option<String> {
        let outlines: Vec<IncidentOutline> = containing
            .iter()
            .map(|incident| IncidentOutline::of(incident))
            .collect();
        let borrowed: Vec<&IncidentOutline> = outlines.iter().collect();
        primary_incident(entry, entry.main_incident.as_deref(), &borrowed, &|id| {
            leads.get(id).copied().unwrap_or(0)
        })
    }
    use crate::extract::model::{DatePrecision, EventKind};
    use crate::incident::IncidentPlace;
    use crate::project::MainEventSummary;

    fn incident(id: &str, date: &str, place: &str, reports: &[&str]) -> Incident {
        Incident {
            id: id.to_string(),
            level: IncidentLevel::Incident,
            parent: None,
            children: Vec::new(),
            date: date.to_string(),
            date_precision: DatePrecision::Day,
            place: IncidentPlace {
                name: place.to_string(),
                country: "United States".to_string(),
                lat: Some(40.0),
                lon: Some(-86.0),
                geonames_id: 1,
                level: PlaceLevel::City,
            },
            sub_places: Vec::new(),
            kind: EventKind::Shooting,
            organizers: Vec::new(),
            reports: reports.iter().map(|r| r.to_string()).collect(),
            coded: Vec::new(),
            figures: BTreeMap::new(),
            replaces: Vec::new(),
            decisions: Vec::new(),
        }
    }

    fn entry(main: (&str, &str), background: &[(&str, &str)]) -> ReportEntry {
        ReportEntry {
            id: "late".to_string(),
            seq: 9,
            recorded_at: DateTime::<Utc>::default(),
            outlet: None,
            published: None,
            title: None,
            url: None,
            supersedes: None,
            status: ReportStatus::Live,
            main_event: Some(MainEventSummary {
                date: Some(main.0.to_string()),
                place: Some(main.1.to_string()),
                background: background
                    .iter()
                    .map(|(d, p)| (d.to_string(), p.to_string()))
                    .collect(),
            }),
            main_incident: None,
        }
    }

    #[test]
    fn issue_12_an_uncorroborated_lead_gives_way_to_the_incident_other_reports_share() {
        // The lead was read as the day the child died in the hospital's
        // city; three other reports share the shooting's day and town.
        let death_day = incident("d", "2014-10-23", "Indianapolis", &["late"]);
        let shooting = incident("s", "2014-10-22", "Kokomo", &["a", "b", "late"]);
        let primary = primary(
            &entry(("2014-10-23", "Indianapolis"), &[]),
            &[&death_day, &shooting],
            &HashMap::new(),
        );
        assert_eq!(primary.as_deref(), Some("s"));
    }

    #[test]
    fn issue_12_a_corroborated_lead_stays_the_primary() {
        let lead = incident("l", "2014-10-23", "Indianapolis", &["x", "late"]);
        let other = incident("o", "2014-10-22", "Kokomo", &["a", "b", "late"]);
        let primary = primary(
            &entry(("2014-10-23", "Indianapolis"), &[]),
            &[&lead, &other],
            &HashMap::new(),
        );
        assert_eq!(primary.as_deref(), Some("l"));
    }

    #[test]
    fn issue_12_a_recalled_earlier_event_is_never_the_primary() {
        // Many reports recall last year's shooting; this one's own news,
        // told by it alone, is still its primary incident.
        let news = incident("n", "2016-06-17", "Elgin", &["late"]);
        let recalled = incident("r", "2015-06-17", "Elgin", &["a", "b", "c", "late"]);
        let primary = primary(
            &entry(("2016-06-17", "Elgin"), &[("2015-06-17", "Elgin")]),
            &[&news, &recalled],
            &HashMap::new(),
        );
        assert_eq!(primary.as_deref(), Some("n"));
    }

    #[test]
    fn issue_12_two_incidents_of_one_place_and_day_are_told_apart_by_the_reports_leading_with_them()
    {
        // Same place, same day, as many reports each: the one whose
        // reports lead with it (clustering put their main mention there).
        let first = incident("c", "2016-06-17", "Elgin", &["a", "late"]);
        let second = incident("c-2", "2016-06-17", "Elgin", &["b", "late"]);
        let mut report = entry(("2016-06-17", "Elgin"), &[]);
        report.main_incident = Some("c-2".to_string());
        let leads = HashMap::from([("c-2", 2)]);
        assert_eq!(
            primary(&report, &[&first, &second], &leads).as_deref(),
            Some("c-2")
        );
    }

    #[test]
    fn issue_12_reports_holding_the_same_places_of_one_day_name_the_same_primary() {
        // One story names the suburb first, the other the city; each holds
        // both place-days. Their leads differ, their primary must not.
        let suburb = incident(
            "2013-08-28-desoto",
            "2013-08-28",
            "DeSoto",
            &["late", "other"],
        );
        let city = incident(
            "2013-08-28-dallas",
            "2013-08-28",
            "Dallas",
            &["late", "other"],
        );
        let mut leads = HashMap::new();
        leads.insert("2013-08-28-desoto", 1);
        leads.insert("2013-08-28-dallas", 1);
        let mut leading_with_the_suburb = entry(("2013-08-28", "DeSoto"), &[]);
        leading_with_the_suburb.main_incident = Some("2013-08-28-desoto".to_string());
        let mut leading_with_the_city = entry(("2013-08-28", "Dallas"), &[]);
        leading_with_the_city.id = "other".to_string();
        leading_with_the_city.main_incident = Some("2013-08-28-dallas".to_string());
        let first = primary(&leading_with_the_suburb, &[&city, &suburb], &leads);
        let second = primary(&leading_with_the_city, &[&city, &suburb], &leads);
        assert_eq!(first, second);
        assert!(first.is_some());
    }

    #[test]
    fn issue_12_the_incident_more_reports_share_wins_among_one_days_places() {
        let hospital_city = incident("h", "2016-10-24", "Des Moines", &["late", "a", "b"]);
        let town = incident("t", "2016-10-24", "Roosevelt", &["late", "a"]);
        let mut report = entry(("2016-10-24", "Roosevelt"), &[]);
        report.main_incident = Some("t".to_string());
        assert_eq!(
            primary(&report, &[&hospital_city, &town], &HashMap::new()).as_deref(),
            Some("h")
        );
    }
}
