//! Coded event datasets: CSV files in which each row is one event coded by
//! people (ACLED, the Crowd Counting Consortium, Mass Mobilization, the Gun
//! Violence Archive, anyone's own spreadsheet).
//!
//! A row is a report of its own kind, a **coded record**: its stored text
//! is the row's bytes exactly as read from the file (hash-chained like any
//! report), and its claims come from columns, not sentences. Which column
//! says what is a **mapping** (`DatasetMapping`): one of the presets below,
//! or a TOML file. The mapping travels with every row in the log (a
//! preset by name and version, a custom mapping whole), so a replay reads
//! the row exactly as the ingest did, whatever presets a later concord
//! ships. docs/inputs.md, "Coded event datasets", is the user's view.
//!
//! - `read.rs`: the CSV reader (one report per good row, one error per bad
//!   row naming file, row, column and reason);
//! - `extract.rs`: the claims of a stored row (a pure function of the row
//!   and its mapping);
//! - `place.rs`: places from locality, region and country columns, or from
//!   coordinates, through the gazetteer.

mod extract;
mod place;
mod read;

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::extract::model::{EventKind, Metric};
use crate::report::Report;

pub use extract::{extract_coded_report, parse_count_text, split_row};
pub use read::{read_dataset_bytes, read_dataset_file};

/// The report metadata key under which a coded record keeps what it is
/// (`CodedRecord`): its dataset, row, coded id, the file's header and the
/// mapping it was read with.
pub const CODED_METADATA_KEY: &str = "coded";

#[derive(Debug, Error)]
pub enum CodedError {
    #[error(
        "unknown dataset preset `{0}`: expected acled, ccc, mm (Mass Mobilization), gva (Gun Violence Archive) or a mapping file ending in .toml"
    )]
    UnknownPreset(String),
    #[error("cannot read the mapping {path}: {source}")]
    MappingRead {
        path: String,
        source: std::io::Error,
    },
    #[error("the mapping {path} is not a valid dataset mapping: {reason}")]
    MappingInvalid { path: String, reason: String },
}

/// One or several column names for one field: the first one the file's
/// header has is read. Presets list the names a dataset's exports have used
/// over the years (the GVA site's "Incident Date" and the research
/// extract's `date`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ColumnNames {
    One(String),
    Many(Vec<String>),
}

impl Default for ColumnNames {
    fn default() -> Self {
        ColumnNames::Many(Vec::new())
    }
}

impl ColumnNames {
    pub fn names(&self) -> &[String] {
        match self {
            ColumnNames::One(name) => std::slice::from_ref(name),
            ColumnNames::Many(names) => names,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.names().iter().all(|name| name.trim().is_empty())
    }

    fn of(names: &[&str]) -> ColumnNames {
        ColumnNames::Many(names.iter().map(|name| name.to_string()).collect())
    }
}

/// A date written in three columns (Mass Mobilization's `startday`,
/// `startmonth`, `startyear`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DateParts {
    pub day: String,
    pub month: String,
    pub year: String,
}

/// What a figure column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FigureRole {
    /// A whole number: the count (ACLED `fatalities`, GVA `n_killed`).
    #[default]
    Count,
    /// The low end of the dataset's estimate (CCC `size_low`). With a
    /// `high` of the same metric that differs, it is an "at least".
    Low,
    /// The high end (CCC `size_high`), an "at most" beside a `low`.
    High,
    /// A count as text ("100s", ">50", "50-99", "dozens"; Mass
    /// Mobilization's `participants`). A value concord cannot read is a
    /// warning, not a rejection: the column is text by design.
    Text,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FigureColumn {
    pub column: ColumnNames,
    pub metric: Metric,
    #[serde(default)]
    pub role: FigureRole,
}

/// Which column says what, for one dataset. Every field but `name` and a
/// date is optional; a row needs a date and a place to become an incident.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatasetMapping {
    /// How provenance names the dataset ("CCC row 812, size_high") and the
    /// outlet its rows are listed under.
    pub name: String,
    /// The field separator, one character. When the mapping does not name
    /// one, a file is read with the one its header line uses (`read.rs`,
    /// `choose_delimiter`): `,`, or a tab for a `.tsv` file, or a tab or
    /// `;` that the header clearly uses instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delimiter: Option<char>,
    /// The dataset's own id of the event (ACLED `event_id_cnty`). Two rows
    /// with one id are one event; two rows without, or with two ids, never
    /// merge (docs/clustering.md, hard constraints).
    #[serde(default, skip_serializing_if = "ColumnNames::is_empty")]
    pub id: ColumnNames,
    #[serde(default, skip_serializing_if = "ColumnNames::is_empty")]
    pub date: ColumnNames,
    /// A chrono format (`%m/%d/%Y`) for dates in none of the forms concord
    /// reads by itself (docs/inputs.md, "Publication dates"): a numeric
    /// date with the month or day first is never guessed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_format: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_parts: Option<DateParts>,
    #[serde(default, skip_serializing_if = "ColumnNames::is_empty")]
    pub end_date: ColumnNames,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date_parts: Option<DateParts>,
    /// The town or city (CCC `locality`, ACLED `location`).
    #[serde(default, skip_serializing_if = "ColumnNames::is_empty")]
    pub locality: ColumnNames,
    /// The first-level region: a state's name or postal code.
    #[serde(default, skip_serializing_if = "ColumnNames::is_empty")]
    pub admin1: ColumnNames,
    #[serde(default, skip_serializing_if = "ColumnNames::is_empty")]
    pub country: ColumnNames,
    /// The country of every row, for a dataset of one country (GVA: "US").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_value: Option<String>,
    #[serde(default, skip_serializing_if = "ColumnNames::is_empty")]
    pub latitude: ColumnNames,
    #[serde(default, skip_serializing_if = "ColumnNames::is_empty")]
    pub longitude: ColumnNames,
    #[serde(default, skip_serializing_if = "ColumnNames::is_empty")]
    pub kind: ColumnNames,
    /// The dataset's kind values (folded: lowercase, single spaces) and
    /// concord's kind for each. A value listed nowhere takes `default_kind`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub kind_values: BTreeMap<String, EventKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_kind: Option<EventKind>,
    /// Columns naming organizers or actors; each cell may list several,
    /// separated by `;`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub organizers: Vec<String>,
    /// A free-text column read by ordinary extraction (organizers, people,
    /// and figures of metrics no column gives).
    #[serde(default, skip_serializing_if = "ColumnNames::is_empty")]
    pub notes: ColumnNames,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub figures: Vec<FigureColumn>,
}

/// How a stored row names its mapping: a preset by name and version (a
/// preset that changes gets a new version, and the old one stays, so a
/// stored row always reads the same), or a custom mapping, whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MappingSource {
    Preset { name: String, version: u32 },
    Custom(Box<DatasetMapping>),
}

impl MappingSource {
    /// The mapping itself; `None` for a preset this concord does not know
    /// (a log written by a later version).
    pub fn mapping(&self) -> Option<DatasetMapping> {
        match self {
            MappingSource::Preset { name, version } => preset(name, *version),
            MappingSource::Custom(mapping) => Some((**mapping).clone()),
        }
    }
}

/// What `--dataset` names, once read: the mapping and how rows will name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dataset {
    pub mapping: DatasetMapping,
    pub source: MappingSource,
}

/// The current version of every preset.
const PRESET_VERSION: u32 = 1;

/// The presets concord knows, by the names `--dataset` takes.
pub const PRESET_NAMES: &[&str] = &["acled", "ccc", "mm", "gva"];

/// Reads `--dataset`: a preset's name, or the path of a TOML mapping.
pub fn dataset_from_argument(argument: &str) -> Result<Dataset, CodedError> {
    let trimmed = argument.trim();
    if trimmed.to_ascii_lowercase().ends_with(".toml") {
        return load_mapping(Path::new(trimmed));
    }
    let name = match trimmed.to_ascii_lowercase().as_str() {
        "mass-mobilization" | "massmobilization" | "mass_mobilization" => "mm".to_string(),
        "gun-violence-archive" => "gva".to_string(),
        other => other.to_string(),
    };
    let mapping = preset(&name, PRESET_VERSION)
        .ok_or_else(|| CodedError::UnknownPreset(argument.to_string()))?;
    Ok(Dataset {
        mapping,
        source: MappingSource::Preset {
            name,
            version: PRESET_VERSION,
        },
    })
}

/// A TOML mapping file (docs/inputs.md shows one).
pub fn load_mapping(path: &Path) -> Result<Dataset, CodedError> {
    let display = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| CodedError::MappingRead {
        path: display.clone(),
        source,
    })?;
    let mapping: DatasetMapping =
        toml::from_str(&text).map_err(|error| CodedError::MappingInvalid {
            path: display.clone(),
            reason: error.to_string().trim().to_string(),
        })?;
    if mapping.name.trim().is_empty() {
        return Err(CodedError::MappingInvalid {
            path: display,
            reason: "`name` is empty (it names the dataset in provenance: \"CCC row 812\")"
                .to_string(),
        });
    }
    if mapping.date.is_empty() && mapping.date_parts.is_none() {
        return Err(CodedError::MappingInvalid {
            path: display,
            reason: "it names no date column (`date`, or `date_parts` with day, month and year)"
                .to_string(),
        });
    }
    Ok(Dataset {
        source: MappingSource::Custom(Box::new(mapping.clone())),
        mapping,
    })
}

/// The presets, from the datasets' published column lists (their data
/// dictionaries and codebooks). Only version 1 exists so far.
pub fn preset(name: &str, version: u32) -> Option<DatasetMapping> {
    if version != 1 {
        return None;
    }
    let kinds = |pairs: &[(&str, EventKind)]| -> BTreeMap<String, EventKind> {
        pairs
            .iter()
            .map(|(value, kind)| (value.to_string(), *kind))
            .collect()
    };
    let figure = |columns: &[&str], metric: Metric, role: FigureRole| FigureColumn {
        column: ColumnNames::of(columns),
        metric,
        role,
    };
    let empty = DatasetMapping {
        name: String::new(),
        delimiter: None,
        id: ColumnNames::default(),
        date: ColumnNames::default(),
        date_format: None,
        date_parts: None,
        end_date: ColumnNames::default(),
        end_date_parts: None,
        locality: ColumnNames::default(),
        admin1: ColumnNames::default(),
        country: ColumnNames::default(),
        country_value: None,
        latitude: ColumnNames::default(),
        longitude: ColumnNames::default(),
        kind: ColumnNames::default(),
        kind_values: BTreeMap::new(),
        default_kind: None,
        organizers: Vec::new(),
        notes: ColumnNames::default(),
        figures: Vec::new(),
    };
    match name {
        // ACLED's export: one row per event, `event_date` as "22 February
        // 2020" (older exports) or ISO, `fatalities` a whole number.
        "acled" => Some(DatasetMapping {
            name: "ACLED".to_string(),
            id: ColumnNames::of(&["event_id_cnty"]),
            date: ColumnNames::of(&["event_date"]),
            locality: ColumnNames::of(&["location"]),
            admin1: ColumnNames::of(&["admin1"]),
            country: ColumnNames::of(&["country"]),
            latitude: ColumnNames::of(&["latitude"]),
            longitude: ColumnNames::of(&["longitude"]),
            kind: ColumnNames::of(&["sub_event_type", "event_type"]),
            kind_values: kinds(&[
                ("peaceful protest", EventKind::Protest),
                ("protest with intervention", EventKind::Protest),
                ("excessive force against protesters", EventKind::Clash),
                ("violent demonstration", EventKind::Clash),
                ("mob violence", EventKind::Clash),
                ("armed clash", EventKind::Clash),
                ("attack", EventKind::Clash),
                ("arrests", EventKind::Detentions),
                ("protests", EventKind::Protest),
                ("riots", EventKind::Clash),
                ("battles", EventKind::Clash),
                ("violence against civilians", EventKind::Clash),
            ]),
            default_kind: Some(EventKind::Other),
            // `assoc_actor_1` names the groups ("DCK: Democratic Choice of
            // Kazakhstan"); `actor1` is a category ("Protesters
            // (Kazakhstan)") that would contradict every organizer a
            // report names.
            organizers: vec!["assoc_actor_1".to_string()],
            notes: ColumnNames::of(&["notes"]),
            figures: vec![figure(&["fatalities"], Metric::Killed, FigureRole::Count)],
            ..empty
        }),
        // The Crowd Counting Consortium's compiled data: `locality` and a
        // two-letter `state`, crowd size as `size_low`/`size_high`.
        "ccc" => Some(DatasetMapping {
            name: "CCC".to_string(),
            date: ColumnNames::of(&["date"]),
            locality: ColumnNames::of(&["locality", "resolved_locality"]),
            admin1: ColumnNames::of(&["state", "resolved_state"]),
            country_value: Some("US".to_string()),
            latitude: ColumnNames::of(&["lat"]),
            longitude: ColumnNames::of(&["lon"]),
            kind: ColumnNames::of(&["type", "event_type"]),
            default_kind: Some(EventKind::Protest),
            organizers: vec!["organizations".to_string()],
            notes: ColumnNames::of(&["notes"]),
            figures: vec![
                figure(&["size_low"], Metric::Participants, FigureRole::Low),
                figure(&["size_high"], Metric::Participants, FigureRole::High),
                figure(&["arrests"], Metric::Detained, FigureRole::Count),
                figure(&["injuries_crowd"], Metric::Injured, FigureRole::Count),
            ],
            ..empty
        }),
        // Mass Mobilization (Clark and Regan): dates in three columns,
        // `location` free text, `participants` a count as text.
        "mm" => Some(DatasetMapping {
            name: "Mass Mobilization".to_string(),
            id: ColumnNames::of(&["id"]),
            date_parts: Some(DateParts {
                day: "startday".to_string(),
                month: "startmonth".to_string(),
                year: "startyear".to_string(),
            }),
            end_date_parts: Some(DateParts {
                day: "endday".to_string(),
                month: "endmonth".to_string(),
                year: "endyear".to_string(),
            }),
            locality: ColumnNames::of(&["location"]),
            country: ColumnNames::of(&["country"]),
            default_kind: Some(EventKind::Protest),
            notes: ColumnNames::of(&["notes"]),
            figures: vec![figure(
                &["participants"],
                Metric::Participants,
                FigureRole::Text,
            )],
            ..empty
        }),
        // The Gun Violence Archive's incident list: the research extract's
        // columns and the site export's, whichever the file has.
        "gva" => Some(DatasetMapping {
            name: "GVA".to_string(),
            id: ColumnNames::of(&["incident_id", "Incident ID"]),
            date: ColumnNames::of(&["date", "Incident Date"]),
            locality: ColumnNames::of(&["city_or_county", "City Or County"]),
            admin1: ColumnNames::of(&["state", "State"]),
            country_value: Some("US".to_string()),
            latitude: ColumnNames::of(&["latitude"]),
            longitude: ColumnNames::of(&["longitude"]),
            default_kind: Some(EventKind::Shooting),
            notes: ColumnNames::of(&["notes"]),
            figures: vec![
                figure(
                    &["n_killed", "# Killed", "Victims Killed"],
                    Metric::Killed,
                    FigureRole::Count,
                ),
                figure(
                    &["n_injured", "# Injured", "Victims Injured"],
                    Metric::Injured,
                    FigureRole::Count,
                ),
            ],
            ..empty
        }),
        _ => None,
    }
}

/// One figure cell's provenance: "CCC row 812, size_high".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodedCell {
    pub dataset: String,
    /// The data row, 1-based (the header is not counted).
    pub row: u64,
    pub column: String,
}

impl std::fmt::Display for CodedCell {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} row {}, {}", self.dataset, self.row, self.column)
    }
}

/// What a coded record's report keeps in its metadata (`coded`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodedRecord {
    pub dataset: String,
    /// The data row, 1-based (the header is not counted).
    pub row: u64,
    /// The line of the file the row starts on (the header is line 1).
    pub line: u64,
    /// The dataset's id of the event, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The file's column names, in order.
    pub header: Vec<String>,
    pub mapping: MappingSource,
    /// The field separator the row was read with, when the mapping does not
    /// name it (a `.tsv` file, or a header that uses `;`): the row must be
    /// split the same way on every replay. Absent when it is the mapping's
    /// own (or `,` for a mapping that names none), as in rows stored before
    /// delimiters were chosen per file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delimiter: Option<char>,
}

impl CodedRecord {
    /// The coded record a report is, if it is one.
    pub fn of_report(report: &Report) -> Option<CodedRecord> {
        let value = report.metadata.get(CODED_METADATA_KEY)?;
        serde_json::from_value(value.clone()).ok()
    }

    /// The field separator the stored row is split with.
    pub fn delimiter_with(&self, mapping: &DatasetMapping) -> char {
        self.delimiter
            .or(mapping.delimiter)
            .unwrap_or(DEFAULT_DELIMITER)
    }
}

/// The separator of a dataset file whose mapping names none and whose
/// header does not clearly use another (a `.tsv` file's is a tab).
pub const DEFAULT_DELIMITER: char = ',';

/// What clustering and the views need to know of a coded record.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct CodedIdentity {
    pub dataset: String,
    pub row: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

impl CodedIdentity {
    pub fn of_report(report: &Report) -> Option<CodedIdentity> {
        // Read without the header and mapping: clustering asks this of
        // every report, and only three fields are wanted.
        #[derive(Deserialize)]
        struct Identity {
            dataset: String,
            row: u64,
            #[serde(default)]
            id: Option<String>,
        }
        let value = report.metadata.get(CODED_METADATA_KEY)?;
        let identity = Identity::deserialize(value).ok()?;
        Some(CodedIdentity {
            dataset: identity.dataset,
            row: identity.row,
            id: identity.id,
        })
    }

    /// Two rows the dataset itself says are one event: the same dataset
    /// and the same coded id.
    pub fn same_coded_event(&self, other: &CodedIdentity) -> bool {
        self.dataset == other.dataset && self.id.is_some() && self.id == other.id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_has_a_name_and_a_date() {
        for name in PRESET_NAMES {
            let mapping = preset(name, PRESET_VERSION).expect("preset");
            assert!(!mapping.name.is_empty());
            assert!(!mapping.date.is_empty() || mapping.date_parts.is_some());
        }
        assert!(preset("ccc", 2).is_none());
    }

    #[test]
    fn a_mapping_round_trips_through_the_log_form() {
        let dataset = dataset_from_argument("ccc").unwrap();
        let json = serde_json::to_value(&dataset.source).unwrap();
        let back: MappingSource = serde_json::from_value(json).unwrap();
        assert_eq!(back.mapping(), Some(dataset.mapping));
        assert!(dataset_from_argument("nope").is_err());
    }
}
