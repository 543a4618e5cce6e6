//! An edit's list indices after the map changed under it (another seat of a live session
//! added or removed items): an undo step keeps undoing the item it was made for, or is
//! dropped when that item is gone. Pure: the caller says where each item went.

use super::edit::Edit;

/// Where the items of one list went: old index → new index (`None`: removed).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Shift {
    pub to: Vec<Option<usize>>,
    pub new_len: usize,
}

impl Shift {
    /// The new index of the item that was at `old`.
    pub fn item(&self, old: usize) -> Option<usize> {
        self.to.get(old).copied().flatten()
    }

    /// Where an insertion at `old` goes now: before the item that was there (or the first
    /// one after it that is still there), else at the end.
    pub fn slot(&self, old: usize) -> usize {
        self.to
            .iter()
            .skip(old)
            .find_map(|t| *t)
            .unwrap_or(self.new_len)
    }
}

/// Where the items of every list went.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Moves {
    pub zones: Shift,
    pub components: Shift,
    pub connections: Shift,
    pub flows: Shift,
    pub notes: Shift,
}

impl Edit {
    /// The same edit on the changed map; `None` when an item it names by index is gone.
    /// Edits that name items by id need no change (a missing id is refused when applied).
    pub fn remap(self, m: &Moves) -> Option<Self> {
        let slot = |s: &Shift, index: Option<usize>| index.map(|i| s.slot(i));
        Some(match self {
            Self::AddComponent { component, index } => Self::AddComponent {
                component,
                index: slot(&m.components, index),
            },
            Self::AddZone { zone, index } => Self::AddZone {
                zone,
                index: slot(&m.zones, index),
            },
            Self::AddConnection { connection, index } => Self::AddConnection {
                connection,
                index: slot(&m.connections, index),
            },
            Self::RemoveConnection { index } => Self::RemoveConnection {
                index: m.connections.item(index)?,
            },
            Self::SetConnection { index, connection } => Self::SetConnection {
                index: m.connections.item(index)?,
                connection,
            },
            Self::AddFlow { flow, index } => Self::AddFlow {
                flow,
                index: slot(&m.flows, index),
            },
            Self::RemoveFlow { index } => Self::RemoveFlow {
                index: m.flows.item(index)?,
            },
            Self::SetFlow { index, flow } => Self::SetFlow {
                index: m.flows.item(index)?,
                flow,
            },
            Self::AddNote { note, index } => Self::AddNote {
                note,
                index: slot(&m.notes, index),
            },
            Self::RemoveNote { index } => Self::RemoveNote {
                index: m.notes.item(index)?,
            },
            Self::SetNote { index, note } => Self::SetNote {
                index: m.notes.item(index)?,
                note,
            },
            Self::Batch(edits) => Self::Batch(
                edits
                    .into_iter()
                    .map(|e| e.remap(m))
                    .collect::<Option<Vec<_>>>()?,
            ),
            other => other,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_undo_step_follows_its_item_or_is_dropped() {
        // Another seat inserted a note before ours (old 0 → new 1) and removed note 1.
        let notes = Shift {
            to: vec![Some(1), None],
            new_len: 2,
        };
        let m = Moves {
            notes,
            ..Moves::default()
        };
        assert_eq!(
            Edit::RemoveNote { index: 0 }.remap(&m),
            Some(Edit::RemoveNote { index: 1 })
        );
        assert_eq!(Edit::RemoveNote { index: 1 }.remap(&m), None);
        assert_eq!(m.notes.slot(1), 2);
    }
}
