//! Reading an export (`concord log --json`: one `StoredEvent` as JSON per
//! line) back into a log, checking the hash chain while reading.
//!
//! The whole export is checked before anything is written, so a tampered
//! or truncated-in-the-middle export leaves the database as it was. The
//! events are then written in batches; each batch is atomic and flushed, so
//! an import interrupted while writing leaves a valid, shorter chain, and
//! running the same import again skips what is already there.

use std::io::BufRead;

use serde::Serialize;
use thiserror::Error;

use super::{EventLog, GENESIS_HASH, LogError, StoredEvent};

/// How many events go into one atomic, flushed write.
const IMPORT_BATCH_SIZE: usize = 1000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportSummary {
    /// Lines read, blank ones included.
    pub lines_read: usize,
    /// Events written to the log.
    pub imported: u64,
    /// Events of the export that the log already held, byte-identical in
    /// hash (an export of this same log, or an import run twice).
    pub already_present: u64,
    /// The log's head hash after the import; equal to the export's last
    /// hash when the export was complete.
    pub head_hash: String,
}

#[derive(Debug, Error)]
pub enum ImportError {
    /// The export is not a valid continuation of the chain at `line`
    /// (1-based). Nothing was written.
    #[error("line {line}{}: {what}", seq.map(|seq| format!(" (event {seq})")).unwrap_or_default())]
    BadLine {
        line: usize,
        seq: Option<u64>,
        what: String,
    },
    #[error("cannot read line {line} of the export: {source}")]
    Read { line: usize, source: std::io::Error },
    #[error(transparent)]
    Log(#[from] LogError),
}

/// Reads an export line by line, checks that every event continues the
/// chain (its seq, the previous hash it names, its own hash, a payload this
/// version can decode), and appends the events verbatim, so the log ends
/// with the same head hash as the exported one.
///
/// The export may overlap the log: events the log already has (same seq,
/// same hash) are skipped. An event whose seq the log has with a different
/// hash is refused: the two histories diverge. An export may also start
/// after event 1 if it starts right after the log's head.
pub fn import_events(
    log: &mut impl EventLog,
    lines: impl BufRead,
) -> Result<ImportSummary, ImportError> {
    let log_length = log.len();
    let mut pending: Vec<StoredEvent> = Vec::new();
    let mut already_present = 0u64;
    // The seq and previous hash the next line must have; unknown until the
    // first event says where the export starts.
    let mut expected: Option<(u64, String)> = None;
    let mut lines_read = 0;

    for (index, line) in lines.lines().enumerate() {
        let line_number = index + 1;
        lines_read = line_number;
        let line = line.map_err(|source| ImportError::Read {
            line: line_number,
            source,
        })?;
        if line.trim().is_empty() {
            continue;
        }
        let bad = |seq: Option<u64>, what: String| ImportError::BadLine {
            line: line_number,
            seq,
            what,
        };
        let event: StoredEvent = serde_json::from_str(&line)
            .map_err(|error| bad(None, format!("not an exported event: {error}")))?;
        let seq = event.seq;

        let (expected_seq, expected_previous_hash) = match expected.take() {
            Some(expected) => expected,
            None => {
                if seq == 0 || seq > log_length + 1 {
                    return Err(bad(
                        Some(seq),
                        format!(
                            "the export starts at event {seq}, but the database holds {log_length} events, so event {} would be missing",
                            log_length + 1
                        ),
                    ));
                }
                let previous_hash = if seq == 1 {
                    GENESIS_HASH.to_string()
                } else {
                    log.get(seq - 1)?
                        .map(|previous| previous.hash)
                        .unwrap_or_default()
                };
                (seq, previous_hash)
            }
        };
        if seq != expected_seq {
            return Err(bad(
                Some(seq),
                format!(
                    "expected event {expected_seq} here, found event {seq}: an event was removed, inserted or moved"
                ),
            ));
        }
        if event.prev_hash != expected_previous_hash {
            return Err(bad(
                Some(seq),
                format!(
                    "event {seq} does not continue the chain: it names {} as the previous hash, but the previous event's hash is {}",
                    short(&event.prev_hash),
                    short(&expected_previous_hash)
                ),
            ));
        }
        let content_hash = event.expected_hash();
        if content_hash != event.hash {
            return Err(bad(
                Some(seq),
                format!(
                    "event {seq} was changed after it was written: its content hashes to {}, but it records {}",
                    short(&content_hash),
                    short(&event.hash)
                ),
            ));
        }
        if let Err(error) = event.decode() {
            return Err(bad(
                Some(seq),
                format!("event {seq} has a payload that does not decode: {error}"),
            ));
        }
        if seq <= log_length {
            let existing = log.get(seq)?;
            match existing {
                Some(existing) if existing.hash == event.hash => already_present += 1,
                Some(existing) => {
                    return Err(bad(
                        Some(seq),
                        format!(
                            "the database already has a different event {seq} (hash {} where the export has {}): the histories diverge",
                            short(&existing.hash),
                            short(&event.hash)
                        ),
                    ));
                }
                None => {
                    return Err(bad(
                        Some(seq),
                        format!("the database has no event {seq} to compare with"),
                    ));
                }
            }
            expected = Some((seq + 1, event.hash));
        } else {
            expected = Some((seq + 1, event.hash.clone()));
            pending.push(event);
        }
    }

    let imported = pending.len() as u64;
    let mut remaining = pending.into_iter().peekable();
    while remaining.peek().is_some() {
        let batch: Vec<StoredEvent> = remaining.by_ref().take(IMPORT_BATCH_SIZE).collect();
        log.append_verbatim(batch)?;
    }
    Ok(ImportSummary {
        lines_read,
        imported,
        already_present,
        head_hash: log.head_hash(),
    })
}

fn short(hash: &str) -> &str {
    hash.get(..12).unwrap_or(hash)
}
