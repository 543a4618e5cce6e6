//! The open document: the map, its file, its history and its cached analysis.
//!
//! The only place that changes the map (through [`Edit`]s), so undo/redo, the dirty flag
//! and re-analysis have one choke point. Testable without dialogs or a window.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use crate::domain::analysis::{self, Analysis};
use crate::domain::catalog::Catalog;
use crate::domain::date::Date;
use crate::domain::deployed::Deployed;
use crate::domain::edit::{Edit, EditError};
use crate::domain::history::History;
use crate::domain::layout::{self, Layout};
use crate::domain::model::Map;
use crate::domain::offerings::Offerings;
use crate::domain::rules::RulePack;
use crate::domain::scenario::{Overrides, Resolved};
use crate::domain::scene::Scene;
use crate::io::map_file::{self, LoadError};
use crate::io::scenario as io_scenario;
use crate::ui::catalogs::{self, Catalogs};
use crate::ui::worker::{self, Analyzer, Job, Worker};

/// The next generation of any document in this process: generations are never reused, so
/// whatever the window keeps keyed by one (the canvas' topology, a comparison's diff) can
/// never be taken for another document's — a second map opened after a first one that was
/// never edited starts at a generation the first one never had. Increasing, so "made after"
/// is a comparison.
fn next_generation() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// A map being edited.
///
/// What it derives from the map (analysis, layout, scene, offering dates) is private and
/// keyed by one number, [`Document::generation`], which every change of what the analysis
/// reads renews: an edit, undo/redo, a new file (its folder's rule pack), the what-if
/// switches ([`Document::set_overrides`]) and the deployment compared with
/// ([`Document::set_deployed`]). Nothing outside can change one without the other.
pub struct Document {
    analyzer: Analyzer,
    map: Map,
    path: Option<PathBuf>,
    history: History,
    /// The history's version when the map was last opened or saved (see
    /// [`History::version`]).
    saved: u64,
    /// New on every change of what the analysis reads (see [`next_generation`]).
    generation: u64,
    /// The generation of the last change that may change what a box says (all edits but
    /// moves and resizes).
    texts_changed: u64,
    analysis: Analysis,
    layout: Layout,
    /// Where everything is drawn (the core's one geometry), for this analysis and layout.
    scene: Scene,
    /// The generation the analysis and scene shown are for.
    shown: u64,
    /// The generation the boxes' layout is for (it follows a big map at once, before its
    /// analysis arrives).
    layout_of: u64,
    /// See [`Document::offering_dates`].
    offering_dates: Vec<Date>,
    /// The answer replaced by a newer one, freed on the analysis thread with the next job.
    retired: Option<worker::Done>,
    /// The rule pack and offerings catalog the map names, read from its folder.
    catalogs: Catalogs,
    /// What-if switches of the window on top of the map's scenario (what is down).
    overrides: Overrides,
    /// What is deployed, when the map is compared with it (File → Compare with
    /// deployment…): adds the `DRIFT-*` findings.
    deployed: Option<Arc<Deployed>>,
    /// How many times the analysis ran (tests check it does not run every frame).
    analysis_runs: u64,
    /// The analysis thread, started for the first big map.
    worker: Option<Worker>,
    /// The generation last sent to the worker, and when.
    requested: Option<(u64, Instant)>,
}

/// Maps up to this size are analysed in place (a few milliseconds, no thread); bigger ones
/// on the analysis thread, so the window never waits.
pub const IN_PLACE_COMPONENTS: usize = 1_500;
pub const IN_PLACE_CONNECTIONS: usize = 4_000;

impl Document {
    /// A document for a map (not yet saved anywhere when `path` is `None`).
    pub fn new(map: Map, path: Option<PathBuf>) -> Self {
        Self::with_analyzer(map, path, analysis::analyze)
    }

    /// A document whose analysis is done by `analyzer` (tests inject findings this way).
    pub fn with_analyzer(map: Map, path: Option<PathBuf>, analyzer: Analyzer) -> Self {
        let layout = layout::layout(&map);
        let history = History::default();
        let mut doc = Self {
            analyzer,
            map,
            path,
            saved: history.version(),
            history,
            generation: next_generation(),
            texts_changed: 0,
            analysis: {
                let empty = Map::new("");
                let nothing = Resolved::new(
                    &empty,
                    &Overrides::default(),
                    None,
                    crate::io::scenario::today(),
                );
                analysis::analyze(&empty, Catalog::builtin(), &nothing)
            },
            layout,
            scene: Scene::default(),
            shown: 0,
            layout_of: 0,
            offering_dates: Vec::new(),
            retired: None,
            catalogs: Catalogs::default(),
            overrides: Overrides::default(),
            deployed: None,
            analysis_runs: 0,
            worker: None,
            requested: None,
        };
        doc.reanalyze();
        doc
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
        self.saved = self.history.version();
        Ok(true)
    }

    /// Saves to a new file, which becomes the document's file.
    pub fn save_as(&mut self, path: &Path) -> std::io::Result<()> {
        map_file::save_path(path, &self.map)?;
        self.path = Some(path.to_path_buf());
        self.saved = self.history.version();
        // A rule pack the map names is read from its (new) folder.
        self.invalidate();
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

    /// Renewed by every change of what the analysis reads; unique in the process.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    pub fn is_dirty(&self) -> bool {
        self.history.version() != self.saved
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
        let texts = !edit.only_moves();
        self.history.apply_coalescing(&mut self.map, edit, key)?;
        self.changed(texts);
        Ok(())
    }

    pub fn break_coalescing(&mut self) {
        self.history.break_coalescing();
    }

    pub fn undo(&mut self) -> Result<bool, EditError> {
        let done = self.history.undo(&mut self.map)?;
        if done {
            self.changed(true);
        }
        Ok(done)
    }

    pub fn redo(&mut self) -> Result<bool, EditError> {
        let done = self.history.redo(&mut self.map)?;
        if done {
            self.changed(true);
        }
        Ok(done)
    }

    /// Another seat's edits (a live session): the merged map replaces this one without
    /// entering the undo history, whose steps follow their items (`History::remap`), so
    /// undo keeps undoing this seat's own edits only.
    pub fn replace_remote(&mut self, map: Map, moves: &crate::domain::edit_remap::Moves) {
        if map == self.map {
            return;
        }
        self.history.remap(moves);
        self.map = map;
        self.changed(true);
    }

    /// The map changed (`texts`: maybe what its boxes say).
    fn changed(&mut self, texts: bool) {
        self.invalidate();
        if texts {
            self.texts_changed = self.generation;
        }
    }

    /// The one invalidation point: what is derived from the map is stale.
    fn invalidate(&mut self) {
        self.generation = next_generation();
    }

    /// The window's what-if switches on top of the map's scenario.
    pub fn overrides(&self) -> &Overrides {
        &self.overrides
    }

    /// Sets the what-if switches (the analysis follows at the next refresh).
    pub fn set_overrides(&mut self, overrides: Overrides) {
        if overrides != self.overrides {
            self.overrides = overrides;
            self.invalidate();
        }
    }

    /// What is deployed, when the map is compared with it.
    pub fn deployed(&self) -> Option<&Arc<Deployed>> {
        self.deployed.as_ref()
    }

    /// Compares the map with a deployment (`None`: with none any more; adds or removes the
    /// `DRIFT-*` findings at the next refresh). Returns the one it replaces.
    pub fn set_deployed(&mut self, deployed: Option<Arc<Deployed>>) -> Option<Arc<Deployed>> {
        let old = std::mem::replace(&mut self.deployed, deployed);
        if old.is_some() || self.deployed.is_some() {
            self.invalidate();
        }
        old
    }

    /// The scenario the window analyses under: the one resolution `check`, `export` and
    /// `diff` use, with the window's what-if switches on top.
    pub fn scenario(&self) -> Resolved {
        self.scenario_with(&self.overrides)
    }

    /// The scenario of this map with other what-if switches (side B of an A/B comparison:
    /// the other reading, another date), everything else as [`Document::scenario`].
    pub fn scenario_with(&self, overrides: &Overrides) -> Resolved {
        Resolved::new(
            &self.map,
            overrides,
            self.catalogs.pack.clone(),
            crate::io::scenario::today(),
        )
        .with_offerings(self.catalogs.offerings.clone())
        .with_deployed(self.deployed.clone())
    }

    /// The scenario of another map file (a comparison with a file or the last saved
    /// version), as `stateline diff` resolves it: that map's own scenario and the files it
    /// names in its own folder (`io::scenario::resolve`), with the window's what-if switches
    /// and deployment on top, as the command's flags are on both maps.
    pub fn scenario_of_file(&self, map: &Map, path: &Path) -> Result<Resolved, String> {
        io_scenario::resolve(
            map,
            Some(path),
            &self.overrides,
            io_scenario::Files::default(),
        )
        .map(|s| s.with_deployed(self.deployed.clone()))
    }

    /// Analyses a map under a scenario, as this document's map is analysed.
    pub fn analyze_under(&self, map: &Map, scenario: &Resolved) -> Analysis {
        worker::analyse(map, scenario, self.analyzer)
    }

    /// Why the map's own rule pack is not used (the built-in one is used instead), if so.
    pub fn pack_error(&self) -> Option<&str> {
        self.catalogs.error.as_deref()
    }

    /// The offerings catalog the analysis uses.
    pub fn offerings(&self) -> Arc<Offerings> {
        self.catalogs.catalog()
    }

    /// The regions that sell these components' models on the analysis date: what the
    /// region picker marks (see [`catalogs::selling_regions`]).
    pub fn selling_regions(&self, components: &[usize]) -> Vec<String> {
        catalogs::selling_regions(
            &self.offerings(),
            &self.map,
            components,
            self.scenario().as_of,
        )
    }

    /// The launch and retirement dates of the offerings the map's analysis uses (the
    /// timeline's marks), as of the analysis shown.
    pub fn offering_dates(&self) -> &[Date] {
        &self.offering_dates
    }

    /// The rule pack the analysis uses.
    pub fn rule_pack(&self) -> Arc<RulePack> {
        self.scenario().pack
    }

    /// Runs the analysis, the layout and the scene now, on this thread.
    fn reanalyze(&mut self) {
        self.catalogs.update(&self.map, self.path.as_deref());
        let scenario = self.scenario();
        let (analysis, layout, scene) = worker::compute(&self.map, &scenario, self.analyzer);
        self.show_analysis(self.generation, analysis, layout, scene);
    }

    fn show_analysis(&mut self, generation: u64, analysis: Analysis, layout: Layout, scene: Scene) {
        let old = worker::Done {
            generation: self.shown,
            analysis: std::mem::replace(&mut self.analysis, analysis),
            layout: std::mem::replace(&mut self.layout, layout),
            scene: std::mem::replace(&mut self.scene, scene),
        };
        // With an analysis thread, what is replaced is freed there (see `Job::discard`).
        if self.worker.is_some() {
            self.retired = Some(old);
        }
        self.shown = generation;
        self.layout_of = generation;
        self.offering_dates =
            catalogs::offering_dates(&self.offerings(), &self.map, &self.analysis);
        self.analysis_runs += 1;
    }

    /// How many times the analysis ran (tests check it does not run every frame).
    pub fn analysis_runs(&self) -> u64 {
        self.analysis_runs
    }

    /// True for a map analysed in place (small), false for one sent to the analysis thread.
    fn in_place(&self) -> bool {
        self.map.components.len() <= IN_PLACE_COMPONENTS
            && self.map.connections.len() <= IN_PLACE_CONNECTIONS
    }

    /// How long the analysis of the current map has been running on the analysis thread
    /// (`None` when what is shown is current).
    pub fn analysing(&self) -> Option<std::time::Duration> {
        match self.requested {
            Some((g, since)) if g > self.shown => Some(since.elapsed()),
            _ => None,
        }
    }

    /// True when the scene's box texts still say what the boxes of the map as it is now say
    /// (only moves and resizes since): a big map being dragged draws them as they are.
    pub fn texts_current(&self) -> bool {
        self.texts_changed <= self.shown
    }

    /// True when the analysis shown is the one of the map as it is now.
    pub fn is_current(&self) -> bool {
        self.shown == self.generation
    }

    /// The analysis of component `i`, if it is current for that component (while a big map
    /// is being analysed, an edit may have moved the components).
    pub fn component_result(&self, i: usize) -> Option<&analysis::ComponentResult> {
        let r = self.analysis.components.get(i)?;
        (self.is_current() || self.map.components.get(i).is_some_and(|c| c.id == r.id)).then_some(r)
    }

    /// The analysis of connection `i`, if it is current for that connection.
    pub fn connection_result(&self, i: usize) -> Option<&analysis::ConnectionResult> {
        let r = self.analysis.connections.get(i)?;
        (self.is_current()
            || self
                .map
                .connections
                .get(i)
                .is_some_and(|c| c.from == r.from && c.to == r.to))
        .then_some(r)
    }

    /// Waits until the analysis of the current map is shown (tests; never the window).
    pub fn wait_for_analysis(&mut self) {
        self.refresh();
        while !self.is_current() {
            let Some(done) = self.worker.as_ref().and_then(Worker::wait) else {
                self.reanalyze();
                return;
            };
            if done.generation > self.shown && done.generation <= self.generation {
                self.show_analysis(done.generation, done.analysis, done.layout, done.scene);
            }
            // An older version's answer: the newest goes out now.
            self.refresh();
        }
    }

    /// Where everything is drawn, as of the last [`Document::refresh`].
    pub fn scene(&self) -> &Scene {
        &self.scene
    }

    /// Loads another map file (to compare with), without touching this document.
    pub fn load_other(path: &Path) -> Result<Map, LoadError> {
        map_file::load_path(path, Catalog::builtin())
    }

    /// Brings the analysis, layout and scene up to date with the map: a small map in place
    /// at once; a big one on the analysis thread (the newest answer is taken when it
    /// arrives, older ones are dropped; the layout follows the map at once).
    pub fn refresh(&mut self) {
        if let Some(done) = self.worker.as_ref().and_then(Worker::poll)
            && done.generation > self.shown
            && done.generation <= self.generation
        {
            self.show_analysis(done.generation, done.analysis, done.layout, done.scene);
        }
        if self.shown == self.generation
            || self.requested.is_some_and(|(g, _)| g == self.generation)
        {
            return;
        }
        if self.in_place() {
            self.reanalyze();
            return;
        }
        // The analysis thread is still on an older version: the boxes follow the map now,
        // and the newest version goes out when that answer arrives — not a copy of the
        // whole map on every frame of a drag.
        if self.requested.is_some_and(|(g, _)| g > self.shown) {
            self.follow_layout();
            return;
        }
        self.catalogs.update(&self.map, self.path.as_deref());
        if self.worker.is_none() {
            self.worker = Worker::spawn();
        }
        let job = Job {
            generation: self.generation,
            map: self.map.clone(),
            scenario: self.scenario(),
            analyzer: self.analyzer,
            discard: self.retired.take(),
        };
        if self.worker.as_ref().is_some_and(|w| w.submit(job)) {
            // Boxes follow the map at once; the analysis and labels when it arrives.
            self.follow_layout();
            self.requested = Some((self.generation, Instant::now()));
        } else {
            self.reanalyze();
        }
    }

    /// The boxes' layout of the map as it is now (before its analysis arrives).
    fn follow_layout(&mut self) {
        if self.layout_of != self.generation {
            self.layout = layout::layout(&self.map);
            self.layout_of = self.generation;
        }
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
