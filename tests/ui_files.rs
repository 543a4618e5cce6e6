//! Files always work: with no desktop dialog, Save As, Open and Export go through the
//! in-app file dialog, driven here as a user would (type a name, click Save / Open).
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use stateline::domain::Catalog;
use stateline::domain::edit::Edit;
use stateline::domain::model::Map;
use stateline::ui::App;
use stateline::ui::document::Document;
use stateline::ui::state::Prefs;

use crate::common::ui_harness;
use ui_harness::{harness, saved_map, settle};

/// Types `text` into the in-app dialog's file name field (the last text field).
fn type_file_name(h: &mut egui_kittest::Harness<'_, App>, text: &str) {
    let field = h.get_all_by_role(Role::TextInput).last().unwrap();
    field.focus();
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_all_by_role(Role::TextInput)
        .last()
        .unwrap()
        .type_text(text);
    h.run_steps(2);
}

#[test]
fn save_as_and_open_through_the_in_app_dialog() {
    let dir = tempfile::tempdir().unwrap();
    let map = Document::open(&saved_map("bedrock-sre-agent.ron"))
        .unwrap()
        .map()
        .clone();
    let mut doc = Document::new(map, None);
    doc.apply(Edit::SetTitle("Drawn from scratch".into()))
        .unwrap();
    let mut h = harness(App::new(doc, Prefs::default()));
    settle(&mut h);
    assert!(h.state().doc.is_dirty());

    // Ctrl+S on a map never saved asks where: the in-app dialog opens.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut h);
    h.get_by_label_contains("Save the map as");
    let target = dir.path().join("drawn.ron");
    type_file_name(&mut h, target.to_str().unwrap());
    h.get_by_label("Save").click();
    settle(&mut h);
    assert!(target.is_file(), "the map was written");
    assert!(
        !h.state().doc.is_dirty(),
        "and the window knows it is saved"
    );
    assert_eq!(h.state().doc.path(), Some(target.as_path()));
    let reread = stateline::io::load_path(&target, Catalog::builtin()).unwrap();
    assert_eq!(&reread, h.state().doc.map());

    // Open: start on another map, choose the saved file in the dialog's list.
    h.state_mut()
        .open_path(&saved_map("chat-azure-stateless.ron"));
    settle(&mut h);
    let other = dir.path().join("other.ron");
    std::fs::copy(saved_map("chat-azure-stateless.ron"), &other).unwrap();
    h.state_mut().open_path(&other);
    settle(&mut h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    settle(&mut h);
    h.get_by_label_contains("Open a map");
    h.get_by_label_contains("drawn.ron").click();
    settle(&mut h);
    h.get_by_label("Open").click();
    settle(&mut h);
    assert_eq!(h.state().doc.path(), Some(target.as_path()));
    assert_eq!(h.state().doc.map().title, "Drawn from scratch");
}

#[test]
fn export_sets_its_options_then_writes_through_the_in_app_dialog() {
    let dir = tempfile::tempdir().unwrap();
    let doc = Document::new(Map::new("Export me"), Some(dir.path().join("m.ron")));
    let mut h = harness(App::new(doc, Prefs::default()));
    settle(&mut h);
    h.state_mut()
        .export_with(stateline::io::export::Format::Pdf);
    settle(&mut h);
    h.get_by_label("add the report's pages").click();
    h.get_by_label("Letter").click();
    settle(&mut h);
    h.get_by_label("Choose file…").click();
    settle(&mut h);
    let target = dir.path().join("pack.pdf");
    type_file_name(&mut h, target.to_str().unwrap());
    h.get_by_label("Save").click();
    settle(&mut h);
    let pdf = std::fs::read(&target).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let text = String::from_utf8_lossy(&pdf);
    assert!(
        text.contains("/MediaBox [0 0 792 612]"),
        "Letter, landscape diagram"
    );
    assert!(
        text.matches("/MediaBox [0 0 612 792]").count() >= 1,
        "report pages"
    );
}

#[test]
fn a_save_that_fails_says_why_and_keeps_the_map_unsaved() {
    let dir = tempfile::tempdir().unwrap();
    let mut doc = Document::new(Map::new("m"), None);
    doc.apply(Edit::SetTitle("changed".into())).unwrap();
    let mut h = harness(App::new(doc, Prefs::default()));
    settle(&mut h);
    // A folder that does not exist: the write fails.
    let target = dir.path().join("missing").join("x.ron");
    h.state_mut().save_as(target);
    settle(&mut h);
    assert!(
        h.query_by_label_contains("Could not save").is_some(),
        "a visible message"
    );
    assert!(h.state().doc.is_dirty(), "still unsaved");
}

/// The dialog's folder field (its first text field) and its name field (its last).
fn dialog_fields(h: &egui_kittest::Harness<'_, App>) -> (String, bool) {
    let fields: Vec<_> = h.get_all_by_role(Role::TextInput).collect();
    let folder = fields
        .iter()
        .rev()
        .nth(1)
        .and_then(egui_kittest::Node::value)
        .unwrap_or_default();
    let name_focused = fields.last().is_some_and(egui_kittest::Node::is_focused);
    (folder, name_focused)
}

#[test]
fn the_open_dialog_takes_the_keys_a_typed_path_and_enter_open_it() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("b.ron");
    std::fs::copy(saved_map("bedrock-sre-agent.ron"), &target).unwrap();
    let doc = Document::open(&saved_map("chat-azure-stateless.ron")).unwrap();
    let mut h = harness(App::new(doc, Prefs::default()));
    settle(&mut h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    settle(&mut h);
    let (_, focused) = dialog_fields(&h);
    assert!(focused, "the name field has the keyboard");
    // What is typed goes to the field, never to the canvas' keys ("b" is A/B, "-" zooms).
    let zoom = h.state().state.camera.zoom;
    for key in [Key::B, Key::Minus, Key::F] {
        h.key_press(key);
        settle(&mut h);
    }
    assert!(h.state().state.compare.is_none(), "no A/B started");
    assert!((h.state().state.camera.zoom - zoom).abs() < 1e-6, "no zoom");
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(egui::Event::Text(target.display().to_string()));
    settle(&mut h);
    h.key_press(Key::Enter);
    settle(&mut h);
    assert_eq!(
        h.state().doc.path(),
        Some(target.as_path()),
        "Enter opened it"
    );
}

#[test]
fn escape_closes_the_save_as_dialog() {
    let mut doc = Document::new(Map::new("m"), None);
    doc.apply(Edit::SetTitle("changed".into())).unwrap();
    let mut h = harness(App::new(doc, Prefs::default()));
    settle(&mut h);
    h.key_press_modifiers(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::S);
    settle(&mut h);
    assert!(h.query_by_label_contains("Save the map as").is_some());
    h.key_press(Key::Escape);
    settle(&mut h);
    assert!(
        h.query_by_label_contains("Save the map as").is_none(),
        "Escape closed it"
    );
    assert!(h.state().doc.is_dirty(), "nothing was saved");
}

#[test]
fn a_dialog_starts_in_the_last_folder_never_in_the_shipped_examples() {
    // A template opened as-is lives in saved-maps/: Save As does not start there.
    let doc = Document::open(&saved_map("chat-azure-stateless.ron")).unwrap();
    let mut h = harness(App::new(doc, Prefs::default()));
    settle(&mut h);
    h.key_press_modifiers(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::S);
    settle(&mut h);
    let (folder, _) = dialog_fields(&h);
    let shipped = saved_map("").canonicalize().unwrap();
    assert!(
        std::path::Path::new(&folder)
            .canonicalize()
            .map_or(true, |f| f != shipped),
        "not the examples' folder: {folder}"
    );
    // The folder last used, when there is one.
    let dir = tempfile::tempdir().unwrap();
    let prefs = Prefs {
        last_folder: Some(dir.path().to_path_buf()),
        ..Prefs::default()
    };
    let doc = Document::open(&saved_map("chat-azure-stateless.ron")).unwrap();
    let mut h = harness(App::new(doc, prefs));
    settle(&mut h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    settle(&mut h);
    let (folder, _) = dialog_fields(&h);
    assert_eq!(
        std::path::Path::new(&folder).canonicalize().unwrap(),
        dir.path().canonicalize().unwrap()
    );
}
