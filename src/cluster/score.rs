//! The pair scoring model: hard constraints, then a weighted sum of
//! features. The weights live in `WEIGHTS` and nowhere else;
//! docs/clustering.md shows the same table.

use crate::extract::model::{DatePrecision, EventKind};

use std::sync::Arc;

use super::stored::FigureBounds;

use super::mention::MentionFeatures;

/// Two mentions are one incident when their score is above this.
pub const THRESHOLD: f64 = 2.4;

/// Figures of one metric are compatible when their intervals overlap or
/// the nearer ends are within this factor of each other.
pub const FIGURE_FACTOR: f64 = 3.0;

/// The scoring model's weights, in one place. (name, weight, meaning)
pub const WEIGHTS: &[(&str, f64, &str)] = &[
    (
        "date_same_day",
        4.1,
        "both dates are the same day (day precision)",
    ),
    (
        "date_within_month",
        -1.5,
        "a month-precision date containing the other's date",
    ),
    (
        "date_same_year",
        -2.5,
        "a year-precision date containing the other's date",
    ),
    (
        "date_days_apart_1",
        -1.9,
        "stated days one day apart (a late-night event, a misread weekday)",
    ),
    (
        "date_days_apart_2_3",
        -9.9,
        "stated days two or three days apart",
    ),
    (
        "date_days_apart_4_7",
        -12.9,
        "stated days four to seven days apart",
    ),
    (
        "date_days_apart_far",
        -0.5,
        "stated days more than 7 days apart in a report with no publication date (only anchored dates veto: an undated page's first date is often the day it was written)",
    ),
    (
        "date_near_publication",
        2.7,
        "an unstated date: the days (stated or published) within one day",
    ),
    (
        "date_publication_2_3",
        -0.2,
        "an unstated date: the days (stated or published) two or three days apart",
    ),
    (
        "date_publication_4_7",
        -3.5,
        "an unstated date: the days (stated or published) four to seven days apart",
    ),
    (
        "date_publication_far",
        -7.7,
        "an unstated date: the days (stated or published) more than a week apart",
    ),
    ("place_same_city", 3.5, "same GeoNames id (city or region)"),
    (
        "place_nearby_different",
        -0.9,
        "two different places within the veto distance (a suburb and its city, a misread neighbourhood)",
    ),
    (
        "place_far_apart",
        -4.2,
        "two cities more than 150 km apart (a strong contradiction, not a veto: an article about one event names several cities)",
    ),
    (
        "place_city_unknown",
        -2.1,
        "a city against a report that names only the country",
    ),
    (
        "place_other_country",
        -1.5,
        "places in two countries (nearby, or a country against a city)",
    ),
    (
        "content_unrelated",
        -5.9,
        "the texts share almost nothing (content cosine below 0.05)",
    ),
    ("content_neutral", -1.4, "content cosine 0.10 to 0.15"),
    ("date_unknown", -0.7, "a date is unresolved"),
    (
        "place_unknown",
        -2.6,
        "a report names no place (weighs only what the text then lacks)",
    ),
    ("content_faint", -4.1, "content cosine 0.05 to 0.10"),
    ("content_some", 0.9, "content cosine 0.15 to 0.20"),
    ("content_similar", 4.2, "content cosine 0.20 to 0.30"),
    ("content_close", 7.5, "content cosine 0.30 to 0.50"),
    (
        "content_same_story",
        8.6,
        "content cosine 0.50 or more (a syndicated copy, an update)",
    ),
    (
        "place_same_country_only",
        -0.8,
        "both places are only the country",
    ),
    (
        "sub_place_shared",
        1.2,
        "a named square/park/street in common",
    ),
    (
        "sub_place_conflict",
        -10.0,
        "both name a proper sub-place, none in common",
    ),
    (
        "sub_place_conflict_texts_close",
        -2.0,
        "both name a proper sub-place, none in common, but their texts are close (content cosine 0.30 or more): one story's street against another's hospital or park",
    ),
    (
        "organizers_shared",
        3.9,
        "an organizer key in common (after alias folding)",
    ),
    (
        "organizers_conflict",
        -7.0,
        "both name organizers, none in common",
    ),
    ("people_shared", 2.0, "a named person in common"),
    ("kind_same", 0.5, "the same kind of event"),
    (
        "kind_conflict",
        -0.5,
        "a shooting against a non-shooting event",
    ),
    (
        "figures_compatible",
        0.7,
        "every shared metric's figures within the factor",
    ),
    (
        "figures_incompatible",
        -1.0,
        "a shared metric's figures beyond the factor",
    ),
    (
        "headline_similarity",
        5.8,
        "times the Sorensen-Dice similarity of headlines",
    ),
    (
        "background_same_place_period",
        7.0,
        "both recall an earlier event of the same place and dated period",
    ),
    (
        "same_outlet_same_day",
        -4.3,
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

/// Stated days further apart than this are two incidents, whatever the
/// rest says, when both reports have a publication date to anchor them
/// ("near-identical headlines on different days are different
/// incidents"). One day apart only weighs against (a late-night event, a
/// misread weekday); so do any days in a report with no publication date,
/// whose first date is often the day the page was written
/// (`date_days_apart_*`).
pub const MAX_ANCHORED_STATED_DAYS_APART: i64 = 1;

/// Stated days further apart than this fall in `date_days_apart_far`.
pub const MAX_STATED_DAYS_APART: i64 = 7;

/// Two resolved places further apart than this are two incidents; closer
/// ones (a suburb and its city, a neighbourhood read as a nearby town)
/// only weigh against (`place_nearby_different`).
pub const PLACE_VETO_KM: f64 = 150.0;

/// A country-level mention that is a report's own news with no figure
/// scoped to the country: the report names no city ("city unknown"), so it
/// may join a city's incident. A country-level mention that holds national
/// figures is a statement about the whole country, which only a day of
/// action takes.
pub fn is_city_unknown(mention: &MentionFeatures) -> bool {
    mention.is_country_level() && mention.is_main && !mention.states_national_figures
}

/// Great-circle distance in kilometres.
fn distance_km(a: &MentionFeatures, b: &MentionFeatures) -> f64 {
    crate::extract::distance_km((a.place.lat, a.place.lon), (b.place.lat, b.place.lon))
}

/// Why two mentions can never be one incident, if they cannot.
pub fn hard_constraint(a: &MentionFeatures, b: &MentionFeatures) -> Option<String> {
    // A report whose main place is only its country (it could not pin the
    // city, and says nothing of the whole country) may still name the
    // city in another mention: then the two are one place-day, not two,
    // and may share an incident (ECB+ topic 3: "Georgia" read as the
    // country kept half the reports out of the Atlanta shooting).
    let country_main_beside_own_city = || {
        let (country, city) = if is_city_unknown(a) { (a, b) } else { (b, a) };
        is_city_unknown(country)
            && !city.is_country_level()
            && !city.background
            && city.place.country_code == country.place.country_code
    };
    if a.key.seq == b.key.seq && !country_main_beside_own_city() {
        return Some("two place-days of the same report are never one incident".to_string());
    }
    // A dataset codes each event once: two of its rows are two events,
    // unless they carry one coded id (issue 14).
    if let (Some(coded_a), Some(coded_b)) = (&a.coded, &b.coded)
        && coded_a.dataset == coded_b.dataset
        && !coded_a.same_coded_event(coded_b)
    {
        return Some(format!(
            "two rows of one dataset ({} rows {} and {}) are two coded events",
            coded_a.dataset, coded_a.row, coded_b.row
        ));
    }
    if let (Some(day_a), Some(day_b)) = (a.day(), b.day())
        && (day_a - day_b).num_days().abs() > MAX_ANCHORED_STATED_DAYS_APART
        && a.published.is_some()
        && b.published.is_some()
    {
        return Some(format!(
            "stated days more than {MAX_ANCHORED_STATED_DAYS_APART} day apart ({day_a} and {day_b}) in two reports with publication dates"
        ));
    }
    // Two countries are no veto: on real news a country is as often a
    // misread name ("West Side" read as Side, Turkey) as a contradiction
    // (measured on gva_dev: as frequent among same-incident pairs as among
    // others). It weighs as `place_other_country`.
    let both_placed = !a.place_is_unknown() && !b.place_is_unknown();
    if !both_placed {
        // A report that names no place contradicts no place.
    } else if a.is_country_level() != b.is_country_level() {
        let country_level = if a.is_country_level() { a } else { b };
        if !is_city_unknown(country_level) {
            return Some(format!(
                "a statement about the whole of {} against a city ({} and {})",
                country_level.place.name, a.place.name, b.place.name
            ));
        }
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

    let both_stated = a.day().is_some() && b.day().is_some();
    match (a.precision, b.precision) {
        (DatePrecision::Day, DatePrecision::Day) if a.date == b.date => {
            push(
                "date_same_day",
                weight("date_same_day"),
                format!("both {}", fmt_date(a)),
            );
        }
        (DatePrecision::Day, DatePrecision::Day) if both_stated => {
            let apart = a
                .day()
                .zip(b.day())
                .map_or(0, |(x, y)| (x - y).num_days().abs());
            let name = match apart {
                1 => "date_days_apart_1",
                2..=3 => "date_days_apart_2_3",
                4..=MAX_STATED_DAYS_APART => "date_days_apart_4_7",
                _ => "date_days_apart_far",
            };
            push(
                name,
                weight(name),
                format!("{} and {} ({apart} days)", fmt_date(a), fmt_date(b)),
            );
        }
        _ if a.day_or_fallback().is_some()
            && b.day_or_fallback().is_some()
            && (a.fallback_day.is_some() || b.fallback_day.is_some()) =>
        {
            let (day_a, day_b) = (a.day_or_fallback(), b.day_or_fallback());
            let apart = day_a
                .zip(day_b)
                .map_or(0, |(x, y)| (x - y).num_days().abs());
            let name = match apart {
                0..=1 => "date_near_publication",
                2..=3 => "date_publication_2_3",
                4..=7 => "date_publication_4_7",
                _ => "date_publication_far",
            };
            let label = |m: &MentionFeatures, day: Option<chrono::NaiveDate>| match m.day() {
                Some(_) => fmt_date(m),
                None => format!(
                    "published {}",
                    day.map(|d| d.to_string()).unwrap_or_default()
                ),
            };
            push(
                name,
                weight(name),
                format!("{} and {} ({apart} days)", label(a, day_a), label(b, day_b)),
            );
        }
        (DatePrecision::Unresolved, _) | (_, DatePrecision::Unresolved) => {
            push(
                "date_unknown",
                weight("date_unknown"),
                "a date is unresolved".to_string(),
            );
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

    if a.place_is_unknown() || b.place_is_unknown() {
        push(
            "place_unknown",
            weight("place_unknown"),
            "a report names no place".to_string(),
        );
    } else if a.is_country_level()
        && b.is_country_level()
        && a.place.country_code == b.place.country_code
    {
        push(
            "place_same_country_only",
            weight("place_same_country_only"),
            format!("both only {}", a.place.name),
        );
    } else if a.is_country_level() != b.is_country_level() {
        push(
            "place_city_unknown",
            weight("place_city_unknown"),
            format!("{} against {}", a.place.name, b.place.name),
        );
    } else if a.place.geonames_id == b.place.geonames_id {
        push(
            "place_same_city",
            weight("place_same_city"),
            format!("both {} (geonames {})", a.place.name, a.place.geonames_id),
        );
    } else if distance_km(a, b) > PLACE_VETO_KM {
        push(
            "place_far_apart",
            weight("place_far_apart"),
            format!(
                "{} and {}, {:.0} km apart",
                a.place.name,
                b.place.name,
                distance_km(a, b)
            ),
        );
    } else if a.place.country_code == b.place.country_code {
        push(
            "place_nearby_different",
            weight("place_nearby_different"),
            format!(
                "{} and {}, {:.0} km apart",
                a.place.name,
                b.place.name,
                distance_km(a, b)
            ),
        );
    }

    if !a.place_is_unknown()
        && !b.place_is_unknown()
        && a.place.country_code != b.place.country_code
    {
        push(
            "place_other_country",
            weight("place_other_country"),
            format!("{} and {}", a.place.country, b.place.country),
        );
    }

    let content_similarity = match (&a.content, &b.content) {
        (Some(content_a), Some(content_b)) => Some(super::content::cosine(content_a, content_b)),
        _ => None,
    };
    if let Some(similarity) = content_similarity {
        let name = content_level(similarity);
        push(
            name,
            weight(name),
            format!("content cosine {similarity:.2}"),
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
            // Sub-places read from real text are often not the incident's
            // spot (the hospital, the station that spoke, a park nearby):
            // two reports that tell one story in close words and name
            // different spots are more likely one incident seen from two
            // sides than two incidents (gva_dev: 60 same-incident pairs to
            // 13 others at a content cosine of 0.30 or more).
            let name = if content_similarity.is_some_and(|s| s >= SUB_PLACE_CONFLICT_CLOSE_TEXTS) {
                "sub_place_conflict_texts_close"
            } else {
                "sub_place_conflict"
            };
            push(
                name,
                weight(name),
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

/// A content cosine from which two reports' different sub-places weigh
/// only a little (`sub_place_conflict_texts_close`): the `content_close`
/// band.
pub const SUB_PLACE_CONFLICT_CLOSE_TEXTS: f64 = 0.30;

/// The content comparison's level for a cosine (bands measured on the
/// development sets: docs/clustering.md).
pub fn content_level(similarity: f64) -> &'static str {
    match similarity {
        s if s < 0.05 => "content_unrelated",
        s if s < 0.10 => "content_faint",
        s if s < 0.15 => "content_neutral",
        s if s < 0.20 => "content_some",
        s if s < 0.30 => "content_similar",
        s if s < 0.50 => "content_close",
        _ => "content_same_story",
    }
}

fn fmt_date(m: &MentionFeatures) -> String {
    super::mention::date_label(m.date, m.precision)
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
