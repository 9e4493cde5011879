//! Read models (issue 15): the views' answers persisted beside the log, so
//! that `show`, `audit`, `incidents`, `reports` and `export` answer by
//! lookup instead of replaying every event first.
//!
//! The log stays the only truth. A read model is a projection written down:
//! one *generation* of keys, stamped with the log position (and the hash of
//! the event there) it reflects and with what computed it (this build's
//! source fingerprint, the extractor version, the reconciliation policy).
//! A view reads the read model only when its stamp matches the log's head
//! and the settings in force; otherwise it is brought up to date first
//! (`bring_up_to_date`, a replay) and the caller is told why.
//!
//! **Crash safety comes from generations, not from one huge batch**: a new
//! generation is written under its own key prefix and made durable, then
//! the stamp that names it is written and made durable, and only then is
//! the old generation removed. A kill at any point leaves the stamp naming a
//! generation that was complete when the stamp was written
//! (tests/issue_15_read_models.rs kills writers at random points).
//!
//! Layout of the store (`ReadModelStore`, a table of the derived store
//! beside the log, `derived.redb`):
//!
//! | key | value |
//! |---|---|
//! | `stamp` | `ReadModelStamp` (JSON) |
//! | `g` gen `i` incident id | the `Incident` (JSON) |
//! | `g` gen `e` date `\0` incident id | empty: the export order (date, id) |
//! | `g` gen `s` old id | ids of the incidents that replaced it (JSON) |
//! | `g` gen `r` seq id | the report's `ReportRow` (JSON): `reports` in log order |
//! | `g` gen `u` report id | the report's `ReportEntry` (JSON): audit, export URLs |
//! | `g` gen `d` | every decision, in log order (JSON) |
//! | `g` gen `k` block `\0` seq | the report id: the reports holding a mention in the block (`catch_up`) |
//! | `g` gen `b` block `\0` incident id | the incident's date: the incidents shown from the block (a parent under its day's block) |
//! | `g` gen `l` incident id | how many reports lead with it (decimal), when any do |
//! | `g` gen `p` seq | the incident the report leads with (its main mention's) |
//!
//! `gen` is 8 bytes big-endian, so one generation is one contiguous range.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use thiserror::Error;

mod catch_up;
mod checkpoint;

pub use catch_up::CaughtUp;
pub use checkpoint::{CHECKPOINT_EVERY_EVENTS, ReadModelAt, checkpoint_positions, past};

use crate::cluster::ClusterState;
use crate::incident::Incident;
use crate::log::{EventLog, LogError, ProjectionStore, ReadModelStore};
use crate::project::{DecisionRecord, ProjectError, Projection, ProjectionSettings, ReportEntry};
use crate::views::reports::{IncidentOutline, ReportRow, visit_report_rows_led};

/// Bumped when the layout or the meaning of a stored value changes.
pub const READ_MODEL_VERSION: &str = "read-model/3";

/// A hash of this build's `src/` and `data/` (build.rs): a read model
/// written by a build whose code differs is not current.
pub const SOURCE_FINGERPRINT: &str = env!("CONCORD_SOURCE_FINGERPRINT");

const STAMP_KEY: &[u8] = b"stamp";
const GENERATION_PREFIX: u8 = b'g';
const INCIDENT: u8 = b'i';
const EXPORT_ORDER: u8 = b'e';
const SUCCESSORS: u8 = b's';
const REPORT_ROW: u8 = b'r';
const REPORT_ENTRY: u8 = b'u';
const DECISIONS: u8 = b'd';
const BLOCK_MEMBERS: u8 = b'k';
const BLOCK_INCIDENTS: u8 = b'b';
const LEADS: u8 = b'l';
const MAIN_INCIDENT: u8 = b'p';
const MATCH_MODEL: u8 = b'm';
const CHECKPOINT_MARK: u8 = b'X';
const CHECKPOINT_RECORD: u8 = b'x';

/// Entries per write batch while a generation is written: bounds what a
/// batch holds in memory; the generation is not in force until its stamp
/// is, so batches need not be atomic together. The read models live in
/// redb, one transaction per batch: 256 (a bound set for sled, which held
/// a batch's garbage until it ended) made a 200k build commit 2,800 times
/// for nothing; 4,096 entries are a few MB (docs/BENCHMARKS.md, session
/// 37).
const ENTRIES_PER_BATCH: usize = 4096;

/// An incident built for `write`, with its encoding.
type EncodedIncident = Result<(Incident, Vec<u8>), ReadModelError>;

/// Incidents built and encoded in parallel at a time by `write`: enough
/// work for every core, few enough to hold (a few MB).
const INCIDENTS_BUILT_AT_ONCE: usize = 1024;

#[derive(Debug, Error)]
pub enum ReadModelError {
    #[error(transparent)]
    Log(#[from] LogError),
    #[error(transparent)]
    Project(#[from] ProjectError),
    #[error("cannot encode a read model entry: {0}")]
    Encode(serde_json::Error),
    #[error("the read model lacks the entry {key}; `concord rebuild` writes it afresh")]
    Missing { key: String },
    #[error(
        "the read model entry {key} cannot be read ({source}); `concord rebuild` writes it afresh"
    )]
    Corrupt {
        key: String,
        source: serde_json::Error,
    },
}

/// What a generation reflects and what computed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadModelStamp {
    pub version: String,
    pub generation: u64,
    /// The seq of the last event the read model reflects.
    pub position: u64,
    /// The hash of that event, to notice a different log (an import).
    pub position_hash: String,
    /// `SOURCE_FINGERPRINT`, the extractor version and the reconciliation
    /// policy, in one string.
    pub computed_by: String,
    pub incidents: u64,
    pub reports: u64,
}

/// Why a read model could not be read as it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Staleness {
    Missing,
    Behind { at: u64, head: u64 },
    OtherLog { at: u64 },
    ComputedOtherwise,
}

impl std::fmt::Display for Staleness {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Staleness::Missing => write!(f, "there were none"),
            Staleness::Behind { at, head } => {
                write!(f, "they reflected event {at} of {head}")
            }
            Staleness::OtherLog { at } => write!(
                f,
                "they were written for another log (its event {at} differs from this one's)"
            ),
            Staleness::ComputedOtherwise => write!(
                f,
                "they were computed by another build of concord or with other settings"
            ),
        }
    }
}

/// What `bring_up_to_date` found and did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Freshness {
    /// The read model already reflected the head.
    Current,
    /// It did not (`why`); the log was replayed and a new generation
    /// written, reflecting event `position`.
    Brought { why: Staleness, position: u64 },
    /// It was behind by reports only: the blocks they fall in were
    /// clustered again and rewritten in place (`catch_up`).
    CaughtUp(catch_up::CaughtUp),
}

/// The `computed_by` a read model must carry to be read with `settings`.
pub fn computed_by(settings: &ProjectionSettings) -> String {
    format!(
        "{READ_MODEL_VERSION} source {SOURCE_FINGERPRINT} {} reconcile {}",
        settings.extractor.version, settings.cluster.reconcile_policy
    )
}

fn generation_key(generation: u64, kind: u8, rest: &[u8]) -> Vec<u8> {
    let mut key = Vec::with_capacity(10 + rest.len());
    key.push(GENERATION_PREFIX);
    key.extend_from_slice(&generation.to_be_bytes());
    key.push(kind);
    key.extend_from_slice(rest);
    key
}

/// `block` `\0` `rest`: a key under one block.
fn block_part(block: &str, rest: &[u8]) -> Vec<u8> {
    let mut part = Vec::with_capacity(block.len() + 1 + rest.len());
    part.extend_from_slice(block.as_bytes());
    part.push(0);
    part.extend_from_slice(rest);
    part
}

fn generation_start(generation: u64) -> Vec<u8> {
    let mut key = vec![GENERATION_PREFIX];
    key.extend_from_slice(&generation.to_be_bytes());
    key
}

fn encode<T: Serialize>(value: &T) -> Result<Vec<u8>, ReadModelError> {
    serde_json::to_vec(value).map_err(ReadModelError::Encode)
}

fn decode<T: for<'de> Deserialize<'de>>(key: &[u8], bytes: &[u8]) -> Result<T, ReadModelError> {
    serde_json::from_slice(bytes).map_err(|source| ReadModelError::Corrupt {
        key: String::from_utf8_lossy(key).into_owned(),
        source,
    })
}

/// The stamp in force, if any.
pub fn stamp<S>(store: &S) -> Result<Option<ReadModelStamp>, ReadModelError>
where
    S: ReadModelStore + ?Sized,
{
    store
        .read_model_get(STAMP_KEY)?
        .map(|bytes| decode(STAMP_KEY, &bytes))
        .transpose()
}

/// Why the read model in `log` cannot answer for the head with `settings`,
/// or `None` when it can.
pub fn staleness<L>(
    log: &L,
    settings: &ProjectionSettings,
) -> Result<Option<Staleness>, ReadModelError>
where
    L: EventLog + ReadModelStore + ?Sized,
{
    let Some(stamp) = stamp(log)? else {
        return Ok(Some(Staleness::Missing));
    };
    if stamp.version != READ_MODEL_VERSION || stamp.computed_by != computed_by(settings) {
        return Ok(Some(Staleness::ComputedOtherwise));
    }
    let head = log.len();
    if stamp.position > head {
        return Ok(Some(Staleness::OtherLog { at: stamp.position }));
    }
    if hash_at(log, stamp.position)? != stamp.position_hash {
        return Ok(Some(Staleness::OtherLog { at: stamp.position }));
    }
    if stamp.position < head {
        return Ok(Some(Staleness::Behind {
            at: stamp.position,
            head,
        }));
    }
    Ok(None)
}

/// The hash of the event at `position` (the genesis hash at 0), which a
/// stamp records to tell this log from another of the same length.
fn hash_at<L>(log: &L, position: u64) -> Result<String, ReadModelError>
where
    L: EventLog + ?Sized,
{
    // At the head the log knows the hash without reading the event, so a
    // current read model is confirmed without opening the log's store.
    if position == log.len() {
        return Ok(log.head_hash());
    }
    Ok(match log.get(position)? {
        Some(event) => event.hash,
        None => crate::log::GENESIS_HASH.to_string(),
    })
}

/// Makes the read model reflect the log's head under `settings`, replaying
/// the log when it does not (and saying why). A catch-up keeps a
/// checkpoint every `CHECKPOINT_EVERY_EVENTS` events.
pub fn bring_up_to_date<L>(
    log: &L,
    settings: &ProjectionSettings,
) -> Result<Freshness, ReadModelError>
where
    L: EventLog + ProjectionStore + ReadModelStore + ?Sized,
{
    bring_up_to_date_checkpointing_every(log, settings, CHECKPOINT_EVERY_EVENTS)
}

/// `bring_up_to_date`, opening a new checkpoint when a catch-up starts
/// `checkpoint_every_events` or more events after the newest one (tests
/// use small windows to hold many checkpoints in a small log).
pub fn bring_up_to_date_checkpointing_every<L>(
    log: &L,
    settings: &ProjectionSettings,
    checkpoint_every_events: u64,
) -> Result<Freshness, ReadModelError>
where
    L: EventLog + ProjectionStore + ReadModelStore + ?Sized,
{
    let Some(why) = staleness(log, settings)? else {
        return Ok(Freshness::Current);
    };
    if let Staleness::Behind { .. } = why
        && let Some(stamp) = stamp(log)?
        && let Some(plan) = catch_up::catch_up(log, settings, &stamp)?
    {
        let batch = checkpoint::with_pre_images(log, &stamp, plan.writes, checkpoint_every_events)?;
        log.read_model_write(batch)?;
        log.read_model_make_durable()?;
        return Ok(Freshness::CaughtUp(plan.caught_up));
    }
    // Built to be written once: it sheds what only clustering reads as it
    // settles (docs/BENCHMARKS.md, "Memory of the full build").
    let projection = Projection::<ClusterState>::build_to_write(log, settings.clone())?;
    let stamp = write(log, &projection)?;
    Ok(Freshness::Brought {
        why,
        position: stamp.position,
    })
}

/// Writes `projection` (replayed to the head of `log`) as a new generation
/// and puts it in force. Returns the new stamp.
pub fn write<L>(
    log: &L,
    projection: &Projection<ClusterState>,
) -> Result<ReadModelStamp, ReadModelError>
where
    L: EventLog + ProjectionStore + ReadModelStore + ?Sized,
{
    let previous = stamp(log)?;
    let generation = previous.as_ref().map_or(1, |stamp| stamp.generation + 1);
    // A writer killed before its stamp leaves keys of this generation
    // behind; they are not in force, and are cleared before writing.
    log.read_model_remove_range(
        &generation_start(generation),
        &generation_start(generation + 1),
    )?;
    let mut writer = BatchWriter {
        store: log,
        pending: Vec::with_capacity(ENTRIES_PER_BATCH),
    };

    // Incidents, one at a time, never all in memory; what `reports` needs
    // of each is kept as a small outline.
    let catalog = projection.cluster().catalog();
    let mut outlines = Vec::new();
    let mut successors: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut incidents = 0u64;
    // Built and encoded a batch at a time in parallel (each incident's
    // figures are reconciled as it is built), written in catalog order:
    // built one by one, they left a core idle for a tenth of a full build
    // (docs/BENCHMARKS.md, "The full build on both cores").
    for batch in catalog.entries().chunks(INCIDENTS_BUILT_AT_ONCE) {
        let built: Vec<Option<EncodedIncident>> = batch
            .par_iter()
            .map(|entry| {
                let incident = catalog.incident(&entry.slot)?;
                Some(encode(&incident).map(|bytes| (incident, bytes)))
            })
            .collect();
        for (entry, built) in batch.iter().zip(built) {
            let Some(built) = built else {
                continue;
            };
            let (incident, encoded) = built?;
            incidents += 1;
            for old in &incident.replaces {
                successors
                    .entry(old.clone())
                    .or_default()
                    .push(incident.id.clone());
            }
            writer.put(
                export_order_key(generation, &incident.date, &incident.id),
                Vec::new(),
            )?;
            writer.put(
                generation_key(
                    generation,
                    BLOCK_INCIDENTS,
                    &block_part(&entry.block.index_name(), incident.id.as_bytes()),
                ),
                incident.date.as_bytes().to_vec(),
            )?;
            writer.put(
                generation_key(generation, INCIDENT, incident.id.as_bytes()),
                encoded,
            )?;
            outlines.push(IncidentOutline::of(&incident));
        }
    }
    for (old, mut ids) in successors {
        ids.sort();
        writer.put(
            generation_key(generation, SUCCESSORS, old.as_bytes()),
            encode(&ids)?,
        )?;
    }

    let entries = projection.report_entries_in_order();
    let reports = entries.len() as u64;
    outlines.sort_by(|a, b| a.id.cmp(&b.id));
    let main_incidents = projection.cluster().main_mention_incidents();
    // Each report's row, entry and main incident are written as they are
    // made: never all held at once, and no entry copied.
    let mut row_result: Result<(), ReadModelError> = Ok(());
    let leads = visit_report_rows_led(
        &entries,
        |entry| main_incidents.get(&entry.seq).copied(),
        &outlines,
        |entry, main_incident, row| {
            if row_result.is_ok() {
                row_result = write_report(&mut writer, generation, entry, main_incident, &row);
            }
        },
    );
    row_result?;
    drop(outlines);
    for (id, leads) in leads {
        writer.put(
            generation_key(generation, LEADS, id.as_bytes()),
            leads.to_string().into_bytes(),
        )?;
    }
    drop(entries);
    for (block, members) in projection.cluster().block_members() {
        let name = block.index_name();
        for (seq, id) in members {
            writer.put(
                generation_key(
                    generation,
                    BLOCK_MEMBERS,
                    &block_part(&name, &seq.to_be_bytes()),
                ),
                id.as_bytes().to_vec(),
            )?;
        }
    }

    let decisions = projection.decisions();
    writer.put(
        generation_key(generation, DECISIONS, &[]),
        encode(&decisions)?,
    )?;
    // The match model in force, for `explain` to weigh a pair without the
    // log. A catch-up never changes it: a new model is replayed.
    // The model the projection clustered with: the log's at its position,
    // known without reading the log.
    let (_, model) = projection.model_in_force();
    writer.put(
        generation_key(generation, MATCH_MODEL, &[]),
        encode(model.as_ref())?,
    )?;
    writer.flush()?;

    // The generation is complete and durable: put it in force.
    let position = projection.position();
    let position_hash = hash_at(log, position)?;
    let stamp = ReadModelStamp {
        version: READ_MODEL_VERSION.to_string(),
        generation,
        position,
        position_hash,
        computed_by: computed_by(projection.settings()),
        incidents,
        reports,
    };
    log.read_model_make_durable()?;
    log.read_model_write(vec![(STAMP_KEY.to_vec(), Some(encode(&stamp)?))])?;
    log.read_model_make_durable()?;
    // Every other generation (the one replaced, any a killed writer left).
    log.read_model_remove_range(&generation_start(0), &generation_start(generation))?;
    log.read_model_remove_range(&generation_start(generation + 1), &[GENERATION_PREFIX + 1])?;
    Ok(stamp)
}

/// One report's row, its entry and its main incident, as a full build
/// writes them.
fn write_report<S: ReadModelStore + ?Sized>(
    writer: &mut BatchWriter<'_, S>,
    generation: u64,
    entry: &ReportEntry,
    main_incident: Option<&str>,
    row: &ReportRow,
) -> Result<(), ReadModelError> {
    let mut row_key = row.seq.to_be_bytes().to_vec();
    row_key.extend_from_slice(row.id.as_bytes());
    writer.put(
        generation_key(generation, REPORT_ROW, &row_key),
        encode(row)?,
    )?;
    // The entry is stored without its main incident (a field the
    // projection fills in, never serialised), which has a key of its own.
    writer.put(
        generation_key(generation, REPORT_ENTRY, entry.id.as_bytes()),
        encode(entry)?,
    )?;
    if let Some(main) = main_incident {
        writer.put(
            generation_key(generation, MAIN_INCIDENT, &entry.seq.to_be_bytes()),
            main.as_bytes().to_vec(),
        )?;
    }
    Ok(())
}

fn export_order_key(generation: u64, date: &str, id: &str) -> Vec<u8> {
    let mut order = date.as_bytes().to_vec();
    order.push(0);
    order.extend_from_slice(id.as_bytes());
    generation_key(generation, EXPORT_ORDER, &order)
}

struct BatchWriter<'a, S: ReadModelStore + ?Sized> {
    store: &'a S,
    pending: Vec<(Vec<u8>, Option<Vec<u8>>)>,
}

impl<S: ReadModelStore + ?Sized> BatchWriter<'_, S> {
    fn put(&mut self, key: Vec<u8>, value: Vec<u8>) -> Result<(), ReadModelError> {
        self.pending.push((key, Some(value)));
        if self.pending.len() >= ENTRIES_PER_BATCH {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<(), ReadModelError> {
        if !self.pending.is_empty() {
            self.store
                .read_model_write(std::mem::take(&mut self.pending))?;
        }
        Ok(())
    }
}

/// A read model in force, reflecting the head: the views' lookups.
pub struct ReadModel<'a, S: ReadModelStore + ?Sized> {
    store: &'a S,
    stamp: ReadModelStamp,
}

/// The read model of `log` at its head under `settings`, brought up to
/// date first when it is not, as the views read it (one type for the head
/// and for the past, `past`).
pub fn at_head<'a, L>(
    log: &'a L,
    settings: &ProjectionSettings,
) -> Result<(ReadModelAt<'a, L>, Freshness), ReadModelError>
where
    L: EventLog + ProjectionStore + ReadModelStore + ?Sized,
{
    let freshness = bring_up_to_date(log, settings)?;
    Ok((ReadModelAt::in_force(log), freshness))
}

/// The read model of `log` as it stands, when it reflects the head under
/// `settings`; `None` (and nothing written) when it does not.
pub fn open_current<'a, L>(
    log: &'a L,
    settings: &ProjectionSettings,
) -> Result<Option<ReadModel<'a, L>>, ReadModelError>
where
    L: EventLog + ReadModelStore + ?Sized,
{
    if staleness(log, settings)?.is_some() {
        return Ok(None);
    }
    Ok(stamp(log)?.map(|stamp| ReadModel { store: log, stamp }))
}

impl<'a, S: ReadModelStore + ?Sized> ReadModel<'a, S> {
    /// The log position the read model reflects.
    pub fn position(&self) -> u64 {
        self.stamp.position
    }

    pub fn stamp(&self) -> &ReadModelStamp {
        &self.stamp
    }

    fn key(&self, kind: u8, rest: &[u8]) -> Vec<u8> {
        generation_key(self.stamp.generation, kind, rest)
    }

    fn get<T: for<'de> Deserialize<'de>>(
        &self,
        kind: u8,
        rest: &[u8],
    ) -> Result<Option<T>, ReadModelError> {
        let key = self.key(kind, rest);
        self.store
            .read_model_get(&key)?
            .map(|bytes| decode(&key, &bytes))
            .transpose()
    }

    /// Every value under `kind`, in key order, decoded one at a time.
    fn scan<T: for<'de> Deserialize<'de> + 'a>(
        &self,
        kind: u8,
    ) -> impl Iterator<Item = Result<T, ReadModelError>> + 'a {
        self.store
            .read_model_scan(&self.key(kind, &[]))
            .map(|item| {
                let (key, value) = item?;
                decode(&key, &value)
            })
    }

    pub fn incident(&self, id: &str) -> Result<Option<Incident>, ReadModelError> {
        self.get(INCIDENT, id.as_bytes())
    }

    /// The incidents that replaced `id` after a merge or split.
    pub fn successors(&self, id: &str) -> Result<Vec<String>, ReadModelError> {
        Ok(self.get(SUCCESSORS, id.as_bytes())?.unwrap_or_default())
    }

    /// Every incident, by id.
    pub fn incidents(&self) -> impl Iterator<Item = Result<Incident, ReadModelError>> + 'a {
        self.scan(INCIDENT)
    }

    /// Every incident in export order (date, then id).
    pub fn incidents_in_export_order(
        &self,
    ) -> impl Iterator<Item = Result<Incident, ReadModelError>> + 'a {
        let store = self.store;
        let generation = self.stamp.generation;
        let order_prefix_length = generation_key(generation, EXPORT_ORDER, &[]).len();
        store
            .read_model_scan(&generation_key(generation, EXPORT_ORDER, &[]))
            .map(move |item| {
                let (key, _) = item?;
                let order = &key[order_prefix_length..];
                let id = order
                    .iter()
                    .position(|&byte| byte == 0)
                    .map_or(order, |zero| &order[zero + 1..]);
                let incident_key = generation_key(generation, INCIDENT, id);
                let bytes = store.read_model_get(&incident_key)?.ok_or_else(|| {
                    ReadModelError::Missing {
                        key: String::from_utf8_lossy(&incident_key).into_owned(),
                    }
                })?;
                decode(&incident_key, &bytes)
            })
    }

    /// Every report stored, in log order.
    pub fn report_rows(&self) -> impl Iterator<Item = Result<ReportRow, ReadModelError>> + 'a {
        self.scan(REPORT_ROW)
    }

    /// The match model in force at the read model's position (`None` in a
    /// read model written before it was kept).
    pub fn match_model(&self) -> Result<Option<crate::cluster::MatchModel>, ReadModelError> {
        self.get(MATCH_MODEL, &[])
    }

    pub fn report_entry(&self, id: &str) -> Result<Option<ReportEntry>, ReadModelError> {
        self.get(REPORT_ENTRY, id.as_bytes())
    }

    pub fn decisions(&self) -> Result<Vec<DecisionRecord>, ReadModelError> {
        Ok(self.get(DECISIONS, &[])?.unwrap_or_default())
    }
}
