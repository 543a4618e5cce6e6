//! The map as an index-based graph: built once per analysis, shared by every pass.

use crate::domain::ids::Id;
use crate::domain::model::{KindTag, Map};

/// From how many connections the analysis splits per-connection work over two threads (the
/// edge lists here, the per-edge figures in `latency`): below it, starting a thread costs
/// more than it saves.
pub const PARALLEL_EDGES: usize = 4096;

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

/// A `HashMap` with rustc's fast hasher, for maps keyed by ids and indices that live for one
/// analysis (no attacker chooses which ids a map holds to slow its own analysis).
pub type FxHashMap<K, V> = rustc_hash::FxHashMap<K, V>;

/// Edge lists of every component in one flat array (compressed sparse rows).
pub struct Adjacency {
    /// `start[v]..start[v + 1]` is the range of `v`'s edges in `list`.
    start: Vec<usize>,
    list: Vec<usize>,
}

impl Adjacency {
    /// Groups `items` (component, edge) by component, keeping their order within each.
    fn build(n: usize, items: impl Iterator<Item = (usize, usize)> + Clone) -> Self {
        let mut start = vec![0usize; n + 1];
        for (v, _) in items.clone() {
            if let Some(c) = start.get_mut(v + 1) {
                *c += 1;
            }
        }
        for v in 0..n {
            let before = start.get(v).copied().unwrap_or(0);
            if let Some(c) = start.get_mut(v + 1) {
                *c += before;
            }
        }
        let mut fill = start.clone();
        let mut list = vec![0usize; start.get(n).copied().unwrap_or(0)];
        for (v, e) in items {
            if let Some(at) = fill.get_mut(v)
                && let Some(slot) = list.get_mut(*at)
            {
                *slot = e;
                *at += 1;
            }
        }
        Self { start, list }
    }

    /// The edges (indices into `Graph::edges`) of component `v`; empty when out of range.
    pub fn of(&self, v: usize) -> &[usize] {
        match (self.start.get(v), self.start.get(v + 1)) {
            (Some(&a), Some(&b)) => self.list.get(a..b).unwrap_or(&[]),
            _ => &[],
        }
    }
}

/// Adjacency of the map's components (indices into `Map::components`).
pub struct Graph {
    pub n: usize,
    pub edges: Vec<Edge>,
    /// Synchronous edges leaving each component (indices into `edges`), in file order.
    pub sync_out: Adjacency,
    /// Every edge leaving each component.
    pub all_out: Adjacency,
    /// Every edge entering each component.
    pub all_in: Adjacency,
    /// Component index by id ([`Id::key`]).
    pub index: FxHashMap<usize, usize>,
    /// Each component's kind, side by side (checks test the kind of scattered neighbours).
    pub tags: Vec<KindTag>,
}

impl Graph {
    pub fn build(map: &Map) -> Self {
        let n = map.components.len();
        // Ids are interned: a connection end is found by its text's identity (no reading of
        // 60,000 scattered strings).
        let mut index: FxHashMap<usize, usize> =
            FxHashMap::with_capacity_and_hasher(n, rustc_hash::FxBuildHasher);
        for (i, c) in map.components.iter().enumerate() {
            // The last component of a duplicated id wins, as when collecting into a map.
            index.insert(c.id.key(), i);
        }
        let resolve = |id: &Id| index.get(&id.key()).copied();
        let tags = map.components.iter().map(|c| c.kind.tag()).collect();
        let mut edges = Vec::with_capacity(map.connections.len());
        for (conn, c) in map.connections.iter().enumerate() {
            let (Some(from), Some(to)) = (resolve(&c.from), resolve(&c.to)) else {
                continue;
            };
            let sync = c.kind.is_synchronous();
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
        }
        let numbered = || edges.iter().enumerate();
        // The three edge lists are independent: two are built on a second thread.
        let outgoing = || {
            (
                Adjacency::build(
                    n,
                    numbered().filter(|(_, x)| x.sync).map(|(e, x)| (x.from, e)),
                ),
                Adjacency::build(n, numbered().map(|(e, x)| (x.from, e))),
            )
        };
        let incoming = || Adjacency::build(n, numbered().map(|(e, x)| (x.to, e)));
        let ((sync_out, all_out), all_in) = if edges.len() < PARALLEL_EDGES {
            (outgoing(), incoming())
        } else {
            std::thread::scope(|scope| {
                let outgoing = scope.spawn(outgoing);
                let all_in = incoming();
                (super::joined(outgoing), all_in)
            })
        };
        Self {
            n,
            edges,
            sync_out,
            all_out,
            all_in,
            index,
            tags,
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
            for &e in self.all_out.of(v) {
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
        let mut cycles = self.sync_sccs();
        for c in &mut cycles {
            c.sort_unstable();
        }
        cycles.sort();
        cycles
    }

    /// The strongly connected components of the synchronous graph with more than one member,
    /// by petgraph's Tarjan (iterative: deep call chains do not grow the stack), run on the
    /// adjacency the analysis already has (no second graph is built), keeping only cycles.
    fn sync_sccs(&self) -> Vec<Vec<usize>> {
        let mut cycles = Vec::new();
        petgraph::algo::TarjanScc::new().run(SyncView(self), |scc| {
            if scc.len() > 1 {
                cycles.push(scc.to_vec());
            }
        });
        cycles
    }
}

/// The synchronous graph as petgraph sees a graph: nodes are component indices, neighbours
/// the targets of each component's synchronous edges.
#[derive(Clone, Copy)]
struct SyncView<'g>(&'g Graph);

/// The targets of one component's synchronous edges.
struct SyncTargets<'g> {
    edges: &'g [Edge],
    out: std::slice::Iter<'g, usize>,
}

impl Iterator for SyncTargets<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        self.out
            .by_ref()
            .find_map(|&e| self.edges.get(e).map(|edge| edge.to))
    }
}

impl petgraph::visit::GraphBase for SyncView<'_> {
    type EdgeId = usize;
    type NodeId = usize;
}

impl petgraph::visit::GraphRef for SyncView<'_> {}

impl<'g> petgraph::visit::IntoNeighbors for SyncView<'g> {
    type Neighbors = SyncTargets<'g>;

    fn neighbors(self, v: usize) -> SyncTargets<'g> {
        SyncTargets {
            edges: &self.0.edges,
            out: self.0.sync_out.of(v).iter(),
        }
    }
}

impl petgraph::visit::IntoNodeIdentifiers for SyncView<'_> {
    type NodeIdentifiers = std::ops::Range<usize>;

    fn node_identifiers(self) -> std::ops::Range<usize> {
        0..self.0.n
    }
}

impl petgraph::visit::NodeIndexable for SyncView<'_> {
    fn node_bound(&self) -> usize {
        self.0.n
    }

    fn to_index(&self, v: usize) -> usize {
        v
    }

    fn from_index(&self, i: usize) -> usize {
        i
    }
}
