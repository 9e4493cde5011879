//! Reading reports: text and markdown files (with optional front matter),
//! structured monitoring records, JSON and JSON Lines files, web pages
//! (`html.rs`), RSS and Atom feeds (`feed.rs`), directories, and JSON Lines
//! on standard input.
//!
//! Reading streams: every report is handed to a sink as soon as it is read,
//! and JSON Lines are read line by line, so an input of millions of reports
//! never has to fit in memory. A bad input becomes an `InputError` handed to
//! the same sink, and reading goes on with the next line, file or path.
//!
//! docs/inputs.md is the user-facing description of every format, limit and
//! message produced here.

mod feed;
mod front_matter;
mod html;
mod json;
mod published;
mod record;

use std::fmt;
use std::fs;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;
use thiserror::Error;

use crate::report::Report;

pub use html::MAX_ELEMENT_NESTING;
pub use published::parse_published;

/// The metadata key that keeps a `published` value concord could not read,
/// verbatim, so that nothing the outlet said is lost and a later version (or
/// an analyst) can still read it.
pub const PUBLISHED_UNREAD_KEY: &str = "published_unread";

/// The largest report (a file, a JSON Lines line) concord accepts. Bigger
/// inputs are refused with `InputProblem::TooLarge`: a real news report is
/// a few kilobytes, and a 32 MiB one is almost certainly a mistake (a dump, a
/// binary) whose text would also dominate every later projection.
pub const MAX_REPORT_BYTES: u64 = 32 * 1024 * 1024;

/// The deepest nesting of arrays and objects concord stores in one field
/// of a report's metadata. The stored event wraps a report's fields in four
/// more levels, and everything that reads the log back goes through
/// serde_json, whose recursion limit is 128: without this limit a report
/// nested 125 levels deep would be accepted and then make the log unreadable
/// (`concord reports` failing, `verify` reporting the event as corrupt).
/// Half the reader's limit leaves room for any later wrapping.
pub const MAX_FIELD_NESTING: usize = 64;

/// Values used when an input does not give its own (`--outlet`, `--published`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InputDefaults {
    pub outlet: Option<String>,
    pub published: Option<NaiveDate>,
    /// A date given for these reports that could not be read (a manifest
    /// entry's `published`), kept in the metadata of the reports it applies
    /// to as `published_unread`.
    pub published_unread: Option<String>,
    /// The coded dataset (`--dataset`) its `.csv` files are read as; a
    /// `.csv` file without one is refused (docs/inputs.md, "Coded event
    /// datasets").
    pub dataset: Option<std::sync::Arc<crate::coded::Dataset>>,
}

/// Where in the inputs something was found, printed as `path:line:column`
/// (line and column only when they are known and meaningful).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InputLocation {
    /// The path as given (or as found under a given directory); `-` is
    /// standard input.
    pub path: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// The 1-based position in a JSON array, for reports read from one.
    pub array_element: Option<std::num::NonZeroUsize>,
    /// The 1-based position of an item in a feed, for reports read from one
    /// (non-zero, which keeps every `InputError` small).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub feed_item: Option<std::num::NonZeroUsize>,
}

impl InputLocation {
    pub fn file(path: impl Into<String>) -> InputLocation {
        InputLocation {
            path: path.into(),
            line: None,
            column: None,
            array_element: None,
            feed_item: None,
        }
    }

    pub fn at_line(path: impl Into<String>, line: usize) -> InputLocation {
        InputLocation {
            line: Some(line),
            ..InputLocation::file(path)
        }
    }

    fn with_column(mut self, column: usize) -> InputLocation {
        self.column = Some(column);
        self
    }
}

impl fmt::Display for InputLocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path == "-" {
            write!(f, "<stdin>")?;
        } else {
            write!(f, "{}", self.path)?;
        }
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        if let Some(element) = self.array_element {
            write!(f, " (array element {element})")?;
        }
        if let Some(item) = self.feed_item {
            write!(f, " (item {item})")?;
        }
        Ok(())
    }
}

/// Why an input could not be read as a report.
#[derive(Debug, Error)]
pub enum InputProblem {
    #[error("no such file or directory")]
    NotFound,
    #[error("cannot be read: {0}")]
    Io(#[source] std::io::Error),
    #[error("is empty (no text to store)")]
    Empty,
    #[error("{0}")]
    EmptyBody(&'static str),
    #[error(
        "is not a text file (it contains a NUL byte at byte {offset}); concord reads UTF-8 text, markdown, JSON, JSON Lines, HTML and RSS/Atom feeds"
    )]
    Binary { offset: usize },
    #[error("is not valid UTF-8 (first bad byte at byte {offset}); save it as UTF-8")]
    InvalidUtf8 { offset: usize },
    #[error(
        "is a web page in {charset} (its `charset` says so; first byte that is not UTF-8 at byte {offset}); concord stores pages byte for byte as UTF-8: convert it first (iconv -f {charset} -t utf-8)"
    )]
    PageNotUtf8 { charset: String, offset: usize },
    #[error("is not an RSS or Atom feed: {reason}")]
    BadFeed { reason: String },
    #[error("is a feed with no items (no reports to store)")]
    EmptyFeed,
    #[error(
        "is an XML file whose root element is `{root}`, not an RSS or Atom feed (`rss`, `feed`, `rdf:RDF`); concord reads .xml files only when they are feeds"
    )]
    XmlNotAFeed { root: String },
    #[error(
        "is {size} bytes, over the limit of {} bytes (32 MiB) per report; split it or shorten it",
        MAX_REPORT_BYTES
    )]
    TooLarge { size: u64 },
    #[error("JSON syntax error: {0}")]
    JsonSyntax(String),
    #[error(
        "nests arrays or objects more than 128 levels deep (the JSON reader's limit); concord keeps fields nested at most {} levels deep",
        MAX_FIELD_NESTING
    )]
    JsonTooDeep,
    #[error(
        "`{field}` nests arrays or objects {depth} levels deep, over the limit of {}; flatten it or leave it out",
        MAX_FIELD_NESTING
    )]
    FieldTooDeep { field: String, depth: usize },
    #[error(
        "has no `text` field (every JSON report needs its text in a string field `text`, or a web page in a string field `html`)"
    )]
    MissingText,
    #[error("`{field}` {problem}")]
    BadField { field: String, problem: String },
    #[error("front matter line is not `key: value`: {line:?}")]
    BadFrontMatterLine { line: String },
    #[error(
        "holds no reports (looked for .txt, .md, .markdown, .json, .jsonl, .ndjson, .html, .htm, .rss, .atom, .xml and files without an extension; hidden files are skipped)"
    )]
    EmptyDirectory,
    #[error(
        "is a symbolic link to a directory, which concord does not follow inside a directory (links can loop); give it as a path of its own to read it"
    )]
    SymlinkedDirectory,
    #[error(
        "is a {kind}, not a regular file; concord reads only regular files inside a directory (give it as a path of its own to read it)"
    )]
    NotRegularFile { kind: &'static str },
    #[error(
        "has an unsupported file type `.{extension}` (concord reads .txt, .md, .markdown, files without an extension, .json, .jsonl, .ndjson, .html, .htm, .rss, .atom and .xml feeds, and .csv datasets with --dataset)"
    )]
    UnsupportedExtension { extension: String },
    #[error(
        "is a CSV file: concord reads a CSV as a coded event dataset, and needs to be told which (--dataset acled|ccc|mm|gva or --dataset MAPPING.toml)"
    )]
    CsvWithoutDataset,
    #[error("cannot be read as a coded dataset: {reason}")]
    CodedHeader { reason: String },
    /// A row of a coded dataset that cannot be stored: "row N, column `C`:
    /// reason" (`coded_row_problem`; one string, which keeps every
    /// `InputError` small).
    #[error("{0}")]
    CodedRow(String),
}

/// A coded dataset's row that cannot be stored: which row, which column
/// (when one is to blame) and why.
pub fn coded_row_problem(row: u64, column: Option<&str>, reason: &str) -> InputProblem {
    match column {
        Some(column) => InputProblem::CodedRow(format!("row {row}, column `{column}`: {reason}")),
        None => InputProblem::CodedRow(format!("row {row}: {reason}")),
    }
}

/// One input that could not be read, with where it is.
#[derive(Debug, Error)]
#[error("{location}: {problem}")]
pub struct InputError {
    pub location: InputLocation,
    pub problem: InputProblem,
}

impl InputError {
    pub fn new(location: InputLocation, problem: InputProblem) -> InputError {
        InputError { location, problem }
    }
}

/// Something in an input that concord could not use as given, although the
/// report itself was read and is handed on: a `published` value in none of
/// the forms concord reads, or a web page with no article text. The report
/// is not rejected for it (it is still a source worth having); the user is
/// told where and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InputWarning {
    pub location: InputLocation,
    /// The report the warning is about, as read (before any renaming by the
    /// log); `None` for a manifest entry, which names a file instead.
    pub report_id: Option<String>,
    pub problem: InputWarningProblem,
}

/// What an `InputWarning` is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InputWarningProblem {
    /// A `published` value in none of the forms concord reads, exactly as
    /// the input gave it. The report is stored without a publication date,
    /// the value kept in its metadata.
    UnreadPublished(String),
    /// A web page in which no article text was found, and why. The page is
    /// stored (it is the source), with no readable text: nothing is
    /// extracted from it.
    NoArticleText(String),
    /// A coded dataset's row stored with a cell read as nothing (a count
    /// in text concord cannot read, a place the gazetteer does not know).
    CodedCell { row: u64, what: String },
    /// A feed item whose date element holds a value in none of the forms
    /// concord reads (and no other date of the item is readable): the item
    /// is stored without a publication date, the value (`value`, as the
    /// feed gives it) kept in its metadata. `link` names the item beside its
    /// id, since a guid alone rarely tells a reader which story it is.
    UnreadFeedItemDate {
        field: FeedItemDateField,
        value: String,
        link: Option<String>,
    },
}

/// Which of a feed item's dates a warning is about: its publication date
/// (RSS `pubDate` or `dc:date`, Atom `published`) or its update date
/// (`updated`), which stands in for it when the item has no other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FeedItemDateField {
    Published,
    Updated,
}

impl fmt::Display for FeedItemDateField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FeedItemDateField::Published => "publication date (`pubDate`, `dc:date`, `published`)",
            FeedItemDateField::Updated => "update date (`updated`)",
        })
    }
}

impl fmt::Display for InputWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.problem {
            InputWarningProblem::UnreadPublished(value) => {
                write!(
                    f,
                    "{}: `published` is {:?}, which is not a date concord can read (docs/inputs.md lists the forms it reads); ",
                    self.location, value
                )?;
                match &self.report_id {
                    Some(id) => write!(f, "{id} is stored without a publication date")?,
                    None => write!(f, "the entry's file is read without this date")?,
                }
                write!(f, ", the value kept in metadata `{PUBLISHED_UNREAD_KEY}`")
            }
            InputWarningProblem::UnreadFeedItemDate { field, value, link } => {
                write!(
                    f,
                    "{}: the item's {field} is {value:?}, which is not a date concord can read (docs/inputs.md lists the forms it reads); ",
                    self.location
                )?;
                match &self.report_id {
                    Some(id) => write!(f, "item {id}")?,
                    None => write!(f, "the item")?,
                }
                if let Some(link) = link
                    && self.report_id.as_ref() != Some(link)
                {
                    write!(f, " ({link})")?;
                }
                write!(
                    f,
                    " is stored without a publication date, the value kept in metadata `{PUBLISHED_UNREAD_KEY}`"
                )
            }
            InputWarningProblem::CodedCell { row, what } => {
                write!(f, "{}: row {row}: {what}", self.location)?;
                if let Some(id) = &self.report_id {
                    write!(f, " ({id})")?;
                }
                Ok(())
            }
            InputWarningProblem::NoArticleText(reason) => {
                write!(
                    f,
                    "{}: no article text found in the page: {reason}; ",
                    self.location
                )?;
                match &self.report_id {
                    Some(id) => write!(
                        f,
                        "{id} is stored as read, and nothing is extracted from it"
                    ),
                    None => write!(
                        f,
                        "the page is stored as read, and nothing is extracted from it"
                    ),
                }
            }
        }
    }
}

/// Where the readers hand what they read: every report or rejected input,
/// and every warning about a report that was read anyway. A warning is
/// handed over before the report it is about.
pub trait ReportSink {
    fn report(&mut self, item: Result<Report, InputError>);
    fn warning(&mut self, warning: InputWarning);
}

/// A `ReportSink` made of two closures, for callers that need no state of
/// their own. Both must be given, so that no caller drops warnings by
/// accident.
pub struct ClosureSink<OnReport, OnWarning> {
    pub on_report: OnReport,
    pub on_warning: OnWarning,
}

impl<OnReport, OnWarning> ReportSink for ClosureSink<OnReport, OnWarning>
where
    OnReport: FnMut(Result<Report, InputError>),
    OnWarning: FnMut(InputWarning),
{
    fn report(&mut self, item: Result<Report, InputError>) {
        (self.on_report)(item)
    }

    fn warning(&mut self, warning: InputWarning) {
        (self.on_warning)(warning)
    }
}

/// A report read by one of the format readers, with the warnings about
/// it: they are handed over only when the report is, so that an input
/// rejected for another reason is not also warned about.
pub(crate) struct ReadReport {
    pub report: Report,
    pub warnings: Vec<InputWarning>,
}

fn hand_over(sink: &mut dyn ReportSink, read: Result<ReadReport, InputError>) {
    match read {
        Ok(ReadReport { report, warnings }) => {
            for warning in warnings {
                sink.warning(warning);
            }
            sink.report(Ok(report));
        }
        Err(error) => sink.report(Err(error)),
    }
}

/// Reads a `published` value into `report`: the date, or, when
/// the value is in no form concord reads, the value kept in the metadata
/// and the warning that says so.
pub(crate) fn read_published_into(
    report: &mut Report,
    value: &str,
    location: InputLocation,
) -> Option<InputWarning> {
    match parse_published(value) {
        Some(date) => {
            report.published = Some(date);
            None
        }
        None => {
            report.metadata.insert(
                PUBLISHED_UNREAD_KEY.to_string(),
                serde_json::Value::String(value.to_string()),
            );
            Some(InputWarning {
                location,
                report_id: Some(report.id.clone()),
                problem: InputWarningProblem::UnreadPublished(value.to_string()),
            })
        }
    }
}

/// The ways concord reads a file, decided by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FileFormat {
    /// `.txt` and files without extension: front matter, or a structured
    /// monitoring record, or plain text.
    PlainText,
    /// `.md` and `.markdown`: front matter or plain text.
    Markdown,
    Json,
    JsonLines,
    /// `.html`, `.htm`: a web page.
    Html,
    /// `.rss`, `.atom`: a feed.
    Feed,
    /// `.xml`: read as a feed when its root element is one.
    Xml,
    /// `.csv`, `.tsv`: a coded event dataset, with `--dataset`.
    Csv,
}

fn file_format(path: &Path) -> Result<FileFormat, String> {
    let extension = match path.extension() {
        None => return Ok(FileFormat::PlainText),
        Some(extension) => extension.to_string_lossy().to_lowercase(),
    };
    match extension.as_str() {
        "txt" | "text" => Ok(FileFormat::PlainText),
        "md" | "markdown" => Ok(FileFormat::Markdown),
        "json" => Ok(FileFormat::Json),
        "jsonl" | "ndjson" => Ok(FileFormat::JsonLines),
        "html" | "htm" => Ok(FileFormat::Html),
        "rss" | "atom" => Ok(FileFormat::Feed),
        "xml" => Ok(FileFormat::Xml),
        "csv" | "tsv" => Ok(FileFormat::Csv),
        _ => Err(extension),
    }
}

/// Reads every path in order and hands each report, or each problem, to
/// `sink`. A directory is read recursively in sorted order, skipping hidden
/// entries; `-` reads JSON Lines from standard input.
pub fn read_reports(paths: &[PathBuf], defaults: &InputDefaults, sink: &mut dyn ReportSink) {
    for path in paths {
        if path.as_os_str() == "-" {
            let stdin = std::io::stdin();
            read_json_lines(stdin.lock(), "-", "stdin", defaults, sink);
            continue;
        }
        let display = path.display().to_string();
        match fs::metadata(path) {
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => sink.report(Err(
                InputError::new(InputLocation::file(display), InputProblem::NotFound),
            )),
            Err(error) => sink.report(Err(InputError::new(
                InputLocation::file(display),
                InputProblem::Io(error),
            ))),
            Ok(metadata) if metadata.is_dir() => {
                let mut candidates = 0;
                read_directory(path, defaults, sink, &mut candidates);
                if candidates == 0 {
                    sink.report(Err(InputError::new(
                        InputLocation::file(display),
                        InputProblem::EmptyDirectory,
                    )));
                }
            }
            Ok(_) => read_file(path, defaults, sink),
        }
    }
}

/// Reads one JSON Lines stream (a file or standard input). `id_prefix` names
/// reports without an id: `<id_prefix>:<line>`.
pub fn read_json_lines(
    reader: impl BufRead,
    display: &str,
    id_prefix: &str,
    defaults: &InputDefaults,
    sink: &mut dyn ReportSink,
) {
    json::read_json_lines(reader, display, id_prefix, defaults, sink)
}

fn read_directory(
    directory: &Path,
    defaults: &InputDefaults,
    sink: &mut dyn ReportSink,
    candidates: &mut usize,
) {
    let display = directory.display().to_string();
    let entries = match fs::read_dir(directory) {
        Ok(entries) => entries,
        Err(error) => {
            sink.report(Err(InputError::new(
                InputLocation::file(display),
                InputProblem::Io(error),
            )));
            // The directory could not be listed, but it was not empty as far
            // as anyone knows; the Io error already explains it.
            *candidates += 1;
            return;
        }
    };
    let mut children: Vec<(PathBuf, bool)> = Vec::new();
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                sink.report(Err(InputError::new(
                    InputLocation::file(display.clone()),
                    InputProblem::Io(error),
                )));
                continue;
            }
        };
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        // Directories are recursed into only when they are real directories:
        // following symlinked directories could loop forever.
        let is_directory = entry.file_type().map(|t| t.is_dir()).unwrap_or(false);
        children.push((path, is_directory));
    }
    children.sort();
    let manifest = read_manifest(directory, sink);
    for (path, is_directory) in children {
        if is_directory {
            read_directory(&path, defaults, sink, candidates);
        } else if !is_corpus_companion(&path) {
            *candidates += 1;
            let file_defaults = manifest
                .as_ref()
                .map(|manifest| manifest.defaults_for(&file_name(&path), defaults));
            match special_entry(&path) {
                Some(problem) => sink.report(Err(InputError::new(
                    InputLocation::file(path.display().to_string()),
                    problem,
                ))),
                None => read_file(&path, file_defaults.as_ref().unwrap_or(defaults), sink),
            }
        }
    }
}

/// Files that sit beside a corpus in its directory without being reports:
/// the manifest and answer keys (`gold.json`, `*.gold.json`,
/// `gold-doc.json`). They are skipped when a directory is read; named
/// explicitly, they are read like any other file (and refused).
fn is_corpus_companion(path: &Path) -> bool {
    let name = file_name(path);
    name == MANIFEST_FILE_NAME
        || name == "gold.json"
        || name == "gold-doc.json"
        || name.ends_with(".gold.json")
}

/// A directory may carry `manifest.json`: `{"reports": [{"file", "outlet",
/// "published"}, ...]}`, giving per-file values that front matter would
/// otherwise give (collections of scraped pages rarely have front matter).
const MANIFEST_FILE_NAME: &str = "manifest.json";

struct Manifest {
    by_file: std::collections::HashMap<String, InputDefaults>,
}

impl Manifest {
    /// The manifest's values for `file`, falling back on the command's
    /// defaults for what it does not say.
    fn defaults_for(&self, file: &str, defaults: &InputDefaults) -> InputDefaults {
        match self.by_file.get(file) {
            // An entry's unreadable date still counts as the entry saying
            // something: the command's `--published` does not replace it.
            Some(entry) if entry.published_unread.is_some() => InputDefaults {
                outlet: entry.outlet.clone().or_else(|| defaults.outlet.clone()),
                published: None,
                published_unread: entry.published_unread.clone(),
                dataset: defaults.dataset.clone(),
            },
            Some(entry) => InputDefaults {
                outlet: entry.outlet.clone().or_else(|| defaults.outlet.clone()),
                published: entry.published.or(defaults.published),
                published_unread: defaults.published_unread.clone(),
                dataset: defaults.dataset.clone(),
            },
            None => defaults.clone(),
        }
    }
}

fn read_manifest(directory: &Path, sink: &mut dyn ReportSink) -> Option<Manifest> {
    #[derive(serde::Deserialize)]
    struct ManifestFile {
        reports: Vec<ManifestEntry>,
    }
    #[derive(serde::Deserialize)]
    struct ManifestEntry {
        file: String,
        outlet: Option<String>,
        published: Option<String>,
    }
    let path = directory.join(MANIFEST_FILE_NAME);
    if !path.is_file() {
        return None;
    }
    let display = path.display().to_string();
    let parsed: Result<ManifestFile, InputProblem> = read_limited(&path).and_then(|bytes| {
        serde_json::from_slice(&bytes).map_err(|error| InputProblem::JsonSyntax(error.to_string()))
    });
    let manifest = match parsed {
        Ok(manifest) => manifest,
        Err(problem) => {
            sink.report(Err(InputError::new(InputLocation::file(display), problem)));
            return None;
        }
    };
    let mut by_file = std::collections::HashMap::new();
    for entry in manifest.reports {
        let mut published = None;
        let mut published_unread = None;
        if let Some(value) = entry.published.as_deref().map(str::trim)
            && !value.is_empty()
        {
            // Like a report's own unreadable date, a manifest's is not a
            // reason to drop the entry: its outlet still applies.
            match parse_published(value) {
                Some(date) => published = Some(date),
                None => {
                    sink.warning(InputWarning {
                        location: InputLocation::file(format!("{display} (entry {})", entry.file)),
                        report_id: None,
                        problem: InputWarningProblem::UnreadPublished(value.to_string()),
                    });
                    published_unread = Some(value.to_string());
                }
            }
        }
        by_file.insert(
            entry.file,
            InputDefaults {
                outlet: entry.outlet.filter(|o| !o.trim().is_empty()),
                published,
                published_unread,
                dataset: None,
            },
        );
    }
    Some(Manifest { by_file })
}

/// Why a directory entry that is not a real directory must not be opened:
/// a FIFO found in a directory walk has no writer, and opening it would
/// wait for one for ever; a socket cannot be read; a device never ends; a
/// symlink to a directory is not followed (links can loop). Entries that
/// cannot even be looked at (dangling links, link loops) are left to the
/// open, whose error names the reason.
fn special_entry(path: &Path) -> Option<InputProblem> {
    let metadata = fs::metadata(path).ok()?;
    if metadata.is_dir() {
        return Some(InputProblem::SymlinkedDirectory);
    }
    if metadata.is_file() {
        return None;
    }
    Some(InputProblem::NotRegularFile {
        kind: special_file_kind(&metadata.file_type()),
    })
}

#[cfg(unix)]
fn special_file_kind(file_type: &fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if file_type.is_fifo() {
        "FIFO (named pipe)"
    } else if file_type.is_socket() {
        "socket"
    } else if file_type.is_block_device() || file_type.is_char_device() {
        "device"
    } else {
        "special file"
    }
}

#[cfg(not(unix))]
fn special_file_kind(_: &fs::FileType) -> &'static str {
    "special file"
}

fn read_file(path: &Path, defaults: &InputDefaults, sink: &mut dyn ReportSink) {
    let display = path.display().to_string();
    let fail = |problem| {
        Err(InputError::new(
            InputLocation::file(display.clone()),
            problem,
        ))
    };
    let format = match file_format(path) {
        Ok(format) => format,
        Err(extension) => {
            return sink.report(fail(InputProblem::UnsupportedExtension { extension }));
        }
    };
    if format == FileFormat::Csv {
        return match &defaults.dataset {
            Some(dataset) => crate::coded::read_dataset_file(path, dataset, sink),
            None => sink.report(fail(InputProblem::CsvWithoutDataset)),
        };
    }
    if format == FileFormat::JsonLines {
        match fs::File::open(path) {
            Ok(file) => {
                let prefix = file_name(path);
                read_json_lines(BufReader::new(file), &display, &prefix, defaults, sink);
            }
            Err(error) => sink.report(fail(InputProblem::Io(error))),
        }
        return;
    }
    let bytes = match read_limited(path) {
        Ok(bytes) => bytes,
        Err(problem) => return sink.report(fail(problem)),
    };
    read_whole_file_bytes(format, &bytes, &display, path, defaults, sink);
}

/// Reads the bytes of one file held in memory exactly as `concord ingest`
/// reads that file from disk: `name`'s extension decides the format (an
/// unsupported one is refused), and `name` is where messages say the
/// problem is. For callers that already hold files (archives, HTTP bodies),
/// and for the fuzz tests, which must exercise the same code as ingest.
pub fn read_named_bytes(
    name: &str,
    bytes: &[u8],
    defaults: &InputDefaults,
    sink: &mut dyn ReportSink,
) {
    let path = Path::new(name);
    let format = match file_format(path) {
        Ok(format) => format,
        Err(extension) => {
            return sink.report(Err(InputError::new(
                InputLocation::file(name),
                InputProblem::UnsupportedExtension { extension },
            )));
        }
    };
    if format == FileFormat::JsonLines {
        return read_json_lines(bytes, name, &file_name(path), defaults, sink);
    }
    if format == FileFormat::Csv {
        return match &defaults.dataset {
            Some(dataset) => {
                crate::coded::read_dataset_bytes(bytes, name, &file_name(path), dataset, sink)
            }
            None => sink.report(Err(InputError::new(
                InputLocation::file(name),
                InputProblem::CsvWithoutDataset,
            ))),
        };
    }
    if bytes.len() as u64 > MAX_REPORT_BYTES {
        return sink.report(Err(InputError::new(
            InputLocation::file(name),
            InputProblem::TooLarge {
                size: bytes.len() as u64,
            },
        )));
    }
    read_whole_file_bytes(format, bytes, name, path, defaults, sink);
}

/// Everything but JSON Lines is read whole, then parsed.
fn read_whole_file_bytes(
    format: FileFormat,
    bytes: &[u8],
    display: &str,
    path: &Path,
    defaults: &InputDefaults,
    sink: &mut dyn ReportSink,
) {
    // Feeds are bytes: their XML declaration names their encoding, and the
    // feed reader decodes them.
    if matches!(format, FileFormat::Feed | FileFormat::Xml) {
        return feed::read_feed(
            bytes,
            format == FileFormat::Xml,
            display,
            &file_name(path),
            defaults,
            sink,
        );
    }
    if format == FileFormat::Html {
        return hand_over(
            sink,
            html_report(bytes, display, &file_name(path), defaults),
        );
    }
    let text = match checked_text(bytes) {
        Ok(text) => text,
        Err(problem) => {
            return sink.report(Err(InputError::new(InputLocation::file(display), problem)));
        }
    };
    match format {
        FileFormat::Json => json::read_json_file(text, display, &file_stem(path), defaults, sink),
        FileFormat::PlainText | FileFormat::Markdown => {
            let recognise_records = format == FileFormat::PlainText;
            hand_over(
                sink,
                text_report(text, display, &file_name(path), recognise_records, defaults),
            )
        }
        // Streamed line by line by the callers, never read whole.
        FileFormat::JsonLines => read_json_lines(bytes, display, &file_stem(path), defaults, sink),
        // Read above, before the UTF-8 check.
        FileFormat::Html | FileFormat::Feed | FileFormat::Xml => {}
        // Read by the callers, with the dataset's mapping.
        FileFormat::Csv => {}
    }
}

/// Builds the report of a web page: the page byte for byte as its text,
/// what a reader sees of it as its readable text, and what its tags say.
fn html_report(
    bytes: &[u8],
    display: &str,
    default_id: &str,
    defaults: &InputDefaults,
) -> Result<ReadReport, InputError> {
    let fail = |problem| InputError::new(InputLocation::file(display), problem);
    let text = match checked_text(bytes) {
        Ok(text) => text,
        // A page in another encoding says which; name it, and how to
        // convert it, rather than only that it is not UTF-8.
        Err(InputProblem::InvalidUtf8 { offset }) => {
            return Err(fail(match html::declared_charset(bytes) {
                Some(charset) if !charset.eq_ignore_ascii_case("utf-8") => {
                    InputProblem::PageNotUtf8 { charset, offset }
                }
                _ => InputProblem::InvalidUtf8 { offset },
            }));
        }
        Err(problem) => return Err(fail(problem)),
    };
    let mut report = Report::new(default_id, text);
    report.source = Some(display.to_string());
    let warnings = html::apply_page(
        &mut report,
        html::read_page(text),
        &InputLocation::file(display),
    );
    apply_defaults(&mut report, defaults);
    Ok(ReadReport { report, warnings })
}

/// Reads a whole file, refusing it when it is over the limit, without ever
/// holding more than the limit (the size on disk may change while reading).
fn read_limited(path: &Path) -> Result<Vec<u8>, InputProblem> {
    let file = fs::File::open(path).map_err(InputProblem::Io)?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    if size > MAX_REPORT_BYTES {
        return Err(InputProblem::TooLarge { size });
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(MAX_REPORT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(InputProblem::Io)?;
    if bytes.len() as u64 > MAX_REPORT_BYTES {
        return Err(InputProblem::TooLarge {
            size: bytes.len() as u64,
        });
    }
    Ok(bytes)
}

/// Checks that bytes are a non-empty UTF-8 text, and says why not.
fn checked_text(bytes: &[u8]) -> Result<&str, InputProblem> {
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(InputProblem::Binary { offset });
    }
    let text = std::str::from_utf8(bytes).map_err(|error| InputProblem::InvalidUtf8 {
        offset: error.valid_up_to(),
    })?;
    if text.trim().is_empty() {
        return Err(InputProblem::Empty);
    }
    Ok(text)
}

/// The 1-based line and column of a byte offset, for messages.
fn line_and_column(text: &[u8], offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    (line, offset.min(text.len()) - line_start + 1)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Builds the report of a text or markdown file.
fn text_report(
    text: &str,
    display: &str,
    default_id: &str,
    recognise_records: bool,
    defaults: &InputDefaults,
) -> Result<ReadReport, InputError> {
    let front = front_matter::split(text).map_err(|(line, problem)| {
        InputError::new(InputLocation::at_line(display, line), problem)
    })?;
    let body_offset = front.as_ref().map_or(0, |f| f.body_offset);
    let body = text.get(body_offset..).unwrap_or("");
    if body.trim().is_empty() {
        return Err(InputError::new(
            InputLocation::file(display),
            InputProblem::EmptyBody("has front matter but no text after it"),
        ));
    }
    let mut report = Report::new(default_id, body);
    let mut warning: Option<InputWarning> = None;
    report.body_offset = body_offset;
    report.source = Some(display.to_string());
    if let Some(front) = front {
        for field in front.fields {
            let value = field.value;
            let optional = if value.is_empty() {
                None
            } else {
                Some(value.clone())
            };
            match field.key.as_str() {
                "id" => {
                    if let Some(id) = optional {
                        report.id = id;
                    }
                }
                "outlet" => report.outlet = optional,
                "title" => report.title = optional,
                "url" => report.url = optional,
                "language" => report.language = optional,
                "corrects" => report.corrects = optional,
                "published" => {
                    if !value.is_empty() {
                        warning = read_published_into(
                            &mut report,
                            &value,
                            InputLocation::at_line(display, field.line),
                        );
                    }
                }
                _ => {
                    report
                        .metadata
                        .insert(field.key, serde_json::Value::String(value));
                }
            }
        }
    }
    if recognise_records && let Some(parsed) = record::parse(body) {
        if report.title.is_none() {
            report.title = Some(parsed.title);
        }
        report.metadata.insert(
            "record".to_string(),
            serde_json::Value::Object(parsed.fields),
        );
    }
    if report.title.is_none() {
        report.title = first_line_as_title(body);
    }
    apply_defaults(&mut report, defaults);
    // The id may have come after `published` in the front matter.
    if let Some(warning) = warning.as_mut() {
        warning.report_id = Some(report.id.clone());
    }
    Ok(ReadReport {
        report,
        warnings: warning.into_iter().collect(),
    })
}

/// A plain article's first line is its headline when it is short enough to
/// be one; markdown heading marks are not part of it.
/// The first line of the cleaned view: scraped pages open with navigation
/// crumbs, which cleaning drops, so the headline is the first line left.
fn first_line_as_title(body: &str) -> Option<String> {
    let cleaned = crate::report::clean::CleanedText::clean(body, None);
    let line = cleaned.text.lines().find(|l| !l.trim().is_empty())?;
    let title = line.trim().trim_start_matches('#').trim();
    (!title.is_empty() && title.chars().count() <= 200).then(|| title.to_string())
}

/// Fills what the report does not say from the defaults. A report whose own
/// `published` could not be read did say something: it gets no default
/// date, since the batch's date may well not be the one the outlet meant.
fn apply_defaults(report: &mut Report, defaults: &InputDefaults) {
    if report.outlet.is_none() {
        report.outlet = defaults.outlet.clone();
    }
    if report.published.is_none() && !report.metadata.contains_key(PUBLISHED_UNREAD_KEY) {
        report.published = defaults.published;
        if let Some(unread) = &defaults.published_unread {
            report.metadata.insert(
                PUBLISHED_UNREAD_KEY.to_string(),
                serde_json::Value::String(unread.clone()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_reads_iso_and_written_out_dates_but_not_guesses() {
        let check = |value: &str, expected: Option<(i32, u32, u32)>| {
            let expected = expected.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d));
            assert_eq!(parse_published(value), expected, "{value:?}");
        };
        check(" 2023-05-01 ", Some((2023, 5, 1)));
        check("2023-05-01T23:30:00+06:00", Some((2023, 5, 1)));
        check("May 1st, 2023", Some((2023, 5, 1)));
        check("2023-02-30", None);
        check("01/05/2023", None);
        check("", None);
    }

    #[test]
    fn line_and_column_of_offsets() {
        let text = b"ab\ncd\n";
        assert_eq!(line_and_column(text, 0), (1, 1));
        assert_eq!(line_and_column(text, 4), (2, 2));
        assert_eq!(line_and_column(text, 99), (3, 1));
    }

    #[test]
    fn text_without_front_matter_is_kept_whole() {
        let text = "# Rally in Almaty\n\nAbout 200 people gathered on Saturday.\n";
        let report = text_report(
            text,
            "a/rally.md",
            "rally",
            false,
            &InputDefaults::default(),
        )
        .unwrap()
        .report;
        assert_eq!(report.id, "rally");
        assert_eq!(report.text, text);
        assert_eq!(report.body_offset, 0);
        assert_eq!(report.title.as_deref(), Some("Rally in Almaty"));
    }

    #[test]
    fn front_matter_fields_defaults_and_body_offset() {
        let text = "---\nid: kz-1\noutlet: \"Steppe Courier\"\npublished: 2022-01-05\ndesk: regions\n---\nBody starts here.\n";
        let defaults = InputDefaults {
            outlet: Some("Default Outlet".into()),
            published: NaiveDate::from_ymd_opt(2000, 1, 1),
            published_unread: None,
            dataset: None,
        };
        let report = text_report(text, "x.md", "x", false, &defaults)
            .unwrap()
            .report;
        assert_eq!(report.id, "kz-1");
        assert_eq!(report.outlet.as_deref(), Some("Steppe Courier"));
        assert_eq!(report.published, NaiveDate::from_ymd_opt(2022, 1, 5));
        assert_eq!(report.text, "Body starts here.\n");
        assert_eq!(&text[report.body_offset..], report.text);
        assert_eq!(report.metadata["desk"], "regions");
    }

    #[test]
    fn unreadable_front_matter_date_is_kept_and_warned_with_its_line() {
        let text = "---\npublished: last Tuesday\nid: kz-1\n---\nBody.\n";
        let defaults = InputDefaults {
            published: NaiveDate::from_ymd_opt(2000, 1, 1),
            ..InputDefaults::default()
        };
        let read = text_report(text, "x.md", "x", false, &defaults).unwrap();
        assert_eq!(read.report.published, None, "no default replaces it");
        assert_eq!(read.report.metadata[PUBLISHED_UNREAD_KEY], "last Tuesday");
        let warning = read.warnings.into_iter().next().expect("a warning");
        assert_eq!(warning.location.line, Some(2));
        assert_eq!(warning.report_id.as_deref(), Some("kz-1"));
        assert!(
            warning.to_string().contains("\"last Tuesday\""),
            "{warning}"
        );
    }
}
