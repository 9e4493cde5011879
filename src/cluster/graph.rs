//! Graph clustering that does not chain.
//!
//! Mentions are nodes; a candidate pair is an edge weighted by its score
//! minus the threshold (attraction when positive, repulsion when
//! negative, `-inf` for a hard constraint). Clustering is greedy
//! average-linkage correlation clustering: repeatedly merge the two
//! clusters whose edges between them have the highest mean weight (pairs
//! with no edge count as `UNSCORED_PAIR_WEIGHT`), as long as that mean is
//! above zero and no hard constraint lies between them. A weak bridge adds
//! a small positive weight that cannot outweigh the repulsion between two
//! groups that disagree, so groups joined only through a bridge stay
//! apart. See
//! docs/clustering.md for the measurement that chose it over connected
//! components.

use std::collections::HashMap;

use petgraph::unionfind::UnionFind;

/// Which algorithm turns scored pairs into clusters (kept for the
/// comparison test and bench; the pipeline uses `Correlation`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GraphAlgorithm {
    /// Greedy average-linkage correlation clustering (the one used).
    Correlation,
    /// Connected components of the edges scoring above the threshold
    /// (single linkage: chains through bridges).
    ThresholdComponents,
}

/// What a pair of items that was never scored weighs in a mean: the
/// candidate keys found nothing in common between them (no place within
/// days, no rare word), which is evidence against, if weak. At 0 one strong
/// pair could glue two big clusters whose other members share nothing (on
/// ecb_dev, an earthquake's reports and a mob boss's death, through two
/// pages that opened with the same forum's address); -1 (one bit against)
/// measured best on both development sets (docs/clustering.md).
pub const UNSCORED_PAIR_WEIGHT: f64 = -1.0;

/// Summed weight between two clusters, how many scored pairs of fully
/// keyed items it sums, and `hard` when a hard constraint lies between
/// them.
#[derive(Debug, Clone, Copy)]
struct Between {
    sum: f64,
    keyed_scored: usize,
    hard: bool,
}

impl Between {
    const NONE: Between = Between {
        sum: 0.0,
        keyed_scored: 0,
        hard: false,
    };
}

/// A merge waiting in `correlation_clusters`' heap, ordered best first:
/// highest mean, then the smallest items.
#[derive(Debug, Clone, Copy)]
struct MergeCandidate {
    mean: f64,
    first: usize,
    second: usize,
    keep: usize,
    absorb: usize,
    keep_version: u64,
    absorb_version: u64,
}

impl Ord for MergeCandidate {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.mean
            .total_cmp(&other.mean)
            .then_with(|| (other.first, other.second).cmp(&(self.first, self.second)))
    }
}

impl PartialOrd for MergeCandidate {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for MergeCandidate {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == std::cmp::Ordering::Equal
    }
}

impl Eq for MergeCandidate {}

/// Clusters `n` items from scored pairs (raw scores; `f64::NEG_INFINITY`
/// marks a pair that may never be together). Items with no pair stay
/// alone. Output: clusters of item indices, each sorted, ordered by their
/// smallest item.
pub fn cluster_pairs(
    n: usize,
    pairs: &[(usize, usize, f64)],
    threshold: f64,
    algorithm: GraphAlgorithm,
) -> Vec<Vec<usize>> {
    match algorithm {
        GraphAlgorithm::ThresholdComponents => {
            let mut union_find = UnionFind::<usize>::new(n);
            for &(a, b, score) in pairs {
                if a < n && b < n && score > threshold {
                    union_find.union(a, b);
                }
            }
            let mut groups: std::collections::BTreeMap<usize, Vec<usize>> =
                std::collections::BTreeMap::new();
            for item in 0..n {
                groups.entry(union_find.find(item)).or_default().push(item);
            }
            sort_clusters(groups.into_values().collect())
        }
        GraphAlgorithm::Correlation => {
            let units: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
            let weighted: Vec<(usize, usize, f64)> = pairs
                .iter()
                .filter(|(a, b, _)| *a < n && *b < n && a != b)
                .map(|&(a, b, score)| (a, b, score - threshold))
                .collect();
            correlation_clusters(units, &weighted, UNSCORED_PAIR_WEIGHT, &|_| true)
        }
    }
}

fn sort_clusters(mut clusters: Vec<Vec<usize>>) -> Vec<Vec<usize>> {
    for cluster in &mut clusters {
        cluster.sort_unstable();
    }
    clusters.sort_by_key(|c| c.first().copied().unwrap_or(usize::MAX));
    clusters
}

/// Greedy average-linkage correlation clustering over initial `units`
/// (groups that are already together, e.g. analyst links or earlier
/// decided clusters). `weights` are (item, item, score - threshold); a
/// pair of items with no weight counts as `unscored_pair_weight` in a
/// mean when both are `fully_keyed` (every candidate key could look at
/// them: a coded row or a brief has no text for the rare-word key, so
/// that nothing was found says less), and as 0 otherwise. Two clusters
/// with no weighted pair between them never merge.
pub fn correlation_clusters(
    units: Vec<Vec<usize>>,
    weights: &[(usize, usize, f64)],
    unscored_pair_weight: f64,
    fully_keyed: &dyn Fn(usize) -> bool,
) -> Vec<Vec<usize>> {
    // Clusters are numbered by unit; each keeps its items, its smallest
    // item and, per neighbouring cluster, the summed weight between them.
    // (A map per cluster, not petgraph's edge lists: merging a cluster
    // looks up each of its neighbours in the kept one's edges, which an
    // edge list answers by a scan.)
    let item_count = units.iter().flatten().copied().max().map_or(0, |m| m + 1);
    let mut cluster_of_item: Vec<Option<usize>> = vec![None; item_count];
    let mut members: Vec<Option<Vec<usize>>> = Vec::new();
    for unit in units {
        if unit.is_empty() {
            continue;
        }
        for &item in &unit {
            if let Some(slot) = cluster_of_item.get_mut(item) {
                *slot = Some(members.len());
            }
        }
        members.push(Some(unit));
    }
    let mut keyed_items: Vec<usize> = members
        .iter()
        .map(|items| items.iter().flatten().filter(|&&i| fully_keyed(i)).count())
        .collect();
    let mut smallest_item: Vec<usize> = members
        .iter()
        .map(|items| items.iter().flatten().copied().min().unwrap_or(usize::MAX))
        .collect();
    let mut between: Vec<HashMap<usize, Between>> = vec![HashMap::new(); members.len()];
    for &(a, b, weight) in weights {
        let (Some(Some(cluster_a)), Some(Some(cluster_b))) =
            (cluster_of_item.get(a), cluster_of_item.get(b))
        else {
            continue;
        };
        let (cluster_a, cluster_b) = (*cluster_a, *cluster_b);
        if cluster_a == cluster_b {
            continue;
        }
        let hard = weight == f64::NEG_INFINITY;
        let add = if hard { 0.0 } else { weight };
        for (from, to) in [(cluster_a, cluster_b), (cluster_b, cluster_a)] {
            let edge = between[from].entry(to).or_insert(Between::NONE);
            edge.sum += add;
            edge.keyed_scored += usize::from(fully_keyed(a) && fully_keyed(b));
            edge.hard |= hard;
        }
    }

    // The best merge first: highest mean weight; ties go to the pair with
    // the smallest items, so that the result does not depend on edge order.
    // Candidates wait in a heap; one goes stale when either cluster changes
    // (its version moves on) and is then skipped, and every edge of a
    // merged cluster is pushed again with its new mean. Each merge costs the
    // merged clusters' edges, not a scan of every edge (a scan per merge
    // made a block of a thousand near-identical reports take seconds, two
    // thousand a minute).
    let mut version: Vec<u64> = vec![0; members.len()];
    let candidate = |members: &[Option<Vec<usize>>],
                     keyed_items: &[usize],
                     smallest_item: &[usize],
                     version: &[u64],
                     a: usize,
                     b: usize,
                     edge: &Between|
     -> Option<MergeCandidate> {
        if edge.hard || edge.sum <= 0.0 {
            return None;
        }
        let pairs = members[a].as_ref()?.len() * members[b].as_ref()?.len();
        let unscored = (keyed_items[a] * keyed_items[b]).saturating_sub(edge.keyed_scored) as f64;
        let mean = (edge.sum + unscored_pair_weight * unscored) / pairs as f64;
        if mean <= 0.0 {
            return None;
        }
        let (min_a, min_b) = (smallest_item[a], smallest_item[b]);
        let (keep, absorb) = if min_a <= min_b { (a, b) } else { (b, a) };
        Some(MergeCandidate {
            mean,
            first: min_a.min(min_b),
            second: min_a.max(min_b),
            keep,
            absorb,
            keep_version: version[keep],
            absorb_version: version[absorb],
        })
    };
    let mut heap = std::collections::BinaryHeap::new();
    for (a, edges) in between.iter().enumerate() {
        for (&b, edge) in edges {
            if a < b {
                heap.extend(candidate(
                    &members,
                    &keyed_items,
                    &smallest_item,
                    &version,
                    a,
                    b,
                    edge,
                ));
            }
        }
    }
    while let Some(best) = heap.pop() {
        let (keep, absorb) = (best.keep, best.absorb);
        if version[keep] != best.keep_version || version[absorb] != best.absorb_version {
            continue;
        }
        if members[keep].is_none() || members[absorb].is_none() {
            continue;
        }
        let absorbed_items = members[absorb].take().unwrap_or_default();
        if let Some(kept_items) = members[keep].as_mut() {
            kept_items.extend(absorbed_items);
        }
        smallest_item[keep] = smallest_item[keep].min(smallest_item[absorb]);
        keyed_items[keep] += keyed_items[absorb];
        version[keep] += 1;
        version[absorb] += 1;
        let absorbed_edges = std::mem::take(&mut between[absorb]);
        for (other, edge) in absorbed_edges {
            between[other].remove(&absorb);
            if other == keep {
                between[keep].remove(&absorb);
                continue;
            }
            for (from, to) in [(keep, other), (other, keep)] {
                let existing = between[from].entry(to).or_insert(Between::NONE);
                existing.sum += edge.sum;
                existing.keyed_scored += edge.keyed_scored;
                existing.hard |= edge.hard;
            }
        }
        for (&other, edge) in &between[keep] {
            heap.extend(candidate(
                &members,
                &keyed_items,
                &smallest_item,
                &version,
                keep,
                other,
                edge,
            ));
        }
    }
    sort_clusters(members.into_iter().flatten().collect())
}
