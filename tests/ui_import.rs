//! File → Import… through the in-app file dialog, a dropped file, the import report beside
//! the map, and File → Compare with deployment…, driven as a user would.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use egui_kittest::kittest::Queryable as _;
use stateline::ui::App;
use stateline::ui::document::Document;
use stateline::ui::state::Prefs;

use crate::common::ui_harness::{harness, saved_map, settle};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

fn open_file_menu_item(h: &mut egui_kittest::Harness<'_, App>, item: &str) {
    h.get_by_label("File").click();
    settle(h);
    h.get_by_label(item).click();
    settle(h);
}

/// Chooses a file in the in-app dialog (opened in the fixtures' folder) and confirms it.
fn choose(h: &mut egui_kittest::Harness<'_, App>, name: &str) {
    h.get_by_label_contains(name).click();
    settle(h);
    h.get_by_label("Open").click();
    settle(h);
}

/// A window on `map` as if it were saved in the fixtures' folder (where dialogs open).
fn window_on(map: stateline::domain::model::Map) -> egui_kittest::Harness<'static, App> {
    let doc = Document::new(map, Some(fixture("here.ron")));
    let mut h = harness(App::new(doc, Prefs::default()));
    settle(&mut h);
    h
}

#[test]
fn file_import_opens_the_drawing_as_a_new_map_with_its_report_beside_it() {
    let mut h = window_on(
        stateline::io::load_path(
            &saved_map("bedrock-sre-agent.ron"),
            stateline::domain::Catalog::builtin(),
        )
        .unwrap(),
    );
    open_file_menu_item(&mut h, "Import…");
    h.get_by_label_contains("Import a draw.io diagram or Terraform JSON");
    choose(&mut h, "two-pages-compressed.drawio");
    let app = h.state();
    assert_eq!(app.doc.map().title, "two-pages-compressed");
    assert!(app.doc.path().is_none(), "a new map, not yet saved");
    assert_eq!(app.doc.map().components.len(), 6);
    let report = app.import_report.as_ref().expect("the report is open");
    assert_eq!(report.skipped(), 4);
    // The report window lists each item, skipped ones with why.
    h.get_by_label("Import report");
    h.get_by_label_contains("an edge with a missing end");
    // Showing skipped items alone hides the imported ones.
    h.get_by_label_contains("Skipped only").click();
    settle(&mut h);
    assert!(h.query_by_label_contains("support-agent: Agent").is_none());
    h.get_by_label_contains("an edge with a missing end");
}

/// A file dropped on the window, as the desktop hands it over.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

fn drop_file(h: &mut egui_kittest::Harness<'_, App>, path: PathBuf) {
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(path)));
}

#[test]
fn a_dropped_terraform_file_is_imported_and_a_dropped_map_opened() {
    let mut h = harness(App::new_for_test(stateline::domain::model::Map::new(
        "Empty",
    )));
    settle(&mut h);
    drop_file(&mut h, fixture("state-azure-openai.json"));
    settle(&mut h);
    let app = h.state();
    assert_eq!(app.doc.map().title, "state-azure-openai");
    assert!(
        app.doc
            .map()
            .components
            .iter()
            .any(|c| c.deployed_as.as_deref() == Some("azurerm_cognitive_deployment.gpt4o"))
    );
    assert!(app.import_report.is_some());
    // An unreadable file keeps the map and says why.
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{ nope").unwrap();
    drop_file(&mut h, bad);
    settle(&mut h);
    assert_eq!(h.state().doc.map().title, "state-azure-openai");
    assert!(
        h.state()
            .error
            .as_ref()
            .is_some_and(|(t, _)| t.contains("Could not import"))
    );
}

#[test]
fn compare_with_deployment_adds_the_drift_findings_and_stop_removes_them() {
    // A map imported from the state, with the global deployment drawn elsewhere.
    let (mut map, _) = stateline::io::import::import_path(
        &fixture("state-azure-openai.json"),
        stateline::domain::Catalog::builtin(),
        &stateline::io::import::Options::default(),
    )
    .unwrap();
    let west = map
        .zones
        .iter()
        .find(|z| z.host.region.as_deref() == Some("westeurope"))
        .unwrap()
        .id
        .clone();
    let gpt = map
        .components
        .iter_mut()
        .find(|c| c.id.as_str() == "gpt-4o-global")
        .unwrap();
    gpt.zone = Some(west);
    let mut h = window_on(map);
    let drift = |h: &egui_kittest::Harness<'_, App>| {
        h.state()
            .doc
            .analysis()
            .findings
            .iter()
            .filter(|f| f.rule.starts_with("DRIFT-"))
            .count()
    };
    assert_eq!(drift(&h), 0);
    open_file_menu_item(&mut h, "Compare with deployment…");
    h.get_by_label_contains("Compare with a deployment");
    choose(&mut h, "state-azure-openai.json");
    assert_eq!(drift(&h), 1);
    assert!(h.state().status.contains("Comparing with the deployment"));
    open_file_menu_item(&mut h, "Stop comparing with deployment");
    settle(&mut h);
    assert_eq!(drift(&h), 0);
}
