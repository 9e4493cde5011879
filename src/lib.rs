//! concord: turns overlapping news reports about real incidents into one
//! deduplicated, reconciled record per incident, every number traceable to
//! the sentence that stated it.
//!
//! See docs/ARCHITECTURE.md for the bird's-eye view and the code map.

pub mod extract;
pub mod gazetteer;
pub mod gold;
pub mod log;
pub mod report;
