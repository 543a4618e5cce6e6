//! The small things a user trips on: the "vs the other reading" figures go stale after a
//! date change, Escape after an A/B swap comes back to side A, the position popup keeps its
//! statuses clear of the Party field.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use stateline::domain::edit::Edit;
use stateline::domain::model::Scenario;
use stateline::ui::App;
use stateline::ui::document::Document;
use stateline::ui::state::Prefs;

use crate::common::ui_harness::{harness, saved_map, settle};

fn window(prefs: Prefs) -> Harness<'static, App> {
    let mut h = harness(App::new(
        Document::open(&saved_map("bedrock-sre-agent.ron")).unwrap(),
        prefs,
    ));
    settle(&mut h);
    h
}

fn set_scenario(h: &mut Harness<'_, App>, f: impl FnOnce(&mut Scenario)) {
    let mut s = h.state().doc.map().scenario.clone();
    f(&mut s);
    h.state_mut().doc.apply(Edit::SetScenario(s)).unwrap();
    settle(h);
}

#[test]
fn the_other_readings_figures_go_when_the_date_changes() {
    let mut h = window(Prefs::default());
    h.get_by_label("API access (Microsoft)").click();
    settle(&mut h);
    assert!(
        h.query_by_label_contains("vs Runtime reading").is_some(),
        "after switching, the figures against the other reading"
    );
    set_scenario(&mut h, |s| {
        s.as_of = stateline::domain::Date::parse("2026-05-01").ok();
    });
    assert!(
        h.query_by_label_contains("vs Runtime reading").is_none(),
        "another date: those figures are stale and go"
    );
}

#[test]
fn escape_after_an_ab_swap_comes_back_to_side_a() {
    let mut h = window(Prefs::default());
    let a = h.state().doc.map().scenario.interpretation;
    h.key_press(Key::B);
    settle(&mut h);
    assert!(h.state().state.compare.is_some(), "A/B on");
    h.key_press(Key::B);
    settle(&mut h);
    assert_ne!(
        h.state().doc.map().scenario.interpretation,
        a,
        "swapped: B shown"
    );
    h.key_press(Key::Escape);
    settle(&mut h);
    assert!(h.state().state.compare.is_none(), "comparison ended");
    assert_eq!(
        h.state().doc.map().scenario.interpretation,
        a,
        "back on side A"
    );
}

#[test]
fn the_position_popup_keeps_its_statuses_clear_of_the_party_field() {
    let mut h = window(Prefs {
        findings_open: true,
        ..Prefs::default()
    });
    // A finding's "…": its position popup.
    h.get_all_by_label("…").next().unwrap().click();
    settle(&mut h);
    // A status first, so the Party and Note fields show.
    h.get_by_label("Open").click();
    settle(&mut h);
    let party = h.get_by_label("Party").rect();
    for status in ["Agreed", "Withdrawn", "Disputed", "Open"] {
        let r = h.get_by_label(status).rect();
        assert!(
            !r.intersects(party),
            "{status} {r:?} is under the Party field {party:?}"
        );
    }
}
