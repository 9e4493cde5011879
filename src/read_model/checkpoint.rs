//! Checkpoints: the read model as it stood at earlier points of the log, so
//! that a view `--as-of` an earlier event costs at most one window of
//! catch-up instead of a replay from the first event (issue 15).
//!
//! A checkpoint is kept as **pre-images, not copies**. Every catch-up at the
//! head writes its changes together with, for each key it changes, the
//! value the key had at the newest checkpoint, unless that checkpoint
//! already holds one (the key changed before in its window). A new
//! checkpoint opens at the read model's position when a catch-up starts at
//! least `CHECKPOINT_EVERY_EVENTS` events after the newest one (the first
//! catch-up of a generation opens one where the generation was written).
//! So a checkpoint costs what its window changed, once per key, and nothing
//! is copied that did not change.
//!
//! The read model at checkpoint `C` is then: for each key, its pre-image in
//! the first checkpoint at or after `C` holding one (the value before the
//! key's first change after `C`, which is its value at `C`); the current
//! value when none does. A view as of event `P` takes the newest checkpoint
//! at or before `P` (or the read model itself, when it is not past `P`),
//! and catches it up to `P` in memory (`ReadModelAt`), exactly as `ingest`
//! would have: the key-for-key equality of catch-up and replay carries over.
//!
//! **Checkpoints live and die with their generation**: their keys are the
//! generation's (`g` gen `X` position, `g` gen `x` position key), written in
//! the same atomic batch as the change they undo, and removed with it when a
//! replay writes a new generation. A point before the oldest checkpoint of
//! the generation in force (before the last replay) still replays.
//!
//! **A view of the past never writes**: `ReadModelAt` reads the log only
//! up to its position and keeps the catch-up's writes in memory.

use std::cell::RefCell;
use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use crate::log::{
    AppendOutcome, EventLog, EventPayload, LogError, ProjectionStore, ReadModelItem,
    ReadModelStore, StoredEvent,
};
use crate::project::ProjectionSettings;

use super::{
    CHECKPOINT_MARK, CHECKPOINT_RECORD, ReadModel, ReadModelError, ReadModelStamp, STAMP_KEY,
    Staleness, catch_up, generation_key, staleness, stamp,
};

/// One key's write (`Some`) or removal (`None`), as `read_model_write`
/// takes them.
type Write = (Vec<u8>, Option<Vec<u8>>);

/// Events between two checkpoints, at least: the catch-up window
/// (`catch_up::CATCH_UP_MIN_EVENTS`), so a view as of any event after the
/// first checkpoint replays at most one window, plus the batch that
/// crossed it.
pub const CHECKPOINT_EVERY_EVENTS: u64 = 4096;

fn mark_key(generation: u64, position: u64) -> Vec<u8> {
    generation_key(generation, CHECKPOINT_MARK, &position.to_be_bytes())
}

fn record_key(generation: u64, position: u64, key: &[u8]) -> Vec<u8> {
    let mut rest = Vec::with_capacity(8 + key.len());
    rest.extend_from_slice(&position.to_be_bytes());
    rest.extend_from_slice(key);
    generation_key(generation, CHECKPOINT_RECORD, &rest)
}

/// A pre-image as stored: a key that was absent is one zero byte, a value
/// is one byte 1 and the value.
fn encode_pre_image(value: Option<&[u8]>) -> Vec<u8> {
    match value {
        None => vec![0],
        Some(bytes) => {
            let mut stored = Vec::with_capacity(1 + bytes.len());
            stored.push(1);
            stored.extend_from_slice(bytes);
            stored
        }
    }
}

fn decode_pre_image(key: &[u8], stored: &[u8]) -> Result<Option<Vec<u8>>, LogError> {
    match stored.split_first() {
        Some((0, [])) => Ok(None),
        Some((1, value)) => Ok(Some(value.to_vec())),
        _ => Err(LogError::CorruptReadModel {
            key: String::from_utf8_lossy(key).into_owned(),
            what: "a checkpoint's pre-image is neither absent (0) nor a value (1)".to_string(),
        }),
    }
}

/// The checkpoints of `generation`, oldest first.
fn checkpoints<S>(store: &S, generation: u64) -> Result<Vec<u64>, ReadModelError>
where
    S: ReadModelStore + ?Sized,
{
    let prefix = generation_key(generation, CHECKPOINT_MARK, &[]);
    let mut positions = Vec::new();
    for item in store.read_model_scan(&prefix) {
        let (key, _) = item?;
        let position: [u8; 8] =
            key[prefix.len()..]
                .try_into()
                .map_err(|_| ReadModelError::Missing {
                    key: format!("a checkpoint mark at {}", String::from_utf8_lossy(&key)),
                })?;
        positions.push(u64::from_be_bytes(position));
    }
    Ok(positions)
}

/// The positions of the checkpoints the read model in force keeps, oldest
/// first (`concord` views as of any event at or after the first answer from
/// them).
pub fn checkpoint_positions<S>(store: &S) -> Result<Vec<u64>, ReadModelError>
where
    S: ReadModelStore + ?Sized,
{
    match stamp(store)? {
        Some(in_force) => checkpoints(store, in_force.generation),
        None => Ok(Vec::new()),
    }
}

/// `writes`, a catch-up from `before` (the stamp in force), as the batch to
/// apply: the keys whose value changes, each with its pre-image in the
/// newest checkpoint when that does not hold one yet, and the mark of a new
/// checkpoint when one opens here (`every_events` or more after the newest). Keys written with the value they hold
/// are dropped: they change nothing, and undo nothing.
pub(super) fn with_pre_images<S>(
    store: &S,
    before: &ReadModelStamp,
    writes: BTreeMap<Vec<u8>, Option<Vec<u8>>>,
    every_events: u64,
) -> Result<Vec<Write>, ReadModelError>
where
    S: ReadModelStore + ?Sized,
{
    let generation = before.generation;
    let mut batch = Vec::with_capacity(writes.len() * 2 + 1);
    let (checkpoint, opened) = match checkpoints(store, generation)?.last() {
        Some(&newest) if before.position < newest.saturating_add(every_events) => (newest, false),
        _ => {
            batch.push((mark_key(generation, before.position), Some(Vec::new())));
            (before.position, true)
        }
    };
    for (key, value) in writes {
        let old = store.read_model_get(&key)?;
        if old == value {
            continue;
        }
        let record = record_key(generation, checkpoint, &key);
        if opened || store.read_model_get(&record)?.is_none() {
            batch.push((record, Some(encode_pre_image(old.as_deref()))));
        }
        batch.push((key, value));
    }
    Ok(batch)
}

/// The read model as it stood at event `position`, caught up there from
/// the nearest checkpoint; `None` when none can give it (no read model of
/// this log and these settings, no checkpoint at or before `position`, or a
/// window the catch-up declines): the caller replays.
pub fn past<'a, L>(
    log: &'a L,
    settings: &ProjectionSettings,
    position: u64,
) -> Result<Option<ReadModelAt<'a, L>>, ReadModelError>
where
    L: EventLog + ProjectionStore + ReadModelStore + ?Sized,
{
    if position > log.len() {
        return Ok(None);
    }
    match staleness(log, settings)? {
        None | Some(Staleness::Behind { .. }) => {}
        Some(_) => return Ok(None),
    }
    let Some(in_force) = stamp(log)? else {
        return Ok(None);
    };
    // The read model itself when it is not past `position`; else the
    // newest checkpoint at or before it.
    let base = if in_force.position <= position {
        None
    } else {
        let marks = checkpoints(log, in_force.generation)?;
        match marks.iter().rposition(|&mark| mark <= position) {
            Some(index) => Some((marks[index], marks[index..].to_vec())),
            None => return Ok(None),
        }
    };
    let past = ReadModelAt {
        log,
        head: position,
        generation: in_force.generation,
        undo: base.map(|(_, marks)| marks).unwrap_or_default(),
        layer: RefCell::new(BTreeMap::new()),
    };
    let Some(base_stamp) = stamp(&past)? else {
        return Ok(None);
    };
    if base_stamp.position < position {
        let Some(plan) = catch_up::catch_up(&past, settings, &base_stamp)? else {
            return Ok(None);
        };
        past.layer.borrow_mut().extend(plan.writes);
    }
    Ok(Some(past))
}

/// The log as it stood at one event, with the read model as it stood
/// there: the checkpoint's state, undone from the current read model, and
/// what the catch-up from the checkpoint wrote, in memory. It answers
/// views through `read_model()`; it never writes to the database (the
/// extraction cache aside, as a replay fills it).
pub struct ReadModelAt<'a, L: ?Sized> {
    log: &'a L,
    /// The last event it holds.
    head: u64,
    generation: u64,
    /// The checkpoints whose pre-images undo the read model in force, the
    /// one the view starts from first; empty when it starts from the read
    /// model in force.
    undo: Vec<u64>,
    layer: RefCell<BTreeMap<Vec<u8>, Option<Vec<u8>>>>,
}

impl<'a, L> ReadModelAt<'a, L>
where
    L: EventLog + ReadModelStore + ?Sized,
{
    /// The read model in force, read through: the head's, or a past one
    /// that needs no undoing and no catch-up.
    pub(super) fn in_force(log: &'a L) -> Self {
        ReadModelAt {
            log,
            head: log.len(),
            generation: 0,
            undo: Vec::new(),
            layer: RefCell::new(BTreeMap::new()),
        }
    }

    /// The views' lookups, as of `head`.
    pub fn read_model(&self) -> Result<ReadModel<'_, Self>, ReadModelError> {
        let stamp = stamp(self)?.ok_or_else(|| ReadModelError::Missing {
            key: String::from_utf8_lossy(STAMP_KEY).into_owned(),
        })?;
        Ok(ReadModel { store: self, stamp })
    }

    /// The key's value at the starting checkpoint.
    fn undone(&self, key: &[u8]) -> Result<Option<Vec<u8>>, LogError> {
        for &checkpoint in &self.undo {
            if let Some(stored) =
                self.log
                    .read_model_get(&record_key(self.generation, checkpoint, key))?
            {
                return decode_pre_image(key, &stored);
            }
        }
        self.log.read_model_get(key)
    }

    /// The pre-images under `prefix`, the first checkpoint's winning.
    fn undone_under(&self, prefix: &[u8]) -> Result<BTreeMap<Vec<u8>, Option<Vec<u8>>>, LogError> {
        let mut earliest: BTreeMap<Vec<u8>, Option<Vec<u8>>> = BTreeMap::new();
        for &checkpoint in &self.undo {
            let records = record_key(self.generation, checkpoint, prefix);
            let skip = records.len() - prefix.len();
            for item in self.log.read_model_scan(&records) {
                let (record, stored) = item?;
                let key = record[skip..].to_vec();
                if let std::collections::btree_map::Entry::Vacant(entry) = earliest.entry(key) {
                    let value = decode_pre_image(entry.key(), &stored)?;
                    entry.insert(value);
                }
            }
        }
        Ok(earliest)
    }
}

/// `base` (in key order) with `overrides` applied: an override's value
/// replaces the base's, and a `None` removes the key.
fn overlay<'a>(
    base: Box<dyn Iterator<Item = ReadModelItem> + 'a>,
    overrides: BTreeMap<Vec<u8>, Option<Vec<u8>>>,
) -> Box<dyn Iterator<Item = ReadModelItem> + 'a> {
    let mut base = base.peekable();
    let mut overrides = overrides.into_iter().peekable();
    Box::new(std::iter::from_fn(move || {
        loop {
            let from_base = match base.peek() {
                Some(Ok((key, _))) => Some(key.clone()),
                Some(Err(_)) => return base.next(),
                None => None,
            };
            let from_overrides = overrides.peek().map(|(key, _)| key.clone());
            match (from_base, from_overrides) {
                (None, None) => return None,
                (Some(_), None) => return base.next(),
                (base_key, Some(override_key)) => {
                    if base_key.as_ref().is_some_and(|key| *key < override_key) {
                        return base.next();
                    }
                    if base_key.as_ref() == Some(&override_key) {
                        base.next();
                    }
                    let (key, value) = overrides.next()?;
                    if let Some(value) = value {
                        return Some(Ok((key, value)));
                    }
                }
            }
        }
    }))
}

impl<L> ReadModelStore for ReadModelAt<'_, L>
where
    L: EventLog + ReadModelStore + ?Sized,
{
    fn read_model_get(&self, key: &[u8]) -> Result<Option<Vec<u8>>, LogError> {
        if let Some(value) = self.layer.borrow().get(key) {
            return Ok(value.clone());
        }
        self.undone(key)
    }

    fn read_model_scan<'b>(
        &'b self,
        prefix: &[u8],
    ) -> Box<dyn Iterator<Item = ReadModelItem> + 'b> {
        let mut base = self.log.read_model_scan(prefix);
        if !self.undo.is_empty() {
            match self.undone_under(prefix) {
                Ok(undone) => base = overlay(base, undone),
                Err(error) => return Box::new(std::iter::once(Err(error))),
            }
        }
        if self.layer.borrow().is_empty() {
            return base;
        }
        let written: BTreeMap<Vec<u8>, Option<Vec<u8>>> = self
            .layer
            .borrow()
            .range(prefix.to_vec()..)
            .take_while(|(key, _)| key.starts_with(prefix))
            .map(|(key, value)| (key.clone(), value.clone()))
            .collect();
        overlay(base, written)
    }

    fn read_model_write(&self, writes: Vec<(Vec<u8>, Option<Vec<u8>>)>) -> Result<(), LogError> {
        self.layer.borrow_mut().extend(writes);
        Ok(())
    }

    fn read_model_remove_range(&self, from: &[u8], to: &[u8]) -> Result<u64, LogError> {
        let mut removed = Vec::new();
        for item in self.read_model_scan(b"") {
            let (key, _) = item?;
            if key.as_slice() >= from && key.as_slice() < to {
                removed.push((key, None));
            }
        }
        let count = removed.len() as u64;
        self.read_model_write(removed)?;
        Ok(count)
    }

    fn read_model_make_durable(&self) -> Result<(), LogError> {
        Ok(())
    }
}

impl<L> EventLog for ReadModelAt<'_, L>
where
    L: EventLog + ?Sized,
{
    fn append(
        &mut self,
        _events: Vec<EventPayload>,
        _recorded_at: DateTime<Utc>,
    ) -> Result<Vec<AppendOutcome>, LogError> {
        Err(LogError::ReadOnly { seq: self.head })
    }

    fn len(&self) -> u64 {
        self.head
    }

    fn get(&self, seq: u64) -> Result<Option<StoredEvent>, LogError> {
        if seq > self.head {
            return Ok(None);
        }
        self.log.get(seq)
    }

    fn range(
        &self,
        from: u64,
        to: u64,
    ) -> Box<dyn Iterator<Item = Result<StoredEvent, LogError>> + '_> {
        self.log.range(from, to.min(self.head))
    }

    fn head_hash(&self) -> String {
        match self.log.get(self.head) {
            Ok(Some(event)) => event.hash,
            _ => crate::log::GENESIS_HASH.to_string(),
        }
    }

    fn report_seq(&self, id: &str) -> Result<Option<u64>, LogError> {
        Ok(self.log.report_seq(id)?.filter(|&seq| seq <= self.head))
    }

    fn model_seq_at_or_before(&self, seq: u64) -> Result<Option<u64>, LogError> {
        self.log.model_seq_at_or_before(seq.min(self.head))
    }

    fn append_verbatim(&mut self, _events: Vec<StoredEvent>) -> Result<(), LogError> {
        Err(LogError::ReadOnly { seq: self.head })
    }
}

impl<L> ProjectionStore for ReadModelAt<'_, L>
where
    L: ProjectionStore + ?Sized,
{
    fn get_projection(&self, namespace: &str, key: &[u8]) -> Result<Option<Vec<u8>>, LogError> {
        self.log.get_projection(namespace, key)
    }

    fn put_projections(
        &self,
        namespace: &str,
        entries: Vec<(Vec<u8>, Vec<u8>)>,
    ) -> Result<(), LogError> {
        self.log.put_projections(namespace, entries)
    }

    fn clear_projection(&self, _namespace: &str) -> Result<(), LogError> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(pairs: &[(&str, &str)]) -> Box<dyn Iterator<Item = ReadModelItem> + 'static> {
        let owned: Vec<ReadModelItem> = pairs
            .iter()
            .map(|(key, value)| Ok((key.as_bytes().to_vec(), value.as_bytes().to_vec())))
            .collect();
        Box::new(owned.into_iter())
    }

    fn check_overlay(
        base: &[(&str, &str)],
        overrides: &[(&str, Option<&str>)],
        expected: &[(&str, &str)],
    ) {
        let overrides = overrides
            .iter()
            .map(|(key, value)| {
                (
                    key.as_bytes().to_vec(),
                    value.map(|v| v.as_bytes().to_vec()),
                )
            })
            .collect();
        let got: Vec<(String, String)> = overlay(items(base), overrides)
            .map(|item| {
                let (key, value) = item.unwrap();
                (
                    String::from_utf8(key).unwrap(),
                    String::from_utf8(value).unwrap(),
                )
            })
            .collect();
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|(key, value)| (key.to_string(), value.to_string()))
            .collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn an_overlay_replaces_adds_and_removes_keys_in_key_order() {
        check_overlay(&[], &[], &[]);
        check_overlay(&[("a", "1"), ("c", "3")], &[], &[("a", "1"), ("c", "3")]);
        check_overlay(&[], &[("b", Some("2")), ("d", None)], &[("b", "2")]);
        check_overlay(
            &[("a", "1"), ("c", "3"), ("e", "5")],
            &[
                ("a", None),
                ("b", Some("2")),
                ("c", Some("33")),
                ("f", Some("6")),
            ],
            &[("b", "2"), ("c", "33"), ("e", "5"), ("f", "6")],
        );
        check_overlay(&[("a", "1"), ("b", "2")], &[("a", None), ("b", None)], &[]);
    }

    #[test]
    fn a_pre_image_tells_an_absent_key_from_an_empty_value() {
        for value in [None, Some(&b""[..]), Some(&b"incident"[..])] {
            let stored = encode_pre_image(value);
            assert_eq!(
                decode_pre_image(b"key", &stored).unwrap(),
                value.map(<[u8]>::to_vec)
            );
        }
        assert!(decode_pre_image(b"key", b"").is_err());
        assert!(decode_pre_image(b"key", &[0, 1]).is_err());
    }
}
