//! Bringing a read model to a new head without a replay (issue 15).
//!
//! The common case after `ingest` (or `retract`, `link`, `split`) is a read
//! model a few events behind. A block's incidents are a function of the
//! block's members, the decisions and the model (src/cluster/mod.rs), so
//! only the blocks those events reach can change, and with them only their
//! days' parents and the rows of the reports they hold. A catch-up
//! therefore applies the events as a replay would (`Appended`), loads the
//! blocks reached whole (their members from the read model's block index,
//! each member's report from the log and its extraction from the cache),
//! clusters them with the new reports, and rewrites exactly what they
//! held: their incidents, their export order, their reports' rows and
//! leads, the changed entries and decisions. The result is what a full
//! replay writes, key for key (tests/issue_15_catch_up.rs).
//!
//! **One atomic batch**: everything a catch-up changes, the stamp and the
//! checkpoint's pre-images included, is one `read_model_write` (written by
//! `bring_up_to_date`), so a kill leaves either the old read model or the
//! new one, never a mix.
//!
//! What it declines (the caller replays instead, as before): a match
//! model (it weighs every pair of every block), a report id the read model
//! already holds, a report with no publication date (the undated block's
//! days reach every month), and a batch so large, or reaching blocks
//! holding so much of the store, that a replay is as cheap.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use crate::cluster::mention::{BlockKey, Period};
use crate::cluster::{ClusterState, Decisions, ReportInput};
use crate::incident::Incident;
use crate::log::{EventLog, EventPayload, ProjectionStore, ReadModelStore, StoredEvent};
use crate::project::{
    self, DecisionKind, DecisionRecord, ExtractionRequest, ExtractionStats, MainEventSummary,
    ProjectionSettings, ReportEntry, ReportStatus,
};
use crate::report::Report;
use crate::views::reports::{IncidentOutline, ReportRow, report_row};

use super::{
    BLOCK_INCIDENTS, BLOCK_MEMBERS, DECISIONS, INCIDENT, LEADS, MAIN_INCIDENT, READ_MODEL_VERSION,
    REPORT_ENTRY, REPORT_ROW, ReadModelError, ReadModelStamp, STAMP_KEY, block_part, computed_by,
    decode, encode, export_order_key, generation_key, hash_at,
};

/// New events a catch-up takes at least (more when the read model is big:
/// a quarter of its reports), and members it loads at least (more: half
/// the reports). Past that, most blocks are touched anyway and one replay
/// clusters them as fast as loading each, in less memory.
const CATCH_UP_MIN_EVENTS: u64 = 4096;

/// Members loaded and staged at a time.
const LOADING_CHUNK: usize = 4096;

/// What a catch-up did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaughtUp {
    pub position: u64,
    /// Events applied.
    pub events: u64,
    /// Blocks clustered again, and the reports they held before.
    pub blocks: u64,
    pub reloaded_reports: u64,
}

/// What a catch-up computed: every key it changes (the stamp included),
/// for the caller to write as one atomic batch (the head's read model,
/// with the checkpoint's pre-images) or to hold in memory (a view as of
/// an earlier event, `checkpoint::PastReadModel`).
pub(super) struct CatchUpPlan {
    pub(super) caught_up: CaughtUp,
    pub(super) writes: BTreeMap<Vec<u8>, Option<Vec<u8>>>,
}

/// A report the log appended after the read model's position.
struct NewReport {
    seq: u64,
    hash: String,
    report: Report,
}

/// The appended events as a replay applies them (`Projection::apply_window`,
/// read as one window: where windows end never changes a replay's result):
/// report statuses, decision records, and what enters or leaves clustering.
#[derive(Default)]
struct Appended {
    /// Every entry the events changed or added, by id.
    entries: BTreeMap<String, ReportEntry>,
    /// Ids the read model did not hold.
    new_ids: BTreeSet<String>,
    /// Reports to extract and stage, by id, and whether a correction in the
    /// same events superseded their figures.
    pending: BTreeMap<String, (NewReport, bool)>,
    /// Reports leaving clustering; of those, `restrip` come back without
    /// figures (a correction superseded them).
    removed: BTreeSet<String>,
    restrip: BTreeSet<String>,
    /// Every decision record: the read model's, then the new ones.
    decisions: Vec<DecisionRecord>,
    decisions_changed: bool,
    /// Reports a new link or split names: their blocks change.
    named: BTreeSet<String>,
}

impl Appended {
    /// The entry of `id`, as changed so far or as the read model holds it.
    fn entry<L>(
        &mut self,
        log: &L,
        generation: u64,
        id: &str,
    ) -> Result<Option<&mut ReportEntry>, ReadModelError>
    where
        L: ReadModelStore + ?Sized,
    {
        if !self.entries.contains_key(id) {
            let entry_key = generation_key(generation, REPORT_ENTRY, id.as_bytes());
            let Some(bytes) = log.read_model_get(&entry_key)? else {
                return Ok(None);
            };
            let entry: ReportEntry = decode(&entry_key, &bytes)?;
            self.entries.insert(id.to_string(), entry);
        }
        Ok(self.entries.get_mut(id))
    }

    /// Stores a newly appended report; `false` when catching up cannot take
    /// it (its id is already stored, or it has no publication date and so
    /// falls in the undated block, whose days reach every month).
    fn store<L>(
        &mut self,
        log: &L,
        generation: u64,
        stored: &StoredEvent,
        supersedes: Option<String>,
        report: Report,
    ) -> Result<bool, ReadModelError>
    where
        L: ReadModelStore + ?Sized,
    {
        if report.published.is_none() || self.entry(log, generation, &report.id)?.is_some() {
            return Ok(false);
        }
        self.new_ids.insert(report.id.clone());
        self.entries.insert(
            report.id.clone(),
            ReportEntry::stored(stored.seq, stored.recorded_at, supersedes, &report),
        );
        self.pending.insert(
            report.id.clone(),
            (
                NewReport {
                    seq: stored.seq,
                    hash: stored.hash.clone(),
                    report,
                },
                false,
            ),
        );
        Ok(true)
    }

    fn record(
        &mut self,
        stored: &StoredEvent,
        kind: DecisionKind,
        reports: Vec<String>,
        incident: Option<String>,
        reason: String,
    ) {
        self.decisions.push(DecisionRecord {
            seq: stored.seq,
            kind,
            reports,
            incident,
            reason,
            recorded_at: stored.recorded_at,
        });
        self.decisions_changed = true;
    }

    /// Applies one event; `false` when catching up cannot take it.
    fn apply<L>(
        &mut self,
        log: &L,
        generation: u64,
        stored: &StoredEvent,
    ) -> Result<bool, ReadModelError>
    where
        L: ReadModelStore + ?Sized,
    {
        // An event that cannot be read is the replay's to report.
        let Ok(payload) = stored.decode() else {
            return Ok(false);
        };
        match payload {
            EventPayload::ReportIngested { report } => {
                return self.store(log, generation, stored, None, report);
            }
            EventPayload::ReportCorrected { supersedes, report } => {
                let by = report.id.clone();
                if let Some(old) = self.entry(log, generation, &supersedes)?
                    && old.status.is_live()
                {
                    old.status = ReportStatus::Superseded {
                        by: by.clone(),
                        seq: stored.seq,
                    };
                    match self.pending.get_mut(&supersedes) {
                        Some(pending) => pending.1 = true,
                        None => {
                            self.removed.insert(supersedes.clone());
                            self.restrip.insert(supersedes.clone());
                        }
                    }
                }
                let reason = format!("{by} corrects {supersedes}");
                self.record(
                    stored,
                    DecisionKind::Correct,
                    vec![supersedes.clone(), by],
                    None,
                    reason,
                );
                return self.store(log, generation, stored, Some(supersedes), report);
            }
            EventPayload::ReportRetracted { report, reason } => {
                if let Some(entry) = self.entry(log, generation, &report)?
                    && entry.status.is_live()
                {
                    entry.status = ReportStatus::Retracted {
                        reason: reason.clone(),
                        seq: stored.seq,
                    };
                    entry.main_event = None;
                }
                self.pending.remove(&report);
                self.restrip.remove(&report);
                self.removed.insert(report.clone());
                self.record(stored, DecisionKind::Retract, vec![report], None, reason);
            }
            EventPayload::ReportsLinked { a, b, reason } => {
                self.named.insert(a.clone());
                self.named.insert(b.clone());
                self.record(stored, DecisionKind::Link, vec![a, b], None, reason);
            }
            EventPayload::ReportSplit {
                incident,
                report,
                reason,
            } => {
                self.named.insert(report.clone());
                self.record(
                    stored,
                    DecisionKind::Split,
                    vec![report],
                    Some(incident),
                    reason,
                );
            }
            // A model weighs every pair of every block.
            EventPayload::MatchModelEstimated { .. } => return Ok(false),
        }
        Ok(true)
    }
}

/// Brings the read model stamped `stamp` (current in every respect but its
/// position) to the head of `log`, or returns `None` when this case is one
/// it declines (see the module's comment) and nothing was written.
pub(super) fn catch_up<L>(
    log: &L,
    settings: &ProjectionSettings,
    stamp: &ReadModelStamp,
) -> Result<Option<CatchUpPlan>, ReadModelError>
where
    L: EventLog + ProjectionStore + ReadModelStore + ?Sized,
{
    let head = log.len();
    let generation = stamp.generation;
    let key = |kind: u8, rest: &[u8]| generation_key(generation, kind, rest);
    if head <= stamp.position || head - stamp.position > CATCH_UP_MIN_EVENTS.max(stamp.reports / 4)
    {
        return Ok(None);
    }
    let undated = BlockKey {
        period: Period::Undated,
    };
    if log
        .read_model_scan(&key(BLOCK_MEMBERS, &block_part(&undated.index_name(), &[])))
        .next()
        .is_some()
    {
        return Ok(None);
    }

    // The events, applied as a replay applies them.
    let decision_key = key(DECISIONS, &[]);
    let mut appended = Appended {
        decisions: match log.read_model_get(&decision_key)? {
            Some(bytes) => decode(&decision_key, &bytes)?,
            None => return Err(missing(&decision_key)),
        },
        ..Appended::default()
    };
    for item in log.range(stamp.position + 1, head) {
        if !appended.apply(log, generation, &item?)? {
            return Ok(None);
        }
    }

    // The reports that enter clustering, extracted; those already in it
    // whose membership changes (retracted, superseded, named by a new
    // decision), as they were staged and as they will be.
    let pending: Vec<(NewReport, bool)> = std::mem::take(&mut appended.pending)
        .into_values()
        .collect();
    let new_inputs = extract_new_reports(log, settings, &pending)?;
    for ((new, _), (_, summary)) in pending.iter().zip(&new_inputs) {
        if let Some(entry) = appended.entries.get_mut(&new.report.id) {
            entry.main_event = Some(summary.clone());
        }
    }
    // Clustering under all the decisions and the model in force at the
    // head. The new reports are staged first: staging finds their blocks.
    let mut state = ClusterState::new(settings.cluster.clone());
    let (_, model) = project::model_at(log, head)?;
    state.stage_model(Arc::new(model));
    state.set_decisions(cluster_decisions(&appended.decisions));
    let new_seqs: Vec<u64> = new_inputs.iter().map(|(input, _)| input.seq).collect();
    state.stage_reports(new_inputs.into_iter().map(|(input, _)| input));
    let mut touched: BTreeSet<BlockKey> = state
        .blocks_of_reports(new_seqs)
        .into_iter()
        .flat_map(|(_, blocks)| blocks)
        .collect();
    // Reports already clustered whose membership changes: their blocks as
    // they were staged and as they will be (with and without figures).
    let mut changed_members: Vec<(u64, bool)> = Vec::new();
    let changing: Vec<String> = appended
        .removed
        .iter()
        .chain(&appended.named)
        .filter(|id| !appended.new_ids.contains(*id))
        .cloned()
        .collect();
    for id in &changing {
        if let Some(entry) = appended.entry(log, generation, id)? {
            changed_members.push((entry.seq, false));
        }
    }
    for input in project::report_inputs_at(log, &settings.extractor, &changed_members)? {
        touched.extend(ClusterState::blocks_of(&input));
        let stripped = ReportInput {
            extraction: project::without_figures(input.extraction.clone()),
            ..input
        };
        touched.extend(ClusterState::blocks_of(&stripped));
    }
    if touched.iter().any(BlockKey::is_undated) {
        return Ok(None);
    }

    // The touched blocks' members, but those leaving clustering, with
    // their entries as the events left them.
    let leaving: BTreeSet<&str> = appended
        .removed
        .iter()
        .filter(|id| !appended.restrip.contains(*id))
        .map(String::as_str)
        .collect();
    let mut members = members_before(log, generation, &touched)?;
    members.retain(|_, entry| !leaving.contains(entry.id.as_str()));
    for entry in members.values_mut() {
        if let Some(changed) = appended.entries.get(&entry.id) {
            *entry = changed.clone();
        }
    }
    // Blocks holding most of the store: loading them costs what a replay
    // does, and holding their new incidents at once costs more.
    if members.len() as u64 > CATCH_UP_MIN_EVENTS.max(stamp.reports / 2) {
        return Ok(None);
    }
    let loading: Vec<(u64, bool)> = members
        .iter()
        .map(|(&seq, entry)| {
            let superseded = matches!(entry.status, ReportStatus::Superseded { .. });
            (seq, superseded)
        })
        .collect();

    // The touched blocks clustered afresh. A chunk of members at a time: only a chunk's texts and extractions
    // are held, the rest is what clustering keeps of each.
    for chunk in loading.chunks(LOADING_CHUNK) {
        state.stage_reports(project::report_inputs_at(log, &settings.extractor, chunk)?);
    }
    state.settle_only(&touched);

    let catalog = state.catalog();
    let mut incidents: Vec<(String, Incident)> = Vec::new();
    for entry in catalog.entries() {
        if let Some(incident) = catalog.incident(&entry.slot) {
            incidents.push((entry.block.index_name(), incident));
        }
    }
    incidents.sort_by(|a, b| a.1.id.cmp(&b.1.id));

    // Every report whose row may change: the touched blocks' members, the
    // new ones, and those the events changed (a retracted report leaves
    // its incidents). Each one's lead: where clustering put its main
    // mention, when that lies in a touched block; none for a report no
    // longer clustered; unchanged otherwise.
    let mut rows_of: BTreeMap<u64, ReportEntry> = members;
    for entry in appended.entries.values() {
        rows_of.insert(entry.seq, entry.clone());
    }
    let main_incidents = state.main_mention_incidents();
    let mut entries: Vec<ReportEntry> = Vec::with_capacity(rows_of.len());
    for (seq, mut entry) in rows_of {
        entry.main_incident = match state.main_block_of_report(seq) {
            Some(block) if touched.contains(&block) => {
                main_incidents.get(&seq).map(|id| id.to_string())
            }
            None if leaving.contains(entry.id.as_str()) || appended.new_ids.contains(&entry.id) => {
                None
            }
            _ => log
                .read_model_get(&key(MAIN_INCIDENT, &seq.to_be_bytes()))?
                .map(|id| String::from_utf8_lossy(&id).into_owned()),
        };
        entries.push(entry);
    }

    let old_incidents = shown_before(log, generation, &touched)?;
    let mut writes: BTreeMap<Vec<u8>, Option<Vec<u8>>> = BTreeMap::new();
    for (id, (index_key, date)) in &old_incidents {
        writes.insert(index_key.clone(), None);
        writes.insert(key(INCIDENT, id.as_bytes()), None);
        writes.insert(key(LEADS, id.as_bytes()), None);
        writes.insert(export_order_key(generation, date, id), None);
    }

    // Leads of the incidents shown now: every report leading with one of
    // them has its main mention in a touched block, so is in `entries`.
    let shown_now: BTreeSet<&str> = incidents.iter().map(|(_, i)| i.id.as_str()).collect();
    let mut leads_now: HashMap<&str, usize> = HashMap::new();
    for entry in &entries {
        if let Some(main) = entry.main_incident.as_deref()
            && shown_now.contains(main)
        {
            *leads_now.entry(main).or_insert(0) += 1;
        }
    }
    for (block, incident) in &incidents {
        writes.insert(
            key(INCIDENT, incident.id.as_bytes()),
            Some(encode(incident)?),
        );
        writes.insert(
            export_order_key(generation, &incident.date, &incident.id),
            Some(Vec::new()),
        );
        writes.insert(
            key(BLOCK_INCIDENTS, &block_part(block, incident.id.as_bytes())),
            Some(incident.date.as_bytes().to_vec()),
        );
        if let Some(leads) = leads_now.get(incident.id.as_str()) {
            writes.insert(
                key(LEADS, incident.id.as_bytes()),
                Some(leads.to_string().into_bytes()),
            );
        }
    }

    rewrite_rows(
        log,
        generation,
        &entries,
        &incidents,
        &old_incidents,
        &leads_now,
        &mut writes,
    )?;

    // The entries the events changed, the decisions, and the block index
    // of every report whose membership changed (all within `touched`).
    for entry in appended.entries.values() {
        writes.insert(key(REPORT_ENTRY, entry.id.as_bytes()), Some(encode(entry)?));
    }
    if appended.decisions_changed {
        writes.insert(decision_key, Some(encode(&appended.decisions)?));
    }
    let mut moved: BTreeMap<u64, &str> = BTreeMap::new();
    for id in appended.removed.iter().chain(&appended.new_ids) {
        if let Some(entry) = appended.entries.get(id) {
            moved.insert(entry.seq, entry.id.as_str());
        }
    }
    for &seq in moved.keys() {
        for block in &touched {
            writes.insert(
                key(
                    BLOCK_MEMBERS,
                    &block_part(&block.index_name(), &seq.to_be_bytes()),
                ),
                None,
            );
        }
    }
    for (seq, blocks) in state.blocks_of_reports(moved.keys().copied()) {
        let Some(id) = moved.get(&seq) else {
            continue;
        };
        for block in blocks {
            writes.insert(
                key(
                    BLOCK_MEMBERS,
                    &block_part(&block.index_name(), &seq.to_be_bytes()),
                ),
                Some(id.as_bytes().to_vec()),
            );
        }
    }

    let new_count = appended.new_ids.len() as u64;
    let position_hash = hash_at(log, head)?;
    let new_stamp = ReadModelStamp {
        version: READ_MODEL_VERSION.to_string(),
        generation,
        position: head,
        position_hash,
        computed_by: computed_by(settings),
        incidents: (stamp.incidents + incidents.len() as u64)
            .saturating_sub(old_incidents.len() as u64),
        reports: stamp.reports + new_count,
    };
    writes.insert(STAMP_KEY.to_vec(), Some(encode(&new_stamp)?));
    Ok(Some(CatchUpPlan {
        caught_up: CaughtUp {
            position: head,
            events: head - stamp.position,
            blocks: touched.len() as u64,
            reloaded_reports: loading.len() as u64,
        },
        writes,
    }))
}

/// The reports holding a mention in the touched blocks, by seq, with
/// their entries.
fn members_before<L>(
    log: &L,
    generation: u64,
    touched: &BTreeSet<BlockKey>,
) -> Result<BTreeMap<u64, ReportEntry>, ReadModelError>
where
    L: ReadModelStore + ?Sized,
{
    let mut members: BTreeMap<u64, ReportEntry> = BTreeMap::new();
    for block in touched {
        for item in scan_block(log, generation, BLOCK_MEMBERS, block) {
            let (member_key, _, id) = item?;
            let Some(seq) = seq_suffix(&member_key) else {
                return Err(corrupt_index(&member_key));
            };
            if members.contains_key(&seq) {
                continue;
            }
            let entry_key = generation_key(generation, REPORT_ENTRY, &id);
            let entry: ReportEntry = match log.read_model_get(&entry_key)? {
                Some(bytes) => decode(&entry_key, &bytes)?,
                None => return Err(missing(&entry_key)),
            };
            members.insert(seq, entry);
        }
    }
    Ok(members)
}

/// One entry of a block index: the key, the part of it after the block's
/// name, and the value.
type BlockIndexEntry = (Vec<u8>, Vec<u8>, Vec<u8>);

/// The entries of one block in a block index (`kind`).
fn scan_block<'a, L>(
    log: &'a L,
    generation: u64,
    kind: u8,
    block: &BlockKey,
) -> impl Iterator<Item = Result<BlockIndexEntry, ReadModelError>> + 'a
where
    L: ReadModelStore + ?Sized,
{
    let prefix = generation_key(generation, kind, &block_part(&block.index_name(), &[]));
    let prefix_length = prefix.len();
    log.read_model_scan(&prefix).map(move |item| {
        let (key, value) = item?;
        let rest = key[prefix_length..].to_vec();
        Ok((key, rest, value))
    })
}

/// The incidents the touched blocks showed: id to (index key, date).
fn shown_before<L>(
    log: &L,
    generation: u64,
    touched: &BTreeSet<BlockKey>,
) -> Result<BTreeMap<String, (Vec<u8>, String)>, ReadModelError>
where
    L: ReadModelStore + ?Sized,
{
    let mut shown: BTreeMap<String, (Vec<u8>, String)> = BTreeMap::new();
    for block in touched {
        for item in scan_block(log, generation, BLOCK_INCIDENTS, block) {
            let (index_key, id, date) = item?;
            let id = String::from_utf8_lossy(&id).into_owned();
            shown.insert(id, (index_key, String::from_utf8_lossy(&date).into_owned()));
        }
    }
    Ok(shown)
}

/// Writes the row and the lead of every report the touched blocks hold
/// (`entries`): their incidents there are the new ones (`incidents`), their
/// others, in untouched blocks, are read back as they were, with their
/// leads.
fn rewrite_rows<L>(
    log: &L,
    generation: u64,
    entries: &[ReportEntry],
    incidents: &[(String, Incident)],
    old_incidents: &BTreeMap<String, (Vec<u8>, String)>,
    leads_now: &HashMap<&str, usize>,
    writes: &mut BTreeMap<Vec<u8>, Option<Vec<u8>>>,
) -> Result<(), ReadModelError>
where
    L: ReadModelStore + ?Sized,
{
    let key = |kind: u8, rest: &[u8]| generation_key(generation, kind, rest);
    let outlines_now: Vec<IncidentOutline> = incidents
        .iter()
        .map(|(_, incident)| IncidentOutline::of(incident))
        .collect();
    let mut held_now: HashMap<&str, Vec<&IncidentOutline>> = HashMap::new();
    for outline in &outlines_now {
        for report in &outline.reports {
            let held = held_now.entry(report.as_str()).or_default();
            if held.last().is_none_or(|last| last.id != outline.id) {
                held.push(outline);
            }
        }
    }
    let mut untouched_outlines: HashMap<String, (IncidentOutline, usize)> = HashMap::new();
    for entry in entries {
        let row_key = row_key(generation, entry);
        let mut untouched: Vec<String> = Vec::new();
        if let Some(bytes) = log.read_model_get(&row_key)? {
            let old_row: ReportRow = decode(&row_key, &bytes)?;
            untouched = old_row
                .incidents
                .into_iter()
                .filter(|id| !old_incidents.contains_key(id))
                .collect();
        }
        for id in &untouched {
            if untouched_outlines.contains_key(id) {
                continue;
            }
            let incident_key = key(INCIDENT, id.as_bytes());
            let incident: Incident = match log.read_model_get(&incident_key)? {
                Some(bytes) => decode(&incident_key, &bytes)?,
                None => return Err(missing(&incident_key)),
            };
            let leads = match log.read_model_get(&key(LEADS, id.as_bytes()))? {
                Some(bytes) => String::from_utf8_lossy(&bytes).parse().unwrap_or(0),
                None => 0,
            };
            untouched_outlines.insert(id.clone(), (IncidentOutline::of(&incident), leads));
        }
        let mut containing: Vec<&IncidentOutline> =
            held_now.get(entry.id.as_str()).cloned().unwrap_or_default();
        containing.extend(
            untouched
                .iter()
                .filter_map(|id| untouched_outlines.get(id).map(|(outline, _)| outline)),
        );
        containing.sort_by(|a, b| a.id.cmp(&b.id));
        containing.dedup_by(|a, b| a.id == b.id);
        let leads = |id: &str| -> usize {
            leads_now
                .get(id)
                .copied()
                .or_else(|| untouched_outlines.get(id).map(|(_, leads)| *leads))
                .unwrap_or(0)
        };
        let row = report_row(entry, entry.main_incident.as_deref(), &containing, &leads);
        writes.insert(row_key, Some(encode(&row)?));
        let main_key = key(MAIN_INCIDENT, &entry.seq.to_be_bytes());
        writes.insert(
            main_key,
            entry
                .main_incident
                .as_ref()
                .map(|id| id.as_bytes().to_vec()),
        );
    }

    Ok(())
}

/// The pending reports' clustering inputs (without figures where a
/// correction superseded them) and the summaries of their main events.
fn extract_new_reports<L>(
    log: &L,
    settings: &ProjectionSettings,
    pending: &[(NewReport, bool)],
) -> Result<Vec<(ReportInput, MainEventSummary)>, ReadModelError>
where
    L: ProjectionStore + ?Sized,
{
    let requests: Vec<ExtractionRequest<'_>> = pending
        .iter()
        .map(|(new, _)| ExtractionRequest {
            seq: new.seq,
            event_hash: &new.hash,
            report: &new.report,
        })
        .collect();
    let mut stats = ExtractionStats::default();
    let extractions = project::cache::extractions_and_digests_for(
        log,
        &settings.extractor,
        &requests,
        &mut stats,
    )?;
    Ok(pending
        .iter()
        .zip(extractions)
        .map(|((new, figures_superseded), (extraction, digest))| {
            let summary = project::main_event_summary(&extraction);
            let extraction = if *figures_superseded {
                project::without_figures(extraction)
            } else {
                extraction
            };
            let input = ReportInput {
                seq: new.seq,
                report: new.report.clone(),
                extraction,
                digest,
            };
            (input, summary)
        })
        .collect())
}

/// Clustering's decisions from the decision records, as a replay builds
/// them (links and splits, in log order).
fn cluster_decisions(records: &[DecisionRecord]) -> Decisions {
    let mut decisions = Decisions::default();
    for record in records {
        match record.kind {
            DecisionKind::Link => {
                if let [a, b] = record.reports.as_slice() {
                    decisions
                        .links
                        .push((record.seq, a.clone(), b.clone(), record.reason.clone()));
                }
            }
            DecisionKind::Split => {
                if let (Some(incident), Some(report)) = (&record.incident, record.reports.first()) {
                    decisions.splits.push((
                        record.seq,
                        incident.clone(),
                        report.clone(),
                        record.reason.clone(),
                    ));
                }
            }
            DecisionKind::Retract | DecisionKind::Correct => {}
        }
    }
    decisions
}

fn row_key(generation: u64, entry: &ReportEntry) -> Vec<u8> {
    let mut rest = entry.seq.to_be_bytes().to_vec();
    rest.extend_from_slice(entry.id.as_bytes());
    generation_key(generation, REPORT_ROW, &rest)
}

/// The seq that ends a block-member key.
fn seq_suffix(key: &[u8]) -> Option<u64> {
    let bytes: [u8; 8] = key.get(key.len().checked_sub(8)?..)?.try_into().ok()?;
    Some(u64::from_be_bytes(bytes))
}

fn missing(key: &[u8]) -> ReadModelError {
    ReadModelError::Missing {
        key: String::from_utf8_lossy(key).into_owned(),
    }
}

fn corrupt_index(key: &[u8]) -> ReadModelError {
    ReadModelError::Missing {
        key: format!(
            "a report seq at the end of {}",
            String::from_utf8_lossy(key)
        ),
    }
}
