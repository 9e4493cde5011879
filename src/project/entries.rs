//! The projection's record of every report ever stored, by id.
//!
//! A million-report log has a million entries. In a `BTreeMap<String, _>`
//! each one cost about 450 bytes of map on top of its strings: the id twice
//! (key and entry) and leaves a little over half full, because reports
//! arrive in log order. Here the entries sit in a `Vec` in the order they
//! were stored and a hash table of positions finds them by id (4 bytes an
//! entry, the id read from the entry itself).

use std::hash::BuildHasher;

use hashbrown::HashTable;

use super::ReportEntry;

#[derive(Debug, Default)]
pub struct ReportEntries {
    entries: Vec<ReportEntry>,
    positions: HashTable<u32>,
    hasher: std::collections::hash_map::RandomState,
}

impl ReportEntries {
    pub fn get(&self, id: &str) -> Option<&ReportEntry> {
        let position = self.position(id)?;
        self.entries.get(position)
    }

    pub fn get_mut(&mut self, id: &str) -> Option<&mut ReportEntry> {
        let position = self.position(id)?;
        self.entries.get_mut(position)
    }

    /// Stores `entry`, replacing the entry of the same id if there is one.
    pub fn insert(&mut self, entry: ReportEntry) {
        if let Some(existing) = self.get_mut(&entry.id) {
            *existing = entry;
            return;
        }
        let Ok(position) = u32::try_from(self.entries.len()) else {
            // Four billion reports: far beyond what one projection holds in
            // memory anyway. The entry is dropped rather than mis-indexed.
            return;
        };
        let hash = self.hasher.hash_one(entry.id.as_str());
        let entries = &self.entries;
        let hasher = &self.hasher;
        self.positions.insert_unique(hash, position, |&p| {
            hasher.hash_one(entries[p as usize].id.as_str())
        });
        self.entries.push(entry);
    }

    /// In the order they were stored.
    pub fn iter(&self) -> impl Iterator<Item = &ReportEntry> {
        self.entries.iter()
    }

    fn position(&self, id: &str) -> Option<usize> {
        let hash = self.hasher.hash_one(id);
        self.positions
            .find(hash, |&p| self.entries[p as usize].id == id)
            .map(|&p| p as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::ReportStatus;
    use chrono::{TimeZone, Utc};
    use std::collections::BTreeMap;

    fn entry(id: &str, seq: u64, outlet: &str) -> ReportEntry {
        ReportEntry {
            id: id.to_string(),
            seq,
            recorded_at: Utc.with_ymd_and_hms(2026, 11, 22, 7, 0, 0).unwrap(),
            outlet: Some(outlet.to_string()),
            published: None,
            title: None,
            url: None,
            supersedes: None,
            status: ReportStatus::Live,
            main_event: None,
            main_incident: None,
        }
    }

    /// Against a `BTreeMap`, the map it replaced: inserts (some replacing
    /// an id already there), updates and lookups agree.
    #[test]
    fn entries_behave_like_a_map_by_id() {
        let mut entries = ReportEntries::default();
        let mut model: BTreeMap<String, ReportEntry> = BTreeMap::new();
        for step in 0..2000u64 {
            let id = format!("r{}", (step * 7919) % 1300);
            let new = entry(&id, step, &format!("outlet {}", step % 5));
            entries.insert(new.clone());
            model.insert(id.clone(), new);
            if step % 3 == 0 {
                let probe = format!("r{}", (step * 31) % 1400);
                if let Some(found) = entries.get_mut(&probe) {
                    found.title = Some(format!("seen at {step}"));
                }
                if let Some(found) = model.get_mut(&probe) {
                    found.title = Some(format!("seen at {step}"));
                }
            }
        }
        assert_eq!(entries.iter().count(), model.len());
        for (id, expected) in &model {
            assert_eq!(entries.get(id), Some(expected));
        }
        assert_eq!(entries.get("r-none"), None);
        let mut all: Vec<&ReportEntry> = entries.iter().collect();
        all.sort_by(|a, b| a.id.cmp(&b.id));
        assert_eq!(all, model.values().collect::<Vec<_>>());
    }
}
