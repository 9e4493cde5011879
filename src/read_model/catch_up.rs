//! Bringing a read model to a new head without a replay (issue 15).
//!
//! The common case after `ingest` is a read model one batch of
//! `ReportIngested` events behind. A block's incidents are a function of
//! the block's members, the decisions and the model (src/cluster/mod.rs),
//! so only the blocks the new reports fall in can change, and with them
//! only their days' parents and the rows of their members. A catch-up
//! therefore loads those blocks whole (their members from the read model's
//! block index, each member's report from the log and its extraction from
//! the cache), clusters them with the new reports, and rewrites exactly
//! what they held: their incidents, their export order, their members'
//! rows and leads. The result is what a full replay writes, key for key
//! (tests/issue_15_read_models.rs compares every view with a replay after
//! every catch-up).
//!
//! **One atomic batch**: everything a catch-up changes, the stamp
//! included, is one `read_model_write`, so a kill leaves either the old
//! read model or the new one, never a mix.
//!
//! What it declines (the caller replays instead, as before): any event
//! other than `ReportIngested` (a correction, retraction, decision or model
//! changes more than the new reports' blocks), a report id the read model
//! already holds, a report with no publication date (the undated block's
//! days reach every month), and a batch so large, or falling in blocks
//! holding so much of the store, that a replay is as cheap.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::cluster::mention::BlockKey;
use crate::cluster::{ClusterState, Decisions, ReportInput};
use crate::incident::Incident;
use crate::log::{EventLog, EventPayload, ProjectionStore, ReadModelStore};
use crate::project::{
    self, DecisionKind, DecisionRecord, ExtractionRequest, ExtractionStats, ProjectionSettings,
    ReportEntry, ReportStatus,
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
    pub new_reports: u64,
    /// Blocks clustered again, and the reports they held before.
    pub blocks: u64,
    pub reloaded_reports: u64,
}

/// A report the log appended after the read model's position.
struct NewReport {
    seq: u64,
    recorded_at: DateTime<Utc>,
    hash: String,
    report: Report,
}

/// Brings the read model stamped `stamp` (current in every respect but its
/// position) to the head of `log`, or returns `None` when this case is one
/// it declines (see the module's comment) and nothing was written.
pub(super) fn catch_up<L>(
    log: &L,
    settings: &ProjectionSettings,
    stamp: &ReadModelStamp,
) -> Result<Option<CaughtUp>, ReadModelError>
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
    let Some(new_reports) = appended_reports(log, stamp.position, head)? else {
        return Ok(None);
    };
    for new in &new_reports {
        if new.report.published.is_none()
            || log
                .read_model_get(&key(REPORT_ENTRY, new.report.id.as_bytes()))?
                .is_some()
        {
            return Ok(None);
        }
    }
    if log
        .read_model_scan(&key(BLOCK_MEMBERS, &block_part("U", &[])))
        .next()
        .is_some()
    {
        return Ok(None);
    }

    let new_inputs = extract_new_reports(log, settings, &new_reports)?;
    let mut touched: BTreeSet<BlockKey> = BTreeSet::new();
    for input in &new_inputs {
        touched.extend(ClusterState::blocks_of(input));
    }
    if touched.iter().any(BlockKey::is_undated) {
        return Ok(None);
    }

    // The touched blocks' members before, with their entries.
    let mut old_members: BTreeMap<u64, ReportEntry> = BTreeMap::new();
    for block in &touched {
        let prefix = key(BLOCK_MEMBERS, &block_part(&block.index_name(), &[]));
        for item in log.read_model_scan(&prefix) {
            let (member_key, id) = item?;
            let Some(seq) = seq_suffix(&member_key) else {
                return Err(corrupt_index(&member_key));
            };
            if old_members.contains_key(&seq) {
                continue;
            }
            let id = String::from_utf8_lossy(&id).into_owned();
            let entry_key = key(REPORT_ENTRY, id.as_bytes());
            let entry: ReportEntry = match log.read_model_get(&entry_key)? {
                Some(bytes) => decode(&entry_key, &bytes)?,
                None => return Err(missing(&entry_key)),
            };
            old_members.insert(seq, entry);
        }
    }
    // Blocks holding most of the store: loading them costs what a replay
    // does, and holding their new incidents at once costs more.
    if old_members.len() as u64 > CATCH_UP_MIN_EVENTS.max(stamp.reports / 2) {
        return Ok(None);
    }
    let loading: Vec<(u64, bool)> = old_members
        .iter()
        .map(|(&seq, entry)| {
            let superseded = matches!(entry.status, ReportStatus::Superseded { .. });
            (seq, superseded)
        })
        .collect();

    // The touched blocks clustered afresh, with the decisions and the model
    // in force at the head.
    let decision_key = key(DECISIONS, &[]);
    let decisions: Vec<DecisionRecord> = match log.read_model_get(&decision_key)? {
        Some(bytes) => decode(&decision_key, &bytes)?,
        None => return Err(missing(&decision_key)),
    };
    let mut state = ClusterState::new(settings.cluster.clone());
    let (_, model) = project::model_at(log, head)?;
    state.stage_model(Arc::new(model));
    state.set_decisions(cluster_decisions(&decisions));
    let mut new_entries: Vec<ReportEntry> = new_reports
        .iter()
        .zip(&new_inputs)
        .map(|(new, input)| new_entry(new, input))
        .collect();
    // A chunk of members at a time: only a chunk's texts and extractions
    // are held, the rest is what clustering keeps of each.
    for chunk in loading.chunks(LOADING_CHUNK) {
        state.stage_reports(project::report_inputs_at(log, &settings.extractor, chunk)?);
    }
    state.stage_reports(new_inputs);
    state.settle_only(&touched);

    let catalog = state.catalog();
    let mut incidents: Vec<(String, Incident)> = Vec::new();
    for entry in catalog.entries() {
        if let Some(incident) = catalog.incident(&entry.slot) {
            incidents.push((entry.block.index_name(), incident));
        }
    }
    incidents.sort_by(|a, b| a.1.id.cmp(&b.1.id));

    // Each reloaded or new report's lead, where its main mention lies in a
    // touched block; elsewhere it is unchanged.
    let main_incidents = state.main_mention_incidents();
    let leads_here_now = |seq: u64| -> Option<Option<String>> {
        let block = state.main_block_of_report(seq)?;
        touched
            .contains(&block)
            .then(|| main_incidents.get(&seq).map(|id| id.to_string()))
    };
    let mut entries: Vec<ReportEntry> = Vec::with_capacity(old_members.len() + new_entries.len());
    for (seq, mut entry) in std::mem::take(&mut old_members) {
        entry.main_incident = match leads_here_now(seq) {
            Some(main) => main,
            None => log
                .read_model_get(&key(MAIN_INCIDENT, &seq.to_be_bytes()))?
                .map(|id| String::from_utf8_lossy(&id).into_owned()),
        };
        entries.push(entry);
    }
    for entry in &mut new_entries {
        entry.main_incident = leads_here_now(entry.seq).flatten();
    }
    entries.append(&mut new_entries);

    // What the touched blocks showed before.
    let mut old_incidents: BTreeMap<String, (Vec<u8>, String)> = BTreeMap::new();
    for block in &touched {
        let prefix = key(BLOCK_INCIDENTS, &block_part(&block.index_name(), &[]));
        for item in log.read_model_scan(&prefix) {
            let (index_key, date) = item?;
            let id = String::from_utf8_lossy(&index_key[prefix.len()..]).into_owned();
            old_incidents.insert(id, (index_key, String::from_utf8_lossy(&date).into_owned()));
        }
    }

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

    // Rows of every report the touched blocks hold: their incidents there
    // are new, the others (in untouched blocks) read back as they were.
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
    for entry in &entries {
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
        let row = report_row(entry, &containing, &leads);
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

    // The new reports: their entries and their place in the block index.
    let new_count = new_reports.len() as u64;
    for entry in entries.iter().filter(|entry| entry.seq > stamp.position) {
        writes.insert(key(REPORT_ENTRY, entry.id.as_bytes()), Some(encode(entry)?));
    }
    for (seq, blocks) in state.report_blocks(stamp.position) {
        let Some(entry) = entries.iter().find(|entry| entry.seq == seq) else {
            continue;
        };
        for block in blocks {
            writes.insert(
                key(
                    BLOCK_MEMBERS,
                    &block_part(&block.index_name(), &seq.to_be_bytes()),
                ),
                Some(entry.id.as_bytes().to_vec()),
            );
        }
    }

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
    log.read_model_write(writes.into_iter().collect())?;
    log.read_model_make_durable()?;
    Ok(Some(CaughtUp {
        position: head,
        new_reports: new_count,
        blocks: touched.len() as u64,
        reloaded_reports: loading.len() as u64,
    }))
}

/// The reports stored by events `after + 1 ..= head`, or `None` when any of
/// those events is something else (or cannot be read: the replay then
/// reports it).
fn appended_reports<L>(
    log: &L,
    after: u64,
    head: u64,
) -> Result<Option<Vec<NewReport>>, ReadModelError>
where
    L: EventLog + ?Sized,
{
    let mut reports = Vec::new();
    let mut ids: BTreeSet<String> = BTreeSet::new();
    for item in log.range(after + 1, head) {
        let stored = item?;
        let Ok(EventPayload::ReportIngested { report }) = stored.decode() else {
            return Ok(None);
        };
        if !ids.insert(report.id.clone()) {
            return Ok(None);
        }
        reports.push(NewReport {
            seq: stored.seq,
            recorded_at: stored.recorded_at,
            hash: stored.hash.clone(),
            report,
        });
    }
    Ok(Some(reports))
}

fn extract_new_reports<L>(
    log: &L,
    settings: &ProjectionSettings,
    new_reports: &[NewReport],
) -> Result<Vec<ReportInput>, ReadModelError>
where
    L: ProjectionStore + ?Sized,
{
    let requests: Vec<ExtractionRequest<'_>> = new_reports
        .iter()
        .map(|new| ExtractionRequest {
            seq: new.seq,
            event_hash: &new.hash,
            report: &new.report,
        })
        .collect();
    let mut stats = ExtractionStats::default();
    let extractions =
        project::cache::extractions_for(log, &settings.extractor, &requests, &mut stats)?;
    Ok(new_reports
        .iter()
        .zip(extractions)
        .map(|(new, extraction)| ReportInput {
            seq: new.seq,
            report: new.report.clone(),
            extraction,
        })
        .collect())
}

/// The entry a replay gives a newly ingested report (its lead is filled
/// in once clustered).
fn new_entry(new: &NewReport, input: &ReportInput) -> ReportEntry {
    ReportEntry {
        id: new.report.id.clone(),
        seq: new.seq,
        recorded_at: new.recorded_at,
        outlet: new.report.outlet.clone(),
        published: new.report.published,
        title: new.report.title.clone(),
        url: new.report.url.clone(),
        supersedes: None,
        status: ReportStatus::Live,
        main_event: Some(project::main_event_summary(&input.extraction)),
        main_incident: None,
    }
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
