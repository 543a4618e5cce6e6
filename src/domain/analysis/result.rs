//! What an analysis produces. Serialized as the `check --format json` object of cli.md
//! (key names are a public contract: add keys, never rename).

use std::sync::Arc;

use serde::{Serialize, Serializer};

pub use crate::domain::severity::{Category, Severity};

use crate::domain::date::Date;
use crate::domain::ids::Id;
use crate::domain::ids::Text;
use crate::domain::model::{ConnectionKind, Host, Interpretation, Position, Provider, StateKind};
use crate::domain::scenario::short_fingerprint;

/// The whole answer for one map, one rule pack and one scenario.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Analysis {
    pub map: MapInfo,
    pub rule_pack: PackInfo,
    /// The offerings catalog the analysis used.
    pub offerings: OfferingsInfo,
    pub scenario: ScenarioInfo,
    /// One per component, in file order (index-aligned with `Map::components`).
    pub components: Vec<ComponentResult>,
    /// One per connection, in file order (index-aligned with `Map::connections`).
    pub connections: Vec<ConnectionResult>,
    /// One per declared flow, or one implicit flow per `Client` when none is declared.
    pub flows: Vec<FlowResult>,
    /// Sorted by severity, then rule, then first subject.
    pub findings: Vec<Finding>,
    pub summary: Summary,
    /// The five questions a CIO asks, answered for this map.
    pub questions: Questions,
    /// Every public page the findings and hosting decisions cite, each once (primary
    /// statements first): what a report's Sources list shows.
    pub sources: Vec<SourceEntry>,
    /// SHA-256 (64 hex digits) of everything that decided these numbers (see
    /// `domain::scenario::Fingerprint`); set by `Resolved::analyze`, `None` from a bare
    /// `analyze` call.
    pub fingerprint: Option<String>,
}

impl Analysis {
    /// The short fingerprint ([`short_fingerprint`]), or "—".
    pub fn fingerprint_short(&self) -> &str {
        self.fingerprint.as_deref().map_or("—", short_fingerprint)
    }
}

impl Analysis {
    /// What every exhibit, `check` and the window say beside the fingerprint when the rule
    /// pack or the offerings catalog is not the built-in one (the rule pack's first); empty
    /// for the built-in ones.
    pub fn provenance(&self) -> Vec<&str> {
        [&self.rule_pack.provenance, &self.offerings.provenance]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect()
    }
}

/// One cited public page, and the rules that cite it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SourceEntry {
    pub title: String,
    pub publisher: String,
    /// Publication date, when the page gives one.
    pub date: Option<Date>,
    /// When it was read (for pages without a date).
    pub retrieved: Option<Date>,
    pub url: String,
    /// `primary` (the company's own statement or documentation) or `commentary`.
    pub kind: &'static str,
    /// The rule ids that cite it, in pack order.
    pub rules: Vec<Text>,
    /// The offerings catalog rows it is the source of (ids).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub offerings: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MapInfo {
    pub title: String,
    pub format: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PackInfo {
    pub id: String,
    pub version: String,
    /// Where the pack came from when it is not the built-in one, as every exhibit says it
    /// ("rule pack from pack.ron in the map's folder, not the built-in stateline-2026"; see
    /// `domain::scenario::PackOrigin::provenance`). Absent for the built-in pack.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provenance: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OfferingsInfo {
    pub id: String,
    /// The newest date its sources were checked.
    pub verified_through: Date,
    /// As [`PackInfo::provenance`], for the offerings catalog.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provenance: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ScenarioInfo {
    #[serde(serialize_with = "ser_interpretation")]
    pub interpretation: Interpretation,
    pub as_of: Date,
}

/// How a component's hosting came out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Ok,
    Relocated,
    Contested,
    Violation,
    Unplaced,
}

impl Status {
    pub fn key(self) -> &'static str {
        match self {
            Self::Ok => "ok",
            Self::Relocated => "relocated",
            Self::Contested => "contested",
            Self::Violation => "violation",
            Self::Unplaced => "unplaced",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ComponentResult {
    pub id: Id,
    /// The variant name of its kind (`ModelCall`, …).
    pub kind: &'static str,
    #[serde(serialize_with = "ser_opt_host")]
    pub drawn_host: Option<Host>,
    /// Where it really runs; `None` when unplaced.
    #[serde(serialize_with = "ser_opt_host")]
    pub effective_host: Option<Host>,
    /// Providers it must run on by contract; empty = free.
    #[serde(serialize_with = "ser_providers")]
    pub obligation: Vec<Provider>,
    pub status: Status,
    /// The rule that decided the obligation/status, if any.
    pub rule: Option<Text>,
    /// A contested runtime under Microsoft's reading whose model work is not drawn as model
    /// calls: where that work is served from, and the round trip each use adds (the hop the
    /// flows count). `None` otherwise.
    pub model_work: Option<ModelWork>,
    /// The catalog offering it is bought as on the analysis date (model calls, runtimes and
    /// platforms); `None` when none applies.
    pub offering: Option<OfferingInfo>,
    /// Where its requests may be processed: a region id, a region group (`eu`) or `global`;
    /// `None` when unknown or not a model, runtime or platform.
    pub processing: Option<Text>,
}

impl ComponentResult {
    /// Where it must run by contract, as every view writes it: "AWS or Azure", or
    /// "any provider (free)" when nothing binds it.
    pub fn must_run_on(&self) -> String {
        if self.obligation.is_empty() {
            return "any provider (free)".to_owned();
        }
        self.obligation
            .iter()
            .map(|p| p.label())
            .collect::<Vec<_>>()
            .join(" or ")
    }
}

/// A component's offering, as the JSON shows it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OfferingInfo {
    pub id: String,
    /// `GA`, `Preview`, `PrivatePreview`, `Announced`.
    pub status: &'static str,
    /// `Regional`, `Geo(eu)`, `Global`.
    pub scope: String,
    /// The provider whose infrastructure runs it (`aws`, `vendor`, …); `None` = unknown.
    pub operated_by: Option<&'static str>,
    /// Where it can be called; empty = unknown.
    pub regions: Vec<String>,
    /// Who processes the data under contract, as written in files (`Aws`, `Anthropic`);
    /// `None` = nobody but the customer (self-hosted).
    pub processor: Option<&'static str>,
    /// What the customer must accept to use it (`DataReview`); empty = nothing.
    pub requires: Vec<&'static str>,
    pub source_url: String,
}

impl OfferingInfo {
    /// Who processes the data, for readers: "Anthropic", "AWS", or "the customer".
    pub fn processor_label(&self) -> String {
        let who = self
            .processor
            .and_then(crate::domain::model::Party::from_key)
            .map_or(
                "the customer (self-hosted)",
                crate::domain::model::Party::label,
            );
        if self.requires.is_empty() {
            who.to_owned()
        } else {
            format!("{who} (requires {})", self.requires.join(", "))
        }
    }
}

/// Where a runtime's model work is served from, and what each use costs to reach it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ModelWork {
    #[serde(serialize_with = "ser_host")]
    pub served_from: Host,
    pub rtt_ms: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ConnectionResult {
    pub from: Id,
    pub to: Id,
    #[serde(serialize_with = "ser_conn_kind")]
    pub kind: ConnectionKind,
    /// Round trip between the effective hosts, or the catalog's unknown round trip (a
    /// guess, see `rtt_guessed`) when an end cannot be placed: the figure the flows count.
    pub rtt_ms: f64,
    /// True when `rtt_ms` is that guess (an end is unplaced or cannot be located).
    pub rtt_guessed: bool,
    pub cross_cloud: bool,
    pub cross_region: bool,
    /// Summed over the flows whose call tree uses this connection.
    pub egress_usd_per_month: f64,
}

impl ConnectionResult {
    /// The round trip as every view writes it (canvas, inspector, diagram, report):
    /// `31.4 ms`, or `≈40 ms (guess)` when an end cannot be placed.
    pub fn rtt_label(&self) -> String {
        if self.rtt_guessed {
            format!("≈{:.0} ms (guess)", self.rtt_ms)
        } else {
            format!("{:.1} ms", self.rtt_ms)
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FlowResult {
    pub name: String,
    pub entry: Id,
    /// True for the implicit flow of a `Client` when the map declares none.
    pub implicit: bool,
    pub latency_ms: f64,
    pub network_ms: f64,
    pub cross_cloud_hops: u32,
    pub budget_ms: Option<f64>,
    pub over_budget: bool,
    pub egress_usd_per_month: f64,
    pub critical_path: Vec<Id>,
    pub broken: bool,
    pub broken_by: Vec<Id>,
    /// The same figures under the other interpretation, when the flow touches a contested item.
    pub other_reading: Option<ReadingFigures>,
    /// The flow hop by hop, in the order its requests travel (presentation mode steps
    /// through it); the last step's running total is `latency_ms` before rounding.
    #[serde(skip)]
    pub walk: Vec<Step>,
}

/// A flow's figures under one reading of the contested clause.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReadingFigures {
    #[serde(serialize_with = "ser_interpretation")]
    pub interpretation: Interpretation,
    pub latency_ms: f64,
    pub cross_cloud_hops: u32,
    pub egress_usd_per_month: f64,
}

/// One thing the analysis wants the architect to know.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    /// The rule id (a public contract, e.g. `OAI-STATELESS-AZURE`).
    pub rule: Text,
    pub severity: Severity,
    pub category: Category,
    /// Component ids (or flow names for flow findings) it is about. Shared text: a
    /// component's id is its [`Id`]'s own string.
    pub subjects: Vec<Text>,
    pub message: String,
    /// The rule's quoted source sentence (shared by the rule's findings).
    pub source: Text,
    /// The negotiation position that applies to it (`domain::negotiation::position_for`);
    /// serialized as `{status, party, note, updated}` or `null`.
    #[serde(serialize_with = "ser_position")]
    pub position: Option<Arc<Position>>,
}

impl Finding {
    /// The subjects' texts joined by `separator`.
    pub fn subjects_joined(&self, separator: &str) -> String {
        let mut out = String::new();
        for (k, s) in self.subjects.iter().enumerate() {
            if k > 0 {
                out.push_str(separator);
            }
            out.push_str(s);
        }
        out
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Summary {
    pub errors: u32,
    pub warnings: u32,
    pub infos: u32,
    pub cross_cloud_connections: u32,
    pub lockin_score: u32,
    #[serde(serialize_with = "ser_providers")]
    pub providers: Vec<Provider>,
}

/// The five questions of rules.md, answered.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Questions {
    /// 1. Where does the data live? Each state kind → the effective hosts holding it.
    pub data_location: Vec<DataLocation>,
    /// 2. Who controls the audit trail?
    pub audit_trail: String,
    /// 3. Can workloads move across clouds without rewriting everything?
    pub portability: String,
    /// 4. What happens if the contract changes?
    pub contract_change: String,
    /// 5. Which vendor owns the support chain when something breaks? Per flow.
    pub support_chain: Vec<SupportChain>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DataLocation {
    pub state: StateKind,
    #[serde(serialize_with = "ser_hosts")]
    pub hosts: Vec<Host>,
    pub holders: Vec<Id>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SupportChain {
    pub flow: String,
    pub vendors: Vec<String>,
    #[serde(serialize_with = "ser_providers")]
    pub providers: Vec<Provider>,
}

fn ser_interpretation<S: Serializer>(v: &Interpretation, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(v.json_key())
}

fn ser_conn_kind<S: Serializer>(v: &ConnectionKind, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(v.key())
}

#[derive(Serialize)]
struct HostJson<'a> {
    provider: &'static str,
    region: Option<&'a str>,
}

fn host_json(h: &Host) -> HostJson<'_> {
    HostJson {
        provider: h.provider.key(),
        region: h.region.as_deref(),
    }
}

fn ser_opt_host<S: Serializer>(v: &Option<Host>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(h) => host_json(h).serialize(s),
        None => s.serialize_none(),
    }
}

fn ser_host<S: Serializer>(v: &Host, s: S) -> Result<S::Ok, S::Error> {
    host_json(v).serialize(s)
}

fn ser_hosts<S: Serializer>(v: &[Host], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(v.iter().map(host_json))
}

fn ser_providers<S: Serializer>(v: &[Provider], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(v.iter().map(|p| p.key()))
}

/// A finding's position in the JSON: `{"status": "disputed", "party", "note", "updated"}`.
#[derive(Serialize)]
struct PositionJson<'a> {
    status: &'static str,
    party: &'a str,
    note: &'a str,
    updated: Option<crate::domain::date::Date>,
}

fn ser_position<S: Serializer>(v: &Option<Arc<Position>>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(p) => PositionJson {
            status: p.status.key(),
            party: &p.party,
            note: &p.note,
            updated: p.updated,
        }
        .serialize(s),
        None => s.serialize_none(),
    }
}

/// What one step of a walk is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepKind {
    /// The flow's entry: its own processing.
    Entry,
    /// A connection walked to a component met for the first time on this walk: the round
    /// trip and that component's processing (its own calls follow as further steps).
    Hop,
    /// A connection to a component already walked: the round trip and everything that
    /// component costs again (the formula counts a component once per path that reaches it).
    Again,
    /// A `parallel: true` connection slower branches hide: it runs beside the slowest one
    /// and adds nothing to the total.
    Overlapped,
}

/// One step of a walk. Indices are into `Map::components` and `Map::connections`.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub kind: StepKind,
    /// The connection walked (`None` for the entry).
    pub conn: Option<usize>,
    /// The calling component (`None` for the entry).
    pub from: Option<usize>,
    /// The component reached.
    pub to: usize,
    /// How deep in the call tree (entry = 0).
    pub depth: u32,
    /// How many times this hop happens per request of the flow (the product of `calls`
    /// along the path).
    pub times: f64,
    /// One round trip of the connection (0 for the entry).
    pub rtt_ms: f64,
    /// True when the connection crosses clouds.
    pub cross_cloud: bool,
    /// The reached component's processing per call, including the model work a contested
    /// runtime fetches from Azure under Microsoft's reading.
    pub processing_ms: f64,
    /// The part of `processing_ms` that is the round trip to that Azure model work (0 unless
    /// Microsoft's reading applies to the reached runtime).
    pub model_work_ms: f64,
    /// True when that model work crosses clouds (a contested runtime not on Azure).
    pub model_work_cross_cloud: bool,
    /// What this step adds to the flow's latency.
    pub adds_ms: f64,
    /// The running total after this step.
    pub total_ms: f64,
}
