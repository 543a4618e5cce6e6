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
            && status.contains("between 1 and")
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
