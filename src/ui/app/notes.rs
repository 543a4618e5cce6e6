//! Sticky notes from the menus and the palette: a new note lands in free space near the
//! view's centre, selected, its text ready to type.

use super::App;
use crate::domain::edit::Edit;
use crate::ui::state::Selection;

impl App {
    /// Adds a note (one undo step) and selects it.
    pub(super) fn add_note(&mut self) {
        // In free space near the view's centre, as a new box is (notes count as boxes).
        let mut geo = crate::ui::canvas::geometry(&self.doc, &crate::ui::state::Drag::None);
        geo.components.append(&mut geo.notes);
        let c = crate::ui::canvas::free_spot(&geo, self.state.view_centre(), None, self.prefs.snap);
        let note = crate::domain::model::Note {
            text: "New note".to_owned(),
            pos: Some(crate::domain::model::Pos::new(
                f64::from(c.x),
                f64::from(c.y),
            )),
            size: None,
            colour: crate::domain::model::NoteColour::default(),
        };
        let index = self.doc.map().notes.len();
        self.edit(Edit::AddNote { note, index: None }, None);
        self.state.selection = Selection::only_note(index);
        self.state.focus_label = true;
        self.prefs.show_inspector = true;
    }
}
