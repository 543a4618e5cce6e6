//! Stable ids for the items of a map (format 1 gives connections, flows and notes none,
//! and zone and component ids can be renamed): which item of a changed map is which item
//! of the map before, so the live document updates an item instead of replacing it.

use similar::DiffOp;
use similar::algorithms::{Capture, Replace, myers};

use crate::domain::model::Map;

/// One uid per item, aligned with the map's lists.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Uids {
    pub zones: Vec<String>,
    pub components: Vec<String>,
    pub connections: Vec<String>,
    pub flows: Vec<String>,
    pub notes: Vec<String>,
}

impl Uids {
    /// Fresh uids for every item of a map.
    pub fn fresh(map: &Map) -> Result<Self, String> {
        let n = |len: usize| (0..len).map(|_| new_uid()).collect::<Result<Vec<_>, _>>();
        Ok(Self {
            zones: n(map.zones.len())?,
            components: n(map.components.len())?,
            connections: n(map.connections.len())?,
            flows: n(map.flows.len())?,
            notes: n(map.notes.len())?,
        })
    }

    /// The uids of `new`, a changed version of `old` (whose uids are `self`): zones and
    /// components keep theirs by id; every list keeps them where the items stay equal
    /// (longest common subsequence) or were changed in place; new items get fresh ones.
    pub fn follow(&self, old: &Map, new: &Map) -> Result<Self, String> {
        Ok(Self {
            zones: by_id(&self.zones, &old.zones, &new.zones, |z| z.id.key())?,
            components: by_id(&self.components, &old.components, &new.components, |c| {
                c.id.key()
            })?,
            connections: by_position(&self.connections, &old.connections, &new.connections)?,
            flows: by_position(&self.flows, &old.flows, &new.flows)?,
            notes: by_position(&self.notes, &old.notes, &new.notes)?,
        })
    }
}

/// Where the items of `old` went in `new` (by uid), for the undo history.
pub fn moves(old: &Uids, new: &Uids) -> crate::domain::edit_remap::Moves {
    use crate::domain::edit_remap::{Moves, Shift};
    let shift = |old: &[String], new: &[String]| {
        let at: rustc_hash::FxHashMap<&str, usize> = new
            .iter()
            .enumerate()
            .map(|(i, u)| (u.as_str(), i))
            .collect();
        Shift {
            to: old.iter().map(|u| at.get(u.as_str()).copied()).collect(),
            new_len: new.len(),
        }
    };
    Moves {
        zones: shift(&old.zones, &new.zones),
        components: shift(&old.components, &new.components),
        connections: shift(&old.connections, &new.connections),
        flows: shift(&old.flows, &new.flows),
        notes: shift(&old.notes, &new.notes),
    }
}

/// A new uid: 64 random bits from the operating system, in hex.
pub fn new_uid() -> Result<String, String> {
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes).map_err(|e| format!("the system's random source failed: {e}"))?;
    Ok(format!("{:016x}", u64::from_le_bytes(bytes)))
}

/// Items matched by their id; an item whose id is new takes the uid of an unmatched old
/// item at the same place (a rename), else a fresh one.
fn by_id<T>(
    uids: &[String],
    old: &[T],
    new: &[T],
    key: impl Fn(&T) -> usize,
) -> Result<Vec<String>, String> {
    let old_at: rustc_hash::FxHashMap<usize, usize> =
        old.iter().enumerate().map(|(i, t)| (key(t), i)).collect();
    let new_keys: rustc_hash::FxHashSet<usize> = new.iter().map(&key).collect();
    let mut out = Vec::with_capacity(new.len());
    let mut used = vec![false; old.len()];
    for (i, item) in new.iter().enumerate() {
        let matched = old_at.get(&key(item)).copied().filter(|&j| !used[j]);
        let renamed =
            || (i < old.len() && !used[i] && !new_keys.contains(&key(&old[i]))).then_some(i);
        match matched.or_else(renamed) {
            Some(j) if j < uids.len() => {
                used[j] = true;
                out.push(uids[j].clone());
            }
            _ => out.push(new_uid()?),
        }
    }
    Ok(out)
}

/// Items matched by equality in order; a run of changed items replacing a run of the same
/// length keeps its uids (edited in place).
fn by_position<T: PartialEq>(uids: &[String], old: &[T], new: &[T]) -> Result<Vec<String>, String> {
    let mut out = Vec::with_capacity(new.len());
    let uid = |j: usize| uids.get(j).cloned().map_or_else(new_uid, Ok);
    let mut hook = Replace::new(Capture::new());
    let Ok(()) = myers::diff(&mut hook, old, 0..old.len(), new, 0..new.len());
    for op in hook.into_inner().into_ops() {
        match op {
            DiffOp::Equal { old_index, len, .. } => {
                for k in 0..len {
                    out.push(uid(old_index + k)?);
                }
            }
            DiffOp::Insert { new_len, .. } => {
                for _ in 0..new_len {
                    out.push(new_uid()?);
                }
            }
            DiffOp::Delete { .. } => {}
            DiffOp::Replace {
                old_index,
                old_len,
                new_len,
                ..
            } => {
                for k in 0..new_len {
                    if k < old_len {
                        out.push(uid(old_index + k)?);
                    } else {
                        out.push(new_uid()?);
                    }
                }
            }
        }
    }
    Ok(out)
}
