//! The map as an index-based graph: built once per analysis, shared by every pass.

use std::collections::HashMap;

use petgraph::graph::{DiGraph, NodeIndex};

use crate::domain::model::Map;

/// One connection, by component indices.
#[derive(Clone, Copy, Debug)]
pub struct Edge {
    /// Index in `Map::connections`.
    pub conn: usize,
    pub from: usize,
    pub to: usize,
    pub sync: bool,
    pub calls: f64,
    pub payload_kb: f64,
    pub parallel: bool,
}

/// Adjacency of the map's components (indices into `Map::components`).
pub struct Graph<'m> {
    pub n: usize,
    pub edges: Vec<Edge>,
    /// Synchronous edges leaving each component (indices into `edges`), in file order.
    pub sync_out: Vec<Vec<usize>>,
    /// Every edge leaving each component.
    pub all_out: Vec<Vec<usize>>,
    /// Every edge entering each component.
    pub all_in: Vec<Vec<usize>>,
    /// Component index by id.
    pub index: HashMap<&'m str, usize>,
}

impl<'m> Graph<'m> {
    pub fn build(map: &'m Map) -> Self {
        let n = map.components.len();
        let index: HashMap<&'m str, usize> = map
            .components
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i))
            .collect();
        let mut edges = Vec::with_capacity(map.connections.len());
        let mut sync_out = vec![Vec::new(); n];
        let mut all_out = vec![Vec::new(); n];
        let mut all_in = vec![Vec::new(); n];
        for (conn, c) in map.connections.iter().enumerate() {
            let (Some(&from), Some(&to)) = (index.get(c.from.as_str()), index.get(c.to.as_str()))
            else {
                continue;
            };
            let sync = c.kind.is_synchronous();
            let e = edges.len();
            edges.push(Edge {
                conn,
                from,
                to,
                sync,
                calls: if c.calls.is_finite() && c.calls > 0.0 {
                    c.calls
                } else {
                    1.0
                },
                payload_kb: if c.payload_kb.is_finite() && c.payload_kb >= 0.0 {
                    c.payload_kb
                } else {
                    0.0
                },
                parallel: c.parallel,
            });
            if let Some(v) = all_out.get_mut(from) {
                v.push(e);
            }
            if let Some(v) = all_in.get_mut(to) {
                v.push(e);
            }
            if sync && let Some(v) = sync_out.get_mut(from) {
                v.push(e);
            }
        }
        Self {
            n,
            edges,
            sync_out,
            all_out,
            all_in,
            index,
        }
    }

    /// Components reachable from `start` along connections of any kind (start included),
    /// as a membership vector.
    pub fn reachable_any(&self, start: usize) -> Vec<bool> {
        let mut seen = vec![false; self.n];
        let mut stack = vec![start];
        if let Some(s) = seen.get_mut(start) {
            *s = true;
        }
        while let Some(v) = stack.pop() {
            for &e in self.all_out.get(v).map_or(&[][..], Vec::as_slice) {
                if let Some(edge) = self.edges.get(e)
                    && let Some(s) = seen.get_mut(edge.to)
                    && !*s
                {
                    *s = true;
                    stack.push(edge.to);
                }
            }
        }
        seen
    }

    /// Strongly connected components of the synchronous graph with more than one member
    /// (the synchronous cycles), each sorted by component index, in order of first member.
    pub fn sync_cycles(&self) -> Vec<Vec<usize>> {
        let mut g: DiGraph<(), ()> = DiGraph::with_capacity(self.n, self.edges.len());
        for _ in 0..self.n {
            g.add_node(());
        }
        for e in self.edges.iter().filter(|e| e.sync) {
            g.add_edge(NodeIndex::new(e.from), NodeIndex::new(e.to), ());
        }
        let mut cycles: Vec<Vec<usize>> = petgraph::algo::tarjan_scc(&g)
            .into_iter()
            .filter(|scc| scc.len() > 1)
            .map(|scc| {
                let mut v: Vec<usize> = scc.into_iter().map(NodeIndex::index).collect();
                v.sort_unstable();
                v
            })
            .collect();
        cycles.sort();
        cycles
    }
}
