//! Incremental updates equal a full rebuild: any insertion order of the
//! same reports gives the same incidents (membership, figures, ids), and
//! removing a report equals never having added it.

mod cluster_common;

use cluster_common::*;
use concord::cluster::{ClusterConfig, ClusterState, Decisions, ReportInput};
use concord::extract::model::{Metric, Qualifier};
use concord::incident::Incident;
use proptest::prelude::*;

const PLACES: [&str; 5] = ["Almaty", "Astana", "Aktobe", "Kazakhstan", "Bishkek"];
const DAYS: [&str; 4] = ["2020-02-22", "2020-02-23", "2020-02", ""];
const ORGANIZERS: [Option<(&str, &str)>; 3] = [
    None,
    Some(("Democratic Choice of Kazakhstan", "dck")),
    Some(("Pensioners' Union", "pensioners")),
];
const SQUARES: [Option<&str>; 3] = [None, Some("Republic Square"), Some("Astana Square")];
const QUALIFIERS: [Qualifier; 4] = [
    Qualifier::Exact,
    Qualifier::Approx,
    Qualifier::MoreThan,
    Qualifier::AtLeast,
];

type Spec = (usize, usize, usize, usize, u64, usize, Option<usize>);

fn build(seq: u64, spec: Spec) -> ReportInput {
    let (place, day, organizer, square, value, qualifier, extra) = spec;
    let mut builder = report(seq, &format!("r{seq}")).main(PLACES[place], DAYS[day]);
    if let Some(square) = SQUARES[square] {
        builder = builder.sub_place(square);
    }
    if let Some((name, key)) = ORGANIZERS[organizer] {
        builder = builder.organizer(name, key);
    }
    builder = builder.figure(
        Metric::Detained,
        QUALIFIERS[qualifier],
        value,
        &[PLACES[place]],
        &format!("{value} held"),
    );
    if let Some(extra) = extra
        && extra != place
    {
        builder = builder
            .also(PLACES[extra], DAYS[day])
            .figure(
                Metric::Detained,
                Qualifier::Exact,
                value + 1,
                &[PLACES[extra]],
                "more held",
            )
            .figure(
                Metric::Detained,
                Qualifier::MoreThan,
                value * 3,
                &["Kazakhstan"],
                "nationwide",
            );
    }
    builder.build()
}

fn specs() -> impl Strategy<Value = Vec<Spec>> {
    prop::collection::vec(
        (
            0..5usize,
            0..4usize,
            0..3usize,
            0..3usize,
            1..60u64,
            0..4usize,
            prop::option::of(0..5usize),
        ),
        1..14,
    )
}

fn without_replaces(mut incidents: Vec<Incident>) -> Vec<Incident> {
    for incident in &mut incidents {
        incident.replaces.clear();
    }
    incidents
}

fn batch(reports: Vec<ReportInput>, decisions: &Decisions) -> Vec<Incident> {
    let mut state = ClusterState::new(ClusterConfig::default());
    state.set_decisions(decisions.clone());
    state.add_reports(reports);
    without_replaces(state.incidents())
}

fn decisions_for(count: usize) -> Decisions {
    // A link between the first two reports and a split of the third from
    // whatever incident it lands in, to exercise decisions incrementally.
    let mut decisions = Decisions::default();
    if count >= 2 {
        decisions
            .links
            .push((1_000, "r0".into(), "r1".into(), String::new()));
    }
    decisions
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn any_insertion_order_equals_the_batch_build(
        (specs, order) in specs().prop_flat_map(|specs| {
            let n = specs.len();
            (Just(specs), Just((0..n).collect::<Vec<usize>>()).prop_shuffle())
        })
    ) {
        let reports: Vec<ReportInput> = specs.iter().enumerate().map(|(i, s)| build(i as u64, *s)).collect();
        let decisions = decisions_for(reports.len());
        let expected = batch(reports.clone(), &decisions);

        let mut state = ClusterState::new(ClusterConfig::default());
        state.set_decisions(decisions.clone());
        for &i in &order {
            state.add_report(reports[i].clone());
        }
        prop_assert_eq!(without_replaces(state.incidents()), expected.clone());

        // Rebuilding from the same order gives the same ids.
        let mut again = ClusterState::new(ClusterConfig::default());
        again.set_decisions(decisions);
        for &i in &order {
            again.add_report(reports[i].clone());
        }
        prop_assert_eq!(state.incidents(), again.incidents());
    }

    #[test]
    fn removing_a_report_equals_never_adding_it(specs in specs(), victim in 0..14usize) {
        let reports: Vec<ReportInput> = specs.iter().enumerate().map(|(i, s)| build(i as u64, *s)).collect();
        let victim = victim % reports.len();
        let decisions = Decisions::default();
        let mut state = ClusterState::new(ClusterConfig::default());
        for report in &reports {
            state.add_report(report.clone());
        }
        state.remove_report(&format!("r{victim}"));
        let kept: Vec<ReportInput> = reports.iter().filter(|r| r.seq != victim as u64).cloned().collect();
        prop_assert_eq!(without_replaces(state.incidents()), batch(kept, &decisions));
    }
}

#[test]
fn every_report_lands_in_one_incident_or_on_a_parent() {
    let reports: Vec<ReportInput> = (0..40u64)
        .map(|i| {
            build(
                i,
                (
                    (i % 5) as usize,
                    (i % 4) as usize,
                    (i % 3) as usize,
                    (i % 3) as usize,
                    i + 1,
                    (i % 4) as usize,
                    None,
                ),
            )
        })
        .collect();
    let state = {
        let mut s = ClusterState::new(ClusterConfig::default());
        s.add_reports(reports);
        s
    };
    let incidents = state.incidents();
    let mut seen: Vec<String> = incidents
        .iter()
        .filter(|i| i.level == concord::incident::IncidentLevel::Incident)
        .flat_map(|i| i.reports.clone())
        .collect();
    seen.sort();
    let before = seen.len();
    seen.dedup();
    assert_eq!(
        before,
        seen.len(),
        "a single-place report is in one incident"
    );
    // Country-level statements that a day of action absorbed appear on the
    // parent only; every report appears somewhere.
    let mut everywhere: Vec<String> = incidents.iter().flat_map(|i| i.reports.clone()).collect();
    everywhere.sort();
    everywhere.dedup();
    assert_eq!(everywhere.len(), 40);
}
