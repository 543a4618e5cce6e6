//! Applying the frame's intents and commands; files, prompts and recovery.

use std::path::{Path, PathBuf};

use egui::{Modal, RichText, Ui, ViewportCommand};

use super::{App, Pending};
use crate::domain::edit::Edit;
use crate::ui::clip;
use crate::ui::commands::UiCommand;
use crate::ui::document::Document;
use crate::ui::files;
use crate::ui::intent::Intent;
use crate::ui::state::Selection;

impl App {
    /// Shows a message in the status bar.
    pub(super) fn say(&mut self, text: impl Into<String>) {
        self.status = text.into();
    }

    /// Applies everything the widgets asked for this frame, in order.
    pub(super) fn apply_intents(&mut self, ctx: &egui::Context) {
        let intents = std::mem::take(&mut self.intents);
        for intent in intents {
            match intent {
                Intent::Edit(edit) => self.edit(edit, None),
                Intent::Coalesce(edit, key) => self.edit(edit, Some(&key)),
                Intent::BreakCoalescing => self.doc.break_coalescing(),
                Intent::Command(cmd) => self.run(ctx, cmd),
                Intent::Open(path) => self.request(Pending::Open(path)),
                Intent::NewFromExample(path) => self.request(Pending::NewFromExample(path)),
                Intent::Paste(text) => self.insert_items(&text, None),
                Intent::Notify(text) => self.status = text,
                Intent::Export(format) => self.export(format),
                Intent::Import(path) => self.request(Pending::Import(path)),
                Intent::CompareDeployment(None) => {
                    self.choose_file(super::FileAction::CompareDeployment);
                }
                Intent::CompareDeployment(Some(path)) => self.compare_deployment(&path),
                Intent::StopDeployment => self.stop_deployment(),
                Intent::CompareScenario(side) => self.compare_scenario(side),
                Intent::CloseComparison => self.close_comparison(),
                Intent::SetDown(down) => {
                    let overrides = crate::domain::scenario::Overrides {
                        down,
                        ..self.doc.overrides().clone()
                    };
                    self.doc.set_overrides(overrides);
                }
            }
        }
        self.prune_selection();
    }

    pub(super) fn edit(&mut self, edit: Edit, key: Option<&str>) {
        if let Err(err) = self.doc.apply_coalescing(edit, key) {
            self.say(format!("Not changed: {err}"));
        }
    }

    /// Drops selected items that no longer exist (after undo, delete…).
    fn prune_selection(&mut self) {
        let map = self.doc.map();
        let sel = &mut self.state.selection;
        sel.components.retain(|id| map.component(id).is_some());
        sel.zones.retain(|id| map.zone(id).is_some());
        if sel.connection.is_some_and(|i| i >= map.connections.len()) {
            sel.connection = None;
        }
        if sel.note.is_some_and(|i| i >= map.notes.len()) {
            sel.note = None;
        }
        if self
            .state
            .selected_flow
            .is_some_and(|i| i >= self.doc.analysis().flows.len().max(map.flows.len()))
        {
            self.state.selected_flow = None;
        }
    }

    /// Runs one command (menus and shortcuts).
    pub fn run(&mut self, ctx: &egui::Context, cmd: UiCommand) {
        match cmd {
            UiCommand::New => self.request(Pending::New),
            UiCommand::Open => self.request(Pending::OpenDialog),
            UiCommand::Save => {
                self.save();
            }
            UiCommand::SaveAs => {
                self.save_as_dialog(None);
            }
            UiCommand::Export => self.export(crate::io::export::Format::Svg),
            UiCommand::CompareSaved => self.compare_with_last_saved(),
            UiCommand::CompareFile => self.compare_file_dialog(),
            UiCommand::Quit => ctx.send_viewport_cmd(ViewportCommand::Close),
            UiCommand::Undo => match self.doc.undo() {
                Ok(true) => self.say("Undone"),
                Ok(false) => self.say("Nothing to undo"),
                Err(e) => self.say(format!("Cannot undo: {e}")),
            },
            UiCommand::Redo => match self.doc.redo() {
                Ok(true) => self.say("Redone"),
                Ok(false) => self.say("Nothing to redo"),
                Err(e) => self.say(format!("Cannot redo: {e}")),
            },
            UiCommand::Delete => self.delete_selection(),
            UiCommand::Duplicate => {
                if let Some(text) =
                    clip::copy(self.doc.map(), self.doc.layout(), &self.state.selection)
                {
                    // Beside the original, in free space.
                    let near = crate::io::map_file::load_str(
                        &text,
                        "<clipboard>",
                        crate::domain::Catalog::builtin(),
                    )
                    .ok()
                    .and_then(|m| crate::domain::layout::layout(&m).bounds())
                    .map(|b| {
                        crate::domain::model::Pos::new(b.x + b.w + b.w / 2.0, b.y + b.h / 2.0)
                    });
                    self.insert_items(&text, near);
                    let n =
                        self.state.selection.components.len() + self.state.selection.zones.len();
                    self.say(format!("Duplicated {}", plural(n, "item", "items")));
                }
            }
            UiCommand::SelectAll => {
                self.state.selection = Selection {
                    components: self
                        .doc
                        .map()
                        .components
                        .iter()
                        .map(|c| c.id.clone())
                        .collect(),
                    ..Selection::default()
                };
            }
            UiCommand::Copy => {
                if let Some(text) =
                    clip::copy(self.doc.map(), self.doc.layout(), &self.state.selection)
                {
                    ctx.copy_text(text.clone());
                    self.clipboard = Some(text);
                    self.say("Copied as map text");
                }
            }
            UiCommand::Paste => {
                if let Some(text) = self.clipboard.clone() {
                    self.insert_items(&text, None);
                }
            }
            UiCommand::Find => self.state.find_open = true,
            UiCommand::Escape if self.state.walk.is_some() && !self.state.find_open => {
                self.state.walk = None;
            }
            UiCommand::Escape
                if self.state.compare.is_some()
                    && !self.state.find_open
                    && self.state.drag == crate::ui::state::Drag::None =>
            {
                self.close_comparison();
            }
            UiCommand::Escape
                if self.state.presenting.is_some()
                    && !self.state.find_open
                    && self.state.drag == crate::ui::state::Drag::None =>
            {
                self.present(ctx, false);
            }
            UiCommand::AbReadings => self.ab_readings(),
            UiCommand::NewFromTemplate => self.open_gallery(),
            UiCommand::Present => {
                let on = self.state.presenting.is_none();
                self.present(ctx, on);
            }
            UiCommand::Escape => {
                if self.state.find_open {
                    self.state.find_open = false;
                } else if self.state.drag == crate::ui::state::Drag::None
                    && self.state.compare.is_some()
                {
                    self.close_comparison();
                } else if self.state.drag == crate::ui::state::Drag::None {
                    self.state.selection.clear();
                    self.state.selected_flow = None;
                } else {
                    self.state.drag = crate::ui::state::Drag::None;
                }
            }
            UiCommand::FitView => self.state.fit_pending = true,
            UiCommand::FitAll => {
                self.state.fit_pending = true;
                self.state.fit_all = true;
            }
            UiCommand::ZoomIn | UiCommand::ZoomOut => {
                let f = if cmd == UiCommand::ZoomIn { 1.25 } else { 0.8 };
                let r = self.state.canvas_rect;
                self.state.camera.zoom_at(r, r.center(), f);
            }
            UiCommand::AlignLeft | UiCommand::AlignTop => self.align(cmd == UiCommand::AlignLeft),
            UiCommand::AddZone => self.add_zone(),
            UiCommand::AddNote => self.add_note(),
            UiCommand::ToggleTheme => self.prefs.dark = !self.prefs.dark,
        }
    }

    /// Enters presentation mode (full screen, the drawing alone, fitted for a projector) or
    /// leaves it, bringing back the editor's camera; panels keep their sizes throughout.
    pub(super) fn present(&mut self, ctx: &egui::Context, on: bool) {
        self.state.revealed = None;
        if on {
            self.state.presenting = Some(self.state.camera);
            self.state.fit_pending = true;
            // The header's room is known after its first frame: fit again then.
            self.state.overlays_over_canvas.clear();
        } else if let Some(camera) = self.state.presenting.take() {
            self.state.camera = camera;
            // Started presenting (`--present`): the editor has no view of its own yet.
            if camera == crate::ui::state::Camera::default() {
                self.state.fit_pending = true;
            }
        }
        ctx.send_viewport_cmd(ViewportCommand::Fullscreen(on));
    }

    fn delete_selection(&mut self) {
        let sel = self.state.selection.clone();
        let mut edits = Vec::new();
        if let Some(i) = sel.connection {
            edits.push(Edit::RemoveConnection { index: i });
        }
        if !sel.components.is_empty() {
            edits.push(Edit::RemoveComponents {
                ids: sel.components.clone(),
            });
        }
        for z in &sel.zones {
            edits.push(Edit::RemoveZone { id: z.clone() });
        }
        if let Some(index) = sel.note {
            edits.push(Edit::RemoveNote { index });
        }
        if !edits.is_empty() {
            let n = sel.components.len()
                + sel.zones.len()
                + usize::from(sel.connection.is_some())
                + usize::from(sel.note.is_some());
            self.edit(Edit::Batch(edits), None);
            self.state.selection.clear();
            self.say(format!(
                "Deleted {} (Ctrl+Z undoes it)",
                plural(n, "item", "items")
            ));
        }
    }

    fn align(&mut self, left: bool) {
        let map = self.doc.map();
        let layout = self.doc.layout();
        let idx: Vec<usize> = self
            .state
            .selection
            .components
            .iter()
            .filter_map(|id| map.component_index(id))
            .collect();
        let Some(target) = idx
            .iter()
            .filter_map(|&i| layout.components.get(i))
            .map(|p| if left { p.x } else { p.y })
            .reduce(f64::min)
        else {
            return;
        };
        let moves = idx
            .iter()
            .filter_map(|&i| {
                let p = layout.components.get(i)?;
                let c = map.components.get(i)?;
                let pos = if left {
                    crate::domain::model::Pos::new(target, p.y)
                } else {
                    crate::domain::model::Pos::new(p.x, target)
                };
                Some((c.id.clone(), Some(pos)))
            })
            .collect();
        self.edit(Edit::MoveComponents { moves }, None);
    }

    /// Asks before losing unsaved changes; runs the action at once when saved.
    pub fn request(&mut self, action: Pending) {
        if self.doc.is_dirty() {
            self.pending = Some(action);
        } else {
            self.proceed(action);
        }
    }

    /// Runs an action that may replace the document (the user agreed).
    pub fn proceed(&mut self, action: Pending) {
        match action {
            Pending::New => self.take_document(Document::untitled()),
            Pending::Open(path) => self.open_path(&path),
            Pending::OpenDialog => self.choose_file(super::FileAction::Open),
            Pending::Import(None) => self.choose_file(super::FileAction::Import),
            Pending::Import(Some(path)) => self.import_file(&path),
            Pending::NewFromExample(path) => match Document::open(&path) {
                Ok(d) => {
                    self.take_document(Document::new(d.map().clone(), None));
                    self.say(format!("New map from {}", path.display()));
                }
                Err(e) => {
                    self.error = Some((format!("Could not open {}", path.display()), e.render()));
                }
            },
            Pending::Quit => {
                self.clear_recovery();
                self.quit_confirmed = true;
                self.quit_now = true;
            }
        }
    }

    /// Opens a map file; on error shows every problem and keeps the current map.
    pub fn open_path(&mut self, path: &Path) {
        match Document::open(path) {
            Ok(doc) => {
                self.take_document(doc);
                self.prefs.push_recent(path.to_path_buf());
                self.say(format!("Opened {}", path.display()));
            }
            Err(e) => self.error = Some((format!("Could not open {}", path.display()), e.render())),
        }
    }

    /// The one way a document comes into the window — opened (dialog, recent, drop, command
    /// line), a template, a recovered one, a new one, an import: everything the window keeps
    /// about the previous document by index or by generation goes with it, so the canvas
    /// draws what the new document holds from its first frame, fitted.
    pub fn take_document(&mut self, doc: Document) {
        self.doc = doc;
        let s = &mut self.state;
        s.selection.clear();
        s.selected_flow = None;
        s.walk = None;
        s.revealed = None;
        s.drag = crate::ui::state::Drag::None;
        s.press_hit = None;
        s.hovered_component = None;
        s.frame_target = None;
        s.findings.selected = None;
        s.editing_note = None;
        s.id_buffer = None;
        s.compare = None;
        s.fit_pending = true;
        self.baseline = None;
        self.clear_recovery();
    }

    /// Saves to the document's file (or asks for one). True when saved.
    pub fn save(&mut self) -> bool {
        match self.doc.save() {
            Ok(true) => {
                if let Some(p) = self.doc.path().map(Path::to_path_buf) {
                    self.say(format!("Saved {}", p.display()));
                    self.prefs.push_recent(p);
                }
                self.clear_recovery();
                self.saved_while_comparing();
                true
            }
            Ok(false) => self.save_as_dialog(None),
            Err(e) => {
                self.error = Some(("Could not save".to_owned(), e.to_string()));
                false
            }
        }
    }

    /// Asks where to save; `then` runs once it is saved. False: not saved yet.
    fn save_as_dialog(&mut self, then: Option<Pending>) -> bool {
        self.choose_file(super::FileAction::SaveAs(then));
        false
    }

    pub fn save_as(&mut self, path: PathBuf) -> bool {
        match self.doc.save_as(&path) {
            Ok(()) => {
                self.say(format!("Saved {}", path.display()));
                self.prefs.push_recent(path);
                self.clear_recovery();
                self.saved_while_comparing();
                true
            }
            Err(e) => {
                self.error = Some((format!("Could not save {}", path.display()), e.to_string()));
                false
            }
        }
    }

    /// Sets up an export (its options first, then its file).
    fn export(&mut self, format: crate::io::export::Format) {
        self.export_with(format);
    }

    fn clear_recovery(&self) {
        if let Some(p) = &self.recovery {
            std::fs::remove_file(p).ok();
        }
    }

    /// Every 20 s with unsaved changes, writes them to the recovery file.
    pub(super) fn autosave(&mut self, ui: &Ui) {
        let now = ui.input(|i| i.time);
        if now - self.last_autosave < 20.0 {
            return;
        }
        self.last_autosave = now;
        if let Some(p) = &self.recovery
            && self.doc.is_dirty()
            && self.recovery_offer.is_none()
        {
            if let Some(dir) = p.parent() {
                std::fs::create_dir_all(dir).ok();
            }
            if let Err(e) = self.doc.write_recovery(p) {
                self.say(format!("Autosave failed: {e}"));
            }
        }
    }

    pub(super) fn modals(&mut self, ui: &Ui) {
        self.live_ui(ui.ctx());
        self.file_dialogs_ui(ui);
        self.import_report_ui(ui);
        self.gallery_ui(ui);
        if self.quit_now {
            self.quit_now = false;
            ui.send_viewport_cmd(ViewportCommand::Close);
        }
        if let Some(action) = self.pending.clone() {
            let mut answer = None;
            let resp = Modal::new(egui::Id::unique("unsaved_modal")).show(ui.ctx(), |ui| {
                ui.heading("Unsaved changes");
                ui.label(format!("Save the changes to {} first?", self.doc.name()));
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button("Save").clicked() {
                        answer = Some(1);
                    }
                    if ui.button("Discard changes").clicked() {
                        answer = Some(2);
                    }
                    if ui.button("Cancel").clicked() {
                        answer = Some(0);
                    }
                });
            });
            if resp.should_close() && answer.is_none() {
                answer = Some(0);
            }
            match answer {
                Some(1) => {
                    self.pending = None;
                    match self.doc.save() {
                        Ok(true) => {
                            self.clear_recovery();
                            self.proceed(action);
                        }
                        // Not saved anywhere yet: ask where, then go on.
                        Ok(false) => {
                            self.save_as_dialog(Some(action));
                        }
                        Err(e) => self.error = Some(("Could not save".to_owned(), e.to_string())),
                    }
                }
                Some(2) => {
                    self.pending = None;
                    self.proceed(action);
                }
                Some(_) => self.pending = None,
                None => {}
            }
        }
        if let Some((title, body)) = self.error.clone() {
            let mut close = false;
            Modal::new(egui::Id::unique("error_modal")).show(ui.ctx(), |ui| {
                ui.set_max_width(720.0);
                ui.heading(title);
                ui.label("The current map is unchanged.");
                egui::ScrollArea::vertical()
                    .max_height(320.0)
                    .show(ui, |ui| {
                        ui.label(RichText::new(body).monospace());
                    });
                if ui.button("OK").clicked() {
                    close = true;
                }
            });
            if close {
                self.error = None;
            }
        }
        if let Some(path) = self.recovery_offer.clone() {
            let mut answer = None;
            Modal::new(egui::Id::unique("recovery_modal")).show(ui.ctx(), |ui| {
                ui.heading("Recover unsaved work?");
                ui.label("Stateline closed with unsaved changes last time. They were autosaved.");
                ui.horizontal(|ui| {
                    if ui.button("Recover").clicked() {
                        answer = Some(true);
                    }
                    if ui.button("Discard").clicked() {
                        answer = Some(false);
                    }
                });
            });
            match answer {
                Some(true) => {
                    self.recovery_offer = None;
                    match Document::open(&path) {
                        Ok(d) => {
                            let mut doc = Document::new(d.map().clone(), None);
                            // Recovered work is unsaved: mark it dirty with a no-op title edit.
                            let title = doc.map().title.clone();
                            doc.apply(Edit::SetTitle(title)).ok();
                            self.take_document(doc);
                        }
                        Err(e) => {
                            // Never thrown away: set aside where autosave will not overwrite
                            // it, and say where it is.
                            let kept = files::keep_aside(&path).unwrap_or(path.clone());
                            self.error = Some((
                                "Could not recover".to_owned(),
                                format!(
                                    "{}\n\nThe autosaved work is kept, unchanged, at\n{}\nOpen it in a text editor to take what you need.",
                                    e.render(),
                                    kept.display()
                                ),
                            ));
                        }
                    }
                }
                Some(false) => {
                    self.recovery_offer = None;
                    std::fs::remove_file(&path).ok();
                }
                None => {}
            }
        }
    }
}

/// "1 item", "3 items" (the core's one way: `domain::text::count`).
pub(super) use crate::domain::text::count as plural;
