//! A flow walked hop by hop, in the order its requests travel: what presentation mode steps
//! through. Computed from the same call tree, round trips and `T(c)` values as the flow's
//! latency (right after [`super::latency::run_flow`], from its workspace), so the running
//! total after the last step is the flow's `latency_ms`.

use super::graph::Graph;
use super::latency::{FlowRun, Network, Workspace};

pub use super::result::{Step, StepKind};

/// The steps of the flow `run` just computed with `ws` (call right after `run_flow`, before
/// the workspace computes another flow). Depth first, connections in file order.
pub fn steps(
    graph: &Graph,
    net: &Network,
    ws: &Workspace,
    run: &FlowRun,
    api_access: bool,
) -> Vec<Step> {
    let Some(&entry) = run.reached.first() else {
        return Vec::new();
    };
    let model_work = |v: usize| {
        if api_access {
            net.contested_rtt.get(v).copied().unwrap_or(0.0)
        } else {
            0.0
        }
    };
    let processing = |v: usize| net.proc_ms.get(v).copied().unwrap_or(0.0) + model_work(v);
    let mut out = Vec::with_capacity(run.tree_edges.len() + 1);
    let mut total = processing(entry);
    out.push(Step {
        kind: StepKind::Entry,
        conn: None,
        from: None,
        to: entry,
        depth: 0,
        times: 1.0,
        rtt_ms: 0.0,
        cross_cloud: false,
        processing_ms: processing(entry),
        model_work_ms: model_work(entry),
        model_work_cross_cloud: api_access && net.contested_hop.get(entry) == Some(&true),
        adds_ms: total,
        total_ms: total,
    });
    let mut walked = vec![false; graph.n];
    if let Some(w) = walked.get_mut(entry) {
        *w = true;
    }
    // (component, next edge position, times, depth, the parallel edge that counts).
    let mut stack = vec![(
        entry,
        0usize,
        1.0_f64,
        0u32,
        slowest_parallel(graph, net, ws, entry),
    )];
    while let Some(top) = stack.last_mut() {
        let (v, pos, times_v, depth, slowest) = *top;
        let Some(&e) = graph.sync_out.of(v).get(pos) else {
            stack.pop();
            continue;
        };
        top.1 += 1;
        if ws.is_cut(e) {
            continue;
        }
        let Some(edge) = graph.edges.get(e) else {
            continue;
        };
        let w = edge.to;
        let rtt = net.rtt.get(e).copied().unwrap_or(0.0);
        let times = times_v * edge.calls;
        let again = walked.get(w).copied().unwrap_or(true);
        let kind = if edge.parallel && slowest != Some(e) {
            StepKind::Overlapped
        } else if again {
            StepKind::Again
        } else {
            StepKind::Hop
        };
        let adds = match kind {
            StepKind::Overlapped | StepKind::Entry => 0.0,
            StepKind::Again => times * (rtt + ws.t_of(w)),
            StepKind::Hop => times * (rtt + processing(w)),
        };
        total += adds;
        out.push(Step {
            kind,
            conn: Some(edge.conn),
            from: Some(v),
            to: w,
            depth: depth + 1,
            times,
            rtt_ms: rtt,
            cross_cloud: net.cross_cloud.get(e).copied().unwrap_or(false),
            processing_ms: processing(w),
            model_work_ms: model_work(w),
            model_work_cross_cloud: api_access && net.contested_hop.get(w) == Some(&true),
            adds_ms: adds,
            total_ms: total,
        });
        if kind == StepKind::Hop {
            if let Some(x) = walked.get_mut(w) {
                *x = true;
            }
            stack.push((w, 0, times, depth + 1, slowest_parallel(graph, net, ws, w)));
        }
    }
    out
}

/// The parallel connection of `v` that counts (the slowest, the first of equals): the same
/// comparison as `run_flow`, on the same numbers.
fn slowest_parallel(graph: &Graph, net: &Network, ws: &Workspace, v: usize) -> Option<usize> {
    let mut best = None;
    let mut par_t = 0.0_f64;
    for &e in graph.sync_out.of(v) {
        if ws.is_cut(e) {
            continue;
        }
        let Some(edge) = graph.edges.get(e).filter(|x| x.parallel) else {
            continue;
        };
        let rtt = net.rtt.get(e).copied().unwrap_or(0.0);
        let ct = edge.calls * (rtt + ws.t_of(edge.to));
        if ct > par_t || best.is_none() && ct >= par_t {
            par_t = ct;
            best = Some(e);
        }
    }
    best
}
