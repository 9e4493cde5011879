//! Clustering and reconciliation: report extractions in, incidents out.
//!
//! STUB (naive: one incident per known (day, place) of each main mention)
//! so that projections and views can be written against the interface. The
//! real clustering replaces the insides; the public API below is the
//! contract with `project`.

use std::collections::BTreeMap;

use crate::extract::model::Extraction;
use crate::incident::Incident;
use crate::report::Report;

/// One live report as clustering sees it.
#[derive(Debug, Clone)]
pub struct ReportInput {
    /// The log seq of the event that stored the report: orders reports and
    /// makes ids stable (an incident's id derives from its earliest report).
    pub seq: u64,
    pub report: Report,
    pub extraction: Extraction,
}

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

/// The clustering state: reports in, incidents out. `add`/`remove` touch
/// only the blocks the report falls in; `incidents` equals a full rebuild.
#[derive(Debug, Default)]
pub struct ClusterState {
    config: ClusterConfig,
    reports: BTreeMap<u64, ReportInput>,
    decisions: Decisions,
}

impl ClusterState {
    pub fn new(config: ClusterConfig) -> ClusterState {
        ClusterState {
            config,
            reports: BTreeMap::new(),
            decisions: Decisions::default(),
        }
    }

    pub fn add_report(&mut self, input: ReportInput) {
        self.reports.insert(input.seq, input);
    }

    /// Removes a report (retracted, or superseded by a correction).
    pub fn remove_report(&mut self, report_id: &str) {
        self.reports.retain(|_, r| r.report.id != report_id);
    }

    pub fn set_decisions(&mut self, decisions: Decisions) {
        self.decisions = decisions;
    }

    /// All incidents (parents and their children), sorted by id.
    pub fn incidents(&self) -> Vec<Incident> {
        let _ = (&self.config, &self.decisions);
        Vec::new()
    }
}

/// A pair's score, feature by feature, for `concord explain`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PairExplanation {
    pub features: Vec<(String, f64, String)>,
    pub total: f64,
    pub threshold: f64,
    pub same_incident: bool,
}

pub fn explain_pair(a: &ReportInput, b: &ReportInput, config: &ClusterConfig) -> PairExplanation {
    let _ = (a, b, config);
    PairExplanation {
        features: Vec::new(),
        total: 0.0,
        threshold: 0.0,
        same_incident: false,
    }
}
