//! The inspector of a selected sticky note: its text, its colour, its size, delete. Every
//! change is an edit (typing coalesces into one undo step per field visit).

use egui::{RichText, TextEdit, Ui};

use super::widgets::Change;
use crate::domain::edit::Edit;
use crate::domain::model::NoteColour;
use crate::domain::palette;
use crate::ui::document::Document;
use crate::ui::intent::Intent;
use crate::ui::state::UiState;

fn colour32(c: palette::Rgb) -> egui::Color32 {
    egui::Color32::from_rgb(c.0, c.1, c.2)
}

pub fn ui(
    ui: &mut Ui,
    doc: &Document,
    state: &mut UiState,
    index: usize,
    intents: &mut Vec<Intent>,
) {
    let Some(orig) = doc.map().notes.get(index) else {
        return;
    };
    let mut n = orig.clone();
    let mut ch = Change::new();
    ui.heading(format!("Sticky note {}", index + 1));
    let field = ui.add(
        TextEdit::multiline(&mut n.text)
            .hint_text("Note")
            .desired_rows(4)
            .desired_width(f32::INFINITY),
    );
    if std::mem::take(&mut state.focus_label) {
        field.request_focus();
    }
    ch.text(&field, "text");
    ui.horizontal_wrapped(|ui| {
        ui.label("Colour");
        for c in NoteColour::ALL {
            let (fill, border, ink, _) = palette::note(c);
            let text = RichText::new(c.label())
                .color(colour32(ink))
                .background_color(colour32(fill));
            let r = ui
                .selectable_label(n.colour == c, text)
                .on_hover_text(format!("Border: {}", border.hex()));
            if r.clicked() && n.colour != c {
                n.colour = c;
                ch.discrete(true, "colour");
            }
        }
    });
    ui.horizontal(|ui| match n.size {
        Some(s) => {
            ui.label(format!("Size {:.0} × {:.0}", s.w, s.h));
            if ui
                .button("Fit to text")
                .on_hover_text("Back to the default width, as tall as its text")
                .clicked()
            {
                n.size = None;
                ch.discrete(true, "size");
            }
        }
        None => {
            ui.label(RichText::new("Drag its bottom-right corner to resize").weak());
        }
    });
    if ui.button("Delete note").clicked() {
        intents.push(Intent::Edit(Edit::RemoveNote { index }));
        state.selection.note = None;
        return;
    }
    if &n != orig {
        ch.push(
            intents,
            &format!("n/{index}"),
            Edit::SetNote { index, note: n },
        );
    }
}
