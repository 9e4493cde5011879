//! The quality bench: scores the engine against gold answer keys, beside a
//! naive baseline (same date and same place).

pub mod metrics;
pub mod quality;
pub mod tfidf;

pub use quality::{
    BenchError, BenchOptions, BenchResult, QualityGate, gate_failures, render_bench_table,
    run_bench,
};
