//! `export --format html`: one self-contained page to browse the incidents
//! (overview, map, timeline, table, incident and report pages) offline.
//!
//! The page carries everything: the vendored libraries (Leaflet, uPlot,
//! topojson-client; `assets/vendor/`, each with its licence), the Natural
//! Earth country borders (world-atlas), our own script and style
//! (`assets/html/`), and the data. Nothing is fetched when it is opened,
//! and its Content-Security-Policy forbids fetching anything
//! (docs/html-report.md).
//!
//! **Untrusted text never becomes markup.** The data goes into
//! `<script type="application/json">` elements through
//! `escape::to_script_json` (no `<`, `>`, `&` in the bytes), and the page's
//! script only ever puts report text into the document as text nodes.
//! The report texts travel gzip-compressed and base64-encoded (the bulk of
//! the file), and the page inflates them with the browser's own
//! `DecompressionStream`.
//!
//! Like the other exports it never holds every incident: one pass over the
//! catalog picks the incidents and their reports, the reports are read one
//! at a time, and a second pass builds and writes each incident.

pub mod escape;
pub mod page;

use std::collections::{BTreeSet, HashMap};
use std::io::Write;

use base64::Engine;
use flate2::Compression;
use flate2::write::GzEncoder;
use sha2::{Digest, Sha256};
use thiserror::Error;

use crate::cluster::ClusterState;
use crate::extract::model::PlaceLevel;
use crate::gazetteer::Gazetteer;
use crate::incident::{Incident, IncidentLevel};
use crate::log::{EventLog, GENESIS_HASH, LogError, ProjectionStore};
use crate::project::{
    AsOf, DecisionRecord, ProjectError, Projection, ProjectionSettings, removal_footprints,
    report_input,
};

use super::audit::{decisions_shaping, readable_span};
use super::export::coded_row_label;
use super::filter::{IncidentFilter, incident_country_code};
use escape::{html_text, to_script_json};
use page::{
    PageFigure, PageFoundPlace, PageIncident, PagePlace, PageReport, PageSummary, Utf16Offsets,
    largest_figure, page_metric,
};

#[derive(Debug, Error)]
pub enum HtmlError {
    #[error(transparent)]
    Project(#[from] ProjectError),
    #[error(transparent)]
    Log(#[from] LogError),
    #[error("cannot write the page: {0}")]
    Io(#[from] std::io::Error),
    #[error("cannot encode the page's data as JSON: {0}")]
    Json(#[from] serde_json::Error),
}

/// What a page holds, for the caller to judge its size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct HtmlSummary {
    /// Incidents and days of action.
    pub incidents: usize,
    pub reports: usize,
}

/// Where the page was built from, for its overview.
pub struct HtmlSource<'a> {
    pub settings: &'a ProjectionSettings,
    pub as_of: &'a AsOf,
    pub filter: &'a IncidentFilter,
}

const LEAFLET_JS: &str = include_str!("../../../assets/vendor/leaflet/leaflet.js");
const LEAFLET_CSS: &str = include_str!("../../../assets/vendor/leaflet/leaflet.css");
const UPLOT_JS: &str = include_str!("../../../assets/vendor/uplot/uPlot.iife.min.js");
const UPLOT_CSS: &str = include_str!("../../../assets/vendor/uplot/uPlot.min.css");
const TOPOJSON_JS: &str =
    include_str!("../../../assets/vendor/topojson-client/topojson-client.min.js");
const WORLD_TOPOJSON: &str = include_str!("../../../assets/vendor/world-atlas/countries-110m.json");
const APP_JS: &str = include_str!("../../../assets/html/app.js");
const APP_CSS: &str = include_str!("../../../assets/html/app.css");

/// The page's scripts, in the order they run.
const SCRIPTS: [&str; 4] = [LEAFLET_JS, TOPOJSON_JS, UPLOT_JS, APP_JS];

/// The Content-Security-Policy the page declares: nothing may be loaded or
/// fetched from anywhere; only the page's own scripts (by hash) run.
pub fn content_security_policy() -> String {
    let hashes: Vec<String> = SCRIPTS
        .iter()
        .map(|script| {
            let digest = Sha256::digest(script.as_bytes());
            format!(
                "'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(digest)
            )
        })
        .collect();
    format!(
        "default-src 'none'; script-src {}; style-src 'unsafe-inline'; img-src data:; \
         font-src 'none'; connect-src 'none'; media-src 'none'; object-src 'none'; \
         frame-src 'none'; worker-src 'none'; manifest-src 'none'; base-uri 'none'; \
         form-action 'none'",
        hashes.join(" ")
    )
}

/// One report as the page reads it, before its links to incidents are
/// known.
struct ReportSlot {
    page: PageReport,
    /// GeoNames id each found place resolved to, by place index.
    place_ids: Vec<Option<u32>>,
}

/// What the second pass needs of an incident to link a report's place
/// names to it.
struct IncidentPlaceKey {
    geonames_id: u32,
    sub_places: Vec<String>,
}

/// Writes the page for `projection` (as of `source.as_of`), keeping the
/// incidents `source.filter` keeps and the reports they hold.
pub fn render_html<L>(
    log: &L,
    projection: &Projection<ClusterState>,
    source: &HtmlSource<'_>,
    out: &mut dyn Write,
) -> Result<HtmlSummary, HtmlError>
where
    L: EventLog + ProjectionStore + ?Sized,
{
    let catalog = projection.cluster().catalog();
    let mut entries = catalog.entries();
    entries.sort_by(|a, b| (&a.date, a.id).cmp(&(&b.date, b.id)));

    // Pass 1: which incidents the page holds, and their reports.
    let mut kept = Vec::new();
    let mut referenced = BTreeSet::new();
    for (index, entry) in entries.iter().enumerate() {
        let Some(incident) = catalog.incident(&entry.slot) else {
            continue;
        };
        if source.filter.matches(&incident) {
            kept.push(index);
            referenced.extend(incident.reports);
        }
    }

    // The reports, in log order: metadata and spans now, texts compressed.
    let mut ordered: Vec<(u64, String)> = referenced
        .into_iter()
        .map(|id| {
            let seq = projection
                .report_entry(&id)
                .map_or(u64::MAX, |entry| entry.seq);
            (seq, id)
        })
        .collect();
    ordered.sort();
    let mut texts = GzEncoder::new(Vec::new(), Compression::default());
    texts.write_all(b"[")?;
    let mut slots: Vec<ReportSlot> = Vec::with_capacity(ordered.len());
    let mut report_index: HashMap<String, u32> = HashMap::with_capacity(ordered.len());
    let mut figure_index: HashMap<(u32, [usize; 2]), u32> = HashMap::new();
    for (_, id) in &ordered {
        let index = slots.len() as u32;
        let (slot, text) = read_report(
            log,
            projection,
            source.settings,
            id,
            &mut figure_index,
            index,
        )?;
        if index > 0 {
            texts.write_all(b",")?;
        }
        serde_json::to_writer(&mut texts, &text)?;
        report_index.insert(id.clone(), index);
        slots.push(slot);
    }
    texts.write_all(b"]")?;
    let texts = texts.finish()?;

    let footprints = removal_footprints::<ClusterState, L>(
        log,
        source.settings,
        projection.decisions(),
        projection.position(),
    )?;
    let decisions: &[DecisionRecord] = projection.decisions();
    let decision_index: HashMap<u64, u32> = decisions
        .iter()
        .enumerate()
        .map(|(index, decision)| (decision.seq, index as u32))
        .collect();

    let mut summary = PageSummary {
        concord_version: env!("CARGO_PKG_VERSION").to_string(),
        reports: slots.len(),
        extractor_version: source.settings.extractor.version.clone(),
        policy: source.settings.cluster.reconcile_policy.clone(),
        log_position: projection.position(),
        log_head_hash: head_hash(log, projection.position())?,
        as_of: describe_as_of(source.as_of),
        filter: source.filter.describe(),
        ..PageSummary::default()
    };
    summary.outlets = slots
        .iter()
        .filter_map(|slot| slot.page.outlet.as_deref())
        .collect::<BTreeSet<_>>()
        .len();

    write_head(out)?;
    // Pass 2: each incident built again, written, and linked to its
    // reports' figures and places.
    out.write_all(b"<script type=\"application/json\" id=\"concord-incidents\">[")?;
    let mut place_keys: Vec<IncidentPlaceKey> = Vec::with_capacity(kept.len());
    for (position, &index) in kept.iter().enumerate() {
        let Some(incident) = catalog.incident(&entries[index].slot) else {
            continue;
        };
        let incident_number = place_keys.len() as u32;
        let shaping = decisions_shaping(&incident, decisions, &footprints);
        let page = page_incident(
            &incident,
            incident_number,
            &report_index,
            &figure_index,
            &mut slots,
            shaping
                .iter()
                .filter_map(|decision| decision_index.get(&decision.seq).copied())
                .collect(),
        );
        count_into(&mut summary, &page);
        place_keys.push(IncidentPlaceKey {
            geonames_id: incident.place.geonames_id,
            sub_places: incident.sub_places.clone(),
        });
        if position > 0 {
            out.write_all(b",")?;
        }
        out.write_all(to_script_json(&page)?.as_bytes())?;
    }
    out.write_all(b"]</script>\n")?;
    let incidents = place_keys.len();

    link_places(&mut slots, &place_keys);
    // The reports ride with their texts: compressed, and unpacked only when
    // a page needs them (the first view does not).
    let mut compressed = GzEncoder::new(Vec::new(), Compression::default());
    compressed.write_all(b"[")?;
    for (index, slot) in slots.iter().enumerate() {
        if index > 0 {
            compressed.write_all(b",")?;
        }
        serde_json::to_writer(&mut compressed, &slot.page)?;
    }
    compressed.write_all(b"]")?;
    write_base64_block(out, "concord-reports", &compressed.finish()?)?;
    write_json_block(out, "concord-decisions", decisions)?;
    write_json_block(out, "concord-summary", &summary)?;
    // The borders are a vendored file: parsed and written again through the
    // same escaping, so not even a vendored string can end the element.
    let world: serde_json::Value = serde_json::from_str(WORLD_TOPOJSON)?;
    write_json_block(out, "concord-world", &world)?;
    write_base64_block(out, "concord-texts", &texts)?;
    for script in SCRIPTS {
        out.write_all(b"<script>")?;
        out.write_all(script.as_bytes())?;
        out.write_all(b"</script>\n")?;
    }
    out.write_all(b"</body>\n</html>\n")?;
    Ok(HtmlSummary {
        incidents,
        reports: slots.len(),
    })
}

/// Reads report `id` with its extraction: its metadata, its figures' and
/// places' spans in its reading text (UTF-16), and that text. Registers
/// each figure under (report index, span as stored) in `figure_index`.
fn read_report<L>(
    log: &L,
    projection: &Projection<ClusterState>,
    settings: &ProjectionSettings,
    id: &str,
    figure_index: &mut HashMap<(u32, [usize; 2]), u32>,
    index: u32,
) -> Result<(ReportSlot, String), HtmlError>
where
    L: EventLog + ProjectionStore + ?Sized,
{
    let entry = projection.report_entry(id);
    let mut page = PageReport {
        id: id.to_string(),
        outlet: entry.and_then(|entry| entry.outlet.clone()),
        published: entry.and_then(|entry| entry.published),
        title: entry.and_then(|entry| entry.title.clone()),
        url: entry.and_then(|entry| entry.url.clone()),
        status: entry.map_or_else(|| "unknown".to_string(), |entry| entry.status.describe()),
        figs: Vec::new(),
        places: Vec::new(),
        incidents: Vec::new(),
    };
    let mut place_ids = Vec::new();
    let Some(input) = report_input(log, &settings.extractor, id)? else {
        return Ok((ReportSlot { page, place_ids }, String::new()));
    };
    let text = input.report.reading_text().to_string();
    let offsets = Utf16Offsets::new(&text);
    let in_text = |span: [usize; 2]| offsets.span(readable_span(&input.report, span)?);
    for figure in input
        .extraction
        .figures
        .iter()
        .filter(|figure| figure.quoted_from == crate::extract::QuotedFrom::Text)
    {
        let (Some((quote_start, quote_end)), Some((sentence_start, sentence_end))) =
            (in_text(figure.span), in_text(figure.sentence_span))
        else {
            continue;
        };
        figure_index.insert((index, figure.span), page.figs.len() as u32);
        page.figs.push(PageFigure(
            quote_start,
            quote_end,
            sentence_start,
            sentence_end,
            figure.metric,
            Vec::new(),
        ));
    }
    for place in &input.extraction.places {
        let Some((start, end)) = in_text(place.span) else {
            continue;
        };
        let role = serde_json::to_value(place.role)?
            .as_str()
            .unwrap_or_default()
            .to_string();
        let name = place.name.clone().unwrap_or_else(|| place.text.clone());
        page.places
            .push(PageFoundPlace(start, end, name, role, Vec::new()));
        place_ids.push(place.geonames_id);
    }
    Ok((ReportSlot { page, place_ids }, text))
}

/// The page's form of `incident` (number `number` on the page), linking
/// each claim to its report's figure and recording the links on the
/// reports.
fn page_incident(
    incident: &Incident,
    number: u32,
    report_index: &HashMap<String, u32>,
    figure_index: &HashMap<(u32, [usize; 2]), u32>,
    slots: &mut [ReportSlot],
    decisions: Vec<u32>,
) -> PageIncident {
    let reports: Vec<u32> = incident
        .reports
        .iter()
        .filter_map(|id| report_index.get(id).copied())
        .collect();
    for &report in &reports {
        if let Some(slot) = slots.get_mut(report as usize) {
            slot.page.incidents.push(number);
        }
    }
    let mut locate = |report: &str, span: [usize; 2]| {
        let Some(&r) = report_index.get(report) else {
            return (None, None);
        };
        let f = figure_index.get(&(r, span)).copied();
        if let Some(figure) = f.and_then(|f| {
            slots
                .get_mut(r as usize)
                .and_then(|slot| slot.page.figs.get_mut(f as usize))
        }) && !figure.5.contains(&number)
        {
            figure.5.push(number);
        }
        (Some(r), f)
    };
    let figures = incident
        .figures
        .iter()
        .map(|(metric, figures)| page_metric(*metric, figures, &mut locate))
        .collect::<Vec<_>>();
    let gazetteer = Gazetteer::global();
    let place_index = gazetteer.by_geonames_id(incident.place.geonames_id);
    let region = place_index
        .and_then(|index| gazetteer.region_of(index))
        .map(|region| gazetteer.place(region).name.clone());
    // A country-wide incident (a day of action, a country's year) is at
    // the country's middle: the map marks it as such.
    let country_point = incident.place.level == PlaceLevel::Country && incident.place.lat.is_some();
    PageIncident {
        id: incident.id.clone(),
        level: incident.level,
        parent: incident.parent.clone(),
        children: incident.children.clone(),
        date: incident.date.clone(),
        place: PagePlace {
            name: incident.place.name.clone(),
            country: incident.place.country.clone(),
            cc: incident_country_code(&incident.place),
            region,
            level: incident.place.level,
            lat: incident.place.lat,
            lon: incident.place.lon,
            country_point,
        },
        sub_places: incident.sub_places.clone(),
        kind: incident.kind,
        organizers: incident.organizers.clone(),
        reports,
        coded: incident.coded.iter().map(coded_row_label).collect(),
        conflicts: figures.iter().map(|metric| metric.conflicts.len()).sum(),
        figures,
        replaces: incident.replaces.clone(),
        decisions,
        largest: largest_figure(incident),
    }
}

/// Adds an incident to the overview's counts.
fn count_into(summary: &mut PageSummary, incident: &PageIncident) {
    match incident.level {
        IncidentLevel::Incident => summary.incidents += 1,
        IncidentLevel::Parent => summary.days_of_action += 1,
    }
    if summary
        .first_date
        .as_ref()
        .is_none_or(|first| &incident.date < first)
    {
        summary.first_date = Some(incident.date.clone());
    }
    if summary
        .last_date
        .as_ref()
        .is_none_or(|last| &incident.date > last)
    {
        summary.last_date = Some(incident.date.clone());
    }
    summary.conflicts += incident.conflicts;
    if incident.conflicts > 0 {
        summary.incidents_with_conflicts += 1;
    }
    summary.parts_warnings += incident
        .figures
        .iter()
        .filter(|metric| {
            metric
                .parts
                .as_ref()
                .is_some_and(|parts| parts.whole_below_parts)
        })
        .count();
    if incident.place.lat.is_none() {
        summary.without_coordinates += 1;
    }
}

/// Links each place name of a report to the report's incidents at that
/// place: the same GeoNames place, or a sub-place of the incident by name.
fn link_places(slots: &mut [ReportSlot], keys: &[IncidentPlaceKey]) {
    for slot in slots {
        let incidents = slot.page.incidents.clone();
        for (place, geonames_id) in slot.page.places.iter_mut().zip(&slot.place_ids) {
            for &number in &incidents {
                let Some(key) = keys.get(number as usize) else {
                    continue;
                };
                let same_place = *geonames_id == Some(key.geonames_id);
                let sub_place = key.sub_places.iter().any(|sub| sub == &place.2);
                if (same_place || sub_place) && !place.4.contains(&number) {
                    place.4.push(number);
                }
            }
        }
    }
}

fn head_hash<L>(log: &L, position: u64) -> Result<String, HtmlError>
where
    L: EventLog + ?Sized,
{
    if position == 0 {
        return Ok(GENESIS_HASH.to_string());
    }
    Ok(log
        .get(position)?
        .map_or_else(String::new, |event| event.hash))
}

fn describe_as_of(as_of: &AsOf) -> String {
    match as_of {
        AsOf::Head => "head".to_string(),
        AsOf::Seq(seq) => format!("event {seq}"),
        AsOf::Date(date) => date.to_string(),
        AsOf::Instant(instant) => instant.to_rfc3339(),
    }
}

/// gzip-compressed JSON as a base64 data block (base64 holds no markup).
fn write_base64_block(out: &mut dyn Write, id: &str, gzip: &[u8]) -> Result<(), HtmlError> {
    write!(
        out,
        "<script type=\"application/octet-stream\" id=\"{}\" data-encoding=\"gzip+base64\">",
        html_text(id)
    )?;
    out.write_all(
        base64::engine::general_purpose::STANDARD
            .encode(gzip)
            .as_bytes(),
    )?;
    out.write_all(b"</script>\n")?;
    Ok(())
}

fn write_json_block<T: serde::Serialize + ?Sized>(
    out: &mut dyn Write,
    id: &str,
    value: &T,
) -> Result<(), HtmlError> {
    write!(
        out,
        "<script type=\"application/json\" id=\"{}\">",
        html_text(id)
    )?;
    out.write_all(to_script_json(value)?.as_bytes())?;
    out.write_all(b"</script>\n")?;
    Ok(())
}

/// The document up to the data: policy, styles, and the page's skeleton,
/// which the script fills.
fn write_head(out: &mut dyn Write) -> Result<(), HtmlError> {
    write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>concord: incidents</title>\n",
        html_text(&content_security_policy())
    )?;
    for style in [LEAFLET_CSS, UPLOT_CSS, APP_CSS] {
        out.write_all(b"<style>")?;
        out.write_all(style.as_bytes())?;
        out.write_all(b"</style>\n")?;
    }
    out.write_all(SKELETON.as_bytes())?;
    Ok(())
}

/// The page's fixed structure (from `</head>` to `</main>`). The script
/// fills every part from the data.
const SKELETON: &str = include_str!("../../../assets/html/skeleton.html");

#[cfg(test)]
mod tests {
    use super::*;

    /// The inline scripts and styles are written between tags as they are:
    /// none of them may hold what would end its element early.
    #[test]
    fn embedded_assets_cannot_end_their_elements() {
        for (name, asset) in [
            ("leaflet.js", LEAFLET_JS),
            ("topojson-client.min.js", TOPOJSON_JS),
            ("uPlot.iife.min.js", UPLOT_JS),
            ("app.js", APP_JS),
            ("leaflet.css", LEAFLET_CSS),
            ("uPlot.min.css", UPLOT_CSS),
            ("app.css", APP_CSS),
            ("skeleton.html", SKELETON),
        ] {
            let lower = asset.to_ascii_lowercase();
            assert!(!lower.contains("</script"), "{name} holds </script");
            assert!(!lower.contains("</style"), "{name} holds </style");
            assert!(!lower.contains("<!--"), "{name} holds <!--");
        }
    }

    #[test]
    fn the_policy_allows_exactly_the_page_scripts() {
        let policy = content_security_policy();
        assert!(policy.starts_with("default-src 'none'; script-src 'sha256-"));
        assert_eq!(policy.matches("'sha256-").count(), SCRIPTS.len());
        assert!(policy.contains("connect-src 'none'"));
        assert!(!policy.contains("unsafe-eval"));
        assert!(!policy.contains("script-src 'unsafe-inline'"));
    }
}
