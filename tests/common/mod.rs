//! Small maps for the analysis tests (shared by several test files via `mod common;`).
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use stateline::domain::Catalog;
use stateline::domain::analysis::{Analysis, analyze};
use stateline::domain::date::Date;
use stateline::domain::model::{Interpretation, Map};
use stateline::domain::scenario::{Overrides, Resolved};

/// A map with zones on four clouds, a web client (Device, us-east-1) calling `agent`
/// (AWS us-east-1), plus the given components, connections and extra top-level fields.
pub fn map(components: &str, connections: &str, extra: &str) -> Map {
    let text = format!(
        r#"#![enable(implicit_some)]
(
    format: 1,
    title: "test",
    zones: [
        (id: "aws", label: "AWS us-east-1", host: (provider: Aws, region: "us-east-1")),
        (id: "aws-eu", label: "AWS eu-west-1", host: (provider: Aws, region: "eu-west-1")),
        (id: "azure", label: "Azure eastus", host: (provider: Azure, region: "eastus")),
        (id: "gcp", label: "GCP us-central1", host: (provider: Gcp, region: "us-central1")),
    ],
    components: [
        (id: "web", label: "Web", kind: Client, host: (provider: Device, region: "us-east-1")),
        (id: "agent", label: "Agent", kind: Agent, zone: "aws"),
        {components}
    ],
    connections: [
        (from: "web", to: "agent"),
        {connections}
    ],
    {extra}
)"#
    );
    stateline::io::load_str(&text, "test.ron", Catalog::builtin())
        .unwrap_or_else(|e| panic!("{}\n{text}", e.render()))
}

pub fn date(s: &str) -> Date {
    Date::parse(s).unwrap()
}

/// Regime A (February 2026 terms).
pub const REGIME_A: &str = "2026-03-15";
/// Regime B (amendment of 2026-04-27).
pub const REGIME_B: &str = "2026-06-01";

pub fn run(map: &Map, as_of: &str) -> Analysis {
    run_with(map, as_of, Interpretation::Runtime)
}

/// The map's scenario with `overrides` on top, read today (as `stateline check` resolves it).
pub fn scenario(map: &Map, overrides: &Overrides) -> Resolved {
    Resolved::new(map, overrides, None, stateline::io::scenario::today())
}

/// The map analysed under its own scenario (the built-in pack and catalog, today when the
/// map gives no date).
pub fn analyse(map: &Map) -> Analysis {
    analyze(
        map,
        Catalog::builtin(),
        &scenario(map, &Overrides::default()),
    )
}

pub fn run_with(map: &Map, as_of: &str, interpretation: Interpretation) -> Analysis {
    analyze(
        map,
        Catalog::builtin(),
        &scenario(
            map,
            &Overrides {
                interpretation: Some(interpretation),
                as_of: Some(date(as_of)),
                ..Overrides::default()
            },
        ),
    )
}

/// The findings of one rule.
pub fn findings<'a>(a: &'a Analysis, rule: &str) -> Vec<&'a stateline::domain::analysis::Finding> {
    a.findings.iter().filter(|f| &*f.rule == rule).collect()
}

pub fn fires(a: &Analysis, rule: &str) -> bool {
    !findings(a, rule).is_empty()
}

pub fn component<'a>(
    a: &'a Analysis,
    id: &str,
) -> &'a stateline::domain::analysis::ComponentResult {
    a.components.iter().find(|c| c.id.as_str() == id).unwrap()
}

pub fn flow<'a>(a: &'a Analysis, name: &str) -> &'a stateline::domain::analysis::FlowResult {
    a.flows.iter().find(|f| f.name == name).unwrap()
}

mod export_fixtures;
pub mod process;
#[cfg(feature = "gui")]
pub mod ui_harness;
#[allow(
    unused_imports,
    reason = "each test file uses a different part of the shared fixtures"
)]
pub use export_fixtures::*;
