//! The decision commands: the only views that write to the log. Each one
//! validates against the log at head, then appends exactly one event.

use chrono::{DateTime, Utc};

use crate::cluster::{ClusterConfig, ClusterState};
use crate::incident::Incident;
use crate::log::{AppendOutcome, EventLog, EventPayload, ProjectionStore, ReadModelStore};
use crate::project::{
    AsOf, Clusterer, Projection, ProjectionSettings, ReportStatus, report_status,
};

use super::{ViewError, find_incident, incident_not_found_in, settings_for};

fn require_reason(reason: &str) -> Result<String, ViewError> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(ViewError::EmptyReason);
    }
    Ok(reason.to_string())
}

fn require_live<L>(log: &L, id: &str, action: &'static str) -> Result<(), ViewError>
where
    L: EventLog + ReadModelStore + ?Sized,
{
    // The read model's entry when it reflects the head (a lookup), else a
    // scan of the log after the report.
    let status = match crate::read_model::open_current(log, &ProjectionSettings::default())? {
        Some(read_model) => read_model.report_entry(id)?.map(|entry| entry.status),
        None => report_status(log, id)?,
    };
    match status {
        None => Err(ViewError::ReportNotFound { id: id.to_string() }),
        Some(ReportStatus::Live) => Ok(()),
        Some(status) => Err(ViewError::ReportNotLive {
            report: id.to_string(),
            status: status.describe(),
            action,
        }),
    }
}

fn append_one<L>(
    log: &mut L,
    event: EventPayload,
    recorded_at: DateTime<Utc>,
) -> Result<u64, ViewError>
where
    L: EventLog + ?Sized,
{
    let outcomes = log.append(vec![event], recorded_at)?;
    match outcomes.first() {
        Some(AppendOutcome::Stored { seq, .. }) => Ok(*seq),
        // Decision events carry no report, so they are never duplicates.
        Some(AppendOutcome::Duplicate { existing_seq, .. }) => Ok(*existing_seq),
        None => Ok(log.len()),
    }
}

/// Records that reports `a` and `b` describe the same incident. Returns the
/// seq of the new event.
pub fn link<L>(
    log: &mut L,
    a: &str,
    b: &str,
    reason: &str,
    recorded_at: DateTime<Utc>,
) -> Result<u64, ViewError>
where
    L: EventLog + ReadModelStore + ?Sized,
{
    let reason = require_reason(reason)?;
    if a == b {
        return Err(ViewError::SameReport {
            report: a.to_string(),
        });
    }
    require_live(log, a, "linked")?;
    require_live(log, b, "linked")?;
    append_one(
        log,
        EventPayload::ReportsLinked {
            a: a.to_string(),
            b: b.to_string(),
            reason,
        },
        recorded_at,
    )
}

/// Records that `report` is not part of `incident`, which must exist at
/// head and contain it. Returns the seq of the new event. Checked against
/// the read model when it reflects the head (a lookup), else a replay.
pub fn split<L>(
    log: &mut L,
    cluster: &ClusterConfig,
    incident: &str,
    report: &str,
    reason: &str,
    recorded_at: DateTime<Utc>,
) -> Result<u64, ViewError>
where
    L: EventLog + ProjectionStore + ReadModelStore + ?Sized,
{
    let settings = settings_for(cluster);
    if let Some(read_model) = crate::read_model::open_current(&*log, &settings)? {
        let reason = require_reason(reason)?;
        require_stored(&*log, report)?;
        let Some(found) = read_model.incident(incident)? else {
            return Err(incident_not_found_in(&read_model, incident));
        };
        require_member(&found, incident, report)?;
        return append_split(log, incident, report, reason, recorded_at);
    }
    split_with::<ClusterState, L>(log, &settings, incident, report, reason, recorded_at)
}

fn require_stored<L>(log: &L, report: &str) -> Result<(), ViewError>
where
    L: EventLog + ?Sized,
{
    if log.report_seq(report)?.is_none() {
        return Err(ViewError::ReportNotFound {
            id: report.to_string(),
        });
    }
    Ok(())
}

fn require_member(found: &Incident, incident: &str, report: &str) -> Result<(), ViewError> {
    if !found.reports.iter().any(|member| member == report) {
        return Err(ViewError::ReportNotInIncident {
            report: report.to_string(),
            incident: incident.to_string(),
            members: found.reports.join(", "),
        });
    }
    Ok(())
}

fn append_split<L>(
    log: &mut L,
    incident: &str,
    report: &str,
    reason: String,
    recorded_at: DateTime<Utc>,
) -> Result<u64, ViewError>
where
    L: EventLog + ?Sized,
{
    append_one(
        log,
        EventPayload::ReportSplit {
            incident: incident.to_string(),
            report: report.to_string(),
            reason,
        },
        recorded_at,
    )
}

/// `split` with any clusterer (tests use a stand-in).
pub fn split_with<C, L>(
    log: &mut L,
    settings: &ProjectionSettings,
    incident: &str,
    report: &str,
    reason: &str,
    recorded_at: DateTime<Utc>,
) -> Result<u64, ViewError>
where
    C: Clusterer,
    L: EventLog + ProjectionStore + ?Sized,
{
    let reason = require_reason(reason)?;
    require_stored(&*log, report)?;
    let state = Projection::<C>::build(&*log, settings.clone(), &AsOf::Head)?.state();
    let found = find_incident(&state, incident)?;
    require_member(found, incident, report)?;
    append_split(log, incident, report, reason, recorded_at)
}

/// Withdraws a live report from every incident. Returns the seq of the new
/// event.
pub fn retract<L>(
    log: &mut L,
    report: &str,
    reason: &str,
    recorded_at: DateTime<Utc>,
) -> Result<u64, ViewError>
where
    L: EventLog + ReadModelStore + ?Sized,
{
    let reason = require_reason(reason)?;
    require_live(log, report, "retracted")?;
    append_one(
        log,
        EventPayload::ReportRetracted {
            report: report.to_string(),
            reason,
        },
        recorded_at,
    )
}
