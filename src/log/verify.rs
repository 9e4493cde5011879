//! Walking the hash chain. Works on raw bytes, so it can name an event whose
//! JSON no longer parses, and on any sequence of events (the database, or an
//! export being imported).

use serde::Serialize;

use super::{GENESIS_HASH, LogError, StoredEvent};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VerifyProblem {
    /// The seq at which the problem shows (the position in the chain).
    pub seq: u64,
    pub what: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct VerifyReport {
    pub events_checked: u64,
    pub head_hash: String,
    pub problems: Vec<VerifyProblem>,
}

impl VerifyReport {
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Verifies events given as (seq the position claims, raw JSON bytes).
///
/// Besides listing every broken link, it tries to name the event that was
/// tampered with rather than the first innocent event that shows it: an
/// event spliced in is named, not the one after it; an event changed and
/// then given a freshly computed hash is named, not its successor whose
/// link no longer matches; a shift of all later events after an insertion
/// or removal is reported once.
pub fn verify_raw(
    events: impl Iterator<Item = Result<(u64, Vec<u8>), LogError>>,
) -> Result<VerifyReport, LogError> {
    let mut walker = ChainWalker::default();
    for item in events {
        let (position, bytes) = item?;
        walker.check(position, &bytes);
    }
    Ok(walker.finish())
}

/// The state carried from one event to the next while walking the chain.
struct ChainWalker {
    expected_seq: u64,
    /// The hash recorded by the event at the previous position; empty when
    /// that event could not be read.
    previous_hash: String,
    /// The hash recorded by the event two positions back.
    hash_before_previous: String,
    /// Whether the previous event's recorded hash matches its content.
    previous_was_self_consistent: bool,
    /// Whether the previous event was just reported as being in the wrong
    /// place, which explains why the next link does not match.
    previous_was_misplaced: bool,
    /// position - claimed seq of the previous event: lets a run of events
    /// all shifted by the same insertion or removal be reported once.
    current_shift: i128,
    /// The seq the event at the previous position claimed to be.
    previous_claimed_seq: Option<u64>,
    problems: Vec<VerifyProblem>,
    checked: u64,
}

impl Default for ChainWalker {
    fn default() -> Self {
        ChainWalker {
            expected_seq: 1,
            previous_hash: GENESIS_HASH.to_string(),
            hash_before_previous: String::new(),
            previous_was_self_consistent: true,
            previous_was_misplaced: false,
            current_shift: 0,
            previous_claimed_seq: None,
            problems: Vec::new(),
            checked: 0,
        }
    }
}

impl ChainWalker {
    fn problem(&mut self, seq: u64, what: String) {
        self.problems.push(VerifyProblem { seq, what });
    }

    fn check(&mut self, position: u64, bytes: &[u8]) {
        self.checked += 1;
        let mut link_explained = false;
        if position != self.expected_seq {
            if position > self.expected_seq {
                let expected = self.expected_seq;
                let what = if position == expected + 1 {
                    format!("event {expected} is missing")
                } else {
                    format!("events {expected}..{} are missing", position - 1)
                };
                self.problem(expected, what);
                // The next link cannot match across a hole; the hole is the
                // problem, not the event after it.
                link_explained = true;
            } else {
                let expected = self.expected_seq;
                self.problem(
                    position,
                    format!("event {position} appears out of order (expected {expected})"),
                );
            }
        }
        let event: StoredEvent = match serde_json::from_slice(bytes) {
            Ok(event) => event,
            Err(error) => {
                self.problem(
                    position,
                    format!("event {position} is not a readable event: {error}"),
                );
                self.expected_seq = position + 1;
                // The chain cannot be followed through an unreadable event;
                // pick it up again from whatever the next event names.
                self.hash_before_previous = std::mem::take(&mut self.previous_hash);
                self.previous_was_self_consistent = false;
                self.previous_was_misplaced = true;
                self.previous_claimed_seq = None;
                return;
            }
        };
        let recorded_hash_is_right = event.expected_hash() == event.hash;
        let link_matches = self.previous_hash.is_empty() || event.prev_hash == self.previous_hash;

        let mut misplaced = false;
        let shift = i128::from(position) - i128::from(event.seq);
        if shift == 0 {
            self.current_shift = 0;
        } else {
            if shift != self.current_shift {
                misplaced = true;
                let claimed = event.seq;
                // Two neighbours swapped also look like a shift by one,
                // but the event before then claims this position.
                let neighbours_swapped = self.previous_claimed_seq == Some(position);
                if shift == 1
                    && !neighbours_swapped
                    && !self.hash_before_previous.is_empty()
                    && event.prev_hash == self.hash_before_previous
                {
                    // The event here continues from two places back: the
                    // one in between does not belong to the chain.
                    let inserted = position - 1;
                    let continues_from = match inserted.saturating_sub(1) {
                        0 => "the start of the log".to_string(),
                        seq => format!("event {seq}"),
                    };
                    self.problem(
                        inserted,
                        format!(
                            "event {inserted} was inserted: the event after it says it is event {claimed} and continues directly from {continues_from}"
                        ),
                    );
                    link_explained = true;
                } else if shift == -1 && !link_matches {
                    self.problem(
                        position,
                        format!(
                            "the event at position {position} says it is event {claimed}: event {position} was removed and later events moved down, or events were reordered"
                        ),
                    );
                    link_explained = true;
                } else {
                    self.problem(
                        position,
                        format!("event at position {position} says it is event {claimed}"),
                    );
                    link_explained = true;
                }
            }
            // Otherwise the shift is the same as the event before's, which
            // was already reported.
            self.current_shift = shift;
        }

        if !link_matches && !link_explained && !self.previous_was_misplaced {
            if recorded_hash_is_right && self.previous_was_self_consistent && position > 1 {
                // Both events are internally consistent, yet this one
                // recorded a different hash for its predecessor: the
                // predecessor was rewritten and its hash recomputed.
                let changed = position - 1;
                self.problem(
                    changed,
                    format!(
                        "event {changed} was changed and its hash recomputed: event {position} recorded its hash as {}, but it is now {}",
                        short(&event.prev_hash),
                        short(&self.previous_hash)
                    ),
                );
            } else {
                self.problem(
                    position,
                    format!(
                        "event {position} names {} as the previous hash, but the previous event's hash is {}",
                        short(&event.prev_hash),
                        short(&self.previous_hash)
                    ),
                );
            }
        }
        if !recorded_hash_is_right {
            let expected_hash = event.expected_hash();
            self.problem(
                position,
                format!(
                    "event {position} was changed after it was written: its content hashes to {}, but it records {}",
                    short(&expected_hash),
                    short(&event.hash)
                ),
            );
        }
        if let Err(error) = event.decode() {
            self.problem(
                position,
                format!("event {position} has a payload that does not decode: {error}"),
            );
        }
        self.hash_before_previous = std::mem::replace(&mut self.previous_hash, event.hash);
        self.previous_was_self_consistent = recorded_hash_is_right;
        self.previous_was_misplaced = misplaced;
        self.previous_claimed_seq = Some(event.seq);
        self.expected_seq = position + 1;
    }

    fn finish(self) -> VerifyReport {
        VerifyReport {
            events_checked: self.checked,
            head_hash: if self.previous_hash.is_empty() {
                GENESIS_HASH.to_string()
            } else {
                self.previous_hash
            },
            problems: self.problems,
        }
    }
}

fn short(hash: &str) -> &str {
    hash.get(..12).unwrap_or(hash)
}
