//! A comparison of the open map with another version of it (the file on disk, or any map
//! file), or with itself under another scenario (the other reading of the contested clause,
//! another as-of date: the A/B view of a workshop): the other map and its analysis, and the
//! [`MapDiff`] from it to the current map.
//!
//! Window state only: never written to the map file nor to the preferences. The diff is
//! recomputed when the document's generation changes, never per frame.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::domain::analysis::Analysis;
use crate::domain::date::Date;
use crate::domain::diff::{self, MapDiff};
use crate::domain::labels::Labels;
use crate::domain::model::{Interpretation, Map};
use crate::domain::scenario::Overrides;
use crate::ui::document::Document;

/// What the open map is compared with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// The document's own file, as last saved.
    LastSaved(PathBuf),
    /// Another map file.
    File(PathBuf),
    /// The open map itself, under another scenario (side B).
    Scenario(Side),
}

/// The other side of an A/B comparison of one map.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// The other reading of the contested clause.
    Reading(Interpretation),
    /// Another as-of date.
    Date(Date),
}

impl Side {
    /// "the API-access reading" / "2026-04-01".
    pub fn describe(self) -> String {
        match self {
            Self::Reading(Interpretation::Runtime) => "the runtime reading".to_owned(),
            Self::Reading(Interpretation::ApiAccess) => "the API-access reading".to_owned(),
            Self::Date(d) => format!("as of {d}"),
        }
    }

    /// The what-if switches of side B: those of side A (`a`) with this side's reading or
    /// date.
    pub fn overrides(self, a: &Overrides) -> Overrides {
        let mut b = a.clone();
        match self {
            Self::Reading(r) => b.interpretation = Some(r),
            Self::Date(d) => b.as_of = Some(d),
        }
        b
    }
}

impl Source {
    /// The file compared with (`None` for a scenario of the open map).
    pub fn path(&self) -> Option<&Path> {
        match self {
            Self::LastSaved(p) | Self::File(p) => Some(p),
            Self::Scenario(_) => None,
        }
    }

    /// "the last saved version (x.ron)" / "other.ron" / "the API-access reading".
    pub fn describe(&self) -> String {
        let name = |p: &Path| {
            p.file_name().map_or_else(
                || p.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            )
        };
        match self {
            Self::LastSaved(p) => format!("the last saved version ({})", name(p)),
            Self::File(p) => name(p),
            Self::Scenario(side @ Side::Reading(_)) => {
                format!("the same map under {}", side.describe())
            }
            Self::Scenario(side @ Side::Date(_)) => format!("the same map {}", side.describe()),
        }
    }
}

/// How an item on the canvas differs from the other map.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Mark {
    /// Not in the other map.
    pub added: bool,
    /// In both maps, with different fields.
    pub changed: bool,
    /// Its analysis differs (status or effective host).
    pub analysis: bool,
}

impl Mark {
    pub fn is_empty(self) -> bool {
        !(self.added || self.changed || self.analysis)
    }
}

/// An active comparison.
#[derive(Clone, Debug)]
pub struct Comparison {
    pub source: Source,
    /// The other map (the "old" side of the diff) and its analysis.
    pub other: Map,
    pub other_analysis: Analysis,
    /// From the other map (old) to the current one (new).
    pub diff: MapDiff,
    /// Components and zones of the current map that differ, by id.
    pub components: BTreeMap<String, Mark>,
    pub zones: BTreeMap<String, Mark>,
    /// The document generation the diff was computed for.
    generation: u64,
    /// How many times the diff was computed (tests check it is not per frame).
    pub diff_runs: u64,
    /// See [`Comparison::name`].
    names: BTreeMap<String, String>,
    /// An A/B comparison: the map's scenario when it started (side A). Swapping shows B;
    /// ending the comparison comes back here.
    pub started_on: Option<crate::domain::model::Scenario>,
}

/// The open map analysed under side B of an A/B comparison.
fn side_b(side: Side, map: &Map, doc: &Document) -> Analysis {
    doc.analyze_under(map, &doc.scenario_with(&side.overrides(doc.overrides())))
}

impl Comparison {
    /// Compares the document (its analysis must be fresh) with `other`: another file is
    /// analysed under its own scenario, as `stateline diff` analyses each map. `Err`: that
    /// file's rule pack or offerings catalog cannot be read (why, as `stateline diff` says
    /// it).
    pub fn new(source: Source, other: Map, doc: &Document) -> Result<Self, String> {
        let other_analysis = match &source {
            Source::Scenario(side) => side_b(*side, &other, doc),
            Source::LastSaved(path) | Source::File(path) => {
                doc.analyze_under(&other, &doc.scenario_of_file(&other, path)?)
            }
        };
        Ok(Self::of(source, other, other_analysis, doc))
    }

    /// Compares the open map with itself under `side` (its analysis must be fresh).
    pub fn scenario(side: Side, doc: &Document) -> Self {
        let other = doc.map().clone();
        let other_analysis = side_b(side, &other, doc);
        let mut c = Self::of(Source::Scenario(side), other, other_analysis, doc);
        c.started_on = Some(doc.map().scenario.clone());
        c
    }

    fn of(source: Source, other: Map, other_analysis: Analysis, doc: &Document) -> Self {
        let mut c = Self {
            source,
            other,
            other_analysis,
            diff: MapDiff::default(),
            components: BTreeMap::new(),
            zones: BTreeMap::new(),
            generation: doc.generation(),
            diff_runs: 0,
            names: BTreeMap::new(),
            started_on: None,
        };
        c.recompute(doc);
        c
    }

    /// Recomputes the diff if the map changed since the last time (an A/B comparison of the
    /// open map analyses the edited map under side B again).
    pub fn refresh(&mut self, doc: &Document) {
        if self.generation != doc.generation() {
            if let Source::Scenario(side) = self.source {
                self.other = doc.map().clone();
                self.other_analysis = side_b(side, &self.other, doc);
            }
            self.recompute(doc);
        }
    }

    /// Makes `side` side B; the next `refresh` analyses it (after the edit that shows the old
    /// side B as side A).
    pub fn set_side(&mut self, side: Side) {
        self.source = Source::Scenario(side);
        self.generation = u64::MAX;
    }

    /// The other side of an A/B comparison of the open map, if that is what this is.
    pub fn side(&self) -> Option<Side> {
        match self.source {
            Source::Scenario(side) => Some(side),
            Source::LastSaved(_) | Source::File(_) => None,
        }
    }

    fn recompute(&mut self, doc: &Document) {
        self.diff = diff::diff(&self.other, &self.other_analysis, doc.map(), doc.analysis());
        self.generation = doc.generation();
        self.diff_runs += 1;
        self.components = marks(&self.diff.components);
        for d in &self.diff.analysis.components {
            self.components.entry(d.id.clone()).or_default().analysis = true;
        }
        self.zones = marks(&self.diff.zones);
        // Each zone and component the diff lists, named once (not per frame) as every view
        // names it: from the open map, or from the other one when it was removed.
        let (old, new) = (Labels::of(&self.other), Labels::of(doc.map()));
        self.names.clear();
        for c in [&self.diff.zones, &self.diff.components] {
            for k in c.added.iter().chain(c.changed.iter().map(|ch| &ch.key)) {
                self.names.insert(k.clone(), new.any_or_text(k));
            }
            for k in &c.removed {
                self.names.insert(k.clone(), old.any_or_text(k));
            }
        }
    }

    /// A zone or component the diff lists, named as every view names it (`Label (id)`:
    /// from the other map when it was removed); anything else as it is.
    pub fn name<'a>(&'a self, key: &'a str) -> &'a str {
        self.names.get(key).map_or(key, String::as_str)
    }

    pub fn component_mark(&self, id: &str) -> Mark {
        self.components.get(id).copied().unwrap_or_default()
    }

    pub fn zone_mark(&self, id: &str) -> Mark {
        self.zones.get(id).copied().unwrap_or_default()
    }

    /// How many entries the diff lists (for the tab title and the status bar).
    pub fn count(&self) -> usize {
        let d = &self.diff;
        let changes = |c: &diff::Changes| c.added.len() + c.removed.len() + c.changed.len();
        d.map_fields.len()
            + changes(&d.zones)
            + changes(&d.components)
            + changes(&d.connections)
            + changes(&d.flows)
            + d.positions.len()
            + d.analysis.components.len()
            + d.analysis.findings_appeared.len()
            + d.analysis.findings_disappeared.len()
            + d.analysis
                .flows
                .iter()
                .filter(|f| !f.is_unchanged())
                .count()
            + d.analysis.summary.len()
    }
}

fn marks(changes: &diff::Changes) -> BTreeMap<String, Mark> {
    let mut out: BTreeMap<String, Mark> = BTreeMap::new();
    for k in &changes.added {
        out.entry(k.clone()).or_default().added = true;
    }
    for c in &changes.changed {
        out.entry(c.key.clone()).or_default().changed = true;
    }
    out
}
