//! `export --format csv|jsonl|geojson|html [--out FILE]`, with the
//! incident filter (`--from`, `--to`, `--country`, `--kind`).
//!
//! Output is sorted by (date, id) and contains nothing that depends on when
//! or where it was produced, so the same log always exports the same bytes.
//! The HTML page is built by `views::html`.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::str::FromStr;

use serde_json::json;

use crate::cluster::{ClusterConfig, ClusterState};
use crate::extract::model::Metric;
use crate::incident::{Incident, IncidentLevel};
use crate::log::{EventLog, ProjectionStore, ReadModelStore};
use crate::project::{AsOf, ProjectedState, Projection};
use crate::safe_text::spreadsheet_cell;

use super::filter::IncidentFilter;
use super::html::{HtmlSource, render_html};
use super::{ViewError, settings_for};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ExportFormat {
    /// One row per incident, in the manner of the Crowd Counting Consortium.
    Csv,
    /// One incident per line with every claim (as `incidents --json`).
    #[default]
    Jsonl,
    /// A FeatureCollection of points.
    Geojson,
    /// One self-contained page to browse them (`views::html`).
    Html,
}

impl FromStr for ExportFormat {
    type Err = ViewError;

    fn from_str(given: &str) -> Result<ExportFormat, ViewError> {
        match given.trim().to_ascii_lowercase().as_str() {
            "csv" => Ok(ExportFormat::Csv),
            "jsonl" | "ndjson" => Ok(ExportFormat::Jsonl),
            "geojson" => Ok(ExportFormat::Geojson),
            "html" => Ok(ExportFormat::Html),
            _ => Err(ViewError::UnknownFormat {
                given: given.to_string(),
            }),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    pub as_of: AsOf,
    pub cluster: ClusterConfig,
    pub format: ExportFormat,
    /// Write here instead of to the given writer. The file is replaced
    /// atomically, so a failed export never leaves half a file.
    pub out_file: Option<PathBuf>,
    /// Which incidents to export (all by default).
    pub filter: IncidentFilter,
}

/// What an export wrote, for the caller to judge its size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ExportSummary {
    /// Incidents written (days of action included).
    pub incidents: usize,
    pub bytes: u64,
}

/// Counts what passes through to `inner`.
struct Counting<'a> {
    inner: &'a mut dyn Write,
    bytes: u64,
}

impl Write for Counting<'_> {
    fn write(&mut self, buffer: &[u8]) -> std::io::Result<usize> {
        let written = self.inner.write(buffer)?;
        self.bytes += written as u64;
        Ok(written)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

pub fn export_command<L>(
    log: &L,
    options: &ExportOptions,
    out: &mut dyn Write,
) -> Result<ExportSummary, ViewError>
where
    L: EventLog + ProjectionStore + ReadModelStore + ?Sized,
{
    let settings = settings_for(&options.cluster);
    // The read model streams the incidents in export order; the HTML page,
    // and points before any checkpoint, replay the log.
    let at = if options.format == ExportFormat::Html {
        None
    } else {
        super::read_model_at(log, &settings, &options.as_of)?
    };
    let read_model = at.as_ref().map(|at| at.read_model()).transpose()?;
    let projection = if read_model.is_none() {
        Some(Projection::<ClusterState>::build(
            log,
            settings.clone(),
            &options.as_of,
        )?)
    } else {
        None
    };
    let render = |out: &mut dyn Write| -> Result<ExportSummary, ViewError> {
        let mut counting = Counting {
            inner: out,
            bytes: 0,
        };
        let incidents = match (options.format, &projection, &read_model) {
            (_, _, Some(read_model)) => {
                write_read_model(read_model, options.format, &options.filter, &mut counting)?
            }
            (ExportFormat::Html, Some(projection), None) => {
                let source = HtmlSource {
                    settings: &settings,
                    as_of: &options.as_of,
                    filter: &options.filter,
                };
                render_html(log, projection, &source, &mut counting)?.incidents
            }
            (format, Some(projection), None) => {
                write_projection(projection, format, &options.filter, &mut counting)?
            }
            (_, None, None) => 0,
        };
        Ok(ExportSummary {
            incidents,
            bytes: counting.bytes,
        })
    };
    let Some(path) = &options.out_file else {
        return render(out);
    };
    let directory = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let file_error = |source: std::io::Error| ViewError::OutputFile {
        path: path.clone(),
        source,
    };
    let mut temporary = tempfile::NamedTempFile::new_in(&directory).map_err(file_error)?;
    let summary = {
        let mut buffered = std::io::BufWriter::new(temporary.as_file_mut());
        let summary = render(&mut buffered)?;
        buffered.flush().map_err(file_error)?;
        summary
    };
    temporary
        .persist(path)
        .map_err(|error| file_error(error.error))?;
    Ok(summary)
}

/// Writes a projection's incidents without ever holding all of them: the
/// catalog's small entries are sorted into export order and each incident
/// is built (figures, claims, quotes) only as it is written. The bytes are
/// those `render_export` writes for the projection's state. HTML needs the
/// log (for the reports' texts): `export_command` writes it.
pub fn render_projection(
    projection: &Projection<ClusterState>,
    format: ExportFormat,
    out: &mut dyn Write,
) -> Result<(), ViewError> {
    write_projection(projection, format, &IncidentFilter::default(), out).map(|_| ())
}

/// `render_projection` keeping the incidents `filter` keeps; returns how
/// many it wrote.
fn write_projection(
    projection: &Projection<ClusterState>,
    format: ExportFormat,
    filter: &IncidentFilter,
    out: &mut dyn Write,
) -> Result<usize, ViewError> {
    let catalog = projection.cluster().catalog();
    let mut entries = catalog.entries();
    entries.sort_by(|a, b| (&a.date, a.id).cmp(&(&b.date, b.id)));
    let mut written = 0;
    let incidents = entries
        .iter()
        .filter_map(|entry| catalog.incident(&entry.slot))
        .filter(|incident| filter.matches(incident))
        .inspect(|_| written += 1);
    let url_of = |id: &str| {
        projection
            .report_entry(id)
            .and_then(|entry| entry.url.clone())
    };
    write_incidents(incidents, format, &url_of, out)?;
    Ok(written)
}

/// `write_projection` from the read model: the incidents in export order,
/// read one at a time.
fn write_read_model<S>(
    read_model: &crate::read_model::ReadModel<'_, S>,
    format: ExportFormat,
    filter: &IncidentFilter,
    out: &mut dyn Write,
) -> Result<usize, ViewError>
where
    S: ReadModelStore + ?Sized,
{
    let mut written = 0;
    let mut failure = None;
    let incidents = read_model
        .incidents_in_export_order()
        .map_while(|incident| match incident {
            Ok(incident) => Some(incident),
            Err(error) => {
                failure = Some(error);
                None
            }
        })
        .filter(|incident| filter.matches(incident))
        .inspect(|_| written += 1);
    let url_of = |id: &str| {
        read_model
            .report_entry(id)
            .ok()
            .flatten()
            .and_then(|entry| entry.url)
    };
    write_incidents(incidents, format, &url_of, out)?;
    match failure {
        Some(error) => Err(error.into()),
        None => Ok(written),
    }
}

/// Incidents in export order: by date, then id.
pub fn export_order(incidents: &[Incident]) -> Vec<&Incident> {
    let mut sorted: Vec<&Incident> = incidents.iter().collect();
    sorted.sort_by(|a, b| (&a.date, &a.id).cmp(&(&b.date, &b.id)));
    sorted
}

pub fn render_export(
    state: &ProjectedState,
    format: ExportFormat,
    out: &mut dyn Write,
) -> Result<(), ViewError> {
    let urls: BTreeMap<&str, &str> = state
        .reports
        .iter()
        .filter_map(|entry| entry.url.as_deref().map(|url| (entry.id.as_str(), url)))
        .collect();
    let url_of = |id: &str| urls.get(id).map(|url| url.to_string());
    let incidents = export_order(&state.incidents).into_iter();
    write_incidents(incidents, format, &url_of, out)
}

/// Writes incidents, already in export order, in `format`. `url_of` gives
/// a report's URL: a CSV row names its sources by URL when known (as the
/// Crowd Counting Consortium lists them), else by report id.
fn write_incidents<I>(
    incidents: impl Iterator<Item = I>,
    format: ExportFormat,
    url_of: &dyn Fn(&str) -> Option<String>,
    out: &mut dyn Write,
) -> Result<(), ViewError>
where
    I: std::borrow::Borrow<Incident>,
{
    match format {
        ExportFormat::Jsonl => {
            for incident in incidents {
                serde_json::to_writer(&mut *out, incident.borrow())?;
                out.write_all(b"\n")?;
            }
        }
        ExportFormat::Csv => write_csv(incidents, url_of, out)?,
        ExportFormat::Geojson => write_geojson(incidents, out)?,
        ExportFormat::Html => return Err(ViewError::FormatNeedsTheLog { format: "html" }),
    }
    Ok(())
}

/// A CSV cell for a number that may be absent: empty when it is.
fn optional_number(value: Option<f64>) -> String {
    value.map(|number| number.to_string()).unwrap_or_default()
}

/// A CSV row's sources: each report's URL when known, else its id.
fn source_names(url_of: &dyn Fn(&str) -> Option<String>, incident: &Incident) -> String {
    incident
        .reports
        .iter()
        .map(|report| url_of(report).unwrap_or_else(|| report.clone()))
        .collect::<Vec<_>>()
        .join("; ")
}

fn write_csv<I>(
    incidents: impl Iterator<Item = I>,
    url_of: &dyn Fn(&str) -> Option<String>,
    out: &mut dyn Write,
) -> Result<(), ViewError>
where
    I: std::borrow::Borrow<Incident>,
{
    write_csv_record(
        out,
        &[
            "id",
            "level",
            "parent",
            "date",
            "locality",
            "country",
            "lat",
            "lon",
            "organizers",
            "size_low",
            "size_high",
            "detained_low",
            "detained_high",
            "killed_low",
            "killed_high",
            "injured_low",
            "injured_high",
            "sources",
            "coded_rows",
        ],
    )?;
    for incident in incidents {
        let incident = incident.borrow();
        let bounds = |metric: Metric| match incident.figures.get(&metric) {
            Some(figures) => [figures.min.to_string(), figures.max.to_string()],
            None => [String::new(), String::new()],
        };
        let [size_low, size_high] = bounds(Metric::Participants);
        let [detained_low, detained_high] = bounds(Metric::Detained);
        let [killed_low, killed_high] = bounds(Metric::Killed);
        let [injured_low, injured_high] = bounds(Metric::Injured);
        let level = match incident.level {
            IncidentLevel::Incident => "incident",
            IncidentLevel::Parent => "parent",
        };
        write_csv_record(
            out,
            &[
                incident.id.clone(),
                level.to_string(),
                incident.parent.clone().unwrap_or_default(),
                incident.date.clone(),
                incident.place.name.clone(),
                incident.place.country.clone(),
                optional_number(incident.place.lat),
                optional_number(incident.place.lon),
                incident.organizers.join("; "),
                size_low,
                size_high,
                detained_low,
                detained_high,
                killed_low,
                killed_high,
                injured_low,
                injured_high,
                source_names(url_of, incident),
                coded_rows_cell(incident),
            ],
        )?;
    }
    Ok(())
}

/// Writes one CSV record, LF-terminated. Every cell goes through
/// `safe_text::spreadsheet_cell` (**no untrusted string reaches a
/// spreadsheet unescaped**: a cell starting like a formula gets a leading
/// `'` and is quoted; docs/security.md). Other cells are quoted only when
/// they hold a comma, a double quote, CR or LF, with quotes doubled: the
/// rule of the `csv` crate's writer this replaced (which cannot quote one
/// cell on demand), so an ordinary export keeps its bytes.
fn write_csv_record<S: AsRef<str>>(out: &mut dyn Write, cells: &[S]) -> std::io::Result<()> {
    let mut record = String::new();
    for (index, cell) in cells.iter().enumerate() {
        if index > 0 {
            record.push(',');
        }
        let cell = spreadsheet_cell(cell.as_ref());
        let needs_quotes = cell.always_quote || cell.text.contains([',', '"', '\r', '\n']);
        if needs_quotes {
            record.push('"');
            record.push_str(&cell.text.replace('"', "\"\""));
            record.push('"');
        } else {
            record.push_str(&cell.text);
        }
    }
    record.push('\n');
    out.write_all(record.as_bytes())
}

fn write_geojson<I>(
    incidents: impl Iterator<Item = I>,
    out: &mut dyn Write,
) -> Result<(), ViewError>
where
    I: std::borrow::Borrow<Incident>,
{
    // Written feature by feature; the bytes are those of serializing the
    // whole collection as one JSON value (keys sorted: "features", "type").
    out.write_all(b"{\"features\":[")?;
    for (index, incident) in incidents.enumerate() {
        if index > 0 {
            out.write_all(b",")?;
        }
        serde_json::to_writer(&mut *out, &geojson_feature(incident.borrow()))?;
    }
    out.write_all(b"],\"type\":\"FeatureCollection\"}\n")?;
    Ok(())
}

fn geojson_feature(incident: &Incident) -> serde_json::Value {
    let figures: serde_json::Map<String, serde_json::Value> = incident
        .figures
        .iter()
        .map(|(metric, figures)| {
            (
                metric.as_str().to_string(),
                json!({
                    "min": figures.min,
                    "max": figures.max,
                    "min_open": figures.min_open,
                    "max_open": figures.max_open,
                }),
            )
        })
        .collect();
    let mut feature = json!({
        "type": "Feature",
        // GeoJSON's way of saying a feature has no place on the map.
        "geometry": match (incident.place.lat, incident.place.lon) {
            (Some(lat), Some(lon)) => json!({"type": "Point", "coordinates": [lon, lat]}),
            _ => serde_json::Value::Null,
        },
        "properties": {
            "id": incident.id,
            "level": incident.level,
            "parent": incident.parent,
            "date": incident.date,
            "place": incident.place.name,
            "country": incident.place.country,
            "kind": incident.kind,
            "organizers": incident.organizers,
            "reports": incident.reports.len(),
            "figures": figures,
        },
    });
    // Only an incident holding coded rows names them, so an export of text
    // reports alone is unchanged.
    if !incident.coded.is_empty()
        && let Some(properties) = feature
            .get_mut("properties")
            .and_then(|p| p.as_object_mut())
    {
        properties.insert("coded".to_string(), json!(incident.coded));
    }
    feature
}

/// The coded rows an incident holds, as a CSV cell: "CCC row 4; ACLED row
/// 2 (KAZ123)".
pub fn coded_rows_cell(incident: &Incident) -> String {
    incident
        .coded
        .iter()
        .map(coded_row_label)
        .collect::<Vec<_>>()
        .join("; ")
}

/// One coded row: "ACLED row 2 (KAZ123)", "CCC row 4".
pub fn coded_row_label(coded: &crate::coded::CodedIdentity) -> String {
    match &coded.id {
        Some(id) => format!("{} row {} ({id})", coded.dataset, coded.row),
        None => format!("{} row {}", coded.dataset, coded.row),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn record_of(cells: &[String]) -> String {
        let mut bytes = Vec::new();
        write_csv_record(&mut bytes, cells).expect("writing to a Vec");
        String::from_utf8(bytes).expect("UTF-8 in, UTF-8 out")
    }

    #[test]
    fn formula_cells_are_neutralised_and_quoted() {
        let cells = ["=1+1", "-3.5", "@x", "Almaty", "a,b", "say \"hi\""].map(String::from);
        assert_eq!(
            record_of(&cells),
            "\"'=1+1\",-3.5,\"'@x\",Almaty,\"a,b\",\"say \"\"hi\"\"\"\n"
        );
    }

    proptest! {
        /// Cells that do not start like a formula come out as the csv
        /// crate's writer wrote them before: ordinary exports keep their
        /// bytes.
        #[test]
        fn ordinary_cells_are_written_as_the_csv_crate_wrote_them(
            cells in proptest::collection::vec("([^=+@\t\r-][ -~\r\n\t\u{e9}\u{201c}]{0,12})?", 2..6)
        ) {
            let mut writer = csv::Writer::from_writer(Vec::new());
            writer.write_record(&cells).expect("writing to a Vec");
            let expected = String::from_utf8(writer.into_inner().expect("flushed")).expect("UTF-8");
            prop_assert_eq!(record_of(&cells), expected);
        }
    }
}
