//! Round trips, processing times, each flow's call tree, latency, hops and egress
//! (`docs/latency.md`).

use super::Ctx;
use super::graph::{FxHashMap, Graph};
use super::placement::{Loc, Placement, locate, nearest_region};
pub use super::rtt::{RttModel, rtt_uncached};
use crate::domain::catalog::Catalog;
use crate::domain::model::{Access, Host, Kind, Provider};

/// The largest latency reported (ms, about 31,700 years): deeper call trees saturate here.
pub const MAX_MS: f64 = 1e15;

/// Figures per connection and per component, computed once per analysis.
#[derive(Clone)]
pub struct Network {
    /// Round trip per edge, for latency and as reported: between the effective hosts, or
    /// the catalog's unknown round trip (a guess) when an end cannot be placed — an
    /// unplaced component, or a host the catalog cannot locate. One rule for every view.
    pub rtt: Vec<f64>,
    /// True where [`Self::rtt`] is that guess.
    pub rtt_guessed: Vec<bool>,
    pub cross_cloud: Vec<bool>,
    pub cross_region: Vec<bool>,
    /// USD per GB moved over the edge (the mean of the two senders' prices: half each way).
    pub price_per_gb: Vec<f64>,
    /// Processing time per call of each component.
    pub proc_ms: Vec<f64>,
    /// For a contested runtime whose model work is not drawn (no model call of its own on
    /// the map): the round trip to the nearest Azure region, which the `ApiAccess` reading
    /// adds per use; 0 for every other component (drawn model calls carry their own hops).
    pub contested_rtt: Vec<f64>,
    /// Same runtimes, not on Azure: the `ApiAccess` reading adds one cross-cloud hop.
    pub contested_hop: Vec<bool>,
    /// For every contested runtime: the nearest Azure region and the round trip to it
    /// (what Microsoft's reading serves its model work from).
    pub azure: Vec<Option<(Host, f64)>>,
}

/// One flow to compute.
#[derive(Clone, Debug)]
pub struct FlowSpec {
    pub name: String,
    pub entry: Option<usize>,
    pub budget_ms: Option<f64>,
    pub requests_per_month: f64,
    pub implicit: bool,
}

/// A flow's figures under one reading.
#[derive(Clone, Debug, Default)]
pub struct FlowRun {
    pub latency_ms: f64,
    pub network_ms: f64,
    pub hops: u32,
    pub egress_usd: f64,
    /// Component indices from the entry along the largest contributions.
    pub critical_path: Vec<usize>,
    /// Edges (indices into `Graph::edges`) cut to break cycles.
    pub cut: Vec<usize>,
    /// Synchronous edges of the call tree (each once).
    pub tree_edges: Vec<usize>,
    /// Components reached synchronously (entry included), in discovery order.
    pub reached: Vec<usize>,
}

/// True for hosts whose hops can be cross-cloud: the four clouds and vendor services.
fn cloudish(p: Provider) -> bool {
    p.is_cloud() || p == Provider::Vendor
}

/// The processing time per call of a component (its own `latency_ms`, else per kind).
pub fn processing_ms(catalog: &Catalog, kind: &Kind, own: Option<f64>) -> f64 {
    if let Some(ms) = own.filter(|v| v.is_finite() && *v >= 0.0) {
        return ms;
    }
    let p = &catalog.latency.processing_ms;
    match kind {
        Kind::Client => p.client,
        Kind::Agent => p.agent,
        Kind::Gateway => p.gateway,
        Kind::ModelCall { access, .. } => match access {
            Access::StatelessApi => p.model_stateless_api,
            Access::Custom => p.model_custom,
            Access::OpenWeights => p.model_open_weights,
        },
        Kind::StatefulRuntime { .. } => p.stateful_runtime,
        Kind::AgentPlatform { .. } => p.agent_platform,
        Kind::StateStore { .. } => p.state_store,
        Kind::Tool { .. } => p.tool,
        Kind::DataSource { .. } => p.data_source,
        Kind::HumanApproval => p.human_approval,
    }
}

/// USD per GB for one half of an edge, charged at the sender's price for that path.
fn sender_price(
    catalog: &Catalog,
    sender: Option<Provider>,
    s: Option<Loc>,
    receiver: Option<Provider>,
    r: Option<Loc>,
) -> f64 {
    let (Some(sender), Some(receiver)) = (sender, receiver) else {
        return 0.0;
    };
    let Some(price) = catalog.egress_price(sender) else {
        return 0.0; // Device, OnPrem and Vendor senders cost 0.
    };
    if sender != receiver {
        return price.other_provider;
    }
    match (s, r) {
        (Some(a), Some(b)) if a.region == b.region => price.same_region,
        (Some(a), Some(b)) => {
            let group = |l: Loc| catalog.regions.get(l.region).map(|x| x.group.as_str());
            if group(a) == group(b) {
                price.same_group
            } else {
                price.other_group
            }
        }
        _ => price.same_region,
    }
}

impl Network {
    pub fn build(ctx: &Ctx<'_>, graph: &Graph, places: &[Placement], contested: &[bool]) -> Self {
        let catalog = ctx.catalog;
        let unknown = catalog.latency.unknown_rtt_ms;
        let mut model = RttModel::new(catalog);
        let mut net = Self {
            rtt: Vec::new(),
            rtt_guessed: Vec::new(),
            cross_cloud: Vec::new(),
            cross_region: Vec::new(),
            price_per_gb: Vec::new(),
            proc_ms: ctx
                .map
                .components
                .iter()
                .map(|c| processing_ms(catalog, &c.kind, c.latency_ms))
                .collect(),
            contested_rtt: vec![0.0; graph.n],
            contested_hop: vec![false; graph.n],
            azure: vec![None; graph.n],
        };
        // Each component's effective provider and dense location number, side by side: the
        // edge loop reads two per connection, in no particular order.
        let at: Vec<(Option<Provider>, Option<usize>)> = places
            .iter()
            .map(|p| {
                (
                    p.effective.as_ref().map(|h| h.provider),
                    p.loc.and_then(|l| model.number_of(l)),
                )
            })
            .collect();
        // The per-edge figures, in two halves side by side on a large map (each thread with
        // its own copy of the round-trip memo).
        let m = graph.edges.len();
        net.rtt = vec![0.0; m];
        net.rtt_guessed = vec![false; m];
        net.cross_cloud = vec![false; m];
        net.cross_region = vec![false; m];
        net.price_per_gb = vec![0.0; m];
        let mid = if m >= super::graph::PARALLEL_EDGES {
            m / 2
        } else {
            m
        };
        let (edges_a, edges_b) = graph.edges.split_at(mid);
        let (rtt_a, rtt_b) = net.rtt.split_at_mut(mid);
        let (guessed_a, guessed_b) = net.rtt_guessed.split_at_mut(mid);
        let (cloud_a, cloud_b) = net.cross_cloud.split_at_mut(mid);
        let (region_a, region_b) = net.cross_region.split_at_mut(mid);
        let (price_a, price_b) = net.price_per_gb.split_at_mut(mid);
        let first = EdgeOut {
            rtt: rtt_a,
            guessed: guessed_a,
            cross_cloud: cloud_a,
            cross_region: region_a,
            price_per_gb: price_a,
        };
        let second = EdgeOut {
            rtt: rtt_b,
            guessed: guessed_b,
            cross_cloud: cloud_b,
            cross_region: region_b,
            price_per_gb: price_b,
        };
        if edges_b.is_empty() {
            first.fill(&mut model, &at, edges_a);
        } else {
            let mut other = model.clone();
            std::thread::scope(|scope| {
                let side = scope.spawn(|| second.fill(&mut other, &at, edges_b));
                first.fill(&mut model, &at, edges_a);
                super::joined(side);
            });
        }
        let mut nearest_azure: FxHashMap<Option<(u64, u64)>, NearestAzure> = FxHashMap::default();
        for (i, p) in places.iter().enumerate() {
            let is_runtime = ctx
                .map
                .components
                .get(i)
                .is_some_and(|c| matches!(c.kind, Kind::StatefulRuntime { .. }));
            if !(is_runtime && contested.get(i).copied().unwrap_or(false)) {
                continue;
            }
            let on_azure = p
                .effective
                .as_ref()
                .is_some_and(|h| h.provider == Provider::Azure);
            // Contested runtimes share a few locations: the nearest Azure region of each once.
            let azure = nearest_azure
                .entry(p.loc.map(|l| (l.lat.to_bits(), l.lon.to_bits())))
                .or_insert_with(|| {
                    let host =
                        nearest_region(catalog, Provider::Azure, p.loc.map(|l| (l.lat, l.lon)))?;
                    let loc = locate(catalog, &host, None)?;
                    Some((host, loc))
                })
                .clone();
            let rtt = match (p.loc, &azure) {
                (Some(x), Some((_, y))) => model.between(x, *y),
                _ => unknown,
            };
            if let Some(slot) = net.azure.get_mut(i) {
                *slot = azure.map(|(h, _)| (h, rtt));
            }
            // Model work drawn as model calls of its own carries its own hops.
            let drawn_work = graph.sync_out.of(i).iter().any(|&e| {
                graph
                    .edges
                    .get(e)
                    .is_some_and(|edge| contested.get(edge.to).copied().unwrap_or(false))
            });
            if drawn_work {
                continue;
            }
            if let Some(v) = net.contested_rtt.get_mut(i) {
                *v = rtt;
            }
            if let Some(v) = net.contested_hop.get_mut(i) {
                *v = !on_azure;
            }
        }
        net
    }

    /// Moves some components to other hosts (the other reading of the contested clause):
    /// the figures of the edges touching them are computed for the new hosts and swapped in.
    /// Returns what was replaced, for [`Self::restore`].
    pub fn swap_hosts(
        &mut self,
        catalog: &Catalog,
        graph: &Graph,
        places: &[Placement],
        moved: &[(usize, Option<Provider>, Option<Loc>)],
    ) -> Vec<(usize, EdgeFigures)> {
        let mut model = RttModel::new(catalog);
        let moved_at: FxHashMap<usize, (Option<Provider>, Option<Loc>)> =
            moved.iter().map(|&(i, p, l)| (i, (p, l))).collect();
        let host_of = |model: &mut RttModel<'_>, v: usize| {
            if let Some(&(provider, loc)) = moved_at.get(&v) {
                return (provider, loc.and_then(|l| model.number_of(l)));
            }
            places.get(v).map_or((None, None), |p| {
                (
                    p.effective.as_ref().map(|h| h.provider),
                    p.loc.and_then(|l| model.number_of(l)),
                )
            })
        };
        let mut saved = Vec::new();
        let mut seen = rustc_hash::FxHashSet::default();
        for &(v, _, _) in moved {
            for &e in graph.all_out.of(v).iter().chain(graph.all_in.of(v)) {
                let Some(edge) = graph.edges.get(e) else {
                    continue;
                };
                if !seen.insert(e) {
                    continue;
                }
                let (a, b) = (host_of(&mut model, edge.from), host_of(&mut model, edge.to));
                let new = edge_figures(&mut model, a, b);
                saved.push((e, self.put(e, new)));
            }
        }
        saved
    }

    /// Puts back what [`Self::swap_hosts`] replaced.
    pub fn restore(&mut self, saved: Vec<(usize, EdgeFigures)>) {
        for (e, f) in saved {
            self.put(e, f);
        }
    }

    /// Sets one edge's figures; returns the old ones.
    fn put(&mut self, e: usize, f: EdgeFigures) -> EdgeFigures {
        let old = EdgeFigures {
            rtt: self.rtt.get(e).copied().unwrap_or(0.0),
            guessed: self.rtt_guessed.get(e).copied().unwrap_or(false),
            cross_cloud: self.cross_cloud.get(e).copied().unwrap_or(false),
            cross_region: self.cross_region.get(e).copied().unwrap_or(false),
            price_per_gb: self.price_per_gb.get(e).copied().unwrap_or(0.0),
        };
        if let Some(slot) = self.rtt.get_mut(e) {
            *slot = f.rtt;
        }
        if let Some(slot) = self.rtt_guessed.get_mut(e) {
            *slot = f.guessed;
        }
        if let Some(slot) = self.cross_cloud.get_mut(e) {
            *slot = f.cross_cloud;
        }
        if let Some(slot) = self.cross_region.get_mut(e) {
            *slot = f.cross_region;
        }
        if let Some(slot) = self.price_per_gb.get_mut(e) {
            *slot = f.price_per_gb;
        }
        old
    }
}

/// The nearest Azure region to a point, located.
type NearestAzure = Option<(Host, Loc)>;

/// The figures of one edge.
#[derive(Clone, Copy, Debug)]
pub struct EdgeFigures {
    rtt: f64,
    guessed: bool,
    cross_cloud: bool,
    cross_region: bool,
    price_per_gb: f64,
}

/// Round trip, crossings and egress price of an edge between two ends, each given as its
/// effective provider and dense location number.
fn edge_figures(
    model: &mut RttModel<'_>,
    (ha, na): (Option<Provider>, Option<usize>),
    (hb, nb): (Option<Provider>, Option<usize>),
) -> EdgeFigures {
    let catalog = model.catalog;
    let unknown = catalog.latency.unknown_rtt_ms;
    let (la, lb) = (na.and_then(|n| model.loc(n)), nb.and_then(|n| model.loc(n)));
    let (rtt, guessed) = match (na, nb) {
        (Some(x), Some(y)) => model
            .between_numbers(x, y)
            .map_or((unknown, true), |r| (r, false)),
        _ => (unknown, true),
    };
    let forward = sender_price(catalog, ha, la, hb, lb);
    let back = sender_price(catalog, hb, lb, ha, la);
    EdgeFigures {
        rtt,
        guessed,
        cross_cloud: match (ha, hb) {
            (Some(x), Some(y)) => cloudish(x) && cloudish(y) && x != y,
            _ => false,
        },
        cross_region: match (la, lb) {
            (Some(x), Some(y)) => x.region != y.region,
            _ => false,
        },
        price_per_gb: f64::midpoint(forward, back),
    }
}

/// Where the per-edge figures of a run of edges go.
struct EdgeOut<'a> {
    rtt: &'a mut [f64],
    guessed: &'a mut [bool],
    cross_cloud: &'a mut [bool],
    cross_region: &'a mut [bool],
    price_per_gb: &'a mut [f64],
}

impl EdgeOut<'_> {
    /// Round trip, crossings and egress price of each edge; `at` holds each component's
    /// effective provider and dense location number.
    fn fill(
        self,
        model: &mut RttModel<'_>,
        at: &[(Option<Provider>, Option<usize>)],
        edges: &[super::graph::Edge],
    ) {
        let slots = self
            .rtt
            .iter_mut()
            .zip(self.guessed.iter_mut())
            .zip(self.cross_cloud.iter_mut())
            .zip(self.cross_region.iter_mut())
            .zip(self.price_per_gb.iter_mut());
        for (e, ((((rtt, guessed), cross_cloud), cross_region), price)) in edges.iter().zip(slots) {
            let a = at.get(e.from).copied().unwrap_or((None, None));
            let b = at.get(e.to).copied().unwrap_or((None, None));
            let f = edge_figures(model, a, b);
            *rtt = f.rtt;
            *guessed = f.guessed;
            *cross_cloud = f.cross_cloud;
            *cross_region = f.cross_region;
            *price = f.price_per_gb;
        }
    }
}

/// Reusable buffers for computing many flows over one graph.
pub struct Workspace {
    stamp: u32,
    seen: Vec<u32>,
    done: Vec<u32>,
    cut: Vec<u32>,
    t: Vec<f64>,
    nw: Vec<f64>,
    best: Vec<usize>,
}

impl Workspace {
    pub fn new(graph: &Graph) -> Self {
        Self {
            stamp: 0,
            seen: vec![0; graph.n],
            done: vec![0; graph.n],
            cut: vec![0; graph.edges.len()],
            t: vec![0.0; graph.n],
            nw: vec![0.0; graph.n],
            best: vec![usize::MAX; graph.n],
        }
    }

    /// `T(v)` of the flow computed last (0 for a component it did not reach).
    pub fn t_of(&self, v: usize) -> f64 {
        if self.done.get(v) == Some(&self.stamp) {
            self.t.get(v).copied().unwrap_or(0.0)
        } else {
            0.0
        }
    }

    /// True when the flow computed last cut edge `e` to break a cycle.
    pub fn is_cut(&self, e: usize) -> bool {
        self.cut.get(e) == Some(&self.stamp)
    }
}

/// Computes one flow: DFS from the entry over synchronous edges (cycles cut at the edge that
/// closes them), T(c) in post-order (each component once: T does not depend on the path once
/// the cuts are fixed), then hops, egress and the critical path.
///
/// `api_access`: add each contested runtime's round trip to Azure per use, and its hop.
#[expect(
    clippy::too_many_lines,
    reason = "one DFS with the T(c) recurrence inline reads best in one piece"
)]
pub fn run_flow(
    graph: &Graph,
    net: &Network,
    ws: &mut Workspace,
    flow: &FlowSpec,
    api_access: bool,
) -> FlowRun {
    let mut run = FlowRun::default();
    let Some(entry) = flow.entry.filter(|&e| e < graph.n) else {
        return run;
    };
    ws.stamp = ws.stamp.wrapping_add(1);
    if ws.stamp == 0 {
        ws.seen.fill(0);
        ws.done.fill(0);
        ws.cut.fill(0);
        ws.stamp = 1;
    }
    let stamp = ws.stamp;
    let mut stack: Vec<(usize, usize)> = vec![(entry, 0)];
    set(&mut ws.seen, entry, stamp);
    run.reached.push(entry);
    while let Some(top) = stack.last_mut() {
        let (v, pos) = *top;
        let out = graph.sync_out.of(v);
        if let Some(&e) = out.get(pos) {
            top.1 += 1;
            run.tree_edges.push(e);
            let Some(w) = graph.edges.get(e).map(|x| x.to) else {
                continue;
            };
            if ws.seen.get(w) != Some(&stamp) {
                set(&mut ws.seen, w, stamp);
                run.reached.push(w);
                stack.push((w, 0));
            } else if ws.done.get(w) != Some(&stamp) {
                set(&mut ws.cut, e, stamp);
                run.cut.push(e);
            }
            continue;
        }
        // All children finished (or cut): compute T(v).
        let extra = if api_access {
            net.contested_rtt.get(v).copied().unwrap_or(0.0)
        } else {
            0.0
        };
        let mut t = net.proc_ms.get(v).copied().unwrap_or(0.0) + extra;
        let mut nw = extra;
        let mut par_t = 0.0_f64;
        let mut par_n = 0.0_f64;
        let mut best = usize::MAX;
        let mut best_c = f64::NEG_INFINITY;
        for &e in out {
            if ws.cut.get(e) == Some(&stamp) {
                continue;
            }
            let Some(edge) = graph.edges.get(e) else {
                continue;
            };
            let rtt = net.rtt.get(e).copied().unwrap_or(0.0);
            let ct = edge.calls * (rtt + ws.t.get(edge.to).copied().unwrap_or(0.0));
            let cn = edge.calls * (rtt + ws.nw.get(edge.to).copied().unwrap_or(0.0));
            if edge.parallel {
                if ct > par_t {
                    par_t = ct;
                    par_n = cn;
                }
            } else {
                t += ct;
                nw += cn;
            }
            if ct > best_c {
                best_c = ct;
                best = e;
            }
        }
        // Saturate: a deep chain of `calls > 1` grows geometrically; keep the numbers finite.
        set_f(&mut ws.t, v, (t + par_t).min(MAX_MS));
        set_f(&mut ws.nw, v, (nw + par_n).min(MAX_MS));
        if let Some(b) = ws.best.get_mut(v) {
            *b = best;
        }
        set(&mut ws.done, v, stamp);
        stack.pop();
    }
    run.latency_ms = ws.t.get(entry).copied().unwrap_or(0.0);
    run.network_ms = ws.nw.get(entry).copied().unwrap_or(0.0);
    let cross = run
        .tree_edges
        .iter()
        .filter(|&&e| net.cross_cloud.get(e).copied().unwrap_or(false))
        .count();
    let contested_hops = if api_access {
        run.reached
            .iter()
            .filter(|&&v| net.contested_hop.get(v).copied().unwrap_or(false))
            .count()
    } else {
        0
    };
    run.hops = u32::try_from(cross + contested_hops).unwrap_or(u32::MAX);
    run.egress_usd = run
        .tree_edges
        .iter()
        .filter_map(|&e| edge_egress(graph, net, e, flow.requests_per_month))
        .sum();
    // Critical path: follow the largest contribution (a DAG once cut; bounded anyway).
    let mut v = entry;
    run.critical_path.push(v);
    for _ in 0..graph.n {
        let b = ws.best.get(v).copied().unwrap_or(usize::MAX);
        let Some(edge) = graph.edges.get(b) else {
            break;
        };
        v = edge.to;
        run.critical_path.push(v);
    }
    run
}

/// Monthly egress (USD) of one edge for a flow's request volume.
pub fn edge_egress(graph: &Graph, net: &Network, e: usize, requests_per_month: f64) -> Option<f64> {
    let edge = graph.edges.get(e)?;
    let gb = requests_per_month * edge.calls * edge.payload_kb * 1000.0 / 1e9;
    Some(gb * net.price_per_gb.get(e).copied().unwrap_or(0.0))
}

fn set(v: &mut [u32], i: usize, stamp: u32) {
    if let Some(x) = v.get_mut(i) {
        *x = stamp;
    }
}

fn set_f(v: &mut [f64], i: usize, value: f64) {
    if let Some(x) = v.get_mut(i) {
        *x = value;
    }
}
