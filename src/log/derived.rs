//! The derived store: everything computed from the log and kept beside it
//! (the extraction cache and the read models), in one redb file,
//! `derived.redb`, inside the database directory.
//!
//! Why not sled, like the log: opening sled reads its whole page table, so
//! at a million reports every command paid about 0.4 s and 0.5 GB before
//! its first lookup (docs/BENCHMARKS.md, "Read models in a store of their
//! own"). redb opens a file in about a millisecond whatever its size, and
//! a view that finds the read models current never opens sled at all
//! (`SledLog::open`, the head record). Derived data may be lost without
//! harm, so a file redb cannot read is set aside and written afresh, never
//! an error that stops the user.
//!
//! **Writes are cheap, durability is explicit**: every `write` commits
//! without an fsync (`Durability::None`); `make_durable` commits with one,
//! and a crash rolls the file back to the last durable commit, whole. That
//! is what the read models' generations need (a stamp is written, then made
//! durable, only after its generation is), and what the cache needs
//! (nothing). Durable commits record the allocator state (quick repair), so
//! reopening after a kill is not a walk of the whole file.

use std::ops::Bound;
use std::path::{Path, PathBuf};

use redb::{Durability, ReadableDatabase, ReadableTable, TableDefinition};

use super::{LogError, ReadModelItem};

/// The file, inside the database directory.
pub const DERIVED_FILE_NAME: &str = "derived.redb";

/// redb's page cache. Its default (1 GiB) is sized for a server with a hot
/// working set; concord's lookups touch a few pages and its bulk writes
/// stream, so a small cache keeps every command's memory low.
const DERIVED_CACHE_BYTES: usize = 32 * 1024 * 1024;

/// Keys removed per commit by `remove_range`: a whole generation of a
/// million-report build is millions of keys, and a commit holds its dirty
/// pages in memory until it ends.
const KEYS_REMOVED_PER_COMMIT: usize = 16_384;

/// The two tables: which part of the derived data a call is about.
#[derive(Debug, Clone, Copy)]
pub enum DerivedTable {
    ReadModels,
    Projections,
}

type BytesTable = TableDefinition<'static, &'static [u8], &'static [u8]>;

const READ_MODELS: BytesTable = TableDefinition::new("read_models");
const PROJECTIONS: BytesTable = TableDefinition::new("projections");

impl DerivedTable {
    fn definition(self) -> BytesTable {
        match self {
            DerivedTable::ReadModels => READ_MODELS,
            DerivedTable::Projections => PROJECTIONS,
        }
    }
}

pub struct DerivedStore {
    path: PathBuf,
    database: redb::Database,
}

/// How long `open` waits for a lock this process or a finishing one may
/// still be releasing (the same wait as for sled's lock).
const LOCK_RELEASE_WAIT: std::time::Duration = std::time::Duration::from_millis(1000);

impl DerivedStore {
    /// Opens (or creates) `derived.redb` in the database directory
    /// `database`, which must exist (and names it in messages).
    pub fn open(database: &Path) -> Result<DerivedStore, LogError> {
        let path = database.join(DERIVED_FILE_NAME);
        let started = std::time::Instant::now();
        let mut set_aside = false;
        loop {
            let opened = redb::Builder::new()
                .set_cache_size(DERIVED_CACHE_BYTES)
                .create(&path);
            match opened {
                Ok(database) => {
                    return Ok(DerivedStore { path, database });
                }
                Err(redb::DatabaseError::DatabaseAlreadyOpen)
                | Err(redb::DatabaseError::LockProtocolMismatch) => {
                    if started.elapsed() >= LOCK_RELEASE_WAIT {
                        return Err(LogError::Locked {
                            path: database.to_path_buf(),
                        });
                    }
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                // The file system refusing (permissions, a read-only mount,
                // a full disk) is the user's to fix; a file that is not a
                // redb database is recomputed (below).
                Err(redb::DatabaseError::Storage(redb::StorageError::Io(source)))
                    if !matches!(
                        source.kind(),
                        std::io::ErrorKind::InvalidData | std::io::ErrorKind::UnexpectedEof
                    ) =>
                {
                    return Err(LogError::DerivedOpen {
                        path: database.to_path_buf(),
                        file: path,
                        reason: source.to_string(),
                    });
                }
                // Unreadable derived data (a damaged or foreign file, an old
                // format) is recomputed from the log, not fixed by hand.
                Err(other) if !set_aside => {
                    let aside = path.with_extension("redb.unreadable");
                    std::fs::rename(&path, &aside).map_err(|source| LogError::DerivedOpen {
                        path: database.to_path_buf(),
                        file: path.clone(),
                        reason: format!("{other}; and it could not be set aside: {source}"),
                    })?;
                    set_aside = true;
                }
                Err(other) => {
                    return Err(LogError::DerivedOpen {
                        path: database.to_path_buf(),
                        file: path,
                        reason: other.to_string(),
                    });
                }
            }
        }
    }

    /// Replaces the file with an empty one (`concord rebuild`): a damaged
    /// page is not read again, and the space of every earlier generation
    /// goes back to the file system (redb reuses freed pages but never
    /// shrinks its file).
    pub fn recreate(&mut self) -> Result<(), LogError> {
        let database = self.path.parent().unwrap_or(Path::new(".")).to_path_buf();
        let placeholder = redb::Builder::new()
            .create_with_backend(redb::backends::InMemoryBackend::new())
            .map_err(|e| self.failed(e))?;
        drop(std::mem::replace(&mut self.database, placeholder));
        match std::fs::remove_file(&self.path) {
            Ok(()) => {}
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
            Err(error) => {
                return Err(LogError::DerivedOpen {
                    path: database.to_path_buf(),
                    file: self.path.clone(),
                    reason: format!("cannot remove it to write it afresh: {error}"),
                });
            }
        }
        *self = DerivedStore::open(&database)?;
        Ok(())
    }

    /// A write transaction whose commit does not wait for the disk:
    /// derived data is recomputed if lost, and `make_durable` commits
    /// durably where a read model's stamp needs it.
    fn begin_write_without_fsync(&self) -> Result<redb::WriteTransaction, LogError> {
        let mut transaction = self.database.begin_write().map_err(|e| self.failed(e))?;
        transaction
            .set_durability(Durability::None)
            .map_err(|e| self.failed(e))?;
        Ok(transaction)
    }

    fn failed(&self, error: impl Into<redb::Error>) -> LogError {
        LogError::Derived {
            path: self.path.clone(),
            reason: error.into().to_string(),
        }
    }

    pub fn get(&self, table: DerivedTable, key: &[u8]) -> Result<Option<Vec<u8>>, LogError> {
        let transaction = self.database.begin_read().map_err(|e| self.failed(e))?;
        let opened = match transaction.open_table(table.definition()) {
            Ok(opened) => opened,
            Err(redb::TableError::TableDoesNotExist(_)) => return Ok(None),
            Err(error) => return Err(self.failed(error)),
        };
        Ok(opened
            .get(key)
            .map_err(|e| self.failed(e))?
            .map(|value| value.value().to_vec()))
    }

    /// Every pair whose key starts with `prefix`, in key order, from one
    /// read transaction (a consistent snapshot, whatever is written
    /// meanwhile).
    pub fn scan<'a>(
        &'a self,
        table: DerivedTable,
        prefix: &[u8],
    ) -> Box<dyn Iterator<Item = ReadModelItem> + 'a> {
        let opened = self
            .database
            .begin_read()
            .map_err(|e| self.failed(e))
            .and_then(
                |transaction| match transaction.open_table(table.definition()) {
                    Ok(opened) => Ok(Some(opened)),
                    Err(redb::TableError::TableDoesNotExist(_)) => Ok(None),
                    Err(error) => Err(self.failed(error)),
                },
            );
        let opened = match opened {
            Ok(Some(opened)) => opened,
            Ok(None) => return Box::new(std::iter::empty()),
            Err(error) => return Box::new(std::iter::once(Err(error))),
        };
        let prefix = prefix.to_vec();
        let range = opened.range_owned((Bound::Included(prefix.as_slice()), Bound::Unbounded));
        let range = match range {
            Ok(range) => range,
            Err(error) => return Box::new(std::iter::once(Err(self.failed(error)))),
        };
        Box::new(
            range
                .map(move |item| {
                    item.map(|(key, value)| (key.value().to_vec(), value.value().to_vec()))
                        .map_err(|e| self.failed(e))
                })
                .take_while(move |item| match item {
                    Ok((key, _)) => key.starts_with(&prefix),
                    Err(_) => true,
                }),
        )
    }

    /// Applies every write (`Some`) and removal (`None`) in one commit,
    /// without waiting for the disk.
    pub fn write(
        &self,
        table: DerivedTable,
        writes: impl IntoIterator<Item = (Vec<u8>, Option<Vec<u8>>)>,
    ) -> Result<(), LogError> {
        let transaction = self.begin_write_without_fsync()?;
        {
            let mut opened = transaction
                .open_table(table.definition())
                .map_err(|e| self.failed(e))?;
            for (key, value) in writes {
                match value {
                    Some(value) => {
                        opened
                            .insert(key.as_slice(), value.as_slice())
                            .map_err(|e| self.failed(e))?;
                    }
                    None => {
                        opened.remove(key.as_slice()).map_err(|e| self.failed(e))?;
                    }
                }
            }
        }
        transaction.commit().map_err(|e| self.failed(e))
    }

    /// Removes every key in `from..to`; returns how many.
    pub fn remove_range(
        &self,
        table: DerivedTable,
        from: &[u8],
        to: &[u8],
    ) -> Result<u64, LogError> {
        let mut removed = 0u64;
        loop {
            let transaction = self.begin_write_without_fsync()?;
            let chunk = {
                let mut opened = transaction
                    .open_table(table.definition())
                    .map_err(|e| self.failed(e))?;
                let keys = opened
                    .range((Bound::Included(from), Bound::Excluded(to)))
                    .map_err(|e| self.failed(e))?
                    .take(KEYS_REMOVED_PER_COMMIT)
                    .map(|item| item.map(|(key, _)| key.value().to_vec()))
                    .collect::<Result<Vec<Vec<u8>>, _>>()
                    .map_err(|e| self.failed(e))?;
                for key in &keys {
                    opened.remove(key.as_slice()).map_err(|e| self.failed(e))?;
                }
                keys.len()
            };
            transaction.commit().map_err(|e| self.failed(e))?;
            removed += chunk as u64;
            if chunk < KEYS_REMOVED_PER_COMMIT {
                return Ok(removed);
            }
        }
    }

    /// Returns once everything committed so far survives a crash.
    pub fn make_durable(&self) -> Result<(), LogError> {
        let mut transaction = self.database.begin_write().map_err(|e| self.failed(e))?;
        transaction
            .set_durability(Durability::Immediate)
            .map_err(|e| self.failed(e))?;
        transaction.set_quick_repair(true);
        transaction.commit().map_err(|e| self.failed(e))
    }

    /// The file's size in bytes.
    pub fn size_on_disk(&self) -> u64 {
        std::fs::metadata(&self.path).map_or(0, |metadata| metadata.len())
    }
}
