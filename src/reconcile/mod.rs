//! Reconciliation: the claims every source made about one incident's metric
//! become a min and a max, each bound naming the claim that set it.
//!
//! See docs/reconciliation.md for the rules; this module is their only
//! implementation. Everything here is pure and total: no IO, no panics.

use std::str::FromStr;

use crate::extract::model::Qualifier;
use crate::incident::{Claim, ClaimRef, Conflict, MetricFigures, PartsCheck};

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ReconcileError {
    #[error("unknown reconciliation policy {0:?}: expected \"ccc\" or \"acled\"")]
    UnknownPolicy(String),
}

/// How the bounds are chosen from the claims. A setting, not code: see
/// `ClusterConfig::reconcile_policy`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ReconcilePolicy {
    /// Crowd Counting Consortium: min is the lowest count any source
    /// reports, max the highest.
    #[default]
    LowestAndHighest,
    /// ACLED: the most conservative figure. Both bounds are the lowest
    /// count any source reports.
    MostConservative,
}

impl FromStr for ReconcilePolicy {
    type Err = ReconcileError;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        match name.trim().to_ascii_lowercase().as_str() {
            "ccc" => Ok(ReconcilePolicy::LowestAndHighest),
            "acled" => Ok(ReconcilePolicy::MostConservative),
            _ => Err(ReconcileError::UnknownPolicy(name.to_string())),
        }
    }
}

impl ReconcilePolicy {
    /// The policy a configuration string names. Unknown names fall back to
    /// "ccc" so that a build never fails on a setting; front ends validate
    /// with `str::parse` first.
    pub fn from_setting(name: &str) -> ReconcilePolicy {
        name.parse().unwrap_or_default()
    }
}

/// What one claim counts as, at its low end (for the min) and its high end
/// (for the max).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClaimCount {
    pub low: u64,
    pub high: u64,
    /// The claim is open-ended above ("more than 100", "at least 5"): a
    /// bound it sets is marked open.
    pub open: bool,
}

/// The count of a claim, per docs/reconciliation.md:
/// exact/approx N → N; more_than N → N+1 (open); at_least N → N (open);
/// at_most N → N; fewer_than N → N-1; range → its low and its high;
/// vague → the figure's policy interval lo..hi (open when unbounded).
pub fn claim_count(claim: &Claim) -> ClaimCount {
    let stated = claim.value.unwrap_or(claim.lo);
    let closed = |n: u64| ClaimCount {
        low: n,
        high: n,
        open: false,
    };
    match claim.qualifier {
        Qualifier::Exact | Qualifier::Approx | Qualifier::AtMost => closed(stated),
        Qualifier::MoreThan => ClaimCount {
            low: stated.saturating_add(1),
            high: stated.saturating_add(1),
            open: true,
        },
        Qualifier::AtLeast => ClaimCount {
            low: stated,
            high: stated,
            open: true,
        },
        Qualifier::FewerThan => closed(stated.saturating_sub(1)),
        Qualifier::Range => {
            let low = claim.value.unwrap_or(claim.lo);
            let high = claim.value_hi.or(claim.hi).unwrap_or(low).max(low);
            ClaimCount {
                low,
                high,
                open: false,
            }
        }
        Qualifier::Vague => match claim.hi {
            Some(hi) => ClaimCount {
                low: claim.lo,
                high: hi.max(claim.lo),
                open: false,
            },
            None => ClaimCount {
                low: claim.lo,
                high: claim.lo,
                open: true,
            },
        },
    }
}

/// The interval a claim allows, from the figure policy (`lo`..`hi`, `hi`
/// None = unbounded). Used for conflicts only.
fn claim_interval(claim: &Claim) -> (u64, Option<u64>) {
    let hi = claim.hi.map(|hi| hi.max(claim.lo));
    (claim.lo, hi)
}

fn intervals_overlap(a: (u64, Option<u64>), b: (u64, Option<u64>)) -> bool {
    let a_below_b = a.1.is_some_and(|a_hi| a_hi < b.0);
    let b_below_a = b.1.is_some_and(|b_hi| b_hi < a.0);
    !a_below_b && !b_below_a
}

/// Claims that lie outside every other claim's interval. Only claims with
/// the same scope are compared (a two-city number is not a national one).
pub fn find_conflicts(claims: &[Claim]) -> Vec<Conflict> {
    let mut conflicts = Vec::new();
    for (index, claim) in claims.iter().enumerate() {
        let others: Vec<&Claim> = claims
            .iter()
            .enumerate()
            .filter(|(other_index, other)| *other_index != index && same_scope(claim, other))
            .map(|(_, other)| other)
            .collect();
        if others.is_empty() {
            continue;
        }
        let interval = claim_interval(claim);
        if others
            .iter()
            .all(|other| !intervals_overlap(interval, claim_interval(other)))
        {
            let describe = |(lo, hi): (u64, Option<u64>)| match hi {
                Some(hi) if hi == lo => format!("{lo}"),
                Some(hi) => format!("{lo}..{hi}"),
                None => format!("{lo}.."),
            };
            let other_intervals: Vec<String> =
                others.iter().map(|o| describe(claim_interval(o))).collect();
            conflicts.push(Conflict {
                claim: index,
                report: claim.report.clone(),
                quote: claim.quote.clone(),
                why: format!(
                    "{} lies outside every other claim's interval ({})",
                    describe(interval),
                    other_intervals.join(", ")
                ),
            });
        }
    }
    conflicts
}

fn sorted_scope(claim: &Claim) -> Vec<&str> {
    let mut scope: Vec<&str> = claim.places.iter().map(String::as_str).collect();
    scope.sort_unstable();
    scope.dedup();
    scope
}

fn same_scope(a: &Claim, b: &Claim) -> bool {
    sorted_scope(a) == sorted_scope(b)
}

fn claim_ref(claims: &[Claim], index: usize) -> ClaimRef {
    ClaimRef {
        claim: index,
        report: claims[index].report.clone(),
        quote: claims[index].quote.clone(),
    }
}

/// Reconciles all claims about one metric of one incident. `bound_claims`
/// selects which claims may set the bounds (all of them for a city
/// incident; the whole-scope ones on a parent); every claim is listed.
/// Returns None when no claim may set a bound.
pub fn reconcile_metric(
    claims: Vec<Claim>,
    bound_claims: &[usize],
    policy: ReconcilePolicy,
) -> Option<MetricFigures> {
    // A vague word ("dozens", "hundreds") spans a policy interval much
    // wider than any count a source actually gave: it sets a bound only
    // when no source gave a number. It is still listed as a claim.
    let numeric_bound_claims: Vec<usize> = bound_claims
        .iter()
        .copied()
        .filter(|&index| {
            claims
                .get(index)
                .is_some_and(|claim| claim.qualifier != Qualifier::Vague)
        })
        .collect();
    let bound_claims: &[usize] = if numeric_bound_claims.is_empty() {
        bound_claims
    } else {
        &numeric_bound_claims
    };
    let mut lowest: Option<(usize, ClaimCount)> = None;
    let mut highest: Option<(usize, ClaimCount)> = None;
    for &index in bound_claims {
        let Some(claim) = claims.get(index) else {
            continue;
        };
        let count = claim_count(claim);
        // Ties keep the earliest claim (claims come in log order), so the
        // named source is deterministic.
        if lowest.is_none_or(|(_, best)| count.low < best.low) {
            lowest = Some((index, count));
        }
        if highest.is_none_or(|(_, best)| count.high > best.high) {
            highest = Some((index, count));
        }
    }
    let (min_index, min_count) = lowest?;
    let (max_index, max_count) = match policy {
        ReconcilePolicy::LowestAndHighest => highest?,
        ReconcilePolicy::MostConservative => (
            min_index,
            ClaimCount {
                high: min_count.low,
                ..min_count
            },
        ),
    };
    let conflicts = find_conflicts(&claims);
    Some(MetricFigures {
        min: min_count.low,
        max: max_count.high.max(min_count.low),
        min_open: min_count.open,
        max_open: max_count.open,
        min_claim: claim_ref(&claims, min_index),
        max_claim: claim_ref(&claims, max_index),
        claims,
        conflicts,
        parts: None,
    })
}

/// One city incident of a parent, for the parts check.
#[derive(Debug, Clone)]
pub struct PartIncident {
    pub id: String,
    /// The incident's canonical place name.
    pub place: String,
    pub min: u64,
}

/// Parts against the whole (docs/reconciliation.md, "Parts and the whole").
///
/// A claim scoped to several cities ("26 in two cities") is a part covering
/// those cities; the city incidents it covers are not added again. A
/// covered group counts as the larger of the claim's low count and the sum
/// of its cities' own mins, since both are lower bounds of the same people.
/// Multi-city claims that overlap an already chosen group are skipped
/// (largest coverage first), so no city is counted twice.
pub fn parts_check(
    children: &[PartIncident],
    multi_city_claims: &[&Claim],
    whole_claims: &[&Claim],
) -> PartsCheck {
    let mut candidates: Vec<(Vec<&str>, u64)> = multi_city_claims
        .iter()
        .map(|claim| (sorted_scope(claim), claim_count(claim).low))
        .filter(|(scope, _)| scope.len() >= 2)
        .collect();
    candidates.sort_by(|a, b| {
        b.0.len()
            .cmp(&a.0.len())
            .then(b.1.cmp(&a.1))
            .then(a.0.cmp(&b.0))
    });
    let mut covered: Vec<&str> = Vec::new();
    let mut parts: Vec<(String, u64)> = Vec::new();
    for (scope, low) in candidates {
        if scope.iter().any(|place| covered.contains(place)) {
            continue;
        }
        let own_sum: u64 = children
            .iter()
            .filter(|child| scope.contains(&child.place.as_str()))
            .map(|child| child.min)
            .sum();
        parts.push((scope.join("+"), low.max(own_sum)));
        covered.extend(scope);
    }
    for child in children {
        if !covered.contains(&child.place.as_str()) {
            parts.push((child.id.clone(), child.min));
        }
    }
    let sum_of_part_mins: u64 = parts.iter().map(|(_, min)| *min).sum();
    let whole_below_parts = whole_claims
        .iter()
        .any(|claim| claim.hi.is_some_and(|hi| hi < sum_of_part_mins));
    PartsCheck {
        sum_of_part_mins,
        parts,
        whole_below_parts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(qualifier: Qualifier, value: Option<u64>, lo: u64, hi: Option<u64>) -> Claim {
        Claim {
            report: "r".into(),
            value,
            value_hi: None,
            qualifier,
            lo,
            hi,
            places: vec!["Almaty".into()],
            span: [0, 1],
            quote: "q".into(),
            sentence: "s".into(),
            quote_in_sentence: None,
            phrase: None,
            attributed_to: None,
            coded: None,
            quoted_from: Default::default(),
        }
    }

    #[test]
    fn counts_follow_the_documented_table() {
        let check = |c: Claim, expected: (u64, u64, bool)| {
            let count = claim_count(&c);
            assert_eq!((count.low, count.high, count.open), expected, "{c:?}");
        };
        check(
            claim(Qualifier::Exact, Some(26), 26, Some(26)),
            (26, 26, false),
        );
        check(
            claim(Qualifier::Approx, Some(12), 10, Some(14)),
            (12, 12, false),
        );
        check(
            claim(Qualifier::MoreThan, Some(100), 101, None),
            (101, 101, true),
        );
        check(claim(Qualifier::AtLeast, Some(5), 5, None), (5, 5, true));
        check(claim(Qualifier::AtMost, Some(5), 0, Some(5)), (5, 5, false));
        check(
            claim(Qualifier::FewerThan, Some(10), 0, Some(9)),
            (9, 9, false),
        );
        check(claim(Qualifier::Vague, None, 24, Some(99)), (24, 99, false));
        check(claim(Qualifier::Vague, None, 3, None), (3, 3, true));
        let mut range = claim(Qualifier::Range, Some(40), 40, Some(60));
        range.value_hi = Some(60);
        check(range, (40, 60, false));
    }

    #[test]
    fn vague_words_set_bounds_only_without_numbers() {
        let check = |claims: Vec<Claim>, expected: (u64, u64)| {
            let all: Vec<usize> = (0..claims.len()).collect();
            let figures = reconcile_metric(claims, &all, ReconcilePolicy::LowestAndHighest);
            let bounds = figures.map(|f| (f.min, f.max));
            assert_eq!(bounds, Some(expected));
        };
        let dozens = || claim(Qualifier::Vague, None, 24, Some(99));
        check(
            vec![
                dozens(),
                claim(Qualifier::Exact, Some(39), 39, Some(39)),
                claim(Qualifier::Approx, Some(40), 36, Some(40)),
            ],
            (39, 40),
        );
        check(vec![dozens()], (24, 99));
        let mut range = claim(Qualifier::Range, Some(10), 10, Some(15));
        range.value_hi = Some(15);
        check(
            vec![range, claim(Qualifier::Approx, Some(12), 10, Some(14))],
            (10, 15),
        );
        check(
            vec![
                claim(Qualifier::AtMost, Some(1500), 0, Some(1500)),
                claim(Qualifier::Approx, Some(300), 240, Some(360)),
            ],
            (300, 1500),
        );
    }

    #[test]
    fn policies_parse_and_unknown_is_an_error() {
        assert_eq!("ccc".parse(), Ok(ReconcilePolicy::LowestAndHighest));
        assert_eq!("ACLED".parse(), Ok(ReconcilePolicy::MostConservative));
        assert!("median".parse::<ReconcilePolicy>().is_err());
    }
}
