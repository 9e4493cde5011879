//! Clustering: report extractions in, incidents out.
//!
//! Each report yields mentions (one per place-day it describes). Mentions
//! are blocked by (country, city or country, month of the date): only
//! mentions of one block are ever compared, so cost grows with the size of
//! the blocks, not with the square of the store. Inside a block a scored
//! graph is clustered by correlation clustering (`graph`), under hard
//! constraints (different known days, different places: never one
//! incident). A country's incidents of one day are then grouped into days
//! of action (parents). docs/clustering.md explains every step and weight.
//!
//! The state is incremental: adding or removing a report recomputes only
//! the blocks its mentions fall in and the country-days those blocks touch.
//! Every block's result is a pure function of the block's mentions (sorted
//! by report seq), the decisions and the configuration, so the result
//! equals a full rebuild in any insertion order.

pub mod build;
pub mod content;
pub mod estimate;
pub mod graph;
pub mod mention;
pub mod model;
pub mod score;
pub mod stored;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;

use crate::extract::model::{Extraction, PlaceRef};
use crate::incident::Incident;
use crate::reconcile::ReconcilePolicy;
use crate::report::Report;

use build::{BlockLink, BlockSplit, BuiltIncident, DayOfAction};
use mention::{BlockKey, MentionFeatures, MentionKey, derive_mentions};
pub use model::MatchModel;
pub use stored::{StoredFigure, StoredOrganizer, StoredReport, StringPool};

/// One live report as clustering sees it.
#[derive(Debug, Clone)]
pub struct ReportInput {
    /// The log seq of the event that stored the report: orders reports and
    /// makes ids stable (an incident's id derives from its earliest report).
    pub seq: u64,
    pub report: Report,
    pub extraction: Extraction,
    /// The report's digest when the extraction cache had it (computed
    /// with the extraction): staging then need not read the text again.
    /// `None`: computed from the report when staged.
    pub digest: Option<Arc<mention::ReportDigest>>,
}

/// How many dirty blocks a recompute clusters before moving their
/// incidents into the state.
const RECOMPUTE_CHUNK: usize = 16_384;

/// How many reports `add_reports` takes at a time.
const ADD_CHUNK: usize = 8192;

/// Blocks clustered at a time by a state that sheds its scoring evidence
/// once clustered: small, so that the evidence freed by each chunk is
/// there for the next chunk's incidents; several, so that both cores
/// stay busy.
const SHEDDING_RECOMPUTE_CHUNK: usize = 8;

/// Analyst decisions, in log order. Clustering honours them on every build.
#[derive(Debug, Clone, Default)]
pub struct Decisions {
    /// (seq of the decision event, report a, report b, reason): the two
    /// reports' main events are one incident.
    pub links: Vec<(u64, String, String, String)>,
    /// (seq, incident id, report, reason): the report is not part of that
    /// incident.
    pub splits: Vec<(u64, String, String, String)>,
}

/// Settings that are policy, not code: which reconciliation convention to
/// follow, and the clustering threshold.
#[derive(Debug, Clone)]
pub struct ClusterConfig {
    /// "ccc" (lowest and highest reported) or "acled" (most conservative).
    pub reconcile_policy: String,
}

impl Default for ClusterConfig {
    fn default() -> Self {
        ClusterConfig {
            reconcile_policy: "ccc".to_string(),
        }
    }
}

impl ClusterConfig {
    pub fn policy(&self) -> ReconcilePolicy {
        ReconcilePolicy::from_setting(&self.reconcile_policy)
    }
}

/// A decision clustering could not honour, and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RefusedDecision {
    pub seq: u64,
    pub why: String,
}

#[derive(Debug, Default)]
struct BlockState {
    members: BTreeSet<MentionKey>,
    incidents: Vec<BuiltIncident>,
}

/// The clustering state: reports in, incidents out. `add`/`remove` touch
/// only the blocks the report falls in; `incidents` equals a full rebuild.
#[derive(Debug, Default)]
pub struct ClusterState {
    config: ClusterConfig,
    reports: BTreeMap<u64, StoredReport>,
    /// One shared copy of each recurring name the stored figures and the
    /// mentions hold.
    strings: StringPool,
    /// One shared copy of each place the mentions name.
    places: HashMap<u32, Vec<Arc<PlaceRef>>>,
    decisions: Decisions,
    /// Keyed by the stored report's shared id.
    seq_of_report: HashMap<Arc<str>, u64>,
    mentions: HashMap<u64, Vec<MentionFeatures>>,
    blocks: HashMap<BlockKey, BlockState>,
    days_of_action: HashMap<(String, NaiveDate), DayOfAction>,
    /// Bookkeeping for `Incident::replaces`: the id each mention's parent
    /// had after the previous update (one shared id string per parent), and
    /// what each id replaced. A mention's previous incident needs no map:
    /// it is the block's incident that held it until the recompute.
    previous_parent: HashMap<MentionKey, Arc<str>>,
    replaced: HashMap<String, BTreeSet<String>>,
    /// Blocks changed by `stage_reports` / `stage_removal` and not yet
    /// recomputed. Every recompute takes them too, so the incidents are
    /// never read half-updated through a public method that recomputes.
    unsettled: BTreeSet<BlockKey>,
    /// Reports taken out since the last recompute: their mentions' old
    /// incidents are not something a new incident replaces.
    detached: HashSet<u64>,
    /// The match model in force (the built-in one until the log holds an
    /// estimated one).
    model: Arc<MatchModel>,
    /// Set only during `settle_shedding_scoring_evidence`.
    sheds_evidence_once_clustered: bool,
}

impl ClusterState {
    pub fn new(config: ClusterConfig) -> ClusterState {
        ClusterState {
            config,
            ..ClusterState::default()
        }
    }

    pub fn add_report(&mut self, input: ReportInput) {
        self.add_reports(std::iter::once(input));
    }

    /// Adds many reports and recomputes each touched block once (in
    /// parallel): the fast path for a replay or a bulk import.
    pub fn add_reports(&mut self, inputs: impl IntoIterator<Item = ReportInput>) {
        self.stage_reports(inputs);
        self.settle();
    }

    /// Stores reports without recomputing their blocks: a replay stages
    /// the whole log window by window and settles once, so a block touched
    /// by many windows is clustered once, not once per window. Until
    /// `settle` (or any add, removal or decision change, which settle as
    /// well) the incidents are those of before the staging.
    pub fn stage_reports(&mut self, inputs: impl IntoIterator<Item = ReportInput>) {
        let mut inputs = inputs.into_iter();
        let mut dirty = std::mem::take(&mut self.unsettled);
        // Reports are taken a chunk at a time: only a chunk's full inputs
        // (texts, extractions) are ever held, the rest is what the state
        // keeps.
        loop {
            let chunk: Vec<ReportInput> = inputs.by_ref().take(ADD_CHUNK).collect();
            if chunk.is_empty() {
                break;
            }
            self.store_chunk(chunk, &mut dirty);
        }
        self.unsettled = dirty;
    }

    /// Takes a report out without recomputing (see `stage_reports`).
    pub fn stage_removal(&mut self, report_id: &str) {
        let Some(&seq) = self.seq_of_report.get(report_id) else {
            return;
        };
        let dirty = self.detach(seq);
        self.unsettled.extend(dirty);
    }

    /// `settle`, each block's members shedding their scoring evidence as
    /// soon as the block is clustered, blocks clustered a few at a time so
    /// that what a block frees can hold the next blocks' incidents; then
    /// every mention sheds it (`shed_scoring_evidence`). A replay of a
    /// million reports otherwise holds its content vectors and its
    /// incidents at once, the peak of a full build. Only for a state that
    /// is written and dropped, never clustered again
    /// (`Projection::build_to_write`).
    pub fn settle_shedding_scoring_evidence(&mut self) {
        self.sheds_evidence_once_clustered = true;
        self.settle();
        self.sheds_evidence_once_clustered = false;
        self.shed_scoring_evidence();
    }

    /// Drops what only the scoring of pairs reads: each mention's content
    /// vector and headline words. Incidents, their claims, the reports'
    /// leads and the block index are built without them. A state without
    /// them would cluster differently, so only a state that is written and
    /// dropped calls this (`settle_shedding_scoring_evidence`).
    pub fn shed_scoring_evidence(&mut self) {
        for mentions in self.mentions.values_mut() {
            mentions
                .iter_mut()
                .for_each(MentionFeatures::shed_scoring_evidence);
        }
        self.strings.forget_unused_headlines();
    }

    /// Recomputes every block staged since the last recompute.
    pub fn settle(&mut self) {
        self.recompute(BTreeSet::new());
    }

    /// Recomputes only `blocks` (those of them staged), and the days of
    /// action of their days; every other staged block is left unclustered,
    /// holding no incidents. For a state that holds whole only some blocks
    /// (their members loaded from a read model, with those members' other
    /// mentions in blocks it holds in part): its catalog is then exactly
    /// those blocks' incidents and their days' parents, as a full build
    /// gives them, since a block's result is a function of its members.
    pub fn settle_only(&mut self, blocks: &BTreeSet<BlockKey>) {
        let staged = std::mem::take(&mut self.unsettled);
        let dirty: BTreeSet<BlockKey> = staged.intersection(blocks).cloned().collect();
        self.recompute(dirty);
    }

    /// The blocks a report's mentions fall in (what staging it dirties).
    pub fn blocks_of(input: &ReportInput) -> BTreeSet<BlockKey> {
        derive_mentions(input)
            .iter()
            .map(MentionFeatures::block_key)
            .collect()
    }

    /// The block of the report's main mention.
    pub fn main_block_of_report(&self, seq: u64) -> Option<BlockKey> {
        self.mentions
            .get(&seq)?
            .iter()
            .find(|mention| mention.is_main)
            .map(MentionFeatures::block_key)
    }

    /// The blocks of each of `seqs` the state holds, by seq.
    pub fn blocks_of_reports(
        &self,
        seqs: impl IntoIterator<Item = u64>,
    ) -> Vec<(u64, BTreeSet<BlockKey>)> {
        seqs.into_iter()
            .filter_map(|seq| {
                let mentions = self.mentions.get(&seq)?;
                Some((
                    seq,
                    mentions.iter().map(MentionFeatures::block_key).collect(),
                ))
            })
            .collect()
    }

    /// Each block with the seqs and ids of the reports holding a mention in
    /// it, in block order then seq order: what a read model records so that
    /// a block can later be loaded whole and clustered again.
    pub fn block_members(&self) -> Vec<(BlockKey, Vec<(u64, &str)>)> {
        let mut out: Vec<(BlockKey, Vec<(u64, &str)>)> = self
            .blocks
            .iter()
            .filter(|(_, block)| !block.members.is_empty())
            .map(|(key, block)| {
                let mut seqs: Vec<u64> = block.members.iter().map(|member| member.seq).collect();
                seqs.dedup();
                let members = seqs
                    .into_iter()
                    .filter_map(|seq| Some((seq, &*self.reports.get(&seq)?.id)))
                    .collect();
                (key.clone(), members)
            })
            .collect();
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    }

    fn store_chunk(&mut self, inputs: Vec<ReportInput>, dirty: &mut BTreeSet<BlockKey>) {
        let derived: Vec<Vec<MentionFeatures>> = inputs.par_iter().map(derive_mentions).collect();
        for (input, mut mentions) in inputs.into_iter().zip(derived) {
            if let Some(&old_seq) = self.seq_of_report.get(input.report.id.as_str()) {
                dirty.extend(self.detach(old_seq));
            }
            if self.reports.contains_key(&input.seq) {
                dirty.extend(self.detach(input.seq));
            }
            let seq = input.seq;
            for mention in &mentions {
                let key = mention.block_key();
                self.blocks
                    .entry(key.clone())
                    .or_default()
                    .members
                    .insert(mention.key);
                dirty.insert(key);
            }
            for mention in &mut mentions {
                mention.place = self.shared_place(&mention.place);
                mention.share_strings(&mut self.strings);
            }
            let id: Arc<str> = mentions
                .first()
                .map(|mention| mention.report_id.clone())
                .unwrap_or_else(|| Arc::from(input.report.id.as_str()));
            let coded = mentions
                .first()
                .and_then(|mention| mention.coded.as_deref().cloned())
                .map(Box::new);
            let ReportInput { extraction, .. } = input;
            let figures = StoredFigure::store_all(&extraction.figures, &mut self.strings);
            self.seq_of_report.insert(id.clone(), seq);
            self.mentions.insert(seq, mentions);
            self.reports.insert(
                seq,
                StoredReport {
                    id,
                    figures,
                    organizers: StoredOrganizer::store_all(&extraction.organizers),
                    coded,
                },
            );
        }
    }

    /// The state's one copy of a place (places are few, mentions many).
    fn shared_place(&mut self, place: &Arc<PlaceRef>) -> Arc<PlaceRef> {
        let same_id = self.places.entry(place.geonames_id).or_default();
        if let Some(shared) = same_id.iter().find(|shared| ***shared == **place) {
            return shared.clone();
        }
        same_id.push(place.clone());
        place.clone()
    }

    /// Removes a report (retracted, or superseded by a correction).
    pub fn remove_report(&mut self, report_id: &str) {
        self.stage_removal(report_id);
        self.settle();
    }

    /// Takes a report's mentions out of their blocks; returns the blocks.
    fn detach(&mut self, seq: u64) -> BTreeSet<BlockKey> {
        let mut dirty = BTreeSet::new();
        self.detached.insert(seq);
        if let Some(mentions) = self.mentions.remove(&seq) {
            for mention in mentions {
                let key = mention.block_key();
                if let Some(block) = self.blocks.get_mut(&key) {
                    block.members.remove(&mention.key);
                }
                self.previous_parent.remove(&mention.key);
                dirty.insert(key);
            }
        }
        if let Some(stored) = self.reports.remove(&seq) {
            self.seq_of_report.remove(&*stored.id);
        }
        dirty
    }

    /// The match model in force.
    pub fn model(&self) -> &Arc<MatchModel> {
        &self.model
    }

    /// Puts another match model in force: every block is scored again at
    /// the next settle (a model changes every pair's weight).
    pub fn stage_model(&mut self, model: Arc<MatchModel>) {
        if *model == *self.model {
            return;
        }
        self.model = model;
        let every_block: Vec<BlockKey> = self.blocks.keys().cloned().collect();
        self.unsettled.extend(every_block);
    }

    pub fn set_decisions(&mut self, decisions: Decisions) {
        if decisions.links == self.decisions.links && decisions.splits == self.decisions.splits {
            return;
        }
        let mut named: BTreeSet<String> = BTreeSet::new();
        for d in [&self.decisions, &decisions] {
            for (_, a, b, _) in &d.links {
                named.insert(a.clone());
                named.insert(b.clone());
            }
            for (_, _, report, _) in &d.splits {
                named.insert(report.clone());
            }
        }
        self.decisions = decisions;
        let mut dirty = BTreeSet::new();
        for report in named {
            if let Some(mentions) = self
                .seq_of_report
                .get(report.as_str())
                .and_then(|seq| self.mentions.get(seq))
            {
                dirty.extend(mentions.iter().map(|m| m.block_key()));
            }
        }
        self.recompute(dirty);
    }

    fn mention(&self, key: MentionKey) -> Option<&MentionFeatures> {
        self.mentions
            .get(&key.seq)
            .and_then(|m| m.get(key.index as usize))
    }

    fn main_mention(&self, report_id: &str) -> Option<&MentionFeatures> {
        let seq = self.seq_of_report.get(report_id)?;
        self.mentions.get(seq)?.iter().find(|m| m.is_main)
    }

    /// Links and splits that apply inside each block.
    fn block_decisions(
        &self,
    ) -> (
        HashMap<BlockKey, Vec<BlockLink>>,
        HashMap<BlockKey, Vec<BlockSplit>>,
    ) {
        let mut links: HashMap<BlockKey, Vec<BlockLink>> = HashMap::new();
        for (seq, a, b, _) in &self.decisions.links {
            let (Some(main_a), Some(main_b)) = (self.main_mention(a), self.main_mention(b)) else {
                continue;
            };
            if score::hard_constraint(main_a, main_b).is_some() {
                continue;
            }
            links
                .entry(main_a.block_key())
                .or_default()
                .push(BlockLink {
                    seq: *seq,
                    a: main_a.key,
                    b: main_b.key,
                });
        }
        let mut splits: HashMap<BlockKey, Vec<BlockSplit>> = HashMap::new();
        for (seq, incident_id, report, _) in &self.decisions.splits {
            let Some(&report_seq) = self.seq_of_report.get(report.as_str()) else {
                continue;
            };
            let blocks: BTreeSet<BlockKey> = self
                .mentions
                .get(&report_seq)
                .map(|ms| ms.iter().map(|m| m.block_key()).collect())
                .unwrap_or_default();
            for block in blocks {
                splits.entry(block).or_default().push(BlockSplit {
                    seq: *seq,
                    incident_id: incident_id.clone(),
                    report_seq,
                });
            }
        }
        (links, splits)
    }

    /// Links that contradict a hard constraint are refused (never merged)
    /// and listed here, so that a front end can tell the analyst.
    pub fn refused_decisions(&self) -> Vec<RefusedDecision> {
        let mut refused = Vec::new();
        for (seq, a, b, _) in &self.decisions.links {
            if let (Some(main_a), Some(main_b)) = (self.main_mention(a), self.main_mention(b))
                && let Some(why) = score::hard_constraint(main_a, main_b)
            {
                refused.push(RefusedDecision {
                    seq: *seq,
                    why: format!("link {a} + {b} refused: {why}"),
                });
            }
        }
        refused
    }

    fn recompute(&mut self, mut dirty: BTreeSet<BlockKey>) {
        dirty.append(&mut self.unsettled);
        if dirty.is_empty() {
            self.forget_detached();
            return;
        }
        let (links, splits) = self.block_decisions();
        let no_links: Vec<BlockLink> = Vec::new();
        let no_splits: Vec<BlockSplit> = Vec::new();
        let dirty: Vec<BlockKey> = dirty.into_iter().collect();
        let mut dirty_days: BTreeSet<(String, NaiveDate)> = BTreeSet::new();
        // Blocks are independent, so they are clustered a chunk at a time
        // and each chunk's incidents moved into place before the next: a
        // first replay of a million reports would otherwise hold every
        // incident twice at once (the results, then the state).
        let model = &*self.model.clone();
        let chunk_size = if self.sheds_evidence_once_clustered {
            SHEDDING_RECOMPUTE_CHUNK
        } else {
            RECOMPUTE_CHUNK
        };
        for chunk in dirty.chunks(chunk_size) {
            let reports = &self.reports;
            let lookup = |seq: u64| reports.get(&seq);
            let results: Vec<(BlockKey, Vec<BuiltIncident>)> = chunk
                .par_iter()
                .map(|key| {
                    let members: Vec<&MentionFeatures> = self
                        .blocks
                        .get(key)
                        .map(|block| {
                            block
                                .members
                                .iter()
                                .filter_map(|&k| self.mention(k))
                                .collect()
                        })
                        .unwrap_or_default();
                    let clusters = build::cluster_block(
                        &members,
                        &lookup,
                        links.get(key).unwrap_or(&no_links),
                        splits.get(key).unwrap_or(&no_splits),
                        model,
                    );
                    let mut built: Vec<BuiltIncident> = clusters
                        .into_iter()
                        .filter_map(|(cluster, decisions)| {
                            let cluster_members: Vec<&MentionFeatures> =
                                cluster.iter().map(|&i| members[i]).collect();
                            build::build_incident(&cluster_members, decisions, &lookup)
                        })
                        .collect();
                    // `collect` through a filter starts at four slots: most
                    // blocks hold one incident, and a million blocks would
                    // otherwise carry three empty 200-byte slots each.
                    built.shrink_to_fit();
                    disambiguate_ids(&mut built);
                    (key.clone(), built)
                })
                .collect();

            for (key, built) in results {
                let old_incidents = self
                    .blocks
                    .get_mut(&key)
                    .map(|block| std::mem::take(&mut block.incidents))
                    .unwrap_or_default();
                for incident in old_incidents.iter().chain(&built) {
                    if let Some(day) = incident.day() {
                        dirty_days.insert((incident.country_code().to_string(), day));
                    }
                }
                track_incident_replaces(&old_incidents, &built, &self.detached, &mut self.replaced);
                let block = self.blocks.entry(key.clone()).or_default();
                block.incidents = built;
                if block.members.is_empty() {
                    self.blocks.remove(&key);
                } else if self.sheds_evidence_once_clustered {
                    for member in &block.members {
                        if let Some(mention) = self
                            .mentions
                            .get_mut(&member.seq)
                            .and_then(|mentions| mentions.get_mut(member.index as usize))
                        {
                            mention.shed_scoring_evidence();
                        }
                    }
                }
            }
        }
        let dirty_days: Vec<(String, NaiveDate)> = dirty_days.into_iter().collect();
        let day_results: Vec<((String, NaiveDate), DayOfAction)> = dirty_days
            .par_iter()
            .map(|(country, day)| {
                let items = self.incidents_of_day(country, *day);
                let result = build::build_days_of_action(&items, &|seq| self.reports.get(&seq));
                ((country.clone(), *day), result)
            })
            .collect();
        for (key, result) in day_results {
            for parent in &result.parents {
                self.track_parent_replaces(parent);
            }
            if result.parents.is_empty() {
                self.days_of_action.remove(&key);
            } else {
                self.days_of_action.insert(key, result);
            }
        }
        self.forget_detached();
    }

    /// Ends a recompute: the reports taken out are gone, and so are the
    /// pooled headlines only they held.
    fn forget_detached(&mut self) {
        if !self.detached.is_empty() {
            self.strings.forget_unused_headlines();
            self.detached.clear();
        }
    }

    /// A country's block incidents of one day: what its days of action are
    /// built from.
    fn incidents_of_day(&self, country: &str, day: NaiveDate) -> Vec<&BuiltIncident> {
        // Reports with no publication date are blocked together whatever
        // day they state (`MentionFeatures::block_key`).
        let undated = BlockKey {
            period: mention::Period::Undated,
        };
        [day_block(day), undated]
            .iter()
            .filter_map(|key| self.blocks.get(key))
            .flat_map(|block| block.incidents.iter())
            .filter(|incident| incident.country_code() == country)
            .filter(|incident| incident.day() == Some(day))
            .collect()
    }

    /// Records in `replaced` the parent ids this parent's mentions belonged
    /// to before that differ from its id now (accumulated over the parent's
    /// life); the parent's `replaces` is read from there.
    fn track_parent_replaces(&mut self, built: &BuiltIncident) {
        let id = built.id.clone();
        let shared_id: Arc<str> = Arc::from(id.as_str());
        let previous = &mut self.previous_parent;
        let mut replaced: BTreeSet<String> = self.replaced.get(&id).cloned().unwrap_or_default();
        for key in &built.members {
            if let Some(old) = previous.insert(*key, shared_id.clone())
                && *old != *id
            {
                replaced.insert(old.to_string());
            }
        }
        if !replaced.is_empty() {
            self.replaced.insert(id, replaced);
        }
    }

    /// All incidents (parents and their children), sorted by id.
    pub fn incidents(&self) -> Vec<Incident> {
        let mut out: Vec<Incident> = Vec::new();
        self.visit_incidents(|incident| out.push(incident));
        out.sort_by(|a, b| a.id.cmp(&b.id));
        out
    }

    /// Hands every incident (parents first, then block by block) to
    /// `visit`, one at a time and in no particular order: a reader that
    /// streams them out (a count) never holds all of them, and their
    /// figures (the claims copy quotes and sentences) are rebuilt per
    /// incident.
    pub fn visit_incidents(&self, mut visit: impl FnMut(Incident)) {
        let catalog = self.catalog();
        for entry in catalog.entries() {
            if let Some(incident) = catalog.incident(&entry.slot) {
                visit(incident);
            }
        }
    }

    /// An index of every incident shown (ids, dates and where each lives)
    /// from which incidents are read one at a time in any order: an export
    /// sorts the small entries and builds each incident, figures and all,
    /// only when it writes it.
    pub fn catalog(&self) -> IncidentCatalog<'_> {
        let mut parent_of: HashMap<&str, &str> = HashMap::new();
        let mut absorbed: BTreeSet<&str> = BTreeSet::new();
        for day in self.days_of_action.values() {
            for parent in &day.parents {
                for child in &parent.children {
                    parent_of.insert(child.as_str(), parent.id.as_str());
                }
            }
            absorbed.extend(day.absorbed.iter().map(String::as_str));
        }
        IncidentCatalog {
            state: self,
            parent_of,
            absorbed,
        }
    }

    /// For each report (by seq), the id of the incident shown that holds
    /// its main mention: the block's incident, or the day's parent when
    /// the parent absorbed it. Where clustering put the report's lead, which
    /// the names of its main place and date alone cannot tell (a report
    /// that names only the country joins one of its cities; two incidents
    /// of one place and day).
    pub fn main_mention_incidents(&self) -> HashMap<u64, &str> {
        let catalog = self.catalog();
        let mut out: HashMap<u64, &str> = HashMap::new();
        for block in self.blocks.values() {
            for built in &block.incidents {
                let shown = if catalog.absorbed.contains(built.id.as_str()) {
                    match catalog.parent_of.get(built.id.as_str()) {
                        Some(parent) => *parent,
                        None => continue,
                    }
                } else {
                    built.id.as_str()
                };
                for &key in &built.members {
                    if self.mention(key).is_some_and(|mention| mention.is_main) {
                        out.insert(key.seq, shown);
                    }
                }
            }
        }
        out
    }

    /// How many reports the state holds.
    pub fn report_count(&self) -> usize {
        self.reports.len()
    }

    /// How many mentions the state holds.
    pub fn mention_count(&self) -> usize {
        self.mentions.values().map(Vec::len).sum()
    }
}

/// Where one incident lives in a `ClusterState`: borrowed, so that a
/// catalog of a million incidents copies no keys.
#[derive(Debug, Clone, Copy)]
pub enum IncidentSlot<'a> {
    /// A day of action's parent, with its (country code, day).
    Parent(&'a (String, NaiveDate), &'a BuiltIncident),
    /// A block's incident.
    Block(&'a BuiltIncident),
}

/// One incident of a catalog, without its figures.
#[derive(Debug, Clone)]
pub struct CatalogEntry<'a> {
    pub id: &'a str,
    /// The block the incident comes from (a parent's: its day's block).
    pub block: BlockKey,
    /// As `Incident::date` writes it.
    pub date: String,
    pub slot: IncidentSlot<'a>,
}

/// See `ClusterState::catalog`.
pub struct IncidentCatalog<'a> {
    state: &'a ClusterState,
    parent_of: HashMap<&'a str, &'a str>,
    absorbed: BTreeSet<&'a str>,
}

impl<'a> IncidentCatalog<'a> {
    /// Every incident shown: parents first, then block by block (children
    /// a parent absorbed are not shown on their own).
    pub fn entries(&self) -> Vec<CatalogEntry<'a>> {
        let state = self.state;
        let mut entries = Vec::new();
        for (day, result) in &state.days_of_action {
            for parent in &result.parents {
                entries.push(CatalogEntry {
                    id: &parent.id,
                    block: day_block(day.1),
                    date: parent.date_label(),
                    slot: IncidentSlot::Parent(day, parent),
                });
            }
        }
        for (key, block) in &state.blocks {
            for built in &block.incidents {
                if self.absorbed.contains(built.id.as_str()) {
                    continue;
                }
                entries.push(CatalogEntry {
                    id: &built.id,
                    block: key.clone(),
                    date: built.date_label(),
                    slot: IncidentSlot::Block(built),
                });
            }
        }
        entries
    }

    /// The incident at `slot`, with its parent link, replaces and
    /// figures.
    pub fn incident(&self, slot: &IncidentSlot<'_>) -> Option<Incident> {
        let state = self.state;
        let lookup = |seq: u64| state.reports.get(&seq);
        let member_lookup = |key: MentionKey| state.mention(key);
        let policy = state.config.policy();
        let (built, figures) = match slot {
            IncidentSlot::Parent((country, day), parent) => {
                let items = state.incidents_of_day(country, *day);
                let figures =
                    build::parent_figures(parent, &items, &member_lookup, &lookup, policy)
                        .unwrap_or_default();
                (*parent, figures)
            }
            IncidentSlot::Block(built) => {
                let members: Vec<&MentionFeatures> = built
                    .members
                    .iter()
                    .filter_map(|&k| member_lookup(k))
                    .collect();
                (*built, build::figures_of(&members, &lookup, policy))
            }
        };
        let mut incident = built.record(&lookup);
        incident.figures = figures;
        incident.parent = self
            .parent_of
            .get(incident.id.as_str())
            .map(|parent| parent.to_string());
        if let Some(replaced) = state.replaced.get(&incident.id) {
            incident.replaces = replaced.iter().cloned().collect();
        }
        Some(incident)
    }
}

/// The block that holds every country's incidents of `day`: an incident
/// has a day only through a day-precision member, and such a member is
/// blocked under its month.
fn day_block(day: NaiveDate) -> BlockKey {
    BlockKey {
        period: mention::Period::Month(day.year(), day.month()),
    }
}

/// Records in `replaced` the ids of a block's old incidents that each new
/// incident's mentions belonged to, where they differ from its id now
/// (accumulated over the incident's life). Mentions of reports taken out
/// since (`detached`) do not count: their report left.
fn track_incident_replaces(
    old_incidents: &[BuiltIncident],
    new_incidents: &[BuiltIncident],
    detached: &HashSet<u64>,
    replaced: &mut HashMap<String, BTreeSet<String>>,
) {
    let mut old_id_of: HashMap<MentionKey, &str> = HashMap::new();
    for incident in old_incidents {
        for key in incident
            .members
            .iter()
            .filter(|k| !detached.contains(&k.seq))
        {
            old_id_of.insert(*key, &incident.id);
        }
    }
    if old_id_of.is_empty() {
        return;
    }
    for incident in new_incidents {
        let mut ids: BTreeSet<String> = replaced.get(&incident.id).cloned().unwrap_or_default();
        for key in &incident.members {
            if let Some(old) = old_id_of.get(key)
                && *old != incident.id
            {
                ids.insert(old.to_string());
            }
        }
        if !ids.is_empty() {
            replaced.insert(incident.id.clone(), ids);
        }
    }
}

/// Two clusters of one block can share date, place and earliest report
/// (a report's own background and news mentions of one place-day); the
/// later one gets a numeric suffix, in the block's deterministic order.
fn disambiguate_ids(built: &mut [BuiltIncident]) {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for incident in built.iter_mut() {
        let count = seen.entry(incident.id.clone()).or_insert(0);
        *count += 1;
        if *count > 1 {
            incident.id = format!("{}-{}", incident.id, count);
        }
    }
}

/// One comparison of a pair as `concord explain` shows it: a step of the
/// waterfall from the prior to the match weight.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ExplainedComparison {
    pub comparison: String,
    pub level: String,
    /// The level's log2(m/u) plus the term-frequency adjustment.
    pub weight: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub m: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub u: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub term_frequency_adjustment: Option<f64>,
    pub detail: String,
}

/// A pair's score, comparison by comparison, for `concord explain`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PairExplanation {
    /// The model the pair was weighed under ("built-in", "trained at
    /// event 812").
    pub model: String,
    /// log2 of the prior odds that a candidate pair is one incident.
    pub prior: f64,
    pub features: Vec<ExplainedComparison>,
    /// The sum of the comparisons' weights.
    pub total: f64,
    /// One incident when `total` is above this (the negated prior).
    pub threshold: f64,
    /// prior + total.
    pub match_weight: f64,
    /// 2^w / (1 + 2^w) of the match weight.
    pub probability: f64,
    pub same_incident: bool,
    /// Whether clustering compares the two at all: the same block (period)
    /// and a candidate key in common (`build::candidate_pairs`). A pair no
    /// key finds is never scored, whatever its total would be.
    pub candidate: bool,
    /// Set when a hard constraint keeps the pair apart whatever the score.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hard_constraint: Option<String>,
}

/// Explains the score between two reports' main mentions (their main
/// place-day) under `model`. The scores are the ones clustering uses;
/// whether the two end up together also depends on the rest of their
/// block.
pub fn explain_pair(a: &ReportInput, b: &ReportInput, model: &MatchModel) -> PairExplanation {
    explain_mentions(
        (&derive_mentions(a), &a.extraction.figures),
        (&derive_mentions(b), &b.extraction.figures),
        model,
    )
}

/// `explain_pair` of two reports' cached extractions and digests (what a
/// current read model's `explain` has, without the reports' texts).
pub fn explain_digests(
    a: (u64, &mention::ReportDigest, &Extraction),
    b: (u64, &mention::ReportDigest, &Extraction),
    model: &MatchModel,
) -> PairExplanation {
    explain_mentions(
        (&mention::derive_mentions_from(a.0, a.1, a.2), &a.2.figures),
        (&mention::derive_mentions_from(b.0, b.1, b.2), &b.2.figures),
        model,
    )
}

fn explain_mentions(
    (mentions_a, figures_a): (&[MentionFeatures], &[crate::extract::model::Figure]),
    (mentions_b, figures_b): (&[MentionFeatures], &[crate::extract::model::Figure]),
    model: &MatchModel,
) -> PairExplanation {
    let main_a = mentions_a.iter().find(|m| m.is_main).or(mentions_a.first());
    let main_b = mentions_b.iter().find(|m| m.is_main).or(mentions_b.first());
    let (Some(main_a), Some(main_b)) = (main_a, main_b) else {
        return PairExplanation {
            model: model.name.clone(),
            prior: model.prior(),
            features: Vec::new(),
            total: 0.0,
            threshold: model.threshold,
            match_weight: model.prior(),
            probability: MatchModel::probability(model.prior()),
            same_incident: false,
            candidate: false,
            hard_constraint: Some("a report has no place-day to compare".to_string()),
        };
    };
    let features: Vec<ExplainedComparison> =
        score::score_features(main_a, main_b, figures_a, figures_b, model)
            .into_iter()
            .map(|f| ExplainedComparison {
                comparison: f.comparison.to_string(),
                level: f.name.to_string(),
                weight: f.value,
                m: f.m,
                u: f.u,
                term_frequency_adjustment: f.term_frequency_adjustment,
                detail: f.detail,
            })
            .collect();
    let total: f64 = features.iter().map(|f| f.weight).sum();
    let hard = score::hard_constraint(main_a, main_b);
    let candidate = main_a.block_key() == main_b.block_key()
        && !build::candidate_pairs(&[main_a, main_b]).is_empty();
    let match_weight = model.prior() + total;
    PairExplanation {
        model: model.name.clone(),
        prior: model.prior(),
        same_incident: candidate && hard.is_none() && total > model.threshold,
        candidate,
        features,
        total,
        threshold: model.threshold,
        match_weight,
        probability: MatchModel::probability(match_weight),
        hard_constraint: hard,
    }
}

/// One scored candidate pair of report main mentions, for estimating and
/// inspecting the model (`examples/pair_features.rs`): the two report ids,
/// the hard constraint if any, and each feature's name and contribution.
#[derive(Debug, Clone, serde::Serialize)]
pub struct CandidatePairFeatures {
    pub a: String,
    pub b: String,
    pub hard_constraint: Option<String>,
    pub features: Vec<(&'static str, f64)>,
}

/// Every candidate pair that clustering would score between the reports'
/// main mentions, block by block, with its features. A diagnostic: the
/// clustering itself never builds these records.
pub fn candidate_pair_features(
    inputs: &[ReportInput],
    model: &MatchModel,
) -> Vec<CandidatePairFeatures> {
    let mut mains: Vec<MentionFeatures> = inputs
        .iter()
        .filter_map(|input| derive_mentions(input).into_iter().find(|m| m.is_main))
        .collect();
    mains.sort_by_key(|m| m.key);
    let figures_of: HashMap<u64, &[crate::extract::model::Figure]> = inputs
        .iter()
        .map(|input| (input.seq, input.extraction.figures.as_slice()))
        .collect();
    let mut by_block: BTreeMap<BlockKey, Vec<&MentionFeatures>> = BTreeMap::new();
    for mention in &mains {
        by_block
            .entry(mention.block_key())
            .or_default()
            .push(mention);
    }
    let mut out = Vec::new();
    for members in by_block.values() {
        for (a, b) in build::candidate_pairs(members) {
            let (ma, mb) = (members[a], members[b]);
            let hard = score::hard_constraint(ma, mb);
            // Features even for a vetoed pair: what a veto overrules is
            // what an estimate of the veto's own weight needs.
            let features = score::score_features(
                ma,
                mb,
                figures_of[&ma.key.seq],
                figures_of[&mb.key.seq],
                model,
            )
            .into_iter()
            .map(|f| (f.name, f.value))
            .collect();
            out.push(CandidatePairFeatures {
                a: ma.report_id.to_string(),
                b: mb.report_id.to_string(),
                hard_constraint: hard,
                features,
            });
        }
    }
    out
}

/// How many candidate pairs each key finds over a corpus, block by block
/// over every mention (as clustering sees them): each key's distinct
/// pairs, the pairs only that key finds, and their union.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct CandidateKeyCounts {
    pub reports: usize,
    pub mentions: usize,
    pub blocks: usize,
    pub same_place_close_days: usize,
    pub city_unknown_with_its_country: usize,
    pub nearby_place_close_days: usize,
    pub shared_rare_term: usize,
    pub only_same_place_close_days: usize,
    pub only_city_unknown_with_its_country: usize,
    pub only_nearby_place_close_days: usize,
    pub only_shared_rare_term: usize,
    pub union: usize,
}

/// Counts the candidate pairs of each key (`build::visit_candidate_pairs`)
/// in the blocks the inputs' mentions fall in. A diagnostic for
/// docs/clustering.md; clustering itself never counts them.
pub fn candidate_key_counts(inputs: &[ReportInput]) -> CandidateKeyCounts {
    let mentions: Vec<MentionFeatures> = inputs.par_iter().flat_map(derive_mentions).collect();
    let mut by_block: BTreeMap<BlockKey, Vec<&MentionFeatures>> = BTreeMap::new();
    for mention in &mentions {
        by_block
            .entry(mention.block_key())
            .or_default()
            .push(mention);
    }
    const KEYS: usize = 4;
    let per_block: Vec<[usize; 2 * KEYS + 1]> = by_block
        .par_iter()
        .map(|(_, members)| {
            let mut keys_of: HashMap<(usize, usize), u8> = HashMap::new();
            build::visit_candidate_pairs(members, |key, a, b| {
                let bit = match key {
                    build::CandidateKey::SamePlaceCloseDays => 1,
                    build::CandidateKey::CityUnknownWithItsCountry => 2,
                    build::CandidateKey::NearbyPlaceCloseDays => 4,
                    build::CandidateKey::SharedRareTerm => 8,
                };
                *keys_of.entry((a, b)).or_default() |= bit;
            });
            let mut counts = [0usize; 2 * KEYS + 1];
            for bits in keys_of.values() {
                for (i, bit) in [1u8, 2, 4, 8].into_iter().enumerate() {
                    if bits & bit != 0 {
                        counts[i] += 1;
                        if *bits == bit {
                            counts[KEYS + i] += 1;
                        }
                    }
                }
                counts[2 * KEYS] += 1;
            }
            counts
        })
        .collect();
    let total = |i: usize| per_block.iter().map(|c| c[i]).sum();
    CandidateKeyCounts {
        reports: inputs.len(),
        mentions: mentions.len(),
        blocks: by_block.len(),
        same_place_close_days: total(0),
        city_unknown_with_its_country: total(1),
        nearby_place_close_days: total(2),
        shared_rare_term: total(3),
        only_same_place_close_days: total(4),
        only_city_unknown_with_its_country: total(5),
        only_nearby_place_close_days: total(6),
        only_shared_rare_term: total(7),
        union: total(8),
    }
}
