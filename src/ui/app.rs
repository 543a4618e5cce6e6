//! The window: owns the document and the UI state, lays out the panels, and applies the
//! frame's intents once at the end.

use std::path::PathBuf;

use egui::{Panel, Ui, ViewportCommand};

use super::canvas::{self, hit_test::Topology};
use super::commands::UiCommand;
use super::document::Document;
use super::icons::Icons;
use super::intent::Intent;
use super::panels;
use super::state::{BottomTab, Prefs, Selection, UiState};
use super::{files, theme};

mod ab;
mod actions;
mod compare;
mod file_dialogs;
mod gallery;
mod menu;
mod notes;
mod present;

impl App {
    /// The live session's dialogs and the other seats' selections over the canvas.
    fn live_ui(&mut self, ctx: &egui::Context) {
        self.live
            .overlay(ctx, &self.doc, &self.state.camera, self.state.canvas_rect);
        if let Some(super::live::Action::Open(map)) = self.live.dialogs(ctx, self.doc.map()) {
            self.replace(Document::new(map, None));
        }
    }
}

pub use file_dialogs::{Dialogs, ExportChoice, FileAction};

/// An action waiting for the answer to "save your changes?".
#[derive(Clone, Debug, PartialEq)]
pub enum Pending {
    New,
    Open(PathBuf),
    OpenDialog,
    NewFromExample(PathBuf),
    Quit,
}

/// The Stateline window.
pub struct App {
    pub doc: Document,
    pub state: UiState,
    pub prefs: Prefs,
    /// How files are chosen: the desktop's dialog first, or always the in-app one (tests).
    pub dialogs: Dialogs,
    /// The in-app file dialog, when open.
    chooser: Option<file_dialogs::Chooser>,
    /// The export being set up (options shown before the file is chosen).
    export_setup: Option<ExportChoice>,
    /// Last text copied (also put on the system clipboard).
    pub clipboard: Option<String>,
    /// A load/save error shown in a dialog: (title, lines).
    pub error: Option<(String, String)>,
    pub status: String,
    pub pending: Option<Pending>,
    icons: Option<Icons>,
    topo: Topology,
    examples: Vec<PathBuf>,
    /// File → New from template, while open.
    gallery: Option<gallery::Gallery>,
    intents: Vec<Intent>,
    title_sent: String,
    quit_confirmed: bool,
    quit_now: bool,
    recovery: Option<PathBuf>,
    recovery_offer: Option<PathBuf>,
    last_autosave: f64,
    applied_prefs: Option<(bool, f32)>,
    baseline: Option<panels::scenario_bar::Baseline>,
    /// The live session, if any (File → Share live… / Join live…).
    pub live: super::live::Live,
}

impl App {
    /// A window on a document (tests use this; no storage, no dialogs).
    pub fn new(doc: Document, prefs: Prefs) -> Self {
        let state = UiState {
            fit_pending: true,
            ..UiState::default()
        };
        Self {
            doc,
            state,
            prefs,
            dialogs: Dialogs::InApp,
            chooser: None,
            export_setup: None,
            clipboard: None,
            error: None,
            status: String::new(),
            pending: None,
            icons: None,
            topo: Topology::default(),
            examples: files::examples(),
            gallery: None,
            intents: Vec::new(),
            title_sent: String::new(),
            quit_confirmed: false,
            quit_now: false,
            recovery: None,
            recovery_offer: None,
            last_autosave: 0.0,
            applied_prefs: None,
            baseline: None,
            live: super::live::Live::default(),
        }
    }

    /// Autosaves to `path`, and offers to recover what it holds if it exists.
    #[must_use]
    pub fn with_recovery(mut self, path: PathBuf) -> Self {
        self.recovery_offer = path.is_file().then(|| path.clone());
        self.recovery = Some(path);
        self
    }

    /// For tests: a window on a map, as a user would see it after opening it.
    pub fn new_for_test(map: crate::domain::model::Map) -> Self {
        Self::new(Document::new(map, None), Prefs::default())
    }

    /// The real window: preferences from storage, the file from the command line, the
    /// recent file, or an example on first start.
    pub fn from_creation(cc: &eframe::CreationContext<'_>, path: Option<&PathBuf>) -> Self {
        theme::install_fonts(&cc.egui_ctx);
        let prefs: Prefs = cc
            .storage
            .and_then(|s| eframe::get_value(s, eframe::APP_KEY))
            .unwrap_or_default();
        let mut error = None;
        let mut open = |p: &PathBuf| match Document::open(p) {
            Ok(doc) => Some(doc),
            Err(e) => {
                error = Some((format!("Could not open {}", p.display()), e.render()));
                None
            }
        };
        let doc = match &path {
            Some(p) => open(p),
            None => prefs
                .recent
                .first()
                .filter(|p| p.is_file())
                .and_then(&mut open),
        }
        // Nothing to open, or it could not be read (its errors are shown): start on an
        // untitled copy of an example rather than an empty canvas.
        .or_else(|| {
            files::first_start_example().and_then(|p| {
                Document::open(&p)
                    .ok()
                    .map(|d| Document::new(d.map().clone(), None))
            })
        });
        let mut prefs = prefs;
        if let (Some(d), Some(p)) = (&doc, &path)
            && d.path().is_some()
        {
            prefs.push_recent((*p).clone());
        }
        let mut app = Self::new(doc.unwrap_or_else(Document::untitled), prefs);
        app.dialogs = Dialogs::Native;
        app.error = error;
        if let Some(p) = files::recovery_path() {
            app = app.with_recovery(p);
        }
        // Debug builds only, for screenshots of a comparison (no public command-line flag).
        #[cfg(debug_assertions)]
        if let Some(other) = std::env::var_os("STATELINE_DEBUG_COMPARE_WITH") {
            app.compare_with_path(std::path::Path::new(&other));
        }
        app
    }

    fn refresh(&mut self, ctx: &egui::Context) {
        if self.icons.is_none() {
            self.icons = Some(Icons::load(ctx));
        }
        if self.applied_prefs != Some((self.prefs.dark, self.prefs.scale)) {
            theme::apply(ctx, self.prefs.dark, self.prefs.scale);
            self.applied_prefs = Some((self.prefs.dark, self.prefs.scale));
        }
        let before = {
            let a = self.doc.analysis();
            (a.scenario.interpretation, a.summary.clone())
        };
        self.live.sync(&mut self.doc, &self.state.selection, ctx);
        self.doc.refresh();
        let now = self.doc.analysis().scenario.interpretation;
        if now != before.0 {
            self.baseline = Some(before);
        } else if self.baseline.as_ref().is_some_and(|(b, _)| *b == now) {
            self.baseline = None;
        }
        if let Some(c) = &mut self.state.compare {
            c.refresh(&self.doc);
        }
        if self.topo.generation != Some(self.doc.generation()) {
            self.topo = Topology::build(self.doc.map(), self.doc.generation());
        }
        let title = self.doc.window_title();
        if title != self.title_sent {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.title_sent = title;
        }
    }

    /// Starts in presentation mode (`stateline --present MAP.ron`).
    pub fn start_presenting(&mut self, ctx: &egui::Context) {
        self.present(ctx, true);
    }

    /// The whole window, for eframe and for the tests.
    pub fn root_ui(&mut self, ui: &mut Ui) {
        self.refresh(ui.ctx());
        self.input(ui);

        // Every panel keeps the size the user gave it (within bounds that leave the canvas
        // room, also for sizes remembered from another window size); its rect is recorded.
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
            ui.add_space(2.0);
            panels::scenario_bar::ui(ui, &self.doc, self.baseline.as_ref(), &mut self.intents);
            ui.add_space(2.0);
        });
        rects.push(("scenario_bar", r.response.rect));
        let r = Panel::bottom("status_bar").show(ui, |ui| self.status_bar(ui));
        rects.push(("status_bar", r.response.rect));
        if self.prefs.show_bottom {
            let r = Panel::bottom("analysis_panel")
                .resizable(true)
                .default_size(210.0_f32.min(whole.height() * 0.25))
                .size_range(80.0..=(whole.height() * 0.4).max(120.0))
                .show(ui, |ui| {
                    // egui sizes a panel to its content: the content claims the whole
                    // panel, so the size is the user's, not the content's.
                    ui.set_min_height(ui.available_height());
                    self.bottom_ui(ui);
                });
            rects.push(("analysis_panel", r.response.rect));
        }
        if self.prefs.show_palette {
            let r = Panel::left("palette")
                .resizable(true)
                .default_size(200.0_f32.min(whole.width() * 0.16))
                .size_range(140.0..=(whole.width() * 0.25).max(160.0))
                .show(ui, |ui| {
                    ui.set_min_width(ui.available_width());
                    egui::ScrollArea::both()
                        .auto_shrink([false, true])
                        .show(ui, |ui| {
                            if let Some(panels::palette::PaletteAction::Add(kind)) =
                                panels::palette::ui(
                                    ui,
                                    self.icons.as_ref(),
                                    &self.examples,
                                    &mut self.intents,
                                )
                            {
                                let geo = canvas::geometry(&self.doc, &super::state::Drag::None);
                                // Inside the selected zone, else near the view's centre;
                                // never on top of another box.
                                let zone = self
                                    .state
                                    .selection
                                    .zones
                                    .first()
                                    .and_then(|z| {
                                        self.doc.map().zones.iter().position(|x| &x.id == z)
                                    })
                                    .and_then(|zi| geo.zones.get(zi).copied());
                                let start =
                                    zone.map_or_else(|| self.state.view_centre(), |z| z.center());
                                let at = canvas::free_spot(&geo, start, zone, self.prefs.snap);
                                let (edit, id) = canvas::add_component_edit(
                                    self.doc.map(),
                                    &geo,
                                    kind,
                                    at,
                                    self.prefs.snap,
                                );
                                self.intents.push(Intent::Edit(edit));
                                self.state.selection = Selection::only_component(id);
                                self.state.last_palette_add = Some(kind);
                            }
                        });
                });
            rects.push(("palette", r.response.rect));
        }
        if self.prefs.show_inspector {
            let r = Panel::right("inspector")
                .resizable(true)
                .default_size(330.0_f32.min(whole.width() * 0.24))
                .size_range(220.0..=(whole.width() * 0.35).max(260.0))
                .show(ui, |ui| {
                    ui.set_min_width(ui.available_width());
                    // Wider content scrolls inside the panel: the panel never grows past the
                    // window.
                    egui::ScrollArea::horizontal()
                        .id_salt("inspector_h")
                        .auto_shrink([false, true])
                        .show(ui, |ui| {
                            panels::inspector::ui(
                                ui,
                                &self.doc,
                                &mut self.state,
                                &mut self.intents,
                            );
                        });
                });
            rects.push(("inspector", r.response.rect));
        }
        self.state.panels = rects;
        self.canvas_ui(ui);
        self.modals(ui);
        self.apply_intents(ui.ctx());
        self.autosave(ui);
    }

    fn input(&mut self, ui: &Ui) {
        for cmd in UiCommand::listen(ui.ctx()) {
            self.intents.push(Intent::Command(cmd));
        }
        self.reveal_keys(ui);
        self.walk_keys(ui);
        let typing = ui.ctx().egui_wants_keyboard_input();
        let (copy, paste, dropped) = ui.input(|i| {
            (
                i.events.iter().any(|e| matches!(e, egui::Event::Copy)),
                i.events.iter().find_map(|e| {
                    if let egui::Event::Paste(s) = e {
                        Some(s.clone())
                    } else {
                        None
                    }
                }),
                i.raw
                    .dropped_files
                    .iter()
                    .map(|f| f.path().to_path_buf())
                    .next(),
            )
        });
        if !typing {
            if copy {
                self.intents.push(Intent::Command(UiCommand::Copy));
            }
            if let Some(text) = paste {
                self.intents.push(Intent::Paste(text));
            }
        }
        if let Some(path) = dropped {
            self.intents.push(Intent::Open(path));
        }
        if ui.input(|i| i.viewport().close_requested())
            && self.doc.is_dirty()
            && !self.quit_confirmed
        {
            ui.send_viewport_cmd(ViewportCommand::CancelClose);
            self.pending = Some(Pending::Quit);
        }
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
                            actions::plural(map.components.len(), "component", "components"),
                            actions::plural(map.connections.len(), "connection", "connections"),
                            actions::plural(map.zones.len(), "zone", "zones")
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
        let a = self.doc.analysis();
        ui.horizontal(|ui| {
            let f = format!("Findings ({})", a.findings.len());
            ui.selectable_value(&mut self.state.bottom_tab, BottomTab::Findings, f);
            let fl = format!("Flows ({})", a.flows.len());
            ui.selectable_value(&mut self.state.bottom_tab, BottomTab::Flows, fl);
            if let Some(c) = &self.state.compare {
                let ch = format!("Changes ({})", c.count());
                ui.selectable_value(&mut self.state.bottom_tab, BottomTab::Changes, ch);
            }
        });
        ui.separator();
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

    /// Selects a finding's first subject and frames it.
    pub fn select_finding(&mut self, i: usize) {
        let Some(f) = self.doc.analysis().findings.get(i) else {
            return;
        };
        let subjects = f.subjects.clone();
        self.select_subjects(&subjects);
    }

    /// Selects the components, zones and flow named by `subjects` (ids, flow names) and
    /// frames them; names not on the canvas are skipped.
    pub fn select_subjects<S: AsRef<str>>(&mut self, subjects: &[S]) {
        let map = self.doc.map();
        let layout = self.doc.layout();
        let mut sel = Selection::default();
        let mut frame: Option<egui::Rect> = None;
        for s in subjects.iter().map(AsRef::as_ref) {
            if let Some(ci) = map.components.iter().position(|c| c.id.as_str() == s) {
                sel.components.push(map.components[ci].id.clone());
                if let Some(r) = layout.component_rect(ci) {
                    let r = canvas::to_rect(r);
                    frame = Some(frame.map_or(r, |f| f.union(r)));
                }
            } else if let Some(zi) = map.zones.iter().position(|z| z.id.as_str() == s) {
                sel.zones.push(map.zones[zi].id.clone());
                if let Some(r) = layout.zones.get(zi) {
                    let r = canvas::to_rect(*r);
                    frame = Some(frame.map_or(r, |f| f.union(r)));
                }
            } else if let Some(fi) = map.flows.iter().position(|fl| fl.name == s) {
                self.state.selected_flow = Some(fi);
            }
        }
        if !sel.is_empty() {
            self.state.selection = sel;
        }
        if let Some(r) = frame {
            self.state.frame_target = Some(r.expand(260.0));
        }
    }

    fn find_ui(&mut self, ui: &Ui) {
        if !self.state.find_open {
            return;
        }
        let mut open = true;
        let mut chosen = None;
        egui::Window::new("Find component")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 60.0))
            .show(ui.ctx(), |ui| {
                let r = ui.add(
                    egui::TextEdit::singleline(&mut self.state.find_text).hint_text("Label or id"),
                );
                if !r.has_focus() && !r.lost_focus() {
                    r.request_focus();
                }
                let needle = self.state.find_text.to_lowercase();
                let matches: Vec<usize> = self
                    .doc
                    .map()
                    .components
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| {
                        needle.is_empty()
                            || c.label.to_lowercase().contains(&needle)
                            || c.id.as_str().contains(&needle)
                    })
                    .map(|(i, _)| i)
                    .take(12)
                    .collect();
                for &i in &matches {
                    if let Some(c) = self.doc.map().components.get(i)
                        && ui
                            .selectable_label(false, format!("{}  ({})", c.label, c.id))
                            .clicked()
                    {
                        chosen = Some(i);
                    }
                }
                // Enter takes the first match (the field keeps or just lost focus to it).
                if (r.has_focus() || r.lost_focus())
                    && ui.input(|i| i.key_pressed(egui::Key::Enter))
                {
                    chosen = matches.first().copied();
                }
            });
        if let Some(i) = chosen {
            if let (Some(c), Some(r)) = (
                self.doc.map().components.get(i),
                self.doc.layout().component_rect(i),
            ) {
                self.state.selection = Selection::only_component(c.id.clone());
                self.state.frame_target = Some(canvas::to_rect(r).expand(260.0));
            }
            open = false;
        }
        self.state.find_open = open;
    }
}
