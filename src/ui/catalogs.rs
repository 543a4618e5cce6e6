//! The rule pack and the offerings catalog of the open map: read from its folder when the
//! map names them (`io::scenario`, the reading `check`, `export` and `diff` use), kept until
//! the map's file or the names change; and what the window asks of the catalog (the regions
//! that sell a model, the dates the timeline marks).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::domain::analysis::Analysis;
use crate::domain::date::Date;
use crate::domain::model::Map;
use crate::domain::offerings::{self, Offerings};
use crate::domain::rules::RulePack;
use crate::domain::scenario::PackOrigin;
use crate::io::scenario as io_scenario;

/// The rule pack and offerings catalog a map names, as last read.
#[derive(Clone, Debug, Default)]
pub struct Catalogs {
    /// (map file, `scenario.rule_pack`, `scenario.offerings`) they were read for.
    key: Option<(Option<PathBuf>, Option<String>, Option<String>)>,
    pub pack: Option<(Arc<RulePack>, PackOrigin)>,
    pub offerings: Option<(Arc<Offerings>, PackOrigin)>,
    /// Why the map's pack or catalog could not be used (shown in the window; the built-in
    /// one is used meanwhile, and the window says so).
    pub error: Option<String>,
}

impl Catalogs {
    /// Reads the rule pack and the offerings catalog the map names again if the map's file,
    /// `scenario.rule_pack` or `scenario.offerings` changed since they were last read.
    pub fn update(&mut self, map: &Map, path: Option<&Path>) {
        let key = (
            path.map(Path::to_path_buf),
            map.scenario.rule_pack.clone(),
            map.scenario.offerings.clone(),
        );
        if self.key.as_ref() == Some(&key) {
            return;
        }
        let mut errors = Vec::new();
        let pack = io_scenario::pack(map, path, None).unwrap_or_else(|e| {
            errors.push(e);
            None
        });
        let offerings = io_scenario::offerings(map, path, None).unwrap_or_else(|e| {
            errors.push(e);
            None
        });
        *self = Self {
            key: Some(key),
            pack,
            offerings,
            error: (!errors.is_empty()).then(|| errors.join("\n")),
        };
    }

    /// The offerings catalog the analysis uses.
    pub fn catalog(&self) -> Arc<Offerings> {
        self.offerings
            .as_ref()
            .map_or_else(Offerings::builtin, |(c, _)| c.clone())
    }
}

/// The regions that sell these components' models, runtimes or platforms on `date` (the
/// offerings that cover them on the channel of their drawn host, fit their deployment and
/// are sold on the date: [`offerings::channel_for`], [`Offerings::selling_regions`]), each
/// once: what the region picker marks.
pub fn selling_regions(
    catalog: &Offerings,
    map: &Map,
    components: &[usize],
    date: Date,
) -> Vec<String> {
    let mut out: Vec<&str> = Vec::new();
    for &i in components {
        let Some(c) = map.components.get(i) else {
            continue;
        };
        let Some(offered) = c.kind.offered() else {
            continue;
        };
        let Some(channel) = map
            .drawn_host(c)
            .and_then(|h| offerings::channel_for(&offered, h.provider))
        else {
            continue;
        };
        catalog.selling_regions(&offered, channel, date, &mut out);
    }
    out.into_iter().map(str::to_owned).collect()
}

/// The launch and retirement dates of the offerings a map's analysis uses, and of the rows
/// of the same models on the same channels (the dates a model launches or retires there,
/// even when another row applies today): the timeline's marks.
pub fn offering_dates(catalog: &Offerings, map: &Map, analysis: &Analysis) -> Vec<Date> {
    let mut all: Vec<usize> = analysis
        .components
        .iter()
        .filter_map(|r| r.offering.as_ref())
        .filter_map(|o| catalog.offerings.iter().position(|c| c.id == o.id))
        .collect();
    // Each (vendor, name, channel) once: a big map has thousands of model calls and a
    // handful of models.
    let mut asked = std::collections::HashSet::new();
    for c in &map.components {
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
