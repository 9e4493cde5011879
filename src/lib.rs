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
