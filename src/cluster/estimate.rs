//! Estimating a match model from the reports themselves, as Splink does
//! (its docs: "fellegi_sunter", "training_rationale", "term-frequency").
//!
//! - **u** (how often two different incidents fall in a level) from random
//!   pairs of reports: almost every random pair is two incidents.
//! - **m** (how often one incident falls in it) by expectation-maximisation
//!   over the candidate pairs clustering scores, with u held fixed; or,
//!   given an answer key, counted on the pairs it labels one incident.
//! - **the prior**: the share of candidate pairs that are one incident.
//! - **term frequencies** of places, for `place_same_city`.
//!
//! Levels the model keeps by design (`LevelWeight::fixed`) keep their weight
//! and count in every pair's likelihood as that weight. Everything here is
//! a pure function of the state's reports and the options (a seeded
//! generator, sorted inputs), so the same store trains the same model.

use std::collections::{BTreeMap, HashMap};

use thiserror::Error;

use super::mention::{BlockKey, MentionFeatures};
use super::model::{
    HEADLINE_BANDS, LevelWeight, MatchModel, PlaceFrequencies, PlaceShare, TrainingSummary,
};
use super::score::{self, effective_level};
use super::{ClusterState, build};

#[derive(Debug, Error)]
pub enum EstimateError {
    #[error(
        "a match model needs at least {needed} reports with a place-day to estimate; the store has {found}"
    )]
    TooFewReports { needed: usize, found: usize },
    #[error(
        "no candidate pair to estimate m on: every pair of reports is in another period or shares nothing"
    )]
    NoCandidatePairs,
    #[error(
        "the answer key labels no candidate pair as one incident ({labelled} candidate pairs have both reports in it); check that its report ids are the store's"
    )]
    NoLabelledMatches { labelled: usize },
}

/// How to estimate.
#[derive(Debug, Clone)]
pub struct EstimateOptions {
    /// Random pairs for u (fewer when the store has fewer pairs).
    pub random_pairs: usize,
    /// Candidate pairs for m at most (a deterministic sample beyond).
    pub max_candidate_pairs: usize,
    pub max_iterations: u32,
    /// EM stops when no m moves more than this in an iteration.
    pub tolerance: f64,
    pub seed: u64,
    /// Report id → incident id, to count m on labelled pairs instead of EM.
    pub labels: Option<HashMap<String, String>>,
    /// Where the labels came from, for the model's training summary.
    pub labels_name: Option<String>,
    /// Where u comes from.
    pub u_from: UFrom,
    /// Whether the model adjusts `place_same_city` by how common the place
    /// is.
    pub term_frequencies: bool,
}

/// Where a model's u comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum UFrom {
    /// Random pairs of reports (Splink's default): u is how often two
    /// reports of the whole store fall in the level.
    RandomPairs,
    /// The candidate pairs themselves: counted on the pairs an answer key
    /// labels two incidents, or estimated by EM beside m. The model only
    /// ever weighs candidate pairs, which share a month and a word or a
    /// place, so this is the u that applies to them.
    #[default]
    CandidatePairs,
}

impl Default for EstimateOptions {
    fn default() -> Self {
        EstimateOptions {
            random_pairs: 200_000,
            max_candidate_pairs: 2_000_000,
            max_iterations: 50,
            tolerance: 1e-5,
            seed: 12,
            labels: None,
            labels_name: None,
            u_from: UFrom::default(),
            term_frequencies: true,
        }
    }
}

/// The fewest reports an estimate is attempted on.
pub const MIN_REPORTS_TO_ESTIMATE: usize = 10;

/// Estimated weights are kept within this many log2 units: a level seen in
/// a handful of pairs must not decide every pair it appears in.
pub const MAX_ESTIMATED_WEIGHT: f64 = 12.0;

/// A place's share is never taken below this (Splink's
/// `tf_minimum_u_value`).
pub const TERM_FREQUENCY_FLOOR: f64 = 0.001;

/// Places whose share the model keeps (the commonest); the rest get the
/// floor.
pub const TERM_FREQUENCY_PLACES: usize = 2_000;

/// The commonest places the model names, for people reading it.
const NAMED_PLACES: usize = 20;

/// A pair's levels as indices into the estimated model's levels.
type PairLevels = Vec<u16>;

/// Estimates a model from the reports in `state`. `base` gives the levels
/// and the fixed weights (the built-in model, or the one in force).
pub fn estimate_model(
    state: &ClusterState,
    base: &MatchModel,
    options: &EstimateOptions,
) -> Result<MatchModel, EstimateError> {
    let mut mains: Vec<&MentionFeatures> = state
        .mentions
        .values()
        .filter_map(|mentions| mentions.iter().find(|m| m.is_main))
        .collect();
    mains.sort_by_key(|m| m.key);
    if mains.len() < MIN_REPORTS_TO_ESTIMATE {
        return Err(EstimateError::TooFewReports {
            needed: MIN_REPORTS_TO_ESTIMATE,
            found: mains.len(),
        });
    }
    let mut levels = estimated_levels(base);
    let index_of: HashMap<String, u16> = levels
        .iter()
        .enumerate()
        .map(|(i, l)| (l.level.clone(), i as u16))
        .collect();
    let pair_levels = |a: &MentionFeatures, b: &MentionFeatures| -> PairLevels {
        let (Some(report_a), Some(report_b)) =
            (state.reports.get(&a.key.seq), state.reports.get(&b.key.seq))
        else {
            return Vec::new();
        };
        score::compare(
            a,
            b,
            &report_a.figures,
            &report_b.figures,
            score::Details::Omitted,
        )
        .iter()
        .filter_map(|outcome| index_of.get(effective_level(outcome, false)).copied())
        .collect()
    };

    // Candidate pairs: what clustering scores, less what a hard constraint
    // decides whatever the weights say.
    let mut by_block: BTreeMap<BlockKey, Vec<&MentionFeatures>> = BTreeMap::new();
    for &mention in &mains {
        by_block
            .entry(mention.block_key())
            .or_default()
            .push(mention);
    }
    let mut candidates: Vec<(usize, usize)> = Vec::new();
    let position: HashMap<super::mention::MentionKey, usize> =
        mains.iter().enumerate().map(|(i, m)| (m.key, i)).collect();
    for members in by_block.values() {
        for (a, b) in build::candidate_pairs(members) {
            let (ma, mb) = (members[a], members[b]);
            if score::hard_constraint(ma, mb).is_none() {
                candidates.push((position[&ma.key], position[&mb.key]));
            }
        }
    }
    if candidates.len() > options.max_candidate_pairs {
        candidates = sample_evenly(&candidates, options.max_candidate_pairs);
    }
    if candidates.is_empty() {
        return Err(EstimateError::NoCandidatePairs);
    }
    let candidate_levels: Vec<PairLevels> = candidates
        .iter()
        .map(|&(a, b)| pair_levels(mains[a], mains[b]))
        .collect();

    // u from random pairs.
    let n = mains.len();
    let all_pairs = n * (n - 1) / 2;
    let random_count = options.random_pairs.min(all_pairs);
    let mut generator = crate::synth::rng::SplitMix64::new(options.seed);
    let mut u_counts = vec![0.0f64; levels.len()];
    for _ in 0..random_count {
        let a = generator.below(n);
        let mut b = generator.below(n - 1);
        if b >= a {
            b += 1;
        }
        for level in pair_levels(mains[a], mains[b]) {
            u_counts[level as usize] += 1.0;
        }
    }
    let comparison_of: Vec<usize> = comparison_indices(&levels);
    let mut u = normalised_by_comparison(&u_counts, &comparison_of);

    // m: counted on labels, or by EM.
    // With labels, a logistic regression gives the weights (below); m and
    // u are still counted, for reading.
    let mut regression: Option<(Vec<f64>, f64)> = None;
    let (m, match_share, iterations, converged) = match &options.labels {
        Some(labels) => {
            let mut labelled_pairs: Vec<(&PairLevels, bool)> = Vec::new();
            let mut m_counts = vec![0.0f64; levels.len()];
            let mut non_match_counts = vec![0.0f64; levels.len()];
            let (mut labelled, mut matches) = (0usize, 0usize);
            for (&(a, b), pair) in candidates.iter().zip(&candidate_levels) {
                let (Some(incident_a), Some(incident_b)) = (
                    labels.get(&*mains[a].report_id),
                    labels.get(&*mains[b].report_id),
                ) else {
                    continue;
                };
                labelled += 1;
                labelled_pairs.push((pair, incident_a == incident_b));
                if incident_a == incident_b {
                    matches += 1;
                    for &level in pair {
                        m_counts[level as usize] += 1.0;
                    }
                } else {
                    for &level in pair {
                        non_match_counts[level as usize] += 1.0;
                    }
                }
            }
            if matches == 0 {
                return Err(EstimateError::NoLabelledMatches { labelled });
            }
            let m = normalised_by_comparison(&m_counts, &comparison_of);
            if options.u_from == UFrom::CandidatePairs {
                u = normalised_by_comparison(&non_match_counts, &comparison_of);
            }
            let (weights, intercept, iterations, converged) =
                logistic_regression(&levels, &labelled_pairs, options);
            regression = Some((weights, intercept));
            (m, matches as f64 / labelled as f64, iterations, converged)
        }
        None => {
            let (m, estimated_u, share, iterations, converged) = expectation_maximisation(
                &levels,
                &comparison_of,
                &u,
                &candidate_levels,
                base,
                options,
            );
            u = estimated_u;
            (m, share, iterations, converged)
        }
    };

    for (i, level) in levels.iter_mut().enumerate() {
        if level.fixed {
            continue;
        }
        level.m = Some(m[i]);
        level.u = Some(u[i]);
        let weight = match &regression {
            Some((weights, _)) => weights[i],
            None => (m[i] / u[i]).log2(),
        };
        level.weight = weight.clamp(-MAX_ESTIMATED_WEIGHT, MAX_ESTIMATED_WEIGHT);
    }
    let place_frequencies = if options.term_frequencies {
        place_frequencies(&mains, &levels)
    } else {
        None
    };
    let match_share = match_share.clamp(1e-6, 1.0 - 1e-6);
    let threshold = match &regression {
        Some((_, intercept)) => -intercept,
        None => -(match_share / (1.0 - match_share)).log2(),
    };
    let mut model = MatchModel::built_in();
    model.name = "estimated".to_string();
    model.threshold = threshold;
    model.levels = levels;
    model.place_frequencies = place_frequencies;
    model.training = TrainingSummary {
        method: if options.labels.is_some() {
            "labels".to_string()
        } else {
            "em".to_string()
        },
        reports: mains.len() as u64,
        candidate_pairs: candidates.len() as u64,
        random_pairs: random_count as u64,
        iterations,
        converged,
        match_share,
        labels: options.labels_name.clone(),
    };
    Ok(model)
}

/// The levels an estimated model weighs: the base model's, with the
/// headline in bands (a graded weight cannot be counted).
fn estimated_levels(base: &MatchModel) -> Vec<LevelWeight> {
    let mut levels: Vec<LevelWeight> = base
        .levels
        .iter()
        .filter(|l| l.comparison != "headline")
        .cloned()
        .collect();
    for (band, lowest) in HEADLINE_BANDS {
        let highest = HEADLINE_BANDS
            .iter()
            .map(|(_, low)| *low)
            .find(|low| low > lowest)
            .map_or("1.0".to_string(), |high| format!("{high:.1}"));
        levels.push(LevelWeight {
            comparison: "headline".to_string(),
            level: band.to_string(),
            weight: 0.0,
            m: None,
            u: None,
            graded: false,
            fixed: false,
            meaning: format!("headline similarity {lowest:.1} to {highest}"),
        });
    }
    levels
}

fn comparison_indices(levels: &[LevelWeight]) -> Vec<usize> {
    let mut names: Vec<&str> = Vec::new();
    levels
        .iter()
        .map(
            |level| match names.iter().position(|n| *n == level.comparison) {
                Some(i) => i,
                None => {
                    names.push(&level.comparison);
                    names.len() - 1
                }
            },
        )
        .collect()
}

/// Counts into probabilities within each comparison, with one pseudo-count
/// per level so that an unseen level has a small probability, not zero.
fn normalised_by_comparison(counts: &[f64], comparison_of: &[usize]) -> Vec<f64> {
    let comparisons = comparison_of.iter().max().map_or(0, |m| m + 1);
    let mut totals = vec![0.0f64; comparisons];
    let mut level_counts = vec![0usize; comparisons];
    for (i, &count) in counts.iter().enumerate() {
        totals[comparison_of[i]] += count;
        level_counts[comparison_of[i]] += 1;
    }
    counts
        .iter()
        .enumerate()
        .map(|(i, &count)| {
            let c = comparison_of[i];
            (count + 1.0) / (totals[c] + level_counts[c] as f64)
        })
        .collect()
}

/// EM for m and the match share with u fixed. Starts from m implied by the
/// base model's weights (m = u·2^w, normalised), so a corpus like the
/// development sets starts near where they left it.
fn expectation_maximisation(
    levels: &[LevelWeight],
    comparison_of: &[usize],
    u: &[f64],
    pairs: &[PairLevels],
    base: &MatchModel,
    options: &EstimateOptions,
) -> (Vec<f64>, Vec<f64>, f64, u32, bool) {
    let mut u = u.to_vec();
    // A banded headline starts where a graded base weight puts the band's
    // middle.
    let graded_headline = base
        .levels
        .iter()
        .find(|l| l.comparison == "headline" && l.graded)
        .map_or(0.0, |l| l.weight);
    let base_weight = |level: &LevelWeight| -> f64 {
        match base.level(&level.level) {
            Some(l) if !l.graded => l.weight,
            _ => {
                let lowest = HEADLINE_BANDS
                    .iter()
                    .find(|(band, _)| *band == level.level)
                    .map_or(0.0, |(_, lowest)| *lowest);
                let highest = HEADLINE_BANDS
                    .iter()
                    .map(|(_, low)| *low)
                    .find(|low| *low > lowest)
                    .unwrap_or(1.0);
                graded_headline * (lowest + highest) / 2.0
            }
        }
    };
    let comparisons = comparison_of.iter().max().map_or(0, |m| m + 1);
    let mut m: Vec<f64> = levels
        .iter()
        .zip(&u)
        .map(|(level, &u)| u * base_weight(level).exp2())
        .collect();
    let mut totals = vec![0.0f64; comparisons];
    for (i, &value) in m.iter().enumerate() {
        totals[comparison_of[i]] += value;
    }
    for (i, value) in m.iter_mut().enumerate() {
        *value /= totals[comparison_of[i]].max(f64::MIN_POSITIVE);
    }
    let mut match_share = MatchModel::probability(base.prior());
    let fixed_weight: Vec<Option<f64>> =
        levels.iter().map(|l| l.fixed.then_some(l.weight)).collect();

    let mut iterations = 0;
    let mut converged = false;
    while iterations < options.max_iterations {
        iterations += 1;
        let weights: Vec<f64> = m
            .iter()
            .zip(&u)
            .enumerate()
            .map(|(i, (&m, &u))| fixed_weight[i].unwrap_or_else(|| (m / u).log2()))
            .collect();
        let prior = (match_share / (1.0 - match_share)).log2();
        let mut m_counts = vec![0.0f64; levels.len()];
        let mut u_counts = vec![0.0f64; levels.len()];
        let mut expected_matches = 0.0;
        for pair in pairs {
            let total: f64 = prior + pair.iter().map(|&l| weights[l as usize]).sum::<f64>();
            let p = MatchModel::probability(total);
            expected_matches += p;
            for &level in pair {
                m_counts[level as usize] += p;
                u_counts[level as usize] += 1.0 - p;
            }
        }
        let next_m = normalised_by_comparison(&m_counts, comparison_of);
        if options.u_from == UFrom::CandidatePairs {
            u = normalised_by_comparison(&u_counts, comparison_of);
        }
        let moved = next_m
            .iter()
            .zip(&m)
            .enumerate()
            .filter(|(i, _)| fixed_weight[*i].is_none())
            .map(|(_, (a, b))| (a - b).abs())
            .fold(0.0, f64::max);
        m = next_m;
        match_share = (expected_matches / pairs.len() as f64).clamp(1e-6, 1.0 - 1e-6);
        if moved < options.tolerance {
            converged = true;
            break;
        }
    }
    (m, u, match_share, iterations, converged)
}

/// The ridge penalty of the regression: levels that always occur
/// together (a comparison's levels sum to one with the intercept) need one
/// to have a unique fit, and a rare level stays near zero.
const REGRESSION_PENALTY: f64 = 1.0;

/// A logistic regression of "one incident" on the levels (one indicator
/// each), with the fixed levels as offsets, fitted by Newton's method.
/// Unlike m/u counted level by level, it discounts levels that agree with
/// each other (the headline and the content say much the same thing), which
/// is how the built-in model was estimated (docs/clustering.md). Returns
/// each level's weight and the intercept in log2 units, the iterations and
/// whether it converged.
fn logistic_regression(
    levels: &[LevelWeight],
    pairs: &[(&PairLevels, bool)],
    options: &EstimateOptions,
) -> (Vec<f64>, f64, u32, bool) {
    let free: Vec<usize> = (0..levels.len()).filter(|&i| !levels[i].fixed).collect();
    let column_of: HashMap<usize, usize> = free
        .iter()
        .enumerate()
        .map(|(column, &level)| (level, column + 1))
        .collect();
    let ln2 = std::f64::consts::LN_2;
    let offset_of = |pair: &PairLevels| -> f64 {
        pair.iter()
            .filter(|&&l| levels[l as usize].fixed)
            .map(|&l| levels[l as usize].weight * ln2)
            .sum()
    };
    let columns = free.len() + 1;
    let mut beta = vec![0.0f64; columns];
    let mut iterations = 0;
    let mut converged = false;
    while iterations < options.max_iterations {
        iterations += 1;
        let mut gradient = vec![0.0f64; columns];
        let mut hessian = vec![vec![0.0f64; columns]; columns];
        for &(pair, same) in pairs {
            let mut active: Vec<usize> = vec![0];
            active.extend(
                pair.iter()
                    .filter_map(|l| column_of.get(&(*l as usize)).copied()),
            );
            let eta: f64 = offset_of(pair) + active.iter().map(|&c| beta[c]).sum::<f64>();
            let p = 1.0 / (1.0 + (-eta).exp());
            let residual = if same { 1.0 } else { 0.0 } - p;
            let curvature = (p * (1.0 - p)).max(1e-12);
            for &i in &active {
                gradient[i] += residual;
                for &j in &active {
                    hessian[i][j] += curvature;
                }
            }
        }
        for c in 1..columns {
            gradient[c] -= REGRESSION_PENALTY * beta[c];
            hessian[c][c] += REGRESSION_PENALTY;
        }
        let Some(step) = solve(hessian, gradient) else {
            break;
        };
        let moved = step.iter().fold(0.0f64, |most, s| most.max(s.abs()));
        for (b, s) in beta.iter_mut().zip(&step) {
            *b += s;
        }
        if moved < options.tolerance {
            converged = true;
            break;
        }
    }
    let mut weights = vec![0.0f64; levels.len()];
    for (&level, &column) in &column_of {
        weights[level] = beta[column] / ln2;
    }
    (weights, beta[0] / ln2, iterations, converged)
}

/// Solves `a x = b` by Gaussian elimination with partial pivoting (the
/// system is a few dozen unknowns).
fn solve(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Option<Vec<f64>> {
    let n = b.len();
    for column in 0..n {
        let pivot =
            (column..n).max_by(|&i, &j| a[i][column].abs().total_cmp(&a[j][column].abs()))?;
        if a[pivot][column].abs() < 1e-12 {
            return None;
        }
        a.swap(column, pivot);
        b.swap(column, pivot);
        for row in column + 1..n {
            let factor = a[row][column] / a[column][column];
            if factor == 0.0 {
                continue;
            }
            let (upper, lower) = a.split_at_mut(row);
            for (target, source) in lower[0][column..].iter_mut().zip(&upper[column][column..]) {
                *target -= factor * source;
            }
            b[row] -= factor * b[column];
        }
    }
    let mut x = vec![0.0f64; n];
    for row in (0..n).rev() {
        let known: f64 = (row + 1..n).map(|k| a[row][k] * x[k]).sum();
        x[row] = (b[row] - known) / a[row][row];
    }
    Some(x)
}

/// How often each place is a report's main place, for the term-frequency
/// adjustment of `place_same_city`.
fn place_frequencies(
    mains: &[&MentionFeatures],
    levels: &[LevelWeight],
) -> Option<PlaceFrequencies> {
    let level_u = levels
        .iter()
        .find(|l| l.level == "place_same_city")
        .and_then(|l| l.u)?;
    let mut counts: HashMap<u32, u64> = HashMap::new();
    let mut names: HashMap<u32, &str> = HashMap::new();
    let mut total = 0u64;
    for mention in mains {
        if mention.place_is_unknown() || mention.is_country_level() {
            continue;
        }
        *counts.entry(mention.place.geonames_id).or_default() += 1;
        names
            .entry(mention.place.geonames_id)
            .or_insert(&mention.place.name);
        total += 1;
    }
    if total == 0 {
        return None;
    }
    let mut ranked: Vec<(u32, u64)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked.truncate(TERM_FREQUENCY_PLACES);
    let floor = TERM_FREQUENCY_FLOOR.max(1.0 / total as f64);
    let mut places: Vec<PlaceShare> = ranked
        .into_iter()
        .enumerate()
        .map(|(rank, (geonames_id, count))| PlaceShare {
            geonames_id,
            share: count as f64 / total as f64,
            name: (rank < NAMED_PLACES)
                .then(|| names.get(&geonames_id).map(|name| name.to_string()))
                .flatten(),
        })
        .filter(|place| place.share > floor)
        .collect();
    places.sort_by_key(|place| place.geonames_id);
    Some(PlaceFrequencies {
        places,
        floor,
        level_u,
    })
}

/// Every k-th item, so that a sample spans the whole (sorted) list.
fn sample_evenly<T: Copy>(items: &[T], keep: usize) -> Vec<T> {
    let step = items.len() as f64 / keep.max(1) as f64;
    (0..keep)
        .filter_map(|i| items.get((i as f64 * step) as usize).copied())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn solve_finds_the_solution_of_a_small_system() {
        let x = solve(vec![vec![2.0, 1.0], vec![1.0, 3.0]], vec![3.0, 5.0]).unwrap();
        assert!((x[0] - 0.8).abs() < 1e-12 && (x[1] - 1.4).abs() < 1e-12);
        assert!(solve(vec![vec![1.0, 2.0], vec![2.0, 4.0]], vec![1.0, 2.0]).is_none());
    }

    fn level(comparison: &str, name: &str, fixed: bool, weight: f64) -> LevelWeight {
        LevelWeight {
            comparison: comparison.to_string(),
            level: name.to_string(),
            weight,
            m: None,
            u: None,
            graded: false,
            fixed,
            meaning: String::new(),
        }
    }

    #[test]
    fn the_regression_weighs_a_level_that_marks_matches_above_one_that_marks_non_matches() {
        let levels = vec![
            level("date", "same", false, 0.0),
            level("date", "far", false, 0.0),
            level("kind", "conflict", true, -1.0),
        ];
        let same: PairLevels = vec![0];
        let far: PairLevels = vec![1];
        let far_conflict: PairLevels = vec![1, 2];
        let mut pairs: Vec<(&PairLevels, bool)> = Vec::new();
        for i in 0..100 {
            pairs.push((&same, i % 10 != 0));
            pairs.push((&far, i % 10 == 0));
            pairs.push((&far_conflict, false));
        }
        let (weights, _, iterations, converged) =
            logistic_regression(&levels, &pairs, &EstimateOptions::default());
        assert!(converged, "{iterations} iterations");
        assert!(weights[0] > 2.0 && weights[1] < -1.0, "{weights:?}");
        assert_eq!(weights[2], 0.0, "a fixed level is an offset, not fitted");
    }

    #[test]
    fn counts_become_probabilities_per_comparison_with_a_pseudo_count() {
        let levels = vec![
            level("a", "x", false, 0.0),
            level("a", "y", false, 0.0),
            level("b", "z", false, 0.0),
        ];
        let comparison_of = comparison_indices(&levels);
        assert_eq!(comparison_of, vec![0, 0, 1]);
        let p = normalised_by_comparison(&[3.0, 0.0, 5.0], &comparison_of);
        assert!((p[0] - 0.8).abs() < 1e-12 && (p[1] - 0.2).abs() < 1e-12);
        assert!((p[2] - 1.0).abs() < 1e-12);
    }

    #[test]
    fn an_even_sample_spans_the_list() {
        let items: Vec<u32> = (0..100).collect();
        assert_eq!(sample_evenly(&items, 4), vec![0, 25, 50, 75]);
    }
}
