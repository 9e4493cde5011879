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

use concord::bench::{BenchOptions, QualityGate, gate_failures, render_bench_table, run_bench};
use concord::cluster::{ClusterConfig, ClusterState};
use concord::extract::model::Metric;
use concord::extract::{extract_report, render as extract_render};
use concord::ingest::{
    IngestError, IngestOptions, IngestSummary, RecordingClock, import_export, ingest,
};
use concord::input::read_reports;
use concord::input::{ClosureSink, InputDefaults, parse_published};
use concord::log::{EventLog, LogError, SledLog};
use concord::project::{AsOf, Projection, ProjectionSettings};
use concord::read_model::{self, Freshness};
use concord::safe_text::terminal_text;
use concord::synth::{SynthOptions, synth_command};
use concord::views::filter::{country_code_from_argument, kind_from_name};
use concord::views::{
    self, AuditOptions, ExplainOptions, ExportFormat, ExportOptions, IncidentFilter,
    IncidentsOptions, ReportsOptions, ShowOptions,
};

/// `writeln!` for the CLI's own readable lines: the whole line goes through
/// `terminal_text`, because it may echo report ids, file names, reasons or
/// values from untrusted input (**no untrusted string reaches a terminal
/// unescaped**). The format strings hold no control character and no
/// backslash, so only the untrusted parts change. JSON output does not use
/// it: JSON escapes control characters itself.
macro_rules! say {
    ($out:expr, $($argument:tt)*) => {
        writeln!($out, "{}", terminal_text(&format!($($argument)*)))
    };
}

/// `eprintln!` for errors and warnings, escaped as `say!` escapes.
macro_rules! complain {
    ($($argument:tt)*) => {
        eprintln!("{}", terminal_text(&format!($($argument)*)))
    };
}

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
    ///
    /// Formats, by extension (docs/inputs.md):
    ///   .txt .text (or none), .md .markdown   text, with optional front matter
    ///   .json                                 a report object or an array of them
    ///   .jsonl .ndjson                        JSON Lines, one report per line
    ///   .html .htm                            a saved web page: the page is stored byte for byte;
    ///                                         its article text (readability), title, canonical url,
    ///                                         publication date and outlet (og:site_name) are read
    ///   .rss .atom (.xml when it is a feed)   RSS or Atom: one report per item (link, title, date,
    ///                                         content or summary); the item's guid or link is its id;
    ///                                         an item date concord cannot read is a warning, the
    ///                                         item stored undated with the value in its metadata
    ///
    ///   .csv .tsv (with --dataset)            a coded event dataset: one coded record per row, its
    ///                                         claims read from columns (date, place, kind, actors,
    ///                                         figures), provenance "CCC row 812, size_high"; read
    ///                                         row by row; a .tsv is tab-separated, and a .csv whose
    ///                                         header uses `;` or tabs is read with them (a mapping's
    ///                                         `delimiter` wins)
    ///
    /// A JSON report may give a web page as `html` instead of `text`.
    ///
    /// --dataset presets: acled (event_id_cnty, event_date, location, admin1, country,
    /// latitude, longitude, sub_event_type, assoc_actor_1, fatalities, notes), ccc (date,
    /// locality, state, type, organizations, size_low, size_high, arrests, injuries_crowd,
    /// notes), mm (id, startday/startmonth/startyear, country, location, participants, notes),
    /// gva (incident_id, date, city_or_county, state, n_killed, n_injured, notes); or a TOML
    /// mapping for any other CSV (docs/inputs.md, "Coded event datasets"). A bad row is
    /// rejected with its file, line, row, column and reason; the good rows are stored.
    ///
    /// Examples:
    ///   concord ingest story.html
    ///   concord ingest news.rss saved-pages/ --outlet "Steppe Courier"
    ///   concord ingest --dataset ccc ccc_compiled.csv articles/
    ///   concord ingest --dataset my_mapping.toml our_events.csv
    #[command(verbatim_doc_comment)]
    Ingest(IngestArgs),
    /// Ingest PATHS (if any), then print what the engine knows.
    Run(RunArgs),
    /// Print the events of the log (`--json`: one stored event per line, re-importable).
    Log {
        #[arg(long)]
        json: bool,
    },
    /// Print one line per stored report, with the incidents it contributed to.
    Reports {
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        view: ViewFlags,
    },
    /// Walk the hash chain and report the first wrong event, if any.
    Verify,
    /// Load a `concord log --json` export into a fresh, empty database.
    Import { file: PathBuf },
    /// The reconciled incidents (`--json`: one object per line).
    Incidents {
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        view: ViewFlags,
    },
    /// Per coded dataset: its rows no article joined, and incidents reported by articles
    /// that it has no row for.
    Coverage {
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        view: ViewFlags,
    },
    /// One incident, readable: bounds with their sources, claims, conflicts.
    Show {
        id: String,
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        view: ViewFlags,
    },
    /// Every number of an incident with its report, sentence and attribution,
    /// and the decisions that shaped it.
    Audit {
        id: String,
        /// detained, participants, killed or injured.
        metric: Option<String>,
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        view: ViewFlags,
    },
    /// Export the incidents as CSV (Crowd Counting Consortium-like columns),
    /// JSON Lines with full claims, GeoJSON points, or one self-contained HTML
    /// page to browse them offline (map, timeline, table, every figure's sentence).
    ///
    /// Examples:
    ///   concord export --format html --out incidents.html
    ///   concord export --format html --out kz-2020.html --country KZ --from 2020-01-01 --to 2020-12-31
    ///   concord export --format csv --kind protest
    #[command(verbatim_doc_comment)]
    Export {
        /// csv, jsonl, geojson or html.
        #[arg(long, default_value = "jsonl")]
        format: String,
        /// Write here instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
        #[command(flatten)]
        filter: FilterFlags,
        #[command(flatten)]
        view: ViewFlags,
    },
    /// Record an analyst decision: the main events of reports A and B are one incident.
    Link {
        a: String,
        b: String,
        #[arg(long)]
        reason: String,
    },
    /// Record an analyst decision: REPORT is not part of INCIDENT.
    Split {
        incident: String,
        report: String,
        #[arg(long)]
        reason: String,
    },
    /// Record that a report is withdrawn; it leaves every incident.
    Retract {
        report: String,
        #[arg(long)]
        reason: String,
    },
    /// Recompute every projection (extractions, incidents) from the log.
    Rebuild,
    /// Print the match model in force: each comparison's levels with m, u and weight.
    Model {
        /// The model in force after event N (a number), a date (YYYY-MM-DD) or an instant.
        #[arg(long = "as-of")]
        as_of: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Estimate the match model from the stored reports (u from random pairs, m by EM,
    /// or counted on an answer key's pairs with --gold) and append it to the log.
    Train {
        /// An answer key (gold/1, or {"doc_incident": {report: incident}}): count m on
        /// the pairs it labels one incident instead of estimating it by EM.
        #[arg(long)]
        gold: Option<PathBuf>,
        /// Print the estimated model without storing it.
        #[arg(long)]
        dry_run: bool,
        /// Store this model instead of estimating one (a `model --json` or `train --json`
        /// output from another database, say).
        #[arg(long, conflicts_with = "gold")]
        model: Option<PathBuf>,
        /// Why the model is re-estimated (kept in the log).
        #[arg(long)]
        reason: Option<String>,
        /// Random pairs for u.
        #[arg(long)]
        random_pairs: Option<usize>,
        /// Seed of the random pairs (the same seed and store give the same model).
        #[arg(long)]
        seed: Option<u64>,
        /// Leave out the term-frequency adjustment (a shared rare place counting more
        /// than a shared common one).
        #[arg(long)]
        no_term_frequencies: bool,
        /// Take u from random pairs of reports (Splink's default) instead of from the
        /// candidate pairs clustering weighs.
        #[arg(long)]
        u_from_random_pairs: bool,
        #[arg(long)]
        json: bool,
    },
    /// Print how two reports' main events score against each other: a waterfall from the
    /// model's prior through each comparison's weight to the match weight and probability.
    Explain {
        a: String,
        b: String,
        #[arg(long)]
        json: bool,
    },
    /// Extract dates, places, organizers and figures from report files (no database).
    Extract {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        flags: InputFlags,
        /// One JSON object per report.
        #[arg(long)]
        json: bool,
    },
    /// Score the engine against an answer key (gold/1 or {"doc_incident": ...}),
    /// beside a naive same-date-same-place baseline.
    Bench {
        #[arg(long)]
        gold: PathBuf,
        #[arg(required = true)]
        reports: Vec<PathBuf>,
        #[command(flatten)]
        flags: InputFlags,
        #[arg(long)]
        json: bool,
        /// List every figure false positive, miss and not-figure violation.
        #[arg(long)]
        details: bool,
        /// Exit 1 unless the project's quality thresholds hold (figure P and R >= 0.9,
        /// mention B-cubed and pairwise F1 >= 0.95, main date/place right, every
        /// reconciled expectation met).
        #[arg(long)]
        gate: bool,
        /// With --gate: how many reports may have a main place other than the key's.
        #[arg(long, default_value_t = 0)]
        main_place_misses_allowed: usize,
        /// Reconciliation policy: `ccc` or `acled`.
        #[arg(long, default_value = "ccc")]
        policy: String,
    },
    /// Write a synthetic corpus (JSON Lines reports) with its gold answer key.
    Synth {
        #[arg(long)]
        reports: u64,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long)]
        out: PathBuf,
    },
}

/// Flags every view takes.
#[derive(Args)]
struct ViewFlags {
    /// Answer as of event N (a number), a date (YYYY-MM-DD) or an instant (RFC 3339): from the
    /// nearest checkpoint of the read models, else by replaying the log up to there.
    #[arg(long = "as-of")]
    as_of: Option<String>,
    /// Reconciliation policy: `ccc` (lowest and highest reported) or `acled` (most conservative).
    #[arg(long, default_value = "ccc")]
    policy: String,
}

/// Which incidents an export keeps.
#[derive(Args)]
struct FilterFlags {
    /// Only incidents on or after this day (YYYY-MM-DD; a month- or year-precision
    /// date is kept when its period reaches the day).
    #[arg(long, value_parser = day_argument)]
    from: Option<NaiveDate>,
    /// Only incidents on or before this day (YYYY-MM-DD).
    #[arg(long, value_parser = day_argument)]
    to: Option<NaiveDate>,
    /// Only incidents in this country: an ISO code (KZ) or a name (Kazakhstan).
    #[arg(long)]
    country: Option<String>,
    /// Only incidents of this kind: protest, detentions, clash, shooting, strike,
    /// unrest or other.
    #[arg(long)]
    kind: Option<String>,
}

#[derive(Args)]
struct InputFlags {
    /// Outlet for reports that do not name their own.
    #[arg(long)]
    outlet: Option<String>,
    /// Publication date for reports that do not give one (YYYY-MM-DD, RFC 3339 or
    /// any form `published` accepts in an input, docs/inputs.md).
    #[arg(long, value_parser = published_argument)]
    published: Option<NaiveDate>,
    /// Read .csv/.tsv files as this coded event dataset: a preset (acled, ccc, mm, gva)
    /// or a TOML mapping file (MAPPING.toml). The separator is the mapping's `delimiter`,
    /// else a tab for .tsv, else `,` unless the header line uses `;` or tabs instead.
    #[arg(long, value_name = "PRESET|MAPPING.toml")]
    dataset: Option<String>,
}

#[derive(Args)]
struct IngestArgs {
    /// Files, directories (read recursively) or `-` (JSON Lines on stdin).
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

/// The same forms as a `published` value in an input, but an unreadable one
/// is a usage error rather than a warning: a typo on the command line would
/// otherwise leave a whole batch undated, and the user is there to fix it.
fn published_argument(value: &str) -> Result<NaiveDate, String> {
    parse_published(value).ok_or_else(|| {
        format!("{value:?} is not a date concord can read (e.g. 2023-05-01; docs/inputs.md)")
    })
}

fn day_argument(value: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d")
        .map_err(|_| format!("{value:?} is not a day (expected YYYY-MM-DD, e.g. 2020-02-22)"))
}

fn filter(flags: FilterFlags) -> Result<IncidentFilter> {
    let country = match flags.country.as_deref() {
        Some(given) => Some(country_code_from_argument(given).context("--country")?),
        None => None,
    };
    let kind = match flags.kind.as_deref() {
        Some(given) => Some(kind_from_name(given).context("--kind")?),
        None => None,
    };
    Ok(IncidentFilter::new(flags.from, flags.to, country, kind)?)
}

/// Above this many incidents or bytes an HTML page gets slow to open; the
/// export says how to make it smaller (docs/BENCHMARKS.md, "HTML report").
const HTML_INCIDENTS_WARNED: usize = 10_000;
const HTML_BYTES_WARNED: u64 = 25_000_000;

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

/// Where and how a view looks at the log, once validated.
struct View {
    as_of: AsOf,
    cluster: ClusterConfig,
}

enum Task {
    Ingest(Inputs),
    Run(Option<Inputs>),
    Log {
        json: bool,
    },
    Reports {
        json: bool,
        view: View,
    },
    Verify,
    Import {
        file: PathBuf,
    },
    Incidents {
        json: bool,
        view: View,
    },
    Coverage {
        json: bool,
        view: View,
    },
    Show {
        id: String,
        json: bool,
        view: View,
    },
    Audit {
        id: String,
        metric: Option<Metric>,
        json: bool,
        view: View,
    },
    Export {
        format: ExportFormat,
        out: Option<PathBuf>,
        filter: IncidentFilter,
        view: View,
    },
    Link {
        a: String,
        b: String,
        reason: String,
    },
    Split {
        incident: String,
        report: String,
        reason: String,
    },
    Retract {
        report: String,
        reason: String,
    },
    Rebuild,
    Model {
        as_of: AsOf,
        json: bool,
    },
    Train(views::TrainOptions),
    Explain {
        a: String,
        b: String,
        json: bool,
    },
    Synth(SynthOptions),
    Extract {
        inputs: Inputs,
        json: bool,
    },
    Bench {
        options: BenchOptions,
        json: bool,
        gate: Option<QualityGate>,
    },
}

fn view(flags: ViewFlags) -> Result<View> {
    let as_of = match flags.as_of {
        Some(given) => given
            .parse::<AsOf>()
            .with_context(|| format!("--as-of {given:?}"))?,
        None => AsOf::Head,
    };
    let policy = flags.policy.trim().to_ascii_lowercase();
    if policy != "ccc" && policy != "acled" {
        return Err(anyhow!(
            "--policy {:?}: expected `ccc` or `acled`",
            flags.policy
        ));
    }
    Ok(View {
        as_of,
        cluster: ClusterConfig {
            reconcile_policy: policy,
        },
    })
}

fn non_empty_reason(reason: String) -> Result<String> {
    if reason.trim().is_empty() {
        return Err(anyhow!("--reason must say why (it is kept in the log)"));
    }
    Ok(reason)
}

fn inputs(paths: Vec<PathBuf>, flags: InputFlags) -> Result<Inputs> {
    let dataset = match flags.dataset.as_deref() {
        Some(argument) => Some(std::sync::Arc::new(concord::coded::dataset_from_argument(
            argument,
        )?)),
        None => None,
    };
    Ok(Inputs {
        paths,
        defaults: InputDefaults {
            outlet: flags.outlet.filter(|o| !o.trim().is_empty()),
            published: flags.published,
            published_unread: None,
            dataset,
        },
    })
}

fn validate(cli: Cli) -> Result<(Settings, Task)> {
    let settings = Settings {
        db: cli.db,
        clock: RecordingClock::from_env()?,
        show_progress: io::stderr().is_terminal(),
    };
    let task = match cli.command {
        Command::Ingest(args) => Task::Ingest(inputs(args.paths, args.flags)?),
        Command::Run(args) if args.paths.is_empty() => Task::Run(None),
        Command::Run(args) => Task::Run(Some(inputs(args.paths, args.flags)?)),
        Command::Log { json } => Task::Log { json },
        Command::Reports { json, view: flags } => Task::Reports {
            json,
            view: view(flags)?,
        },
        Command::Verify => Task::Verify,
        Command::Import { file } => Task::Import { file },
        Command::Incidents { json, view: flags } => Task::Incidents {
            json,
            view: view(flags)?,
        },
        Command::Coverage { json, view: flags } => Task::Coverage {
            json,
            view: view(flags)?,
        },
        Command::Show {
            id,
            json,
            view: flags,
        } => Task::Show {
            id,
            json,
            view: view(flags)?,
        },
        Command::Audit {
            id,
            metric,
            json,
            view: flags,
        } => Task::Audit {
            id,
            metric: metric.as_deref().map(views::metric_from_name).transpose()?,
            json,
            view: view(flags)?,
        },
        Command::Export {
            format,
            out,
            filter: filter_flags,
            view: flags,
        } => Task::Export {
            format: format.parse()?,
            out,
            filter: filter(filter_flags)?,
            view: view(flags)?,
        },
        Command::Link { a, b, reason } => Task::Link {
            a,
            b,
            reason: non_empty_reason(reason)?,
        },
        Command::Split {
            incident,
            report,
            reason,
        } => Task::Split {
            incident,
            report,
            reason: non_empty_reason(reason)?,
        },
        Command::Retract { report, reason } => Task::Retract {
            report,
            reason: non_empty_reason(reason)?,
        },
        Command::Rebuild => Task::Rebuild,
        Command::Model { as_of, json } => Task::Model {
            as_of: match as_of {
                Some(given) => given
                    .parse::<AsOf>()
                    .with_context(|| format!("--as-of {given:?}"))?,
                None => AsOf::Head,
            },
            json,
        },
        Command::Train {
            gold,
            dry_run,
            model,
            reason,
            random_pairs,
            seed,
            no_term_frequencies,
            u_from_random_pairs,
            json,
        } => Task::Train(views::TrainOptions {
            cluster: ClusterConfig::default(),
            gold,
            dry_run,
            json,
            reason: reason.map(non_empty_reason).transpose()?,
            random_pairs,
            seed,
            no_term_frequencies,
            u_from_random_pairs,
            model_file: model,
        }),
        Command::Explain { a, b, json } => Task::Explain { a, b, json },
        Command::Extract { files, flags, json } => Task::Extract {
            inputs: inputs(files, flags)?,
            json,
        },
        Command::Bench {
            gold,
            reports,
            flags,
            json,
            details,
            gate,
            main_place_misses_allowed,
            policy,
        } => {
            let inputs = inputs(reports, flags)?;
            let view = view(ViewFlags {
                as_of: None,
                policy,
            })?;
            Task::Bench {
                options: BenchOptions {
                    gold,
                    reports: inputs.paths,
                    defaults: inputs.defaults,
                    cluster: view.cluster,
                    details,
                },
                json,
                gate: gate.then_some(QualityGate {
                    main_place_misses_allowed,
                    ..QualityGate::default()
                }),
            }
        }
        Command::Synth { reports, seed, out } => Task::Synth(SynthOptions::new(reports, seed, out)),
    };
    Ok((settings, task))
}

fn main() -> ExitCode {
    configure_allocator();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return usage_error(error),
    };
    let outcome = validate(cli).and_then(|(settings, task)| execute(&settings, task));
    match outcome {
        Ok(code) => code,
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            complain!("concord: {}", message_of(&error));
            ExitCode::from(2)
        }
    }
}

/// Prints a clap error as clap would, but line by line through
/// `terminal_text`: clap echoes the offending argument, which may be a
/// report id or a value pasted from a report. Help and version text hold
/// no such value and are left to clap (with its colours).
fn usage_error(error: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(
        error.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        error.exit();
    }
    let rendered = error.render().to_string();
    for line in rendered.lines() {
        eprintln!("{}", terminal_text(line));
    }
    ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2))
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
            // A JSON view streaming into the closed pipe fails inside
            // serde_json, which keeps the kind but not the io::Error.
            || e.downcast_ref::<serde_json::Error>()
                .is_some_and(|e| e.io_error_kind() == Some(io::ErrorKind::BrokenPipe))
    })
}

const PROBLEMS_FOUND: u8 = 1;

/// Whether bringing the read models up to date is worth a note.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Announce {
    /// After a write (ingest, a decision): keeping them current is the
    /// command's own work.
    Quietly,
    /// Before a view: a replay the user did not expect (another build of
    /// concord, a crash, other settings) is said on stderr.
    WhenReplayed,
}

/// Brings the read models up to the log's head under `cluster`.
fn refresh_read_models(log: &SledLog, cluster: &ClusterConfig, announce: Announce) -> Result<()> {
    let settings = ProjectionSettings {
        cluster: cluster.clone(),
        ..ProjectionSettings::default()
    };
    // Bringing the read models to the head of a big log is a replay and a
    // rewrite (minutes at a million reports): a terminal sees that it is
    // working and for how long. Up-to-date read models return before the
    // spinner's first draw, so nothing shows.
    let spinner = io::stderr().is_terminal().then(|| {
        let bar =
            indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::stderr());
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} bringing the read models up to the log's head ({elapsed})",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        bar.enable_steady_tick(std::time::Duration::from_millis(250));
        bar
    });
    let freshness = read_model::bring_up_to_date(log, &settings);
    if let Some(bar) = spinner {
        bar.finish_and_clear();
    }
    match freshness? {
        Freshness::Brought { why, position } if announce == Announce::WhenReplayed => {
            complain!(
                "concord: note: the read models were out of date ({why}); replayed the log to event {position} and wrote them afresh"
            );
        }
        Freshness::CaughtUp(caught_up) if announce == Announce::WhenReplayed => {
            complain!(
                "concord: note: the read models were {} events behind; brought them to event {} by clustering {} blocks again",
                caught_up.events,
                caught_up.position,
                caught_up.blocks
            );
        }
        _ => {}
    }
    Ok(())
}

/// A view at the head answers from the read models: bring them up to date
/// first, saying so when that takes a replay. Earlier points replay anyway.
fn refresh_before_view(log: &SledLog, as_of: &AsOf, cluster: &ClusterConfig) -> Result<()> {
    if *as_of == AsOf::Head {
        refresh_read_models(log, cluster, Announce::WhenReplayed)?;
    }
    Ok(())
}

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
            refresh_read_models(&log, &ClusterConfig::default(), Announce::Quietly)?;
            print_summary(&mut out, &summary)?;
            exit_code_for(&summary)
        }
        Task::Run(inputs) => {
            let mut log = open_for_writing(settings)?;
            let mut code = ExitCode::SUCCESS;
            if let Some(inputs) = inputs {
                let summary = run_ingest(settings, &mut log, &inputs)?;
                refresh_read_models(&log, &ClusterConfig::default(), Announce::Quietly)?;
                print_summary(&mut out, &summary)?;
                code = exit_code_for(&summary);
                writeln!(out)?;
            }
            let options = IncidentsOptions {
                as_of: AsOf::Head,
                cluster: ClusterConfig::default(),
                json: false,
            };
            say!(out, "incidents in {}:", settings.db.display())?;
            views::incidents_command(&log, &options, &mut out)?;
            code
        }
        Task::Log { json } => {
            let log = open_existing(settings)?;
            for event in log.range(1, log.len()) {
                let event = event?;
                if json {
                    writeln!(out, "{}", serde_json::to_string(&event)?)?;
                } else {
                    // Escaped piece by piece inside (the title keeps its
                    // quotes), so not through `say!`.
                    writeln!(out, "{}", describe_event(&event))?;
                }
            }
            ExitCode::SUCCESS
        }
        Task::Reports { json, view } => {
            let log = open_existing(settings)?;
            refresh_before_view(&log, &view.as_of, &view.cluster)?;
            let options = ReportsOptions {
                as_of: view.as_of,
                cluster: view.cluster,
                json,
            };
            views::reports_command(&log, &options, &mut out)?;
            ExitCode::SUCCESS
        }
        Task::Incidents { json, view } => {
            let log = open_existing(settings)?;
            refresh_before_view(&log, &view.as_of, &view.cluster)?;
            let options = IncidentsOptions {
                as_of: view.as_of,
                cluster: view.cluster,
                json,
            };
            views::incidents_command(&log, &options, &mut out)?;
            ExitCode::SUCCESS
        }
        Task::Coverage { json, view } => {
            let log = open_existing(settings)?;
            let options = views::CoverageOptions {
                as_of: view.as_of,
                cluster: view.cluster,
                json,
            };
            views::coverage_command(&log, &options, &mut out)?;
            ExitCode::SUCCESS
        }
        Task::Show { id, json, view } => {
            let log = open_existing(settings)?;
            refresh_before_view(&log, &view.as_of, &view.cluster)?;
            let options = ShowOptions {
                as_of: view.as_of,
                cluster: view.cluster,
                id,
                json,
            };
            views::show_command(&log, &options, &mut out)?;
            ExitCode::SUCCESS
        }
        Task::Audit {
            id,
            metric,
            json,
            view,
        } => {
            let log = open_existing(settings)?;
            refresh_before_view(&log, &view.as_of, &view.cluster)?;
            let options = AuditOptions {
                as_of: view.as_of,
                cluster: view.cluster,
                id,
                metric,
                json,
            };
            views::audit_command(&log, &options, &mut out)?;
            ExitCode::SUCCESS
        }
        Task::Export {
            format,
            out: out_file,
            filter,
            view,
        } => {
            let log = open_existing(settings)?;
            if format != ExportFormat::Html {
                refresh_before_view(&log, &view.as_of, &view.cluster)?;
            }
            let options = ExportOptions {
                as_of: view.as_of,
                cluster: view.cluster,
                format,
                out_file,
                filter,
            };
            let summary = views::export_command(&log, &options, &mut out)?;
            if format == ExportFormat::Html
                && (summary.incidents > HTML_INCIDENTS_WARNED || summary.bytes > HTML_BYTES_WARNED)
            {
                out.flush()?;
                complain!(
                    "concord: warning: the page holds {} incidents ({:.1} MB); above {} incidents or {} MB a browser opens it slowly. Export a part with --from/--to (dates), --country CC or --kind K, e.g. --from 2020-01-01 --to 2020-06-30",
                    summary.incidents,
                    summary.bytes as f64 / 1e6,
                    HTML_INCIDENTS_WARNED,
                    HTML_BYTES_WARNED / 1_000_000
                );
            }
            ExitCode::SUCCESS
        }
        Task::Link { a, b, reason } => {
            let mut log = open_existing(settings)?;
            let seq = views::link(&mut log, &a, &b, &reason, settings.clock.now())?;
            refresh_read_models(&log, &ClusterConfig::default(), Announce::Quietly)?;
            say!(out, "linked {a} and {b} (event {seq})")?;
            ExitCode::SUCCESS
        }
        Task::Split {
            incident,
            report,
            reason,
        } => {
            let mut log = open_existing(settings)?;
            let seq = views::split(
                &mut log,
                &ClusterConfig::default(),
                &incident,
                &report,
                &reason,
                settings.clock.now(),
            )?;
            refresh_read_models(&log, &ClusterConfig::default(), Announce::Quietly)?;
            say!(out, "split {report} out of {incident} (event {seq})")?;
            ExitCode::SUCCESS
        }
        Task::Retract { report, reason } => {
            let mut log = open_existing(settings)?;
            let seq = views::retract(&mut log, &report, &reason, settings.clock.now())?;
            refresh_read_models(&log, &ClusterConfig::default(), Announce::Quietly)?;
            say!(out, "retracted {report} (event {seq})")?;
            ExitCode::SUCCESS
        }
        Task::Rebuild => {
            let mut log = open_existing(settings)?;
            log.discard_derived_data()?;
            let projection =
                Projection::<ClusterState>::rebuild_to_write(&log, ProjectionSettings::default())?;
            // The read models are written afresh from the replay, whatever
            // their stamp said.
            let stamp = read_model::write(&log, &projection)?;
            writeln!(
                out,
                "rebuilt from {} events: {} incidents",
                log.len(),
                stamp.incidents
            )?;
            ExitCode::SUCCESS
        }
        Task::Model { as_of, json } => {
            let log = open_existing(settings)?;
            let options = views::ModelOptions { as_of, json };
            views::model_command(&log, &options, &mut out)?;
            ExitCode::SUCCESS
        }
        Task::Train(options) => {
            let mut log = open_existing(settings)?;
            views::train_command(&mut log, &options, settings.clock.now(), &mut out)?;
            refresh_read_models(&log, &ClusterConfig::default(), Announce::Quietly)?;
            ExitCode::SUCCESS
        }
        Task::Explain { a, b, json } => {
            let log = open_existing(settings)?;
            let options = ExplainOptions {
                cluster: ClusterConfig::default(),
                a,
                b,
                json,
            };
            views::explain_command(&log, &options, &mut out)?;
            ExitCode::SUCCESS
        }
        Task::Extract { inputs, json } => {
            let mut code = ExitCode::SUCCESS;
            let mut table_items = Vec::new();
            let mut failure: Option<io::Error> = None;
            let mut sink = ClosureSink {
                on_report: |item| match item {
                    Ok(report) => {
                        let extraction = extract_report(&report);
                        if json {
                            let line = extract_render::render_json(&report, &extraction);
                            if let Err(error) = writeln!(out, "{line}") {
                                failure.get_or_insert(error);
                            }
                        } else {
                            table_items.push((report, extraction));
                        }
                    }
                    Err(error) => {
                        complain!("concord: rejected {error}");
                        code = ExitCode::from(PROBLEMS_FOUND);
                    }
                },
                // A warning does not change the exit code: the report was
                // read and is extracted.
                on_warning: |warning| complain!("concord: warning: {warning}"),
            };
            read_reports(&inputs.paths, &inputs.defaults, &mut sink);
            if let Some(error) = failure {
                return Err(error.into());
            }
            if !json {
                let borrowed: Vec<_> = table_items.iter().map(|(r, e)| (r, e)).collect();
                write!(out, "{}", extract_render::render_table(&borrowed))?;
            }
            code
        }
        Task::Bench {
            options,
            json,
            gate,
        } => {
            let result = run_bench(&options)?;
            if json {
                writeln!(out, "{}", serde_json::to_string_pretty(&result)?)?;
            } else {
                render_bench_table(&result, &mut out)?;
            }
            let failures = gate
                .map(|gate| gate_failures(&result, &gate))
                .unwrap_or_default();
            out.flush()?;
            for failure in &failures {
                complain!("concord: quality gate: {failure}");
            }
            if failures.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(PROBLEMS_FOUND)
            }
        }
        Task::Synth(options) => {
            let summary = synth_command(&options)?;
            writeln!(out, "{}", serde_json::to_string_pretty(&summary)?)?;
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
                        say!(
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
                say!(
                    out,
                    "OK: {} events, head {}",
                    report.events_checked,
                    report.head_hash
                )?;
                ExitCode::SUCCESS
            } else {
                for problem in &report.problems {
                    say!(out, "PROBLEM at event {}: {}", problem.seq, problem.what)?;
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
                    refresh_read_models(&log, &ClusterConfig::default(), Announce::Quietly)?;
                    say!(
                        out,
                        "imported {} events; head {}",
                        summary.events,
                        summary.head_hash
                    )?;
                    ExitCode::SUCCESS
                }
                Err(error @ IngestError::ImportBadLine { .. }) => {
                    out.flush()?;
                    complain!("concord: import refused, nothing stored: {error}");
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
    say!(
        out,
        "ingest: {} new, {} duplicate, {} renamed, {} rejected",
        summary.new.len(),
        summary.duplicates.len(),
        summary.renamed.len(),
        summary.rejected.len()
    )?;
    for new in summary.new.iter().take(LISTED_AT_MOST) {
        say!(out, "  new        {} (event {})", new.id, new.seq)?;
    }
    if summary.new.len() > LISTED_AT_MOST {
        say!(
            out,
            "  new        ... and {} more (see `concord reports`)",
            summary.new.len() - LISTED_AT_MOST
        )?;
    }
    for duplicate in summary.duplicates.iter().take(LISTED_AT_MOST) {
        say!(
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
        say!(
            out,
            "  duplicate  ... and {} more",
            summary.duplicates.len() - LISTED_AT_MOST
        )?;
    }
    for renamed in &summary.renamed {
        say!(
            out,
            "  renamed    {} -> {} (event {}): the id was already taken by a different text; both are kept",
            renamed.requested_id,
            renamed.stored_id,
            renamed.seq
        )?;
    }
    out.flush()?;
    for dated in &summary.future_dated {
        complain!(
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
    for warning in &summary.warnings {
        complain!("concord: warning: {warning}");
    }
    // Rejections are errors: they go to stderr, each naming its input.
    for rejected in &summary.rejected {
        complain!("concord: rejected {}: {}", rejected.source, rejected.reason);
    }
    Ok(())
}

fn describe_event(event: &concord::log::StoredEvent) -> String {
    // Every piece from the event goes through `terminal_text`; the title is
    // quoted with `"` and `\` escaped as before (`{:?}` then), so that an
    // ordinary title prints as it always did.
    let shown = |text: &str| terminal_text(text).into_owned();
    let quoted_title = |title: Option<&str>| {
        format!(
            "\"{}\"",
            terminal_text(title.unwrap_or("")).replace('"', "\\\"")
        )
    };
    let what = match event.decode() {
        Ok(payload) => match &payload {
            concord::log::EventPayload::ReportIngested { report } => {
                format!(
                    "{} {}",
                    shown(&report.id),
                    quoted_title(report.title.as_deref())
                )
            }
            concord::log::EventPayload::ReportCorrected { supersedes, report } => format!(
                "{} corrects {} {}",
                shown(&report.id),
                shown(supersedes),
                quoted_title(report.title.as_deref())
            ),
            concord::log::EventPayload::ReportRetracted { report, reason } => {
                format!("{}: {}", shown(report), shown(reason))
            }
            concord::log::EventPayload::ReportsLinked { a, b, reason } => {
                format!("{} + {}: {}", shown(a), shown(b), shown(reason))
            }
            concord::log::EventPayload::ReportSplit {
                incident,
                report,
                reason,
            } => format!(
                "{} out of {}: {}",
                shown(report),
                shown(incident),
                shown(reason)
            ),
            concord::log::EventPayload::MatchModelEstimated { model, reason } => format!(
                "{} levels, threshold {:.2}, {} on {} reports: {}",
                model.levels.len(),
                model.threshold,
                shown(&model.training.method),
                model.training.reports,
                shown(reason)
            ),
        },
        Err(error) => format!("(payload does not decode: {})", shown(&error.to_string())),
    };
    format!(
        "{:>6}  {}  {:<16}  {}  {}",
        event.seq,
        event
            .recorded_at
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        shown(&event.type_name),
        what,
        shown(event.hash.get(..12).unwrap_or(&event.hash))
    )
}

// The log, extraction and clustering allocate many small, short-lived
// buffers; mimalloc serves them markedly faster than the system allocator
// (measured in docs/BENCHMARKS.md). It is built without transparent huge
// pages (the `no_thp` feature): a 2 MiB page counts whole in the resident
// set however little of it is used, and the kernel zeroes all of it on
// first touch.
#[global_allocator]
static GLOBAL_ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay`: its place in `mi_option_e` of the
/// mimalloc 3 that libmimalloc-sys 0.1.49 builds (the crate names no
/// constant for it; a test checks the place by the option's default).
const MIMALLOC_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// How long freed memory stays with the allocator before it goes back to
/// the system, in milliseconds (mimalloc's default is 1,000, and ten times
/// that for its arenas). A full build frees a window's texts and
/// extractions while it stages the next; returned sooner, they are not
/// counted in the peak. 1M reports: peak 4,124 -> 3,941 MiB with huge
/// pages off too (docs/BENCHMARKS.md, "The allocator's memory").
const ALLOCATOR_PURGE_DELAY_MS: std::ffi::c_long = 100;

/// Sets the allocator's options; first thing in `main`, before any other
/// thread exists (mimalloc's option setter is not thread-safe).
fn configure_allocator() {
    // SAFETY: called once, from the main thread, before any other thread
    // is started; the option is a plain integer mimalloc reads when it
    // next purges.
    unsafe {
        libmimalloc_sys::mi_option_set(MIMALLOC_OPTION_PURGE_DELAY, ALLOCATOR_PURGE_DELAY_MS);
    }
}

#[cfg(test)]
mod tests {
    /// `purge_delay` is the one option of mimalloc whose default is 1,000
    /// among its neighbours: reading that default at the constant's place
    /// shows the place is right for the mimalloc this build links.
    #[test]
    fn the_purge_delay_constant_names_mimallocs_purge_delay() {
        // SAFETY: reads an integer option; no other test sets options.
        let default = unsafe { libmimalloc_sys::mi_option_get(super::MIMALLOC_OPTION_PURGE_DELAY) };
        assert_eq!(default, 1000);
    }
}
