//! The open document: the map, its file, its history and its cached analysis.
//!
//! The only place that changes the map (through [`Edit`]s), so undo/redo, the dirty flag
//! and re-analysis have one choke point. Testable without dialogs or a window.

use std::path::{Path, PathBuf};

use crate::domain::analysis::{self, Analysis};
use crate::domain::catalog::Catalog;
use crate::domain::edit::{Edit, EditError};
use crate::domain::history::History;
use crate::domain::layout::{self, Layout};
use crate::domain::model::Map;
use crate::io::map_file::{self, LoadError};

/// The function that analyses a map (the real one, or a test double).
pub type Analyzer = fn(&Map, &Catalog, &analysis::Options) -> Analysis;

/// A map being edited.
pub struct Document {
    analyzer: Analyzer,
    map: Map,
    path: Option<PathBuf>,
    history: History,
    /// Bumped on every change of the map (keys the cached analysis).
    generation: u64,
    /// An id for the map's current content; undo/redo return to earlier ids, so undoing
    /// back to the saved content is not "unsaved".
    revision: u64,
    next_revision: u64,
    saved_revision: u64,
    /// The revision before each undo step / after each redo step.
    undo_revisions: Vec<u64>,
    redo_revisions: Vec<u64>,
    analysis: Analysis,
    layout: Layout,
    cached_generation: u64,
    /// How many times the analysis ran (tests check it does not run every frame).
    pub analysis_runs: u64,
}

impl Document {
    /// A document for a map (not yet saved anywhere when `path` is `None`).
    pub fn new(map: Map, path: Option<PathBuf>) -> Self {
        Self::with_analyzer(map, path, analysis::analyze)
    }

    /// A document whose analysis is done by `analyzer` (tests inject findings this way).
    pub fn with_analyzer(map: Map, path: Option<PathBuf>, analyzer: Analyzer) -> Self {
        // Same options as `Document::options`.
        let analysis = analyzer(&map, Catalog::builtin(), &analysis::Options::default());
        let layout = layout::layout(&map);
        Self {
            analyzer,
            map,
            path,
            history: History::default(),
            generation: 0,
            revision: 0,
            next_revision: 1,
            saved_revision: 0,
            undo_revisions: Vec::new(),
            redo_revisions: Vec::new(),
            analysis,
            layout,
            cached_generation: 0,
            analysis_runs: 1,
        }
    }

    /// An empty, untitled map.
    pub fn untitled() -> Self {
        Self::new(Map::new("Untitled design"), None)
    }

    /// Loads a map file; on error nothing is created and the caller keeps its document.
    pub fn open(path: &Path) -> Result<Self, LoadError> {
        let map = map_file::load_path(path, Catalog::builtin())?;
        Ok(Self::new(map, Some(path.to_path_buf())))
    }

    /// Saves to the document's own file. `Ok(false)` when it has none yet (ask for one).
    pub fn save(&mut self) -> std::io::Result<bool> {
        let Some(path) = self.path.clone() else {
            return Ok(false);
        };
        map_file::save_path(&path, &self.map)?;
        self.saved_revision = self.revision;
        Ok(true)
    }

    /// Saves to a new file, which becomes the document's file.
    pub fn save_as(&mut self, path: &Path) -> std::io::Result<()> {
        map_file::save_path(path, &self.map)?;
        self.path = Some(path.to_path_buf());
        self.saved_revision = self.revision;
        Ok(())
    }

    pub fn map(&self) -> &Map {
        &self.map
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn history(&self) -> &History {
        &self.history
    }

    pub fn generation(&self) -> u64 {
        self.generation
    }

    pub fn is_dirty(&self) -> bool {
        self.revision != self.saved_revision
    }

    /// The file name without extension, or "Untitled".
    pub fn name(&self) -> String {
        self.path.as_deref().and_then(Path::file_name).map_or_else(
            || "Untitled".to_owned(),
            |n| n.to_string_lossy().into_owned(),
        )
    }

    /// The window title: file name, `•` when unsaved.
    pub fn window_title(&self) -> String {
        let dot = if self.is_dirty() { " •" } else { "" };
        format!("{}{dot} — Stateline", self.name())
    }

    /// Applies one gesture's edit as one undo step.
    pub fn apply(&mut self, edit: Edit) -> Result<(), EditError> {
        self.apply_coalescing(edit, None)
    }

    /// Applies an edit that may merge with the previous one under the same key.
    pub fn apply_coalescing(&mut self, edit: Edit, key: Option<&str>) -> Result<(), EditError> {
        if edit.is_noop() {
            return Ok(());
        }
        let new_step = self.history.apply_coalescing(&mut self.map, edit, key)?;
        if new_step {
            self.undo_revisions.push(self.revision);
            let excess = self
                .undo_revisions
                .len()
                .saturating_sub(self.history.undo_len());
            self.undo_revisions.drain(..excess);
        }
        self.redo_revisions.clear();
        self.revision = self.next_revision;
        self.next_revision += 1;
        self.generation += 1;
        Ok(())
    }

    pub fn break_coalescing(&mut self) {
        self.history.break_coalescing();
    }

    pub fn undo(&mut self) -> Result<bool, EditError> {
        let done = self.history.undo(&mut self.map)?;
        if done {
            self.generation += 1;
            self.redo_revisions.push(self.revision);
            self.revision = self.undo_revisions.pop().unwrap_or(self.next_revision);
            self.next_revision += 1;
        }
        Ok(done)
    }

    pub fn redo(&mut self) -> Result<bool, EditError> {
        let done = self.history.redo(&mut self.map)?;
        if done {
            self.generation += 1;
            self.undo_revisions.push(self.revision);
            self.revision = self.redo_revisions.pop().unwrap_or(self.next_revision);
            self.next_revision += 1;
        }
        Ok(done)
    }

    /// The analysis options the window uses (the built-in rule pack, today's defaults).
    pub fn options(&self) -> analysis::Options {
        analysis::Options::default()
    }

    /// The rule pack the analysis uses.
    pub fn rule_pack(&self) -> std::sync::Arc<crate::domain::rules::RulePack> {
        self.options()
            .rule_pack
            .unwrap_or_else(crate::domain::rules::RulePack::builtin)
    }

    /// Analyses another map (a file to compare with) exactly as this document's map is.
    pub fn analyze_other(&self, map: &Map) -> Analysis {
        (self.analyzer)(map, Catalog::builtin(), &self.options())
    }

    /// Loads another map file (to compare with), without touching this document.
    pub fn load_other(path: &Path) -> Result<Map, LoadError> {
        map_file::load_path(path, Catalog::builtin())
    }

    /// Re-runs the analysis and the layout if the map changed since the last call.
    pub fn refresh(&mut self) {
        if self.cached_generation == self.generation {
            return;
        }
        self.analysis = (self.analyzer)(&self.map, Catalog::builtin(), &self.options());
        self.layout = layout::layout(&self.map);
        self.cached_generation = self.generation;
        self.analysis_runs += 1;
    }

    /// The analysis of the map as of the last [`Document::refresh`].
    pub fn analysis(&self) -> &Analysis {
        &self.analysis
    }

    /// Where everything is drawn, as of the last [`Document::refresh`].
    pub fn layout(&self) -> &Layout {
        &self.layout
    }

    /// Writes the map to a recovery file (not the document's own file).
    pub fn write_recovery(&self, path: &Path) -> std::io::Result<()> {
        map_file::save_path(path, &self.map)
    }
}
