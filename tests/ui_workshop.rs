//! Workshop pieces of the window: presentation mode (F11 in, Esc out, the editor back as it
//! was, editing still possible) and the outage what-if (the same broken flows as
//! `check --down`).
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui_kittest::kittest::Queryable as _;
use stateline::domain::Catalog;
use stateline::domain::analysis::Down;
use stateline::domain::model::Provider;
use stateline::ui::App;
use stateline::ui::document::Document;
use stateline::ui::state::Prefs;

#[path = "common/ui_harness.rs"]
mod ui_harness;
use ui_harness::{harness, saved_map, settle};

#[test]
fn presentation_mode_hides_the_panels_and_esc_brings_the_editor_back() {
    let doc = Document::open(&saved_map("hybrid-bedrock-azure.ron")).unwrap();
    let mut h = harness(App::new(doc, Prefs::default()));
    settle(&mut h);
    let panels_before = h.state().state.panels.clone();
    let camera_before = h.state().state.camera;
    assert!(panels_before.iter().any(|(n, _)| *n == "inspector"));
    h.key_press(egui::Key::F11);
    settle(&mut h);
    assert!(h.state().state.presenting.is_some());
    assert!(
        h.state().state.panels.is_empty(),
        "no panel while presenting"
    );
    // The drawing takes the window, and is fitted for the room (labels at 18 points).
    let full = h.state().state.canvas_full;
    assert!(full.width() >= 1380.0 && full.height() >= 880.0, "{full:?}");
    assert!(
        h.query_all_by_label_contains("Esc: back to the editor")
            .next()
            .is_some()
    );
    // Editing stays possible: a change and its undo.
    h.state_mut()
        .doc
        .apply(stateline::domain::edit::Edit::SetTitle("Workshop".into()))
        .unwrap();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    settle(&mut h);
    assert_ne!(
        h.state().doc.map().title,
        "Workshop",
        "undo works while presenting"
    );
    // Esc: the editor as it was, panels and camera.
    h.key_press(egui::Key::Escape);
    settle(&mut h);
    assert!(h.state().state.presenting.is_none());
    assert_eq!(h.state().state.camera, camera_before);
    assert_eq!(h.state().state.panels, panels_before);
}

#[test]
fn the_outage_switch_breaks_the_same_flows_as_check_down() {
    let path = saved_map("hybrid-bedrock-azure.ron");
    let doc = Document::open(&path).unwrap();
    let mut h = harness(App::new(doc, Prefs::default()));
    settle(&mut h);
    assert!(h.state().doc.analysis().flows.iter().all(|f| !f.broken));
    h.get_by_label_contains("what if down").click();
    settle(&mut h);
    h.get_by_role_and_label(egui::accesskit::Role::CheckBox, "AWS")
        .click();
    settle(&mut h);
    assert_eq!(
        h.state().doc.overrides.down,
        vec![Down::Provider(Provider::Aws)]
    );
    let window = h.state().doc.analysis().clone();
    assert!(
        window.flows.iter().any(|f| f.broken),
        "AWS down breaks a flow"
    );
    // `check --down aws` on the same file gives the same flows.
    let map = stateline::io::load_path(&path, Catalog::builtin()).unwrap();
    let cli = stateline::io::scenario::resolve(
        &map,
        Some(&path),
        &stateline::domain::scenario::Overrides {
            down: vec![Down::Provider(Provider::Aws)],
            ..Default::default()
        },
        stateline::io::scenario::Files::default(),
    )
    .unwrap()
    .analyze(&map, Catalog::builtin());
    assert_eq!(window.flows, cli.flows);
    assert_eq!(window.fingerprint, cli.fingerprint);
    // One click clears it; the map itself never changed.
    h.key_press(egui::Key::Escape);
    settle(&mut h);
    h.get_by_label("Clear").click();
    settle(&mut h);
    assert!(h.state().doc.overrides.down.is_empty());
    assert!(h.state().doc.analysis().flows.iter().all(|f| !f.broken));
    assert!(!h.state().doc.is_dirty());
}

#[test]
fn findings_are_revealed_one_by_one_while_presenting() {
    let doc = Document::open(&saved_map("hybrid-bedrock-azure.ron")).unwrap();
    let mut h = harness(App::new(doc, Prefs::default()));
    h.key_press(egui::Key::F11);
    settle(&mut h);
    h.key_press(egui::Key::N);
    settle(&mut h);
    h.key_press(egui::Key::N);
    settle(&mut h);
    assert_eq!(h.state().state.revealed, Some(1));
    let second = h.state().doc.analysis().findings[1].clone();
    // Its caption, and its subjects selected (and framed).
    assert!(
        h.query_all_by_label_contains(&second.message)
            .next()
            .is_some()
    );
    let selected: Vec<String> = h
        .state()
        .state
        .selection
        .components
        .iter()
        .map(|id| id.as_str().to_owned())
        .collect();
    for s in &second.subjects {
        if h.state()
            .doc
            .map()
            .components
            .iter()
            .any(|c| c.id.as_str() == &**s)
        {
            assert!(selected.contains(&s.to_string()), "{s} selected");
        }
    }
    h.key_press(egui::Key::P);
    settle(&mut h);
    assert_eq!(h.state().state.revealed, Some(0));
    // Leaving presentation ends the reveal.
    h.key_press(egui::Key::Escape);
    settle(&mut h);
    assert!(h.state().state.presenting.is_none());
    assert_eq!(h.state().state.revealed, None);
}
