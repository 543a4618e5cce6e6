//! Comparing the open map with its last saved version or with another map file.

use std::path::Path;

use egui::Ui;

use super::App;
use crate::ui::compare::{Comparison, Source};
use crate::ui::document::Document;
use crate::ui::panels::changes::{self, ChangesAction};
use crate::ui::state::BottomTab;

impl App {
    /// Compares the open map with its file on disk (the last saved version).
    pub fn compare_with_last_saved(&mut self) {
        let Some(path) = self.doc.path().map(Path::to_path_buf) else {
            self.say("Nothing to compare with: the map has not been saved yet");
            return;
        };
        self.start_comparison(Source::LastSaved(path));
    }

    /// Compares the open map with another map file; on error shows every problem, as a
    /// failed Open does, and keeps the current comparison (if any).
    pub fn compare_with_path(&mut self, path: &Path) {
        self.start_comparison(Source::File(path.to_path_buf()));
    }

    pub(super) fn compare_file_dialog(&mut self) {
        self.choose_file(super::FileAction::Compare);
    }

    fn start_comparison(&mut self, source: Source) {
        let Some(path) = source.path().map(Path::to_path_buf) else {
            return;
        };
        self.doc.refresh();
        match Document::load_other(&path)
            .map_err(|e| e.render())
            .and_then(|other| Comparison::new(source, other, &self.doc))
        {
            Ok(c) => {
                let n = c.count();
                self.say(if n == 0 {
                    format!("No differences with {}", c.source.describe())
                } else {
                    format!(
                        "{} with {}",
                        crate::domain::text::count(n, "difference", "differences"),
                        c.source.describe()
                    )
                });
                self.state.compare = Some(c);
                self.state.bottom_tab = BottomTab::Changes;
                self.prefs.findings_open = true;
            }
            Err(e) => {
                let path = path.display();
                self.error = Some((format!("Could not compare with {path}"), e));
            }
        }
    }

    /// After a save, a comparison with the last saved version compares with the new file.
    pub(super) fn saved_while_comparing(&mut self) {
        let Some(path) = self.doc.path().map(Path::to_path_buf) else {
            return;
        };
        if let Some(c) = &self.state.compare
            && matches!(c.source, Source::LastSaved(_))
            && let Ok(other) = Document::load_other(&path)
        {
            self.doc.refresh();
            match Comparison::new(Source::LastSaved(path), other, &self.doc) {
                Ok(c) => self.state.compare = Some(c),
                Err(e) => {
                    self.error = Some(("Could not compare with the saved file".to_owned(), e));
                }
            }
        }
    }

    /// Ends the comparison (the Changes tab goes away, the canvas marks too).
    /// Ends the comparison. An A/B comparison whose sides were swapped comes back to the
    /// scenario it started on (side A; one undoable edit: Ctrl+Z returns to B).
    pub fn close_comparison(&mut self) {
        let Some(c) = self.state.compare.take() else {
            return;
        };
        if self.state.bottom_tab == BottomTab::Changes {
            self.state.bottom_tab = BottomTab::Findings;
        }
        match c.started_on {
            Some(a) if a != self.doc.map().scenario => {
                self.edit(crate::domain::edit::Edit::SetScenario(a), None);
                self.say("Comparison closed: back to side A, as it started (Ctrl+Z shows B again)");
            }
            _ => self.say("Comparison closed"),
        }
    }

    pub(super) fn changes_tab(&mut self, ui: &mut Ui) {
        let Some(c) = &self.state.compare else {
            self.state.bottom_tab = BottomTab::Findings;
            return;
        };
        match changes::ui(ui, c) {
            Some(ChangesAction::Close) => self.close_comparison(),
            Some(ChangesAction::Select(subjects)) => self.select_subjects(&subjects),
            None => {}
        }
    }
}
