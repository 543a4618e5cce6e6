//! Undo/redo: stacks of inverse edits, one entry per user gesture. Never serialized.

use super::edit::{Edit, EditError};
use super::model::Map;

/// Most undo steps kept; the oldest are dropped first.
pub const DEFAULT_CAP: usize = 500;

/// One undo step: the edit that reverts a gesture, the key it may merge under, and the
/// [`History::version`] undoing it returns to.
#[derive(Clone, Debug)]
struct Step {
    inverse: Edit,
    coalesce: Option<String>,
    before: u64,
}

/// The undo and redo stacks of one document.
#[derive(Clone, Debug)]
pub struct History {
    undo: Vec<Step>,
    /// Each redo edit with the version redoing it returns to.
    redo: Vec<(Edit, u64)>,
    cap: usize,
    /// While true, the next coalescing edit with the same key merges into the top step.
    open_coalesce: bool,
    /// See [`History::version`].
    version: u64,
    /// The next new version.
    next: u64,
}

impl Default for History {
    fn default() -> Self {
        Self::new(DEFAULT_CAP)
    }
}

impl History {
    pub fn new(cap: usize) -> Self {
        Self {
            undo: Vec::new(),
            redo: Vec::new(),
            cap: cap.max(1),
            open_coalesce: false,
            version: 0,
            next: 1,
        }
    }

    /// An id of the map's content as this history left it: every edit makes a new one, and
    /// undo and redo return to the one the map had then. So a document whose map was saved
    /// at version `v` is unsaved exactly when `version() != v` — undoing back to the saved
    /// content is not "unsaved".
    pub fn version(&self) -> u64 {
        self.version
    }

    fn new_version(&mut self) -> u64 {
        let v = self.next;
        self.next += 1;
        v
    }

    /// Applies one gesture's edit as one undo step (clears redo).
    pub fn apply(&mut self, map: &mut Map, edit: Edit) -> Result<(), EditError> {
        self.apply_coalescing(map, edit, None).map(|_| ())
    }

    /// Applies an edit; consecutive edits with the same `key` (e.g. the keystrokes typed
    /// into one field) merge into one undo step until [`History::break_coalescing`].
    /// Returns true when the edit started a new undo step (false: merged or no-op).
    pub fn apply_coalescing(
        &mut self,
        map: &mut Map,
        edit: Edit,
        key: Option<&str>,
    ) -> Result<bool, EditError> {
        if edit.is_noop() {
            return Ok(false);
        }
        let inverse = edit.apply(map)?;
        self.redo.clear();
        let merge = self.open_coalesce
            && key.is_some()
            && self
                .undo
                .last()
                .is_some_and(|top| top.coalesce.as_deref() == key);
        let before = self.version;
        self.version = self.new_version();
        if !merge {
            self.undo.push(Step {
                inverse,
                coalesce: key.map(str::to_owned),
                before,
            });
            if self.undo.len() > self.cap {
                let excess = self.undo.len() - self.cap;
                self.undo.drain(..excess);
            }
        }
        self.open_coalesce = key.is_some();
        Ok(!merge)
    }

    /// The map changed under the history (another seat's edits): every step follows its
    /// items to their new indices; a step whose item is gone is dropped. The map is a
    /// content never seen, and so is every content undo or redo now reaches (they hold the
    /// other seat's edits): each gets a new [`History::version`], so none passes for saved.
    pub fn remap(&mut self, moves: &super::edit_remap::Moves) {
        self.open_coalesce = false;
        let undo = std::mem::take(&mut self.undo);
        for step in undo {
            if let Some(inverse) = step.inverse.remap(moves) {
                let before = self.new_version();
                self.undo.push(Step {
                    inverse,
                    coalesce: step.coalesce,
                    before,
                });
            }
        }
        let redo = std::mem::take(&mut self.redo);
        for (edit, _) in redo {
            if let Some(edit) = edit.remap(moves) {
                let after = self.new_version();
                self.redo.push((edit, after));
            }
        }
        self.version = self.new_version();
    }

    /// Ends merging: the next edit starts a new undo step.
    pub fn break_coalescing(&mut self) {
        self.open_coalesce = false;
    }

    /// Reverts the last gesture. `Ok(false)` when there is nothing to undo.
    pub fn undo(&mut self, map: &mut Map) -> Result<bool, EditError> {
        self.open_coalesce = false;
        let Some(step) = self.undo.pop() else {
            return Ok(false);
        };
        match step.inverse.clone().apply(map) {
            Ok(redo) => {
                self.redo.push((redo, self.version));
                self.version = step.before;
                Ok(true)
            }
            Err(err) => {
                self.undo.push(step);
                Err(err)
            }
        }
    }

    /// Re-applies the last undone gesture. `Ok(false)` when there is nothing to redo.
    pub fn redo(&mut self, map: &mut Map) -> Result<bool, EditError> {
        self.open_coalesce = false;
        let Some((edit, after)) = self.redo.pop() else {
            return Ok(false);
        };
        match edit.clone().apply(map) {
            Ok(inverse) => {
                self.undo.push(Step {
                    inverse,
                    coalesce: None,
                    before: self.version,
                });
                self.version = after;
                Ok(true)
            }
            Err(err) => {
                self.redo.push((edit, after));
                Err(err)
            }
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }

    /// Forgets everything (a new document).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
        self.open_coalesce = false;
        self.version = self.new_version();
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::domain::ids::Id;
    use crate::domain::model::{
        Component, Connection, ConnectionKind, Host, Kind, Pos, Provider, Rect, Zone,
    };

    fn id(s: &str) -> Id {
        Id::new(s).unwrap()
    }

    fn base() -> Map {
        let mut map = Map::new("base");
        map.zones.push(Zone {
            id: id("z0"),
            label: "Z0".into(),
            host: Host::new(Provider::Aws, None),
            rect: Some(Rect::new(0.0, 0.0, 500.0, 400.0)),
        });
        for n in 0..4 {
            let mut c = Component::new(id(&format!("c{n}")), format!("C{n}"), Kind::Agent);
            c.pos = Some(Pos::new(50.0 * f64::from(n), 60.0));
            if n % 2 == 0 {
                c.zone = Some(id("z0"));
            }
            map.components.push(c);
        }
        map.connections.push(Connection::new(id("c0"), id("c1")));
        map
    }

    /// A random edit built from small numbers; many are invalid on purpose (refused edits
    /// must leave the map alone).
    fn edit_from(op: u8, a: u8, b: u8, x: i16, map: &Map) -> Edit {
        let comp = |i: u8| {
            map.components
                .get(usize::from(i) % map.components.len().max(1))
                .map_or_else(|| id("c0"), |c| c.id.clone())
        };
        match op % 10 {
            0 => {
                let mut c = Component::new(map.unique_id("n"), "new", Kind::Gateway);
                c.pos = Some(Pos::new(f64::from(x), f64::from(a)));
                if b.is_multiple_of(2) && !map.zones.is_empty() {
                    c.zone = Some(map.zones[0].id.clone());
                }
                Edit::AddComponent {
                    component: c,
                    index: Some(usize::from(a) % (map.components.len() + 1)),
                }
            }
            1 => Edit::RemoveComponents {
                ids: vec![comp(a), comp(b)],
            },
            2 => Edit::MoveComponents {
                moves: vec![(comp(a), Some(Pos::new(f64::from(x) * 0.37, 1.5)))],
            },
            3 => Edit::AddConnection {
                connection: Connection {
                    kind: ConnectionKind::StateRead,
                    ..Connection::new(comp(a), comp(b))
                },
                index: None,
            },
            4 => Edit::RemoveConnection {
                index: usize::from(a) % (map.connections.len() + 1),
            },
            5 => match map.zones.first() {
                Some(z) => Edit::MoveZone {
                    id: z.id.clone(),
                    to: Pos::new(f64::from(x) * 0.1, 3.3),
                },
                None => Edit::SetTitle(format!("t{x}")),
            },
            6 => match map.zones.first() {
                Some(z) => Edit::RemoveZone { id: z.id.clone() },
                None => Edit::AddZone {
                    zone: Zone {
                        id: map.unique_id("z"),
                        label: "Z".into(),
                        host: Host::new(Provider::Gcp, None),
                        rect: None,
                    },
                    index: None,
                },
            },
            7 => {
                let mut c = map
                    .component(&comp(a))
                    .cloned()
                    .unwrap_or_else(|| Component::new(id("c0"), "x", Kind::Client));
                c.label = format!("renamed {x}");
                if b.is_multiple_of(3) {
                    c.id = map.unique_id("renamed");
                }
                Edit::SetComponent {
                    id: comp(a),
                    component: c,
                }
            }
            8 => Edit::Batch(vec![
                Edit::SetTitle(format!("batch {x}")),
                Edit::MoveComponents {
                    moves: vec![(comp(b), None)],
                },
            ]),
            _ => Edit::AddFlow {
                flow: crate::domain::model::Flow::new(format!("f{x}"), comp(a)),
                index: None,
            },
        }
    }

    proptest! {
        #[test]
        fn undo_all_gives_the_original_and_redo_all_the_final(
            ops in proptest::collection::vec((any::<u8>(), any::<u8>(), any::<u8>(), any::<i16>()), 1..40)
        ) {
            let original = base();
            let mut map = original.clone();
            let mut history = History::new(1000);
            for (op, a, b, x) in ops {
                let edit = edit_from(op, a, b, x, &map);
                let before = map.clone();
                if history.apply(&mut map, edit).is_err() {
                    prop_assert_eq!(&map, &before, "a refused edit changed the map");
                }
            }
            let last = map.clone();
            while history.undo(&mut map).unwrap() {}
            prop_assert_eq!(&map, &original);
            while history.redo(&mut map).unwrap() {}
            prop_assert_eq!(&map, &last);
        }
    }

    #[test]
    fn keystrokes_in_one_field_are_one_step_and_a_new_edit_clears_redo() {
        let mut map = base();
        let mut h = History::default();
        for t in ["a", "ab", "abc"] {
            h.apply_coalescing(&mut map, Edit::SetTitle(t.into()), Some("title"))
                .unwrap();
        }
        assert_eq!(h.undo_len(), 1);
        h.break_coalescing();
        h.apply_coalescing(&mut map, Edit::SetTitle("x".into()), Some("title"))
            .unwrap();
        assert_eq!(h.undo_len(), 2);
        assert!(h.undo(&mut map).unwrap());
        assert!(h.undo(&mut map).unwrap());
        assert_eq!(map.title, "base");
        assert!(h.can_redo());
        h.apply(&mut map, Edit::SetTitle("y".into())).unwrap();
        assert!(!h.can_redo());
    }

    #[test]
    fn versions_return_with_undo_and_redo_and_every_edit_makes_a_new_one() {
        let mut map = base();
        let mut h = History::default();
        let saved = h.version();
        h.apply(&mut map, Edit::SetTitle("a".into())).unwrap();
        let a = h.version();
        assert_ne!(a, saved);
        // Typing merged into the same step is still a new content.
        h.apply_coalescing(&mut map, Edit::SetTitle("b".into()), Some("t"))
            .unwrap();
        h.apply_coalescing(&mut map, Edit::SetTitle("bc".into()), Some("t"))
            .unwrap();
        let bc = h.version();
        assert_ne!(bc, a);
        assert!(h.undo(&mut map).unwrap());
        assert_eq!(h.version(), a);
        assert!(h.undo(&mut map).unwrap());
        assert_eq!(h.version(), saved, "undone back to the saved content");
        assert!(h.redo(&mut map).unwrap());
        assert_eq!(h.version(), a);
        // A new edit after undoing is a content never seen, even if redo had one.
        h.apply(&mut map, Edit::SetTitle("z".into())).unwrap();
        assert!(![saved, a, bc].contains(&h.version()));
        // A no-op (an empty batch) leaves the version.
        let v = h.version();
        h.apply(&mut map, Edit::Batch(Vec::new())).unwrap();
        assert_eq!(h.version(), v);
    }

    #[test]
    fn the_cap_drops_the_oldest_steps() {
        let mut map = base();
        let mut h = History::new(3);
        for n in 0..5 {
            h.apply(&mut map, Edit::SetTitle(format!("{n}"))).unwrap();
        }
        assert_eq!(h.undo_len(), 3);
        while h.undo(&mut map).unwrap() {}
        assert_eq!(map.title, "1");
    }
}
