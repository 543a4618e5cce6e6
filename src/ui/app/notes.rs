//! Sticky notes from the menus and the palette: a new note lands in free space near the
//! view's centre, selected, its text ready to type. A double-clicked note is written in where
//! it is, on the canvas (in the editor and while presenting): while its field has the
//! keyboard no key reaches a canvas shortcut.

use super::App;
use crate::domain::edit::Edit;
use crate::ui::state::Selection;

impl App {
    /// Adds a note (one undo step) and selects it.
    pub(super) fn add_note(&mut self) {
        // In free space near the view's centre (the core's rule, as for every insertion).
        let geo = crate::ui::canvas::geometry(&self.doc, &crate::ui::state::Drag::None);
        let size = (
            crate::domain::scene::NOTE_W,
            16.0 + crate::domain::scene::NOTE_LINE,
        );
        let c = crate::ui::canvas::occupied(&geo).free_spot(
            size,
            crate::ui::canvas::to_pos(self.state.view_centre()),
            crate::domain::place::Within::Anywhere,
            f64::from(crate::ui::canvas::GRID),
        );
        let note = crate::domain::model::Note {
            text: String::new(),
            pos: Some(c),
            size: None,
            colour: crate::domain::model::NoteColour::default(),
        };
        let index = self.doc.map().notes.len();
        self.edit(Edit::AddNote { note, index: None }, None);
        self.state.selection = Selection::only_note(index);
        self.state.focus_label = true;
        self.prefs.show_inspector = true;
    }

    /// The field over a note being written in on the canvas; Escape or a click elsewhere
    /// ends it. Each visit is one undo step.
    pub(super) fn note_editor(&mut self, ui: &egui::Ui) {
        let Some(i) = self.state.editing_note else {
            return;
        };
        let Some(note) = self.doc.map().notes.get(i).cloned() else {
            self.state.editing_note = None;
            return;
        };
        let geo = crate::ui::canvas::geometry(&self.doc, &self.state.drag);
        let Some(world) = geo.notes.get(i) else {
            return;
        };
        let screen = self
            .state
            .camera
            .screen_rect(self.state.canvas_rect, *world);
        let (fill, _, ink, _) = crate::domain::palette::note(note.colour);
        let rgb = |c: crate::domain::palette::Rgb| egui::Color32::from_rgb(c.0, c.1, c.2);
        let mut text = note.text.clone();
        let mut end = false;
        egui::Area::new(egui::Id::unique("note_editor"))
            .fade_in(false)
            .order(egui::Order::Foreground)
            .fixed_pos(screen.min)
            .show(ui.ctx(), |ui| {
                egui::Frame::new()
                    .fill(rgb(fill))
                    .inner_margin(4.0)
                    .show(ui, |ui| {
                        let width = screen.width().max(200.0) - 8.0;
                        let field = ui.add(
                            egui::TextEdit::multiline(&mut text)
                                .id_salt(("note_editor_field", i))
                                .hint_text("Write the note")
                                .desired_width(width)
                                .desired_rows(4)
                                .frame(egui::Frame::NONE)
                                .text_color(rgb(ink))
                                .font(egui::TextStyle::Body),
                        );
                        if std::mem::take(&mut self.state.focus_note) {
                            field.request_focus();
                        }
                        if field.lost_focus() {
                            end = true;
                        }
                    });
            });
        if text != note.text {
            let mut edited = note;
            edited.text = text;
            self.intents.push(crate::ui::intent::Intent::Coalesce(
                Edit::SetNote {
                    index: i,
                    note: edited,
                },
                format!("note/{i}/text"),
            ));
        }
        if end {
            self.state.editing_note = None;
            self.intents
                .push(crate::ui::intent::Intent::BreakCoalescing);
        }
    }
}
