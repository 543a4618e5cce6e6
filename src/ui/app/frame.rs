//! The window's frame around the canvas: the menu and scenario bars, the status bar, the
//! analysis strip (Findings, Flows and Changes with their counts, the overlay switches, the
//! legend chip) and the panel it opens on demand, the palette and the inspector. Each side
//! panel folds to a narrow strip (remembered in the preferences), and every size the user
//! drags a panel to is remembered and comes back when the window grows again after being
//! made smaller. The canvas gets the rest: most of the window.

use egui::{Panel, PanelState, Rangef, RichText, Ui};

use super::App;
use crate::ui::canvas;
use crate::ui::intent::Intent;
use crate::ui::panels;
use crate::ui::state::{BottomTab, Selection};

/// Below this window width (points) the palette shows as its strip of icons, whatever the
/// preference, so a small window keeps a usable canvas.
const NARROW: f32 = 1000.0;

/// The widest a side panel may be, as a share of the window.
const SIDE_MAX: f32 = 0.25;

/// Shows a panel at the size the user last gave it (`size`, kept within `range`), and takes
/// back the size the user drags it to. egui keeps a panel's size as last clamped: after the
/// window shrinks and grows again it would stay small; this keeps the user's.
fn remembered(
    ui: &mut Ui,
    panel: Panel,
    salt: &str,
    size: &mut f32,
    range: Rangef,
    vertical: bool,
    add: impl FnOnce(&mut Ui),
) -> egui::Rect {
    let id = ui.scope_id().with_salt(egui::IdSalt::new(salt));
    let want = size.clamp(range.min, range.max.max(range.min));
    let shape = if vertical {
        egui::vec2(1.0, want)
    } else {
        egui::vec2(want, 1.0)
    };
    ui.data_mut(|d| {
        d.insert_persisted(
            id,
            PanelState {
                outer_rect: egui::Rect::from_min_size(egui::Pos2::ZERO, shape),
            },
        );
    });
    let r = panel
        .resizable(true)
        .size_range(range)
        .show(ui, add)
        .response
        .rect;
    let shown = if vertical { r.height() } else { r.width() };
    if (shown - want).abs() > 0.5 && ui.ctx().input(|i| i.pointer.any_down()) {
        *size = shown;
    }
    r
}

impl App {
    /// The whole window, for eframe and for the tests.
    pub fn root_ui(&mut self, ui: &mut Ui) {
        self.refresh(ui.ctx());
        self.input(ui);
        let whole = ui.max_rect();
        let mut rects = Vec::new();
        if self.state.presenting.is_some() {
            // Presentation: the drawing alone; the panels keep their sizes for the way back.
            self.state.panels = rects;
            self.canvas_ui(ui);
            self.modals(ui);
            self.apply_intents(ui.ctx());
            self.autosave(ui);
            return;
        }
        let r = Panel::top("menu_bar").show(ui, |ui| self.menu_bar(ui));
        rects.push(("menu_bar", r.response.rect));
        let r = Panel::top("scenario_bar").show(ui, |ui| {
            panels::scenario_bar::ui(ui, &self.doc, self.baseline.as_ref(), &mut self.intents);
        });
        rects.push(("scenario_bar", r.response.rect));
        let r = Panel::bottom("status_bar").show(ui, |ui| self.status_bar(ui));
        rects.push(("status_bar", r.response.rect));
        let r = Panel::bottom("analysis_strip").show(ui, |ui| self.strip(ui));
        rects.push(("analysis_strip", r.response.rect));
        if self.prefs.findings_open {
            let mut h = self.prefs.findings_h;
            let range = Rangef::new(90.0, (whole.height() * 0.45).max(120.0));
            let r = remembered(
                ui,
                Panel::bottom("analysis_panel"),
                "analysis_panel",
                &mut h,
                range,
                true,
                |ui| {
                    // The content claims the whole panel: its size is the user's.
                    ui.set_min_height(ui.available_height());
                    self.bottom_ui(ui);
                },
            );
            self.prefs.findings_h = h;
            rects.push(("analysis_panel", r));
        }
        let side_max = (whole.width() * SIDE_MAX).max(180.0);
        if self.prefs.show_palette && whole.width() >= NARROW {
            let mut w = self.prefs.palette_w;
            let r = remembered(
                ui,
                Panel::left("palette"),
                "palette",
                &mut w,
                Rangef::new(140.0, side_max),
                false,
                |ui| {
                    ui.set_min_width(ui.available_width());
                    self.palette_panel(ui);
                },
            );
            self.prefs.palette_w = w;
            rects.push(("palette", r));
        } else {
            let r = Panel::left("palette_strip")
                .resizable(false)
                .exact_size(46.0)
                .show(ui, |ui| self.palette_strip(ui, whole.width() >= NARROW));
            rects.push(("palette", r.response.rect));
        }
        // A label to type into (double-click, a new note) brings the inspector out.
        if self.state.focus_label {
            self.prefs.show_inspector = true;
        }
        if self.prefs.show_inspector {
            let mut w = self.prefs.inspector_w;
            let r = remembered(
                ui,
                Panel::right("inspector"),
                "inspector",
                &mut w,
                Rangef::new(220.0, side_max.max(260.0)),
                false,
                |ui| {
                    ui.set_min_width(ui.available_width());
                    ui.horizontal(|ui| {
                        if ui
                            .small_button("»")
                            .on_hover_text("Fold the inspector (View → Inspector brings it back)")
                            .accessible_name("Fold the inspector")
                            .clicked()
                        {
                            self.prefs.show_inspector = false;
                        }
                        ui.label(RichText::new("Inspector").small().weak());
                    });
                    // Text wraps at the panel's width; anything wider than the panel (a long
                    // unbreakable value) scrolls inside it: the panel never grows past its size.
                    let w = ui.available_width();
                    egui::ScrollArea::horizontal()
                        .id_salt("inspector_h")
                        .auto_shrink([false, true])
                        .show(ui, |ui| {
                            ui.set_max_width(w);
                            panels::inspector::ui(
                                ui,
                                &self.doc,
                                &mut self.state,
                                &mut self.intents,
                            );
                        });
                },
            );
            self.prefs.inspector_w = w;
            rects.push(("inspector", r));
        } else {
            let r = Panel::right("inspector_strip")
                .resizable(false)
                .exact_size(30.0)
                .show(ui, |ui| {
                    if ui
                        .small_button("«")
                        .on_hover_text("Show the inspector")
                        .accessible_name("Show the inspector")
                        .clicked()
                    {
                        self.prefs.show_inspector = true;
                    }
                });
            rects.push(("inspector", r.response.rect));
        }
        self.state.panels = rects;
        self.canvas_ui(ui);
        self.modals(ui);
        self.apply_intents(ui.ctx());
        self.autosave(ui);
    }

    /// The palette panel: its fold button, then the kinds, zones, notes and examples.
    fn palette_panel(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            if ui
                .small_button("«")
                .on_hover_text("Fold the palette to its icons")
                .accessible_name("Fold the palette")
                .clicked()
            {
                self.prefs.show_palette = false;
            }
        });
        egui::ScrollArea::vertical()
            .auto_shrink([false, true])
            .show(ui, |ui| {
                if let Some(panels::palette::PaletteAction::Add(kind)) =
                    panels::palette::ui(ui, self.icons.as_ref(), &self.examples, &mut self.intents)
                {
                    self.palette_add(kind);
                }
            });
    }

    /// The folded palette: one icon per kind (click to add, drag onto the canvas).
    fn palette_strip(&mut self, ui: &mut Ui, can_open: bool) {
        if can_open
            && ui
                .small_button("»")
                .on_hover_text("Open the palette")
                .accessible_name("Open the palette")
                .clicked()
        {
            self.prefs.show_palette = true;
        }
        egui::ScrollArea::vertical()
            .auto_shrink([false, true])
            .show(ui, |ui| {
                if let Some(panels::palette::PaletteAction::Add(kind)) =
                    panels::palette::strip(ui, self.icons.as_ref(), &mut self.intents)
                {
                    self.palette_add(kind);
                }
            });
    }

    /// A new component of `kind` from the palette: inside the selected zone, else near the
    /// view's centre, in free space.
    fn palette_add(&mut self, kind: crate::domain::model::KindTag) {
        let geo = canvas::geometry(&self.doc, &crate::ui::state::Drag::None);
        let zone = self
            .state
            .selection
            .zones
            .first()
            .and_then(|z| self.doc.map().zones.iter().position(|x| &x.id == z))
            .and_then(|zi| geo.zones.get(zi).copied());
        let start = zone.map_or_else(|| self.state.view_centre(), |z| z.center());
        let within = zone.map_or(crate::domain::place::Within::Anywhere, |z| {
            crate::domain::place::Within::Zone(canvas::to_model_rect(z))
        });
        let at = canvas::free_box_spot(&geo, start, within);
        let (edit, id) =
            canvas::add_component_edit(self.doc.map(), &geo, kind, at, self.prefs.snap);
        self.intents.push(Intent::Edit(edit));
        self.state.selection = Selection::only_component(id);
        self.state.last_palette_add = Some(kind);
    }

    /// The analysis strip: the tabs with their counts (a click opens the panel on that tab,
    /// or folds it), the legend chip and the overlay switches.
    fn strip(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            let a = self.doc.analysis();
            let mut tabs = vec![
                (
                    BottomTab::Findings,
                    format!("Findings ({})", a.findings.len()),
                ),
                (BottomTab::Flows, format!("Flows ({})", a.flows.len())),
            ];
            if let Some(c) = &self.state.compare {
                tabs.push((BottomTab::Changes, format!("Changes ({})", c.count())));
            }
            let open = self.prefs.findings_open;
            for (tab, text) in tabs {
                let on = open && self.state.bottom_tab == tab;
                let arrow = if on { "▾" } else { "▴" };
                if ui
                    .selectable_label(on, format!("{text} {arrow}"))
                    .on_hover_text(if on {
                        "Fold the panel"
                    } else {
                        "Open the panel"
                    })
                    .clicked()
                {
                    if on {
                        self.prefs.findings_open = false;
                    } else {
                        self.state.bottom_tab = tab;
                        self.prefs.findings_open = true;
                    }
                }
            }
            ui.separator();
            panels::legend::chip(ui, &mut self.prefs.overlays);
            panels::legend::switches(ui, &self.doc, &mut self.prefs.overlays, &mut self.intents);
        });
    }
    fn status_bar(&self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            // The right side first (fingerprint, refused pack): the messages on the left get
            // what is left and are cut with "…" rather than drawn over it.
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let a = self.doc.analysis();
                ui.label(egui::RichText::new(a.fingerprint_short()).monospace().strong())
                    .on_hover_text(format!(
                        "Fingerprint (SHA-256) {}\nof the map, the rule pack and catalogs' content, the as-of date, the reading and what is down. Both sides compare it to know they look at the same answer.",
                        a.fingerprint.as_deref().unwrap_or("—")
                    ));
                ui.label("fingerprint");
                // Where the rules came from, when not built in: the one wording every
                // exhibit uses (`Analysis::provenance`).
                for line in a.provenance() {
                    ui.separator();
                    ui.colored_label(ui.visuals().warn_fg_color, format!("⚠ {line}"));
                }
                if let Some(err) = self.doc.pack_error() {
                    ui.separator();
                    ui.colored_label(
                        ui.visuals().error_fg_color,
                        "⚠ map's rule pack refused: built-in pack shown",
                    )
                    .on_hover_text(err);
                }
                ui.separator();
                ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                    let map = self.doc.map();
                    let line = |ui: &mut Ui, text: String| {
                        ui.add(egui::Label::new(text).truncate());
                    };
                    line(
                        ui,
                        format!(
                            "{} · {} · {}",
                            super::actions::plural(map.components.len(), "component", "components"),
                            super::actions::plural(map.connections.len(), "connection", "connections"),
                            super::actions::plural(map.zones.len(), "zone", "zones")
                        ),
                    );
                    ui.separator();
                    line(ui, format!("zoom {:.0}%", self.state.camera.zoom * 100.0));
                    if let Some(running) = self.doc.analysing() {
                        ui.ctx()
                            .request_repaint_after(std::time::Duration::from_millis(30));
                        if running.as_millis() > 150 {
                            ui.separator();
                            ui.spinner();
                            line(ui, "analysing…".to_owned());
                        }
                    }
                    if self.live.is_live() {
                        ui.separator();
                        self.live.status_ui(ui);
                    }
                    if !self.status.is_empty() {
                        ui.separator();
                        ui.add(egui::Label::new(&self.status).truncate())
                            .on_hover_text(&self.status);
                    }
                });
            });
        });
    }

    fn bottom_ui(&mut self, ui: &mut Ui) {
        match self.state.bottom_tab {
            BottomTab::Findings => {
                if let Some(i) =
                    panels::findings::ui(ui, &self.doc, &mut self.state.findings, &mut self.intents)
                {
                    self.select_finding(i);
                }
            }
            BottomTab::Flows => {
                if let Some(i) = panels::flows::ui(ui, &self.doc, self.state.selected_flow) {
                    self.state.selected_flow = if self.state.selected_flow == Some(i) {
                        None
                    } else {
                        Some(i)
                    };
                }
            }
            BottomTab::Changes => self.changes_tab(ui),
        }
    }
}
