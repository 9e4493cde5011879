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
pub fn verify_raw(
    events: impl Iterator<Item = Result<(u64, Vec<u8>), LogError>>,
) -> Result<VerifyReport, LogError> {
    let mut expected_seq = 1u64;
    let mut prev_hash = GENESIS_HASH.to_string();
    let mut problems = Vec::new();
    let mut checked = 0;
    for item in events {
        let (position, bytes) = item?;
        checked += 1;
        if position != expected_seq {
            if position > expected_seq {
                let what = if position == expected_seq + 1 {
                    format!("event {expected_seq} is missing")
                } else {
                    format!("events {expected_seq}..{} are missing", position - 1)
                };
                problems.push(VerifyProblem {
                    seq: expected_seq,
                    what,
                });
            } else {
                problems.push(VerifyProblem {
                    seq: position,
                    what: format!(
                        "event {position} appears out of order (expected {expected_seq})"
                    ),
                });
            }
        }
        let event: StoredEvent = match serde_json::from_slice(&bytes) {
            Ok(event) => event,
            Err(error) => {
                problems.push(VerifyProblem {
                    seq: position,
                    what: format!("event {position} is not a readable event: {error}"),
                });
                expected_seq = position + 1;
                // The chain cannot be followed through an unreadable event;
                // pick it up again from whatever the next event names.
                prev_hash = String::new();
                continue;
            }
        };
        if event.seq != position {
            problems.push(VerifyProblem {
                seq: position,
                what: format!(
                    "event at position {position} says it is event {}",
                    event.seq
                ),
            });
        }
        if !prev_hash.is_empty() && event.prev_hash != prev_hash {
            problems.push(VerifyProblem {
                seq: position,
                what: format!(
                    "event {position} names {} as the previous hash, but the previous event's hash is {}",
                    short(&event.prev_hash),
                    short(&prev_hash)
                ),
            });
        }
        let expected_hash = event.expected_hash();
        if expected_hash != event.hash {
            problems.push(VerifyProblem {
                seq: position,
                what: format!(
                    "event {position} was changed after it was written: its content hashes to {}, but it records {}",
                    short(&expected_hash),
                    short(&event.hash)
                ),
            });
        }
        if let Err(error) = event.decode() {
            problems.push(VerifyProblem {
                seq: position,
                what: format!("event {position} has a payload that does not decode: {error}"),
            });
        }
        prev_hash = event.hash.clone();
        expected_seq = position + 1;
    }
    Ok(VerifyReport {
        events_checked: checked,
        head_hash: if prev_hash.is_empty() {
            GENESIS_HASH.to_string()
        } else {
            prev_hash
        },
        problems,
    })
}

fn short(hash: &str) -> &str {
    hash.get(..12).unwrap_or(hash)
}
