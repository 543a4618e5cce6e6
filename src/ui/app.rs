//! The window: owns the document and the UI state, lays out the panels, and applies the
//! frame's intents once at the end.

use std::path::PathBuf;

use egui::{Ui, ViewportCommand};

use super::canvas::{self, hit_test::Topology};
use super::commands::UiCommand;
use super::document::Document;
use super::icons::Icons;
use super::intent::Intent;
use super::panels;
use super::state::{Prefs, Selection, UiState};
use super::{files, theme};

mod ab;
mod actions;
mod compare;
mod file_dialogs;
mod frame;
mod gallery;
mod import;
mod insert;
mod menu;
mod notes;
mod present;

impl App {
    /// The live session's dialogs and the other seats' selections over the canvas.
    fn live_ui(&mut self, ctx: &egui::Context) {
        self.live
            .overlay(ctx, &self.doc, &self.state.camera, self.state.canvas_rect);
        if let Some(super::live::Action::Open(map)) = self.live.dialogs(ctx, self.doc.map()) {
            self.take_document(Document::new(map, None));
        }
    }
}

pub use file_dialogs::{Dialogs, ExportChoice, FileAction};

/// An action waiting for the answer to "save your changes?".
#[derive(Clone, Debug, PartialEq)]
pub enum Pending {
    New,
    Open(PathBuf),
    /// Import this file (`None`: ask which) as a new, unsaved map.
    Import(Option<PathBuf>),
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
    /// The report of the last import, shown beside the map until closed.
    pub import_report: Option<crate::io::import::Report>,
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
            import_report: None,
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

    /// The real window: preferences from storage, then [`App::starting`].
    pub fn from_creation(cc: &eframe::CreationContext<'_>, path: Option<&PathBuf>) -> Self {
        theme::install_fonts(&cc.egui_ctx);
        let prefs: Prefs = cc
            .storage
            .and_then(|s| eframe::get_value(s, eframe::APP_KEY))
            .unwrap_or_default();
        let mut app = Self::starting(prefs, path);
        app.dialogs = Dialogs::Native;
        if let Some(p) = files::recovery_path() {
            app = app.with_recovery(p);
        }
        // `stateline diagram.drawio` (or a Terraform JSON): imported, as a dropped file is.
        if let Some(p) = path.filter(|p| import::is_importable(p)) {
            app.error = None;
            app.import_file(p);
        }
        // Debug builds only, for screenshots of a comparison (no public command-line flag).
        #[cfg(debug_assertions)]
        if let Some(other) = std::env::var_os("STATELINE_DEBUG_COMPARE_WITH") {
            app.compare_with_path(std::path::Path::new(&other));
        }
        app
    }

    /// The window as it starts: the file from the command line, else the recent file, else
    /// an untitled copy of an example (first start). A file that cannot be read is reported
    /// and the window starts on the example.
    pub fn starting(prefs: Prefs, path: Option<&PathBuf>) -> Self {
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
        let mut app = Self::new(Document::untitled(), prefs);
        if let Some(doc) = doc {
            app.take_document(doc);
        }
        app.error = error;
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
        let runs = self.doc.analysis_runs();
        self.doc.refresh();
        // "vs the other reading" holds while only the reading changed: a new analysis for
        // any other reason (another date, an edit) makes it stale, and it goes.
        if self.doc.analysis_runs() != runs {
            let now = self.doc.analysis().scenario.interpretation;
            self.baseline = (now != before.0).then_some(before);
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

    /// What the canvas draws now (world units, by id): see [`canvas::hit_test::Drawn`].
    pub fn drawn(&self) -> canvas::hit_test::Drawn {
        let geo = canvas::geometry(&self.doc, &self.state.drag);
        canvas::hit_test::Drawn::of(self.doc.map(), &geo, &self.topo, self.doc.scene())
    }

    /// Starts in presentation mode (`stateline --present MAP.ron`).
    pub fn start_presenting(&mut self, ctx: &egui::Context) {
        self.present(ctx, true);
    }

    /// The one gate for keys: is a text field typing, or a dialog, modal or popup open?
    pub fn key_gate(&self, ctx: &egui::Context) -> crate::ui::commands::KeyGate {
        crate::ui::commands::KeyGate {
            typing: ctx.egui_wants_keyboard_input(),
            dialog: self.chooser.is_some()
                || self.export_setup.is_some()
                || self.gallery.is_some()
                || self.pending.is_some()
                || self.error.is_some()
                || self.recovery_offer.is_some()
                || egui::Popup::is_any_open(ctx)
                || ctx.memory(|m| m.top_modal_layer().is_some()),
        }
    }

    fn input(&mut self, ui: &Ui) {
        let gate = self.key_gate(ui.ctx());
        for cmd in UiCommand::listen(ui.ctx(), gate) {
            self.intents.push(Intent::Command(cmd));
        }
        if gate.canvas_keys() {
            self.reveal_keys(ui);
            self.walk_keys(ui);
        }
        let typing = gate.typing || gate.dialog;
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
            // A map opens; a draw.io diagram or a Terraform/OpenTofu JSON is imported.
            if import::is_importable(&path) {
                self.intents.push(Intent::Import(Some(path)));
            } else {
                self.intents.push(Intent::Open(path));
            }
        }
        if ui.input(|i| i.viewport().close_requested())
            && self.doc.is_dirty()
            && !self.quit_confirmed
        {
            ui.send_viewport_cmd(ViewportCommand::CancelClose);
            self.pending = Some(Pending::Quit);
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
                            .selectable_label(
                                false,
                                crate::domain::text::named(Some(&c.label), c.id.as_str()),
                            )
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
