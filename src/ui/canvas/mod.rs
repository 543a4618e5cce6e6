//! The canvas: pan/zoom, selection and gestures turned into edits, then drawn.
//!
//! Nothing here changes the map: gestures are previewed from [`UiState::drag`] and become
//! one [`Intent::Edit`] when they end (one undo step per gesture).

mod access;
mod compare_marks;
mod draw;
mod edits;
mod gesture_end;
pub use draw::{lockin_pill, lod};
pub use edits::{add_component_edit, move_edit};
pub mod hit_test;
mod minimap;

use std::collections::HashSet;

use egui::{CursorIcon, PointerButton, Pos2, Rect, Response, Sense, Ui, Vec2, pos2, vec2};

use self::hit_test::{Geometry, Hit, Topology};
use super::document::Document;
use super::icons::Icons;
use super::intent::Intent;
use super::state::{Drag, Prefs, Selection, UiState};
use crate::domain::ids::Id;
use crate::domain::model::{self, KindTag};
use crate::domain::place;

/// Snapping grid, in world units.
pub const GRID: f32 = 20.0;

/// Everything the canvas reads and may change for one frame.
pub struct Canvas<'a> {
    pub doc: &'a Document,
    pub state: &'a mut UiState,
    pub prefs: &'a Prefs,
    pub icons: Option<&'a Icons>,
    pub topo: &'a Topology,
    pub intents: &'a mut Vec<Intent>,
}

pub fn to_rect(r: model::Rect) -> Rect {
    Rect::from_min_size(pos2(r.x as f32, r.y as f32), vec2(r.w as f32, r.h as f32))
}

/// A screen-independent world rectangle as the core's.
pub fn to_model_rect(r: Rect) -> model::Rect {
    model::Rect::new(
        f64::from(r.min.x),
        f64::from(r.min.y),
        f64::from(r.width()),
        f64::from(r.height()),
    )
}

pub fn to_pos(p: Pos2) -> model::Pos {
    model::Pos::new(f64::from(p.x), f64::from(p.y))
}

pub fn snap(p: Pos2, on: bool) -> Pos2 {
    if on {
        pos2((p.x / GRID).round() * GRID, (p.y / GRID).round() * GRID)
    } else {
        p
    }
}

/// The part of the canvas a fit frames the drawing in: the canvas less what floats over it
/// (the legend's card, the minimap, presentation's header and captions). Each overlay is cut
/// off along the side that keeps the most room (a card along the top or bottom edge takes a
/// band off that edge, one along a side a column), with a small gap; at least a third of the
/// canvas is kept each way.
pub fn free_area(canvas: Rect, overlays: &[Rect]) -> Rect {
    const GAP: f32 = 6.0;
    let mut free = canvas;
    for o in overlays {
        if !o.intersects(free) {
            continue;
        }
        let cuts = [
            Rect::from_min_max(pos2(free.min.x, o.max.y + GAP), free.max),
            Rect::from_min_max(free.min, pos2(free.max.x, o.min.y - GAP)),
            Rect::from_min_max(pos2(o.max.x + GAP, free.min.y), free.max),
            Rect::from_min_max(free.min, pos2(o.min.x - GAP, free.max.y)),
        ];
        if let Some(best) = cuts
            .into_iter()
            .filter(|r| r.width() >= canvas.width() / 3.0 && r.height() >= canvas.height() / 3.0)
            .max_by(|a, b| a.area().total_cmp(&b.area()))
        {
            free = best;
        }
    }
    free
}

/// The part of `canvas` above the cards docked along its bottom edge (at least a third as
/// wide as the canvas, touching its bottom): where the drawing goes while presenting.
pub fn docked_above(canvas: Rect, overlays: &[Rect]) -> Rect {
    const GAP: f32 = 6.0;
    let top = overlays
        .iter()
        .filter(|o| o.max.y >= canvas.max.y - 16.0 && o.width() >= canvas.width() / 3.0)
        .map(|o| o.min.y - GAP)
        .fold(canvas.max.y, f32::min)
        .max(canvas.min.y + canvas.height() / 3.0);
    Rect::from_min_max(canvas.min, pos2(canvas.max.x, top))
}

/// What is drawn now, for the core's rule of free space (`domain::place`).
pub fn occupied(geo: &Geometry) -> place::Occupied {
    place::Occupied {
        boxes: geo
            .components
            .iter()
            .chain(&geo.notes)
            .map(|r| to_model_rect(*r))
            .collect(),
        zones: geo.zones.iter().map(|r| to_model_rect(*r)).collect(),
    }
}

/// The free spot for a new component box nearest to `start` (world), within `within`.
pub fn free_box_spot(geo: &Geometry, start: Pos2, within: place::Within) -> Pos2 {
    let size = (
        crate::domain::layout::COMPONENT_W,
        crate::domain::layout::COMPONENT_H,
    );
    let c = occupied(geo).free_spot(size, to_pos(start), within, f64::from(GRID));
    pos2(c.x as f32, c.y as f32)
}

/// Everything drawn (zones, components, notes, labels), in world units: the core's scene.
pub fn world_bounds(doc: &Document) -> Option<Rect> {
    doc.scene().bounds().map(to_rect)
}

/// The world geometry of the map with the gesture in progress applied.
pub fn geometry(doc: &Document, drag: &Drag) -> Geometry {
    let map = doc.map();
    let layout = doc.layout();
    let mut components: Vec<Rect> = layout
        .components
        .iter()
        .map(|p| hit_test::component_box(pos2(p.x as f32, p.y as f32)))
        .collect();
    let mut zones: Vec<Rect> = layout.zones.iter().map(|r| to_rect(*r)).collect();
    match drag {
        Drag::MoveComponents { ids, delta } => {
            let set: HashSet<&Id> = ids.iter().collect();
            for (c, r) in map.components.iter().zip(components.iter_mut()) {
                if set.contains(&c.id) {
                    *r = r.translate(*delta);
                }
            }
        }
        Drag::MoveZone { id, delta } => {
            if let Some(zi) = map.zones.iter().position(|z| &z.id == id)
                && let Some(z) = zones.get_mut(zi)
            {
                *z = z.translate(*delta);
            }
            for (c, r) in map.components.iter().zip(components.iter_mut()) {
                if c.zone.as_ref() == Some(id) {
                    *r = r.translate(*delta);
                }
            }
        }
        Drag::ResizeZone { id, rect } => {
            if let Some(zi) = map.zones.iter().position(|z| &z.id == id)
                && let Some(z) = zones.get_mut(zi)
            {
                *z = *rect;
            }
        }
        _ => {}
    }
    let mut notes: Vec<Rect> = doc.scene().notes.iter().map(|n| to_rect(n.rect)).collect();
    match drag {
        Drag::MoveNote { index, delta } => {
            if let Some(r) = notes.get_mut(*index) {
                *r = r.translate(*delta);
            }
        }
        Drag::ResizeNote { index, rect } => {
            if let Some(r) = notes.get_mut(*index) {
                *r = *rect;
            }
        }
        _ => {}
    }
    Geometry {
        components,
        zones,
        notes,
    }
}

impl Canvas<'_> {
    pub fn ui(mut self, ui: &mut Ui) {
        let (resp, painter) = ui.allocate_painter(ui.available_size(), Sense::click_and_drag());
        resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Canvas, true, "Canvas"));
        // The legend and the minimap sit in a band at the bottom that the drawing never
        // goes under: they can never hide an item.
        // The drawing takes the whole canvas; the legend and the minimap float over it,
        // and a fit frames the drawing in what they leave.
        let full = resp.rect;
        // While presenting, a caption docked at the bottom (a revealed finding, a step of a
        // walk) is a band: the drawing stops above it, so it never covers an item.
        let canvas = if self.state.presenting.is_some() {
            docked_above(full, &self.state.overlays_over_canvas)
        } else {
            full
        };
        let free = free_area(canvas, &self.state.overlays_over_canvas);
        self.state.canvas_full = full;
        self.state.canvas_rect = canvas;
        let painter = painter.with_clip_rect(canvas);

        if self.state.fit_pending || self.state.frame_target.is_some() {
            let target = self
                .state
                .frame_target
                .take()
                .or_else(|| world_bounds(self.doc).map(|b| b.expand(20.0)));
            if let Some(target) = target {
                // Never so far out that the titles are not drawn at a legible size (the
                // level of detail keeps them at 11 points); Shift+F shows everything.
                let floor = if self.state.fit_all {
                    0.0
                } else {
                    lod::TITLES_MIN_ZOOM
                };
                self.state.camera.fit(canvas, free, target, floor);
                self.state.framed = Some((target, floor));
                self.state.just_fitted = true;
                // What was drawn before the canvas this frame (the status bar's zoom) catches up.
                ui.ctx().request_repaint();
            }
            self.state.fit_pending = false;
            self.state.fit_all = false;
        }

        self.pan_and_zoom(ui, &resp);
        let geo = geometry(self.doc, &self.state.drag);
        let hover = resp
            .hover_pos()
            .filter(|p| canvas.contains(*p))
            .map(|p| self.hit_at(&geo, canvas, p));
        self.state.hovered_component = match hover {
            Some(Hit::Component(i) | Hit::ConnectHandle(i)) => Some(i),
            _ => None,
        };
        self.gestures(ui, &resp, &geo);
        self.palette_drop(ui, &resp, &geo);

        let geo = geometry(self.doc, &self.state.drag);
        draw::Painting {
            doc: self.doc,
            state: self.state,
            prefs: self.prefs,
            icons: self.icons,
            topo: self.topo,
            geo: &geo,
            canvas,
            dark: ui.visuals().dark_mode,
        }
        .paint(&painter);
        if let Some(compare) = &self.state.compare {
            compare_marks::CompareMarks {
                doc: self.doc,
                compare,
                camera: self.state.camera,
                geo: &geo,
                canvas,
                dark: ui.visuals().dark_mode,
                // Presenting, the header is there (and the A/B card names a scenario).
                banner: self.state.presenting.is_none(),
            }
            .paint(&painter);
        }
        self.accessibility(ui, &resp, &geo);
        self.state.minimap_rect = minimap::ui(
            ui,
            canvas,
            &geo,
            self.state,
            ui.visuals().dark_mode,
            self.prefs,
        );

        match hover {
            Some(Hit::ConnectHandle(_)) => ui.set_cursor_icon(CursorIcon::Crosshair),
            Some(Hit::ZoneResize(_) | Hit::NoteResize(_)) => {
                ui.set_cursor_icon(CursorIcon::ResizeNwSe);
            }
            Some(Hit::Component(_) | Hit::ZoneHeader(_) | Hit::Note(_))
                if self.state.drag == Drag::None =>
            {
                ui.set_cursor_icon(CursorIcon::Grab);
            }
            _ => {}
        }
        if matches!(
            self.state.drag,
            Drag::Pan | Drag::MoveComponents { .. } | Drag::MoveZone { .. } | Drag::MoveNote { .. }
        ) {
            ui.set_cursor_icon(CursorIcon::Grabbing);
        }
        if resp.secondary_clicked()
            && let Some(p) = resp.interact_pointer_pos()
        {
            // Right-click acts on what is under the pointer.
            let hit = self.hit_at(&geo, canvas, p);
            let already = match hit {
                Hit::Component(i) | Hit::ConnectHandle(i) => self
                    .doc
                    .map()
                    .components
                    .get(i)
                    .is_some_and(|c| self.state.selection.has_component(&c.id)),
                _ => false,
            };
            if !already {
                self.click(hit, false);
            }
        }
        let selected = !self.state.selection.is_empty();
        // A zone right-clicked: the outage what-if for its cloud region (as the legend's).
        let zone_down = match self.state.selection.zones.as_slice() {
            [z] => self
                .doc
                .map()
                .zone(z)
                .filter(|z| z.host.provider.is_cloud())
                .and_then(|z| z.host.region.as_deref().map(str::to_owned)),
            _ => None,
        };
        let down_now = self.doc.overrides().down.clone();
        let intents = &mut *self.intents;
        resp.context_menu(|ui| {
            use crate::ui::commands::UiCommand as C;
            if let Some(region) = &zone_down {
                let down = crate::domain::analysis::Down::Region(region.clone());
                let is_down = down_now.contains(&down);
                let text = if is_down {
                    format!("{region} is back up")
                } else {
                    format!("What if {region} is down?")
                };
                if ui.button(text).clicked() {
                    let mut next = down_now.clone();
                    next.retain(|d| *d != down);
                    if !is_down {
                        next.push(down);
                    }
                    intents.push(Intent::SetDown(next));
                }
                ui.separator();
            }
            for (cmd, on) in [
                (C::Copy, selected),
                (C::Paste, true),
                (C::Duplicate, selected),
                (C::Delete, selected),
                (C::AlignLeft, selected),
                (C::AlignTop, selected),
                (C::AddZone, true),
                (C::AddNote, true),
                (C::FitView, true),
            ] {
                if cmd.menu_item(ui, on) {
                    intents.push(Intent::Command(cmd));
                }
            }
        });
        if self.state.drag == Drag::None
            && let Some(i) = self.state.hovered_component
        {
            let doc = self.doc;
            resp.on_hover_ui_at_pointer(|ui| super::panels::tooltip::component(ui, doc, i));
        }
    }

    fn hit_at(&self, geo: &Geometry, canvas: Rect, screen: Pos2) -> Hit {
        let cam = self.state.camera;
        let world = cam.world_from_screen(canvas, screen);
        let handle_of = self.state.hovered_component.or_else(|| {
            match self.state.selection.components.as_slice() {
                [one] => self.doc.map().component_index(one),
                _ => None,
            }
        });
        hit_test::hit(geo, self.topo, world, 1.0 / cam.zoom, handle_of)
    }

    fn pan_and_zoom(&mut self, ui: &Ui, resp: &Response) {
        let canvas = resp.rect;
        if resp.contains_pointer() {
            let (scroll, zoom, pointer) = ui.input(|i| {
                (
                    i.smooth_scroll_delta(),
                    i.zoom_delta(),
                    i.pointer.hover_pos(),
                )
            });
            if zoom != 1.0 {
                let anchor = pointer.unwrap_or(canvas.center());
                self.state.camera.zoom_at(canvas, anchor, zoom);
            } else if scroll != Vec2::ZERO {
                self.state.camera.offset += scroll;
            }
        }
        if resp.dragged_by(PointerButton::Middle) || resp.dragged_by(PointerButton::Secondary) {
            self.state.camera.offset += resp.drag_delta();
        }
    }

    fn gestures(&mut self, ui: &Ui, resp: &Response, geo: &Geometry) {
        let canvas = resp.rect;
        let cam = self.state.camera;
        let map = self.doc.map();
        let shift = ui.input(|i| i.modifiers.shift);
        let alt = ui.input(|i| i.modifiers.alt);

        // What was under the pointer when the button went down (the hover state is gone by
        // the time the drag is recognised).
        if resp.contains_pointer()
            && let Some(p) = ui.input(|i| {
                i.pointer
                    .primary_pressed()
                    .then(|| i.pointer.interact_pos())
                    .flatten()
            })
        {
            self.state.press_hit = Some(self.hit_at(geo, canvas, p));
        }
        if resp.drag_started_by(PointerButton::Primary) {
            let origin = ui
                .input(|i| i.pointer.press_origin())
                .unwrap_or_else(|| resp.interact_pointer_pos().unwrap_or(canvas.center()));
            let world = cam.world_from_screen(canvas, origin);
            let pressed = self.state.press_hit.take();
            self.state.drag = match pressed.unwrap_or_else(|| self.hit_at(geo, canvas, origin)) {
                Hit::ConnectHandle(i) => Drag::Connect { from: i, to: world },
                Hit::Component(i) if alt => Drag::Connect { from: i, to: world },
                Hit::Component(i) => {
                    let Some(c) = map.components.get(i) else {
                        return;
                    };
                    if !self.state.selection.has_component(&c.id) {
                        if shift {
                            self.state.selection.toggle_component(&c.id);
                        } else {
                            self.state.selection = Selection::only_component(c.id.clone());
                        }
                    }
                    Drag::MoveComponents {
                        ids: self.state.selection.components.clone(),
                        delta: Vec2::ZERO,
                    }
                }
                Hit::ZoneResize(i) => match (map.zones.get(i), geo.zones.get(i)) {
                    (Some(z), Some(r)) => {
                        self.state.selection = Selection::only_zone(z.id.clone());
                        Drag::ResizeZone {
                            id: z.id.clone(),
                            rect: *r,
                        }
                    }
                    _ => Drag::None,
                },
                Hit::ZoneHeader(i) => match map.zones.get(i) {
                    Some(z) => {
                        self.state.selection = Selection::only_zone(z.id.clone());
                        Drag::MoveZone {
                            id: z.id.clone(),
                            delta: Vec2::ZERO,
                        }
                    }
                    None => Drag::None,
                },
                Hit::Note(i) => {
                    self.state.selection = Selection::only_note(i);
                    Drag::MoveNote {
                        index: i,
                        delta: Vec2::ZERO,
                    }
                }
                Hit::NoteResize(i) => match geo.notes.get(i) {
                    Some(r) => {
                        self.state.selection = Selection::only_note(i);
                        Drag::ResizeNote { index: i, rect: *r }
                    }
                    None => Drag::None,
                },
                Hit::Connection(_) | Hit::ZoneBody(_) | Hit::Nothing => {
                    if shift {
                        Drag::RubberBand {
                            start: origin,
                            end: origin,
                            additive: true,
                        }
                    } else {
                        Drag::Pan
                    }
                }
            };
        }

        if resp.dragged_by(PointerButton::Primary) {
            let d = resp.drag_delta();
            let pointer = resp.interact_pointer_pos();
            match &mut self.state.drag {
                Drag::Pan => self.state.camera.offset += d,
                Drag::MoveComponents { delta, .. }
                | Drag::MoveZone { delta, .. }
                | Drag::MoveNote { delta, .. } => {
                    *delta += d / cam.zoom;
                }
                Drag::ResizeZone { rect, .. } | Drag::ResizeNote { rect, .. } => {
                    rect.max += d / cam.zoom;
                }
                Drag::Connect { to, .. } => {
                    if let Some(p) = pointer {
                        *to = cam.world_from_screen(canvas, p);
                    }
                }
                Drag::RubberBand { end, .. } => {
                    if let Some(p) = pointer {
                        *end = p;
                    }
                }
                Drag::None => {}
            }
        }

        if resp.drag_stopped() {
            let drag = std::mem::take(&mut self.state.drag);
            self.finish(drag, geo, canvas);
        }

        if resp.clicked()
            && let Some(p) = resp.interact_pointer_pos()
        {
            self.click(self.hit_at(geo, canvas, p), shift);
        }
        // Double-click a component or zone: type its new label straight away; a note: write
        // in it where it is (also while presenting).
        if resp.double_clicked()
            && let Some(p) = resp.interact_pointer_pos()
        {
            match self.hit_at(geo, canvas, p) {
                Hit::Component(_) | Hit::ZoneHeader(_) => self.state.focus_label = true,
                Hit::Note(i) => {
                    self.state.selection = Selection::only_note(i);
                    self.state.editing_note = Some(i);
                    self.state.focus_note = true;
                }
                _ => {}
            }
        }
    }

    fn palette_drop(&mut self, ui: &Ui, resp: &Response, geo: &Geometry) {
        let Some(kind) = resp.dnd_release_payload::<KindTag>() else {
            return;
        };
        let Some(p) = ui.input(|i| i.pointer.interact_pos()) else {
            return;
        };
        // Where it is dropped, or the nearest free spot (never on a box or across a border).
        let world = self.state.camera.world_from_screen(resp.rect, p);
        let at = free_box_spot(geo, world, place::Within::Anywhere);
        let (edit, id) = add_component_edit(self.doc.map(), geo, *kind, at, self.prefs.snap);
        self.intents.push(Intent::Edit(edit));
        self.state.selection = Selection::only_component(id);
    }
}
