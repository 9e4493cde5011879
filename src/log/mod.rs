//! The append-only event log: the only source of truth.
//!
//! Only this module touches sled. Everything else sees the `EventLog` trait.
//!
//! Layout: one sled tree, `log`, with three key spaces so that one atomic
//! `Batch` writes an event together with its index entries:
//! - `e` + seq (u64 big-endian): the event, as JSON;
//! - `c` + content hash: the seq of the report with that content;
//! - `i` + report id: the seq of the event that stored that id.
//!
//! A second tree, `projections`, caches derived data (extractions). It is
//! not part of the chain and may be dropped at any time.

mod event;
pub mod import;
pub mod verify;

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde_json::value::RawValue;
use thiserror::Error;

pub use event::{
    CURRENT_SCHEMA_VERSION, EventPayload, GENESIS_HASH, PUBLISHED_AS_WRITTEN_KEY, StoredEvent,
    event_hash, upcast,
};
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
    db: sled::Db,
    tree: sled::Tree,
    projections: sled::Tree,
    read_models: sled::Tree,
    /// Our own handle on sled's data file, used only to fsync it: see
    /// `make_durable`.
    data_file: Option<std::fs::File>,
    len: u64,
    head_hash: String,
}

const EVENT_PREFIX: u8 = b'e';
const CONTENT_PREFIX: u8 = b'c';
const ID_PREFIX: u8 = b'i';
/// Index of the events that put a match model in force: a view finds the
/// model in force at any point without reading the log.
const MODEL_PREFIX: u8 = b'm';

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
/// hot working set; concord reads the log sequentially once per command and
/// writes the extraction cache once, so a smaller cache costs little speed
/// and keeps a replay of a million reports inside its memory budget.
const SLED_CACHE_BYTES: u64 = 128 * 1024 * 1024;

impl SledLog {
    pub fn open(path: impl AsRef<Path>) -> Result<SledLog, LogError> {
        let path = path.as_ref().to_path_buf();
        let db = open_sled_waiting_for_own_release(&path)?;
        let tree = db.open_tree("log")?;
        let projections = db.open_tree("projections")?;
        let read_models = db.open_tree("read_models")?;
        // sled 0.34.7 keeps its log in the file `db` inside the directory.
        // If a later sled moves it, appends are still flushed by sled, just
        // without the extra fsync.
        let data_file = std::fs::File::open(path.join("db")).ok();
        let mut log = SledLog {
            path,
            db,
            tree,
            projections,
            read_models,
            data_file,
            len: 0,
            head_hash: GENESIS_HASH.to_string(),
        };
        log.load_head()?;
        Ok(log)
    }

    pub fn path(&self) -> &Path {
        &self.path
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

    fn load_head(&mut self) -> Result<(), LogError> {
        let last = self
            .tree
            .scan_prefix([EVENT_PREFIX])
            .next_back()
            .transpose()?;
        if let Some((key, value)) = last {
            let seq = u64::from_be_bytes(key[1..9].try_into().unwrap_or([0; 8]));
            let event: StoredEvent = serde_json::from_slice(&value)
                .map_err(|source| LogError::CorruptEvent { seq, source })?;
            self.len = seq;
            self.head_hash = event.hash;
        }
        Ok(())
    }

    fn decode_event(seq: u64, bytes: &[u8]) -> Result<StoredEvent, LogError> {
        serde_json::from_slice(bytes).map_err(|source| LogError::CorruptEvent { seq, source })
    }

    /// Raw access for tamper-evidence tests: overwrite the stored bytes of an
    /// event without touching the chain. Not for normal use.
    #[doc(hidden)]
    pub fn tamper_put_raw(&self, seq: u64, bytes: &[u8]) -> Result<(), LogError> {
        self.tree.insert(event_key(seq), bytes)?;
        self.db.flush()?;
        Ok(())
    }

    /// Raw access for tamper-evidence tests: delete an event.
    #[doc(hidden)]
    pub fn tamper_remove_raw(&self, seq: u64) -> Result<(), LogError> {
        self.tree.remove(event_key(seq))?;
        self.db.flush()?;
        Ok(())
    }

    /// The raw bytes of an event, for tamper-evidence tests.
    #[doc(hidden)]
    pub fn raw_event(&self, seq: u64) -> Result<Option<Vec<u8>>, LogError> {
        Ok(self.tree.get(event_key(seq))?.map(|v| v.to_vec()))
    }

    /// Every stored event key in order, whatever its content; used by verify
    /// to notice gaps and foreign keys.
    pub(crate) fn raw_events(&self) -> impl Iterator<Item = Result<(u64, Vec<u8>), LogError>> + '_ {
        self.tree.scan_prefix([EVENT_PREFIX]).map(|item| {
            let (key, value) = item?;
            let seq = key
                .get(1..9)
                .and_then(|k| k.try_into().ok())
                .map(u64::from_be_bytes)
                .unwrap_or(u64::MAX);
            Ok((seq, value.to_vec()))
        })
    }

    pub fn verify(&self) -> Result<VerifyReport, LogError> {
        verify::verify_raw(self.raw_events())
    }

    /// The size of the database on disk, in bytes.
    pub fn size_on_disk(&self) -> Result<u64, LogError> {
        Ok(self.db.size_on_disk()?)
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
        let mut batch = sled::Batch::default();
        let mut outcomes = Vec::with_capacity(events.len());
        let mut next_seq = self.len + 1;
        let mut prev_hash = self.head_hash.clone();
        // Index entries written earlier in this same batch are not yet
        // visible in the tree, so they are also tracked here.
        let mut batch_contents: std::collections::HashMap<[u8; 32], (u64, String)> =
            std::collections::HashMap::new();
        let mut batch_ids: std::collections::HashSet<String> = std::collections::HashSet::new();

        for mut payload in events {
            let mut report_id = None;
            let mut renamed_from = None;
            if let Some(report) = payload.report() {
                let content = report.content_hash();
                let existing = match batch_contents.get(&content) {
                    Some((seq, id)) => Some((*seq, Some(id.clone()))),
                    None => match self.tree.get(prefixed(CONTENT_PREFIX, &content))? {
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
                        || self.tree.contains_key(prefixed(ID_PREFIX, id.as_bytes()))?)
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
            let payload_json = payload.payload_json().map_err(LogError::Encode)?;
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
            self.tree.apply_batch(batch)?;
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
        Ok(outcomes)
    }

    fn len(&self) -> u64 {
        self.len
    }

    fn get(&self, seq: u64) -> Result<Option<StoredEvent>, LogError> {
        match self.tree.get(event_key(seq))? {
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
        Box::new(
            self.tree
                .range(event_key(from)..=event_key(to))
                .map(|item| {
                    let (key, value) = item?;
                    let seq = u64::from_be_bytes(key[1..9].try_into().unwrap_or([0; 8]));
                    Self::decode_event(seq, &value)
                }),
        )
    }

    fn head_hash(&self) -> String {
        self.head_hash.clone()
    }

    fn report_seq(&self, id: &str) -> Result<Option<u64>, LogError> {
        Ok(self
            .tree
            .get(prefixed(ID_PREFIX, id.as_bytes()))?
            .and_then(|v| seq_from_value(&v)))
    }

    fn model_seq_at_or_before(&self, seq: u64) -> Result<Option<u64>, LogError> {
        let from = prefixed(MODEL_PREFIX, &0u64.to_be_bytes());
        let to = prefixed(MODEL_PREFIX, &seq.to_be_bytes());
        match self.tree.range(from..=to).next_back() {
            Some(item) => Ok(item?.0.get(1..).and_then(seq_from_value)),
            None => Ok(None),
        }
    }

    fn append_verbatim(&mut self, events: Vec<StoredEvent>) -> Result<(), LogError> {
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
        self.tree.apply_batch(batch)?;
        if let Err(error) = self.make_durable() {
            let _ = self.load_head();
            return Err(error);
        }
        self.len = expected_seq - 1;
        self.head_hash = prev_hash;
        Ok(())
    }
}

impl ProjectionStore for SledLog {
    fn get_projection(&self, namespace: &str, key: &[u8]) -> Result<Option<Vec<u8>>, LogError> {
        let mut full = namespace.as_bytes().to_vec();
        full.push(0);
        full.extend_from_slice(key);
        Ok(self.projections.get(full)?.map(|v| v.to_vec()))
    }

    fn put_projections(
        &self,
        namespace: &str,
        entries: Vec<(Vec<u8>, Vec<u8>)>,
    ) -> Result<(), LogError> {
        let mut batch = sled::Batch::default();
        for (key, value) in entries {
            let mut full = namespace.as_bytes().to_vec();
            full.push(0);
            full.extend_from_slice(&key);
            batch.insert(full, value);
        }
        self.projections.apply_batch(batch)?;
        // Projections are derivable; they are flushed with the next log write
        // or on drop, and a loss only costs recomputation.
        Ok(())
    }

    fn clear_projection(&self, namespace: &str) -> Result<(), LogError> {
        let mut prefix = namespace.as_bytes().to_vec();
        prefix.push(0);
        let mut batch = sled::Batch::default();
        for item in self.projections.scan_prefix(&prefix) {
            let (key, _) = item?;
            batch.remove(key);
        }
        self.projections.apply_batch(batch)?;
        Ok(())
    }
}

impl ReadModelStore for SledLog {
    fn read_model_get(&self, key: &[u8]) -> Result<Option<Vec<u8>>, LogError> {
        Ok(self.read_models.get(key)?.map(|value| value.to_vec()))
    }

    fn read_model_scan<'a>(
        &'a self,
        prefix: &[u8],
    ) -> Box<dyn Iterator<Item = ReadModelItem> + 'a> {
        Box::new(self.read_models.scan_prefix(prefix).map(|item| {
            item.map(|(key, value)| (key.to_vec(), value.to_vec()))
                .map_err(LogError::from)
        }))
    }

    fn read_model_write(&self, writes: Vec<(Vec<u8>, Option<Vec<u8>>)>) -> Result<(), LogError> {
        let mut batch = sled::Batch::default();
        for (key, value) in writes {
            match value {
                Some(value) => batch.insert(key, value),
                None => batch.remove(key),
            }
        }
        self.read_models.apply_batch(batch)?;
        Ok(())
    }

    fn read_model_remove_range(&self, from: &[u8], to: &[u8]) -> Result<u64, LogError> {
        let mut removed = 0;
        let mut batch = sled::Batch::default();
        for item in self.read_models.range(from.to_vec()..to.to_vec()) {
            let (key, _) = item?;
            batch.remove(key);
            removed += 1;
            if removed % 4096 == 0 {
                self.read_models.apply_batch(std::mem::take(&mut batch))?;
            }
        }
        self.read_models.apply_batch(batch)?;
        Ok(removed)
    }

    fn read_model_make_durable(&self) -> Result<(), LogError> {
        self.make_durable()
    }
}
