//! Ingest: reads inputs into the event log in batches, and the read-side
//! views the command line prints (the reports table) and the import of an
//! exported log.

use std::io::BufReader;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;
use thiserror::Error;

use crate::input::{InputDefaults, InputError, InputWarning, ReportSink, read_reports};
use crate::log::{AppendOutcome, EventLog, EventPayload, ImportError, LogError};
use crate::report::Report;

/// Reports per `EventLog::append` call. Each call is one atomic batch and
/// one flush, so this trades durability granularity for throughput.
pub const DEFAULT_BATCH_SIZE: usize = 4096;

/// The environment variable that fixes the recorded time of new events
/// (RFC 3339), so that tests and snapshots are reproducible.
pub const NOW_VARIABLE: &str = "CONCORD_NOW";

/// A progress bar appears only past this many reports: small ingests finish
/// before one would be readable.
const PROGRESS_THRESHOLD: usize = 300;

#[derive(Debug, Error)]
pub enum IngestError {
    #[error(transparent)]
    Log(#[from] LogError),
    #[error(
        "{NOW_VARIABLE}={value:?} is not an RFC 3339 time (e.g. 2024-01-31T12:00:00Z): {source}"
    )]
    BadNow {
        value: String,
        source: chrono::ParseError,
    },
    #[error("the database already holds {events} events; import needs a fresh, empty database")]
    ImportIntoNonEmpty { events: u64 },
    #[error("cannot read {path}: {source}")]
    ImportRead {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}:{line}: {problem}")]
    ImportBadLine {
        path: PathBuf,
        line: usize,
        problem: String,
    },
}

/// Where recorded times come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordingClock {
    System,
    Fixed(DateTime<Utc>),
}

impl RecordingClock {
    /// `Fixed` when `CONCORD_NOW` is set, the system clock otherwise.
    pub fn from_env() -> Result<RecordingClock, IngestError> {
        match std::env::var(NOW_VARIABLE) {
            Ok(value) if !value.trim().is_empty() => DateTime::parse_from_rfc3339(value.trim())
                .map(|t| RecordingClock::Fixed(t.with_timezone(&Utc)))
                .map_err(|source| IngestError::BadNow { value, source }),
            _ => Ok(RecordingClock::System),
        }
    }

    pub fn now(&self) -> DateTime<Utc> {
        match self {
            RecordingClock::System => Utc::now(),
            RecordingClock::Fixed(time) => *time,
        }
    }
}

#[derive(Debug, Clone)]
pub struct IngestOptions {
    pub batch_size: usize,
    pub show_progress: bool,
    pub clock: RecordingClock,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            batch_size: DEFAULT_BATCH_SIZE,
            show_progress: false,
            clock: RecordingClock::System,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewReport {
    pub id: String,
    pub seq: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DuplicateReport {
    /// The id the input asked for.
    pub id: String,
    pub source: Option<String>,
    pub existing_seq: u64,
    pub existing_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RenamedReport {
    pub requested_id: String,
    pub stored_id: String,
    pub seq: u64,
    pub source: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RejectedInput {
    /// `path`, `path:line` or `path:line:column`.
    pub source: String,
    pub reason: String,
}

/// A report stored as given whose publication date is after the day it was
/// recorded: perhaps right (clock skew, an embargo), more often a typo in
/// the year, which would misplace every relative date read from the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FutureDatedReport {
    pub id: String,
    pub source: Option<String>,
    pub published: NaiveDate,
    /// The date (UTC) the report was recorded.
    pub recorded_on: NaiveDate,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct IngestSummary {
    /// Every report stored by this ingest (renamed ones included, under the
    /// id they were stored with).
    pub new: Vec<NewReport>,
    pub duplicates: Vec<DuplicateReport>,
    pub renamed: Vec<RenamedReport>,
    pub rejected: Vec<RejectedInput>,
    /// Stored reports dated after the day they were recorded (a warning:
    /// they are stored, and the exit code does not change).
    pub future_dated: Vec<FutureDatedReport>,
    /// What the readers warned about in reports they read anyway (an
    /// unreadable `published`). Warnings, not rejections: the exit code does
    /// not change.
    pub warnings: Vec<InputWarning>,
}

/// Whether `published` is after the recording day. A report published
/// today in UTC+14 is dated a day ahead of UTC, so one day is allowed.
fn is_future_dated(published: NaiveDate, recorded_on: NaiveDate) -> bool {
    recorded_on
        .succ_opt()
        .is_some_and(|tomorrow| published > tomorrow)
}

impl IngestSummary {
    pub fn reports_read(&self) -> usize {
        self.new.len() + self.duplicates.len()
    }
}

fn to_event(report: Report) -> EventPayload {
    match report.corrects.clone() {
        Some(supersedes) => EventPayload::ReportCorrected { supersedes, report },
        None => EventPayload::ReportIngested { report },
    }
}

/// What the reading thread sends the appending one.
enum FromReader {
    Item(Result<Report, InputError>),
    Warning(InputWarning),
}

/// The reading thread's end of the channel. A send fails only when the
/// appender has stopped; reading on would be wasted, and the appender
/// reports why it stopped.
struct ChannelSink {
    sender: std::sync::mpsc::SyncSender<FromReader>,
}

impl ReportSink for ChannelSink {
    fn report(&mut self, item: Result<Report, InputError>) {
        let _ = self.sender.send(FromReader::Item(item));
    }

    fn warning(&mut self, warning: InputWarning) {
        let _ = self.sender.send(FromReader::Warning(warning));
    }
}

struct Ingester<'a> {
    log: &'a mut dyn EventLog,
    options: &'a IngestOptions,
    pending: Vec<Report>,
    summary: IngestSummary,
    failure: Option<LogError>,
    progress: Option<ProgressBar>,
    seen: usize,
}

impl Ingester<'_> {
    fn accept(&mut self, item: Result<Report, InputError>) {
        match item {
            Err(error) => self.summary.rejected.push(RejectedInput {
                source: error.location.to_string(),
                reason: error.problem.to_string(),
            }),
            Ok(report) => {
                if self.failure.is_some() {
                    return;
                }
                self.pending.push(report);
                self.seen += 1;
                if self.pending.len() >= self.options.batch_size.max(1) {
                    self.flush();
                }
                self.tick();
            }
        }
    }

    fn tick(&mut self) {
        if !self.options.show_progress {
            return;
        }
        if self.progress.is_none() && self.seen > PROGRESS_THRESHOLD {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template("{spinner} {pos} reports read ({per_sec}) {msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            self.progress = Some(bar);
        }
        if let Some(bar) = &self.progress
            && self.seen.is_multiple_of(100)
        {
            bar.set_position(self.seen as u64);
            bar.set_message(format!("{} new", self.summary.new.len()));
        }
    }

    fn flush(&mut self) {
        if self.pending.is_empty() || self.failure.is_some() {
            return;
        }
        let reports = std::mem::take(&mut self.pending);
        let requested: Vec<(String, Option<String>, Option<NaiveDate>)> = reports
            .iter()
            .map(|r| (r.id.clone(), r.source.clone(), r.published))
            .collect();
        let events = reports.into_iter().map(to_event).collect();
        let recorded_at = self.options.clock.now();
        match self.log.append(events, recorded_at) {
            Err(error) => self.failure = Some(error),
            Ok(outcomes) => {
                for ((requested_id, source, published), outcome) in
                    requested.into_iter().zip(outcomes)
                {
                    match outcome {
                        AppendOutcome::Stored {
                            seq,
                            report_id,
                            renamed_from,
                        } => {
                            let stored_id = report_id.unwrap_or_else(|| requested_id.clone());
                            let recorded_on = recorded_at.date_naive();
                            if let Some(published) = published
                                && is_future_dated(published, recorded_on)
                            {
                                self.summary.future_dated.push(FutureDatedReport {
                                    id: stored_id.clone(),
                                    source: source.clone(),
                                    published,
                                    recorded_on,
                                });
                            }
                            if renamed_from.is_some() {
                                self.summary.renamed.push(RenamedReport {
                                    requested_id,
                                    stored_id: stored_id.clone(),
                                    seq,
                                    source,
                                });
                            }
                            self.summary.new.push(NewReport { id: stored_id, seq });
                        }
                        AppendOutcome::Duplicate {
                            existing_seq,
                            existing_id,
                        } => self.summary.duplicates.push(DuplicateReport {
                            id: requested_id,
                            source,
                            existing_seq,
                            existing_id,
                        }),
                    }
                }
            }
        }
    }
}

/// Reads every path and appends the reports to the log in batches. Bad
/// inputs are listed in the summary and do not stop the others; a storage
/// error stops the ingest (batches appended before it stay stored).
pub fn ingest(
    log: &mut dyn EventLog,
    paths: &[PathBuf],
    defaults: &InputDefaults,
    options: &IngestOptions,
) -> Result<IngestSummary, IngestError> {
    let mut ingester = Ingester {
        log,
        options,
        pending: Vec::with_capacity(options.batch_size.clamp(1, 10_000)),
        summary: IngestSummary::default(),
        failure: None,
        progress: None,
        seen: 0,
    };
    // Reading and parsing run on their own thread while this one appends,
    // so that on two cores parsing the next batch overlaps writing this one.
    // The bounded channel keeps at most two batches in memory.
    let capacity = options.batch_size.clamp(1, 10_000) * 2;
    let (sender, receiver) = std::sync::mpsc::sync_channel::<FromReader>(capacity);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            read_reports(paths, defaults, &mut ChannelSink { sender });
        });
        for message in receiver {
            match message {
                FromReader::Item(item) => ingester.accept(item),
                FromReader::Warning(warning) => ingester.summary.warnings.push(warning),
            }
        }
    });
    ingester.flush();
    if let Some(bar) = ingester.progress.take() {
        bar.finish_and_clear();
    }
    match ingester.failure {
        Some(error) => Err(error.into()),
        None => Ok(ingester.summary),
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportSummary {
    pub events: u64,
    pub head_hash: String,
}

/// Loads a `concord log --json` export into an empty log. The chain is
/// checked line by line by `log::import_events`, which writes nothing when
/// any line is bad, so a tampered export stores nothing.
pub fn import_export(log: &mut impl EventLog, path: &Path) -> Result<ImportSummary, IngestError> {
    if !log.is_empty() {
        return Err(IngestError::ImportIntoNonEmpty { events: log.len() });
    }
    let file = std::fs::File::open(path).map_err(|source| IngestError::ImportRead {
        path: path.to_path_buf(),
        source,
    })?;
    match crate::log::import_events(log, BufReader::new(file)) {
        Ok(_) => Ok(ImportSummary {
            events: log.len(),
            head_hash: log.head_hash(),
        }),
        Err(ImportError::BadLine { line, what, .. }) => Err(IngestError::ImportBadLine {
            path: path.to_path_buf(),
            line,
            problem: what,
        }),
        Err(ImportError::Read { line, source }) => Err(IngestError::ImportBadLine {
            path: path.to_path_buf(),
            line,
            problem: format!("cannot be read: {source}"),
        }),
        Err(ImportError::Log(error)) => Err(IngestError::Log(error)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn future_dated_means_after_tomorrow() {
        let check = |published: &str, expected: bool| {
            let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
            assert_eq!(
                is_future_dated(day(published), day("2024-02-01")),
                expected,
                "{published}"
            );
        };
        check("2023-12-31", false);
        check("2024-02-01", false);
        check("2024-02-02", false);
        check("2024-02-03", true);
        check("2204-01-31", true);
        // The last representable day has no tomorrow; nothing panics.
        assert!(!is_future_dated(NaiveDate::MAX, NaiveDate::MAX));
    }
}
