//! The edits that canvas gestures produce (pure: map and geometry in, edit out).

use std::collections::HashSet;

use egui::Pos2;

use super::hit_test::{self, Geometry};
use super::{snap, to_pos};
use crate::domain::edit::Edit;
use crate::domain::ids::Id;
use crate::domain::model::{Component, KindTag, Map};

/// The edit that ends a move: positions, and zone changes for components dropped into
/// (or out of) a zone. One batch = one undo step.
pub fn move_edit(
    map: &Map,
    before: &Geometry,
    after: &Geometry,
    ids: &[Id],
    snap_on: bool,
) -> Edit {
    let set: HashSet<&Id> = ids.iter().collect();
    let mut moves = Vec::new();
    let mut replaced = Vec::new();
    for (i, c) in map.components.iter().enumerate() {
        if !set.contains(&c.id) {
            continue;
        }
        let Some(r) = after.components.get(i) else {
            continue;
        };
        let centre = snap(r.center(), snap_on);
        let zone = hit_test::zone_at(before, centre, None).and_then(|zi| map.zones.get(zi));
        let new_zone = zone.map(|z| z.id.clone());
        if new_zone == c.zone {
            moves.push((c.id.clone(), Some(to_pos(centre))));
        } else {
            let mut changed: Component = c.clone();
            changed.pos = Some(to_pos(centre));
            if let Some(z) = zone {
                changed.zone = Some(z.id.clone());
                changed.host = None;
            } else {
                // Leaving a zone keeps the host it had there.
                changed.host = map.drawn_host(c);
                changed.zone = None;
            }
            replaced.push(Edit::SetComponent {
                id: c.id.clone(),
                component: changed,
            });
        }
    }
    let mut edits = vec![Edit::MoveComponents { moves }];
    edits.extend(replaced);
    Edit::Batch(edits)
}

/// A new component of `kind` at a world point, in the zone there (if any).
pub fn add_component_edit(
    map: &Map,
    geo: &Geometry,
    kind: KindTag,
    at: Pos2,
    snap_on: bool,
) -> (Edit, Id) {
    let label = kind.label();
    let id = map.unique_id(label);
    let mut c = Component::new(id.clone(), label, kind.default_kind());
    let at = snap(at, snap_on);
    c.pos = Some(to_pos(at));
    if let Some(z) = hit_test::zone_at(geo, at, None).and_then(|zi| map.zones.get(zi)) {
        c.zone = Some(z.id.clone());
    }
    (
        Edit::AddComponent {
            component: c,
            index: None,
        },
        id,
    )
}
