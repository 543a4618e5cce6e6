//! Every example in `saved-maps/` loads, is canonical, round-trips and analyses.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a panic in a test or bench helper is a failed run with its message"
)]

use std::path::PathBuf;

use stateline::domain::Catalog;
use stateline::domain::analysis::{Options, analyze};
use stateline::io::{load_path, load_str, to_canonical_string};

fn saved_maps() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("saved-maps");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    paths.sort();
    paths
}

#[test]
fn there_are_at_least_six_examples() {
    assert!(saved_maps().len() >= 6, "{:?}", saved_maps());
}

#[test]
fn every_example_loads_is_canonical_and_round_trips() {
    let catalog = Catalog::builtin();
    for path in saved_maps() {
        let map = load_path(&path, catalog).unwrap_or_else(|e| panic!("{}", e.render()));
        let text = std::fs::read_to_string(&path).unwrap();
        let canonical = to_canonical_string(&map);
        assert_eq!(
            text,
            canonical,
            "{} is not in canonical form (run stateline fmt)",
            path.display()
        );
        let again = load_str(&canonical, "again", catalog).unwrap();
        assert_eq!(
            map,
            again,
            "{}: load → save → load changed the map",
            path.display()
        );
    }
}

#[test]
fn every_example_is_a_complete_drawing() {
    let catalog = Catalog::builtin();
    for path in saved_maps() {
        let map = load_path(&path, catalog).unwrap();
        let name = path.display();
        assert!(!map.description.is_empty(), "{name}: describe the design");
        assert!(!map.flows.is_empty(), "{name}: at least one flow");
        assert!(
            map.flows.iter().any(|f| f.budget_ms.is_some()),
            "{name}: a budget"
        );
        assert!(
            map.zones.iter().all(|z| z.rect.is_some()),
            "{name}: zones are positioned"
        );
        assert!(
            map.components.iter().all(|c| c.pos.is_some()),
            "{name}: components are positioned"
        );
    }
}

#[test]
fn every_example_analyses() {
    let catalog = Catalog::builtin();
    for path in saved_maps() {
        let map = load_path(&path, catalog).unwrap();
        let analysis = analyze(&map, catalog, &Options::default());
        assert_eq!(
            analysis.components.len(),
            map.components.len(),
            "{}",
            path.display()
        );
        assert!(
            analysis
                .components
                .iter()
                .all(|c| c.effective_host.is_some()),
            "{}: every example places every component",
            path.display()
        );
    }
}
