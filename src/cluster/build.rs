//! From mentions to incidents: clustering one block, building an
//! incident's record, and grouping a country's day into a day of action.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use chrono::NaiveDate;
use petgraph::unionfind::UnionFind;

use crate::extract::model::{DatePrecision, EventKind, Metric, PlaceLevel, PlaceRef};
use crate::gazetteer::{Gazetteer, fold_name};
use crate::incident::{Claim, Incident, IncidentLevel, IncidentPlace, MetricFigures};
use crate::reconcile::{self, PartIncident, ReconcilePolicy};

use super::graph::{UNSCORED_PAIR_WEIGHT, correlation_clusters};
use super::mention::date_label;
use super::mention::{MentionFeatures, MentionKey, country_of};
use super::model::MatchModel;
use super::score::{hard_constraint, pair_score};
use super::stored::{StoredOrganizer, StoredReport};

/// An analyst link that applies inside one block: (decision seq, the two
/// reports' main mentions).
#[derive(Debug, Clone)]
pub struct BlockLink {
    pub seq: u64,
    pub a: MentionKey,
    pub b: MentionKey,
}

/// An analyst split that applies inside one block.
#[derive(Debug, Clone)]
pub struct BlockSplit {
    pub seq: u64,
    pub incident_id: String,
    pub report_seq: u64,
}

/// One incident as the state keeps it: what the catalog sorts on, what
/// the parent step and the replaces bookkeeping need, and what the full
/// record is rebuilt from when it is read (`record`). Nothing here repeats
/// what the members already hold (report ids, place names) or what is cheap
/// to recompute (figures, whose claims copy quotes and sentences): a
/// million-report store would otherwise keep all of it twice.
#[derive(Debug, Clone)]
pub struct BuiltIncident {
    pub id: String,
    pub level: IncidentLevel,
    pub date: Option<NaiveDate>,
    pub precision: DatePrecision,
    /// Shared with the members for a block's incident; a parent's country.
    pub place: Arc<PlaceRef>,
    /// Shared with the members' mentions.
    pub sub_places: Vec<Arc<str>>,
    pub kind: EventKind,
    /// Seqs of the analyst decisions that shaped the incident.
    pub decisions: Vec<u64>,
    /// A parent's children, sorted by id; empty for a block's incident.
    pub children: Vec<String>,
    pub members: Vec<MentionKey>,
    pub report_seqs: Vec<u64>,
    /// (folded key, display name), sorted by key. A Vec, not a map: a
    /// one-entry BTreeMap allocates a whole node (~0.5 KB), and every stored
    /// incident holds one of these.
    pub organizer_names: Vec<(String, String)>,
}

impl BuiltIncident {
    /// The known day, only for day precision.
    pub fn day(&self) -> Option<NaiveDate> {
        match self.precision {
            DatePrecision::Day => self.date,
            _ => None,
        }
    }

    /// A country-level incident (a national statement) or a parent.
    pub fn country_level(&self) -> bool {
        self.place.level == PlaceLevel::Country
    }

    pub fn country_code(&self) -> &str {
        &self.place.country_code
    }

    /// As `Incident::date` writes it.
    pub fn date_label(&self) -> String {
        date_label(self.date, self.precision)
    }

    /// The full record without its figures, parent link and replaces
    /// (the state knows those; see `IncidentCatalog::incident`).
    pub fn record(&self, reports: &ReportLookup<'_>) -> Incident {
        Incident {
            id: self.id.clone(),
            level: self.level,
            parent: None,
            children: self.children.clone(),
            date: self.date_label(),
            date_precision: self.precision,
            place: incident_place(&self.place),
            sub_places: self.sub_places.iter().map(|p| p.to_string()).collect(),
            kind: self.kind,
            organizers: self
                .organizer_names
                .iter()
                .map(|(_, name)| name.clone())
                .collect(),
            reports: self
                .report_seqs
                .iter()
                .filter_map(|&seq| reports(seq).map(|r| r.id.to_string()))
                .collect(),
            coded: self
                .report_seqs
                .iter()
                .filter_map(|&seq| reports(seq).and_then(|r| r.coded.as_deref().cloned()))
                .collect(),
            figures: BTreeMap::new(),
            replaces: Vec::new(),
            decisions: self.decisions.clone(),
        }
    }
}

pub type ReportLookup<'a> = dyn Fn(u64) -> Option<&'a StoredReport> + Sync + 'a;

fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in fold_name(name).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        "place".to_string()
    } else {
        out
    }
}

pub fn short_hash(report_id: &str) -> String {
    let hash = blake3::hash(report_id.as_bytes());
    hash.to_hex()
        .as_str()
        .get(..6)
        .unwrap_or("000000")
        .to_string()
}

fn precision_rank(precision: DatePrecision) -> u8 {
    match precision {
        DatePrecision::Day => 0,
        DatePrecision::Week => 1,
        DatePrecision::Month => 2,
        DatePrecision::Year => 3,
        DatePrecision::Unresolved => 4,
    }
}

/// The most precise date among the members.
fn cluster_date(members: &[&MentionFeatures]) -> (Option<NaiveDate>, DatePrecision) {
    members
        .iter()
        .min_by_key(|m| (precision_rank(m.precision), m.date))
        .map(|m| (m.date, m.precision))
        .unwrap_or((None, DatePrecision::Unresolved))
}

/// The incident's place: the one most of its members name, a city before
/// a country-level place and a known place before none; ties go to the
/// earliest member. One-place clusters (most) keep their place.
pub fn cluster_place<'m>(members: &[&'m MentionFeatures]) -> Option<&'m Arc<PlaceRef>> {
    let rank = |m: &MentionFeatures| -> u8 {
        if m.place_is_unknown() {
            0
        } else if m.is_country_level() {
            1
        } else {
            2
        }
    };
    let mut best: Option<(u8, usize, usize)> = None;
    for (position, mention) in members.iter().enumerate() {
        let count = members
            .iter()
            .filter(|other| {
                other.place.geonames_id == mention.place.geonames_id
                    && other.place.name == mention.place.name
            })
            .count();
        let candidate = (rank(mention), count, usize::MAX - position);
        if best.is_none_or(|b| candidate > b) {
            best = Some(candidate);
        }
    }
    best.map(|(_, _, position)| &members[usize::MAX - position].place)
}

/// `{date}-{place}-{6 hex of blake3(earliest report id, place id)}`;
/// members sorted by key, so the first is the earliest report.
///
/// The place's GeoNames id goes into the hash because two places can share
/// a slug, and one report can be the earliest of an incident in each: the
/// city-state Monaco and the country Monaco, or two towns called
/// Springfield named by one wire story. Without it both incidents would
/// get one id, and which came first would depend on iteration order.
pub fn incident_id(members: &[&MentionFeatures]) -> String {
    let (date, precision) = cluster_date(members);
    let place = cluster_place(members)
        .map(|p| p.name.as_str())
        .unwrap_or("place");
    let place_id = cluster_place(members).map_or(0, |p| p.geonames_id);
    let earliest = members.first().map(|m| &*m.report_id).unwrap_or("");
    format!(
        "{}-{}-{}",
        date_label(date, precision),
        slug(place),
        short_hash(&format!("{earliest}@{place_id}"))
    )
}

/// The id without its hash: what a split names stably even when a merge
/// changes the earliest report.
fn id_stem(id: &str) -> &str {
    id.rsplit_once('-').map(|(stem, _)| stem).unwrap_or(id)
}

fn ordered_pair(a: MentionKey, b: MentionKey) -> (MentionKey, MentionKey) {
    if a <= b { (a, b) } else { (b, a) }
}

/// Clusters one block's mentions. `members` are sorted by key. Returns the
/// clusters (member indices into `members`) with the decision seqs that
/// shaped each.
pub fn cluster_block(
    members: &[&MentionFeatures],
    reports: &ReportLookup<'_>,
    links: &[BlockLink],
    splits: &[BlockSplit],
    model: &MatchModel,
) -> Vec<(Vec<usize>, Vec<u64>)> {
    let index_of: HashMap<MentionKey, usize> = members
        .iter()
        .enumerate()
        .map(|(i, m)| (m.key, i))
        .collect();
    let mut cannot: HashSet<(MentionKey, MentionKey)> = HashSet::new();
    let mut active_links: Vec<&BlockLink> = links.iter().collect();
    let mut split_seqs_of: HashMap<usize, BTreeSet<u64>> = HashMap::new();
    let mut sorted_splits: Vec<&BlockSplit> = splits.iter().collect();
    sorted_splits.sort_by_key(|s| s.seq);

    for split in sorted_splits {
        let clusters = cluster_with(members, reports, &active_links, &cannot, model);
        let leaving = clusters.iter().find_map(|cluster| {
            let cluster_members: Vec<&MentionFeatures> =
                cluster.iter().map(|&i| members[i]).collect();
            let id = incident_id(&cluster_members);
            let matches = id == split.incident_id || id_stem(&id) == id_stem(&split.incident_id);
            let own = cluster
                .iter()
                .copied()
                .find(|&i| members[i].key.seq == split.report_seq);
            match (matches, own) {
                (true, Some(own)) if cluster.len() > 1 => Some((own, cluster.clone())),
                _ => None,
            }
        });
        let Some((own, cluster)) = leaving else {
            continue;
        };
        for &other in &cluster {
            if other == own {
                continue;
            }
            let pair = ordered_pair(members[own].key, members[other].key);
            // A later link between the same two mentions outranks the split.
            let later_link = active_links
                .iter()
                .any(|l| l.seq > split.seq && ordered_pair(l.a, l.b) == pair);
            if later_link {
                continue;
            }
            active_links.retain(|l| !(l.seq < split.seq && ordered_pair(l.a, l.b) == pair));
            cannot.insert(pair);
            split_seqs_of.entry(other).or_default().insert(split.seq);
        }
        split_seqs_of.entry(own).or_default().insert(split.seq);
    }

    let clusters = cluster_with(members, reports, &active_links, &cannot, model);
    clusters
        .into_iter()
        .map(|cluster| {
            let mut seqs: BTreeSet<u64> = BTreeSet::new();
            for &i in &cluster {
                if let Some(split_seqs) = split_seqs_of.get(&i) {
                    seqs.extend(split_seqs);
                }
            }
            for link in &active_links {
                let (Some(a), Some(b)) = (index_of.get(&link.a), index_of.get(&link.b)) else {
                    continue;
                };
                if cluster.contains(a) && cluster.contains(b) {
                    seqs.insert(link.seq);
                }
            }
            (cluster, seqs.into_iter().collect())
        })
        .collect()
}

fn pair_weight(
    a: &MentionFeatures,
    b: &MentionFeatures,
    reports: &ReportLookup<'_>,
    cannot: &HashSet<(MentionKey, MentionKey)>,
    model: &MatchModel,
) -> f64 {
    if hard_constraint(a, b).is_some() || cannot.contains(&ordered_pair(a.key, b.key)) {
        return f64::NEG_INFINITY;
    }
    let (Some(report_a), Some(report_b)) = (reports(a.key.seq), reports(b.key.seq)) else {
        return f64::NEG_INFINITY;
    };
    pair_score(a, b, &report_a.figures, &report_b.figures, model) - model.threshold
}

/// Mentions whose days (stated or published) are at most this far apart
/// and whose places agree are compared even when their texts share no rare
/// word: a short wire brief and a long local story of one shooting.
const SAME_PLACE_CANDIDATE_DAYS: i64 = 3;

/// A rare term shared by more mentions than this is not a candidate key in
/// the block (a name in every report of a month-long story, boilerplate of
/// one outlet): its pairs are left to the other keys.
const MAX_POSTING_LENGTH: usize = 48;

/// The pairs of a block worth scoring, each once, `a < b`. Four keys, each
/// bounded, their union: the same place (or no city) within
/// `SAME_PLACE_CANDIDATE_DAYS`; an undated mention with every mention of its
/// place; two cities within `NEARBY_CANDIDATE_KM`, days as close; a rare
/// term of the headline or lead in common (postings of at most
/// `MAX_POSTING_LENGTH`). No single key decides: a pair that only one key
/// finds is scored like any other. docs/clustering.md gives the counts.
pub fn candidate_pairs(members: &[&MentionFeatures]) -> BTreeSet<(usize, usize)> {
    let mut pairs: BTreeSet<(usize, usize)> = BTreeSet::new();
    visit_candidate_pairs(members, |_, a, b| {
        pairs.insert((a, b));
    });
    pairs
}

/// Two cities at most this far apart are compared when their mentions'
/// days are as close as the same-place key asks: a suburb and its city, a
/// neighbourhood read as a nearby town, a coded row's town and the city an
/// article names. Well inside `score::PLACE_VETO_KM`, beyond which a pair
/// could never be one incident anyway.
pub const NEARBY_CANDIDATE_KM: f64 = 50.0;

/// Grid cells of this many degrees of latitude index a block's cities for
/// the nearby key; a cell is wider than `NEARBY_CANDIDATE_KM`.
const NEARBY_GRID_DEGREES: f64 = 1.0;

/// The key that made a pair a candidate (`visit_candidate_pairs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CandidateKey {
    /// One place (or both unknown), days at most
    /// `SAME_PLACE_CANDIDATE_DAYS` apart.
    SamePlaceCloseDays,
    /// Two cities at most `NEARBY_CANDIDATE_KM` apart, dated days as
    /// close, while each of the two meets at most `MAX_POSTING_LENGTH` of
    /// the other city's mentions in its days (a suburb's report is not
    /// compared with a week of a big city's shootings by this key).
    NearbyPlaceCloseDays,
    /// A report that names no city, with a city of its country (any city
    /// for no place at all), days as close; and one that names only a
    /// region (a state), with a city of that region.
    CityUnknownWithItsCountry,
    /// A rare headline-or-lead word both post, in a posting of at most
    /// `MAX_POSTING_LENGTH`.
    SharedRareTerm,
}

/// Every candidate pair of a block with the key that found it (`a < b`); a
/// pair two keys find is visited once per key, and a key may visit a pair
/// more than once.
pub fn visit_candidate_pairs(
    members: &[&MentionFeatures],
    mut visit: impl FnMut(CandidateKey, usize, usize),
) {
    let mut add = |key: CandidateKey, a: usize, b: usize| {
        if a != b {
            visit(key, a.min(b), a.max(b));
        }
    };

    // Same place: by place id (a country-level place by its country's id;
    // 0 for an unknown place). A report that names no city (an unknown
    // place, or only its country and no national figure) is also compared
    // with every city of its country: it may be about any of them. A
    // national statement is not: only a day of action takes it.
    let place_key = |m: &MentionFeatures| {
        if m.place_is_unknown() {
            0
        } else {
            m.place.geonames_id
        }
    };
    let mut by_place: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    let mut city_unknown: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    // Mentions placed only at a region, by the region's id: a coded row
    // whose town the gazetteer lacks, "a shooting in rural Florida".
    let mut region_only: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for (i, mention) in members.iter().enumerate() {
        by_place.entry(place_key(mention)).or_default().push(i);
        if mention.place_is_unknown() || super::score::is_city_unknown(mention) {
            city_unknown
                .entry(mention.place.country_code.as_str())
                .or_default()
                .push(i);
        }
        if mention.is_region_level() && !mention.background {
            region_only
                .entry(mention.place.geonames_id)
                .or_default()
                .push(i);
        }
    }
    let dated = |i: usize| members[i].day_or_fallback();
    let days_close = |a: usize, b: usize| match (dated(a), dated(b)) {
        (Some(x), Some(y)) => (x - y).num_days().abs() <= SAME_PLACE_CANDIDATE_DAYS,
        _ => true,
    };
    let nowhere: Vec<usize> = city_unknown.get("").cloned().unwrap_or_default();
    for (&place, items) in &by_place {
        // Two reports that know neither their place nor their day share
        // nothing a key can hold: among more than a posting's worth of them
        // (a feed of undated, placeless notes) this key would pair every
        // one with every other, so such pairs are left to the rare terms.
        let nothing_known = |i: usize| place == 0 && dated(i).is_none();
        let crowded = items.len() > MAX_POSTING_LENGTH;
        for (position, &a) in items.iter().enumerate() {
            for &b in &items[position + 1..] {
                if crowded && nothing_known(a) && nothing_known(b) {
                    continue;
                }
                if days_close(a, b) {
                    add(CandidateKey::SamePlaceCloseDays, a, b);
                }
            }
        }
    }
    for (i, mention) in members.iter().enumerate() {
        if mention.is_country_level() {
            continue;
        }
        let same_country = city_unknown
            .get(mention.place.country_code.as_str())
            .map_or(&[][..], Vec::as_slice);
        // Like a rare term's posting, a list too long to be a key is left
        // to the other keys: in an undated block it would pair every city
        // with every report that names none.
        let bounded = |list: &'_ [usize]| -> usize {
            if list.len() > MAX_POSTING_LENGTH {
                0
            } else {
                list.len()
            }
        };
        let same_country = &same_country[..bounded(same_country)];
        let nowhere = &nowhere[..bounded(&nowhere)];
        let same_region = if region_only.is_empty() {
            &[][..]
        } else {
            mention
                .region_of_city()
                .and_then(|region| region_only.get(&region))
                .map_or(&[][..], Vec::as_slice)
        };
        let same_region = &same_region[..bounded(same_region)];
        for &b in same_country.iter().chain(nowhere).chain(same_region) {
            if days_close(i, b) {
                add(CandidateKey::CityUnknownWithItsCountry, i, b);
            }
        }
    }

    visit_nearby_place_pairs(members, &by_place, |a, b| {
        add(CandidateKey::NearbyPlaceCloseDays, a, b)
    });

    // Shared rare terms.
    let mut postings: HashMap<u32, Vec<usize>> = HashMap::new();
    for (i, mention) in members.iter().enumerate() {
        if let Some(content) = &mention.content {
            for &term in content.posted_terms() {
                postings.entry(term).or_default().push(i);
            }
        }
    }
    let mut terms: Vec<(&u32, &Vec<usize>)> = postings.iter().collect();
    terms.sort_unstable_by_key(|(term, _)| **term);
    for (_, items) in terms {
        if items.len() > MAX_POSTING_LENGTH {
            continue;
        }
        for (position, &a) in items.iter().enumerate() {
            for &b in &items[position + 1..] {
                add(CandidateKey::SharedRareTerm, a, b);
            }
        }
    }
}

/// The nearby key's pairs (`CandidateKey::NearbyPlaceCloseDays`): cities
/// by grid cell, each city with its dated mentions sorted by day, and for
/// every two cities close enough, each mention with the other city's
/// mentions of close days, when those are few enough to be a key.
fn visit_nearby_place_pairs(
    members: &[&MentionFeatures],
    by_place: &BTreeMap<u32, Vec<usize>>,
    mut visit: impl FnMut(usize, usize),
) {
    struct City<'m> {
        place: &'m PlaceRef,
        by_day: Vec<(NaiveDate, usize)>,
    }
    let mut cities: Vec<City<'_>> = Vec::new();
    for (&place_id, items) in by_place {
        let Some(&first) = items.first() else {
            continue;
        };
        let place = &*members[first].place;
        // Place id 0 is the unknown place (`place_key`).
        if place_id == 0 || place.level != PlaceLevel::City {
            continue;
        }
        let mut by_day: Vec<(NaiveDate, usize)> = items
            .iter()
            .filter_map(|&i| members[i].day_or_fallback().map(|day| (day, i)))
            .collect();
        if by_day.is_empty() {
            continue;
        }
        by_day.sort_unstable();
        cities.push(City { place, by_day });
    }
    if cities.len() < 2 {
        return;
    }
    let cell_of = |lat: f64, lon: f64| -> (i32, i32) {
        (
            (lat / NEARBY_GRID_DEGREES).floor() as i32,
            (lon / NEARBY_GRID_DEGREES).floor() as i32,
        )
    };
    let mut grid: BTreeMap<(i32, i32), Vec<usize>> = BTreeMap::new();
    for (c, city) in cities.iter().enumerate() {
        if city.place.lat.is_finite() && city.place.lon.is_finite() {
            grid.entry(cell_of(city.place.lat, city.place.lon))
                .or_default()
                .push(c);
        }
    }
    let window = chrono::Duration::days(SAME_PLACE_CANDIDATE_DAYS);
    // The mentions of `far` within the window of `day`.
    let close = |far: &City<'_>, day: NaiveDate| {
        let from = far.by_day.partition_point(|&(d, _)| d < day - window);
        let to = far.by_day.partition_point(|&(d, _)| d <= day + window);
        from..to
    };
    for (c, city) in cities.iter().enumerate() {
        let (lat, lon) = (city.place.lat, city.place.lon);
        if !lat.is_finite() || !lon.is_finite() {
            continue;
        }
        let (row, column) = cell_of(lat, lon);
        // A degree of longitude shrinks towards the poles: enough cells
        // either side to cover the radius, at most the whole circle.
        let km_per_cell = 111.32 * NEARBY_GRID_DEGREES * lat.to_radians().cos().max(0.01);
        let columns = ((NEARBY_CANDIDATE_KM / km_per_cell).ceil() as i32).clamp(1, 180);
        for d_row in -1..=1 {
            for d_column in -columns..=columns {
                let Some(others) = grid.get(&(row + d_row, column + d_column)) else {
                    continue;
                };
                for &o in others {
                    // Each two cities once.
                    if o <= c {
                        continue;
                    }
                    let other = &cities[o];
                    let km =
                        crate::extract::distance_km((lat, lon), (other.place.lat, other.place.lon));
                    if km > NEARBY_CANDIDATE_KM {
                        continue;
                    }
                    for &(day, a) in &city.by_day {
                        let range = close(other, day);
                        if range.len() > MAX_POSTING_LENGTH {
                            continue;
                        }
                        for &(other_day, b) in &other.by_day[range] {
                            // Bounded from both sides: a suburb's one
                            // report meets a busy city's only when the city's
                            // days around it are few.
                            if close(city, other_day).len() <= MAX_POSTING_LENGTH {
                                visit(a, b);
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Scores the candidate pairs and clusters them by average linkage. Items
/// are split first into the components of the positive pairs (and analyst
/// links): two groups with no positive pair between them can never merge,
/// so each component is clustered alone and the cost follows the largest
/// component, not the block.
fn cluster_with(
    members: &[&MentionFeatures],
    reports: &ReportLookup<'_>,
    links: &[&BlockLink],
    cannot: &HashSet<(MentionKey, MentionKey)>,
    model: &MatchModel,
) -> Vec<Vec<usize>> {
    let index_of: HashMap<MentionKey, usize> = members
        .iter()
        .enumerate()
        .map(|(i, m)| (m.key, i))
        .collect();
    let mut link_union = UnionFind::<usize>::new(members.len());
    for link in links {
        if let (Some(&a), Some(&b)) = (index_of.get(&link.a), index_of.get(&link.b))
            && !cannot.contains(&ordered_pair(link.a, link.b))
        {
            link_union.union(a, b);
        }
    }

    let weights: Vec<(usize, usize, f64)> = candidate_pairs(members)
        .into_iter()
        .map(|(a, b)| {
            (
                a,
                b,
                pair_weight(members[a], members[b], reports, cannot, model),
            )
        })
        .collect();

    let mut component = link_union.clone();
    for &(a, b, weight) in &weights {
        if weight > 0.0 {
            component.union(a, b);
        }
    }
    let mut items_of: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..members.len() {
        items_of.entry(component.find(i)).or_default().push(i);
    }
    let mut weights_of: HashMap<usize, Vec<(usize, usize, f64)>> = HashMap::new();
    for &(a, b, weight) in &weights {
        let root = component.find(a);
        if root == component.find(b) {
            weights_of.entry(root).or_default().push((a, b, weight));
        }
    }

    let mut clusters: Vec<Vec<usize>> = Vec::new();
    for (root, items) in items_of {
        if items.len() == 1 {
            clusters.push(items);
            continue;
        }
        // Local indices: the graph step sizes its tables by the largest item.
        let local: HashMap<usize, usize> = items.iter().enumerate().map(|(l, &i)| (i, l)).collect();
        let mut unit_of: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (l, &i) in items.iter().enumerate() {
            unit_of.entry(link_union.find(i)).or_default().push(l);
        }
        let local_weights: Vec<(usize, usize, f64)> = weights_of
            .remove(&root)
            .unwrap_or_default()
            .into_iter()
            .map(|(a, b, w)| (local[&a], local[&b], w))
            .collect();
        let units: Vec<Vec<usize>> = unit_of.into_values().collect();
        let is_main = |l: usize| members[items[l]].is_main;
        // Only a mention with a text of its own was looked at by every
        // candidate key (the rare words too): a pair of such mentions that
        // no key found weighs against them (`UNSCORED_PAIR_WEIGHT`).
        let has_content = |l: usize| members[items[l]].content.is_some();
        for cluster in main_mentions_first(units, &local_weights, is_main, &has_content) {
            clusters.push(cluster.into_iter().map(|l| items[l]).collect());
        }
    }
    clusters.sort_by_key(|c| c.first().copied().unwrap_or(usize::MAX));
    clusters
}

/// Average linkage in two passes: the reports' main mentions (and the
/// analyst-linked groups) first, among themselves; then every other
/// mention (another city a report names, an earlier event it recalls)
/// joins those clusters or forms its own. In one pass, a report's second
/// city could join another report's main mention early, and since two
/// mentions of one report are never one incident, that cannot-link then
/// kept the two reports' main mentions apart: on ecb_dev, reports of one
/// shooting spree that each named the same four suburbs ended in four
/// incidents, each led by different reports.
fn main_mentions_first(
    units: Vec<Vec<usize>>,
    weights: &[(usize, usize, f64)],
    is_main: impl Fn(usize) -> bool,
    has_content: &dyn Fn(usize) -> bool,
) -> Vec<Vec<usize>> {
    let (first, second): (Vec<Vec<usize>>, Vec<Vec<usize>>) = units
        .into_iter()
        .partition(|unit| unit.len() > 1 || unit.iter().any(|&l| is_main(l)));
    if first.is_empty() || second.is_empty() {
        return correlation_clusters(
            first.into_iter().chain(second).collect(),
            weights,
            UNSCORED_PAIR_WEIGHT,
            has_content,
        );
    }
    let in_first: HashSet<usize> = first.iter().flatten().copied().collect();
    let first_weights: Vec<(usize, usize, f64)> = weights
        .iter()
        .copied()
        .filter(|(a, b, _)| in_first.contains(a) && in_first.contains(b))
        .collect();
    let mut units = correlation_clusters(first, &first_weights, UNSCORED_PAIR_WEIGHT, has_content);
    units.extend(second);
    correlation_clusters(units, weights, UNSCORED_PAIR_WEIGHT, has_content)
}

/// Claims from mentions' figures, in log order (report seq, figure index).
pub fn claims_of(
    members: &[&MentionFeatures],
    reports: &ReportLookup<'_>,
) -> BTreeMap<Metric, Vec<Claim>> {
    let mut by_metric: BTreeMap<Metric, Vec<Claim>> = BTreeMap::new();
    for mention in members {
        let Some(report) = reports(mention.key.seq) else {
            continue;
        };
        for figure in mention
            .figures
            .iter()
            .filter_map(|&i| report.figures.get(i))
        {
            by_metric
                .entry(figure.metric)
                .or_default()
                .push(figure.claim(&report.id));
        }
    }
    by_metric
}

/// Reconciled figures of a cluster's members. Stored incidents do not keep
/// them (claims copy quotes and sentences, the bulk of an incident's
/// memory); they are rebuilt when incidents are read.
pub fn figures_of(
    members: &[&MentionFeatures],
    reports: &ReportLookup<'_>,
    policy: ReconcilePolicy,
) -> BTreeMap<Metric, MetricFigures> {
    claims_of(members, reports)
        .into_iter()
        .filter_map(|(metric, claims)| {
            let all: Vec<usize> = (0..claims.len()).collect();
            reconcile::reconcile_metric(claims, &all, policy).map(|f| (metric, f))
        })
        .collect()
}

fn incident_place(place: &PlaceRef) -> IncidentPlace {
    let point = Gazetteer::global().point_of(place);
    IncidentPlace {
        name: place.name.clone(),
        country: place.country.clone(),
        lat: point.map(|(lat, _)| lat),
        lon: point.map(|(_, lon)| lon),
        geonames_id: place.geonames_id,
        level: place.level,
    }
}

fn majority_kind(kinds: impl Iterator<Item = EventKind>) -> EventKind {
    let mut counts: BTreeMap<EventKind, usize> = BTreeMap::new();
    for kind in kinds.filter(|k| *k != EventKind::Other) {
        *counts.entry(kind).or_default() += 1;
    }
    // Highest count; ties go to the earlier kind in the enum's order.
    counts
        .into_iter()
        .fold(
            None,
            |best: Option<(EventKind, usize)>, (kind, count)| match best {
                Some((_, best_count)) if best_count >= count => best,
                _ => Some((kind, count)),
            },
        )
        .map(|(kind, _)| kind)
        .unwrap_or(EventKind::Other)
}

fn organizer_names<'a>(
    members: &[&MentionFeatures],
    organizers_of: &dyn Fn(u64) -> Option<&'a [StoredOrganizer]>,
) -> BTreeMap<String, String> {
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    for mention in members.iter().filter(|m| !m.background) {
        let Some(organizers) = organizers_of(mention.key.seq) else {
            continue;
        };
        for organizer in organizers {
            let name = &*organizer.name;
            let entry = names
                .entry(organizer.key.to_string())
                .or_insert_with(|| name.to_string());
            // The longest name wins; ties go to the smaller string.
            if name.len() > entry.len() || (name.len() == entry.len() && name < entry.as_str()) {
                *entry = name.to_string();
            }
        }
    }
    names
}

/// The incident of one cluster (members sorted by key), without figures:
/// they are rebuilt when the incident is read (`figures_of`).
pub fn build_incident(
    members: &[&MentionFeatures],
    decisions: Vec<u64>,
    reports: &ReportLookup<'_>,
) -> Option<BuiltIncident> {
    let place = cluster_place(members)?.clone();
    let (date, precision) = cluster_date(members);
    let mut report_seqs: Vec<u64> = members.iter().map(|m| m.key.seq).collect();
    report_seqs.sort_unstable();
    report_seqs.dedup();
    let mut sub_places: Vec<Arc<str>> = Vec::new();
    for mention in members {
        for name in &mention.sub_place_names {
            if !sub_places.iter().any(|n| fold_name(n) == fold_name(name)) {
                sub_places.push(name.clone());
            }
        }
    }
    sub_places.shrink_to_fit();
    let names = organizer_names(members, &|seq| reports(seq).map(|r| &*r.organizers));
    Some(BuiltIncident {
        id: incident_id(members),
        level: IncidentLevel::Incident,
        date,
        precision,
        place,
        sub_places,
        kind: majority_kind(members.iter().filter(|m| !m.background).map(|m| m.kind)),
        decisions,
        children: Vec::new(),
        members: members.iter().map(|m| m.key).collect(),
        report_seqs,
        organizer_names: names.into_iter().collect(),
    })
}

/// A day of action, built from one country's incidents of one day.
#[derive(Debug, Clone, Default)]
pub struct DayOfAction {
    /// Sorted by id, without figures (see `parent_figures`).
    pub parents: Vec<BuiltIncident>,
    /// Country-level incidents the parents absorbed (not shown on their own).
    pub absorbed: BTreeSet<String>,
}

/// One group of a country-day: its city (or region) incidents and its
/// country-level ones.
struct DayGroup<'i> {
    children: Vec<&'i BuiltIncident>,
    statements: Vec<&'i BuiltIncident>,
}

/// Two cities closer than this are one metro area (a district and its
/// city), not two places of a day of action.
const DAY_OF_ACTION_MIN_KM: f64 = 30.0;

/// Items are linked when they share a report or an organizer key; a group
/// with at least two distinct cities of events other than shootings is a
/// day of action. A day of action
/// spans cities: two incidents of one city (two events there that day)
/// linked by a report or an organizer are not one.
fn day_groups<'i>(items: &[&'i BuiltIncident]) -> Vec<DayGroup<'i>> {
    let mut union = UnionFind::<usize>::new(items.len());
    let mut by_report: BTreeMap<u64, usize> = BTreeMap::new();
    let mut by_organizer: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, item) in items.iter().enumerate() {
        for &seq in &item.report_seqs {
            match by_report.get(&seq) {
                Some(&other) => {
                    union.union(other, i);
                }
                None => {
                    by_report.insert(seq, i);
                }
            }
        }
        for (key, _) in &item.organizer_names {
            match by_organizer.get(key.as_str()) {
                Some(&other) => {
                    union.union(other, i);
                }
                None => {
                    by_organizer.insert(key.as_str(), i);
                }
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..items.len() {
        groups.entry(union.find(i)).or_default().push(i);
    }
    groups
        .into_values()
        .filter_map(|group| {
            let (statements, children): (Vec<&BuiltIncident>, Vec<&BuiltIncident>) = group
                .iter()
                .map(|&i| items[i])
                .partition(|item| item.country_level());
            // A shooting happens in one place: a report that names a
            // second city (the victim's home town, an earlier case) tells
            // no day of action. Nor does an event of no known kind (a
            // trial, an award): a day of action is a protest movement's.
            // Only the other kinds' cities count.
            let joins_day_of_action = |child: &&&BuiltIncident| {
                !matches!(child.kind, EventKind::Shooting | EventKind::Other)
            };
            let distinct_cities: BTreeSet<u32> = children
                .iter()
                .filter(joins_day_of_action)
                .map(|child| child.place.geonames_id)
                .collect();
            // A district and its city (Ikeja and Lagos) are one metro
            // area, not a day across cities: the cities must lie apart.
            let places: Vec<(f64, f64)> = children
                .iter()
                .filter(joins_day_of_action)
                .map(|child| (child.place.lat, child.place.lon))
                .collect();
            let apart = places.iter().enumerate().any(|(i, &a)| {
                places[i + 1..]
                    .iter()
                    .any(|&b| crate::extract::distance_km(a, b) > DAY_OF_ACTION_MIN_KM)
            });
            (distinct_cities.len() >= 2 && apart).then_some(DayGroup {
                children,
                statements,
            })
        })
        .collect()
}

/// Groups one country-day's incidents into days of action; the
/// country-level incidents in a group (national statements, multi-city
/// figures) become the parent's own claims.
pub fn build_days_of_action(items: &[&BuiltIncident], reports: &ReportLookup<'_>) -> DayOfAction {
    let mut result = DayOfAction::default();
    for group in day_groups(items) {
        if let Some(parent) = build_parent(&group, reports) {
            for statement in &group.statements {
                result.absorbed.insert(statement.id.clone());
            }
            result.parents.push(parent);
        }
    }
    result.parents.sort_by(|a, b| a.id.cmp(&b.id));
    result.parents.shrink_to_fit();
    result
}

/// The members of some incidents, sorted by key.
fn sorted_member_keys<'i>(items: impl Iterator<Item = &'i &'i BuiltIncident>) -> Vec<MentionKey> {
    let mut keys: Vec<MentionKey> = items
        .flat_map(|item| item.members.iter().copied())
        .collect();
    keys.sort_unstable();
    keys
}

/// The statement members of a group, sorted by key.
fn statement_members<'m>(
    statements: &[&BuiltIncident],
    member_lookup: &dyn Fn(MentionKey) -> Option<&'m MentionFeatures>,
) -> Vec<&'m MentionFeatures> {
    sorted_member_keys(statements.iter())
        .into_iter()
        .filter_map(member_lookup)
        .collect()
}

fn build_parent(group: &DayGroup<'_>, reports: &ReportLookup<'_>) -> Option<BuiltIncident> {
    let DayGroup {
        children,
        statements,
    } = group;
    let first_child = children.first()?;
    let day = first_child.day()?;
    let mut report_seqs: Vec<u64> = children
        .iter()
        .chain(statements)
        .flat_map(|item| item.report_seqs.iter().copied())
        .collect();
    report_seqs.sort_unstable();
    report_seqs.dedup();
    let earliest = reports(*report_seqs.first()?)?.id.to_string();

    // The parent's place: the country the earliest statement names, else
    // the country of the first child's place.
    let statement_keys = sorted_member_keys(statements.iter());
    let first_statement = statement_keys
        .first()
        .and_then(|key| statements.iter().find(|s| s.members.contains(key)));
    let country_place: Arc<PlaceRef> = match first_statement {
        Some(statement) => statement.place.clone(),
        None => Arc::new(country_of(&first_child.place)),
    };

    let mut organizer_names: BTreeMap<String, String> = BTreeMap::new();
    for item in children.iter().chain(statements) {
        for (key, name) in &item.organizer_names {
            let entry = organizer_names
                .entry(key.clone())
                .or_insert_with(|| name.clone());
            if name.len() > entry.len() || (name.len() == entry.len() && name < entry) {
                *entry = name.clone();
            }
        }
    }
    let mut child_ids: Vec<String> = children.iter().map(|c| c.id.clone()).collect();
    child_ids.sort();
    let mut decisions: Vec<u64> = statements
        .iter()
        .flat_map(|s| s.decisions.iter().copied())
        .collect();
    decisions.sort_unstable();
    decisions.dedup();
    let members = sorted_member_keys(children.iter().chain(statements));

    Some(BuiltIncident {
        id: format!(
            "{}-{}-{}",
            day.format("%Y-%m-%d"),
            slug(&country_place.country_code),
            short_hash(&earliest)
        ),
        level: IncidentLevel::Parent,
        date: Some(day),
        precision: DatePrecision::Day,
        kind: majority_kind(children.iter().map(|c| c.kind)),
        place: country_place,
        sub_places: Vec::new(),
        decisions,
        children: child_ids,
        members,
        report_seqs,
        organizer_names: organizer_names.into_iter().collect(),
    })
}

/// The figures of `parent`, one of the days of action `items` (a
/// country-day's incidents) form: the statements' claims reconciled, the
/// whole bounded by national (or else multi-city) figures, and checked
/// against the sum of its children's minimums. `None` when the items no
/// longer form that parent.
pub fn parent_figures<'m>(
    parent: &BuiltIncident,
    items: &[&BuiltIncident],
    member_lookup: &dyn Fn(MentionKey) -> Option<&'m MentionFeatures>,
    reports: &ReportLookup<'_>,
    policy: ReconcilePolicy,
) -> Option<BTreeMap<Metric, MetricFigures>> {
    let group = day_groups(items).into_iter().find(|group| {
        group
            .children
            .first()
            .is_some_and(|child| parent.children.binary_search(&child.id).is_ok())
    })?;
    let country_name = parent.place.name.as_str();
    let statement_members = statement_members(&group.statements, member_lookup);
    let child_figures: Vec<BTreeMap<Metric, MetricFigures>> = group
        .children
        .iter()
        .map(|child| {
            let members: Vec<&MentionFeatures> = child
                .members
                .iter()
                .filter_map(|&k| member_lookup(k))
                .collect();
            figures_of(&members, reports, policy)
        })
        .collect();
    let mut figures: BTreeMap<Metric, MetricFigures> = BTreeMap::new();
    for (metric, claims) in claims_of(&statement_members, reports) {
        let is_whole =
            |c: &Claim| c.places.is_empty() || c.places.iter().all(|p| *p == country_name);
        let is_multi_city = |c: &Claim| !is_whole(c) && c.places.len() >= 2;
        let whole: Vec<usize> = (0..claims.len())
            .filter(|&i| is_whole(&claims[i]))
            .collect();
        let multi: Vec<usize> = (0..claims.len())
            .filter(|&i| is_multi_city(&claims[i]))
            .collect();
        let bound_claims: Vec<usize> = if !whole.is_empty() {
            whole.clone()
        } else if !multi.is_empty() {
            multi.clone()
        } else {
            (0..claims.len()).collect()
        };
        let parts: Vec<PartIncident> = group
            .children
            .iter()
            .zip(&child_figures)
            .filter_map(|(child, child_figures)| {
                child_figures.get(&metric).map(|f| PartIncident {
                    id: child.id.clone(),
                    place: child.place.name.clone(),
                    min: f.min,
                })
            })
            .collect();
        let multi_claims: Vec<&Claim> = multi.iter().map(|&i| &claims[i]).collect();
        let whole_claims: Vec<&Claim> = whole.iter().map(|&i| &claims[i]).collect();
        let check = reconcile::parts_check(&parts, &multi_claims, &whole_claims);
        if let Some(mut reconciled) =
            reconcile::reconcile_metric(claims.clone(), &bound_claims, policy)
        {
            if !check.parts.is_empty() {
                reconciled.parts = Some(check);
            }
            figures.insert(metric, reconciled);
        }
    }
    Some(figures)
}
