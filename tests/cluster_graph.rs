//! The weak-bridge measurement behind the choice of graph algorithm
//! (docs/clustering.md): two strong groups in one city on one day that
//! disagree (different squares, different organizers), and one vague report
//! that scores above the threshold with both.

mod cluster_common;

use cluster_common::*;
use concord::cluster::graph::{GraphAlgorithm, cluster_pairs};
use concord::cluster::model::BUILT_IN_THRESHOLD as THRESHOLD;
use concord::cluster::{MatchModel, ReportInput, explain_pair};

fn bridge_case() -> Vec<ReportInput> {
    let mut reports = Vec::new();
    for seq in 0..3 {
        reports.push(
            report(seq, &format!("rally-{seq}"))
                .main("Almaty", "2021-03-01")
                .sub_place("Republic Square")
                .organizer("Democratic Choice of Kazakhstan", "dck")
                .headline("Opposition supporters rally on Republic Square")
                .build(),
        );
    }
    for seq in 3..6 {
        reports.push(
            report(seq, &format!("picket-{seq}"))
                .main("Almaty", "2021-03-01")
                .sub_place("Astana Square")
                .organizer("Pensioners' Union", "pensioners union")
                .headline("Pensioners picket the akimat over pension cuts")
                .build(),
        );
    }
    // The bridge: same city, same day, says nothing else.
    reports.push(
        report(6, "bridge")
            .main("Almaty", "2021-03-01")
            .headline("Protests in Almaty")
            .build(),
    );
    reports
}

fn scored_pairs(reports: &[ReportInput]) -> Vec<(usize, usize, f64)> {
    let mut pairs = Vec::new();
    for a in 0..reports.len() {
        for b in a + 1..reports.len() {
            let explanation = explain_pair(&reports[a], &reports[b], &MatchModel::built_in());
            let score = if explanation.hard_constraint.is_some() {
                f64::NEG_INFINITY
            } else {
                explanation.total
            };
            pairs.push((a, b, score));
        }
    }
    pairs
}

#[test]
fn the_bridge_scores_above_threshold_with_both_groups() {
    let reports = bridge_case();
    let pairs = scored_pairs(&reports);
    let bridge = 6;
    for &(a, b, score) in &pairs {
        if b == bridge {
            assert!(score > THRESHOLD, "bridge pair {a}-{b} scores {score}");
        }
        if a < 3 && (3..6).contains(&b) {
            assert!(score < THRESHOLD, "cross-group pair {a}-{b} scores {score}");
        }
    }
}

#[test]
fn connected_components_chain_through_the_bridge_correlation_clustering_does_not() {
    let reports = bridge_case();
    let pairs = scored_pairs(&reports);
    let components = cluster_pairs(
        reports.len(),
        &pairs,
        THRESHOLD,
        GraphAlgorithm::ThresholdComponents,
    );
    assert_eq!(
        components,
        vec![vec![0, 1, 2, 3, 4, 5, 6]],
        "single linkage chains"
    );

    let correlation = cluster_pairs(
        reports.len(),
        &pairs,
        THRESHOLD,
        GraphAlgorithm::Correlation,
    );
    assert_eq!(correlation.len(), 2, "{correlation:?}");
    assert!(correlation.contains(&vec![3, 4, 5]) || correlation.contains(&vec![3, 4, 5, 6]));
    assert!(correlation.contains(&vec![0, 1, 2]) || correlation.contains(&vec![0, 1, 2, 6]));
}

#[test]
fn the_state_keeps_the_two_groups_apart() {
    let state = state_of(bridge_case());
    let incidents = state.incidents();
    assert_eq!(incidents.len(), 2, "{:#?}", shape(&incidents));
    let sizes: Vec<usize> = incidents.iter().map(|i| i.reports.len()).collect();
    assert_eq!(sizes.iter().sum::<usize>(), 7);
    for incident in &incidents {
        assert_eq!(
            incident.sub_places.len(),
            1,
            "one square each: {incident:#?}"
        );
    }
}

#[test]
fn correlation_clustering_never_crosses_a_hard_constraint() {
    // 0 and 2 can never be together; 1 attracts both strongly.
    let pairs = vec![(0, 1, 10.0), (1, 2, 10.0), (0, 2, f64::NEG_INFINITY)];
    let clusters = cluster_pairs(3, &pairs, THRESHOLD, GraphAlgorithm::Correlation);
    assert_eq!(clusters, vec![vec![0, 1], vec![2]]);
}

#[test]
fn the_documented_weight_table_matches_the_code() {
    let docs = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/clustering.md"))
        .expect("docs");
    for level in MatchModel::built_in().levels {
        let (name, weight) = (&level.level, &level.weight);
        let row = docs
            .lines()
            .find(|line| line.starts_with(&format!("| `{name}` |")))
            .unwrap_or_else(|| panic!("{name} missing from docs/clustering.md"));
        let documented = row
            .split('|')
            .nth(2)
            .unwrap_or("")
            .trim()
            .replace('−', "-")
            .replace(" × s", "");
        let documented: f64 = documented
            .parse()
            .unwrap_or_else(|_| panic!("unparsable weight in {row}"));
        assert_eq!(documented, *weight, "{name}");
    }
    assert!(docs.contains(&format!("above the threshold {:.1}", THRESHOLD)));
}
