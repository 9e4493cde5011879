//! Projections: everything after the log, recomputed from it.
//!
//! A `Projection` replays the log's events in order up to a point (`AsOf`)
//! and keeps what the views need: the status of every report ever stored,
//! the analyst decisions in log order, and the clustering state fed with the
//! live reports and their (cached) extractions. It never writes to the log;
//! the only thing it writes is the extraction cache in the `ProjectionStore`,
//! which is derived data that may be dropped at any time.
//!
//! See docs/projections.md for the semantics (as-of, caches, durability).

pub mod cache;
mod entries;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::str::FromStr;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::cluster::{ClusterConfig, ClusterState, Decisions, MatchModel, ReportInput};
use crate::extract::model::Extraction;
use crate::incident::Incident;
use crate::log::{EventLog, EventPayload, GENESIS_HASH, LogError, ProjectionStore, StoredEvent};
use crate::report::Report;

pub use cache::{
    EXTRACTION_NAMESPACE, ExtractionRequest, ExtractionStats, ExtractionWithDigest, Extractor,
    cached_extraction_and_digest, extractions_and_digests_for, extractions_for,
};

#[derive(Debug, Error)]
pub enum ProjectError {
    #[error(transparent)]
    Log(#[from] LogError),
    #[error("event {seq} cannot be read as a known event type: {source}; run `concord verify`")]
    UndecodableEvent { seq: u64, source: serde_json::Error },
    #[error("cannot encode a cached extraction: {0}")]
    EncodeCache(serde_json::Error),
    #[error("--as-of {requested} is beyond the end of the log, which holds {head} events")]
    AsOfBeyondHead { requested: u64, head: u64 },
    #[error(
        "the projection is already at event {position}, past the requested point; build a fresh projection to look further back"
    )]
    ProjectionAhead { position: u64 },
    #[error(
        "cannot read --as-of {given:?}: expected `head`, an event number (42), a date (2020-02-22) or an RFC 3339 instant (2020-02-22T18:00:00Z)"
    )]
    BadAsOf { given: String },
    #[error(
        "event {seq}, which a read model names as a stored report, is not one in this log; `concord rebuild` writes the read models afresh"
    )]
    MissingEvent { seq: u64 },
}

/// How far to replay the log.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum AsOf {
    /// Every event.
    #[default]
    Head,
    /// Events 1..=n.
    Seq(u64),
    /// Events recorded on or before the end of that day (UTC).
    Date(NaiveDate),
    /// Events recorded at or before that instant.
    Instant(DateTime<Utc>),
}

impl AsOf {
    /// The latest `recorded_at` included, for the time-based forms.
    pub fn cutoff(&self) -> Option<DateTime<Utc>> {
        match self {
            AsOf::Head | AsOf::Seq(_) => None,
            AsOf::Date(date) => {
                let end_of_day =
                    NaiveTime::from_hms_nano_opt(23, 59, 59, 999_999_999).unwrap_or(NaiveTime::MIN);
                Some(date.and_time(end_of_day).and_utc())
            }
            AsOf::Instant(instant) => Some(*instant),
        }
    }
}

impl FromStr for AsOf {
    type Err = ProjectError;

    fn from_str(given: &str) -> Result<AsOf, ProjectError> {
        let trimmed = given.trim();
        if trimmed.eq_ignore_ascii_case("head") {
            return Ok(AsOf::Head);
        }
        if !trimmed.is_empty() && trimmed.bytes().all(|b| b.is_ascii_digit()) {
            return trimmed
                .parse()
                .map(AsOf::Seq)
                .map_err(|_| ProjectError::BadAsOf {
                    given: given.to_string(),
                });
        }
        if let Ok(date) = NaiveDate::parse_from_str(trimmed, "%Y-%m-%d") {
            return Ok(AsOf::Date(date));
        }
        if let Ok(instant) = DateTime::parse_from_rfc3339(trimmed) {
            return Ok(AsOf::Instant(instant.with_timezone(&Utc)));
        }
        Err(ProjectError::BadAsOf {
            given: given.to_string(),
        })
    }
}

/// What became of a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum ReportStatus {
    Live,
    Retracted {
        reason: String,
        seq: u64,
    },
    /// A correction (stored at `seq` as report `by`) replaced it.
    Superseded {
        by: String,
        seq: u64,
    },
}

impl ReportStatus {
    pub fn is_live(&self) -> bool {
        matches!(self, ReportStatus::Live)
    }

    /// "live", "retracted at 12: wrong city", "superseded by r7 at 9".
    pub fn describe(&self) -> String {
        match self {
            ReportStatus::Live => "live".to_string(),
            ReportStatus::Retracted { reason, seq } => format!("retracted at {seq}: {reason}"),
            ReportStatus::Superseded { by, seq } => format!("superseded by {by} at {seq}"),
        }
    }
}

/// The main event extraction found in a live report, kept to tell which
/// incident is the report's own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MainEventSummary {
    /// As `Incident::date` writes it.
    pub date: Option<String>,
    pub place: Option<String>,
    /// The place-days (date as `Incident::date` writes it, place name) of
    /// the earlier events the report recalls as background: never its news,
    /// so never its primary incident.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub background: Vec<(String, String)>,
}

/// One report ever stored, whatever became of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportEntry {
    pub id: String,
    pub seq: u64,
    pub recorded_at: DateTime<Utc>,
    pub outlet: Option<String>,
    pub published: Option<NaiveDate>,
    pub title: Option<String>,
    pub url: Option<String>,
    /// The report this one corrects, when stored by a correction.
    pub supersedes: Option<String>,
    pub status: ReportStatus,
    /// Set while the report is live and extracted.
    pub main_event: Option<MainEventSummary>,
    /// The incident that clustering put the report's main mention in (or
    /// the day's parent that absorbed it); filled by `Projection::state`
    /// from the clustering state, not stored.
    #[serde(default, skip_serializing)]
    pub main_incident: Option<String>,
}

impl ReportEntry {
    /// The entry of a report just stored by event `seq` (by a correction of
    /// `supersedes`, when it is one): live, not yet extracted.
    pub fn stored(
        seq: u64,
        recorded_at: DateTime<Utc>,
        supersedes: Option<String>,
        report: &Report,
    ) -> ReportEntry {
        ReportEntry {
            id: report.id.clone(),
            seq,
            recorded_at,
            outlet: report.outlet.clone(),
            published: report.published,
            title: report.title.clone(),
            url: report.url.clone(),
            supersedes,
            status: ReportStatus::Live,
            main_event: None,
            main_incident: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecisionKind {
    Link,
    Split,
    Retract,
    Correct,
}

impl DecisionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DecisionKind::Link => "link",
            DecisionKind::Split => "split",
            DecisionKind::Retract => "retract",
            DecisionKind::Correct => "correct",
        }
    }
}

/// An event that changes the analysis rather than adding a source: a link,
/// a split, a retraction or a correction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DecisionRecord {
    pub seq: u64,
    pub kind: DecisionKind,
    /// Link: [a, b]; split and retract: [report]; correct: [superseded, new].
    pub reports: Vec<String>,
    /// Split: the incident the report was taken out of.
    pub incident: Option<String>,
    pub reason: String,
    pub recorded_at: DateTime<Utc>,
}

/// The incident maker a projection feeds. `ClusterState` is the real one;
/// the trait lets tests check replay against a simple, predictable stand-in.
pub trait Clusterer: Send {
    fn fresh(config: &ClusterConfig) -> Self;
    fn add_report(&mut self, input: ReportInput);
    fn remove_report(&mut self, report_id: &str);
    fn set_decisions(&mut self, decisions: Decisions);
    fn incidents(&self) -> Vec<Incident>;
    /// For each report (by seq), the id of the incident holding its main
    /// mention, where the clusterer knows it.
    fn main_mention_incidents(&self) -> HashMap<u64, String> {
        HashMap::new()
    }

    /// Adds reports whose incidents may wait until `settle`. A clusterer
    /// with nothing to gain from waiting adds them at once.
    fn stage_reports(&mut self, inputs: Vec<ReportInput>) {
        for input in inputs {
            self.add_report(input);
        }
    }
    /// Removes a report; the incidents may wait until `settle`.
    fn stage_removal(&mut self, report_id: &str) {
        self.remove_report(report_id);
    }
    /// Brings the incidents up to date with everything staged.
    fn settle(&mut self) {}
    /// Puts another match model in force from the next `settle` on. A
    /// clusterer that weighs nothing ignores it.
    fn stage_model(&mut self, model: Arc<MatchModel>) {
        let _ = model;
    }
}

impl Clusterer for ClusterState {
    fn fresh(config: &ClusterConfig) -> Self {
        ClusterState::new(config.clone())
    }
    fn add_report(&mut self, input: ReportInput) {
        ClusterState::add_report(self, input)
    }
    fn remove_report(&mut self, report_id: &str) {
        ClusterState::remove_report(self, report_id)
    }
    fn set_decisions(&mut self, decisions: Decisions) {
        ClusterState::set_decisions(self, decisions)
    }
    fn incidents(&self) -> Vec<Incident> {
        ClusterState::incidents(self)
    }
    fn main_mention_incidents(&self) -> HashMap<u64, String> {
        ClusterState::main_mention_incidents(self)
            .into_iter()
            .map(|(seq, id)| (seq, id.to_string()))
            .collect()
    }
    fn stage_reports(&mut self, inputs: Vec<ReportInput>) {
        ClusterState::stage_reports(self, inputs)
    }
    fn stage_removal(&mut self, report_id: &str) {
        ClusterState::stage_removal(self, report_id)
    }
    fn settle(&mut self) {
        ClusterState::settle(self)
    }
    fn stage_model(&mut self, model: Arc<MatchModel>) {
        ClusterState::stage_model(self, model)
    }
}

/// Everything that decides what a projection computes besides the log.
#[derive(Debug, Clone)]
pub struct ProjectionSettings {
    pub cluster: ClusterConfig,
    pub extractor: Extractor,
    /// How many events a replay reads, extracts and stages at a time. It
    /// bounds the report texts held at once; it never changes the result
    /// (tests/project_replay.rs replays with windows of every size).
    pub replay_window: u64,
}

impl Default for ProjectionSettings {
    fn default() -> Self {
        ProjectionSettings {
            cluster: ClusterConfig::default(),
            extractor: Extractor::default(),
            replay_window: DEFAULT_REPLAY_WINDOW,
        }
    }
}

/// What the views read: the state of the analysis at one point of the log.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectedState {
    /// The seq of the last event replayed (0 for none).
    pub position: u64,
    /// Parents and children, sorted by id.
    pub incidents: Vec<Incident>,
    /// Every report stored up to `position`, in log order.
    pub reports: Vec<ReportEntry>,
    /// Decision events, in log order.
    pub decisions: Vec<DecisionRecord>,
}

impl ProjectedState {
    pub fn incident(&self, id: &str) -> Option<&Incident> {
        self.incidents.iter().find(|incident| incident.id == id)
    }

    pub fn report(&self, id: &str) -> Option<&ReportEntry> {
        self.reports.iter().find(|report| report.id == id)
    }
}

/// The replayed log: position, report statuses, decisions, clustering.
pub struct Projection<C: Clusterer = ClusterState> {
    settings: ProjectionSettings,
    cluster: C,
    position: u64,
    /// The hash of the event at `position`, to notice a different log.
    position_hash: String,
    position_recorded_at: Option<DateTime<Utc>>,
    reports: entries::ReportEntries,
    /// Seqs of the reports in clustering (by seq, not id: a million ids
    /// would be a second copy of every key of `reports`).
    in_cluster: HashSet<u64>,
    decisions: Vec<DecisionRecord>,
    cluster_decisions: Decisions,
    /// The last `MatchModelEstimated` event replayed (its seq and model),
    /// and whether clustering has yet to take it.
    model_in_force: Option<(u64, Arc<MatchModel>)>,
    model_unstaged: bool,
    stats: ExtractionStats,
}

/// Events per replay window: 16k reports of ~2 KB are ~32 MB of text plus
/// their extractions, and enough work per window for every core.
pub const DEFAULT_REPLAY_WINDOW: u64 = 16_384;

/// Reports of a window extracted (or read from the cache) and staged at a
/// time.
const EXTRACTION_CHUNK: usize = 2048;

/// A report stored by an event being replayed, waiting for its extraction.
struct PendingReport {
    seq: u64,
    event_hash: String,
    report: Report,
    /// A correction superseded this report: it still describes its
    /// incidents (so it stays a member), but its numbers are replaced by
    /// the correction's, so it enters clustering without figures.
    figures_superseded: bool,
}

/// Drops a superseded report's figures, and the mentions' references to
/// them, keeping its places, dates, organizers and people.
pub fn without_figures(mut extraction: Extraction) -> Extraction {
    extraction.figures.clear();
    for mention in &mut extraction.mentions {
        mention.figures.clear();
    }
    extraction
}

impl<C: Clusterer> Projection<C> {
    /// An empty projection, at position 0.
    pub fn new(settings: ProjectionSettings) -> Projection<C> {
        Projection {
            cluster: C::fresh(&settings.cluster),
            settings,
            position: 0,
            position_hash: GENESIS_HASH.to_string(),
            position_recorded_at: None,
            reports: entries::ReportEntries::default(),
            in_cluster: HashSet::new(),
            decisions: Vec::new(),
            cluster_decisions: Decisions::default(),
            model_in_force: None,
            model_unstaged: false,
            stats: ExtractionStats::default(),
        }
    }

    /// A projection of `log` replayed up to `as_of`.
    pub fn build<L>(
        log: &L,
        settings: ProjectionSettings,
        as_of: &AsOf,
    ) -> Result<Projection<C>, ProjectError>
    where
        L: EventLog + ProjectionStore + ?Sized,
    {
        let mut projection = Projection::new(settings);
        projection.catch_up_to(log, as_of)?;
        Ok(projection)
    }

    /// Drops the extraction cache and replays the whole log, re-extracting
    /// every live report.
    pub fn rebuild<L>(log: &L, settings: ProjectionSettings) -> Result<Projection<C>, ProjectError>
    where
        L: EventLog + ProjectionStore + ?Sized,
    {
        log.clear_projection(EXTRACTION_NAMESPACE)?;
        Projection::build(log, settings, &AsOf::Head)
    }

    pub fn position(&self) -> u64 {
        self.position
    }

    pub fn settings(&self) -> &ProjectionSettings {
        &self.settings
    }

    /// Extractions read from the cache and computed since this projection
    /// was created.
    pub fn extraction_stats(&self) -> ExtractionStats {
        self.stats
    }

    pub fn cluster(&self) -> &C {
        &self.cluster
    }

    /// The match model clustering weighs pairs with at this position, and
    /// the seq of the event that put it in force (none for the built-in
    /// model).
    pub fn model_in_force(&self) -> (Option<u64>, Arc<MatchModel>) {
        match &self.model_in_force {
            Some((seq, model)) => (Some(*seq), model.clone()),
            None => (None, Arc::new(MatchModel::built_in())),
        }
    }

    /// Applies the events appended since the last call.
    pub fn catch_up<L>(&mut self, log: &L) -> Result<u64, ProjectError>
    where
        L: EventLog + ProjectionStore + ?Sized,
    {
        self.catch_up_to(log, &AsOf::Head)
    }

    /// Applies events after the current position up to `as_of`. Returns how
    /// many events were applied. A projection only moves forward.
    pub fn catch_up_to<L>(&mut self, log: &L, as_of: &AsOf) -> Result<u64, ProjectError>
    where
        L: EventLog + ProjectionStore + ?Sized,
    {
        let applied = self.apply_up_to(log, as_of)?;
        self.cluster.settle();
        Ok(applied)
    }

    /// `catch_up_to` but for the final settle: the events applied, their
    /// reports staged, the decisions and the model in force handed to
    /// clustering.
    fn apply_up_to<L>(&mut self, log: &L, as_of: &AsOf) -> Result<u64, ProjectError>
    where
        L: EventLog + ProjectionStore + ?Sized,
    {
        self.restart_if_log_differs(log)?;
        let head = log.len();
        let last_seq = match as_of {
            AsOf::Seq(requested) if *requested > head => {
                return Err(ProjectError::AsOfBeyondHead {
                    requested: *requested,
                    head,
                });
            }
            AsOf::Seq(requested) => *requested,
            _ => head,
        };
        let cutoff = as_of.cutoff();
        if last_seq < self.position
            || matches!((cutoff, self.position_recorded_at), (Some(cutoff), Some(at)) if at > cutoff)
        {
            return Err(ProjectError::ProjectionAhead {
                position: self.position,
            });
        }

        // The log is in recording order, so a time-based as-of is the prefix
        // that ends before the first event recorded after the cutoff. That
        // keeps every as-of a prefix, even if a clock once went backwards.
        //
        // Events are read and applied a window at a time, so a replay holds
        // one window of report texts, never the whole log; the clusterer
        // only stages what each window adds or removes and settles once at
        // the end, so a block touched by many windows is clustered once.
        let mut applied = 0u64;
        let mut decisions_changed = false;
        let mut next = self.position + 1;
        while next <= last_seq {
            let window_size = self.settings.replay_window.max(1);
            let window_end = last_seq.min(next.saturating_add(window_size - 1));
            let mut stored_window = Vec::new();
            let mut reached_cutoff = false;
            for item in log.range(next, window_end) {
                let stored = item?;
                if cutoff.is_some_and(|cutoff| stored.recorded_at > cutoff) {
                    reached_cutoff = true;
                    break;
                }
                stored_window.push(stored);
            }
            // Payloads are decoded in parallel (a report's JSON is most of
            // the work of reading it back), then taken in log order, so the
            // error named is the first undecodable event's.
            let decoded: Vec<Result<EventPayload, ProjectError>> =
                stored_window.par_iter().map(decode_event).collect();
            let mut window = Vec::with_capacity(stored_window.len());
            for (stored, payload) in stored_window.into_iter().zip(decoded) {
                window.push((stored.seq, stored.recorded_at, stored.hash, payload?));
            }
            if window.is_empty() {
                break;
            }
            applied += window.len() as u64;
            decisions_changed |= self.apply_window(log, window)?;
            if reached_cutoff {
                break;
            }
            next = window_end.saturating_add(1);
        }
        if decisions_changed {
            self.cluster.set_decisions(self.cluster_decisions.clone());
        }
        if self.model_unstaged
            && let Some((_, model)) = &self.model_in_force
        {
            self.cluster.stage_model(model.clone());
            self.model_unstaged = false;
        }
        Ok(applied)
    }

    /// Applies one window of decoded events: report statuses, decisions,
    /// staged removals, extraction (cached, in parallel) and staged adds.
    /// Returns whether the analyst decisions changed.
    fn apply_window<L>(
        &mut self,
        log: &L,
        window: Vec<(u64, DateTime<Utc>, String, EventPayload)>,
    ) -> Result<bool, ProjectError>
    where
        L: EventLog + ProjectionStore + ?Sized,
    {
        let Some((last_seq, last_recorded_at, last_hash)) = window
            .last()
            .map(|(seq, recorded_at, hash, _)| (*seq, *recorded_at, hash.clone()))
        else {
            return Ok(false);
        };

        let mut pending: BTreeMap<String, PendingReport> = BTreeMap::new();
        let mut removed: BTreeSet<String> = BTreeSet::new();
        // Reports clustered in an earlier catch-up that a correction has
        // now superseded: they leave clustering and come back without
        // figures.
        let mut restrip: BTreeSet<String> = BTreeSet::new();
        let mut decisions_changed = false;
        for (seq, recorded_at, event_hash, payload) in window {
            match payload {
                EventPayload::ReportIngested { report } => {
                    self.store_report(seq, recorded_at, None, &report);
                    pending.insert(
                        report.id.clone(),
                        PendingReport {
                            seq,
                            event_hash,
                            report,
                            figures_superseded: false,
                        },
                    );
                }
                EventPayload::ReportCorrected { supersedes, report } => {
                    if let Some(old) = self.reports.get_mut(&supersedes)
                        && old.status.is_live()
                    {
                        old.status = ReportStatus::Superseded {
                            by: report.id.clone(),
                            seq,
                        };
                        match pending.get_mut(&supersedes) {
                            Some(old) => old.figures_superseded = true,
                            None => {
                                removed.insert(supersedes.clone());
                                restrip.insert(supersedes.clone());
                            }
                        }
                    }
                    self.decisions.push(DecisionRecord {
                        seq,
                        kind: DecisionKind::Correct,
                        reports: vec![supersedes.clone(), report.id.clone()],
                        incident: None,
                        reason: format!("{} corrects {}", report.id, supersedes),
                        recorded_at,
                    });
                    self.store_report(seq, recorded_at, Some(supersedes), &report);
                    pending.insert(
                        report.id.clone(),
                        PendingReport {
                            seq,
                            event_hash,
                            report,
                            figures_superseded: false,
                        },
                    );
                }
                EventPayload::ReportRetracted { report, reason } => {
                    if let Some(entry) = self.reports.get_mut(&report)
                        && entry.status.is_live()
                    {
                        entry.status = ReportStatus::Retracted {
                            reason: reason.clone(),
                            seq,
                        };
                        entry.main_event = None;
                    }
                    pending.remove(&report);
                    restrip.remove(&report);
                    removed.insert(report.clone());
                    self.decisions.push(DecisionRecord {
                        seq,
                        kind: DecisionKind::Retract,
                        reports: vec![report],
                        incident: None,
                        reason,
                        recorded_at,
                    });
                }
                EventPayload::ReportsLinked { a, b, reason } => {
                    self.cluster_decisions
                        .links
                        .push((seq, a.clone(), b.clone(), reason.clone()));
                    self.decisions.push(DecisionRecord {
                        seq,
                        kind: DecisionKind::Link,
                        reports: vec![a, b],
                        incident: None,
                        reason,
                        recorded_at,
                    });
                    decisions_changed = true;
                }
                EventPayload::ReportSplit {
                    incident,
                    report,
                    reason,
                } => {
                    self.cluster_decisions.splits.push((
                        seq,
                        incident.clone(),
                        report.clone(),
                        reason.clone(),
                    ));
                    self.decisions.push(DecisionRecord {
                        seq,
                        kind: DecisionKind::Split,
                        reports: vec![report],
                        incident: Some(incident),
                        reason,
                        recorded_at,
                    });
                    decisions_changed = true;
                }
                EventPayload::MatchModelEstimated { model, .. } => {
                    // The model weighs every pair of the projection, the
                    // reports before it too: it is the analysis's best
                    // estimate as of this point of the log.
                    self.model_in_force = Some((seq, Arc::new(named_model(*model, seq))));
                    self.model_unstaged = true;
                }
            }
        }

        for id in &removed {
            let clustered_seq = self.reports.get(id).map(|entry| entry.seq);
            if clustered_seq.is_some_and(|seq| self.in_cluster.remove(&seq)) {
                self.cluster.stage_removal(id);
            }
        }
        for id in restrip {
            if pending.contains_key(&id) {
                continue;
            }
            if let Some(seq) = log.report_seq(&id)?
                && let Some(stored) = log.get(seq)?
                && let Ok(payload) = stored.decode()
                && let Some(report) = payload.report()
            {
                pending.insert(
                    id,
                    PendingReport {
                        seq,
                        event_hash: stored.hash.clone(),
                        report: report.clone(),
                        figures_superseded: true,
                    },
                );
            }
        }

        // Only reports still live at the end of the window are extracted and
        // clustered: a report ingested and retracted in the same window
        // never costs an extraction.
        let mut pending: Vec<PendingReport> = pending.into_values().collect();
        pending.sort_by_key(|report| report.seq);
        // Extracted and staged a chunk at a time: a window's reports are
        // cheap to hold, its extractions (and their cache encodings) are
        // not, and holding a whole window of them was the peak of a full
        // build (docs/BENCHMARKS.md, "Memory of the full build").
        //
        // A chunk is staged on a thread of its own while the next one is
        // extracted: staging is serial (the state is one), extraction is
        // parallel but for its reads and writes of the cache, and done one
        // after the other they left a core idle for much of a full build
        // (docs/BENCHMARKS.md, "The full build on both cores"). Chunks are
        // still staged in seq order, one at a time, so the state is the
        // same as staging them in turn.
        let mut pending = pending.into_iter();
        let mut extracted_before: Option<ExtractedChunk> = None;
        loop {
            let chunk: Vec<PendingReport> = pending.by_ref().take(EXTRACTION_CHUNK).collect();
            if chunk.is_empty() && extracted_before.is_none() {
                break;
            }
            let Projection {
                settings,
                cluster,
                reports,
                in_cluster,
                stats,
                ..
            } = self;
            let extracted = std::thread::scope(|scope| {
                let staging = extracted_before.take().map(|extracted| {
                    scope.spawn(move || stage_extracted(cluster, reports, in_cluster, extracted))
                });
                let extracted = if chunk.is_empty() {
                    Ok(None)
                } else {
                    extract_chunk(log, &settings.extractor, stats, chunk).map(Some)
                };
                if let Some(staging) = staging
                    && let Err(panic) = staging.join()
                {
                    std::panic::resume_unwind(panic);
                }
                extracted
            })?;
            extracted_before = extracted;
        }

        self.position = last_seq;
        self.position_hash = last_hash;
        self.position_recorded_at = Some(last_recorded_at);
        Ok(decisions_changed)
    }

    fn store_report(
        &mut self,
        seq: u64,
        recorded_at: DateTime<Utc>,
        supersedes: Option<String>,
        report: &Report,
    ) {
        self.reports
            .insert(ReportEntry::stored(seq, recorded_at, supersedes, report));
    }

    /// Starts over when the log is not the one replayed so far (shorter, or
    /// a different event at our position).
    fn restart_if_log_differs<L>(&mut self, log: &L) -> Result<(), ProjectError>
    where
        L: EventLog + ?Sized,
    {
        if self.position == 0 {
            return Ok(());
        }
        let same = log.len() >= self.position
            && log
                .get(self.position)?
                .is_some_and(|event| event.hash == self.position_hash);
        if !same {
            let settings = self.settings.clone();
            *self = Projection::new(settings);
        }
        Ok(())
    }

    /// The analyst decisions replayed so far, in log order.
    pub fn decisions(&self) -> &[DecisionRecord] {
        &self.decisions
    }

    /// What the projection knows of report `id` (live or not).
    pub fn report_entry(&self, id: &str) -> Option<&ReportEntry> {
        self.reports.get(id)
    }

    /// Live report ids, in id order.
    pub fn live_reports(&self) -> impl Iterator<Item = &str> {
        let mut ids: Vec<&str> = self
            .reports
            .iter()
            .filter(|entry| self.in_cluster.contains(&entry.seq))
            .map(|entry| entry.id.as_str())
            .collect();
        ids.sort_unstable();
        ids.into_iter()
    }

    /// Every report's entry as the projection keeps it, in log order
    /// (seq, then id), without its main incident: what a writer of a
    /// million rows reads in place of `report_entries`' copies.
    pub fn report_entries_in_order(&self) -> Vec<&ReportEntry> {
        let mut reports: Vec<&ReportEntry> = self.reports.iter().collect();
        reports.sort_by(|a, b| (a.seq, &a.id).cmp(&(b.seq, &b.id)));
        reports
    }

    /// Every report stored up to the position, in log order, each with the
    /// incident clustering put its main mention in.
    pub fn report_entries(&self) -> Vec<ReportEntry> {
        let mut reports: Vec<ReportEntry> = self
            .report_entries_in_order()
            .into_iter()
            .cloned()
            .collect();
        let mut main_incidents = self.cluster.main_mention_incidents();
        for entry in &mut reports {
            entry.main_incident = main_incidents.remove(&entry.seq);
        }
        reports
    }

    /// The state the views render.
    pub fn state(&self) -> ProjectedState {
        let reports = self.report_entries();
        let mut incidents = self.cluster.incidents();
        incidents.sort_by(|a, b| a.id.cmp(&b.id));
        ProjectedState {
            position: self.position,
            incidents,
            reports,
            decisions: self.decisions.clone(),
        }
    }
}

/// A chunk of reports with their extractions, in seq order, waiting to
/// be staged.
struct ExtractedChunk {
    chunk: Vec<PendingReport>,
    extractions: Vec<ExtractionWithDigest>,
}

/// Extracts `chunk` (cached where it can).
fn extract_chunk<L>(
    log: &L,
    extractor: &Extractor,
    stats: &mut ExtractionStats,
    chunk: Vec<PendingReport>,
) -> Result<ExtractedChunk, ProjectError>
where
    L: EventLog + ProjectionStore + ?Sized,
{
    let requests: Vec<ExtractionRequest<'_>> = chunk
        .iter()
        .map(|pending| ExtractionRequest {
            seq: pending.seq,
            event_hash: &pending.event_hash,
            report: &pending.report,
        })
        .collect();
    let extractions = extractions_and_digests_for(log, extractor, &requests, stats)?;
    drop(requests);
    Ok(ExtractedChunk { chunk, extractions })
}

/// Stages an extracted chunk into clustering, in seq order, and notes
/// each report's main event in its entry.
fn stage_extracted<C: Clusterer>(
    cluster: &mut C,
    reports: &mut entries::ReportEntries,
    in_cluster: &mut HashSet<u64>,
    extracted: ExtractedChunk,
) {
    let ExtractedChunk { chunk, extractions } = extracted;
    let mut inputs = Vec::with_capacity(chunk.len());
    for (pending, (extraction, digest)) in chunk.into_iter().zip(extractions) {
        if let Some(entry) = reports.get_mut(&pending.report.id) {
            entry.main_event = Some(main_event_summary(&extraction));
        }
        let extraction = if pending.figures_superseded {
            without_figures(extraction)
        } else {
            extraction
        };
        in_cluster.insert(pending.seq);
        inputs.push(ReportInput {
            seq: pending.seq,
            report: pending.report,
            extraction,
            digest,
        });
    }
    cluster.stage_reports(inputs);
}

impl Projection<ClusterState> {
    /// `build` to the head for a writer that writes the state once and
    /// drops it (a full build's read models): each block sheds what only
    /// clustering reads as soon as it is clustered
    /// (`ClusterState::settle_shedding_scoring_evidence`). Its incidents
    /// are those of `build`; it must not take more events.
    pub fn build_to_write<L>(log: &L, settings: ProjectionSettings) -> Result<Self, ProjectError>
    where
        L: EventLog + ProjectionStore + ?Sized,
    {
        let mut projection = Projection::<ClusterState>::new(settings);
        projection.apply_up_to(log, &AsOf::Head)?;
        // The log is read; what is built and written next needs none of
        // it (the head's hash and the model in force are known), so the
        // log store's memory is not held beside it.
        log.release_storage();
        projection.cluster.settle_shedding_scoring_evidence();
        Ok(projection)
    }

    /// `rebuild` (the extraction cache dropped) as `build_to_write`.
    pub fn rebuild_to_write<L>(log: &L, settings: ProjectionSettings) -> Result<Self, ProjectError>
    where
        L: EventLog + ProjectionStore + ?Sized,
    {
        log.clear_projection(EXTRACTION_NAMESPACE)?;
        Projection::build_to_write(log, settings)
    }
}

/// An event's payload, or the error that names the event and tells the
/// user to run `concord verify`.
fn decode_event(stored: &StoredEvent) -> Result<EventPayload, ProjectError> {
    stored
        .decode()
        .map_err(|source| ProjectError::UndecodableEvent {
            seq: stored.seq,
            source,
        })
}

/// What a report's entry tells of its main event (`ReportEntry::main_event`).
pub fn main_event_summary(extraction: &Extraction) -> MainEventSummary {
    MainEventSummary {
        date: extraction
            .main
            .date
            .as_ref()
            .and_then(|date| date.display()),
        place: extraction
            .main
            .place
            .as_ref()
            .map(|place| place.name.clone()),
        background: extraction
            .mentions
            .iter()
            .filter(|mention| mention.background)
            .filter_map(|mention| {
                Some((
                    mention.date.as_ref()?.display()?,
                    mention.place.as_ref()?.name.clone(),
                ))
            })
            .collect(),
    }
}

/// The state of `log` at `as_of` with the real clustering.
pub fn project<L>(
    log: &L,
    settings: ProjectionSettings,
    as_of: &AsOf,
) -> Result<ProjectedState, ProjectError>
where
    L: EventLog + ProjectionStore + ?Sized,
{
    Ok(Projection::<ClusterState>::build(log, settings, as_of)?.state())
}

/// The report stored under `id` and the seq and hash of the event that
/// stored it.
pub fn stored_report<L>(log: &L, id: &str) -> Result<Option<(u64, String, Report)>, ProjectError>
where
    L: EventLog + ?Sized,
{
    let Some(seq) = log.report_seq(id)? else {
        return Ok(None);
    };
    let Some(event) = log.get(seq)? else {
        return Ok(None);
    };
    let payload = decode_event(&event)?;
    Ok(payload
        .report()
        .cloned()
        .map(|report| (seq, event.hash.clone(), report)))
}

/// The live-or-not report `id` with its extraction (from the cache when
/// possible), ready for clustering functions such as `explain_pair`.
pub fn report_input<L>(
    log: &L,
    extractor: &Extractor,
    id: &str,
) -> Result<Option<ReportInput>, ProjectError>
where
    L: EventLog + ProjectionStore + ?Sized,
{
    let Some((seq, event_hash, report)) = stored_report(log, id)? else {
        return Ok(None);
    };
    let mut stats = ExtractionStats::default();
    let request = ExtractionRequest {
        seq,
        event_hash: &event_hash,
        report: &report,
    };
    let extraction =
        extractions_and_digests_for(log, extractor, std::slice::from_ref(&request), &mut stats)?
            .into_iter()
            .next();
    Ok(extraction.map(|(extraction, digest)| ReportInput {
        seq,
        report,
        extraction,
        digest,
    }))
}

/// The clustering inputs of stored reports, by the seq of the event that
/// stored each, with their extractions (from the cache when possible): the
/// members of the blocks a read model's catch-up clusters again. A member
/// whose figures a correction superseded (`figures_superseded`) enters
/// without them, as in a replay. Returned in the order asked.
pub fn report_inputs_at<L>(
    log: &L,
    extractor: &Extractor,
    members: &[(u64, bool)],
) -> Result<Vec<ReportInput>, ProjectError>
where
    L: EventLog + ProjectionStore + ?Sized,
{
    let mut events: Vec<(StoredEvent, bool)> = Vec::with_capacity(members.len());
    for &(seq, figures_superseded) in members {
        let Some(event) = log.get(seq)? else {
            return Err(ProjectError::MissingEvent { seq });
        };
        events.push((event, figures_superseded));
    }
    // Decoding the reports' texts is the cost; it is done in parallel.
    let stored: Vec<(u64, String, Report, bool)> = events
        .into_par_iter()
        .map(|(event, figures_superseded)| {
            let seq = event.seq;
            match decode_event(&event)? {
                EventPayload::ReportIngested { report }
                | EventPayload::ReportCorrected { report, .. } => {
                    Ok((seq, event.hash, report, figures_superseded))
                }
                _ => Err(ProjectError::MissingEvent { seq }),
            }
        })
        .collect::<Result<_, ProjectError>>()?;
    let requests: Vec<ExtractionRequest<'_>> = stored
        .iter()
        .map(|(seq, hash, report, _)| ExtractionRequest {
            seq: *seq,
            event_hash: hash,
            report,
        })
        .collect();
    let mut stats = ExtractionStats::default();
    let extractions = extractions_and_digests_for(log, extractor, &requests, &mut stats)?;
    drop(requests);
    Ok(stored
        .into_iter()
        .zip(extractions)
        .map(
            |((seq, _, report, figures_superseded), (extraction, digest))| ReportInput {
                seq,
                report,
                extraction: if figures_superseded {
                    without_figures(extraction)
                } else {
                    extraction
                },
                digest,
            },
        )
        .collect())
}

/// For every retraction or correction up to `upto`, the ids of the
/// incidents the removed report belonged to just before it was removed.
/// Audit uses this to show which removals shaped an incident; it costs one
/// replay plus one clustering per removal, so it is computed only on demand.
pub fn removal_footprints<C, L>(
    log: &L,
    settings: &ProjectionSettings,
    decisions: &[DecisionRecord],
    upto: u64,
) -> Result<BTreeMap<u64, Vec<Incident>>, ProjectError>
where
    C: Clusterer,
    L: EventLog + ProjectionStore + ?Sized,
{
    let mut footprints = BTreeMap::new();
    let mut projection = Projection::<C>::new(settings.clone());
    for decision in decisions {
        if decision.seq > upto || decision.seq == 0 {
            continue;
        }
        let removed = match decision.kind {
            DecisionKind::Retract => decision.reports.first(),
            DecisionKind::Correct => decision.reports.first(),
            DecisionKind::Link | DecisionKind::Split => None,
        };
        let Some(removed) = removed else { continue };
        projection.catch_up_to(log, &AsOf::Seq(decision.seq - 1))?;
        let before: Vec<Incident> = projection
            .cluster
            .incidents()
            .into_iter()
            .filter(|incident| incident.reports.iter().any(|report| report == removed))
            .collect();
        footprints.insert(decision.seq, before);
    }
    Ok(footprints)
}

/// The status of report `id` after every event of the log, read without
/// extracting or clustering anything (for validating decisions). `None`
/// when no event stored it.
pub fn report_status<L>(log: &L, id: &str) -> Result<Option<ReportStatus>, ProjectError>
where
    L: EventLog + ?Sized,
{
    let Some(stored_at) = log.report_seq(id)? else {
        return Ok(None);
    };
    let mut status = ReportStatus::Live;
    for item in log.range(stored_at + 1, log.len()) {
        if !status.is_live() {
            break;
        }
        let stored = item?;
        // Only a retraction or a correction changes a status: other events
        // (reports above all, whose texts are most of the log) are not
        // decoded.
        if stored.type_name != "ReportRetracted" && stored.type_name != "ReportCorrected" {
            continue;
        }
        let payload = decode_event(&stored)?;
        match payload {
            EventPayload::ReportRetracted { report, reason } if report == id => {
                status = ReportStatus::Retracted {
                    reason,
                    seq: stored.seq,
                };
            }
            EventPayload::ReportCorrected { supersedes, report } if supersedes == id => {
                status = ReportStatus::Superseded {
                    by: report.id,
                    seq: stored.seq,
                };
            }
            _ => {}
        }
    }
    Ok(Some(status))
}

/// A stored model named after the event that put it in force.
pub fn named_model(mut model: MatchModel, seq: u64) -> MatchModel {
    model.name = format!("estimated at event {seq} ({})", model.training.method);
    model
}

/// The match model in force after event `position` of the log (the
/// built-in model before any `MatchModelEstimated`), found through the
/// log's model index without a replay.
pub fn model_at<L>(log: &L, position: u64) -> Result<(Option<u64>, MatchModel), ProjectError>
where
    L: EventLog + ?Sized,
{
    let Some(seq) = log.model_seq_at_or_before(position)? else {
        return Ok((None, MatchModel::built_in()));
    };
    let Some(stored) = log.get(seq)? else {
        return Ok((None, MatchModel::built_in()));
    };
    match decode_event(&stored)? {
        EventPayload::MatchModelEstimated { model, .. } => {
            Ok((Some(seq), named_model(*model, seq)))
        }
        _ => Ok((None, MatchModel::built_in())),
    }
}
