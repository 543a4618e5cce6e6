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

/// The free spot nearest to `start` for a new box: not on any box (nor right against one),
/// inside `within` when given (a selected zone, below its title), searched outwards on the
/// grid. `start` itself when nothing is free nearby.
pub fn free_spot(geo: &Geometry, start: Pos2, within: Option<egui::Rect>, snap_on: bool) -> Pos2 {
    let step = super::GRID.max(20.0);
    let fits = |p: Pos2| {
        let r = hit_test::component_box(p);
        let inside = within.is_none_or(|z| {
            let room = egui::Rect::from_min_max(
                z.min + egui::vec2(8.0, crate::domain::layout::ZONE_HEADER as f32 + 8.0),
                z.max - egui::vec2(8.0, 8.0),
            );
            room.contains_rect(r)
        });
        inside && !geo.components.iter().any(|b| b.expand(16.0).intersects(r))
    };
    let start = snap(start, snap_on);
    for ring in 0..40_i32 {
        for dy in -ring..=ring {
            for dx in -ring..=ring {
                if dx.abs() != ring && dy.abs() != ring {
                    continue;
                }
                let p = snap(
                    start + egui::vec2(dx as f32 * step * 2.0, dy as f32 * step),
                    snap_on,
                );
                if fits(p) {
                    return p;
                }
            }
        }
    }
    start
}
