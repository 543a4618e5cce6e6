//! The canvas with what sits over it (legend, presentation header, captions), and the keys
//! of a workshop: `N`/`P` reveal the findings one by one (most severe first, each framed
//! with its message and source as a caption); with a flow selected, `→`/`Space` and `←`
//! walk it hop by hop (each hop lit, with its round trip and the running total).

use egui::{CentralPanel, Key, Modifiers, Ui};

use super::App;
use crate::ui::canvas::{self, Canvas};
use crate::ui::panels;

impl App {
    /// The canvas with its legend (and, when presenting, the scenario header).
    pub(super) fn canvas_ui(&mut self, ui: &mut Ui) {
        CentralPanel::no_frame().show(ui, |ui| {
            Canvas {
                doc: &self.doc,
                state: &mut self.state,
                prefs: &self.prefs,
                icons: self.icons.as_ref(),
                topo: &self.topo,
                intents: &mut self.intents,
            }
            .ui(ui);
            self.note_editor(ui);
            let rect = self.state.canvas_full;
            let legend = panels::legend::ui(
                ui,
                rect,
                &self.doc,
                &mut self.prefs.overlays,
                self.state.presenting.is_some(),
            );
            let header = self.state.presenting.is_some().then(|| {
                panels::present::header(ui, rect, &self.doc, &mut self.state.selected_flow)
            });
            let mut cards = Vec::new();
            if self.state.presenting.is_some()
                && let Some(k) = self.state.revealed
            {
                cards.extend(panels::present::caption(ui, rect, &self.doc, k));
            }
            if let Some((flow, step)) = self.state.walk {
                cards.extend(panels::walk::caption(ui, rect, &self.doc, flow, step));
            }
            // The A/B card while presenting (the editor has the Changes tab and the banner).
            if self.state.presenting.is_some()
                && let Some(c) = &self.state.compare
            {
                cards.extend(panels::ab::card(ui, rect, &self.doc, c));
            }
            let overlays: Vec<egui::Rect> = legend
                .into_iter()
                .chain(self.state.minimap_rect)
                .chain(header)
                .chain(cards)
                .collect();
            let moved = overlays.len() != self.state.overlays_over_canvas.len()
                || overlays
                    .iter()
                    .zip(&self.state.overlays_over_canvas)
                    .any(|(a, b)| (a.min - b.min).length() + (a.max - b.max).length() > 2.0);
            self.state.overlays_over_canvas = overlays;
            // What floats over the canvas is known after it is drawn: a fit that it changed
            // (the minimap came or went, a card appeared) frames again in the room left;
            // while presenting, the drawing always keeps clear of the cards.
            if moved
                && (self.state.just_fitted || self.state.presenting.is_some())
                && let Some((target, floor)) = self.state.framed
            {
                self.state.frame_target = Some(target);
                self.state.fit_all = floor == 0.0;
            }
            self.state.just_fitted = false;
            self.find_ui(ui);
        });
    }

    /// `N` reveals the next finding, `P` the previous one, while presenting.
    pub(super) fn reveal_keys(&mut self, ui: &Ui) {
        if self.state.presenting.is_none() {
            return;
        }
        let (next, prev) = ui.input_mut(|i| {
            (
                i.consume_key(Modifiers::NONE, Key::N),
                i.consume_key(Modifiers::NONE, Key::P),
            )
        });
        let count = self.doc.analysis().findings.len();
        if count == 0 || !(next || prev) {
            return;
        }
        let k = match (self.state.revealed, next) {
            (None, true) => 0,
            (None, false) => count - 1,
            (Some(k), true) => (k + 1).min(count - 1),
            (Some(k), false) => k.saturating_sub(1),
        };
        self.state.revealed = Some(k);
        self.state.walk = None;
        self.select_finding(k);
    }

    /// With a flow selected, `→` or `Space` shows its next hop, `←` the previous one (the
    /// first `→` starts at its entry). The walk ends when another flow (or none) is selected,
    /// or with `Escape`.
    pub(super) fn walk_keys(&mut self, ui: &Ui) {
        let flows = self.doc.analysis().flows.len();
        if self
            .state
            .walk
            .is_some_and(|(f, _)| Some(f) != self.state.selected_flow || f >= flows)
        {
            self.state.walk = None;
        }
        let Some(flow) = self.state.selected_flow else {
            return;
        };
        // Arrows belong to a text field, and to the timeline when it has focus (they step
        // its date).
        let timeline = ui.data(|d| d.get_temp::<egui::Id>(panels::scenario_bar::timeline_key()));
        let focused = ui.ctx().memory(egui::Memory::focused);
        if focused.is_some() && focused == timeline {
            return;
        }
        let (next, prev) = ui.input_mut(|i| {
            let right = i.consume_key(Modifiers::NONE, Key::ArrowRight);
            let space = i.consume_key(Modifiers::NONE, Key::Space);
            (
                right || space,
                i.consume_key(Modifiers::NONE, Key::ArrowLeft),
            )
        });
        if !(next || prev) {
            return;
        }
        self.step_walk(flow, next);
    }

    /// Moves the walk of `flow` one step forward or back and brings that hop into view.
    pub fn step_walk(&mut self, flow: usize, forward: bool) {
        let len = self
            .doc
            .analysis()
            .flows
            .get(flow)
            .map_or(0, |f| f.walk.len());
        if len == 0 {
            return;
        }
        let k = match (self.state.walk, forward) {
            (None, true) => 0,
            (None, false) => return,
            (Some((_, k)), true) => (k + 1).min(len - 1),
            (Some((_, k)), false) => k.saturating_sub(1),
        };
        self.state.walk = Some((flow, k));
        self.state.revealed = None;
        self.show_step(flow, k);
    }

    /// Frames the hop of step `k` when it is not wholly on screen (the camera stays put
    /// while the walk stays in view).
    fn show_step(&mut self, flow: usize, k: usize) {
        let Some(step) = self
            .doc
            .analysis()
            .flows
            .get(flow)
            .and_then(|f| f.walk.get(k))
        else {
            return;
        };
        let layout = self.doc.layout();
        let ends = step.from.into_iter().chain(std::iter::once(step.to));
        let Some(world) = ends
            .filter_map(|i| layout.component_rect(i).map(canvas::to_rect))
            .reduce(egui::Rect::union)
        else {
            return;
        };
        let canvas = self.state.canvas_rect;
        let screen = self.state.camera.screen_rect(canvas, world);
        let visible = walk_view(canvas, self.state.canvas_full);
        if visible.contains_rect(screen) {
            return;
        }
        if screen.width() <= visible.width() && screen.height() <= visible.height() {
            // Pan (same zoom) so the hop sits in the middle of what the caption leaves.
            self.state.camera.offset += visible.center() - screen.center();
        } else {
            self.state.frame_target = Some(world.expand(260.0));
        }
    }
}

/// The part of the canvas (`full`: with the band under it) a walk's hop is kept in: above
/// the caption, which sits at the bottom of `full`.
pub fn walk_view(canvas: egui::Rect, full: egui::Rect) -> egui::Rect {
    let mut r = canvas.shrink(24.0);
    r.max.y = r
        .max
        .y
        .min(full.max.y - WALK_CAPTION_H)
        .max(r.min.y + 100.0);
    r
}

/// How far above the bottom of the canvas the walk's caption reaches (with a margin).
const WALK_CAPTION_H: f32 = 260.0;

impl App {
    /// The hop of the walk's current step on the screen (tests: it stays in view).
    pub fn walk_hop_on_screen(&self) -> Option<egui::Rect> {
        let (flow, k) = self.state.walk?;
        let step = self.doc.analysis().flows.get(flow)?.walk.get(k)?;
        let layout = self.doc.layout();
        let world = step
            .from
            .into_iter()
            .chain(std::iter::once(step.to))
            .filter_map(|i| layout.component_rect(i).map(canvas::to_rect))
            .reduce(egui::Rect::union)?;
        Some(self.state.camera.screen_rect(self.state.canvas_rect, world))
    }
}
