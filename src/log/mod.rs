//! The append-only event log: the only source of truth.
//!
//! Only this module touches sled and redb. Everything else sees the
//! `EventLog`, `ProjectionStore` and `ReadModelStore` traits.
//!
//! Layout: one sled tree, `log`, with four key spaces so that one atomic
//! `Batch` writes an event together with its index entries:
//! - `e` + seq (u64 big-endian): the event, as JSON;
//! - `c` + content hash: the seq of the report with that content;
//! - `i` + report id: the seq of the event that stored that id;
//! - `m` + seq: empty, for each event that put a match model in force.
//!
//! sled holds nothing else. What is derived from the log (the extraction
//! cache, the read models) is in the derived store, `derived.redb`
//! (`derived.rs`): not part of the chain, and may be dropped at any time.
//! A view whose read models are current opens only that store and the
//! head record (`head_record.rs`), never sled.

mod derived;
mod event;
mod head_record;
pub mod import;
pub mod verify;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};

use chrono::{DateTime, Utc};
use rayon::prelude::*;
use serde_json::value::RawValue;
use thiserror::Error;

pub use derived::DERIVED_FILE_NAME;
use derived::{DerivedStore, DerivedTable};
pub use event::{
    CURRENT_SCHEMA_VERSION, EventPayload, GENESIS_HASH, PUBLISHED_AS_WRITTEN_KEY, StoredEvent,
    event_hash, upcast,
};
pub use head_record::HEAD_RECORD_FILE_NAME;
pub use import::{ImportError, ImportSummary, import_events};
pub use verify::{VerifyProblem, VerifyReport};

#[derive(Debug, Error)]
pub enum LogError {
    #[error(
        "the database at {path} is in use by another concord process (only one writer at a time); wait for it to finish"
    )]
    Locked { path: PathBuf },
    #[error("cannot open the database at {path}: {source}")]
    Open { path: PathBuf, source: sled::Error },
    #[error("cannot remove the unfinished snapshot {path} left by a killed process: {source}")]
    Recover {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("database error: {0}")]
    Storage(#[from] sled::Error),
    #[error("event {seq} is not valid JSON: {source}")]
    CorruptEvent { seq: u64, source: serde_json::Error },
    #[error("cannot encode an event: {0}")]
    Encode(serde_json::Error),
    #[error("the log is broken at event {seq}: {what}")]
    Broken { seq: u64, what: String },
    #[error("the log as of event {seq} is a view of the past and cannot be written")]
    ReadOnly { seq: u64 },
    #[error(
        "cannot open the database at {path}: {file} (the extraction cache and read models): {reason}"
    )]
    DerivedOpen {
        path: PathBuf,
        file: PathBuf,
        reason: String,
    },
    #[error(
        "the derived store {path} (the extraction cache and read models) failed: {reason}; `concord rebuild` writes it afresh"
    )]
    Derived { path: PathBuf, reason: String },
    #[error("cannot write the head record {path}: {source}")]
    HeadRecord {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the read models are damaged at {key}: {what}")]
    CorruptReadModel { key: String, what: String },
}

/// What happened to one event handed to `append`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AppendOutcome {
    Stored {
        seq: u64,
        /// The report id as stored, when the event stores a report.
        report_id: Option<String>,
        /// Set when the requested id was taken by a different text and the
        /// report was stored under `report_id` instead.
        renamed_from: Option<String>,
    },
    /// The same content is already in the log at `existing_seq`; nothing
    /// was written.
    Duplicate {
        existing_seq: u64,
        existing_id: Option<String>,
    },
}

/// The log as the rest of concord sees it.
pub trait EventLog {
    /// Appends events in order, atomically as one batch, and flushes to disk
    /// before returning: an `Ok` means every `Stored` event is durable.
    /// Reports whose content is already stored become `Duplicate`.
    fn append(
        &mut self,
        events: Vec<EventPayload>,
        recorded_at: DateTime<Utc>,
    ) -> Result<Vec<AppendOutcome>, LogError>;

    /// The number of events, which is also the seq of the last one.
    fn len(&self) -> u64;

    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn get(&self, seq: u64) -> Result<Option<StoredEvent>, LogError>;

    /// Events with `from <= seq <= to`, in order.
    fn range(
        &self,
        from: u64,
        to: u64,
    ) -> Box<dyn Iterator<Item = Result<StoredEvent, LogError>> + '_>;

    fn head_hash(&self) -> String;

    /// The seq of the event that stored report `id`.
    fn report_seq(&self, id: &str) -> Result<Option<u64>, LogError>;

    /// The seq of the last `MatchModelEstimated` event at or before `seq`.
    fn model_seq_at_or_before(&self, seq: u64) -> Result<Option<u64>, LogError>;

    /// Writes events exactly as given (for `concord import`): the caller has
    /// verified the chain. Each must continue the current head.
    fn append_verbatim(&mut self, events: Vec<StoredEvent>) -> Result<(), LogError>;

    /// Lets go of the log's storage (its handles and caches) until
    /// something needs the log again, which then reopens it: a cost in
    /// time, never in data. A full build calls it once its replay has read
    /// the whole log, so that what it builds and writes next is not held
    /// beside the log store's memory (docs/BENCHMARKS.md, "The full build
    /// on both cores"). A store that holds nothing worth letting go of
    /// does nothing.
    fn release_storage(&self) {}
}

/// Derived data kept beside the log, keyed by namespace and key. Never part
/// of the chain; safe to clear.
pub trait ProjectionStore {
    fn get_projection(&self, namespace: &str, key: &[u8]) -> Result<Option<Vec<u8>>, LogError>;
    fn put_projections(
        &self,
        namespace: &str,
        entries: Vec<(Vec<u8>, Vec<u8>)>,
    ) -> Result<(), LogError>;
    fn clear_projection(&self, namespace: &str) -> Result<(), LogError>;
}

/// One stored event's seq and bytes, whatever they hold (for `verify`).
pub(crate) type RawEvent = Result<(u64, Vec<u8>), LogError>;

/// One key-value pair read back from the read-model store.
pub type ReadModelItem = Result<(Vec<u8>, Vec<u8>), LogError>;

/// Read models (issue 15): the views' answers persisted beside the log,
/// each generation stamped with the log position it reflects. Derived data,
/// like projections, but written so that a crash leaves either the old or
/// the new generation in force: `read_model_write` applies its writes and
/// removals atomically, and `read_model_make_durable` returns only when
/// everything written so far survives a process kill.
pub trait ReadModelStore {
    fn read_model_get(&self, key: &[u8]) -> Result<Option<Vec<u8>>, LogError>;
    /// Every pair whose key starts with `prefix`, in key order.
    fn read_model_scan<'a>(&'a self, prefix: &[u8])
    -> Box<dyn Iterator<Item = ReadModelItem> + 'a>;
    /// Applies every write (`Some`) and removal (`None`) as one atomic batch.
    fn read_model_write(&self, writes: Vec<(Vec<u8>, Option<Vec<u8>>)>) -> Result<(), LogError>;
    /// Removes every key in `from..to`; returns how many.
    fn read_model_remove_range(&self, from: &[u8], to: &[u8]) -> Result<u64, LogError>;
    fn read_model_make_durable(&self) -> Result<(), LogError>;
}

pub struct SledLog {
    path: PathBuf,
    /// sled, opened on first need: a view whose read models are current
    /// (by the head record) answers from the derived store alone.
    sled: RwLock<Option<Arc<SledParts>>>,
    opening_sled: Mutex<()>,
    derived: DerivedStore,
    len: u64,
    head_hash: String,
    head_record: Mutex<HeadRecordState>,
}

/// sled's handles: the database, the `log` tree, and our own handle on
/// sled's data file, used only to fsync it (see `make_durable`).
struct SledParts {
    db: sled::Db,
    tree: sled::Tree,
    data_file: Option<std::fs::File>,
}

/// What the head record on disk says about this log, and so what closing
/// it must do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HeadRecordState {
    /// The record names `len` and `head_hash`: nothing to write.
    Current,
    /// There is no record; closing writes one once sled is durable.
    Absent,
    /// A write failed or is under way, or the log was changed outside the
    /// chain (the tamper methods): closing leaves no record, so the next
    /// open asks sled.
    Untrusted,
}

/// What `append` makes of an event in parallel before the chain: a
/// report's content hash and the payload's JSON.
type PreparedEvent = (Option<[u8; 32]>, Result<String, serde_json::Error>);

const EVENT_PREFIX: u8 = b'e';
const CONTENT_PREFIX: u8 = b'c';
const ID_PREFIX: u8 = b'i';
/// Index of the events that put a match model in force: a view finds the
/// model in force at any point without reading the log.
const MODEL_PREFIX: u8 = b'm';

/// sled trees of earlier versions that held what is now in the derived
/// store; dropped the first time such a database is opened.
const TREES_MOVED_TO_THE_DERIVED_STORE: [&str; 2] = ["projections", "read_models"];

fn event_key(seq: u64) -> [u8; 9] {
    let mut key = [0u8; 9];
    key[0] = EVENT_PREFIX;
    key[1..].copy_from_slice(&seq.to_be_bytes());
    key
}

fn prefixed(prefix: u8, rest: &[u8]) -> Vec<u8> {
    let mut key = Vec::with_capacity(rest.len() + 1);
    key.push(prefix);
    key.extend_from_slice(rest);
    key
}

fn seq_from_value(value: &[u8]) -> Option<u64> {
    value.try_into().ok().map(u64::from_be_bytes)
}

/// sled's page cache. Its default (1 GiB) is sized for a server holding a
/// hot working set; concord reads the log sequentially once per command
/// (and sled holds nothing but the log), so a small cache costs little
/// speed and keeps a replay of a million reports inside its memory budget.
const SLED_CACHE_BYTES: u64 = 48 * 1024 * 1024;

impl SledParts {
    fn open(path: &Path) -> Result<SledParts, LogError> {
        let db = open_sled_waiting_for_own_release(path)?;
        let names = db.tree_names();
        for moved in TREES_MOVED_TO_THE_DERIVED_STORE {
            if names.iter().any(|name| name.as_ref() == moved.as_bytes()) {
                db.drop_tree(moved)?;
            }
        }
        let tree = db.open_tree("log")?;
        // sled 0.34.7 keeps its log in the file `db` inside the directory.
        // If a later sled moves it, appends are still flushed by sled, just
        // without the extra fsync.
        let data_file = std::fs::File::open(path.join("db")).ok();
        Ok(SledParts {
            db,
            tree,
            data_file,
        })
    }

    /// The seq and hash of the last event (0 and the genesis hash when
    /// there is none).
    fn head(&self) -> Result<(u64, String), LogError> {
        let last = self
            .tree
            .scan_prefix([EVENT_PREFIX])
            .next_back()
            .transpose()?;
        match last {
            Some((key, value)) => {
                let seq = u64::from_be_bytes(key[1..9].try_into().unwrap_or([0; 8]));
                let event: StoredEvent = serde_json::from_slice(&value)
                    .map_err(|source| LogError::CorruptEvent { seq, source })?;
                Ok((seq, event.hash))
            }
            None => Ok((0, GENESIS_HASH.to_string())),
        }
    }

    /// Makes everything written so far survive a process kill and, as far
    /// as the disk honours fsync, a power loss.
    ///
    /// `Db::flush` writes sled's buffers and waits for them with
    /// `sync_file_range` on Linux, which is enough for a process kill but
    /// neither flushes the drive's write cache nor commits the file's new
    /// length; sled's own `fsync` runs only every 500 ms in a background
    /// thread. The `fsync` here closes that window (see docs/durability.md).
    fn make_durable(&self) -> Result<(), LogError> {
        self.db.flush()?;
        if let Some(data_file) = &self.data_file {
            data_file
                .sync_all()
                .map_err(|error| LogError::Storage(sled::Error::Io(error)))?;
        }
        Ok(())
    }
}

impl SledLog {
    /// Opens the database at `path`, creating it when there is none.
    ///
    /// The derived store is opened first: its lock is what keeps two
    /// processes apart, and the head record is read only under it (a
    /// writer that held it wrote the record before letting go). With a
    /// head record, sled waits until something needs the log itself.
    pub fn open(path: impl AsRef<Path>) -> Result<SledLog, LogError> {
        let path = path.as_ref().to_path_buf();
        let (sled, derived, record) = if path.is_dir() {
            let derived = DerivedStore::open(&path)?;
            match head_record::read(&path) {
                Some(record) => (None, derived, Some(record)),
                None => (Some(Arc::new(SledParts::open(&path)?)), derived, None),
            }
        } else {
            // sled creates the directory (or names what is in its way).
            let sled = SledParts::open(&path)?;
            let derived = DerivedStore::open(&path)?;
            (Some(Arc::new(sled)), derived, None)
        };
        let (len, head_hash, state) = match (record, sled.as_deref()) {
            (Some(record), _) => (record.position, record.hash, HeadRecordState::Current),
            (None, Some(parts)) => {
                let (len, head_hash) = parts.head()?;
                (len, head_hash, HeadRecordState::Absent)
            }
            (None, None) => (0, GENESIS_HASH.to_string(), HeadRecordState::Absent),
        };
        Ok(SledLog {
            path,
            sled: RwLock::new(sled),
            opening_sled: Mutex::new(()),
            derived,
            len,
            head_hash,
            head_record: Mutex::new(state),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// sled's handles as open now, if they are.
    fn sled_if_open(&self) -> Option<Arc<SledParts>> {
        self.sled
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    /// sled, opened now if it was not yet (or was closed since).
    fn sled(&self) -> Result<Arc<SledParts>, LogError> {
        if let Some(parts) = self.sled_if_open() {
            return Ok(parts);
        }
        let _opening = self
            .opening_sled
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(parts) = self.sled_if_open() {
            return Ok(parts);
        }
        let parts = Arc::new(SledParts::open(&self.path)?);
        // The record is a shortcut; if sled says otherwise, sled is right,
        // and the next open asks it.
        if parts.head()? != (self.len, self.head_hash.clone()) {
            self.set_head_record_state(HeadRecordState::Untrusted);
        }
        *self
            .sled
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(parts.clone());
        Ok(parts)
    }

    fn set_head_record_state(&self, state: HeadRecordState) {
        *self
            .head_record
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = state;
    }

    fn head_record_state(&self) -> HeadRecordState {
        *self
            .head_record
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Before a write to the log: the head record goes (durably) before
    /// sled changes, so that no kill leaves a record naming an old head.
    /// The state stays `Untrusted` until the write has succeeded.
    fn begin_log_write(&self) -> Result<sled::Tree, LogError> {
        let tree = self.sled()?.tree.clone();
        if self.head_record_state() == HeadRecordState::Current {
            head_record::remove(&self.path).map_err(|source| LogError::HeadRecord {
                path: self.path.join(head_record::HEAD_RECORD_FILE_NAME),
                source,
            })?;
        }
        self.set_head_record_state(HeadRecordState::Untrusted);
        Ok(tree)
    }

    fn end_log_write(&self) {
        self.set_head_record_state(HeadRecordState::Absent);
    }

    /// Makes everything written to the log so far durable (see
    /// `SledParts::make_durable`).
    fn make_durable(&self) -> Result<(), LogError> {
        self.sled()?.make_durable()
    }

    fn load_head(&mut self) -> Result<(), LogError> {
        let (len, head_hash) = self.sled()?.head()?;
        self.len = len;
        self.head_hash = head_hash;
        Ok(())
    }

    fn decode_event(seq: u64, bytes: &[u8]) -> Result<StoredEvent, LogError> {
        serde_json::from_slice(bytes).map_err(|source| LogError::CorruptEvent { seq, source })
    }

    /// Whether sled has been opened: tests of the head record check that a
    /// current read model is read without it.
    #[doc(hidden)]
    pub fn log_store_is_open(&self) -> bool {
        self.sled_if_open().is_some()
    }

    /// Raw access for tamper-evidence tests: overwrite the stored bytes of an
    /// event without touching the chain. Not for normal use.
    #[doc(hidden)]
    pub fn tamper_put_raw(&self, seq: u64, bytes: &[u8]) -> Result<(), LogError> {
        self.begin_log_write()?.insert(event_key(seq), bytes)?;
        self.sled()?.db.flush()?;
        Ok(())
    }

    /// Raw access for tamper-evidence tests: delete an event.
    #[doc(hidden)]
    pub fn tamper_remove_raw(&self, seq: u64) -> Result<(), LogError> {
        self.begin_log_write()?.remove(event_key(seq))?;
        self.sled()?.db.flush()?;
        Ok(())
    }

    /// The raw bytes of an event, for tamper-evidence tests.
    #[doc(hidden)]
    pub fn raw_event(&self, seq: u64) -> Result<Option<Vec<u8>>, LogError> {
        Ok(self.sled()?.tree.get(event_key(seq))?.map(|v| v.to_vec()))
    }

    /// Every stored event key in order, whatever its content; used by verify
    /// to notice gaps and foreign keys.
    pub(crate) fn raw_events(&self) -> Box<dyn Iterator<Item = RawEvent> + '_> {
        let tree = match self.sled() {
            Ok(parts) => parts.tree.clone(),
            Err(error) => return Box::new(std::iter::once(Err(error))),
        };
        Box::new(tree.scan_prefix([EVENT_PREFIX]).map(|item| {
            let (key, value) = item?;
            let seq = key
                .get(1..9)
                .and_then(|k| k.try_into().ok())
                .map(u64::from_be_bytes)
                .unwrap_or(u64::MAX);
            Ok((seq, value.to_vec()))
        }))
    }

    pub fn verify(&self) -> Result<VerifyReport, LogError> {
        verify::verify_raw(self.raw_events())
    }

    /// Drops everything derived from the log (the extraction cache, the
    /// read models and their checkpoints) by starting the derived store
    /// afresh: what `concord rebuild` does before it replays.
    pub fn discard_derived_data(&mut self) -> Result<(), LogError> {
        // Holding sled's lock too, so that no other process starts between
        // the old file's close and the new one's open.
        self.sled()?;
        self.derived.recreate()
    }

    /// The size of the database on disk, in bytes: the log and the derived
    /// store.
    pub fn size_on_disk(&self) -> Result<u64, LogError> {
        Ok(self.sled()?.db.size_on_disk()? + self.derived.size_on_disk())
    }
}

impl Drop for SledLog {
    /// Leaves the head record true: written when this process opened sled
    /// and every write succeeded (after making sled durable), removed when
    /// the log was changed outside the chain. Errors here only cost the
    /// next command a look at sled.
    fn drop(&mut self) {
        match self.head_record_state() {
            HeadRecordState::Current => {}
            HeadRecordState::Absent if !std::thread::panicking() => {
                if let Some(parts) = self.sled_if_open()
                    && parts.make_durable().is_ok()
                {
                    let record = head_record::HeadRecord {
                        position: self.len,
                        hash: self.head_hash.clone(),
                    };
                    let _ = head_record::write(&self.path, &record);
                }
            }
            HeadRecordState::Absent | HeadRecordState::Untrusted => {
                let _ = head_record::remove(&self.path);
            }
        }
    }
}

/// How long `open` waits for a lock this process may still be releasing.
const OWN_LOCK_RELEASE_WAIT: std::time::Duration = std::time::Duration::from_millis(1000);

/// Opens sled, retrying a held lock for a short, bounded time. Dropping a
/// `SledLog` does not release sled's file lock at once: sled's flusher
/// thread holds the last reference and lets go a moment later, so a drop
/// followed by an open in the same process (a library user reopening, the
/// Vec-model property test) found the lock still held under load. A lock
/// held by another process is still reported, after the wait.
fn open_sled_waiting_for_own_release(path: &Path) -> Result<sled::Db, LogError> {
    let started = std::time::Instant::now();
    let mut unfinished_snapshots_removed = false;
    loop {
        let opened = sled::Config::new()
            .path(path)
            .mode(sled::Mode::HighThroughput)
            .cache_capacity(SLED_CACHE_BYTES)
            .open()
            .map_err(|source| classify_open_error(path, source));
        match opened {
            Err(LogError::Locked { .. }) if started.elapsed() < OWN_LOCK_RELEASE_WAIT => {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(LogError::Open {
                source: sled::Error::Corruption { at: None, .. },
                ..
            }) if !unfinished_snapshots_removed && remove_unfinished_snapshots(path)? > 0 => {
                unfinished_snapshots_removed = true;
            }
            other => return other,
        }
    }
}

/// Removes the snapshot files sled was still writing when its process
/// died, and says how many there were.
///
/// sled 0.34.7 writes a snapshot (a cache of its page table; the data
/// itself is in the segments of the `db` file) to `snap.<lsn>.generating`,
/// fsyncs it, renames it to `snap.<lsn>`, and only then deletes the older
/// snapshot. But on open it reads the newest file whose name starts with
/// `snap.`, `.generating` ones included, so a process killed while writing
/// one leaves a half-written snapshot that fails its checksum, and every
/// later open fails with `Corruption { at: None }` (sled issues #1527,
/// #1533). An unfinished snapshot is by construction not one sled
/// finished, and the finished one before it is still there: removing it
/// lets sled recover from that one and the segments after it, as it
/// would have had the kill come a moment earlier. This runs only after
/// sled refused to open, so no live process can be writing the file.
fn remove_unfinished_snapshots(path: &Path) -> Result<usize, LogError> {
    let listing = std::fs::read_dir(path).map_err(|source| LogError::Recover {
        path: path.to_path_buf(),
        source,
    })?;
    let mut removed = 0;
    for entry in listing.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with("snap.") && name.ends_with(".generating") {
            std::fs::remove_file(entry.path()).map_err(|source| LogError::Recover {
                path: entry.path(),
                source,
            })?;
            removed += 1;
        }
    }
    Ok(removed)
}

/// sled 0.34.7 reports a held lock as `Io(ErrorKind::Other)` with the text
/// "could not acquire lock on <path>: <os error>" (config.rs, `try_lock`),
/// so the kind alone does not tell; the text does. The path is part of that
/// text, so matching on a bare "lock" would misread any error on a database
/// whose path contains "lock".
fn classify_open_error(path: &Path, source: sled::Error) -> LogError {
    if let sled::Error::Io(io) = &source {
        let message = io.to_string();
        if io.kind() == std::io::ErrorKind::WouldBlock || message.contains("could not acquire lock")
        {
            return LogError::Locked {
                path: path.to_path_buf(),
            };
        }
    }
    LogError::Open {
        path: path.to_path_buf(),
        source,
    }
}

impl EventLog for SledLog {
    fn append(
        &mut self,
        events: Vec<EventPayload>,
        recorded_at: DateTime<Utc>,
    ) -> Result<Vec<AppendOutcome>, LogError> {
        let tree = self.begin_log_write()?;
        // Where sled's log ends, not where a head record said it did: a
        // record sled contradicts must never set the seqs written here.
        self.load_head()?;
        let mut batch = sled::Batch::default();
        let mut outcomes = Vec::with_capacity(events.len());
        let mut next_seq = self.len + 1;
        let mut prev_hash = self.head_hash.clone();
        // Index entries written earlier in this same batch are not yet
        // visible in the tree, so they are also tracked here.
        let mut batch_contents: std::collections::HashMap<[u8; 32], (u64, String)> =
            std::collections::HashMap::new();
        let mut batch_ids: std::collections::HashSet<String> = std::collections::HashSet::new();

        // What each event's bytes need but the chain does not (a report's
        // content hash, the payload's JSON) is made in parallel first: made
        // in the loop below, on one thread, it left a core idle for much of
        // a large ingest (docs/BENCHMARKS.md, "The full build on both
        // cores"). The chain itself (each hash names the one before) and
        // the duplicate checks stay in order.
        let prepared: Vec<PreparedEvent> = events
            .par_iter()
            .map(|payload| {
                (
                    payload.report().map(crate::report::Report::content_hash),
                    payload.payload_json(),
                )
            })
            .collect();
        for (mut payload, (content, mut payload_json)) in events.into_iter().zip(prepared) {
            let mut report_id = None;
            let mut renamed_from = None;
            if let Some(report) = payload.report() {
                let content = content.unwrap_or_else(|| report.content_hash());
                let existing = match batch_contents.get(&content) {
                    Some((seq, id)) => Some((*seq, Some(id.clone()))),
                    None => match tree.get(prefixed(CONTENT_PREFIX, &content))? {
                        Some(value) => {
                            let seq = seq_from_value(&value).unwrap_or(0);
                            let id = self
                                .get(seq)?
                                .and_then(|e| e.decode().ok())
                                .and_then(|p| p.report().map(|r| r.id.clone()));
                            Some((seq, id))
                        }
                        None => None,
                    },
                };
                if let Some((existing_seq, existing_id)) = existing {
                    outcomes.push(AppendOutcome::Duplicate {
                        existing_seq,
                        existing_id,
                    });
                    continue;
                }
                let requested = report.id.clone();
                let id_taken = |id: &str| -> Result<bool, LogError> {
                    Ok(batch_ids.contains(id)
                        || tree.contains_key(prefixed(ID_PREFIX, id.as_bytes()))?)
                };
                let mut id = requested.clone();
                let mut suffix = 2;
                while id_taken(&id)? {
                    id = format!("{requested}~{suffix}");
                    suffix += 1;
                }
                if id != requested {
                    renamed_from = Some(requested);
                    if let Some(report) = payload.report_mut() {
                        report.id = id.clone();
                    }
                    payload_json = payload.payload_json();
                }
                batch.insert(prefixed(CONTENT_PREFIX, &content), &next_seq.to_be_bytes());
                batch.insert(prefixed(ID_PREFIX, id.as_bytes()), &next_seq.to_be_bytes());
                batch_contents.insert(content, (next_seq, id.clone()));
                batch_ids.insert(id.clone());
                report_id = Some(id);
            }

            if matches!(payload, EventPayload::MatchModelEstimated { .. }) {
                batch.insert(prefixed(MODEL_PREFIX, &next_seq.to_be_bytes()), &[]);
            }
            let payload_json = payload_json.map_err(LogError::Encode)?;
            let type_name = payload.type_name();
            let hash = event_hash(
                next_seq,
                CURRENT_SCHEMA_VERSION,
                type_name,
                &recorded_at,
                &prev_hash,
                &payload_json,
            );
            let stored = StoredEvent {
                seq: next_seq,
                schema: CURRENT_SCHEMA_VERSION,
                type_name: type_name.to_string(),
                recorded_at,
                prev_hash: prev_hash.clone(),
                hash: hash.clone(),
                payload: RawValue::from_string(payload_json).map_err(LogError::Encode)?,
            };
            let bytes = serde_json::to_vec(&stored).map_err(LogError::Encode)?;
            batch.insert(&event_key(next_seq), bytes);
            outcomes.push(AppendOutcome::Stored {
                seq: next_seq,
                report_id,
                renamed_from,
            });
            prev_hash = hash;
            next_seq += 1;
        }

        if next_seq != self.len + 1 {
            tree.apply_batch(batch)?;
            if let Err(error) = self.make_durable() {
                // The batch is in sled's tree but may not be on disk. Follow
                // the tree, so that a retry sees these reports as duplicates
                // rather than writing over their seqs.
                let _ = self.load_head();
                return Err(error);
            }
            self.len = next_seq - 1;
            self.head_hash = prev_hash;
        }
        self.end_log_write();
        Ok(outcomes)
    }

    fn len(&self) -> u64 {
        self.len
    }

    fn get(&self, seq: u64) -> Result<Option<StoredEvent>, LogError> {
        match self.sled()?.tree.get(event_key(seq))? {
            Some(bytes) => Ok(Some(Self::decode_event(seq, &bytes)?)),
            None => Ok(None),
        }
    }

    fn range(
        &self,
        from: u64,
        to: u64,
    ) -> Box<dyn Iterator<Item = Result<StoredEvent, LogError>> + '_> {
        let from = from.max(1);
        if to < from {
            return Box::new(std::iter::empty());
        }
        let tree = match self.sled() {
            Ok(parts) => parts.tree.clone(),
            Err(error) => return Box::new(std::iter::once(Err(error))),
        };
        Box::new(tree.range(event_key(from)..=event_key(to)).map(|item| {
            let (key, value) = item?;
            let seq = u64::from_be_bytes(key[1..9].try_into().unwrap_or([0; 8]));
            Self::decode_event(seq, &value)
        }))
    }

    fn head_hash(&self) -> String {
        self.head_hash.clone()
    }

    /// Closes sled (made durable first, the head record written as a
    /// close would write it); the next use opens it again. Whatever fails
    /// leaves sled open, as it was.
    fn release_storage(&self) {
        let _opening = self
            .opening_sled
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let Some(parts) = self.sled_if_open() else {
            return;
        };
        if self.head_record_state() == HeadRecordState::Absent {
            if parts.make_durable().is_err() {
                return;
            }
            let record = head_record::HeadRecord {
                position: self.len,
                hash: self.head_hash.clone(),
            };
            if head_record::write(&self.path, &record).is_err() {
                return;
            }
            self.set_head_record_state(HeadRecordState::Current);
        }
        *self
            .sled
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = None;
    }

    fn report_seq(&self, id: &str) -> Result<Option<u64>, LogError> {
        Ok(self
            .sled()?
            .tree
            .get(prefixed(ID_PREFIX, id.as_bytes()))?
            .and_then(|v| seq_from_value(&v)))
    }

    fn model_seq_at_or_before(&self, seq: u64) -> Result<Option<u64>, LogError> {
        let from = prefixed(MODEL_PREFIX, &0u64.to_be_bytes());
        let to = prefixed(MODEL_PREFIX, &seq.to_be_bytes());
        match self.sled()?.tree.range(from..=to).next_back() {
            Some(item) => Ok(item?.0.get(1..).and_then(seq_from_value)),
            None => Ok(None),
        }
    }

    fn append_verbatim(&mut self, events: Vec<StoredEvent>) -> Result<(), LogError> {
        let tree = self.begin_log_write()?;
        self.load_head()?;
        let mut batch = sled::Batch::default();
        let mut expected_seq = self.len + 1;
        let mut prev_hash = self.head_hash.clone();
        for event in events {
            if event.seq != expected_seq
                || event.prev_hash != prev_hash
                || event.expected_hash() != event.hash
            {
                return Err(LogError::Broken {
                    seq: event.seq,
                    what: "does not continue the chain".to_string(),
                });
            }
            if event.type_name == "MatchModelEstimated" {
                batch.insert(prefixed(MODEL_PREFIX, &event.seq.to_be_bytes()), &[]);
            }
            if let Ok(payload) = event.decode()
                && let Some(report) = payload.report()
            {
                batch.insert(
                    prefixed(CONTENT_PREFIX, &report.content_hash()),
                    &event.seq.to_be_bytes(),
                );
                batch.insert(
                    prefixed(ID_PREFIX, report.id.as_bytes()),
                    &event.seq.to_be_bytes(),
                );
            }
            let bytes = serde_json::to_vec(&event).map_err(LogError::Encode)?;
            batch.insert(&event_key(event.seq), bytes);
            prev_hash = event.hash.clone();
            expected_seq += 1;
        }
        tree.apply_batch(batch)?;
        if let Err(error) = self.make_durable() {
            let _ = self.load_head();
            return Err(error);
        }
        self.len = expected_seq - 1;
        self.head_hash = prev_hash;
        self.end_log_write();
        Ok(())
    }
}

impl ProjectionStore for SledLog {
    fn get_projection(&self, namespace: &str, key: &[u8]) -> Result<Option<Vec<u8>>, LogError> {
        self.derived
            .get(DerivedTable::Projections, &projection_key(namespace, key))
    }

    fn put_projections(
        &self,
        namespace: &str,
        entries: Vec<(Vec<u8>, Vec<u8>)>,
    ) -> Result<(), LogError> {
        // Projections are derivable: written without waiting for the disk,
        // made durable with the next read-model write or on close, and a
        // loss only costs recomputation.
        self.derived.write(
            DerivedTable::Projections,
            entries
                .into_iter()
                .map(|(key, value)| (projection_key(namespace, &key), Some(value))),
        )
    }

    fn clear_projection(&self, namespace: &str) -> Result<(), LogError> {
        let from = projection_key(namespace, &[]);
        let mut to = from.clone();
        // The namespace ends in a zero byte; one past it bounds the range.
        if let Some(last) = to.last_mut() {
            *last = 1;
        }
        self.derived
            .remove_range(DerivedTable::Projections, &from, &to)?;
        Ok(())
    }
}

/// `namespace`, a zero byte, `key`: namespaces never contain a zero byte.
fn projection_key(namespace: &str, key: &[u8]) -> Vec<u8> {
    let mut full = Vec::with_capacity(namespace.len() + 1 + key.len());
    full.extend_from_slice(namespace.as_bytes());
    full.push(0);
    full.extend_from_slice(key);
    full
}

impl ReadModelStore for SledLog {
    fn read_model_get(&self, key: &[u8]) -> Result<Option<Vec<u8>>, LogError> {
        self.derived.get(DerivedTable::ReadModels, key)
    }

    fn read_model_scan<'a>(
        &'a self,
        prefix: &[u8],
    ) -> Box<dyn Iterator<Item = ReadModelItem> + 'a> {
        self.derived.scan(DerivedTable::ReadModels, prefix)
    }

    fn read_model_write(&self, writes: Vec<(Vec<u8>, Option<Vec<u8>>)>) -> Result<(), LogError> {
        self.derived.write(DerivedTable::ReadModels, writes)
    }

    fn read_model_remove_range(&self, from: &[u8], to: &[u8]) -> Result<u64, LogError> {
        self.derived
            .remove_range(DerivedTable::ReadModels, from, to)
    }

    fn read_model_make_durable(&self) -> Result<(), LogError> {
        self.derived.make_durable()
    }
}
