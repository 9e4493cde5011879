//! The `concord` command line: turns raw arguments into validated library
//! calls, and library errors into messages and exit codes. Nothing else.
//!
//! Exit codes: 0 = done, nothing wrong; 1 = done, but problems were found
//! (rejected inputs, a broken chain, a bad export line); 2 = could not do
//! the job (usage error, database cannot be opened, storage failure).

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, anyhow};
use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};

use concord::ingest::{
    IngestError, IngestOptions, IngestSummary, RecordingClock, ReportRow, import_export, ingest,
    report_rows,
};
use concord::input::{InputDefaults, parse_published};
use concord::log::{EventLog, LogError, SledLog};

#[derive(Parser)]
#[command(
    name = "concord",
    version,
    about = "Turns overlapping news reports about incidents into one reconciled record per incident."
)]
struct Cli {
    /// The database (a directory). Created on first ingest.
    #[arg(long, global = true, env = "CONCORD_DB", default_value = "concord.db")]
    db: PathBuf,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read reports (files, directories, `-` for JSON Lines on stdin) into the log.
    Ingest(IngestArgs),
    /// Ingest PATHS (if any), then print what the engine knows.
    Run(RunArgs),
    /// Print the events of the log (`--json`: one stored event per line, re-importable).
    Log {
        #[arg(long)]
        json: bool,
    },
    /// Print one line per stored report.
    Reports {
        #[arg(long)]
        json: bool,
    },
    /// Walk the hash chain and report the first wrong event, if any.
    Verify,
    /// Load a `concord log --json` export into a fresh, empty database.
    Import { file: PathBuf },
}

#[derive(Args)]
struct InputFlags {
    /// Outlet for reports that do not name their own.
    #[arg(long)]
    outlet: Option<String>,
    /// Publication date (YYYY-MM-DD or RFC 3339) for reports that do not give one.
    #[arg(long, value_parser = published_argument)]
    published: Option<NaiveDate>,
}

#[derive(Args)]
struct IngestArgs {
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    flags: InputFlags,
}

#[derive(Args)]
struct RunArgs {
    paths: Vec<PathBuf>,
    #[command(flatten)]
    flags: InputFlags,
}

fn published_argument(value: &str) -> Result<NaiveDate, String> {
    parse_published(value)
        .ok_or_else(|| format!("{value:?} is not a date (expected YYYY-MM-DD or RFC 3339)"))
}

/// The arguments once validated: everything a command needs, nothing raw.
struct Settings {
    db: PathBuf,
    clock: RecordingClock,
    show_progress: bool,
}

struct Inputs {
    paths: Vec<PathBuf>,
    defaults: InputDefaults,
}

enum Task {
    Ingest(Inputs),
    Run(Option<Inputs>),
    Log { json: bool },
    Reports { json: bool },
    Verify,
    Import { file: PathBuf },
}

fn inputs(paths: Vec<PathBuf>, flags: InputFlags) -> Inputs {
    Inputs {
        paths,
        defaults: InputDefaults {
            outlet: flags.outlet.filter(|o| !o.trim().is_empty()),
            published: flags.published,
        },
    }
}

fn validate(cli: Cli) -> Result<(Settings, Task)> {
    let settings = Settings {
        db: cli.db,
        clock: RecordingClock::from_env()?,
        show_progress: io::stderr().is_terminal(),
    };
    let task = match cli.command {
        Command::Ingest(args) => Task::Ingest(inputs(args.paths, args.flags)),
        Command::Run(args) if args.paths.is_empty() => Task::Run(None),
        Command::Run(args) => Task::Run(Some(inputs(args.paths, args.flags))),
        Command::Log { json } => Task::Log { json },
        Command::Reports { json } => Task::Reports { json },
        Command::Verify => Task::Verify,
        Command::Import { file } => Task::Import { file },
    };
    Ok((settings, task))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = validate(cli).and_then(|(settings, task)| execute(&settings, task));
    match outcome {
        Ok(code) => code,
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("concord: {}", message_of(&error));
            ExitCode::from(2)
        }
    }
}

/// The error and its causes, leaving out a cause whose text the message
/// before it already includes (several library errors print their source).
fn message_of(error: &anyhow::Error) -> String {
    let mut message = String::new();
    for cause in error.chain() {
        let text = cause.to_string();
        if !message.contains(&text) {
            if !message.is_empty() {
                message.push_str(": ");
            }
            message.push_str(&text);
        }
    }
    message
}

/// `concord log | head` closes the pipe early; that is not a failure.
fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|e| {
        e.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

const PROBLEMS_FOUND: u8 = 1;

fn open_for_writing(settings: &Settings) -> Result<SledLog> {
    Ok(SledLog::open(&settings.db)?)
}

/// Reading commands do not create a database where there is none.
fn open_existing(settings: &Settings) -> Result<SledLog> {
    if !settings.db.exists() {
        return Err(anyhow!(
            "no database at {} (ingest something first, or pass --db / set CONCORD_DB)",
            settings.db.display()
        ));
    }
    open_for_writing(settings)
}

fn execute(settings: &Settings, task: Task) -> Result<ExitCode> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let code = match task {
        Task::Ingest(inputs) => {
            let mut log = open_for_writing(settings)?;
            let summary = run_ingest(settings, &mut log, &inputs)?;
            print_summary(&mut out, &summary)?;
            exit_code_for(&summary)
        }
        Task::Run(inputs) => {
            let mut log = open_for_writing(settings)?;
            let mut code = ExitCode::SUCCESS;
            if let Some(inputs) = inputs {
                let summary = run_ingest(settings, &mut log, &inputs)?;
                print_summary(&mut out, &summary)?;
                code = exit_code_for(&summary);
                writeln!(out)?;
            }
            let rows = report_rows(&log)?;
            writeln!(out, "{} reports in {}:", rows.len(), settings.db.display())?;
            print_report_table(&mut out, &rows)?;
            code
        }
        Task::Log { json } => {
            let log = open_existing(settings)?;
            for event in log.range(1, log.len()) {
                let event = event?;
                if json {
                    writeln!(out, "{}", serde_json::to_string(&event)?)?;
                } else {
                    writeln!(out, "{}", describe_event(&event))?;
                }
            }
            ExitCode::SUCCESS
        }
        Task::Reports { json } => {
            let log = open_existing(settings)?;
            let rows = report_rows(&log)?;
            if json {
                for row in &rows {
                    writeln!(out, "{}", serde_json::to_string(row)?)?;
                }
            } else {
                print_report_table(&mut out, &rows)?;
            }
            ExitCode::SUCCESS
        }
        Task::Verify => {
            let log = match open_existing(settings) {
                Ok(log) => log,
                // Opening reads the last event to find the head; when that
                // event is unreadable, that is verify's finding, not a
                // failure to run.
                Err(error) => match error.downcast_ref::<LogError>() {
                    Some(LogError::CorruptEvent { seq, source }) => {
                        writeln!(
                            out,
                            "PROBLEM at event {seq}: event {seq} is not a readable event: {source}"
                        )?;
                        writeln!(
                            out,
                            "verify FAILED: the last event cannot be read, so the chain cannot be followed to its head"
                        )?;
                        out.flush()?;
                        return Ok(ExitCode::from(PROBLEMS_FOUND));
                    }
                    _ => return Err(error),
                },
            };
            let report = log.verify()?;
            if report.is_ok() {
                writeln!(
                    out,
                    "OK: {} events, head {}",
                    report.events_checked, report.head_hash
                )?;
                ExitCode::SUCCESS
            } else {
                for problem in &report.problems {
                    writeln!(out, "PROBLEM at event {}: {}", problem.seq, problem.what)?;
                }
                writeln!(
                    out,
                    "verify FAILED: {} problem(s) in {} events",
                    report.problems.len(),
                    report.events_checked
                )?;
                ExitCode::from(PROBLEMS_FOUND)
            }
        }
        Task::Import { file } => {
            let mut log = open_for_writing(settings)?;
            match import_export(&mut log, &file) {
                Ok(summary) => {
                    writeln!(
                        out,
                        "imported {} events; head {}",
                        summary.events, summary.head_hash
                    )?;
                    ExitCode::SUCCESS
                }
                Err(error @ IngestError::ImportBadLine { .. }) => {
                    out.flush()?;
                    eprintln!("concord: import refused, nothing stored: {error}");
                    ExitCode::from(PROBLEMS_FOUND)
                }
                Err(error) => return Err(error).context("import failed"),
            }
        }
    };
    out.flush()?;
    Ok(code)
}

fn run_ingest(settings: &Settings, log: &mut SledLog, inputs: &Inputs) -> Result<IngestSummary> {
    let options = IngestOptions {
        show_progress: settings.show_progress,
        clock: settings.clock,
        ..IngestOptions::default()
    };
    ingest(log, &inputs.paths, &inputs.defaults, &options)
        .context("ingest stopped; batches stored before the error are kept")
}

fn exit_code_for(summary: &IngestSummary) -> ExitCode {
    if summary.rejected.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(PROBLEMS_FOUND)
    }
}

/// Lists longer than this are cut in the summary; `concord reports` has
/// them all.
const LISTED_AT_MOST: usize = 20;

fn print_summary(out: &mut impl Write, summary: &IngestSummary) -> Result<()> {
    writeln!(
        out,
        "ingest: {} new, {} duplicate, {} renamed, {} rejected",
        summary.new.len(),
        summary.duplicates.len(),
        summary.renamed.len(),
        summary.rejected.len()
    )?;
    for new in summary.new.iter().take(LISTED_AT_MOST) {
        writeln!(out, "  new        {} (event {})", new.id, new.seq)?;
    }
    if summary.new.len() > LISTED_AT_MOST {
        writeln!(
            out,
            "  new        ... and {} more (see `concord reports`)",
            summary.new.len() - LISTED_AT_MOST
        )?;
    }
    for duplicate in summary.duplicates.iter().take(LISTED_AT_MOST) {
        writeln!(
            out,
            "  duplicate  {}{}: same text as {} (event {}), not stored again",
            duplicate.id,
            duplicate
                .source
                .as_deref()
                .map(|s| format!(" from {s}"))
                .unwrap_or_default(),
            duplicate.existing_id.as_deref().unwrap_or("?"),
            duplicate.existing_seq
        )?;
    }
    if summary.duplicates.len() > LISTED_AT_MOST {
        writeln!(
            out,
            "  duplicate  ... and {} more",
            summary.duplicates.len() - LISTED_AT_MOST
        )?;
    }
    for renamed in &summary.renamed {
        writeln!(
            out,
            "  renamed    {} -> {} (event {}): the id was already taken by a different text; both are kept",
            renamed.requested_id, renamed.stored_id, renamed.seq
        )?;
    }
    out.flush()?;
    for dated in &summary.future_dated {
        eprintln!(
            "concord: warning: {}{}: published {} is after the day it was recorded ({}); stored as given, check the date",
            dated.id,
            dated
                .source
                .as_deref()
                .map(|s| format!(" from {s}"))
                .unwrap_or_default(),
            dated.published,
            dated.recorded_on
        );
    }
    // Rejections are errors: they go to stderr, each naming its input.
    for rejected in &summary.rejected {
        eprintln!("concord: rejected {}: {}", rejected.source, rejected.reason);
    }
    Ok(())
}

fn print_report_table(out: &mut impl Write, rows: &[ReportRow]) -> Result<()> {
    writeln!(out, "id\tseq\toutlet\tpublished\ttitle\tstatus")?;
    for row in rows {
        let mut status = Vec::new();
        if let Some(corrects) = &row.corrects {
            status.push(format!("corrects {corrects}"));
        }
        if let Some(by) = &row.corrected_by {
            status.push(format!("corrected by {by}"));
        }
        if let Some(reason) = &row.retracted {
            status.push(format!("retracted: {reason}"));
        }
        writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}",
            row.id,
            row.seq,
            row.outlet.as_deref().unwrap_or("-"),
            row.published
                .map(|d| d.to_string())
                .unwrap_or_else(|| "-".into()),
            row.title.as_deref().unwrap_or("-"),
            if status.is_empty() {
                "-".to_string()
            } else {
                status.join("; ")
            }
        )?;
    }
    Ok(())
}

fn describe_event(event: &concord::log::StoredEvent) -> String {
    let what = match event.decode() {
        Ok(payload) => match &payload {
            concord::log::EventPayload::ReportIngested { report } => {
                format!("{} {:?}", report.id, report.title.as_deref().unwrap_or(""))
            }
            concord::log::EventPayload::ReportCorrected { supersedes, report } => format!(
                "{} corrects {} {:?}",
                report.id,
                supersedes,
                report.title.as_deref().unwrap_or("")
            ),
            concord::log::EventPayload::ReportRetracted { report, reason } => {
                format!("{report}: {reason}")
            }
            concord::log::EventPayload::ReportsLinked { a, b, reason } => {
                format!("{a} + {b}: {reason}")
            }
            concord::log::EventPayload::ReportSplit {
                incident,
                report,
                reason,
            } => format!("{report} out of {incident}: {reason}"),
        },
        Err(error) => format!("(payload does not decode: {error})"),
    };
    format!(
        "{:>6}  {}  {:<16}  {}  {}",
        event.seq,
        event
            .recorded_at
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        event.type_name,
        what,
        event.hash.get(..12).unwrap_or(&event.hash)
    )
}
