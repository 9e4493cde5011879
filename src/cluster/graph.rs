//! Graph clustering that does not chain.
//!
//! Mentions are nodes; a candidate pair is an edge weighted by its score
//! minus the threshold (attraction when positive, repulsion when
//! negative, `-inf` for a hard constraint). Clustering is greedy
//! average-linkage correlation clustering: repeatedly merge the two
//! clusters whose edges between them have the highest mean weight (pairs
//! with no edge count as 0), as long as that mean is above zero and no
//! hard constraint lies between them. A weak bridge adds a small positive
//! weight that cannot outweigh the repulsion between two groups that
//! disagree, so groups joined only through a bridge stay apart. See
//! docs/clustering.md for the measurement that chose it over connected
//! components.

use petgraph::stable_graph::{NodeIndex, StableUnGraph};
use petgraph::unionfind::UnionFind;
use petgraph::visit::{EdgeRef, IntoEdgeReferences};

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

/// Summed weight between two clusters; `hard` when a hard constraint lies
/// between them.
#[derive(Debug, Clone, Copy)]
struct Between {
    sum: f64,
    hard: bool,
}

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
            correlation_clusters(units, &weighted, &|_, _| true)
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
/// decided clusters). `weights` are (item, item, score - threshold).
/// `may_merge` is a guard on two clusters' items (e.g. two already decided
/// day clusters may not merge).
pub fn correlation_clusters(
    units: Vec<Vec<usize>>,
    weights: &[(usize, usize, f64)],
    may_merge: &dyn Fn(&[usize], &[usize]) -> bool,
) -> Vec<Vec<usize>> {
    let item_count = units.iter().flatten().copied().max().map_or(0, |m| m + 1);
    let mut graph: StableUnGraph<Vec<usize>, Between> = StableUnGraph::default();
    let mut node_of_item: Vec<Option<NodeIndex>> = vec![None; item_count];
    for unit in units {
        if unit.is_empty() {
            continue;
        }
        let node = graph.add_node(Vec::new());
        for &item in &unit {
            if let Some(slot) = node_of_item.get_mut(item) {
                *slot = Some(node);
            }
        }
        graph[node] = unit;
    }
    for &(a, b, weight) in weights {
        let (Some(Some(node_a)), Some(Some(node_b))) = (node_of_item.get(a), node_of_item.get(b))
        else {
            continue;
        };
        let (node_a, node_b) = (*node_a, *node_b);
        if node_a == node_b {
            continue;
        }
        let hard = weight == f64::NEG_INFINITY;
        let add = if hard { 0.0 } else { weight };
        match graph.find_edge(node_a, node_b) {
            Some(edge) => {
                let between = &mut graph[edge];
                between.sum += add;
                between.hard |= hard;
            }
            None => {
                graph.add_edge(node_a, node_b, Between { sum: add, hard });
            }
        }
    }

    loop {
        // The best merge: highest mean weight; ties go to the pair with the
        // smallest items so that the result does not depend on edge order.
        let mut best: Option<(f64, usize, usize, NodeIndex, NodeIndex)> = None;
        for edge in (&graph).edge_references() {
            let between = edge.weight();
            if between.hard || between.sum <= 0.0 {
                continue;
            }
            let (a, b) = (edge.source(), edge.target());
            let size = (graph[a].len() * graph[b].len()) as f64;
            let mean = between.sum / size;
            let min_a = graph[a].iter().copied().min().unwrap_or(usize::MAX);
            let min_b = graph[b].iter().copied().min().unwrap_or(usize::MAX);
            let (first, second) = (min_a.min(min_b), min_a.max(min_b));
            let better = match best {
                None => true,
                Some((best_mean, best_first, best_second, _, _)) => {
                    mean > best_mean
                        || (mean == best_mean && (first, second) < (best_first, best_second))
                }
            };
            if better && may_merge(graph[a].as_slice(), graph[b].as_slice()) {
                best = Some((mean, first, second, a, b));
            }
        }
        let Some((_, _, _, keep, absorb)) = best else {
            break;
        };
        let absorbed_edges: Vec<(NodeIndex, Between)> = graph
            .edges(absorb)
            .map(|e| {
                let other = if e.source() == absorb {
                    e.target()
                } else {
                    e.source()
                };
                (other, *e.weight())
            })
            .collect();
        let Some(absorbed_items) = graph.remove_node(absorb) else {
            break;
        };
        graph[keep].extend(absorbed_items);
        for (other, between) in absorbed_edges {
            if other == keep {
                continue;
            }
            match graph.find_edge(keep, other) {
                Some(edge) => {
                    let existing = &mut graph[edge];
                    existing.sum += between.sum;
                    existing.hard |= between.hard;
                }
                None => {
                    graph.add_edge(keep, other, between);
                }
            }
        }
    }
    let clusters: Vec<Vec<usize>> = graph.node_indices().map(|n| graph[n].clone()).collect();
    sort_clusters(clusters)
}
