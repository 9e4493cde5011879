//! From mentions to incidents: clustering one block, building an
//! incident's record, and grouping a country's day into a day of action.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use chrono::NaiveDate;
use petgraph::unionfind::UnionFind;

use crate::extract::model::{DatePrecision, EventKind, Metric, Organizer, PlaceLevel, PlaceRef};
use crate::gazetteer::fold_name;
use crate::incident::{Claim, Incident, IncidentLevel, IncidentPlace, MetricFigures};
use crate::reconcile::{self, PartIncident, ReconcilePolicy};

use super::StoredReport;
use super::graph::correlation_clusters;
use super::mention::{MentionFeatures, MentionKey, country_of};
use super::score::{THRESHOLD, hard_constraint, pair_score};

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

/// One incident as the state keeps it: the record plus what the parent
/// step and the replaces bookkeeping need.
#[derive(Debug, Clone)]
pub struct BuiltIncident {
    pub incident: Incident,
    pub members: Vec<MentionKey>,
    pub report_seqs: Vec<u64>,
    /// (folded key, display name), sorted by key. A Vec, not a map: a
    /// one-entry BTreeMap allocates a whole node (~0.5 KB), and every stored
    /// incident holds one of these.
    pub organizer_names: Vec<(String, String)>,
    pub day: Option<NaiveDate>,
    pub country_level: bool,
    pub country_code: String,
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

/// "2020-02-22", "2020-02", "2020" or "undated".
pub fn date_label(date: Option<NaiveDate>, precision: DatePrecision) -> String {
    date.and_then(|d| crate::extract::model::format_dated(d, precision))
        .unwrap_or_else(|| "undated".to_string())
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
    let place = members
        .first()
        .map(|m| m.place.name.as_str())
        .unwrap_or("place");
    let place_id = members.first().map(|m| m.place.geonames_id).unwrap_or(0);
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
        let clusters = cluster_with(members, reports, &active_links, &cannot);
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

    let clusters = cluster_with(members, reports, &active_links, &cannot);
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
) -> f64 {
    if hard_constraint(a, b).is_some() || cannot.contains(&ordered_pair(a.key, b.key)) {
        return f64::NEG_INFINITY;
    }
    let (Some(report_a), Some(report_b)) = (reports(a.key.seq), reports(b.key.seq)) else {
        return f64::NEG_INFINITY;
    };
    pair_score(a, b, &report_a.figures, &report_b.figures) - THRESHOLD
}

/// Two phases: each known day's mentions are clustered alone (pairs only
/// within the day, so the cost follows the day's size, not the month's);
/// then coarser mentions (month, year, undated) join the day clusters or
/// each other, and two day clusters never merge in that phase.
fn cluster_with(
    members: &[&MentionFeatures],
    reports: &ReportLookup<'_>,
    links: &[&BlockLink],
    cannot: &HashSet<(MentionKey, MentionKey)>,
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

    let mut by_day: BTreeMap<NaiveDate, Vec<usize>> = BTreeMap::new();
    let mut coarse: Vec<usize> = Vec::new();
    for (i, mention) in members.iter().enumerate() {
        match mention.day() {
            Some(day) => by_day.entry(day).or_default().push(i),
            None => coarse.push(i),
        }
    }

    let units_of = |items: &[usize]| -> Vec<Vec<usize>> {
        let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for &i in items {
            groups.entry(link_union.find(i)).or_default().push(i);
        }
        groups.into_values().collect()
    };

    let mut day_clusters: Vec<Vec<usize>> = Vec::new();
    for items in by_day.values() {
        if items.len() == 1 {
            day_clusters.push(items.clone());
            continue;
        }
        let mut weights = Vec::with_capacity(items.len() * (items.len() - 1) / 2);
        for (position, &a) in items.iter().enumerate() {
            for &b in &items[position + 1..] {
                weights.push((a, b, pair_weight(members[a], members[b], reports, cannot)));
            }
        }
        day_clusters.extend(correlation_clusters(units_of(items), &weights, &|_, _| {
            true
        }));
    }
    if coarse.is_empty() {
        return day_clusters;
    }

    // Coarse mentions linked by an analyst to a day mention start inside
    // that day's cluster.
    let mut units: Vec<Vec<usize>> = day_clusters;
    let mut coarse_left: Vec<usize> = Vec::new();
    for &c in &coarse {
        let root = link_union.find(c);
        if let Some(unit) = units.iter_mut().find(|u| {
            u.iter()
                .any(|&i| members[i].day().is_some() && link_union.find(i) == root)
        }) {
            unit.push(c);
        } else {
            coarse_left.push(c);
        }
    }
    units.extend(units_of(&coarse_left));
    let coarse_left_set: HashSet<usize> = coarse_left.iter().copied().collect();
    let mut weights = Vec::new();
    for &c in &coarse_left {
        for other in 0..members.len() {
            if other == c || (coarse_left_set.contains(&other) && other < c) {
                continue;
            }
            weights.push((
                c,
                other,
                pair_weight(members[c], members[other], reports, cannot),
            ));
        }
    }
    let has_day = |unit: &[usize]| unit.iter().any(|&i| members[i].day().is_some());
    correlation_clusters(units, &weights, &|a, b| !(has_day(a) && has_day(b)))
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
            by_metric.entry(figure.metric).or_default().push(Claim {
                report: report.id.to_string(),
                value: figure.value,
                value_hi: figure.value_hi,
                qualifier: figure.qualifier,
                lo: figure.lo,
                hi: figure.hi,
                places: figure.places.clone(),
                span: figure.span,
                quote: figure.quote.clone(),
                sentence: figure.sentence.clone(),
                phrase: figure.phrase.clone(),
                attributed_to: figure.attributed_to.clone(),
            });
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
    IncidentPlace {
        name: place.name.clone(),
        country: place.country.clone(),
        lat: place.lat,
        lon: place.lon,
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
    organizers_of: &dyn Fn(u64) -> Option<&'a [Organizer]>,
) -> BTreeMap<String, String> {
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    for mention in members.iter().filter(|m| !m.background) {
        let Some(organizers) = organizers_of(mention.key.seq) else {
            continue;
        };
        for organizer in organizers {
            let key = fold_name(&organizer.key);
            if key.is_empty() {
                continue;
            }
            let entry = names.entry(key).or_insert_with(|| organizer.name.clone());
            // The longest name wins; ties go to the smaller string.
            if organizer.name.len() > entry.len()
                || (organizer.name.len() == entry.len() && organizer.name < *entry)
            {
                *entry = organizer.name.clone();
            }
        }
    }
    names
}

/// The incident record of one cluster (members sorted by key).
pub fn build_incident(
    members: &[&MentionFeatures],
    decisions: Vec<u64>,
    reports: &ReportLookup<'_>,
    policy: ReconcilePolicy,
    with_figures: bool,
) -> Option<BuiltIncident> {
    let first = members.first()?;
    let (date, precision) = cluster_date(members);
    let mut report_seqs: Vec<u64> = members.iter().map(|m| m.key.seq).collect();
    report_seqs.sort_unstable();
    report_seqs.dedup();
    let report_ids: Vec<String> = report_seqs
        .iter()
        .filter_map(|&seq| reports(seq).map(|r| r.id.to_string()))
        .collect();
    let mut sub_places: Vec<String> = Vec::new();
    for mention in members {
        for name in &mention.sub_place_names {
            if !sub_places.iter().any(|n| fold_name(n) == fold_name(name)) {
                sub_places.push(name.clone());
            }
        }
    }
    let names = organizer_names(members, &|seq| {
        reports(seq).map(|r| r.organizers.as_slice())
    });
    let figures = if with_figures {
        figures_of(members, reports, policy)
    } else {
        BTreeMap::new()
    };
    let incident = Incident {
        id: incident_id(members),
        level: IncidentLevel::Incident,
        parent: None,
        children: Vec::new(),
        date: date_label(date, precision),
        date_precision: precision,
        place: incident_place(&first.place),
        sub_places,
        kind: majority_kind(members.iter().filter(|m| !m.background).map(|m| m.kind)),
        organizers: names.values().cloned().collect(),
        reports: report_ids,
        figures,
        replaces: Vec::new(),
        decisions,
    };
    Some(BuiltIncident {
        incident,
        members: members.iter().map(|m| m.key).collect(),
        report_seqs,
        organizer_names: names.into_iter().collect(),
        day: match precision {
            DatePrecision::Day => date,
            _ => None,
        },
        country_level: first.place.level == PlaceLevel::Country,
        country_code: first.place.country_code.clone(),
    })
}

/// A day of action, built from one country's incidents of one day.
#[derive(Debug, Clone, Default)]
pub struct DayOfAction {
    pub parents: Vec<BuiltIncident>,
    /// Country-level incidents the parents absorbed (not shown on their own).
    pub absorbed: BTreeSet<String>,
    /// Child incident id → parent id.
    pub parent_of: BTreeMap<String, String>,
}

/// Groups one country-day's incidents into days of action. Items are
/// linked when they share a report or an organizer key; a group with at
/// least two city (or region) incidents is a parent, and the country-level
/// incidents in it (national statements, multi-city figures) become the
/// parent's own claims.
pub fn build_days_of_action<'m>(
    items: &[&BuiltIncident],
    member_lookup: &dyn Fn(MentionKey) -> Option<&'m MentionFeatures>,
    reports: &ReportLookup<'_>,
    policy: ReconcilePolicy,
) -> DayOfAction {
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

    let mut result = DayOfAction::default();
    for group in groups.into_values() {
        let children: Vec<&BuiltIncident> = group
            .iter()
            .map(|&i| items[i])
            .filter(|item| !item.country_level)
            .collect();
        // A day of action spans cities: two incidents of one city (two
        // events there that day) linked by a report or an organizer are
        // not one.
        let distinct_cities: BTreeSet<u32> = children
            .iter()
            .map(|child| child.incident.place.geonames_id)
            .collect();
        if distinct_cities.len() < 2 {
            continue;
        }
        let statements: Vec<&BuiltIncident> = group
            .iter()
            .map(|&i| items[i])
            .filter(|item| item.country_level)
            .collect();
        if let Some(parent) = build_parent(&children, &statements, member_lookup, reports, policy) {
            for child in &children {
                result
                    .parent_of
                    .insert(child.incident.id.clone(), parent.incident.id.clone());
            }
            for statement in &statements {
                result.absorbed.insert(statement.incident.id.clone());
            }
            result.parents.push(parent);
        }
    }
    result
        .parents
        .sort_by(|a, b| a.incident.id.cmp(&b.incident.id));
    result
}

fn build_parent<'m>(
    children: &[&BuiltIncident],
    statements: &[&BuiltIncident],
    member_lookup: &dyn Fn(MentionKey) -> Option<&'m MentionFeatures>,
    reports: &ReportLookup<'_>,
    policy: ReconcilePolicy,
) -> Option<BuiltIncident> {
    let first_child = children.first()?;
    let day = first_child.day?;
    let mut report_seqs: Vec<u64> = children
        .iter()
        .chain(statements)
        .flat_map(|item| item.report_seqs.iter().copied())
        .collect();
    report_seqs.sort_unstable();
    report_seqs.dedup();
    let earliest = reports(*report_seqs.first()?)?.id.to_string();
    let report_ids: Vec<String> = report_seqs
        .iter()
        .filter_map(|&seq| reports(seq).map(|r| r.id.to_string()))
        .collect();

    let statement_members: Vec<&MentionFeatures> = {
        let mut keys: Vec<MentionKey> = statements
            .iter()
            .flat_map(|s| s.members.iter().copied())
            .collect();
        keys.sort_unstable();
        keys.into_iter().filter_map(member_lookup).collect()
    };
    let country_place = statement_members
        .first()
        .map(|m| PlaceRef::clone(&m.place))
        .unwrap_or_else(|| {
            let some_child_member = first_child.members.first().and_then(|&k| member_lookup(k));
            match some_child_member {
                Some(member) => country_of(&member.place),
                None => PlaceRef {
                    geonames_id: 0,
                    name: first_child.incident.place.country.clone(),
                    level: PlaceLevel::Country,
                    country: first_child.incident.place.country.clone(),
                    country_code: first_child.country_code.clone(),
                    lat: 0.0,
                    lon: 0.0,
                },
            }
        });
    let country_name = country_place.name.clone();

    let child_figures: Vec<BTreeMap<Metric, MetricFigures>> = children
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
        let parts: Vec<PartIncident> = children
            .iter()
            .zip(&child_figures)
            .filter_map(|(child, child_figures)| {
                child_figures.get(&metric).map(|f| PartIncident {
                    id: child.incident.id.clone(),
                    place: child.incident.place.name.clone(),
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
    let mut child_ids: Vec<String> = children.iter().map(|c| c.incident.id.clone()).collect();
    child_ids.sort();
    let mut decisions: Vec<u64> = statements
        .iter()
        .flat_map(|s| s.incident.decisions.iter().copied())
        .collect();
    decisions.sort_unstable();
    decisions.dedup();
    let mut members: Vec<MentionKey> = children
        .iter()
        .chain(statements)
        .flat_map(|item| item.members.iter().copied())
        .collect();
    members.sort_unstable();

    let incident = Incident {
        id: format!(
            "{}-{}-{}",
            day.format("%Y-%m-%d"),
            slug(&country_place.country_code),
            short_hash(&earliest)
        ),
        level: IncidentLevel::Parent,
        parent: None,
        children: child_ids,
        date: day.format("%Y-%m-%d").to_string(),
        date_precision: DatePrecision::Day,
        place: incident_place(&country_place),
        sub_places: Vec::new(),
        kind: majority_kind(children.iter().map(|c| c.incident.kind)),
        organizers: organizer_names.values().cloned().collect(),
        reports: report_ids,
        figures,
        replaces: Vec::new(),
        decisions,
    };
    Some(BuiltIncident {
        incident,
        members,
        report_seqs,
        organizer_names: organizer_names.into_iter().collect(),
        day: Some(day),
        country_level: true,
        country_code: country_place.country_code.clone(),
    })
}
