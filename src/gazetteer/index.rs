//! The folded-name index, laid out for load speed: every folded name lives
//! in one string arena and every candidate list in one vector, so building
//! the index for ~440,000 names costs one sort instead of ~900,000 heap
//! allocations (a `HashMap<String, Vec<_>>` took ~0.5 s of CPU here).

use std::hash::{BuildHasherDefault, Hasher};

use super::PlaceIndex;

/// FNV-1a, 64 bit: fast on short names, and stable across runs and
/// platforms (the index never leaves the process, but stability keeps
/// the candidate order reproducible when two names share a hash).
pub(super) fn hash_name(name: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in name.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// A hasher for integer keys that are already well spread (GeoNames ids),
/// one multiply instead of SipHash, and for string tables built from the
/// shipped data (demonyms, word frequencies): unseeded, so never for a
/// table whose keys come from input, which crafted keys could flood
/// (`cluster::content` counts a report's words under a seeded hasher).
#[derive(Default)]
pub(crate) struct IntegerHasher(u64);

impl Hasher for IntegerHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(byte)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }

    fn write_u32(&mut self, value: u32) {
        self.0 = (u64::from(value) ^ self.0).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

pub(crate) type BuildIntegerHasher = BuildHasherDefault<IntegerHasher>;

/// One name occurrence collected while loading. `rank` orders the places
/// under one name (smaller first) and ends with the place index, so that
/// sorting by (hash, rank) needs no string comparison and no lookups.
#[derive(Clone, Copy)]
pub(super) struct PendingName {
    pub hash: u64,
    pub rank: u64,
    pub arena_start: u32,
    pub arena_len: u32,
}

/// Top bits of a name's hash that pick its bucket: about one key per
/// bucket for the shipped data, 1 MiB of directory.
const BUCKET_BITS: u32 = 18;

fn bucket_of(hash: u64) -> usize {
    (hash >> (64 - BUCKET_BITS)) as usize
}

/// Bits of `rank` that hold the place index.
pub(super) const RANK_PLACE_BITS: u32 = 22;

impl PendingName {
    fn place(&self) -> PlaceIndex {
        (self.rank & ((1 << RANK_PLACE_BITS) - 1)) as PlaceIndex
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Key {
    hash: u64,
    arena_start: u32,
    arena_len: u32,
    candidates_start: u32,
    candidates_len: u32,
}

#[derive(Debug, PartialEq, Eq)]
pub(super) struct NameIndex {
    arena: String,
    keys: Vec<Key>,
    /// `buckets[b]` is the first key whose hash's top `BUCKET_BITS` bits
    /// are `b` or more (with one extra entry, `keys.len()`): a lookup
    /// searches only its bucket, a key or two, instead of binary searching
    /// all ~440,000 keys with a cache miss per step.
    buckets: Vec<u32>,
    candidates: Vec<PlaceIndex>,
    /// Two different names with one 64-bit hash: never seen in the shipped
    /// data (a test checks), and lookups stay correct if it happens, but
    /// their candidate lists may then be split.
    pub hash_collisions: usize,
}

impl NameIndex {
    /// Builds the index from the folded names in `arena` that `pending`
    /// points into.
    pub fn build(arena: String, mut pending: Vec<PendingName>) -> NameIndex {
        pending.sort_unstable_by_key(|name| (name.hash, name.rank));
        let text = |name: &PendingName| {
            let start = name.arena_start as usize;
            arena
                .get(start..start + name.arena_len as usize)
                .unwrap_or("")
        };
        let mut keys: Vec<Key> = Vec::with_capacity(pending.len());
        let mut candidates = Vec::with_capacity(pending.len());
        let mut hash_collisions = 0;
        let mut previous: Option<&PendingName> = None;
        for name in &pending {
            let same_hash = previous.is_some_and(|p| p.hash == name.hash);
            let same_key = same_hash && previous.is_some_and(|p| text(p) == text(name));
            if same_hash && !same_key {
                hash_collisions += 1;
            }
            if same_key {
                // A place named twice under one key (name and alias fold
                // alike) is listed once, where its own name ranks it
                // (an alias ranks a big city lower: parse.rs).
                let listed = keys.last().is_some_and(|key| {
                    let start = key.candidates_start as usize;
                    candidates[start..].contains(&name.place())
                });
                if listed {
                    previous = Some(name);
                    continue;
                }
                if let Some(key) = keys.last_mut() {
                    key.candidates_len += 1;
                }
            } else {
                keys.push(Key {
                    hash: name.hash,
                    arena_start: name.arena_start,
                    arena_len: name.arena_len,
                    candidates_start: candidates.len() as u32,
                    candidates_len: 1,
                });
            }
            candidates.push(name.place());
            previous = Some(name);
        }
        // Keys are sorted by hash, so by bucket too.
        let mut buckets = Vec::with_capacity((1 << BUCKET_BITS) + 1);
        let mut next_key = 0;
        for bucket in 0..(1usize << BUCKET_BITS) {
            while next_key < keys.len() && bucket_of(keys[next_key].hash) < bucket {
                next_key += 1;
            }
            buckets.push(next_key as u32);
        }
        buckets.push(keys.len() as u32);
        NameIndex {
            arena,
            keys,
            buckets,
            candidates,
            hash_collisions,
        }
    }

    pub fn get(&self, folded: &str) -> &[PlaceIndex] {
        let hash = hash_name(folded);
        let bucket = bucket_of(hash);
        let (Some(&from), Some(&to)) = (self.buckets.get(bucket), self.buckets.get(bucket + 1))
        else {
            return &[];
        };
        let in_bucket = self.keys.get(from as usize..to as usize).unwrap_or(&[]);
        let first = in_bucket.partition_point(|k| k.hash < hash);
        for key in in_bucket.get(first..).unwrap_or(&[]) {
            if key.hash != hash {
                break;
            }
            let start = key.arena_start as usize;
            if self.arena.get(start..start + key.arena_len as usize) == Some(folded) {
                let from = key.candidates_start as usize;
                return self
                    .candidates
                    .get(from..from + key.candidates_len as usize)
                    .unwrap_or(&[]);
            }
        }
        &[]
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Every place index the candidate lists hold.
    pub(super) fn listed_places(&self) -> &[PlaceIndex] {
        &self.candidates
    }

    /// The index's tables, for `prebuilt::to_bytes`.
    pub(super) fn parts(&self) -> NameIndexParts<'_> {
        NameIndexParts {
            arena: &self.arena,
            keys: self
                .keys
                .iter()
                .map(|key| {
                    (
                        key.hash,
                        [
                            key.arena_start,
                            key.arena_len,
                            key.candidates_start,
                            key.candidates_len,
                        ],
                    )
                })
                .collect(),
            buckets: &self.buckets,
            candidates: &self.candidates,
            hash_collisions: self.hash_collisions,
        }
    }

    /// The index from tables `parts` gave, or `None` when they do not fit
    /// together (a key or bucket pointing past the arena or the lists):
    /// lookups then could not trust a range.
    pub(super) fn from_parts(
        arena: String,
        keys: Vec<(u64, [u32; 4])>,
        buckets: Vec<u32>,
        candidates: Vec<PlaceIndex>,
        hash_collisions: usize,
    ) -> Option<NameIndex> {
        let keys = keys
            .into_iter()
            .map(
                |(hash, [arena_start, arena_len, candidates_start, candidates_len])| {
                    let key = Key {
                        hash,
                        arena_start,
                        arena_len,
                        candidates_start,
                        candidates_len,
                    };
                    let text_end = key.arena_start as usize + key.arena_len as usize;
                    let list_end = key.candidates_start as usize + key.candidates_len as usize;
                    (arena.get(key.arena_start as usize..text_end).is_some()
                        && list_end <= candidates.len())
                    .then_some(key)
                },
            )
            .collect::<Option<Vec<Key>>>()?;
        let buckets_fit = buckets.len() == (1 << BUCKET_BITS) + 1
            && buckets.windows(2).all(|pair| pair[0] <= pair[1])
            && buckets
                .last()
                .is_some_and(|&last| last as usize == keys.len());
        buckets_fit.then_some(NameIndex {
            arena,
            keys,
            buckets,
            candidates,
            hash_collisions,
        })
    }
}

/// A `NameIndex`'s tables as plain values; a key is (hash, [arena start,
/// arena length, candidates start, candidates length]).
pub(super) struct NameIndexParts<'a> {
    pub arena: &'a str,
    pub keys: Vec<(u64, [u32; 4])>,
    pub buckets: &'a [u32],
    pub candidates: &'a [PlaceIndex],
    pub hash_collisions: usize,
}
