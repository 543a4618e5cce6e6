//! The canvas draws what the document holds after every way in: a map opened after another
//! one (File → Open, Open Recent, a dropped file, the command line), a template, undo/redo
//! and paste. Each path opens map A, then map B, and the picture (boxes, zones, notes, each
//! connection's line between the boxes of its two ends, the latency labels) must equal a
//! fresh window's on B.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use stateline::domain::edit::Edit;
use stateline::domain::model::Map;
use stateline::ui::App;
use stateline::ui::canvas::hit_test::Drawn;
use stateline::ui::document::Document;
use stateline::ui::state::Prefs;

use crate::common::ui_harness::{harness, saved_map, settle};

const A: &str = "chat-azure-stateless.ron";
const B: &str = "bedrock-sre-agent.ron";

/// What a fresh window on `doc` draws.
fn fresh(doc: Document) -> Drawn {
    let mut h = harness(App::new(doc, Prefs::default()));
    settle(&mut h);
    h.state().drawn()
}

fn fresh_on_file(name: &str) -> Drawn {
    fresh(Document::open(&saved_map(name)).unwrap())
}

fn fresh_on_map(map: &Map) -> Drawn {
    fresh(Document::new(map.clone(), None))
}

/// A window on A, as a user has it before opening B.
fn on_a() -> Harness<'static, App> {
    let mut h = harness(App::new(
        Document::open(&saved_map(A)).unwrap(),
        Prefs::default(),
    ));
    settle(&mut h);
    h
}

/// Every line of `drawn` joins the boxes of its connection's two ends, in the map's order.
fn lines_follow_the_map(drawn: &Drawn, map: &Map) {
    let expected: Vec<(String, String)> = map
        .connections
        .iter()
        .map(|c| (c.from.as_str().to_owned(), c.to.as_str().to_owned()))
        .collect();
    let got: Vec<(String, String)> = drawn
        .lines
        .iter()
        .map(|(a, b, _, _)| (a.clone(), b.clone()))
        .collect();
    assert_eq!(
        got, expected,
        "each connection drawn between its own two boxes"
    );
}

fn assert_shows_b(h: &Harness<'_, App>, how: &str) {
    let b = Document::open(&saved_map(B)).unwrap();
    assert_eq!(h.state().doc.map(), b.map(), "{how}: B is the document");
    let drawn = h.state().drawn();
    lines_follow_the_map(&drawn, b.map());
    assert_eq!(
        drawn,
        fresh_on_file(B),
        "{how}: the picture of a fresh window on B"
    );
}

#[test]
fn file_open_in_the_dialog_draws_b() {
    let mut h = on_a();
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    settle(&mut h);
    // The name field has the keyboard: type B's path, Enter.
    h.event(egui::Event::Text(saved_map(B).display().to_string()));
    settle(&mut h);
    h.key_press(Key::Enter);
    settle(&mut h);
    assert_shows_b(&h, "File → Open");
}

#[test]
fn open_recent_draws_b() {
    let mut prefs = Prefs::default();
    prefs.push_recent(saved_map(B));
    let mut h = harness(App::new(Document::open(&saved_map(A)).unwrap(), prefs));
    settle(&mut h);
    h.get_by_label("File").click();
    settle(&mut h);
    h.get_by_label("Open Recent").hover();
    settle(&mut h);
    h.get_by_label(&saved_map(B).display().to_string()).click();
    settle(&mut h);
    assert_shows_b(&h, "Open Recent");
}

/// A file dropped on the window, as the desktop hands it over.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn a_dropped_file_draws_b() {
    let mut h = on_a();
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(saved_map(B))));
    settle(&mut h);
    assert_shows_b(&h, "drop");
}

#[test]
fn the_command_line_draws_b_even_with_a_recent_a() {
    let mut prefs = Prefs::default();
    prefs.push_recent(saved_map(A));
    let b: PathBuf = saved_map(B);
    let mut h = harness(App::starting(prefs, Some(&b)));
    settle(&mut h);
    assert_shows_b(&h, "command line");
}

#[test]
fn a_template_draws_b_as_an_untitled_copy() {
    let mut h = on_a();
    h.get_by_label("File").click();
    settle(&mut h);
    h.get_by_label_contains("New from template").click();
    settle(&mut h);
    let title = Document::open(&saved_map(B)).unwrap().map().title.clone();
    h.get_by_role_and_label(egui::accesskit::Role::Button, &title)
        .click();
    settle(&mut h);
    let b = Document::open(&saved_map(B)).unwrap();
    assert_eq!(h.state().doc.map(), b.map());
    assert_eq!(
        h.state().doc.path(),
        None,
        "a template opens as an untitled copy"
    );
    lines_follow_the_map(&h.state().drawn(), b.map());
    assert_eq!(h.state().drawn(), fresh_on_map(b.map()));
}

#[test]
fn undo_and_redo_draw_what_the_map_holds() {
    let mut h = on_a();
    h.state_mut().open_path(&saved_map(B));
    settle(&mut h);
    // Remove the first connection: every later one changes index.
    h.state_mut()
        .doc
        .apply(Edit::RemoveConnection { index: 0 })
        .unwrap();
    settle(&mut h);
    let removed = h.state().doc.map().clone();
    lines_follow_the_map(&h.state().drawn(), &removed);
    assert_eq!(h.state().drawn(), fresh_on_map(&removed));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    settle(&mut h);
    assert_shows_b(&h, "undo");
    h.key_press_modifiers(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z);
    settle(&mut h);
    assert_eq!(h.state().doc.map(), &removed);
    lines_follow_the_map(&h.state().drawn(), &removed);
    assert_eq!(h.state().drawn(), fresh_on_map(&removed), "redo");
}

#[test]
fn paste_draws_what_the_map_holds() {
    let mut h = on_a();
    // All of B pasted into A.
    let text = std::fs::read_to_string(saved_map(B)).unwrap();
    h.event(egui::Event::Paste(text));
    settle(&mut h);
    let map = h.state().doc.map().clone();
    let b = Document::open(&saved_map(B)).unwrap();
    let a = Document::open(&saved_map(A)).unwrap();
    assert_eq!(
        map.connections.len(),
        a.map().connections.len() + b.map().connections.len(),
        "B's connections were pasted"
    );
    lines_follow_the_map(&h.state().drawn(), &map);
    assert_eq!(h.state().drawn(), fresh_on_map(&map), "paste");
}
