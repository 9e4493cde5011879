//! The match model: what each comparison's level weighs, Fellegi-Sunter
//! style.
//!
//! Scoring a pair (`score::compare`) says, per comparison (the date, the
//! place, the content...), which level the pair falls in; the model turns
//! each level into a match weight, log2(m/u), where m is how often a pair
//! of one incident falls in the level and u how often a pair of two
//! incidents does. The pair's match weight is the prior, log2 of the odds
//! that a candidate pair is one incident, plus the levels' weights; the
//! pair is one incident when that is above zero, that is when the levels'
//! sum is above the model's threshold (minus the prior).
//!
//! The model in force is a fact of the log: `concord train` estimates one
//! (`estimate.rs`) and appends it as a `MatchModelEstimated` event, and a
//! projection uses the last one at or before its position. Before any, the
//! built-in model applies (`MatchModel::built_in`: the weights estimated in
//! development from the real-news answer keys, docs/clustering.md).
//! **A model holds everything scoring needs, term frequencies included**:
//! scoring never counts anything in the store, so a pair's weight depends on
//! the two reports and the model alone and an incremental update equals a
//! rebuild.

use serde::{Deserialize, Serialize};

/// One level of one comparison, with its weight and, for an estimated
/// level, the m and u it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LevelWeight {
    /// The comparison the level belongs to ("date", "place", "content").
    pub comparison: String,
    /// The level's name ("date_same_day"), unique across the model.
    pub level: String,
    /// log2(m/u), or for a graded level the weight of a similarity of 1.
    pub weight: f64,
    /// P(level | one incident), where estimated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub m: Option<f64>,
    /// P(level | two incidents), where estimated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub u: Option<f64>,
    /// The weight scales with the comparison's similarity (0 to 1) instead
    /// of being one value for the level.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub graded: bool,
    /// Kept by design rather than estimated (docs/clustering.md says why
    /// for each).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub fixed: bool,
    pub meaning: String,
}

/// How often each place is a mention's place, for the term-frequency
/// adjustment of `place_same_city`: two reports that agree on a place
/// almost every report names (the corpus's home city) prove less than two
/// that agree on a small town.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlaceFrequencies {
    /// The commonest places' shares of the mentions that name a place,
    /// sorted by GeoNames id (see `floor` for the rest).
    pub places: Vec<PlaceShare>,
    /// The share assumed for a place not in `places`, and the lowest u the
    /// adjustment ever uses (Splink's `tf_minimum_u_value`): a place seen
    /// once must not outweigh the date and the content together.
    pub floor: f64,
    /// The u of `place_same_city` the adjustment is relative to.
    pub level_u: f64,
}

/// One place's share of the mentions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlaceShare {
    pub geonames_id: u32,
    pub share: f64,
    /// For people reading the model (the commonest places only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

impl PlaceFrequencies {
    /// log2(u_level / u_value): positive for a place rarer than the
    /// average agreement, negative for a commoner one.
    pub fn adjustment(&self, geonames_id: u32) -> f64 {
        let share = self
            .places
            .binary_search_by_key(&geonames_id, |place| place.geonames_id)
            .map_or(self.floor, |i| self.places[i].share)
            .max(self.floor);
        (self.level_u / share).log2()
    }
}

/// What a model was estimated from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrainingSummary {
    /// "built-in", "em" (unlabelled, expectation-maximisation) or
    /// "labels" (m counted on pairs an answer key labels).
    pub method: String,
    /// Live reports the estimate saw.
    pub reports: u64,
    /// Candidate pairs m was estimated on.
    pub candidate_pairs: u64,
    /// Random pairs u was estimated on.
    pub random_pairs: u64,
    /// EM iterations run (0 for the other methods).
    pub iterations: u32,
    /// Whether EM stopped because the parameters stopped moving (rather
    /// than at the iteration cap).
    pub converged: bool,
    /// The estimated share of candidate pairs that are one incident.
    pub match_share: f64,
    /// The answer key, for "labels".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub labels: Option<String>,
}

/// A complete match model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MatchModel {
    /// "built-in" or "trained at event N" (set by the projection that
    /// reads it; a stored model says how it was made in `training`).
    pub name: String,
    /// A pair is one incident when its levels' weights sum above this: the
    /// negated prior match weight.
    pub threshold: f64,
    pub levels: Vec<LevelWeight>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place_frequencies: Option<PlaceFrequencies>,
    pub training: TrainingSummary,
    /// Level name → index into `levels`, built on first use: scoring looks
    /// a level up for every comparison of millions of pairs.
    #[serde(skip)]
    lookup: LevelLookup,
}

/// A cache beside the model's data: never serialised, never compared, and
/// rebuilt after a clone (the clone may be edited).
#[derive(Default)]
struct LevelLookup(std::sync::OnceLock<std::collections::HashMap<String, usize>>);

impl Clone for LevelLookup {
    fn clone(&self) -> Self {
        LevelLookup::default()
    }
}

impl PartialEq for LevelLookup {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl std::fmt::Debug for LevelLookup {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("LevelLookup")
    }
}

/// (comparison, level, weight, fixed, meaning) of the built-in model.
/// Weights estimated from the development sets' answer keys by a logistic
/// regression (sessions 5 to 8), the fixed ones kept by design
/// (docs/clustering.md, "Where the weights come from").
const BUILT_IN_LEVELS: &[(&str, &str, f64, bool, &str)] = &[
    (
        "date",
        "date_same_day",
        4.1,
        false,
        "both dates are the same day (day precision)",
    ),
    (
        "date",
        "date_within_month",
        -1.5,
        true,
        "a month-precision date containing the other's date",
    ),
    (
        "date",
        "date_same_year",
        -2.5,
        true,
        "a year-precision date containing the other's date",
    ),
    (
        "date",
        "date_days_apart_1",
        -1.9,
        true,
        "stated days one day apart (a late-night event, a misread weekday)",
    ),
    (
        "date",
        "date_days_apart_2_3",
        -9.9,
        true,
        "stated days two or three days apart",
    ),
    (
        "date",
        "date_days_apart_4_7",
        -12.9,
        true,
        "stated days four to seven days apart",
    ),
    (
        "date",
        "date_days_apart_far",
        -0.5,
        true,
        "stated days more than 7 days apart in a report with no publication date (only anchored dates veto: an undated page's first date is often the day it was written)",
    ),
    (
        "date",
        "date_weak_days_apart_2_7",
        -3.0,
        false,
        "stated days two to seven days apart, one of them weak (stated only by a sentence about what followed the event or the scene around it)",
    ),
    (
        "date",
        "date_weak_days_apart_far",
        -6.0,
        false,
        "stated days more than 7 days apart, one of them weak",
    ),
    (
        "date",
        "date_near_publication",
        2.7,
        false,
        "an unstated date: the days (stated or published) within one day",
    ),
    (
        "date",
        "date_publication_2_3",
        -0.2,
        false,
        "an unstated date: the days (stated or published) two or three days apart",
    ),
    (
        "date",
        "date_publication_4_7",
        -3.5,
        false,
        "an unstated date: the days (stated or published) four to seven days apart",
    ),
    (
        "date",
        "date_publication_far",
        -7.7,
        false,
        "an unstated date: the days (stated or published) more than a week apart",
    ),
    ("date", "date_unknown", -0.7, false, "a date is unresolved"),
    (
        "place",
        "place_same_city",
        3.5,
        false,
        "same GeoNames id (city or region)",
    ),
    (
        "place",
        "place_nearby_different",
        -0.9,
        false,
        "two different places within the veto distance (a suburb and its city, a misread neighbourhood)",
    ),
    (
        "place",
        "place_far_apart",
        -4.2,
        true,
        "two cities more than 150 km apart (a strong contradiction, not a veto: an article about one event names several cities)",
    ),
    (
        "place",
        "place_city_in_its_region",
        -1.2,
        true,
        "a city against a report that names only the region it lies in (a state, a province)",
    ),
    (
        "place",
        "place_city_unknown",
        -2.1,
        false,
        "a city against a report that names only the country",
    ),
    (
        "place",
        "place_unknown",
        -2.6,
        false,
        "a report names no place (weighs only what the text then lacks)",
    ),
    (
        "place",
        "place_same_country_only",
        -0.8,
        false,
        "both places are only the country",
    ),
    (
        "country",
        "place_other_country",
        -1.5,
        true,
        "places in two countries (nearby, or a country against a city)",
    ),
    (
        "content",
        "content_unrelated",
        -5.9,
        false,
        "the texts share almost nothing (content cosine below 0.05)",
    ),
    (
        "content",
        "content_faint",
        -4.1,
        false,
        "content cosine 0.05 to 0.10",
    ),
    (
        "content",
        "content_neutral",
        -1.4,
        false,
        "content cosine 0.10 to 0.15",
    ),
    (
        "content",
        "content_some",
        0.9,
        false,
        "content cosine 0.15 to 0.20",
    ),
    (
        "content",
        "content_similar",
        4.2,
        false,
        "content cosine 0.20 to 0.30",
    ),
    (
        "content",
        "content_close",
        7.5,
        false,
        "content cosine 0.30 to 0.50",
    ),
    (
        "content",
        "content_same_story",
        8.6,
        false,
        "content cosine 0.50 or more (a syndicated copy, an update)",
    ),
    (
        "sub_place",
        "sub_place_shared",
        1.2,
        false,
        "a named square/park/street in common",
    ),
    (
        "sub_place",
        "sub_place_conflict",
        -10.0,
        true,
        "both name a proper sub-place, none in common",
    ),
    (
        "sub_place",
        "sub_place_street_against_spot",
        -4.0,
        true,
        "one names only streets or addresses, the other only named spots (a mall, a park, a church), none in common",
    ),
    (
        "sub_place",
        "sub_place_conflict_texts_close",
        -2.0,
        true,
        "both name a proper sub-place, none in common, but their texts are close (content cosine 0.30 or more): one story's street against another's hospital or park",
    ),
    (
        "organizers",
        "organizers_shared",
        3.9,
        false,
        "an organizer key in common (after alias folding)",
    ),
    (
        "organizers",
        "organizers_conflict",
        -7.0,
        true,
        "both name organizers, none in common",
    ),
    (
        "people",
        "people_shared",
        2.0,
        false,
        "a person named with an age in common (a victim, a suspect)",
    ),
    (
        "people",
        "people_different",
        0.0,
        false,
        "both name people with an age, none in common",
    ),
    ("kind", "kind_same", 0.5, true, "the same kind of event"),
    (
        "kind",
        "kind_conflict",
        -0.5,
        true,
        "a shooting against a non-shooting event",
    ),
    (
        "figures",
        "figures_compatible",
        0.7,
        false,
        "every shared metric's figures within the factor",
    ),
    (
        "figures",
        "figures_incompatible",
        -1.0,
        true,
        "a shared metric's figures beyond the factor",
    ),
    (
        "background",
        "background_same_place_period",
        7.0,
        true,
        "both recall an earlier event of the same place and dated period",
    ),
    (
        "outlet",
        "same_outlet_same_day",
        -4.3,
        false,
        "same outlet, same publication day (an update)",
    ),
    (
        "outlet",
        "outlet_or_day_different",
        0.0,
        false,
        "another outlet, or the same outlet on another day",
    ),
];

/// The built-in model's headline comparison: one graded level, its weight
/// times the Sorensen-Dice similarity of the headlines.
pub const HEADLINE_GRADED_LEVEL: &str = "headline_similarity";
const HEADLINE_GRADED_WEIGHT: f64 = 5.8;

/// The built-in model's threshold (the negated prior).
pub const BUILT_IN_THRESHOLD: f64 = 2.4;

/// The headline bands an estimated model weighs as levels (a graded weight
/// cannot be estimated by counting): (level, lowest similarity).
pub const HEADLINE_BANDS: &[(&str, f64)] = &[
    ("headline_unlike", 0.0),
    ("headline_some", 0.2),
    ("headline_close", 0.4),
    ("headline_same", 0.7),
];

impl Default for MatchModel {
    fn default() -> MatchModel {
        MatchModel::built_in()
    }
}

impl MatchModel {
    /// The model in force before the log holds any estimated one.
    pub fn built_in() -> MatchModel {
        let mut levels: Vec<LevelWeight> = BUILT_IN_LEVELS
            .iter()
            .map(|&(comparison, level, weight, fixed, meaning)| LevelWeight {
                comparison: comparison.to_string(),
                level: level.to_string(),
                weight,
                m: None,
                u: None,
                graded: false,
                fixed,
                meaning: meaning.to_string(),
            })
            .collect();
        levels.push(LevelWeight {
            comparison: "headline".to_string(),
            level: HEADLINE_GRADED_LEVEL.to_string(),
            weight: HEADLINE_GRADED_WEIGHT,
            m: None,
            u: None,
            graded: true,
            fixed: false,
            meaning: "times the Sorensen-Dice similarity of headlines".to_string(),
        });
        MatchModel {
            name: "built-in".to_string(),
            threshold: BUILT_IN_THRESHOLD,
            levels,
            place_frequencies: None,
            lookup: LevelLookup::default(),
            training: TrainingSummary {
                method: "built-in".to_string(),
                reports: 0,
                candidate_pairs: 0,
                random_pairs: 0,
                iterations: 0,
                converged: true,
                match_share: 0.0,
                labels: None,
            },
        }
    }

    /// The prior match weight, log2 of the odds that a candidate pair is
    /// one incident.
    pub fn prior(&self) -> f64 {
        -self.threshold
    }

    pub fn level(&self, level: &str) -> Option<&LevelWeight> {
        let lookup = self.lookup.0.get_or_init(|| {
            self.levels
                .iter()
                .enumerate()
                .map(|(i, l)| (l.level.clone(), i))
                .collect()
        });
        // The index is checked against the level it points at, and a miss
        // falls back to a scan: `levels` is public, and a model edited
        // after its first lookup must still weigh what it now says.
        lookup
            .get(level)
            .and_then(|&i| self.levels.get(i))
            .filter(|found| found.level == level)
            .or_else(|| self.levels.iter().find(|l| l.level == level))
    }

    /// The weight of a level (0 for a level the model does not weigh).
    pub fn weight(&self, level: &str) -> f64 {
        self.level(level).map_or(0.0, |l| l.weight)
    }

    /// Whether the model weighs headlines as one graded level (else as
    /// `HEADLINE_BANDS`).
    pub fn headline_is_graded(&self) -> bool {
        self.level(HEADLINE_GRADED_LEVEL).is_some_and(|l| l.graded)
    }

    /// The probability that a pair with this match weight is one incident.
    pub fn probability(match_weight: f64) -> f64 {
        let odds = match_weight.clamp(-60.0, 60.0).exp2();
        odds / (1.0 + odds)
    }

    /// The names of the comparisons, in the order the model lists them.
    pub fn comparisons(&self) -> Vec<&str> {
        let mut names: Vec<&str> = Vec::new();
        for level in &self.levels {
            if !names.contains(&level.comparison.as_str()) {
                names.push(&level.comparison);
            }
        }
        names
    }
}

/// The band a headline similarity falls in, for a model that weighs bands.
pub fn headline_band(similarity: f64) -> &'static str {
    HEADLINE_BANDS
        .iter()
        .rev()
        .find(|(_, lowest)| similarity >= *lowest)
        .map_or(HEADLINE_BANDS[0].0, |(name, _)| name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_levels_are_unique_and_headline_is_graded() {
        let model = MatchModel::built_in();
        let mut names: Vec<&str> = model.levels.iter().map(|l| l.level.as_str()).collect();
        names.sort_unstable();
        let before = names.len();
        names.dedup();
        assert_eq!(before, names.len());
        assert!(model.headline_is_graded());
        assert_eq!(model.prior(), -BUILT_IN_THRESHOLD);
    }

    #[test]
    fn headline_bands_cover_zero_to_one() {
        assert_eq!(headline_band(0.0), "headline_unlike");
        assert_eq!(headline_band(0.25), "headline_some");
        assert_eq!(headline_band(0.5), "headline_close");
        assert_eq!(headline_band(1.0), "headline_same");
    }

    #[test]
    fn probability_is_a_logistic_of_the_match_weight() {
        assert!((MatchModel::probability(0.0) - 0.5).abs() < 1e-12);
        assert!((MatchModel::probability(1.0) - 2.0 / 3.0).abs() < 1e-12);
        assert!(MatchModel::probability(1e9) <= 1.0);
    }

    #[test]
    fn a_common_place_adjusts_down_and_a_rare_one_up() {
        let place = |geonames_id, share| PlaceShare {
            geonames_id,
            share,
            name: None,
        };
        let frequencies = PlaceFrequencies {
            places: vec![place(1, 0.4), place(2, 0.01)],
            floor: 0.001,
            level_u: 0.1,
        };
        assert!(frequencies.adjustment(1) < 0.0);
        assert!(frequencies.adjustment(2) > 0.0);
        assert!((frequencies.adjustment(99) - (0.1f64 / 0.001).log2()).abs() < 1e-12);
    }
}
