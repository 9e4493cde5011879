//! Extraction as a stored projection.
//!
//! Extraction is pure, so its result for the event at a given seq never
//! changes while the extractor stays the same. It is therefore cached in the
//! log's `ProjectionStore` under namespace `extraction`, key = seq (u64
//! big-endian). The stored value names the extractor version and the hash of
//! the event it was computed from; a value whose version or event hash does
//! not match is ignored and recomputed, so a new extractor or a different
//! log behind the same store can never serve a stale extraction.

use std::fmt;
use std::sync::Arc;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::cluster::mention::ReportDigest;
use crate::extract::{EXTRACTOR_VERSION, Extraction, ExtractionInput};
use crate::log::ProjectionStore;
use crate::report::Report;

use super::ProjectError;

/// The projection-store namespace holding cached extractions.
pub const EXTRACTION_NAMESPACE: &str = "extraction";

type ExtractionFunction = dyn Fn(ExtractionInput<'_>) -> Extraction + Send + Sync;

/// The extraction function together with the version key its results are
/// cached under. `Extractor::current()` is the real one; tests substitute
/// their own (to count calls, or to simulate a version bump).
#[derive(Clone)]
pub struct Extractor {
    pub version: String,
    function: Arc<ExtractionFunction>,
}

impl Extractor {
    /// `crate::extract::extract`, cached under `EXTRACTOR_VERSION`.
    pub fn current() -> Extractor {
        Extractor {
            version: EXTRACTOR_VERSION.to_string(),
            function: Arc::new(crate::extract::extract),
        }
    }

    pub fn custom(
        version: impl Into<String>,
        function: impl Fn(ExtractionInput<'_>) -> Extraction + Send + Sync + 'static,
    ) -> Extractor {
        Extractor {
            version: version.into(),
            function: Arc::new(function),
        }
    }

    /// Extracts `report` (from its readable text when it has one, spans
    /// mapped into the stored original, as `extract::extract_report`).
    /// A coded record's claims come from its columns, its notes read by
    /// this function (`extract::extract_report_with`).
    pub fn run(&self, report: &Report) -> Extraction {
        crate::extract::extract_report_with(report, &*self.function)
    }
}

impl Default for Extractor {
    fn default() -> Self {
        Extractor::current()
    }
}

impl fmt::Debug for Extractor {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter
            .debug_struct("Extractor")
            .field("version", &self.version)
            .finish_non_exhaustive()
    }
}

/// How many extractions came from the store and how many were computed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExtractionStats {
    pub from_cache: u64,
    pub computed: u64,
}

#[derive(Serialize, Deserialize)]
struct CachedExtraction {
    version: String,
    event_hash: String,
    extraction: Extraction,
    /// What clustering reads of the report besides the extraction (its
    /// content vector above all), so that `explain` needs no report text.
    /// Absent from values cached before it was kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    digest: Option<ReportDigest>,
}

/// The cached extraction and digest of the report stored by event `seq`,
/// when `extractor`'s version computed them; `None` otherwise (nothing
/// cached, another version, a value cached before digests were kept). The
/// event's hash is not checked: only a reader that knows the cache
/// reflects this log (a current read model, whose stamp names the log's
/// head and the extractor) may ask.
pub fn cached_extraction_and_digest(
    store: &(impl ProjectionStore + ?Sized),
    extractor: &Extractor,
    seq: u64,
) -> Result<Option<(Extraction, ReportDigest)>, ProjectError> {
    let Some(bytes) = store.get_projection(EXTRACTION_NAMESPACE, &cache_key(seq))? else {
        return Ok(None);
    };
    Ok(decode_cached(&bytes, extractor, None)
        .and_then(|cached| Some((cached.extraction, cached.digest?))))
}

/// A cached value, when `extractor`'s version computed it (and, when
/// `event_hash` is given, from that event).
fn decode_cached(
    bytes: &[u8],
    extractor: &Extractor,
    event_hash: Option<&str>,
) -> Option<CachedExtraction> {
    serde_json::from_slice::<CachedExtraction>(bytes)
        .ok()
        .filter(|cached| {
            cached.version == extractor.version
                && event_hash.is_none_or(|hash| cached.event_hash == hash)
        })
}

/// A computed extraction as cached, with its encoding.
type EncodedExtraction = Result<(CachedExtraction, Vec<u8>), serde_json::Error>;

/// Cached extractions read, then decoded in parallel, at a time.
const DECODE_CHUNK: usize = 1024;

/// One report whose extraction is wanted.
pub struct ExtractionRequest<'a> {
    pub seq: u64,
    /// The hash of the event that stored the report.
    pub event_hash: &'a str,
    pub report: &'a Report,
}

pub fn cache_key(seq: u64) -> Vec<u8> {
    seq.to_be_bytes().to_vec()
}

/// Extractions for `requests`, in the same order: cached ones are read,
/// missing or stale ones are computed in parallel and stored.
pub fn extractions_for(
    store: &(impl ProjectionStore + ?Sized),
    extractor: &Extractor,
    requests: &[ExtractionRequest<'_>],
    stats: &mut ExtractionStats,
) -> Result<Vec<Extraction>, ProjectError> {
    Ok(
        extractions_and_digests_for(store, extractor, requests, stats)?
            .into_iter()
            .map(|(extraction, _)| extraction)
            .collect(),
    )
}

/// A report's extraction with its digest (`None` from a value cached
/// before digests were kept: computed when staged).
pub type ExtractionWithDigest = (Extraction, Option<Arc<ReportDigest>>);

/// `extractions_for`, each with the report's digest.
pub fn extractions_and_digests_for(
    store: &(impl ProjectionStore + ?Sized),
    extractor: &Extractor,
    requests: &[ExtractionRequest<'_>],
    stats: &mut ExtractionStats,
) -> Result<Vec<ExtractionWithDigest>, ProjectError> {
    let mut results: Vec<Option<ExtractionWithDigest>> = Vec::with_capacity(requests.len());
    let mut missing: Vec<usize> = Vec::new();
    // Read in order, decoded in parallel: decoding, not reading, is what a
    // replay of cached extractions spends its time on. A chunk at a time,
    // so that a window's bytes and its decoded extractions are not both
    // held whole.
    let mut decoded: Vec<Option<CachedExtraction>> = Vec::with_capacity(requests.len());
    for chunk in requests.chunks(DECODE_CHUNK) {
        let mut stored: Vec<Option<Vec<u8>>> = Vec::with_capacity(chunk.len());
        for request in chunk {
            stored.push(store.get_projection(EXTRACTION_NAMESPACE, &cache_key(request.seq))?);
        }
        decoded.par_extend(
            stored
                .into_par_iter()
                .zip(chunk.par_iter())
                .map(|(bytes, request)| {
                    bytes.and_then(|bytes| {
                        decode_cached(&bytes, extractor, Some(request.event_hash))
                    })
                }),
        );
    }
    for (index, cached) in decoded.into_iter().enumerate() {
        match cached {
            Some(cached) => {
                stats.from_cache += 1;
                results.push(Some((cached.extraction, cached.digest.map(Arc::new))));
            }
            None => {
                missing.push(index);
                results.push(None);
            }
        }
    }

    // `collect` on an indexed parallel iterator keeps input order, so the
    // result does not depend on thread scheduling. The digest and the
    // cache's encoding are made in the same parallel pass as the
    // extraction: made after it, on the replaying thread alone, they left
    // one of two cores idle for nearly half of a full build's extraction
    // (docs/BENCHMARKS.md, "The full build on both cores").
    let computed: Vec<(usize, EncodedExtraction)> = missing
        .par_iter()
        .map(|&index| {
            let request = &requests[index];
            let extraction = extractor.run(request.report);
            let value = CachedExtraction {
                version: extractor.version.clone(),
                event_hash: request.event_hash.to_string(),
                digest: Some(ReportDigest::of(request.report, &extraction)),
                extraction,
            };
            let encoded = serde_json::to_vec(&value).map(|bytes| (value, bytes));
            (index, encoded)
        })
        .collect();

    let mut entries = Vec::with_capacity(computed.len());
    for (index, encoded) in computed {
        let (value, bytes) = encoded.map_err(ProjectError::EncodeCache)?;
        entries.push((cache_key(requests[index].seq), bytes));
        results[index] = Some((value.extraction, value.digest.map(Arc::new)));
        stats.computed += 1;
    }
    if !entries.is_empty() {
        store.put_projections(EXTRACTION_NAMESPACE, entries)?;
    }
    Ok(results.into_iter().flatten().collect())
}
