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
use crate::domain::edit::{Edit, EditError};
use crate::domain::history::History;
use crate::domain::layout::{self, Layout};
use crate::domain::model::Map;
use crate::domain::offerings::Offerings;
use crate::domain::rules::RulePack;
use crate::domain::scenario::{Overrides, PackOrigin, Resolved};
use crate::domain::scene::Scene;
use crate::io::map_file::{self, LoadError};
use crate::io::scenario as io_scenario;
use crate::ui::worker::{self, Job, Worker};

/// The next generation of any document in this process: generations are never reused, so
/// whatever the window keeps keyed by one (the canvas' topology, a comparison's diff) can
/// never be taken for another document's — a second map opened after a first one that was
/// never edited starts at a generation the first one never had.
fn next_generation() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// The function that analyses a map (the real one, or a test double).
pub type Analyzer = fn(&Map, &Catalog, &analysis::Options) -> Analysis;

/// The rule pack a map names, as last read.
#[derive(Clone, Debug, Default)]
struct PackState {
    /// (map file, `scenario.rule_pack`, `scenario.offerings`) it was read for.
    key: Option<(Option<PathBuf>, Option<String>, Option<String>)>,
    pack: Option<(Arc<RulePack>, PackOrigin)>,
    offerings: Option<(Arc<Offerings>, PackOrigin)>,
    /// Why the map's pack could not be used (shown in the window; the built-in pack is used
    /// meanwhile, and the window says so).
    error: Option<String>,
}

/// A map being edited.
pub struct Document {
    analyzer: Analyzer,
    map: Map,
    path: Option<PathBuf>,
    history: History,
    /// New on every change of the map, unique in the process (see [`next_generation`]): keys
    /// the cached analysis and scene, and what the window derives from the map.
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
    /// Where everything is drawn (the core's one geometry), for this analysis and layout.
    scene: Scene,
    cached_generation: u64,
    /// The generation the boxes' layout was computed for.
    layout_generation: u64,
    /// See [`Document::offering_dates`].
    offering_dates: Vec<Date>,
    /// Bumped by every edit that may change what a box says (all but moves and resizes).
    text_generation: u64,
    /// The `text_generation` the scene's box texts were made for.
    scene_text_generation: u64,
    /// The answer replaced by a newer one, freed on the analysis thread with the next job.
    retired: Option<worker::Done>,
    /// The rule pack the map names, read from its folder (`io::scenario`): kept with the
    /// (folder, name) it was read for, so it is read again only when either changes.
    pack: PackState,
    /// What-if switches of the window on top of the map's scenario (what is down).
    pub overrides: Overrides,
    /// What is deployed, when the map is compared with it (File → Compare with
    /// deployment…): adds the `DRIFT-*` findings. Set it, then [`Document::invalidate`].
    pub deployed: Option<std::sync::Arc<crate::domain::deployed::Deployed>>,
    /// How many times the analysis ran (tests check it does not run every frame).
    pub analysis_runs: u64,
    /// The analysis thread, started for the first big map.
    worker: Option<Worker>,
    /// The generation last sent to the worker, and when.
    requested: Option<(u64, Instant, u64)>,
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
        let mut doc = Self {
            analyzer,
            map,
            path,
            history: History::default(),
            generation: next_generation(),
            revision: 0,
            next_revision: 1,
            saved_revision: 0,
            undo_revisions: Vec::new(),
            redo_revisions: Vec::new(),
            analysis: analysis::analyze(
                &Map::new(""),
                Catalog::builtin(),
                &analysis::Options::default(),
            ),
            layout,
            scene: Scene::default(),
            cached_generation: 0,
            layout_generation: 0,
            offering_dates: Vec::new(),
            text_generation: 0,
            scene_text_generation: 0,
            retired: None,
            pack: PackState::default(),
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
        self.saved_revision = self.revision;
        Ok(true)
    }

    /// Saves to a new file, which becomes the document's file.
    pub fn save_as(&mut self, path: &Path) -> std::io::Result<()> {
        map_file::save_path(path, &self.map)?;
        self.path = Some(path.to_path_buf());
        self.saved_revision = self.revision;
        // A rule pack the map names is read from its (new) folder.
        self.generation = next_generation();
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
        if !edit.only_moves() {
            self.text_generation += 1;
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
        self.generation = next_generation();
        Ok(())
    }

    pub fn break_coalescing(&mut self) {
        self.history.break_coalescing();
    }

    pub fn undo(&mut self) -> Result<bool, EditError> {
        let done = self.history.undo(&mut self.map)?;
        if done {
            self.generation = next_generation();
            self.text_generation += 1;
            self.redo_revisions.push(self.revision);
            self.revision = self.undo_revisions.pop().unwrap_or(self.next_revision);
            self.next_revision += 1;
        }
        Ok(done)
    }

    pub fn redo(&mut self) -> Result<bool, EditError> {
        let done = self.history.redo(&mut self.map)?;
        if done {
            self.generation = next_generation();
            self.text_generation += 1;
            self.undo_revisions.push(self.revision);
            self.revision = self.redo_revisions.pop().unwrap_or(self.next_revision);
            self.next_revision += 1;
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
        let (undo_kept, redo_kept) = self.history.remap(moves);
        let keep = |list: &mut Vec<u64>, kept: &[bool]| {
            let mut flags = kept.iter();
            list.retain(|_| flags.next().copied().unwrap_or(true));
        };
        keep(&mut self.undo_revisions, &undo_kept);
        keep(&mut self.redo_revisions, &redo_kept);
        self.map = map;
        self.revision = self.next_revision;
        self.next_revision += 1;
        self.generation = next_generation();
        self.text_generation += 1;
    }

    /// Reads the rule pack and the offerings catalog the map names again if the map's file,
    /// `scenario.rule_pack` or `scenario.offerings` changed since they were last read.
    fn update_pack(&mut self) {
        let key = (
            self.path.clone(),
            self.map.scenario.rule_pack.clone(),
            self.map.scenario.offerings.clone(),
        );
        if self.pack.key.as_ref() == Some(&key) {
            return;
        }
        let mut errors = Vec::new();
        let pack = io_scenario::pack(&self.map, self.path.as_deref(), None).unwrap_or_else(|e| {
            errors.push(e);
            None
        });
        let offerings = io_scenario::offerings(&self.map, self.path.as_deref(), None)
            .unwrap_or_else(|e| {
                errors.push(e);
                None
            });
        self.pack = PackState {
            key: Some(key),
            pack,
            offerings,
            error: (!errors.is_empty()).then(|| errors.join("\n")),
        };
    }

    /// The scenario the window analyses under: the one resolution `check`, `export` and
    /// `diff` use, with the window's what-if switches on top.
    pub fn scenario(&self) -> Resolved {
        Resolved::new(
            &self.map,
            &self.overrides,
            self.pack.pack.clone(),
            Date::today(),
        )
        .with_offerings(self.pack.offerings.clone())
        .with_deployed(self.deployed.clone())
    }

    /// Why the map's own rule pack is not used (the built-in one is used instead), if so.
    pub fn pack_error(&self) -> Option<&str> {
        self.pack.error.as_deref()
    }

    /// The offerings catalog the analysis uses.
    pub fn offerings(&self) -> Arc<Offerings> {
        self.pack
            .offerings
            .as_ref()
            .map_or_else(Offerings::builtin, |(c, _)| c.clone())
    }

    /// The regions that sell these components' models, runtimes or platforms on the
    /// analysis date (the offerings that cover them on the channel of their drawn host's
    /// provider, fit their deployment and are sold on the date), each once: what the region
    /// picker marks.
    pub fn selling_regions(&self, components: &[usize]) -> Vec<String> {
        let catalog = self.offerings();
        let as_of = self.scenario().as_of;
        let mut out: Vec<String> = Vec::new();
        for &i in components {
            let Some(c) = self.map.components.get(i) else {
                continue;
            };
            let Some(offered) = c.kind.offered() else {
                continue;
            };
            let channel = self
                .map
                .drawn_host(c)
                .and_then(|h| match h.provider {
                    crate::domain::model::Provider::Azure => {
                        Some(crate::domain::model::Channel::Azure)
                    }
                    crate::domain::model::Provider::Aws => {
                        Some(crate::domain::model::Channel::Bedrock)
                    }
                    crate::domain::model::Provider::Gcp => {
                        Some(crate::domain::model::Channel::Vertex)
                    }
                    crate::domain::model::Provider::Oracle => {
                        Some(crate::domain::model::Channel::Oracle)
                    }
                    _ => None,
                })
                .unwrap_or(offered.channel);
            for (_, o) in catalog.candidates(&offered, channel) {
                if o.valid_on(as_of) && o.scope.fits(offered.deployment) {
                    for r in &o.regions {
                        if !out.contains(r) {
                            out.push(r.clone());
                        }
                    }
                }
            }
        }
        out
    }

    /// The launch and retirement dates of the offerings the map's analysis uses (the
    /// timeline's marks), as of the analysis shown.
    pub fn offering_dates(&self) -> &[Date] {
        &self.offering_dates
    }

    /// Computes [`Document::offering_dates`] (once per analysis, not per frame).
    fn compute_offering_dates(&self) -> Vec<Date> {
        let catalog = self.offerings();
        let ids: Vec<usize> = self
            .analysis()
            .components
            .iter()
            .filter_map(|r| r.offering.as_ref())
            .filter_map(|o| catalog.offerings.iter().position(|c| c.id == o.id))
            .collect();
        // Also the rows of the same models on the same channels: the dates a model launches
        // or retires there, even when another row applies today. Each (vendor, name,
        // channel) once: a big map has thousands of model calls and a handful of models.
        let mut all = ids.clone();
        let mut asked = std::collections::HashSet::new();
        for c in &self.map.components {
            if let Some(offered) = c.kind.offered()
                && asked.insert((offered.vendor, offered.name, offered.channel))
            {
                all.extend(
                    catalog
                        .candidates(&offered, offered.channel)
                        .map(|(k, _)| k),
                );
            }
        }
        all.sort_unstable();
        all.dedup();
        catalog.dates_of(all)
    }

    /// The rule pack the analysis uses.
    pub fn rule_pack(&self) -> Arc<RulePack> {
        self.scenario().pack
    }

    /// Analyses another map (a file to compare with) exactly as this document's map is.
    pub fn analyze_other(&self, map: &Map) -> Analysis {
        let scenario = self.scenario();
        let mut analysis = (self.analyzer)(map, Catalog::builtin(), &scenario.options());
        scenario.stamp(&mut analysis, map, Catalog::builtin());
        analysis
    }

    /// Analyses `map` as this document's map is, but under side B of an A/B comparison
    /// (the other reading, or another as-of date).
    pub fn analyze_as(&self, map: &Map, side: crate::ui::compare::Side) -> Analysis {
        let mut overrides = self.overrides.clone();
        match side {
            crate::ui::compare::Side::Reading(r) => overrides.interpretation = Some(r),
            crate::ui::compare::Side::Date(d) => overrides.as_of = Some(d),
        }
        let scenario = Resolved::new(map, &overrides, self.pack.pack.clone(), Date::today())
            .with_offerings(self.pack.offerings.clone());
        let mut analysis = (self.analyzer)(map, Catalog::builtin(), &scenario.options());
        scenario.stamp(&mut analysis, map, Catalog::builtin());
        analysis
    }

    /// Runs the analysis, the layout and the scene now, on this thread.
    fn reanalyze(&mut self) {
        self.update_pack();
        let scenario = self.scenario();
        let (analysis, layout, scene) = worker::compute(&self.map, &scenario, self.analyzer);
        self.show_analysis(self.generation, analysis, layout, scene);
    }

    fn show_analysis(&mut self, generation: u64, analysis: Analysis, layout: Layout, scene: Scene) {
        // The one job in flight is the one answered (see `refresh`); in place, it is now.
        self.scene_text_generation = match self.requested {
            Some((g, _, texts)) if g == generation => texts,
            _ => self.text_generation,
        };
        let old = worker::Done {
            generation: self.cached_generation,
            analysis: std::mem::replace(&mut self.analysis, analysis),
            layout: std::mem::replace(&mut self.layout, layout),
            scene: std::mem::replace(&mut self.scene, scene),
        };
        // With an analysis thread, what is replaced is freed there (see `Job::discard`).
        if self.worker.is_some() {
            self.retired = Some(old);
        }
        self.cached_generation = generation;
        self.layout_generation = generation;
        self.offering_dates = self.compute_offering_dates();
        self.analysis_runs += 1;
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
            Some((g, since, _)) if g > self.cached_generation => Some(since.elapsed()),
            _ => None,
        }
    }

    /// True when the scene's box texts still say what the boxes of the map as it is now say
    /// (only moves and resizes since): a big map being dragged draws them as they are.
    pub fn texts_current(&self) -> bool {
        self.scene_text_generation == self.text_generation
    }

    /// True when the analysis shown is the one of the map as it is now.
    pub fn is_current(&self) -> bool {
        self.cached_generation == self.generation
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
            if done.generation > self.cached_generation && done.generation <= self.generation {
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
            && done.generation > self.cached_generation
            && done.generation <= self.generation
        {
            self.show_analysis(done.generation, done.analysis, done.layout, done.scene);
        }
        if self.cached_generation == self.generation
            || self.requested.is_some_and(|(g, _, _)| g == self.generation)
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
        if self
            .requested
            .is_some_and(|(g, _, _)| g > self.cached_generation)
        {
            if self.layout_generation != self.generation {
                self.layout = layout::layout(&self.map);
                self.layout_generation = self.generation;
            }
            return;
        }
        self.update_pack();
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
            self.layout = layout::layout(&self.map);
            self.layout_generation = self.generation;
            self.requested = Some((self.generation, Instant::now(), self.text_generation));
        } else {
            self.reanalyze();
        }
    }

    /// Marks the analysis stale (the window's what-if switches changed).
    pub fn invalidate(&mut self) {
        self.generation = next_generation();
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
