//! The map as an index-based graph: built once per analysis, shared by every pass.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

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

/// A fast, non-cryptographic hasher (the `FxHash` mix) for maps keyed by ids and indices that
/// live for one analysis: no attacker chooses which ids a map holds to slow its own analysis.
#[derive(Clone, Copy, Debug, Default)]
pub struct FxHasher(u64);

const FX_SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(FX_SEED);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            for (d, s) in w.iter_mut().zip(rest) {
                *d = *s;
            }
            self.add(u64::from_le_bytes(w));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        // The mix leaves the low bits (the table's bucket) weak: finish with splitmix64's.
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

/// A `HashMap` with [`FxHasher`].
pub type FxHashMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

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
pub struct Graph<'m> {
    pub n: usize,
    pub edges: Vec<Edge>,
    /// Synchronous edges leaving each component (indices into `edges`), in file order.
    pub sync_out: Adjacency,
    /// Every edge leaving each component.
    pub all_out: Adjacency,
    /// Every edge entering each component.
    pub all_in: Adjacency,
    /// Component index by id.
    pub index: FxHashMap<&'m str, usize>,
}

impl<'m> Graph<'m> {
    pub fn build(map: &'m Map) -> Self {
        let n = map.components.len();
        let mut index: FxHashMap<&'m str, usize> =
            FxHashMap::with_capacity_and_hasher(n, BuildHasherDefault::default());
        for (i, c) in map.components.iter().enumerate() {
            // The last component of a duplicated id wins, as when collecting into a map.
            index.insert(c.id.as_str(), i);
        }
        let mut edges = Vec::with_capacity(map.connections.len());
        for (conn, c) in map.connections.iter().enumerate() {
            let (Some(&from), Some(&to)) = (index.get(c.from.as_str()), index.get(c.to.as_str()))
            else {
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
        let sync_out = Adjacency::build(
            n,
            numbered().filter(|(_, x)| x.sync).map(|(e, x)| (x.from, e)),
        );
        let all_out = Adjacency::build(n, numbered().map(|(e, x)| (x.from, e)));
        let all_in = Adjacency::build(n, numbered().map(|(e, x)| (x.to, e)));
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

    /// Tarjan's algorithm, iterative, over `sync_out`: the components with more than one
    /// member, in no particular order.
    fn sync_sccs(&self) -> Vec<Vec<usize>> {
        const UNSEEN: usize = usize::MAX;
        let n = self.n;
        let mut index = vec![UNSEEN; n];
        let mut low = vec![0usize; n];
        let mut on_stack = vec![false; n];
        let mut stack: Vec<usize> = Vec::new();
        let mut calls: Vec<(usize, usize)> = Vec::new();
        let mut next = 0usize;
        let mut out = Vec::new();
        for root in 0..n {
            if index.get(root) != Some(&UNSEEN) {
                continue;
            }
            calls.push((root, 0));
            while let Some(&mut (v, ref mut pos)) = calls.last_mut() {
                if *pos == 0 {
                    set_at(&mut index, v, next);
                    set_at(&mut low, v, next);
                    next += 1;
                    stack.push(v);
                    set_at(&mut on_stack, v, true);
                }
                let edges = self.sync_out.of(v);
                if let Some(&e) = edges.get(*pos) {
                    *pos += 1;
                    let Some(w) = self.edges.get(e).map(|x| x.to) else {
                        continue;
                    };
                    let wi = index.get(w).copied().unwrap_or(0);
                    if wi == UNSEEN {
                        calls.push((w, 0));
                    } else if on_stack.get(w).copied().unwrap_or(false) {
                        let lv = low.get(v).copied().unwrap_or(0);
                        set_at(&mut low, v, lv.min(wi));
                    }
                    continue;
                }
                calls.pop();
                let lv = low.get(v).copied().unwrap_or(0);
                if let Some(&(parent, _)) = calls.last() {
                    let lp = low.get(parent).copied().unwrap_or(0);
                    set_at(&mut low, parent, lp.min(lv));
                }
                if lv == index.get(v).copied().unwrap_or(0) {
                    let mut scc = Vec::new();
                    while let Some(w) = stack.pop() {
                        set_at(&mut on_stack, w, false);
                        scc.push(w);
                        if w == v {
                            break;
                        }
                    }
                    if scc.len() > 1 {
                        out.push(scc);
                    }
                }
            }
        }
        out
    }
}

fn set_at<T>(v: &mut [T], i: usize, value: T) {
    if let Some(x) = v.get_mut(i) {
        *x = value;
    }
}
