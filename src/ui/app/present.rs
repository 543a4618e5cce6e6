//! Presentation mode's keys: `N` and `P` reveal the findings one by one, most severe first,
//! each framed on the canvas with its message and source as a caption.

use egui::{Key, Modifiers, Ui};

use super::App;

impl App {
    /// `N` reveals the next finding, `P` the previous one, while presenting.
    pub(super) fn reveal_keys(&mut self, ui: &Ui) {
        if self.state.presenting.is_none() || ui.ctx().egui_wants_keyboard_input() {
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
        self.select_finding(k);
    }
}
