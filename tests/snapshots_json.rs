//! The `check --format json` analysis of every saved map, as insta snapshots.
//! Review changes with care: these are the numbers architects read.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use stateline::domain::Catalog;
use stateline::domain::date::Date;
use stateline::domain::model::Interpretation;
use stateline::domain::scenario::{Overrides, Resolved};

fn snapshot(file: &str, interpretation: Option<Interpretation>) -> serde_json::Value {
    let path = std::path::Path::new("saved-maps").join(file);
    let map = stateline::io::load_path(&path, Catalog::builtin()).unwrap();
    // The one resolution every view uses; "today" fixed for maps without a date, so
    // snapshots do not age.
    let overrides = Overrides {
        interpretation,
        ..Overrides::default()
    };
    let scenario = Resolved::new(&map, &overrides, None, Date::parse("2026-03-15").unwrap());
    let analysis = scenario.analyze(&map, Catalog::builtin());
    serde_json::to_value(&analysis).unwrap()
}

#[test]
fn every_saved_map_is_snapshotted() {
    let mut files: Vec<String> = std::fs::read_dir("saved-maps")
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| {
            std::path::Path::new(n)
                .extension()
                .is_some_and(|e| e == "ron")
        })
        .collect();
    files.sort();
    assert!(files.len() >= 6, "{files:?}");
    for file in files {
        let name = file.trim_end_matches(".ron").to_owned();
        insta::assert_json_snapshot!(name, snapshot(&file, None));
    }
}

#[test]
fn bedrock_sre_agent_under_microsofts_reading() {
    insta::assert_json_snapshot!(
        "bedrock-sre-agent-api-access",
        snapshot("bedrock-sre-agent.ron", Some(Interpretation::ApiAccess))
    );
}
