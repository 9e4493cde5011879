//! `audit ID [METRIC]`: every number of an incident traced to its report,
//! outlet, publication date and sentence, and the decisions that shaped it.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

use chrono::NaiveDate;
use serde::Serialize;

use crate::cluster::{ClusterConfig, ClusterState, ReportInput};
use crate::extract::model::{Metric, Qualifier, QuotedFrom};
use crate::incident::{Claim, Incident};
use crate::log::{EventLog, ProjectionStore, ReadModelStore};
use crate::project::{
    AsOf, Clusterer, DecisionKind, DecisionRecord, Projection, ProjectionSettings, ReportEntry,
    removal_footprints, report_input,
};
use crate::report::Report;

use super::incidents::claim_statement;
use super::{ViewError, figure_range, find_incident, one_line, settings_for};

#[derive(Debug, Clone, Default)]
pub struct AuditOptions {
    pub as_of: AsOf,
    pub cluster: ClusterConfig,
    pub id: String,
    /// Only this metric's numbers.
    pub metric: Option<Metric>,
    pub json: bool,
}

/// One number of the incident.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditedClaim {
    /// Index into the metric's claims.
    pub claim: usize,
    pub report: String,
    pub outlet: Option<String>,
    pub published: Option<NaiveDate>,
    pub value: Option<u64>,
    pub qualifier: Qualifier,
    pub lo: u64,
    pub hi: Option<u64>,
    pub statement: String,
    pub places: Vec<String>,
    pub quote: String,
    pub span: [usize; 2],
    /// The sentence with the quote marked «like this».
    pub marked_sentence: String,
    pub attributed_to: Option<String>,
    /// "min", "max", "conflict: why".
    pub roles: Vec<String>,
    /// For a coded dataset's cell: "CCC row 812, size_high" (then there is
    /// no sentence: `marked_sentence` shows the cell).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coded: Option<String>,
    /// `title` for a figure only the report's title states: `span` indexes
    /// the title and `marked_sentence` starts with "title:".
    #[serde(default, skip_serializing_if = "QuotedFrom::is_text")]
    pub quoted_from: QuotedFrom,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditedMetric {
    pub metric: Metric,
    pub range: String,
    pub min: u64,
    pub max: u64,
    pub claims: Vec<AuditedClaim>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditView {
    pub incident: String,
    pub date: String,
    pub place: String,
    pub metrics: Vec<AuditedMetric>,
    pub decisions: Vec<DecisionRecord>,
}

/// Where a claim's sentence and quote are in its report's text, when
/// known. The text is the one a reader reads: the stored text, or, for a
/// web page or feed item, its readable text (with the claim's spans, which
/// index the stored HTML, mapped into it), so the sentence prints as words,
/// not markup.
pub struct SentenceContext<'a> {
    pub text: &'a str,
    pub sentence_span: [usize; 2],
    pub quote_span: [usize; 2],
}

/// The sentence of a claim with its quote marked «...». Uses the report's
/// text and the sentence span when given, else the quote's place in the
/// claim's own sentence when the claim knows it (both exact, by byte
/// offsets); else looks for the quote inside the claim's sentence; else
/// appends it.
pub fn mark_sentence(claim: &Claim, context: Option<SentenceContext<'_>>) -> String {
    let own_place = || {
        claim.quote_in_sentence.map(|quote_span| SentenceContext {
            text: &claim.sentence,
            sentence_span: [0, claim.sentence.len()],
            quote_span,
        })
    };
    if let Some(context) = context.or_else(own_place) {
        let [sentence_start, sentence_end] = context.sentence_span;
        let [quote_start, quote_end] = context.quote_span;
        if sentence_start <= quote_start
            && quote_start <= quote_end
            && quote_end <= sentence_end
            && let (Some(before), Some(quote), Some(after)) = (
                context.text.get(sentence_start..quote_start),
                context.text.get(quote_start..quote_end),
                context.text.get(quote_end..sentence_end),
            )
        {
            return one_line(&format!("{before}«{quote}»{after}"));
        }
    }
    // ASCII case folding keeps byte offsets, so a match in the folded
    // sentence is a match at the same offsets in the sentence itself
    // ("Dozens" at the start of a sentence for the quote "dozens").
    let folded_sentence = claim.sentence.to_ascii_lowercase();
    let folded_quote = claim.quote.to_ascii_lowercase();
    if !folded_quote.is_empty()
        && let Some(at) = folded_sentence.find(&folded_quote)
    {
        let end = at + folded_quote.len();
        if let (Some(before), Some(quote), Some(after)) = (
            claim.sentence.get(..at),
            claim.sentence.get(at..end),
            claim.sentence.get(end..),
        ) {
            return one_line(&format!("{before}«{quote}»{after}"));
        }
    }
    one_line(&format!("{} [«{}»]", claim.sentence, claim.quote))
}

/// True when an incident seen before a removal is the same incident as
/// `incident` now: same id, an id it replaces, or a shared report.
fn same_incident_as(before: &Incident, incident: &Incident) -> bool {
    before.id == incident.id
        || incident.replaces.iter().any(|old| old == &before.id)
        || before
            .reports
            .iter()
            .any(|report| incident.reports.iter().any(|ours| ours == report))
}

/// The decisions that shaped `incident`: those clustering names, links and
/// corrections touching its reports, splits out of it, and retractions or
/// corrections of reports that were in it (per `footprints`, the incidents
/// each removed report belonged to just before its removal).
pub fn decisions_shaping(
    incident: &Incident,
    decisions: &[DecisionRecord],
    footprints: &BTreeMap<u64, Vec<Incident>>,
) -> Vec<DecisionRecord> {
    let has_report = |id: &String| incident.reports.iter().any(|ours| ours == id);
    let was_in_it = |seq: u64| {
        footprints
            .get(&seq)
            .is_some_and(|before| before.iter().any(|old| same_incident_as(old, incident)))
    };
    decisions
        .iter()
        .filter(|decision| {
            incident.decisions.contains(&decision.seq)
                || match decision.kind {
                    DecisionKind::Link => decision.reports.iter().any(has_report),
                    DecisionKind::Split => {
                        decision.incident.as_deref().is_some_and(|split_from| {
                            split_from == incident.id
                                || incident.replaces.iter().any(|old| old == split_from)
                        }) || decision.reports.iter().any(has_report)
                    }
                    DecisionKind::Correct => {
                        decision.reports.get(1).is_some_and(has_report) || was_in_it(decision.seq)
                    }
                    DecisionKind::Retract => was_in_it(decision.seq),
                }
        })
        .cloned()
        .collect()
}

/// Given a claim, its report's readable text and the spans of the claim's
/// sentence and quote in it, when known.
pub type SentenceLocator<'a> = dyn Fn(&Claim) -> Option<(String, [usize; 2], [usize; 2])> + 'a;

/// Per report: its readable text, and for each figure its span as stored
/// (the claim's) with its sentence and quote spans in that text.
type ReportSentenceSpans = BTreeMap<String, (String, Vec<FigureSpans>)>;

/// (span as stored, sentence span in the readable text, quote span in it).
pub(crate) type FigureSpans = ([usize; 2], [usize; 2], [usize; 2]);

/// A span of a report's stored text in the text a reader reads: the stored
/// text itself, or for a web page or feed item its readable text.
pub(crate) fn readable_span(report: &Report, span: [usize; 2]) -> Option<[usize; 2]> {
    match report.readable.as_ref() {
        Some(readable) => readable.readable_span(span[0], span[1]),
        None => Some(span),
    }
}

/// Each figure of a report's extraction: its span as stored (a claim's
/// span), and its sentence and quote spans in the report's reading text.
/// A page's spans index its HTML; the sentence is shown from its readable
/// text, so they are mapped into that.
pub(crate) fn figure_spans(input: &ReportInput) -> Vec<FigureSpans> {
    input
        .extraction
        .figures
        .iter()
        // A title's figure has no sentence in the text; its claim shows
        // the title instead (`build_audit`).
        .filter(|figure| figure.quoted_from == QuotedFrom::Text)
        .filter_map(|figure| {
            Some((
                figure.span,
                readable_span(&input.report, figure.sentence_span)?,
                readable_span(&input.report, figure.span)?,
            ))
        })
        .collect()
}

/// The audit of `incident` from already-gathered parts. `context` gives,
/// per claim, where its sentence sits in the report text when known.
pub fn build_audit(
    incident: &Incident,
    metric: Option<Metric>,
    reports: &[ReportEntry],
    decisions: Vec<DecisionRecord>,
    context: &SentenceLocator<'_>,
) -> Result<AuditView, ViewError> {
    if let Some(metric) = metric
        && !incident.figures.contains_key(&metric)
    {
        return Err(ViewError::NoSuchFigure {
            incident: incident.id.clone(),
            metric: metric.as_str().to_string(),
        });
    }
    let by_id: BTreeMap<&str, &ReportEntry> = reports
        .iter()
        .map(|entry| (entry.id.as_str(), entry))
        .collect();
    let mut metrics = Vec::new();
    for (figure_metric, figures) in &incident.figures {
        if metric.is_some_and(|wanted| wanted != *figure_metric) {
            continue;
        }
        let mut claims = Vec::new();
        for (index, claim) in figures.claims.iter().enumerate() {
            let mut roles = Vec::new();
            if figures.min_claim.claim == index {
                roles.push("min".to_string());
            }
            if figures.max_claim.claim == index {
                roles.push("max".to_string());
            }
            for conflict in figures
                .conflicts
                .iter()
                .filter(|conflict| conflict.claim == index)
            {
                roles.push(format!("conflict: {}", conflict.why));
            }
            let located = context(claim);
            let marked_sentence = match &claim.coded {
                // A cell is no sentence: the audit names it, with its value.
                Some(cell) => one_line(&format!("{cell}: «{}»", claim.quote)),
                None if claim.quoted_from == QuotedFrom::Title => {
                    format!(
                        "{}{}",
                        claim.quoted_from.label(),
                        mark_sentence(claim, None)
                    )
                }
                None => mark_sentence(
                    claim,
                    located
                        .as_ref()
                        .map(|(text, sentence_span, quote_span)| SentenceContext {
                            text,
                            sentence_span: *sentence_span,
                            quote_span: *quote_span,
                        }),
                ),
            };
            let entry = by_id.get(claim.report.as_str());
            claims.push(AuditedClaim {
                claim: index,
                report: claim.report.clone(),
                outlet: entry.and_then(|entry| entry.outlet.clone()),
                published: entry.and_then(|entry| entry.published),
                value: claim.value,
                qualifier: claim.qualifier,
                lo: claim.lo,
                hi: claim.hi,
                statement: claim_statement(claim),
                places: claim.places.clone(),
                quote: claim.quote.clone(),
                span: claim.span,
                marked_sentence,
                attributed_to: claim.attributed_to.clone(),
                roles,
                coded: claim.coded.as_ref().map(ToString::to_string),
                quoted_from: claim.quoted_from,
            });
        }
        metrics.push(AuditedMetric {
            metric: *figure_metric,
            range: figure_range(figures),
            min: figures.min,
            max: figures.max,
            claims,
        });
    }
    Ok(AuditView {
        incident: incident.id.clone(),
        date: incident.date.clone(),
        place: super::incidents::place_label(incident),
        metrics,
        decisions,
    })
}

pub fn render_audit(view: &AuditView, out: &mut dyn Write) -> Result<(), ViewError> {
    view_line!(
        out,
        "audit of {} ({}, {})",
        view.incident,
        view.date,
        view.place
    )?;
    if view.metrics.is_empty() {
        view_line!(out, "  no figures")?;
    }
    for metric in &view.metrics {
        view_line!(out)?;
        view_line!(out, "{}: {}", metric.metric.as_str(), metric.range)?;
        for claim in &metric.claims {
            let roles = if claim.roles.is_empty() {
                String::new()
            } else {
                format!(" ({})", claim.roles.join("; "))
            };
            view_line!(out, "  [{}] {}{roles}", claim.claim, claim.statement)?;
            if let Some(cell) = &claim.coded {
                view_line!(
                    out,
                    "      coded record {}: {cell}, bytes {}..{} of the stored row",
                    claim.report,
                    claim.span[0],
                    claim.span[1]
                )?;
                if !claim.places.is_empty() {
                    view_line!(out, "      scope: {}", claim.places.join(" + "))?;
                }
                view_line!(out, "      {}", claim.marked_sentence)?;
                continue;
            }
            let outlet = claim.outlet.as_deref().unwrap_or("unknown outlet");
            let published = claim
                .published
                .map(|date| date.to_string())
                .unwrap_or_else(|| "undated".to_string());
            view_line!(
                out,
                "      report {} ({outlet}, published {published}), bytes {}..{}",
                claim.report,
                claim.span[0],
                claim.span[1]
            )?;
            view_line!(
                out,
                "      attribution: {}",
                claim.attributed_to.as_deref().unwrap_or("none stated")
            )?;
            if !claim.places.is_empty() {
                view_line!(out, "      scope: {}", claim.places.join(" + "))?;
            }
            view_line!(out, "      {}", claim.marked_sentence)?;
        }
    }
    view_line!(out)?;
    if view.decisions.is_empty() {
        view_line!(out, "decisions: none")?;
    } else {
        view_line!(out, "decisions:")?;
        for decision in &view.decisions {
            let subject = match (&decision.kind, &decision.incident) {
                (DecisionKind::Split, Some(incident)) => {
                    format!("{} out of {incident}", decision.reports.join(", "))
                }
                (DecisionKind::Correct, _) => decision.reports.join(" -> "),
                _ => decision.reports.join(" + "),
            };
            view_line!(
                out,
                "  event {} {} {subject}: {} (recorded {})",
                decision.seq,
                decision.kind.as_str(),
                decision.reason,
                decision
                    .recorded_at
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
            )?;
        }
    }
    Ok(())
}

pub fn audit_command<L>(
    log: &L,
    options: &AuditOptions,
    out: &mut dyn Write,
) -> Result<(), ViewError>
where
    L: EventLog + ProjectionStore + ReadModelStore + ?Sized,
{
    let settings = settings_for(&options.cluster);
    let Some(at) = super::read_model_at(log, &settings, &options.as_of)? else {
        return audit_command_with::<ClusterState, L>(log, &settings, options, out);
    };
    // The read model holds the incident, the decisions, the removals'
    // footprints and the member reports' entries.
    let read_model = at.read_model()?;
    let incident = read_model
        .incident(&options.id)?
        .ok_or_else(|| super::incident_not_found_in(&read_model, &options.id))?;
    let all_decisions = read_model.decisions()?;
    // Which incidents each removed report was in just before its removal
    // costs a replay per removal: computed here, on demand, when the log
    // holds removals, never on the write path that keeps read models
    // current.
    let footprints = if all_decisions
        .iter()
        .any(|decision| matches!(decision.kind, DecisionKind::Retract | DecisionKind::Correct))
    {
        removal_footprints::<ClusterState, L>(
            log,
            &settings,
            &all_decisions,
            read_model.position(),
        )?
    } else {
        BTreeMap::new()
    };
    let decisions = decisions_shaping(&incident, &all_decisions, &footprints);
    let mut members = Vec::new();
    for report in &incident.reports {
        if let Some(entry) = read_model.report_entry(report)? {
            members.push(entry);
        }
    }
    write_audit(log, &settings, &incident, &members, decisions, options, out)
}

/// `audit_command` with any clusterer and settings (tests use a stand-in).
pub fn audit_command_with<C, L>(
    log: &L,
    settings: &ProjectionSettings,
    options: &AuditOptions,
    out: &mut dyn Write,
) -> Result<(), ViewError>
where
    C: Clusterer,
    L: EventLog + ProjectionStore + ?Sized,
{
    let projection = Projection::<C>::build(log, settings.clone(), &options.as_of)?;
    let state = projection.state();
    let incident = find_incident(&state, &options.id)?;
    let footprints = removal_footprints::<C, L>(log, settings, &state.decisions, state.position)?;
    let decisions = decisions_shaping(incident, &state.decisions, &footprints);

    write_audit(
        log,
        settings,
        incident,
        &state.reports,
        decisions,
        options,
        out,
    )
}

/// Renders the audit of `incident`, reading each member report's text (and
/// cached extraction) for the exact sentence of each claim.
fn write_audit<L>(
    log: &L,
    settings: &ProjectionSettings,
    incident: &Incident,
    reports: &[ReportEntry],
    decisions: Vec<DecisionRecord>,
    options: &AuditOptions,
    out: &mut dyn Write,
) -> Result<(), ViewError>
where
    L: EventLog + ProjectionStore + ?Sized,
{
    // The exact sentence of each claim comes from the claim itself, which
    // says where its quote is in its sentence; only a claim that cannot
    // (a page's, whose spans index its HTML) sends the audit back to its
    // report's text and the extraction's sentence span. A read model's
    // audit of plain-text reports then never opens the log (issue 15).
    let reports_to_read: BTreeSet<&str> = incident
        .figures
        .values()
        .flat_map(|figures| &figures.claims)
        .filter(|claim| {
            claim.quoted_from == QuotedFrom::Text
                && claim.coded.is_none()
                && claim.quote_in_sentence.is_none()
        })
        .map(|claim| claim.report.as_str())
        .collect();
    let mut sentence_spans = ReportSentenceSpans::new();
    for report in &incident.reports {
        if !reports_to_read.contains(report.as_str()) {
            continue;
        }
        if let Some(input) = report_input(log, &settings.extractor, report)? {
            let spans = figure_spans(&input);
            sentence_spans.insert(
                report.clone(),
                (input.report.reading_text().to_string(), spans),
            );
        }
    }
    let context = |claim: &Claim| {
        if claim.quoted_from != QuotedFrom::Text {
            return None;
        }
        let (text, spans) = sentence_spans.get(&claim.report)?;
        let (_, sentence_span, quote_span) =
            spans.iter().find(|(span, _, _)| *span == claim.span)?;
        Some((text.clone(), *sentence_span, *quote_span))
    };
    let view = build_audit(incident, options.metric, reports, decisions, &context)?;
    if options.json {
        serde_json::to_writer(&mut *out, &view)?;
        out.write_all(b"\n")?;
        Ok(())
    } else {
        render_audit(&view, out)
    }
}
