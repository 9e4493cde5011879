//! Clustering scores: pairwise, B-cubed, MUC, CEAF-e and the CoNLL average.
//!
//! Both clusterings are maps from an item (a mention, or a document) to a
//! cluster label. Scoring is over the gold items: an item the prediction
//! does not have counts as a singleton of its own there, and predicted items
//! the gold does not know are left out (the "twinless mention" rule of
//! coreference scoring, stated so results can be compared).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::Hash;

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Prf {
    pub fn new(precision: f64, recall: f64) -> Prf {
        let f1 = if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        Prf {
            precision,
            recall,
            f1,
        }
    }

    /// From counts, with the convention that nothing predicted and nothing
    /// expected is perfect.
    pub fn from_counts(true_positives: f64, predicted: f64, expected: f64) -> Prf {
        let precision = if predicted > 0.0 {
            true_positives / predicted
        } else {
            1.0
        };
        let recall = if expected > 0.0 {
            true_positives / expected
        } else {
            1.0
        };
        Prf::new(precision, recall)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ClusterScores {
    pub items: usize,
    pub gold_clusters: usize,
    pub predicted_clusters: usize,
    pub pairwise: Prf,
    pub b_cubed: Prf,
    pub muc: Prf,
    pub ceaf_e: Prf,
    /// The mean of the MUC, B-cubed and CEAF-e F1.
    pub conll_f1: f64,
}

/// Scores `predicted` against `gold`.
pub fn score_clusters<Item, GoldLabel, PredictedLabel>(
    gold: &BTreeMap<Item, GoldLabel>,
    predicted: &BTreeMap<Item, PredictedLabel>,
) -> ClusterScores
where
    Item: Ord + Clone + Hash,
    GoldLabel: Ord + Clone,
    PredictedLabel: Ord + Clone,
{
    // Dense cluster numbers; an item missing from the prediction gets a
    // fresh singleton cluster.
    let items: Vec<&Item> = gold.keys().collect();
    let gold_ids = dense_labels(items.iter().map(|i| gold.get(*i).cloned()));
    let predicted_ids = dense_labels(items.iter().map(|i| predicted.get(*i).cloned()));
    let gold_clusters = group(&gold_ids);
    let predicted_clusters = group(&predicted_ids);

    let pairwise = pairwise_score(
        &gold_ids,
        &predicted_ids,
        &gold_clusters,
        &predicted_clusters,
    );
    let b_cubed = b_cubed_score(
        &gold_ids,
        &predicted_ids,
        &gold_clusters,
        &predicted_clusters,
    );
    let muc = Prf::new(
        muc_recall(&predicted_clusters, &gold_ids),
        muc_recall(&gold_clusters, &predicted_ids),
    );
    let ceaf_e = ceaf_e_score(&gold_clusters, &predicted_clusters, &predicted_ids);
    ClusterScores {
        items: items.len(),
        gold_clusters: gold_clusters.len(),
        predicted_clusters: predicted_clusters.len(),
        pairwise,
        b_cubed,
        muc,
        ceaf_e,
        conll_f1: (muc.f1 + b_cubed.f1 + ceaf_e.f1) / 3.0,
    }
}

/// Turns labels (None = no label) into dense cluster numbers, giving each
/// unlabelled item a cluster of its own.
fn dense_labels<Label: Ord>(labels: impl Iterator<Item = Option<Label>>) -> Vec<usize> {
    let mut numbers: BTreeMap<Label, usize> = BTreeMap::new();
    let mut next = 0;
    let mut out = Vec::new();
    for label in labels {
        let number = match label {
            Some(label) => *numbers.entry(label).or_insert_with(|| {
                next += 1;
                next - 1
            }),
            None => {
                next += 1;
                next - 1
            }
        };
        out.push(number);
    }
    out
}

/// Cluster number → item indices, dropping empty numbers.
fn group(ids: &[usize]) -> Vec<Vec<usize>> {
    let mut by_cluster: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (item, &cluster) in ids.iter().enumerate() {
        by_cluster.entry(cluster).or_default().push(item);
    }
    by_cluster.into_values().collect()
}

fn pairs(n: usize) -> f64 {
    (n as f64) * (n as f64 - 1.0) / 2.0
}

fn pairwise_score(
    gold_ids: &[usize],
    predicted_ids: &[usize],
    gold_clusters: &[Vec<usize>],
    predicted_clusters: &[Vec<usize>],
) -> Prf {
    let mut both: HashMap<(usize, usize), usize> = HashMap::new();
    for (g, p) in gold_ids.iter().zip(predicted_ids) {
        *both.entry((*g, *p)).or_default() += 1;
    }
    let true_pairs: f64 = both.values().map(|&n| pairs(n)).sum();
    let predicted_pairs: f64 = predicted_clusters.iter().map(|c| pairs(c.len())).sum();
    let gold_pairs: f64 = gold_clusters.iter().map(|c| pairs(c.len())).sum();
    Prf::from_counts(true_pairs, predicted_pairs, gold_pairs)
}

fn b_cubed_score(
    gold_ids: &[usize],
    predicted_ids: &[usize],
    gold_clusters: &[Vec<usize>],
    predicted_clusters: &[Vec<usize>],
) -> Prf {
    if gold_ids.is_empty() {
        return Prf::new(1.0, 1.0);
    }
    let mut gold_size: HashMap<usize, usize> = HashMap::new();
    for c in gold_clusters {
        gold_size.insert(gold_ids[c[0]], c.len());
    }
    let mut predicted_size: HashMap<usize, usize> = HashMap::new();
    for c in predicted_clusters {
        predicted_size.insert(predicted_ids[c[0]], c.len());
    }
    let mut both: HashMap<(usize, usize), usize> = HashMap::new();
    for (g, p) in gold_ids.iter().zip(predicted_ids) {
        *both.entry((*g, *p)).or_default() += 1;
    }
    let mut precision = 0.0;
    let mut recall = 0.0;
    for (g, p) in gold_ids.iter().zip(predicted_ids) {
        let overlap = both[&(*g, *p)] as f64;
        precision += overlap / predicted_size[p] as f64;
        recall += overlap / gold_size[g] as f64;
    }
    let n = gold_ids.len() as f64;
    Prf::new(precision / n, recall / n)
}

/// MUC recall of `key` clusters against a `response` labelling (swap the
/// arguments for precision): how many links of each key cluster survive.
fn muc_recall(key_clusters: &[Vec<usize>], response_ids: &[usize]) -> f64 {
    let mut numerator = 0.0;
    let mut denominator = 0.0;
    for cluster in key_clusters {
        let partitions: BTreeSet<usize> = cluster.iter().map(|&i| response_ids[i]).collect();
        numerator += (cluster.len() - partitions.len()) as f64;
        denominator += (cluster.len() - 1) as f64;
    }
    if denominator == 0.0 {
        1.0
    } else {
        numerator / denominator
    }
}

/// Entity-based CEAF with the φ4 similarity and an optimal one-to-one
/// alignment. The alignment is solved per connected component of the
/// overlap graph, so large sparse clusterings stay cheap.
fn ceaf_e_score(
    gold_clusters: &[Vec<usize>],
    predicted_clusters: &[Vec<usize>],
    predicted_ids: &[usize],
) -> Prf {
    if gold_clusters.is_empty() || predicted_clusters.is_empty() {
        return Prf::new(1.0, 1.0);
    }
    // predicted cluster label → index in predicted_clusters
    let mut predicted_index: HashMap<usize, usize> = HashMap::new();
    for (index, cluster) in predicted_clusters.iter().enumerate() {
        predicted_index.insert(predicted_ids[cluster[0]], index);
    }
    // Overlaps between gold cluster g and predicted cluster p.
    let mut overlaps: Vec<BTreeMap<usize, usize>> = vec![BTreeMap::new(); gold_clusters.len()];
    for (g, cluster) in gold_clusters.iter().enumerate() {
        for &item in cluster {
            *overlaps[g]
                .entry(predicted_index[&predicted_ids[item]])
                .or_default() += 1;
        }
    }
    let phi = |g: usize, p: usize| -> f64 {
        let overlap = overlaps[g].get(&p).copied().unwrap_or(0) as f64;
        2.0 * overlap / (gold_clusters[g].len() + predicted_clusters[p].len()) as f64
    };

    // Connected components of the bipartite overlap graph.
    let mut predicted_to_gold: Vec<Vec<usize>> = vec![Vec::new(); predicted_clusters.len()];
    for (g, row) in overlaps.iter().enumerate() {
        for &p in row.keys() {
            predicted_to_gold[p].push(g);
        }
    }
    let mut gold_seen = vec![false; gold_clusters.len()];
    let mut predicted_seen = vec![false; predicted_clusters.len()];
    let mut total_similarity = 0.0;
    for start in 0..gold_clusters.len() {
        if gold_seen[start] {
            continue;
        }
        let (mut component_gold, mut component_predicted) = (Vec::new(), Vec::new());
        let mut stack = vec![(true, start)];
        gold_seen[start] = true;
        while let Some((is_gold, index)) = stack.pop() {
            if is_gold {
                component_gold.push(index);
                for &p in overlaps[index].keys() {
                    if !predicted_seen[p] {
                        predicted_seen[p] = true;
                        stack.push((false, p));
                    }
                }
            } else {
                component_predicted.push(index);
                for &g in &predicted_to_gold[index] {
                    if !gold_seen[g] {
                        gold_seen[g] = true;
                        stack.push((true, g));
                    }
                }
            }
        }
        let matrix: Vec<Vec<f64>> = component_gold
            .iter()
            .map(|&g| component_predicted.iter().map(|&p| phi(g, p)).collect())
            .collect();
        total_similarity += max_weight_assignment(&matrix);
    }
    Prf::new(
        total_similarity / predicted_clusters.len() as f64,
        total_similarity / gold_clusters.len() as f64,
    )
}

/// The largest total weight of a one-to-one assignment of rows to columns
/// (Hungarian algorithm on the negated, squared-up matrix).
fn max_weight_assignment(weights: &[Vec<f64>]) -> f64 {
    let rows = weights.len();
    let columns = weights.first().map_or(0, Vec::len);
    if rows == 0 || columns == 0 {
        return 0.0;
    }
    let n = rows.max(columns);
    let cost = |i: usize, j: usize| -> f64 {
        if i < rows && j < columns {
            -weights[i][j]
        } else {
            0.0
        }
    };
    // Classic O(n^3) potentials formulation, 1-based.
    let mut u = vec![0.0; n + 1];
    let mut v = vec![0.0; n + 1];
    let mut matched_row_of_column = vec![0usize; n + 1];
    let mut way = vec![0usize; n + 1];
    for i in 1..=n {
        matched_row_of_column[0] = i;
        let mut j0 = 0;
        let mut min_to = vec![f64::INFINITY; n + 1];
        let mut used = vec![false; n + 1];
        loop {
            used[j0] = true;
            let i0 = matched_row_of_column[j0];
            let mut delta = f64::INFINITY;
            let mut j1 = 0;
            for j in 1..=n {
                if !used[j] {
                    let current = cost(i0 - 1, j - 1) - u[i0] - v[j];
                    if current < min_to[j] {
                        min_to[j] = current;
                        way[j] = j0;
                    }
                    if min_to[j] < delta {
                        delta = min_to[j];
                        j1 = j;
                    }
                }
            }
            for j in 0..=n {
                if used[j] {
                    u[matched_row_of_column[j]] += delta;
                    v[j] -= delta;
                } else {
                    min_to[j] -= delta;
                }
            }
            j0 = j1;
            if matched_row_of_column[j0] == 0 {
                break;
            }
        }
        loop {
            let j1 = way[j0];
            matched_row_of_column[j0] = matched_row_of_column[j1];
            j0 = j1;
            if j0 == 0 {
                break;
            }
        }
    }
    let mut total = 0.0;
    for j in 1..=n {
        let i = matched_row_of_column[j];
        if i >= 1 && i <= rows && j <= columns {
            total += weights[i - 1][j - 1];
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(pairs: &[(&'static str, &'static str)]) -> BTreeMap<&'static str, &'static str> {
        pairs.iter().copied().collect()
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn identical_clusterings_score_one_everywhere() {
        let gold = labels(&[("a", "1"), ("b", "1"), ("c", "2"), ("d", "3")]);
        let scores = score_clusters(&gold, &gold);
        for prf in [scores.pairwise, scores.b_cubed, scores.muc, scores.ceaf_e] {
            assert!(close(prf.f1, 1.0), "{prf:?}");
        }
        assert!(close(scores.conll_f1, 1.0));
    }

    #[test]
    fn all_merged_has_perfect_recall_and_poor_precision() {
        let gold = labels(&[("a", "1"), ("b", "1"), ("c", "2"), ("d", "2")]);
        let predicted = labels(&[("a", "x"), ("b", "x"), ("c", "x"), ("d", "x")]);
        let scores = score_clusters(&gold, &predicted);
        assert!(close(scores.pairwise.recall, 1.0));
        assert!(close(scores.pairwise.precision, 2.0 / 6.0));
        assert!(close(scores.b_cubed.precision, 0.5));
        assert!(close(scores.b_cubed.recall, 1.0));
        // MUC: key links 2 of 2 kept; response 3 links of which 2 correct.
        assert!(close(scores.muc.recall, 1.0));
        assert!(close(scores.muc.precision, 2.0 / 3.0));
        // CEAF-e: the one predicted cluster aligns with one gold cluster:
        // phi4 = 2*2/(2+4) = 2/3.
        assert!(close(scores.ceaf_e.precision, 2.0 / 3.0));
        assert!(close(scores.ceaf_e.recall, 1.0 / 3.0));
    }

    #[test]
    fn missing_predictions_are_singletons() {
        let gold = labels(&[("a", "1"), ("b", "1")]);
        let predicted = labels(&[("a", "x")]);
        let scores = score_clusters(&gold, &predicted);
        assert!(close(scores.pairwise.recall, 0.0));
        assert!(close(scores.b_cubed.precision, 1.0));
        assert!(close(scores.b_cubed.recall, 0.5));
    }

    #[test]
    fn assignment_picks_the_best_matching() {
        let weights = vec![vec![0.9, 0.8], vec![0.85, 0.1]];
        assert!(close(max_weight_assignment(&weights), 0.8 + 0.85));
        let rectangular = vec![vec![0.2, 0.5, 0.4]];
        assert!(close(max_weight_assignment(&rectangular), 0.5));
    }
}
