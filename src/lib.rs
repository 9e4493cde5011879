//! concord: turns overlapping news reports about real incidents into one
//! deduplicated, reconciled record per incident, every number traceable to
//! the sentence that stated it.
//!
//! See docs/ARCHITECTURE.md for the bird's-eye view and the code map.

pub mod bench;
pub mod cluster;
pub mod coded;
pub mod extract;
pub mod gazetteer;
pub mod gold;
pub mod incident;
pub mod ingest;
pub mod input;
pub mod log;
pub mod project;
pub mod read_model;
pub mod reconcile;
pub mod report;
pub mod safe_text;
pub mod synth;
pub mod views;
pub mod word_frequency;

/// Tables the build script computed from `data/` (build.rs): outside the
/// modules the build script itself compiles, which run before these exist.
pub(crate) mod built {
    /// The embedded gazetteer, parsed at build time
    /// (`gazetteer::Gazetteer::to_bytes`).
    pub(crate) const PREBUILT_GAZETTEER: &[u8] =
        include_bytes!(concat!(env!("OUT_DIR"), "/gazetteer.bin"));
}
