//! What changed between two versions of a map, and how the analysis changed. Pure: the
//! CLI's `stateline diff` and the window's "compare with…" both call [`diff`].
//!
//! Zones and components are matched by id, flows by name, connections by
//! (from, to, kind, occurrence) — the n-th connection with the same three values in file
//! order. Findings are matched by rule and subjects (as a multiset).

use std::collections::BTreeMap;

use serde::Serialize;

use super::analysis::{Analysis, Finding};
use super::model::{Connection, Host, Map};
use super::negotiation::PositionChange;
use crate::domain::ids::Text;

/// The whole difference. Lists are in file order of the new map, then removed items in
/// file order of the old one; everything is deterministic.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct MapDiff {
    /// Map-level fields that differ (`title`, `description`, `notes`, `policy`, `scenario`).
    pub map_fields: Vec<&'static str>,
    pub zones: Changes,
    pub components: Changes,
    pub connections: Changes,
    pub flows: Changes,
    /// Negotiation positions taken, changed or dropped (by rule and subject).
    pub positions: Vec<PositionChange>,
    pub analysis: AnalysisDiff,
}

impl MapDiff {
    /// True when neither the map nor the analysis changed.
    pub fn is_empty(&self) -> bool {
        self.map_fields.is_empty()
            && self.zones.is_empty()
            && self.components.is_empty()
            && self.connections.is_empty()
            && self.flows.is_empty()
            && self.positions.is_empty()
            && self.analysis.is_empty()
    }
}

/// Added, removed and changed items of one kind, by key.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Changes {
    pub added: Vec<String>,
    pub removed: Vec<String>,
    pub changed: Vec<Changed>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

/// An item present in both maps whose fields differ.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Changed {
    pub key: String,
    pub fields: Vec<&'static str>,
}

/// An old and a new value.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Change<T> {
    pub old: T,
    pub new: T,
}

/// A host in JSON: lower-case provider key and region (as in `check --format json`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct HostRef {
    pub provider: &'static str,
    pub region: Option<String>,
}

impl HostRef {
    fn of(h: &Host) -> Self {
        Self {
            provider: h.provider.key(),
            region: h.region.as_deref().map(str::to_owned),
        }
    }
}

impl std::fmt::Display for HostRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.region {
            Some(r) => write!(f, "{} {r}", self.provider),
            None => f.write_str(self.provider),
        }
    }
}

/// How the analysis changed.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct AnalysisDiff {
    /// Components in both maps whose status or effective host changed.
    pub components: Vec<ComponentDelta>,
    pub findings_appeared: Vec<FindingRef>,
    pub findings_disappeared: Vec<FindingRef>,
    /// Every flow of either map (by name), with its figures and their differences.
    pub flows: Vec<FlowDelta>,
    pub summary: Vec<SummaryDelta>,
}

impl AnalysisDiff {
    pub fn is_empty(&self) -> bool {
        self.components.is_empty()
            && self.findings_appeared.is_empty()
            && self.findings_disappeared.is_empty()
            && self.flows.iter().all(FlowDelta::is_unchanged)
            && self.summary.is_empty()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ComponentDelta {
    pub id: String,
    pub status: Option<Change<&'static str>>,
    pub effective_host: Option<Change<Option<HostRef>>>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FindingRef {
    pub rule: String,
    pub severity: &'static str,
    pub subjects: Vec<String>,
    pub message: String,
}

impl FindingRef {
    fn of(f: &Finding) -> Self {
        Self {
            rule: f.rule.to_string(),
            severity: f.severity.key(),
            subjects: f.subjects.iter().map(ToString::to_string).collect(),
            message: f.message.clone(),
        }
    }
}

/// A flow's figures in one analysis.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FlowFigures {
    pub latency_ms: f64,
    pub network_ms: f64,
    pub cross_cloud_hops: u32,
    pub egress_usd_per_month: f64,
    pub over_budget: bool,
}

/// One flow across the two analyses; deltas are `new − old`, `None` when the flow exists
/// in one map only.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FlowDelta {
    pub name: String,
    pub old: Option<FlowFigures>,
    pub new: Option<FlowFigures>,
    pub latency_ms: Option<f64>,
    pub network_ms: Option<f64>,
    pub cross_cloud_hops: Option<i64>,
    pub egress_usd_per_month: Option<f64>,
}

impl FlowDelta {
    pub fn is_unchanged(&self) -> bool {
        self.old == self.new
    }
}

/// A summary figure that changed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SummaryDelta {
    pub figure: &'static str,
    pub old: u32,
    pub new: u32,
}

/// Compares two maps and their analyses.
pub fn diff(old: &Map, old_analysis: &Analysis, new: &Map, new_analysis: &Analysis) -> MapDiff {
    MapDiff {
        map_fields: map_fields(old, new),
        zones: by_key(
            &old.zones,
            &new.zones,
            |z| z.id.as_str().to_owned(),
            |a, b| {
                let mut f = Vec::new();
                push_if(&mut f, "label", a.label != b.label);
                push_if(&mut f, "host", a.host != b.host);
                push_if(&mut f, "rect", a.rect != b.rect);
                f
            },
        ),
        components: by_key(
            &old.components,
            &new.components,
            |c| c.id.as_str().to_owned(),
            |a, b| {
                let mut f = Vec::new();
                push_if(&mut f, "label", a.label != b.label);
                push_if(&mut f, "kind", a.kind != b.kind);
                push_if(&mut f, "zone", a.zone != b.zone);
                push_if(&mut f, "host", a.host != b.host);
                push_if(&mut f, "pos", a.pos != b.pos);
                push_if(&mut f, "latency_ms", a.latency_ms != b.latency_ms);
                push_if(&mut f, "deployed_as", a.deployed_as != b.deployed_as);
                push_if(&mut f, "note", a.note != b.note);
                f
            },
        ),
        connections: connections(&old.connections, &new.connections),
        flows: by_key(
            &old.flows,
            &new.flows,
            |f| f.name.clone(),
            |a, b| {
                let mut f = Vec::new();
                push_if(&mut f, "entry", a.entry != b.entry);
                push_if(&mut f, "budget_ms", a.budget_ms != b.budget_ms);
                push_if(
                    &mut f,
                    "requests_per_month",
                    a.requests_per_month != b.requests_per_month,
                );
                f
            },
        ),
        positions: super::negotiation::changes(&old.negotiation, &new.negotiation),
        analysis: analysis_diff(old_analysis, new_analysis),
    }
}

fn push_if(fields: &mut Vec<&'static str>, name: &'static str, differs: bool) {
    if differs {
        fields.push(name);
    }
}

fn map_fields(old: &Map, new: &Map) -> Vec<&'static str> {
    let mut f = Vec::new();
    push_if(&mut f, "title", old.title != new.title);
    push_if(&mut f, "description", old.description != new.description);
    push_if(&mut f, "notes", old.notes != new.notes);
    push_if(&mut f, "policy", old.policy != new.policy);
    push_if(&mut f, "scenario", old.scenario != new.scenario);
    f
}

/// Matches items by key (the first item with a key wins; keys are unique in valid maps).
fn by_key<T>(
    old: &[T],
    new: &[T],
    key: impl Fn(&T) -> String,
    fields: impl Fn(&T, &T) -> Vec<&'static str>,
) -> Changes {
    let old_keys: Vec<(String, &T)> = old.iter().map(|t| (key(t), t)).collect();
    let new_keys: Vec<(String, &T)> = new.iter().map(|t| (key(t), t)).collect();
    keyed(&old_keys, &new_keys, fields)
}

fn keyed<T>(
    old: &[(String, &T)],
    new: &[(String, &T)],
    fields: impl Fn(&T, &T) -> Vec<&'static str>,
) -> Changes {
    let old_index: BTreeMap<&str, &T> = old.iter().rev().map(|(k, t)| (k.as_str(), *t)).collect();
    let new_index: BTreeMap<&str, &T> = new.iter().rev().map(|(k, t)| (k.as_str(), *t)).collect();
    let mut changes = Changes::default();
    for (k, item) in new {
        match old_index.get(k.as_str()) {
            None => changes.added.push(k.clone()),
            Some(before) => {
                let f = fields(before, item);
                if !f.is_empty() {
                    changes.changed.push(Changed {
                        key: k.clone(),
                        fields: f,
                    });
                }
            }
        }
    }
    for (k, _) in old {
        if !new_index.contains_key(k.as_str()) {
            changes.removed.push(k.clone());
        }
    }
    changes
}

/// `from → to (kind)`, with `#n` for the n-th (n ≥ 2) connection with the same three.
fn connection_keys(conns: &[Connection]) -> Vec<(String, &Connection)> {
    let mut seen: BTreeMap<(String, String, &'static str), u32> = BTreeMap::new();
    conns
        .iter()
        .map(|c| {
            let n = seen
                .entry((
                    c.from.as_str().to_owned(),
                    c.to.as_str().to_owned(),
                    c.kind.key(),
                ))
                .or_insert(0);
            *n += 1;
            let suffix = if *n > 1 {
                format!(" #{n}")
            } else {
                String::new()
            };
            (
                format!(
                    "{} → {} ({}){suffix}",
                    c.from.as_str(),
                    c.to.as_str(),
                    c.kind.key()
                ),
                c,
            )
        })
        .collect()
}

fn connections(old: &[Connection], new: &[Connection]) -> Changes {
    keyed(&connection_keys(old), &connection_keys(new), |a, b| {
        let mut f = Vec::new();
        push_if(&mut f, "calls", a.calls != b.calls);
        push_if(&mut f, "payload_kb", a.payload_kb != b.payload_kb);
        push_if(&mut f, "parallel", a.parallel != b.parallel);
        push_if(&mut f, "label", a.label != b.label);
        f
    })
}

fn analysis_diff(old: &Analysis, new: &Analysis) -> AnalysisDiff {
    let old_components: BTreeMap<&str, _> =
        old.components.iter().map(|c| (c.id.as_str(), c)).collect();
    let components = new
        .components
        .iter()
        .filter_map(|n| {
            let o = old_components.get(n.id.as_str())?;
            let status = (o.status != n.status).then(|| Change {
                old: o.status.key(),
                new: n.status.key(),
            });
            let effective_host = (o.effective_host != n.effective_host).then(|| Change {
                old: o.effective_host.as_ref().map(HostRef::of),
                new: n.effective_host.as_ref().map(HostRef::of),
            });
            (status.is_some() || effective_host.is_some()).then(|| ComponentDelta {
                id: n.id.as_str().to_owned(),
                status,
                effective_host,
            })
        })
        .collect();
    AnalysisDiff {
        components,
        findings_appeared: extra_findings(&new.findings, &old.findings),
        findings_disappeared: extra_findings(&old.findings, &new.findings),
        flows: flows(old, new),
        summary: summary(old, new),
    }
}

/// Findings of `a` beyond those of `b` with the same rule, severity and subjects
/// (multiset): a finding whose severity changed (another rule pack) disappears at one
/// severity and appears at the other.
fn extra_findings(a: &[Finding], b: &[Finding]) -> Vec<FindingRef> {
    let mut budget: BTreeMap<(&str, &str, &[Text]), usize> = BTreeMap::new();
    for f in b {
        *budget
            .entry((&*f.rule, f.severity.key(), f.subjects.as_slice()))
            .or_insert(0) += 1;
    }
    a.iter()
        .filter(
            |f| match budget.get_mut(&(&*f.rule, f.severity.key(), f.subjects.as_slice())) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    false
                }
                _ => true,
            },
        )
        .map(FindingRef::of)
        .collect()
}

fn flows(old: &Analysis, new: &Analysis) -> Vec<FlowDelta> {
    let figures = |f: &super::analysis::FlowResult| FlowFigures {
        latency_ms: f.latency_ms,
        network_ms: f.network_ms,
        cross_cloud_hops: f.cross_cloud_hops,
        egress_usd_per_month: f.egress_usd_per_month,
        over_budget: f.over_budget,
    };
    let old_by: BTreeMap<&str, FlowFigures> = old
        .flows
        .iter()
        .rev()
        .map(|f| (f.name.as_str(), figures(f)))
        .collect();
    let new_names: std::collections::BTreeSet<&str> =
        new.flows.iter().map(|f| f.name.as_str()).collect();
    let mut out: Vec<FlowDelta> = Vec::new();
    let mut push = |name: &str, o: Option<FlowFigures>, n: Option<FlowFigures>| {
        let both = o.as_ref().zip(n.as_ref());
        out.push(FlowDelta {
            name: name.to_owned(),
            latency_ms: both.map(|(o, n)| n.latency_ms - o.latency_ms),
            network_ms: both.map(|(o, n)| n.network_ms - o.network_ms),
            cross_cloud_hops: both
                .map(|(o, n)| i64::from(n.cross_cloud_hops) - i64::from(o.cross_cloud_hops)),
            egress_usd_per_month: both
                .map(|(o, n)| n.egress_usd_per_month - o.egress_usd_per_month),
            old: o,
            new: n,
        });
    };
    let mut done = std::collections::BTreeSet::new();
    for f in &new.flows {
        if done.insert(f.name.as_str()) {
            push(
                &f.name,
                old_by.get(f.name.as_str()).cloned(),
                Some(figures(f)),
            );
        }
    }
    for f in &old.flows {
        if !new_names.contains(f.name.as_str()) && done.insert(f.name.as_str()) {
            push(&f.name, Some(figures(f)), None);
        }
    }
    out
}

fn summary(old: &Analysis, new: &Analysis) -> Vec<SummaryDelta> {
    let (o, n) = (&old.summary, &new.summary);
    [
        ("errors", o.errors, n.errors),
        ("warnings", o.warnings, n.warnings),
        ("infos", o.infos, n.infos),
        (
            "cross_cloud_connections",
            o.cross_cloud_connections,
            n.cross_cloud_connections,
        ),
        ("lockin_score", o.lockin_score, n.lockin_score),
    ]
    .into_iter()
    .filter(|(_, a, b)| a != b)
    .map(|(figure, old, new)| SummaryDelta { figure, old, new })
    .collect()
}
