//! The pair scoring model: hard constraints, then a weighted sum of
//! features. The weights live in `WEIGHTS` and nowhere else;
//! docs/clustering.md shows the same table.

use crate::extract::model::{DatePrecision, EventKind};

use std::sync::Arc;

use super::stored::FigureBounds;

use super::mention::MentionFeatures;

/// Two mentions are one incident when their score is above this.
pub const THRESHOLD: f64 = 3.0;

/// Figures of one metric are compatible when their intervals overlap or
/// the nearer ends are within this factor of each other.
pub const FIGURE_FACTOR: f64 = 3.0;

/// The scoring model's weights, in one place. (name, weight, meaning)
pub const WEIGHTS: &[(&str, f64, &str)] = &[
    (
        "date_same_day",
        2.0,
        "both dates are the same day (day precision)",
    ),
    (
        "date_within_month",
        1.0,
        "a month-precision date containing the other's date",
    ),
    (
        "date_same_year",
        0.25,
        "a year-precision date containing the other's date",
    ),
    ("place_same_city", 2.0, "same GeoNames id (city or region)"),
    (
        "place_same_country_only",
        0.5,
        "both places are only the country",
    ),
    (
        "sub_place_shared",
        1.0,
        "a named square/park/street in common",
    ),
    (
        "sub_place_conflict",
        -3.0,
        "both name a proper sub-place, none in common",
    ),
    (
        "organizers_shared",
        1.5,
        "an organizer key in common (after alias folding)",
    ),
    (
        "organizers_conflict",
        -2.0,
        "both name organizers, none in common",
    ),
    ("people_shared", 1.0, "a named person in common"),
    ("kind_same", 0.5, "the same kind of event"),
    (
        "kind_conflict",
        -1.5,
        "a shooting against a non-shooting event",
    ),
    (
        "figures_compatible",
        0.5,
        "every shared metric's figures within the factor",
    ),
    (
        "figures_incompatible",
        -1.0,
        "a shared metric's figures beyond the factor",
    ),
    (
        "headline_similarity",
        0.5,
        "times the Sorensen-Dice similarity of headlines",
    ),
    (
        "background_same_place_period",
        2.5,
        "both recall an earlier event of the same place and dated period",
    ),
    (
        "same_outlet_same_day",
        0.5,
        "same outlet, same publication day (an update)",
    ),
];

pub fn weight(name: &str) -> f64 {
    WEIGHTS
        .iter()
        .find(|(n, _, _)| *n == name)
        .map(|(_, w, _)| *w)
        .unwrap_or(0.0)
}

/// Why two mentions can never be one incident, if they cannot.
pub fn hard_constraint(a: &MentionFeatures, b: &MentionFeatures) -> Option<String> {
    if a.key.seq == b.key.seq {
        return Some("two place-days of the same report are never one incident".to_string());
    }
    if let (Some(day_a), Some(day_b)) = (a.day(), b.day())
        && day_a != day_b
    {
        return Some(format!("different known days ({day_a} and {day_b})"));
    }
    if a.place.country_code != b.place.country_code {
        return Some(format!(
            "different countries ({} and {})",
            a.place.country, b.place.country
        ));
    }
    if a.is_country_level() != b.is_country_level()
        || (!a.is_country_level() && a.place.geonames_id != b.place.geonames_id)
    {
        return Some(format!(
            "different places ({} and {})",
            a.place.name, b.place.name
        ));
    }
    if a.block_key().period != b.block_key().period {
        return Some("dates in different periods".to_string());
    }
    None
}

/// One feature's contribution.
#[derive(Debug, Clone)]
pub struct FeatureScore {
    pub name: &'static str,
    pub value: f64,
    pub detail: String,
}

/// Words that say what kind of spot a sub-place is, or where along it,
/// rather than which one: "the 4800 block of South Ashland Avenue" and
/// "South Ashland Avenue and West 48th Street" share "ashland", which is
/// what identifies the spot.
const SUB_PLACE_KIND_WORDS: &[&str] = &[
    "the",
    "of",
    "and",
    "at",
    "near",
    "block",
    "street",
    "st",
    "avenue",
    "ave",
    "road",
    "rd",
    "boulevard",
    "blvd",
    "lane",
    "drive",
    "square",
    "park",
    "hall",
    "north",
    "south",
    "east",
    "west",
    "central",
    "main",
    "city",
    "town",
    "corner",
    "intersection",
    "outside",
    "building",
];

/// Two sub-place names (folded) that share a distinctive word name the same
/// spot in one city: a street and a block of it, a square and its
/// monument. Generic descriptions share nothing distinctive.
fn share_distinctive_word(a: &[Arc<str>], b: &[Arc<str>]) -> bool {
    let distinctive = |names: &[Arc<str>]| -> std::collections::BTreeSet<String> {
        names
            .iter()
            .flat_map(|name| name.split_whitespace())
            .filter(|word| {
                word.chars().any(|c| c.is_alphabetic())
                    && !word.chars().any(|c| c.is_ascii_digit())
                    && !SUB_PLACE_KIND_WORDS.contains(word)
            })
            .map(str::to_string)
            .collect()
    };
    !distinctive(a).is_disjoint(&distinctive(b))
}

fn intersects<T: Ord>(a: &[T], b: &[T]) -> bool {
    // Both sorted: a merge walk.
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Equal => return true,
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
    false
}

fn kinds_conflict(a: EventKind, b: EventKind) -> bool {
    let shooting = |k| k == EventKind::Shooting;
    a != EventKind::Other && b != EventKind::Other && shooting(a) != shooting(b)
}

/// Hull of a mention's figures for one metric: (lowest lo, highest hi).
fn figure_hull<F: FigureBounds>(
    mention: &MentionFeatures,
    figures: &[F],
    metric: crate::extract::model::Metric,
) -> Option<(u64, Option<u64>)> {
    let mut hull: Option<(u64, Option<u64>)> = None;
    for figure in mention.figures.iter().filter_map(|&i| figures.get(i)) {
        if figure.metric() != metric {
            continue;
        }
        hull = Some(match hull {
            None => (figure.lo(), figure.hi()),
            Some((lo, hi)) => (
                lo.min(figure.lo()),
                match (hi, figure.hi()) {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    _ => None,
                },
            ),
        });
    }
    hull
}

fn hulls_compatible(a: (u64, Option<u64>), b: (u64, Option<u64>)) -> bool {
    let gap_within = |low_side_hi: u64, high_side_lo: u64| {
        (high_side_lo as f64) <= (low_side_hi.max(1) as f64) * FIGURE_FACTOR
    };
    match (a.1, b.1) {
        (Some(a_hi), _) if a_hi < b.0 => gap_within(a_hi, b.0),
        (_, Some(b_hi)) if b_hi < a.0 => gap_within(b_hi, a.0),
        _ => true,
    }
}

/// The headline similarity used: Sorensen-Dice on character bigrams,
/// linear in the headline length.
pub fn headline_similarity(a: &str, b: &str) -> f64 {
    super::mention::bigram_similarity(
        &super::mention::headline_bigrams(a),
        &super::mention::headline_bigrams(b),
    )
}

/// Features of a pair that passed the hard constraints.
pub fn score_features<F: FigureBounds>(
    a: &MentionFeatures,
    b: &MentionFeatures,
    figures_a: &[F],
    figures_b: &[F],
) -> Vec<FeatureScore> {
    let mut features = Vec::with_capacity(8);
    let mut push = |name: &'static str, value: f64, detail: String| {
        features.push(FeatureScore {
            name,
            value,
            detail,
        });
    };

    match (a.precision, b.precision) {
        (DatePrecision::Day, DatePrecision::Day) if a.date == b.date => {
            push(
                "date_same_day",
                weight("date_same_day"),
                format!("both {}", fmt_date(a)),
            );
        }
        (DatePrecision::Unresolved, _) | (_, DatePrecision::Unresolved) => {
            push("date_unknown", 0.0, "a date is unresolved".to_string());
        }
        (DatePrecision::Year, _) | (_, DatePrecision::Year) => {
            push(
                "date_same_year",
                weight("date_same_year"),
                format!("{} and {}", fmt_date(a), fmt_date(b)),
            );
        }
        _ => push(
            "date_within_month",
            weight("date_within_month"),
            format!("{} and {}", fmt_date(a), fmt_date(b)),
        ),
    }

    if a.is_country_level() {
        push(
            "place_same_country_only",
            weight("place_same_country_only"),
            format!("both only {}", a.place.name),
        );
    } else {
        push(
            "place_same_city",
            weight("place_same_city"),
            format!("both {} (geonames {})", a.place.name, a.place.geonames_id),
        );
    }

    if !a.sub_places.is_empty() && !b.sub_places.is_empty() {
        if intersects(&a.sub_places, &b.sub_places)
            || share_distinctive_word(&a.sub_places, &b.sub_places)
        {
            push(
                "sub_place_shared",
                weight("sub_place_shared"),
                "a sub-place in common".to_string(),
            );
        } else if a.names_proper_sub_place && b.names_proper_sub_place {
            push(
                "sub_place_conflict",
                weight("sub_place_conflict"),
                format!("{:?} against {:?}", a.sub_place_names, b.sub_place_names),
            );
        }
    }

    if !a.organizers.is_empty() && !b.organizers.is_empty() {
        if intersects(&a.organizers, &b.organizers) {
            push(
                "organizers_shared",
                weight("organizers_shared"),
                "an organizer in common".to_string(),
            );
        } else {
            push(
                "organizers_conflict",
                weight("organizers_conflict"),
                format!("{:?} against {:?}", a.organizers, b.organizers),
            );
        }
    }

    if intersects(&a.people, &b.people) {
        push(
            "people_shared",
            weight("people_shared"),
            "a named person in common".to_string(),
        );
    }

    if a.kind == b.kind && a.kind != EventKind::Other {
        push(
            "kind_same",
            weight("kind_same"),
            format!("both {:?}", a.kind),
        );
    } else if kinds_conflict(a.kind, b.kind) {
        push(
            "kind_conflict",
            weight("kind_conflict"),
            format!("{:?} against {:?}", a.kind, b.kind),
        );
    }

    let mut shared_metrics = 0;
    let mut incompatible: Vec<&str> = Vec::new();
    for metric in crate::extract::model::Metric::ALL {
        if let (Some(hull_a), Some(hull_b)) = (
            figure_hull(a, figures_a, metric),
            figure_hull(b, figures_b, metric),
        ) {
            shared_metrics += 1;
            if !hulls_compatible(hull_a, hull_b) {
                incompatible.push(metric.as_str());
            }
        }
    }
    if shared_metrics > 0 {
        if incompatible.is_empty() {
            push(
                "figures_compatible",
                weight("figures_compatible"),
                format!("{shared_metrics} shared metric(s) agree"),
            );
        } else {
            push(
                "figures_incompatible",
                weight("figures_incompatible"),
                format!(
                    "{} beyond a factor of {FIGURE_FACTOR}",
                    incompatible.join(", ")
                ),
            );
        }
    }

    if let (Some(headline_a), Some(headline_b)) = (&a.headline, &b.headline) {
        let similarity = super::mention::bigram_similarity(headline_a, headline_b);
        push(
            "headline_similarity",
            weight("headline_similarity") * similarity,
            format!("similarity {similarity:.2}"),
        );
    }

    // A background mention recalls an event notable enough to be recalled
    // by place and period alone ("the January 2022 unrest"); two reports
    // recalling the same place and dated period recall the same event,
    // unless their figures or anything else contradict.
    if a.background
        && b.background
        && a.precision != DatePrecision::Unresolved
        && b.precision != DatePrecision::Unresolved
    {
        push(
            "background_same_place_period",
            weight("background_same_place_period"),
            format!("both recall {} {}", a.place.name, fmt_date(a)),
        );
    }

    if !a.background
        && !b.background
        && a.outlet.is_some()
        && a.outlet == b.outlet
        && a.published.is_some()
        && a.published == b.published
    {
        push(
            "same_outlet_same_day",
            weight("same_outlet_same_day"),
            "same outlet, same publication day".to_string(),
        );
    }
    features
}

fn fmt_date(m: &MentionFeatures) -> String {
    super::build::date_label(m.date, m.precision)
}

/// The score of a pair that passed the hard constraints.
pub fn pair_score<F: FigureBounds>(
    a: &MentionFeatures,
    b: &MentionFeatures,
    figures_a: &[F],
    figures_b: &[F],
) -> f64 {
    score_features(a, b, figures_a, figures_b)
        .iter()
        .map(|f| f.value)
        .sum()
}
