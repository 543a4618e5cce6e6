//! The analysis: obligations and effective hosts, latency and egress, lock-in and
//! governance, as pure functions of (map, rule pack, catalog, scenario).
//!
//! Passes: [`graph`] (indices, adjacency), [`hosting`] (obligations, effective hosts, the
//! contested reading), [`latency`] (round trips, flows), [`checks`] (structural rules, lock-in)
//! and [`questions`] (the five CIO questions).

pub mod check_state;
pub mod checks;
pub mod drift;
pub mod finding;
pub mod governance;
pub mod graph;
pub mod hosting;
pub mod latency;
pub mod latency_checks;
pub mod negotiation;
pub mod offer;
pub mod placement;
pub mod questions;
pub mod result;
pub mod rtt;
mod sources;
pub mod values;
pub mod walk;

pub use crate::domain::scenario::{Down, FINGERPRINT_SHORT_DIGITS, short_fingerprint};
pub use result::{
    Analysis, Category, ComponentResult, ConnectionResult, Finding, FlowResult, Severity, Status,
    Summary,
};

use crate::domain::catalog::Catalog;
use crate::domain::date::Date;
use crate::domain::model::{Interpretation, Kind, Map, Party, Provider};
use crate::domain::offerings::Offerings;
use crate::domain::rules::RulePack;
use crate::domain::scenario::Resolved;

use graph::Graph;
use latency::{FlowRun, FlowSpec, Network, Workspace};
use placement::Placement;

/// Everything a pass needs to know about the question asked.
pub struct Ctx<'a> {
    pub map: &'a Map,
    pub catalog: &'a Catalog,
    pub pack: &'a RulePack,
    pub as_of: Date,
    pub interpretation: Interpretation,
    pub offerings: &'a Offerings,
}

/// The flows to compute: the declared ones, or one implicit flow per `Client`.
fn flow_specs(map: &Map, graph: &Graph) -> Vec<FlowSpec> {
    if map.flows.is_empty() {
        return map
            .components
            .iter()
            .enumerate()
            .filter(|(_, c)| matches!(c.kind, Kind::Client))
            .map(|(i, c)| FlowSpec {
                name: c.label.clone(),
                entry: Some(i),
                budget_ms: None,
                requests_per_month: crate::domain::model::DEFAULT_REQUESTS_PER_MONTH,
                implicit: true,
            })
            .collect();
    }
    map.flows
        .iter()
        .map(|f| FlowSpec {
            name: f.name.clone(),
            entry: graph.index.get(&f.entry.key()).copied(),
            budget_ms: f.budget_ms.filter(|b| b.is_finite()),
            requests_per_month: if f.requests_per_month.is_finite() && f.requests_per_month >= 0.0 {
                f.requests_per_month
            } else {
                0.0
            },
            implicit: false,
        })
        .collect()
}

/// True when a placement's effective host is marked down.
fn is_down(catalog: &Catalog, p: &Placement, down: &[Down]) -> bool {
    let Some(host) = &p.effective else {
        return false;
    };
    let loc_region = p
        .loc
        .and_then(|l| catalog.regions.get(l.region))
        .map(|r| r.id.as_str());
    down.iter().any(|d| match d {
        Down::Provider(x) => host.provider == *x || p.loc.is_some_and(|l| l.provider == *x),
        // A region is a cloud's data centre: a device or a site that merely names the
        // nearest metro is not down with it.
        Down::Region(r) => {
            (host.provider.is_cloud() || host.provider == Provider::Vendor)
                && (host.region.as_deref() == Some(r.as_str()) || loc_region == Some(r.as_str()))
        }
    })
}

/// Analyses a map under a scenario: the one analysis every view shows (the CLI, the
/// exports, the window), fingerprint and provenance included. The scenario was resolved
/// once, by [`Resolved::new`]: nothing here chooses a default or reads the clock.
pub fn analyze(map: &Map, catalog: &Catalog, scenario: &Resolved) -> Analysis {
    let mut analysis = compute(map, catalog, scenario);
    stamp(&mut analysis, map, catalog, scenario);
    analysis
}

/// Writes on an analysis of `map` under `scenario` what binds it to its inputs: the
/// fingerprint, and where the rule pack and the catalog came from when they are not the
/// built-in ones.
pub fn stamp(analysis: &mut Analysis, map: &Map, catalog: &Catalog, scenario: &Resolved) {
    analysis.fingerprint = Some(scenario.fingerprint(map, catalog).hex());
    analysis.rule_pack.provenance =
        scenario
            .pack_origin
            .provenance("rule pack", "--rules", crate::domain::rules::BUILTIN_ID);
    analysis.offerings.provenance = scenario.offerings_origin.provenance(
        "offerings catalog",
        "--offerings",
        crate::domain::offerings::BUILTIN_ID,
    );
}

impl Resolved {
    /// Analyses a map under this scenario: [`analyze`].
    pub fn analyze(&self, map: &Map, catalog: &Catalog) -> Analysis {
        analyze(map, catalog, self)
    }
}

/// The passes, without the stamp.
#[expect(
    clippy::too_many_lines,
    reason = "the orchestration of the passes, kept in one place"
)]
fn compute(map: &Map, catalog: &Catalog, scenario: &Resolved) -> Analysis {
    let pack = scenario.pack.clone();
    let offerings = scenario.offerings.clone();
    let interpretation = scenario.interpretation;
    let as_of = scenario.as_of;
    let ctx = Ctx {
        map,
        catalog,
        pack: &pack,
        as_of,
        interpretation,
        offerings: &offerings,
    };
    let graph = Graph::build(map);
    // Three stretches run two passes side by side (the results do not depend on which thread
    // ran what: every pass is a pure function, and findings are sorted at the end).
    // 1. Beside the placements: the synchronous cycles, the placements on the next date the
    //    rules change and the lock-in score (none depends on today's placements).
    // A small map is analysed on the calling thread alone: threads pay off from
    // `graph::PARALLEL_EDGES` connections.
    let parallel = graph.edges.len() >= graph::PARALLEL_EDGES;
    let ((sync_cycles, later, lockin_score), (mut findings, contested, places, applied)) =
        side_by_side(
            parallel,
            || {
                (
                    graph.sync_cycles(),
                    questions::next_change(&ctx, &graph),
                    governance::lockin_score(&ctx),
                )
            },
            || {
                let mut findings = Vec::new();
                let contested = hosting::contested(&ctx, &graph);
                let mut places = hosting::place(&ctx, &contested, &mut findings);
                // Where the offerings are really sold and run: before any round trip is measured.
                let applied = offer::apply(&ctx, &mut places, &mut findings);
                (findings, contested, places, applied)
            },
        );
    // The per-connection figures (on two threads of their own on a large map).
    let mut net = Network::build(&ctx, &graph, &places, &contested);
    let specs = flow_specs(map, &graph);

    let api_access = interpretation == Interpretation::ApiAccess;
    let any_contested = contested.iter().any(|&c| c);
    let mut ws = Workspace::new(&graph);
    // Each flow's walk is read off the workspace right after its run (the same numbers).
    let (runs, mut walks): (Vec<FlowRun>, Vec<Vec<walk::Step>>) = specs
        .iter()
        .map(|f| {
            let run = latency::run_flow(&graph, &net, &mut ws, f, api_access);
            let steps = walk::steps(&graph, &net, &ws, &run, api_access);
            (run, steps)
        })
        .unzip();
    // The other reading moves the contested model calls (and so the hops to them): its
    // placements and figures, computed again only where they differ.
    let other_runs: Option<Vec<FlowRun>> = any_contested.then(|| {
        let other_ctx = Ctx {
            interpretation: other(interpretation),
            ..ctx
        };
        let moved = hosting::other_reading_hosts(&other_ctx, &contested);
        // The figures of the edges touching what moves, swapped in for the other reading's
        // runs and back out after (no copy of the whole network).
        let saved = net.swap_hosts(catalog, &graph, &places, &moved);
        let runs: Vec<FlowRun> = specs
            .iter()
            .map(|f| latency::run_flow(&graph, &net, &mut ws, f, !api_access))
            .collect();
        net.restore(saved);
        runs
    });
    let down: Vec<bool> = places
        .iter()
        .map(|p| !scenario.down.is_empty() && is_down(catalog, p, &scenario.down))
        .collect();

    // Per-connection egress, summed over the flows whose call tree uses it.
    let mut conn_egress = vec![0.0; map.connections.len()];
    for (spec, run) in specs.iter().zip(&runs) {
        for &e in &run.tree_edges {
            if let (Some(edge), Some(usd)) = (
                graph.edges.get(e),
                latency::edge_egress(&graph, &net, e, spec.requests_per_month),
            ) && let Some(slot) = conn_egress.get_mut(edge.conn)
            {
                *slot += usd;
            }
        }
    }

    let id_of = |i: usize| map.components.get(i).map(|c| c.id.clone());
    let flows: Vec<FlowResult> = specs
        .iter()
        .zip(&runs)
        .enumerate()
        .map(|(k, (spec, run))| {
            let touches = run
                .reached
                .iter()
                .any(|&v| contested.get(v).copied().unwrap_or(false));
            let other_reading = other_runs
                .as_ref()
                .and_then(|o| o.get(k))
                .filter(|_| touches)
                .map(|o| result::ReadingFigures {
                    interpretation: other(interpretation),
                    latency_ms: round2(o.latency_ms),
                    cross_cloud_hops: o.hops,
                    egress_usd_per_month: round2(o.egress_usd),
                });
            let broken_by: Vec<_> = run
                .reached
                .iter()
                .copied()
                .filter(|&v| down.get(v).copied().unwrap_or(false))
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .filter_map(id_of)
                .collect();
            FlowResult {
                name: spec.name.clone(),
                entry: spec
                    .entry
                    .and_then(id_of)
                    .unwrap_or_else(|| crate::domain::ids::Id::slugify(&spec.name)),
                implicit: spec.implicit,
                latency_ms: round2(run.latency_ms),
                network_ms: round2(run.network_ms),
                cross_cloud_hops: run.hops,
                budget_ms: spec.budget_ms,
                over_budget: latency_checks::over_budget(run.latency_ms, spec.budget_ms),
                egress_usd_per_month: round2(run.egress_usd),
                critical_path: run
                    .critical_path
                    .iter()
                    .copied()
                    .filter_map(id_of)
                    .collect(),
                broken: !broken_by.is_empty(),
                broken_by,
                other_reading,
                walk: walks.get_mut(k).map(std::mem::take).unwrap_or_default(),
            }
        })
        .collect();

    let state = check_state::State {
        ctx: &ctx,
        graph: &graph,
        places: &places,
        net: &net,
        contested: &contested,
        specs: &specs,
        runs: &runs,
        other_runs: other_runs.as_deref(),
        conn_egress: &conn_egress,
    };
    // 2. The latency checks here (one finding per cross-cloud connection: most findings);
    //    the structural checks and the per-connection results beside them (the thread with
    //    fewer findings is the other one: freeing what another thread made costs more).
    let ((violations, structural, connections), ()) = side_by_side(
        parallel,
        || {
            let mut out = Vec::new();
            let violations = checks::run_structural(&state, &sync_cycles, &mut out);
            let connections = connection_results(map, &graph, &net, &conn_egress);
            (violations, out, connections)
        },
        || latency_checks::latency(&state, &mut findings),
    );
    findings.extend(structural);
    if let Some(deployed) = &scenario.deployed {
        drift::findings(&ctx, deployed, &mut findings);
    }
    // Positions that match no finding and no hosting decision any more (before the counts:
    // they are findings like any other).
    let decisions = map
        .components
        .iter()
        .zip(&places)
        .filter_map(|(c, p)| p.rule.as_ref().map(|r| (c.id.as_str(), r.as_str())))
        .chain(
            violations
                .iter()
                .chain(&applied.violations)
                .filter_map(|(i, r)| map.components.get(*i).map(|c| (c.id.as_str(), r.as_str()))),
        );
    let orphans = negotiation::orphans(&ctx, &findings, decisions);
    findings.extend(orphans);
    // 3. The order of the findings beside the summary's counts and the questions (which do
    //    not depend on the order).
    let (order, (summary, questions)) = side_by_side(
        parallel,
        || finding::sorted_order(&findings),
        || {
            (
                summary(&findings, &places, &graph, &net, lockin_score, api_access),
                questions::answer(&state, &findings, &flows, lockin_score, later.as_ref()),
            )
        },
    );
    let mut findings = finding::in_order(findings, &order);
    negotiation::attach(&map.negotiation, &mut findings);
    sources::cite_per_subject(&ctx, &graph, &applied.offers, &mut findings);
    let offer_cites = applied.cited;
    let offer_violations = applied.violations;

    // The placements are no longer read: their hosts move into the result.
    let mut components: Vec<ComponentResult> = map
        .components
        .iter()
        .zip(places)
        .zip(applied.offers)
        .enumerate()
        .map(|(i, ((c, p), offer))| ComponentResult {
            id: c.id.clone(),
            kind: c.kind.tag().name(),
            drawn_host: p.drawn,
            effective_host: p.effective,
            obligation: p.obligation,
            status: p.status,
            rule: p.rule,
            // Under Microsoft's reading, a runtime's undrawn model work is served from Azure.
            model_work: (api_access && net.contested_rtt.get(i).copied().unwrap_or(0.0) > 0.0)
                .then(|| net.azure.get(i).cloned().flatten())
                .flatten()
                .map(|(host, rtt)| result::ModelWork {
                    served_from: host,
                    rtt_ms: round2(rtt),
                }),
            offering: offer
                .as_ref()
                .and_then(|o| o.index)
                .and_then(|k| offerings.offerings.get(k))
                .map(|o| result::OfferingInfo {
                    id: o.id.clone(),
                    status: o.status.key(),
                    scope: o.scope.label(),
                    operated_by: o.operated_by.map(Provider::key),
                    regions: o.regions.clone(),
                    processor: o.processor().map(Party::key),
                    requires: o.requires.iter().map(|r| r.key()).collect(),
                    source_url: o.page().url.clone(),
                }),
            processing: offer.and_then(|o| o.processing),
        })
        .collect();
    for (i, rule) in violations.into_iter().chain(offer_violations) {
        if let Some(c) = components.get_mut(i)
            && c.status != Status::Unplaced
            && c.status != Status::Violation
        {
            c.status = Status::Violation;
            c.rule = Some(rule);
        }
    }
    let sources = sources::sources(&ctx, &graph, &findings, &components, &offer_cites);
    Analysis {
        map: result::MapInfo {
            title: map.title.clone(),
            format: map.format,
        },
        rule_pack: result::PackInfo {
            id: pack.id.clone(),
            version: pack.version.clone(),
            provenance: None,
        },
        offerings: result::OfferingsInfo {
            id: offerings.id.clone(),
            verified_through: offerings.verified_through,
            provenance: None,
        },
        scenario: result::ScenarioInfo {
            interpretation,
            as_of,
        },
        summary,
        components,
        connections,
        flows,
        findings,
        sources,
        questions,
        fingerprint: None,
    }
}

/// One result per connection, in file order.
fn connection_results(
    map: &Map,
    graph: &Graph,
    net: &Network,
    conn_egress: &[f64],
) -> Vec<ConnectionResult> {
    let mut connections: Vec<ConnectionResult> = map
        .connections
        .iter()
        .map(|c| ConnectionResult {
            from: c.from.clone(),
            to: c.to.clone(),
            kind: c.kind,
            rtt_ms: 0.0,
            rtt_guessed: false,
            cross_cloud: false,
            cross_region: false,
            egress_usd_per_month: 0.0,
        })
        .collect();
    for (e, edge) in graph.edges.iter().enumerate() {
        if let Some(cr) = connections.get_mut(edge.conn) {
            cr.rtt_ms = round2(net.rtt.get(e).copied().unwrap_or(0.0));
            cr.rtt_guessed = net.rtt_guessed.get(e).copied().unwrap_or(true);
            cr.cross_cloud = net.cross_cloud.get(e).copied().unwrap_or(false);
            cr.cross_region = net.cross_region.get(e).copied().unwrap_or(false);
            cr.egress_usd_per_month = round2(conn_egress.get(edge.conn).copied().unwrap_or(0.0));
        }
    }
    connections
}

/// The counts of the summary.
fn summary(
    findings: &[Finding],
    places: &[Placement],
    graph: &Graph,
    net: &Network,
    lockin_score: u32,
    api_access: bool,
) -> Summary {
    let (mut errors, mut warnings, mut infos) = (0u32, 0u32, 0u32);
    for f in findings {
        let count = match f.severity {
            Severity::Error => &mut errors,
            Severity::Warning => &mut warnings,
            Severity::Info => &mut infos,
        };
        *count = count.saturating_add(1);
    }
    let mut providers: Vec<Provider> = places
        .iter()
        .filter_map(|p| p.effective.as_ref().map(|h| h.provider))
        .collect();
    // Under Microsoft's reading, undrawn model work is served from Azure.
    if net.contested_rtt.iter().any(|&rtt| rtt > 0.0) && api_access {
        providers.push(Provider::Azure);
    }
    providers.sort_by_key(|p| p.key());
    providers.dedup();
    let cross_cloud_connections = u32::try_from(
        graph
            .edges
            .iter()
            .zip(&net.cross_cloud)
            .filter(|(edge, cross)| edge.sync && **cross)
            .count(),
    )
    .unwrap_or(u32::MAX);
    Summary {
        errors,
        warnings,
        infos,
        cross_cloud_connections,
        lockin_score,
        providers,
    }
}

/// Runs `beside` on a scoped thread while `here` runs on this one (or both here, one after
/// the other, when `parallel` is false); returns both results.
fn side_by_side<A: Send, B>(
    parallel: bool,
    beside: impl FnOnce() -> A + Send,
    here: impl FnOnce() -> B,
) -> (A, B) {
    if !parallel {
        let a = beside();
        return (a, here());
    }
    std::thread::scope(|scope| {
        let handle = scope.spawn(beside);
        let b = here();
        (joined(handle), b)
    })
}

/// The result of a pass run on another thread; a panic there goes on here.
pub(crate) fn joined<T>(handle: std::thread::ScopedJoinHandle<'_, T>) -> T {
    handle
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// The other reading of the contested clause.
pub fn other(i: Interpretation) -> Interpretation {
    match i {
        Interpretation::Runtime => Interpretation::ApiAccess,
        Interpretation::ApiAccess => Interpretation::Runtime,
    }
}

/// Rounds to 2 decimals (ms and USD are reported to the cent / hundredth of a ms), keeping
/// the result finite.
pub fn round2(v: f64) -> f64 {
    if v.is_finite() {
        (v * 100.0).round() / 100.0
    } else {
        0.0
    }
}
