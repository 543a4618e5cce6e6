//! How a gesture on the canvas ends: a click selects what is under the pointer, a finished
//! drag becomes one edit (one undo step) — moves, resizes, connections, sticky notes.

use egui::{Rect, vec2};

use super::edits::move_edit;
use super::hit_test::{Geometry, Hit};
use super::{Canvas, geometry, snap, to_pos};
use crate::domain::edit::Edit;
use crate::domain::model::{self, Connection};
use crate::ui::intent::Intent;
use crate::ui::state::{Drag, Selection};

impl Canvas<'_> {
    pub(super) fn click(&mut self, hit: Hit, shift: bool) {
        let map = self.doc.map();
        let sel = &mut self.state.selection;
        match hit {
            Hit::Component(i) | Hit::ConnectHandle(i) => {
                if let Some(c) = map.components.get(i) {
                    if shift {
                        sel.toggle_component(&c.id);
                    } else {
                        *sel = Selection::only_component(c.id.clone());
                    }
                }
            }
            Hit::ZoneHeader(i) | Hit::ZoneResize(i) => {
                if let Some(z) = map.zones.get(i) {
                    if shift {
                        sel.toggle_zone(&z.id);
                    } else {
                        *sel = Selection::only_zone(z.id.clone());
                    }
                }
            }
            Hit::Connection(i) => {
                *sel = Selection {
                    connection: Some(i),
                    ..Selection::default()
                };
            }
            Hit::Note(i) | Hit::NoteResize(i) => *sel = Selection::only_note(i),
            Hit::ZoneBody(_) | Hit::Nothing => {
                if !shift {
                    sel.clear();
                }
            }
        }
        self.state.selected_flow = None;
    }

    pub(super) fn finish(&mut self, drag: Drag, geo: &Geometry, canvas: Rect) {
        let map = self.doc.map();
        let snap_on = self.prefs.snap;
        match drag {
            Drag::MoveComponents { ids, delta } => {
                if delta.length() < 0.5 {
                    return;
                }
                let before = geometry(self.doc, &Drag::None);
                let edit = move_edit(map, &before, geo, &ids, snap_on);
                self.intents.push(Intent::Edit(edit));
            }
            Drag::MoveZone { id, delta } => {
                let Some(zi) = map.zones.iter().position(|z| z.id == id) else {
                    return;
                };
                let Some(r) = geo.zones.get(zi) else { return };
                if delta.length() < 0.5 {
                    return;
                }
                let to = snap(r.min, snap_on);
                let mut edits = Vec::new();
                if map.zones[zi].rect.is_none() {
                    edits.push(Edit::ResizeZone {
                        id: id.clone(),
                        rect: self.doc.layout().zones[zi],
                    });
                }
                edits.push(Edit::MoveZone { id, to: to_pos(to) });
                self.intents.push(Intent::Edit(Edit::Batch(edits)));
            }
            Drag::ResizeZone { id, rect } => {
                let min = snap(rect.min, false);
                let max = snap(rect.max, snap_on).max(min + vec2(200.0, 120.0));
                self.intents.push(Intent::Edit(Edit::ResizeZone {
                    id,
                    rect: model::Rect::new(
                        f64::from(min.x),
                        f64::from(min.y),
                        f64::from(max.x - min.x),
                        f64::from(max.y - min.y),
                    ),
                }));
            }
            Drag::MoveNote { index, delta } => {
                if delta.length() >= 0.5
                    && let Some(r) = geo.notes.get(index)
                {
                    self.note_edit(index, snap(r.center(), snap_on), None);
                }
            }
            Drag::ResizeNote { index, rect } => {
                // Whole world units: the file stays readable.
                let side = |v: f32| {
                    f64::from(v).round().clamp(
                        crate::domain::validate::NOTE_MIN_SIDE,
                        crate::domain::validate::NOTE_MAX_SIDE,
                    )
                };
                let (w, h) = (side(rect.width()), side(rect.height()));
                // The top-left corner stays where it was.
                let centre = rect.min.round() + vec2(w as f32, h as f32) / 2.0;
                self.note_edit(index, centre, Some(model::NoteSize { w, h }));
            }
            Drag::Connect { from, to } => {
                let target = geo.components.iter().rposition(|r| r.contains(to));
                if let (Some(t), Some(a)) = (target, map.components.get(from))
                    && t != from
                    && let Some(b) = map.components.get(t)
                {
                    self.intents.push(Intent::Edit(Edit::AddConnection {
                        connection: Connection::new(a.id.clone(), b.id.clone()),
                        index: None,
                    }));
                    self.state.selection = Selection {
                        connection: Some(map.connections.len()),
                        ..Selection::default()
                    };
                }
            }
            Drag::RubberBand {
                start,
                end,
                additive,
            } => {
                let cam = self.state.camera;
                let band = Rect::from_two_pos(
                    cam.world_from_screen(canvas, start),
                    cam.world_from_screen(canvas, end),
                );
                if !additive {
                    self.state.selection.clear();
                }
                for (c, r) in map.components.iter().zip(&geo.components) {
                    if band.intersects(*r) && !self.state.selection.has_component(&c.id) {
                        self.state.selection.components.push(c.id.clone());
                    }
                }
                for (z, r) in map.zones.iter().zip(&geo.zones) {
                    if band.contains_rect(*r) && !self.state.selection.has_zone(&z.id) {
                        self.state.selection.zones.push(z.id.clone());
                    }
                }
            }
            Drag::Pan | Drag::None => {}
        }
    }

    /// Moves (and resizes) note `index`: one edit, one undo step.
    fn note_edit(&mut self, index: usize, centre: egui::Pos2, size: Option<model::NoteSize>) {
        let Some(old) = self.doc.map().notes.get(index) else {
            return;
        };
        let mut note = old.clone();
        note.pos = Some(to_pos(centre));
        if size.is_some() {
            note.size = size;
        }
        self.intents
            .push(Intent::Edit(Edit::SetNote { index, note }));
        self.state.selection = Selection::only_note(index);
    }
}
