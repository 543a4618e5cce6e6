//! Every refusal says why in the status bar — the value typed, the bound it breaks, and what
//! was kept: letters in a budget, a budget of 0, a date 2026-13-45.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use stateline::ui::App;
use stateline::ui::document::Document;
use stateline::ui::state::Prefs;

use crate::common::ui_harness::{harness, saved_map, settle};

fn window() -> Harness<'static, App> {
    let mut h = harness(App::new(
        Document::open(&saved_map("bedrock-sre-agent.ron")).unwrap(),
        Prefs::default(),
    ));
    settle(&mut h);
    h
}

/// Types `text` into the first flow's budget and presses Enter; returns the budget after.
fn type_budget(h: &mut Harness<'_, App>, text: &str) -> Option<f64> {
    h.get_all_by_label("Budget").next().unwrap().click();
    settle(h);
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
    h.event(egui::Event::Text(text.to_owned()));
    settle(h);
    h.key_press(Key::Enter);
    settle(h);
    h.state().doc.map().flows[0].budget_ms
}

#[test]
fn a_refused_budget_says_what_was_typed_the_bound_and_what_was_kept() {
    let mut h = window();
    let before = h.state().doc.map().flows[0].budget_ms;
    assert_eq!(type_budget(&mut h, "abc"), before, "letters are refused");
    let status = h.state().status.clone();
    assert!(
        status.contains("abc") && status.contains("not a number") && status.contains("kept"),
        "{status}"
    );
    assert_eq!(type_budget(&mut h, "0"), before, "0 ms is refused");
    let status = h.state().status.clone();
    assert!(
        status.contains("Budget 0 ms")
            && status.contains("> 0 and ≤ 86400000 ms")
            && status.contains("kept"),
        "{status}"
    );
    assert_eq!(
        type_budget(&mut h, "1500"),
        Some(1500.0),
        "a budget in bounds is taken"
    );
}

#[test]
fn a_refused_date_says_why_and_keeps_the_date() {
    let mut h = window();
    let before = h.state().doc.analysis().scenario.as_of;
    let shown = before.to_string();
    h.get_all_by_role(egui::accesskit::Role::TextInput)
        .find(|n| n.value().as_deref() == Some(shown.as_str()))
        .expect("the as-of date field")
        .click();
    settle(&mut h);
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
    h.event(egui::Event::Text("2026-13-45".into()));
    settle(&mut h);
    h.key_press(Key::Enter);
    settle(&mut h);
    assert_eq!(h.state().doc.analysis().scenario.as_of, before);
    let status = h.state().status.clone();
    assert!(
        status.contains("2026-13-45")
            && status.contains("not a calendar date")
            && status.contains(&format!("kept {before}")),
        "{status}"
    );
}

#[test]
fn a_valid_map_opens_unchanged_and_the_inspector_never_rewrites_a_value() {
    // Values the core takes but the inspector used to clamp (a budget under 1 ms, a zone
    // smaller than 100×80, calls under 0.01, a figure with more decimals than a drag shows).
    let mut map = stateline::io::load_path(
        &saved_map("bedrock-sre-agent.ron"),
        stateline::domain::catalog::Catalog::builtin(),
    )
    .unwrap();
    map.flows[0].budget_ms = Some(0.5);
    map.flows[0].requests_per_month = 1234.5678;
    map.connections[0].calls = 0.005;
    let rect = map.zones[0].rect.as_mut().unwrap();
    rect.w = 40.0;
    rect.h = 30.0;
    let zone = map.zones[0].id.clone();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("small.ron");
    stateline::io::map_file::save_path(&path, &map).unwrap();
    let map = stateline::io::load_path(&path, stateline::domain::catalog::Catalog::builtin())
        .expect("a valid map");

    let mut h = harness(App::new(Document::open(&path).unwrap(), Prefs::default()));
    settle(&mut h);
    let unchanged = |h: &Harness<'_, App>, what: &str| {
        assert!(!h.state().doc.is_dirty(), "{what}: marked unsaved");
        assert_eq!(h.state().doc.map(), &map, "{what}: the map changed");
    };
    unchanged(&h, "opened");

    // The flow's fields: hovered, then focused and left with Enter, as they are.
    for label in ["Budget", "Requests"] {
        h.get_all_by_label(label).next().unwrap().hover();
        settle(&mut h);
        h.get_all_by_label(label).next().unwrap().click();
        settle(&mut h);
        h.key_press(Key::Enter);
        settle(&mut h);
        unchanged(&h, label);
    }

    // The zone's size.
    h.state_mut().state.selection = stateline::ui::state::Selection::only_zone(zone);
    settle(&mut h);
    for label in ["w", "h"] {
        h.get_by_label(label).hover();
        settle(&mut h);
        h.get_by_label(label).click();
        settle(&mut h);
        h.key_press(Key::Enter);
        settle(&mut h);
        unchanged(&h, label);
    }

    // The connection's calls.
    h.state_mut().state.selection = stateline::ui::state::Selection::default();
    h.state_mut().state.selection.connection = Some(0);
    settle(&mut h);
    h.get_by_label("Calls per request").click();
    settle(&mut h);
    h.key_press(Key::Enter);
    settle(&mut h);
    unchanged(&h, "calls");
}
