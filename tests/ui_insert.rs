//! Every insertion lands in free space — a palette click and a palette drop, Add zone, Add
//! note, paste and duplicate: nothing lands on or against an existing box or note, nor across
//! a zone's border, however many times it is repeated (one rule: `domain::place`).
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui::{Key, Modifiers, Rect};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use stateline::domain::model::KindTag;
use stateline::ui::App;
use stateline::ui::canvas;
use stateline::ui::commands::UiCommand;
use stateline::ui::document::Document;
use stateline::ui::state::{Drag, Prefs};

use crate::common::ui_harness::{harness, saved_map, settle};

fn window(map: &str) -> Harness<'static, App> {
    let mut h = harness(App::new(
        Document::open(&saved_map(map)).unwrap(),
        Prefs::default(),
    ));
    settle(&mut h);
    h
}

/// No two boxes or notes overlap, no box or note crosses a zone border, and zones that did
/// not overlap before do not now.
fn all_apart(h: &Harness<'_, App>, what: &str) {
    let app = h.state();
    let geo = canvas::geometry(&app.doc, &Drag::None);
    let items: Vec<Rect> = geo.components.iter().chain(&geo.notes).copied().collect();
    for (i, a) in items.iter().enumerate() {
        for (j, b) in items.iter().enumerate().skip(i + 1) {
            assert!(
                !a.intersects(*b),
                "{what}: items {i} and {j} overlap: {a:?} {b:?}"
            );
        }
        for (k, z) in geo.zones.iter().enumerate() {
            assert!(
                !z.intersects(*a) || z.contains_rect(*a),
                "{what}: item {i} {a:?} straddles zone {k} {z:?}"
            );
        }
    }
    for (i, a) in geo.zones.iter().enumerate() {
        for (j, b) in geo.zones.iter().enumerate().skip(i + 1) {
            assert!(!a.intersects(*b), "{what}: zones {i} and {j} overlap");
        }
    }
}

fn run(h: &mut Harness<'_, App>, cmd: UiCommand) {
    h.state_mut().run(&egui::Context::default(), cmd);
    settle(h);
}

#[test]
fn zones_notes_and_palette_clicks_land_apart() {
    let mut h = window("bedrock-sre-agent.ron");
    all_apart(&h, "as opened");
    for k in 0..3 {
        run(&mut h, UiCommand::AddZone);
        all_apart(&h, &format!("Add zone #{k}"));
        run(&mut h, UiCommand::AddNote);
        all_apart(&h, &format!("Add note #{k}"));
    }
    h.state_mut().state.selection.clear();
    for k in 0..6 {
        h.get_by_label("Add Client").click();
        settle(&mut h);
        all_apart(&h, &format!("palette click #{k}"));
    }
}

#[test]
fn paste_and_duplicate_land_beside_not_on_the_original() {
    let mut h = window("chat-azure-stateless.ron");
    let before = h.state().doc.map().components.len();
    h.state_mut().state.selection.components = vec![stateline::domain::Id::new("gateway").unwrap()];
    settle(&mut h);
    // Ctrl+C and Ctrl+V arrive as the desktop's copy and paste events.
    h.event(egui::Event::Copy);
    settle(&mut h);
    let copied = h.state().clipboard.clone().expect("copied");
    for k in 0..3 {
        h.event(egui::Event::Paste(copied.clone()));
        settle(&mut h);
        all_apart(&h, &format!("paste #{k}"));
        h.key_press_modifiers(Modifiers::COMMAND, Key::D);
        settle(&mut h);
        all_apart(&h, &format!("duplicate #{k}"));
    }
    assert_eq!(h.state().doc.map().components.len(), before + 6);
}

#[test]
fn a_palette_drop_on_a_box_or_a_border_lands_beside_it() {
    let mut h = window("chat-azure-stateless.ron");
    let app = h.state();
    let geo = canvas::geometry(&app.doc, &Drag::None);
    let cam = app.state.camera;
    let canvas_rect = app.state.canvas_rect;
    // On the first box, then on the zone's left border.
    let on_box = cam.screen_from_world(canvas_rect, geo.components[1].center());
    let z = geo.zones[0];
    let on_border = cam.screen_from_world(canvas_rect, egui::pos2(z.min.x, z.center().y));
    for (k, target) in [on_box, on_border].into_iter().enumerate() {
        let from = h.get_by_label("Add Client").rect().center();
        h.hover_at(from);
        h.drag_at(from);
        h.hover_at(from + egui::vec2(12.0, 0.0));
        h.hover_at(target);
        h.drop_at(target);
        settle(&mut h);
        all_apart(&h, &format!("drop #{k}"));
    }
    let clients = h
        .state()
        .doc
        .map()
        .components
        .iter()
        .filter(|c| c.kind.tag() == KindTag::Client)
        .count();
    assert!(clients >= 3, "both drops added a client");
}
