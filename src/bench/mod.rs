//! The quality bench: scores the engine against gold answer keys.

pub mod metrics;
