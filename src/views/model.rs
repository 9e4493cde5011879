//! `concord model` prints the match model in force; `concord train`
//! estimates one from the store's reports and appends it to the log.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::cluster::estimate::{EstimateError, EstimateOptions, estimate_model};
use crate::cluster::{ClusterConfig, ClusterState, MatchModel};
use crate::log::{EventLog, EventPayload, ProjectionStore};
use crate::project::{AsOf, Projection, model_at};

use super::{ViewError, settings_for, write_columns};

#[derive(Debug, Clone, Default)]
pub struct ModelOptions {
    pub as_of: AsOf,
    pub json: bool,
}

/// The model and where it came from, as `model --json` writes it.
#[derive(Debug, Clone, Serialize)]
pub struct ModelInForce {
    /// The event that put it in force (none for the built-in model).
    pub event: Option<u64>,
    /// The log position asked about.
    pub position: u64,
    pub model: MatchModel,
}

/// The log position an as-of names, found without a replay (the log is in
/// recording order, so a time cutoff is a prefix: binary search).
pub fn position_of<L>(log: &L, as_of: &AsOf) -> Result<u64, ViewError>
where
    L: EventLog + ?Sized,
{
    let head = log.len();
    match as_of {
        AsOf::Head => Ok(head),
        AsOf::Seq(seq) if *seq > head => Err(ViewError::Project(
            crate::project::ProjectError::AsOfBeyondHead {
                requested: *seq,
                head,
            },
        )),
        AsOf::Seq(seq) => Ok(*seq),
        AsOf::Date(_) | AsOf::Instant(_) => {
            let cutoff = as_of.cutoff().unwrap_or_else(Utc::now);
            // The last seq recorded at or before the cutoff.
            let (mut low, mut high) = (0u64, head);
            while low < high {
                let middle = low + (high - low).div_ceil(2);
                let recorded = log.get(middle)?.map(|event| event.recorded_at);
                if recorded.is_some_and(|at| at <= cutoff) {
                    low = middle;
                } else {
                    high = middle - 1;
                }
            }
            Ok(low)
        }
    }
}

pub fn model_command<L>(
    log: &L,
    options: &ModelOptions,
    out: &mut dyn Write,
) -> Result<(), ViewError>
where
    L: EventLog + ?Sized,
{
    let position = position_of(log, &options.as_of)?;
    let (event, model) = model_at(log, position)?;
    let in_force = ModelInForce {
        event,
        position,
        model,
    };
    if options.json {
        serde_json::to_writer(&mut *out, &in_force)?;
        out.write_all(b"\n")?;
        return Ok(());
    }
    render_model(&in_force, out)
}

pub fn render_model(in_force: &ModelInForce, out: &mut dyn Write) -> Result<(), ViewError> {
    let model = &in_force.model;
    view_line!(
        out,
        "model: {} (at event {})",
        model.name,
        in_force.position
    )?;
    let training = &model.training;
    if training.method == "built-in" {
        view_line!(
            out,
            "estimated in development from the real-news answer keys (docs/clustering.md); no model event in the log"
        )?;
    } else {
        view_line!(
            out,
            "method {}{}: {} reports, {} candidate pairs, {} random pairs, {} {} iterations ({})",
            training.method,
            training
                .labels
                .as_deref()
                .map(|labels| format!(" ({labels})"))
                .unwrap_or_default(),
            training.reports,
            training.candidate_pairs,
            training.random_pairs,
            training.iterations,
            if training.method == "labels" {
                "regression"
            } else {
                "EM"
            },
            if training.converged {
                "converged"
            } else {
                "stopped at the cap"
            }
        )?;
        view_line!(
            out,
            "share of candidate pairs that are one incident: {:.4}",
            training.match_share
        )?;
    }
    view_line!(
        out,
        "prior {:+.3} (one incident when the levels sum above {:.3})",
        model.prior(),
        model.threshold
    )?;
    let shown = |p: Option<f64>| p.map_or_else(|| "-".to_string(), |p| format!("{p:.4}"));
    let mut rows = vec![vec![
        "COMPARISON".to_string(),
        "LEVEL".to_string(),
        "M".to_string(),
        "U".to_string(),
        "WEIGHT".to_string(),
        "SOURCE".to_string(),
        "MEANING".to_string(),
    ]];
    for level in &model.levels {
        rows.push(vec![
            level.comparison.clone(),
            level.level.clone(),
            shown(level.m),
            shown(level.u),
            if level.graded {
                format!("{:+.3}×s", level.weight)
            } else {
                format!("{:+.3}", level.weight)
            },
            if level.fixed {
                "fixed".to_string()
            } else if level.m.is_some() {
                "estimated".to_string()
            } else {
                "built-in".to_string()
            },
            level.meaning.clone(),
        ]);
    }
    write_columns(out, &rows)?;
    if let Some(frequencies) = &model.place_frequencies {
        view_line!(
            out,
            "term frequencies: {} places; place_same_city is adjusted by log2({:.4} / share), share at least {:.4}",
            frequencies.places.len(),
            frequencies.level_u,
            frequencies.floor
        )?;
        let mut commonest: Vec<_> = frequencies.places.iter().collect();
        commonest.sort_by(|a, b| {
            b.share
                .total_cmp(&a.share)
                .then(a.geonames_id.cmp(&b.geonames_id))
        });
        for place in commonest.into_iter().take(5) {
            let name = place
                .name
                .clone()
                .unwrap_or_else(|| format!("geonames {}", place.geonames_id));
            view_line!(
                out,
                "  {name}: share {:.4}, adjustment {:+.3}",
                place.share,
                frequencies.adjustment(place.geonames_id)
            )?;
        }
    }
    Ok(())
}

#[derive(Debug, Clone, Default)]
pub struct TrainOptions {
    pub cluster: ClusterConfig,
    /// An answer key: m is counted on the pairs it labels one incident
    /// instead of estimated by EM.
    pub gold: Option<PathBuf>,
    /// Print the model without appending it.
    pub dry_run: bool,
    pub json: bool,
    pub reason: Option<String>,
    pub random_pairs: Option<usize>,
    pub seed: Option<u64>,
    /// Leave out the term-frequency adjustment of shared places.
    pub no_term_frequencies: bool,
    /// Store this model (a `model --json` or `train --json` output, or a
    /// bare model) instead of estimating one: a model estimated on another
    /// store, or last year's.
    pub model_file: Option<PathBuf>,
    /// Take u from random pairs of reports (Splink's default) instead of
    /// the candidate pairs.
    pub u_from_random_pairs: bool,
}

/// What `train` did.
#[derive(Debug, Clone, Serialize)]
pub struct Trained {
    /// The event that stored the model (none for a dry run).
    pub event: Option<u64>,
    pub model: MatchModel,
}

/// Estimates a model from the live reports at head and, unless a dry run,
/// appends it as a `MatchModelEstimated` event.
pub fn train_command<L>(
    log: &mut L,
    options: &TrainOptions,
    recorded_at: DateTime<Utc>,
    out: &mut dyn Write,
) -> Result<Trained, ViewError>
where
    L: EventLog + ProjectionStore + ?Sized,
{
    let model = match &options.model_file {
        Some(path) => read_model(path)?,
        None => estimate_for(log, options)?,
    };
    let event = if options.dry_run {
        None
    } else {
        let reason = options
            .reason
            .clone()
            .unwrap_or_else(|| match &options.model_file {
                Some(path) => format!("stored from {}", path.display()),
                None => format!(
                    "estimated by {} on {} reports",
                    model.training.method, model.training.reports
                ),
            });
        let outcomes = log.append(
            vec![EventPayload::MatchModelEstimated {
                model: Box::new(model.clone()),
                reason,
            }],
            recorded_at,
        )?;
        outcomes.first().and_then(|outcome| match outcome {
            crate::log::AppendOutcome::Stored { seq, .. } => Some(*seq),
            _ => None,
        })
    };
    let trained = Trained { event, model };
    if options.json {
        serde_json::to_writer(&mut *out, &trained)?;
        out.write_all(b"\n")?;
    } else {
        match trained.event {
            Some(seq) => view_line!(out, "stored the estimated model as event {seq}")?,
            None => view_line!(out, "dry run: the model below was not stored")?,
        }
        let shown = match trained.event {
            Some(seq) => crate::project::named_model(trained.model.clone(), seq),
            None => trained.model.clone(),
        };
        render_model(
            &ModelInForce {
                event: trained.event,
                position: log.len(),
                model: shown,
            },
            out,
        )?;
    }
    Ok(trained)
}

/// Reads a model written by `model --json`, `train --json`, or a bare
/// model, and checks that it can weigh pairs.
pub fn read_model(path: &Path) -> Result<MatchModel, ViewError> {
    let unreadable = |reason: String| ViewError::ModelFile {
        path: path.to_path_buf(),
        reason,
    };
    let text = std::fs::read_to_string(path).map_err(|error| unreadable(error.to_string()))?;
    let value: serde_json::Value =
        serde_json::from_str(&text).map_err(|error| unreadable(error.to_string()))?;
    let value = value.get("model").cloned().unwrap_or(value);
    let model: MatchModel =
        serde_json::from_value(value).map_err(|error| unreadable(error.to_string()))?;
    if model.levels.is_empty() {
        return Err(unreadable("it has no levels".to_string()));
    }
    let finite = model.threshold.is_finite()
        && model.levels.iter().all(|level| level.weight.is_finite())
        && model.place_frequencies.as_ref().is_none_or(|frequencies| {
            frequencies.floor > 0.0
                && frequencies.level_u > 0.0
                && frequencies.places.iter().all(|place| place.share > 0.0)
        });
    if !finite {
        return Err(unreadable(
            "a weight or threshold is not a finite number, or a term frequency is not positive"
                .to_string(),
        ));
    }
    Ok(model)
}

fn estimate_for<L>(log: &L, options: &TrainOptions) -> Result<MatchModel, ViewError>
where
    L: EventLog + ProjectionStore + ?Sized,
{
    let projection: Projection<ClusterState> =
        Projection::build(log, settings_for(&options.cluster), &AsOf::Head)?;
    let mut estimate = EstimateOptions::default();
    if let Some(random_pairs) = options.random_pairs {
        estimate.random_pairs = random_pairs;
    }
    if let Some(seed) = options.seed {
        estimate.seed = seed;
    }
    estimate.term_frequencies = !options.no_term_frequencies;
    if options.u_from_random_pairs {
        estimate.u_from = crate::cluster::estimate::UFrom::RandomPairs;
    }
    if let Some(path) = &options.gold {
        estimate.labels = Some(read_labels(path)?);
        estimate.labels_name = Some(path.display().to_string());
    }
    Ok(estimate_model(
        projection.cluster(),
        &MatchModel::built_in(),
        &estimate,
    )?)
}

/// Report id → incident id from an answer key: gold/1 (`incidents[].reports`)
/// or a plain `{"doc_incident": {report: incident}}` map.
pub fn read_labels(path: &Path) -> Result<HashMap<String, String>, ViewError> {
    let unreadable = |reason: String| ViewError::Labels {
        path: path.to_path_buf(),
        reason,
    };
    let text = std::fs::read_to_string(path).map_err(|error| unreadable(error.to_string()))?;
    let value: serde_json::Value =
        serde_json::from_str(&text).map_err(|error| unreadable(error.to_string()))?;
    let mut labels = HashMap::new();
    if let Some(map) = value.get("doc_incident").and_then(|v| v.as_object()) {
        for (report, incident) in map {
            let incident = match incident {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            labels.insert(report.clone(), incident);
        }
    } else if let Some(incidents) = value.get("incidents").and_then(|v| v.as_array()) {
        for incident in incidents {
            let Some(id) = incident.get("id").and_then(|v| v.as_str()) else {
                continue;
            };
            // A day of action's parent holds its children's reports through
            // them; a report is labelled with the incident that lists it.
            for report in incident
                .get("reports")
                .and_then(|v| v.as_array())
                .into_iter()
                .flatten()
                .filter_map(|v| v.as_str())
            {
                labels.insert(report.to_string(), id.to_string());
            }
        }
    } else {
        return Err(unreadable(
            "expected a gold/1 file (incidents with reports) or an object with doc_incident"
                .to_string(),
        ));
    }
    if labels.is_empty() {
        return Err(unreadable("it labels no report".to_string()));
    }
    Ok(labels)
}

impl From<EstimateError> for ViewError {
    fn from(error: EstimateError) -> ViewError {
        ViewError::Estimate(error)
    }
}
