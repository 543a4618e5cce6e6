//! The window analyses under the same resolution of the scenario as the command line: the
//! map's own rule pack, read from its folder; a refused pack is said, and the map is kept.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui_kittest::kittest::Queryable as _;
use stateline::domain::Catalog;
use stateline::domain::analysis::Severity;
use stateline::ui::App;
use stateline::ui::document::Document;
use stateline::ui::state::Prefs;

use crate::common::ui_harness;
use ui_harness::{harness, saved_map, settle};

fn map_naming(dir: &std::path::Path, pack: &str) -> std::path::PathBuf {
    let text = std::fs::read_to_string(saved_map("hybrid-bedrock-azure.ron"))
        .unwrap()
        .replacen(
            "scenario: (",
            &format!("scenario: (\n        rule_pack: \"{pack}\","),
            1,
        );
    let path = dir.join("map.ron");
    std::fs::write(&path, text).unwrap();
    path
}

fn strict_pack(dir: &std::path::Path) {
    let builtin = stateline::domain::rules::BUILTIN_RON;
    let at = builtin.find("id: \"LOCK-NO-GATEWAY\"").unwrap();
    let (head, tail) = builtin.split_at(at);
    let tail = tail.replacen("severity: Info", "severity: Error", 1);
    std::fs::write(dir.join("strict.ron"), format!("{head}{tail}")).unwrap();
}

#[test]
fn the_window_uses_the_maps_own_pack_like_check_does() {
    let dir = tempfile::tempdir().unwrap();
    strict_pack(dir.path());
    let path = map_naming(dir.path(), "strict.ron");
    let doc = Document::open(&path).unwrap();
    assert!(doc.pack_error().is_none());
    let gateway = doc
        .analysis()
        .findings
        .iter()
        .find(|f| &*f.rule == "LOCK-NO-GATEWAY")
        .unwrap();
    assert_eq!(gateway.severity, Severity::Error);
    // The same numbers and the same fingerprint as `check` computes for this file.
    let map = stateline::io::load_path(&path, Catalog::builtin()).unwrap();
    let cli = stateline::io::scenario::resolve(
        &map,
        Some(&path),
        &stateline::domain::scenario::Overrides::default(),
        stateline::io::scenario::Files::default(),
    )
    .unwrap()
    .analyze(&map, Catalog::builtin());
    assert_eq!(doc.analysis(), &cli);
}

#[test]
fn a_refused_pack_is_said_and_the_map_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = map_naming(dir.path(), "/etc/passwd");
    let doc = Document::open(&path).unwrap();
    let error = doc.pack_error().unwrap().to_owned();
    assert!(error.contains("absolute paths are refused"), "{error}");
    assert_eq!(doc.map().components.len(), 13, "the map is kept");
    let mut h = harness(App::new(doc, Prefs::default()));
    settle(&mut h);
    assert!(
        h.query_by_label_contains("rule pack refused").is_some(),
        "the window says so"
    );
    let shown = h.state().doc.analysis().fingerprint.clone().unwrap();
    assert!(
        h.query_by_label_contains(&shown[..12]).is_some(),
        "the status bar shows the fingerprint"
    );
}

#[test]
fn an_unreadable_recovery_file_is_kept_and_its_place_is_said() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = dir.path().join("recovery.ron");
    let garbage = "(format: 1, title: \"half a map\", components: [ (id: ";
    std::fs::write(&recovery, garbage).unwrap();
    let app =
        App::new_for_test(stateline::domain::model::Map::new("m")).with_recovery(recovery.clone());
    let mut h = harness(app);
    settle(&mut h);
    h.get_by_label("Recover").click();
    settle(&mut h);
    assert!(
        h.query_by_label_contains("kept, unchanged, at").is_some(),
        "the window says where the work is"
    );
    let kept: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("recovery-unreadable-")
        })
        .collect();
    assert_eq!(kept.len(), 1, "set aside, not deleted");
    assert_eq!(std::fs::read_to_string(&kept[0]).unwrap(), garbage);
    assert!(
        h.query_by_label_contains(&kept[0].display().to_string())
            .is_some(),
        "its path is shown"
    );
}
