//! Pair scoring: hard constraints, then each comparison's level
//! (`compare`), weighed by the match model in force (`model.rs`). The
//! levels are found here and nowhere else; their weights live only in the
//! model (docs/clustering.md shows the built-in table).

use crate::extract::model::{DatePrecision, EventKind};

use std::sync::Arc;

use super::model::MatchModel;
use super::stored::FigureBounds;

use super::mention::MentionFeatures;

/// Figures of one metric are compatible when their intervals overlap or
/// the nearer ends are within this factor of each other.
pub const FIGURE_FACTOR: f64 = 3.0;

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

/// Both reports have a publication date: their stated days are anchored.
fn both_published(a: &MentionFeatures, b: &MentionFeatures) -> bool {
    a.published.is_some() && b.published.is_some()
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
    // A weak day (stated only by a sentence about what followed the
    // event, or the scene around it) is no confident contradiction: it
    // weighs as `date_weak_days_apart_*` instead.
    if let (Some(day_a), Some(day_b)) = (a.day(), b.day())
        && (day_a - day_b).num_days().abs() > MAX_ANCHORED_STATED_DAYS_APART
        && both_published(a, b)
        && !a.weak_day
        && !b.weak_day
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

/// Whether `compare` writes each outcome's detail for a reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Details {
    Written,
    Omitted,
}

/// Which level of one comparison a pair falls in.
#[derive(Debug, Clone)]
pub struct ComparisonOutcome {
    pub comparison: &'static str,
    pub level: &'static str,
    /// For the graded headline comparison: the similarity, 0 to 1.
    pub similarity: Option<f64>,
    /// For `place_same_city`: the shared place, for the model's
    /// term-frequency adjustment.
    pub shared_place: Option<u32>,
    pub detail: String,
}

/// One comparison's contribution under a model.
#[derive(Debug, Clone)]
pub struct FeatureScore {
    /// The level weighed (for the headline under an estimated model, its
    /// band).
    pub name: &'static str,
    pub comparison: &'static str,
    /// The level's weight plus the term-frequency adjustment.
    pub value: f64,
    /// log2(u_level / u_value) for a shared value, where the model has
    /// term frequencies for it.
    pub term_frequency_adjustment: Option<f64>,
    pub m: Option<f64>,
    pub u: Option<f64>,
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
    let (words_a, words_b) = (distinctive(a), distinctive(b));
    // One street spelt two ways by two outlets ("Fairmount", "Fairmont"):
    // distinctive words this close are one word.
    words_a.iter().any(|word_a| {
        words_b.iter().any(|word_b| {
            word_a == word_b
                || (word_a.len() >= MIN_LETTERS_FOR_A_NEAR_SPELLING
                    && word_b.len() >= MIN_LETTERS_FOR_A_NEAR_SPELLING
                    && strsim::jaro_winkler(word_a, word_b) >= NEAR_SPELLING_SIMILARITY)
        })
    })
}

/// A street name this long, at least, may be matched by a near spelling.
const MIN_LETTERS_FOR_A_NEAR_SPELLING: usize = 5;

/// Jaro-Winkler similarity at which two street names are one name spelt
/// two ways ("fairmount" and "fairmont": 0.98; "ashland" and "oakland":
/// 0.71).
const NEAR_SPELLING_SIMILARITY: f64 = 0.93;

/// Two sub-place lists that state the same hundred-block ("the 200 block
/// of West ..." against "the 200 block of W. ..."): the street may be cut
/// short or abbreviated in one of them, so the two do not contradict.
fn same_block_number(a: &[Arc<str>], b: &[Arc<str>]) -> bool {
    fn block_numbers(names: &[Arc<str>]) -> Vec<&str> {
        names
            .iter()
            .filter_map(|name| {
                let words: Vec<&str> = name.split_whitespace().collect();
                words.windows(2).find_map(|pair| {
                    (pair[1] == "block" && pair[0].chars().all(|c| c.is_ascii_digit()))
                        .then_some(pair[0])
                })
            })
            .collect()
    }
    let numbers_b = block_numbers(b);
    block_numbers(a).iter().any(|n| numbers_b.contains(n))
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

/// The level each comparison of a pair that passed the hard constraints
/// falls in. A comparison that does not apply (no content on one side, no
/// organizers) yields no outcome.
pub fn compare<F: FigureBounds>(
    a: &MentionFeatures,
    b: &MentionFeatures,
    figures_a: &[F],
    figures_b: &[F],
    details: Details,
) -> Vec<ComparisonOutcome> {
    // The details are for people (`explain`); clustering scores millions
    // of pairs and reads only the levels.
    let with_details = details == Details::Written;
    macro_rules! detail {
        ($($argument:tt)*) => {
            if with_details { format!($($argument)*) } else { String::new() }
        };
    }
    let mut outcomes = Vec::with_capacity(10);
    let mut push_with = |comparison: &'static str,
                         level: &'static str,
                         similarity: Option<f64>,
                         shared_place: Option<u32>,
                         detail: String| {
        outcomes.push(ComparisonOutcome {
            comparison,
            level,
            similarity,
            shared_place,
            detail,
        });
    };
    let both_stated = a.day().is_some() && b.day().is_some();
    match (a.precision, b.precision) {
        (DatePrecision::Day, DatePrecision::Day) if a.date == b.date => {
            push_with(
                "date",
                "date_same_day",
                None,
                None,
                detail!("both {}", fmt_date(a)),
            );
        }
        (DatePrecision::Day, DatePrecision::Day) if both_stated => {
            let apart = a
                .day()
                .zip(b.day())
                .map_or(0, |(x, y)| (x - y).num_days().abs());
            let anchored_weak = (a.weak_day || b.weak_day) && both_published(a, b);
            let name = match apart {
                1 => "date_days_apart_1",
                2..=MAX_STATED_DAYS_APART if anchored_weak => "date_weak_days_apart_2_7",
                _ if anchored_weak => "date_weak_days_apart_far",
                2..=3 => "date_days_apart_2_3",
                4..=MAX_STATED_DAYS_APART => "date_days_apart_4_7",
                _ => "date_days_apart_far",
            };
            push_with(
                "date",
                name,
                None,
                None,
                detail!("{} and {} ({apart} days)", fmt_date(a), fmt_date(b)),
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
            push_with(
                "date",
                name,
                None,
                None,
                detail!("{} and {} ({apart} days)", label(a, day_a), label(b, day_b)),
            );
        }
        (DatePrecision::Unresolved, _) | (_, DatePrecision::Unresolved) => {
            push_with(
                "date",
                "date_unknown",
                None,
                None,
                detail!("a date is unresolved"),
            );
        }
        (DatePrecision::Year, _) | (_, DatePrecision::Year) => {
            push_with(
                "date",
                "date_same_year",
                None,
                None,
                detail!("{} and {}", fmt_date(a), fmt_date(b)),
            );
        }
        _ => push_with(
            "date",
            "date_within_month",
            None,
            None,
            detail!("{} and {}", fmt_date(a), fmt_date(b)),
        ),
    }

    if a.place_is_unknown() || b.place_is_unknown() {
        push_with(
            "place",
            "place_unknown",
            None,
            None,
            detail!("a report names no place"),
        );
    } else if a.is_country_level()
        && b.is_country_level()
        && a.place.country_code == b.place.country_code
    {
        push_with(
            "place",
            "place_same_country_only",
            None,
            None,
            detail!("both only {}", a.place.name),
        );
    } else if a.is_country_level() != b.is_country_level() {
        push_with(
            "place",
            "place_city_unknown",
            None,
            None,
            detail!("{} against {}", a.place.name, b.place.name),
        );
    } else if a.place.geonames_id == b.place.geonames_id {
        push_with(
            "place",
            "place_same_city",
            None,
            Some(a.place.geonames_id),
            detail!("both {} (geonames {})", a.place.name, a.place.geonames_id),
        );
    } else if MentionFeatures::city_and_its_region(a, b) {
        // A city against the region it lies in is the hierarchy agreeing,
        // however far the city is from the region's point.
        push_with(
            "place",
            "place_city_in_its_region",
            None,
            None,
            detail!("{} against {}, which holds it", a.place.name, b.place.name),
        );
    } else if distance_km(a, b) > PLACE_VETO_KM {
        push_with(
            "place",
            "place_far_apart",
            None,
            None,
            detail!(
                "{} and {}, {:.0} km apart",
                a.place.name,
                b.place.name,
                distance_km(a, b)
            ),
        );
    } else if a.place.country_code == b.place.country_code {
        push_with(
            "place",
            "place_nearby_different",
            None,
            None,
            detail!(
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
        push_with(
            "country",
            "place_other_country",
            None,
            None,
            detail!("{} and {}", a.place.country, b.place.country),
        );
    }

    let content_similarity = match (&a.content, &b.content) {
        (Some(content_a), Some(content_b)) => Some(super::content::cosine(content_a, content_b)),
        _ => None,
    };
    if let Some(similarity) = content_similarity {
        let name = content_level(similarity);
        push_with(
            "content",
            name,
            None,
            None,
            detail!("content cosine {similarity:.2}"),
        );
    }

    if !a.sub_places.is_empty() && !b.sub_places.is_empty() {
        if intersects(&a.sub_places, &b.sub_places)
            || share_distinctive_word(&a.sub_places, &b.sub_places)
        {
            push_with(
                "sub_place",
                "sub_place_shared",
                None,
                None,
                detail!("a sub-place in common"),
            );
        } else if a.names_proper_sub_place
            && b.names_proper_sub_place
            && !same_block_number(&a.sub_places, &b.sub_places)
        {
            // Sub-places read from real text are often not the incident's
            // spot (the hospital, the station that spoke, a park nearby):
            // two reports that tell one story in close words and name
            // different spots are more likely one incident seen from two
            // sides than two incidents (gva_dev: 60 same-incident pairs to
            // 13 others at a content cosine of 0.30 or more).
            let name = if content_similarity.is_some_and(|s| s >= SUB_PLACE_CONFLICT_CLOSE_TEXTS) {
                "sub_place_conflict_texts_close"
            } else if a.names_a_street != b.names_a_street {
                "sub_place_street_against_spot"
            } else {
                "sub_place_conflict"
            };
            push_with(
                "sub_place",
                name,
                None,
                None,
                detail!("{:?} against {:?}", a.sub_place_names, b.sub_place_names),
            );
        }
    }

    if !a.organizers.is_empty() && !b.organizers.is_empty() {
        if intersects(&a.organizers, &b.organizers) {
            push_with(
                "organizers",
                "organizers_shared",
                None,
                None,
                detail!("an organizer in common"),
            );
        } else {
            push_with(
                "organizers",
                "organizers_conflict",
                None,
                None,
                detail!("{:?} against {:?}", a.organizers, b.organizers),
            );
        }
    }

    if intersects(&a.people, &b.people) {
        push_with(
            "people",
            "people_shared",
            None,
            None,
            detail!("a named person in common"),
        );
    } else if !a.people.is_empty() && !b.people.is_empty() {
        push_with(
            "people",
            "people_different",
            None,
            None,
            detail!("{:?} against {:?}", a.people, b.people),
        );
    }

    if a.kind == b.kind && a.kind != EventKind::Other {
        push_with(
            "kind",
            "kind_same",
            None,
            None,
            detail!("both {:?}", a.kind),
        );
    } else if kinds_conflict(a.kind, b.kind) {
        push_with(
            "kind",
            "kind_conflict",
            None,
            None,
            detail!("{:?} against {:?}", a.kind, b.kind),
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
            push_with(
                "figures",
                "figures_compatible",
                None,
                None,
                detail!("{shared_metrics} shared metric(s) agree"),
            );
        } else {
            push_with(
                "figures",
                "figures_incompatible",
                None,
                None,
                detail!(
                    "{} beyond a factor of {FIGURE_FACTOR}",
                    incompatible.join(", ")
                ),
            );
        }
    }

    if let (Some(headline_a), Some(headline_b)) = (&a.headline, &b.headline) {
        let similarity = super::mention::bigram_similarity(headline_a, headline_b);
        push_with(
            "headline",
            "headline_similarity",
            Some(similarity),
            None,
            detail!("similarity {similarity:.2}"),
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
        push_with(
            "background",
            "background_same_place_period",
            None,
            None,
            detail!("both recall {} {}", a.place.name, fmt_date(a)),
        );
    }

    if !a.background
        && !b.background
        && a.outlet.is_some()
        && b.outlet.is_some()
        && both_published(a, b)
    {
        if a.outlet == b.outlet && a.published == b.published {
            push_with(
                "outlet",
                "same_outlet_same_day",
                None,
                None,
                detail!("same outlet, same publication day"),
            );
        } else {
            // The level's complement, so that an estimate can say what
            // the same outlet on the same day is worth against it.
            push_with(
                "outlet",
                "outlet_or_day_different",
                None,
                None,
                detail!("another outlet or another publication day"),
            );
        }
    }
    outcomes
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

/// A mention's date as `explain` writes it, "(weak)" after a weak day.
fn fmt_date(m: &MentionFeatures) -> String {
    let label = super::mention::date_label(m.date, m.precision);
    if m.weak_day && m.day().is_some() {
        format!("{label} (weak)")
    } else {
        label
    }
}

/// Each comparison's weight under `model`: the level's log2(m/u) (a graded
/// level's weight times the similarity), plus the term-frequency
/// adjustment for a shared place where the model has frequencies.
pub fn weigh(model: &MatchModel, outcomes: Vec<ComparisonOutcome>) -> Vec<FeatureScore> {
    let graded_headline = model.headline_is_graded();
    outcomes
        .into_iter()
        .map(|outcome| {
            let name = effective_level(&outcome, graded_headline);
            let level = model.level(name);
            let base = level.map_or(0.0, |l| l.weight);
            let value = match (level, outcome.similarity) {
                (Some(l), Some(similarity)) if l.graded => base * similarity,
                _ => base,
            };
            let term_frequency_adjustment = match (outcome.shared_place, &model.place_frequencies) {
                (Some(place), Some(frequencies)) => Some(frequencies.adjustment(place)),
                _ => None,
            };
            FeatureScore {
                name,
                comparison: outcome.comparison,
                value: value + term_frequency_adjustment.unwrap_or(0.0),
                term_frequency_adjustment,
                m: level.and_then(|l| l.m),
                u: level.and_then(|l| l.u),
                detail: outcome.detail,
            }
        })
        .collect()
}

/// The level a model weighs an outcome as: the headline's band under a
/// model that does not grade headlines, else the outcome's level.
pub fn effective_level(outcome: &ComparisonOutcome, graded_headline: bool) -> &'static str {
    match outcome.similarity {
        Some(similarity) if outcome.comparison == "headline" && !graded_headline => {
            super::model::headline_band(similarity)
        }
        _ => outcome.level,
    }
}

/// Every comparison of a pair that passed the hard constraints, weighed by
/// `model`.
pub fn score_features<F: FigureBounds>(
    a: &MentionFeatures,
    b: &MentionFeatures,
    figures_a: &[F],
    figures_b: &[F],
    model: &MatchModel,
) -> Vec<FeatureScore> {
    weigh(model, compare(a, b, figures_a, figures_b, Details::Written))
}

/// The score of a pair that passed the hard constraints: the sum of its
/// levels' weights (the match weight less the prior).
pub fn pair_score<F: FigureBounds>(
    a: &MentionFeatures,
    b: &MentionFeatures,
    figures_a: &[F],
    figures_b: &[F],
    model: &MatchModel,
) -> f64 {
    weigh(model, compare(a, b, figures_a, figures_b, Details::Omitted))
        .iter()
        .map(|f| f.value)
        .sum()
}
