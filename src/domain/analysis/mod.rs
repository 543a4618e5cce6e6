//! The analysis: obligations and effective hosts, latency and egress, lock-in and
//! governance, as pure functions of (map, rule pack, catalog, options).

pub mod result;

pub use result::{
    Analysis, Category, ComponentResult, ConnectionResult, Finding, FlowResult, Severity, Status,
    Summary,
};

use crate::domain::catalog::Catalog;
use crate::domain::date::Date;
use crate::domain::model::{Interpretation, Map, Provider};

/// What the caller may override for one analysis (the CLI's flags, the window's bar).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Options {
    /// Overrides the map's `scenario.interpretation`.
    pub interpretation: Option<Interpretation>,
    /// Overrides the map's `scenario.as_of` (and today).
    pub as_of: Option<Date>,
    /// Providers or regions marked unavailable (`--down`).
    pub down: Vec<Down>,
}

/// Something marked unavailable.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Down {
    Provider(Provider),
    Region(String),
}

/// Analyses a map.
pub fn analyze(map: &Map, catalog: &Catalog, options: &Options) -> Analysis {
    let _ = catalog;
    let interpretation = options
        .interpretation
        .unwrap_or(map.scenario.interpretation);
    let as_of = options
        .as_of
        .or(map.scenario.as_of)
        .unwrap_or_else(Date::today);
    let components = map
        .components
        .iter()
        .map(|c| {
            let drawn = map.drawn_host(c);
            ComponentResult {
                id: c.id.clone(),
                kind: c.kind.tag().name(),
                status: if drawn.is_some() {
                    Status::Ok
                } else {
                    Status::Unplaced
                },
                effective_host: drawn.clone(),
                drawn_host: drawn,
                obligation: Vec::new(),
                rule: None,
            }
        })
        .collect();
    Analysis {
        map: result::MapInfo {
            title: map.title.clone(),
            format: map.format,
        },
        rule_pack: result::PackInfo {
            id: "stateline-2026".to_owned(),
            version: "2026-11-22".to_owned(),
        },
        scenario: result::ScenarioInfo {
            interpretation,
            as_of,
        },
        components,
        connections: Vec::new(),
        flows: Vec::new(),
        findings: Vec::new(),
        summary: Summary {
            errors: 0,
            warnings: 0,
            infos: 0,
            cross_cloud_connections: 0,
            lockin_score: 0,
            providers: Vec::new(),
        },
        questions: result::Questions::default(),
    }
}
