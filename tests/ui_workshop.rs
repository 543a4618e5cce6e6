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

use crate::common::ui_harness;
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
        h.state().doc.overrides().down,
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
    assert!(h.state().doc.overrides().down.is_empty());
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

/// The caption's running total after each key, as the window writes it.
fn shown(h: &egui_kittest::Harness<'_, App>, text: &str) -> bool {
    h.query_all_by_label_contains(text).next().is_some()
}

#[test]
fn a_flow_is_walked_hop_by_hop_with_the_analysis_figures() {
    let doc = Document::open(&saved_map("bedrock-sre-agent.ron")).unwrap();
    let mut h = harness(App::new(doc, Prefs::default()));
    h.key_press(egui::Key::F11);
    settle(&mut h);
    // Pick the flow in the presentation header.
    h.get_by_role(egui::accesskit::Role::ComboBox).click();
    settle(&mut h);
    h.get_by_label("Answer a question in Slack").click();
    settle(&mut h);
    let flow = h.state().state.selected_flow.unwrap();
    let f = h.state().doc.analysis().flows[flow].clone();
    assert_eq!(f.name, "Answer a question in Slack");
    assert!(f.walk.len() >= 4, "{} steps", f.walk.len());
    // The drawing scrolled down, towards where the caption will be.
    h.state_mut().state.camera.offset.y += 320.0;
    settle(&mut h);
    // → walks it; each step shows its running total, the analysis' own figure.
    for (k, step) in f.walk.iter().enumerate() {
        if k % 2 == 0 {
            h.key_press(egui::Key::ArrowRight);
        } else {
            h.key_press(egui::Key::Space);
        }
        settle(&mut h);
        assert_eq!(h.state().state.walk, Some((flow, k)));
        // The hop is in view, above the caption.
        let app = h.state();
        let hop = app.walk_hop_on_screen().unwrap();
        let full = app.state.canvas_full;
        assert!(
            app.state.canvas_rect.contains(hop.center()) && hop.center().y < full.max.y - 260.0,
            "step {k}: {hop:?} in {:?}",
            app.state.canvas_rect
        );
        assert!(shown(&h, &format!("step {} of {}", k + 1, f.walk.len())));
        if k + 1 < f.walk.len() {
            let total = format!("Running total {:.1} ms", step.total_ms);
            assert!(shown(&h, &total), "step {k}: {total}");
        }
        if step.cross_cloud {
            assert!(shown(&h, "Cross-cloud hop"), "step {k} is called out");
        }
    }
    // The last step: the flow's latency against its budget (this flow is over it).
    let budget = f.budget_ms.unwrap();
    let end = if f.over_budget {
        format!(
            "Total {:.1} ms: OVER its budget of {budget:.0} ms",
            f.latency_ms
        )
    } else {
        format!(
            "Total {:.1} ms: within its budget of {budget:.0} ms",
            f.latency_ms
        )
    };
    assert!(shown(&h, &end), "{end}");
    // Past the end stays at the end; ← goes back.
    h.key_press(egui::Key::ArrowRight);
    settle(&mut h);
    assert_eq!(h.state().state.walk, Some((flow, f.walk.len() - 1)));
    h.key_press(egui::Key::ArrowLeft);
    settle(&mut h);
    assert_eq!(h.state().state.walk, Some((flow, f.walk.len() - 2)));
    // Esc ends the walk first, then the presentation.
    h.key_press(egui::Key::Escape);
    settle(&mut h);
    assert_eq!(h.state().state.walk, None);
    assert!(h.state().state.presenting.is_some());
    h.key_press(egui::Key::Escape);
    settle(&mut h);
    assert!(h.state().state.presenting.is_none());
}

/// The flows of a saved map as `check` computes them under a reading or a date.
fn cli_flows(
    name: &str,
    overrides: &stateline::domain::scenario::Overrides,
) -> Vec<stateline::domain::analysis::FlowResult> {
    let path = saved_map(name);
    let map = stateline::io::load_path(&path, Catalog::builtin()).unwrap();
    stateline::io::scenario::resolve(
        &map,
        Some(&path),
        overrides,
        stateline::io::scenario::Files::default(),
    )
    .unwrap()
    .analyze(&map, Catalog::builtin())
    .flows
}

/// The flows of a saved map as `check --as-of DATE` computes them.
fn flows_as_of(name: &str, date: &str) -> Vec<stateline::domain::analysis::FlowResult> {
    cli_flows(
        name,
        &stateline::domain::scenario::Overrides {
            as_of: Some(stateline::domain::date::Date::parse(date).unwrap()),
            ..Default::default()
        },
    )
}

#[test]
fn both_readings_side_by_side_show_each_flow_under_each_and_b_swaps_them() {
    use stateline::domain::model::Interpretation;
    let name = "bedrock-sre-agent.ron";
    let doc = Document::open(&saved_map(name)).unwrap();
    let mut h = harness(App::new(doc, Prefs::default()));
    h.key_press(egui::Key::F11);
    settle(&mut h);
    h.key_press(egui::Key::B);
    settle(&mut h);
    let reading = |r| stateline::domain::scenario::Overrides {
        interpretation: Some(r),
        ..Default::default()
    };
    let runtime = cli_flows(name, &reading(Interpretation::Runtime));
    let api = cli_flows(name, &reading(Interpretation::ApiAccess));
    assert!(shown(&h, "A (shown): the runtime reading"));
    let mut differ = 0;
    for (a, b) in runtime.iter().zip(&api) {
        let line = format!(
            "{}: A {:.1} ms · B {:.1} ms ({:+.1} ms) · cross-cloud hops {} / {}",
            a.name,
            a.latency_ms,
            b.latency_ms,
            b.latency_ms - a.latency_ms,
            a.cross_cloud_hops,
            b.cross_cloud_hops
        );
        if a.latency_ms != b.latency_ms || a.cross_cloud_hops != b.cross_cloud_hops {
            differ += 1;
            assert!(shown(&h, &line), "{line}");
        }
    }
    assert!(differ > 0, "the readings differ on this map");
    // B swaps: the canvas now shows Microsoft's reading, the card the runtime one as B.
    h.key_press(egui::Key::B);
    settle(&mut h);
    settle(&mut h);
    assert_eq!(
        h.state().doc.map().scenario.interpretation,
        Interpretation::ApiAccess
    );
    assert!(shown(&h, "A (shown): the API-access reading"));
    let (a, b) = (&api[1], &runtime[1]);
    let line = format!(
        "{}: A {:.1} ms · B {:.1} ms",
        a.name, a.latency_ms, b.latency_ms
    );
    assert!(shown(&h, &line), "{line}");
    // Esc ends the comparison (and then the presentation).
    h.key_press(egui::Key::Escape);
    settle(&mut h);
    assert!(h.state().state.compare.is_none());
    assert!(h.state().state.presenting.is_some());
}

#[test]
fn two_dates_side_by_side_from_the_view_menu() {
    let name = "bedrock-sre-agent.ron";
    let doc = Document::open(&saved_map(name)).unwrap();
    let mut h = harness(App::new(doc, Prefs::default()));
    settle(&mut h);
    h.get_by_label("View").click();
    settle(&mut h);
    h.get_by_label_contains("A/B: compare scenarios").hover();
    settle(&mut h);
    h.get_by_label_contains("2026-04-27 (the rules change that day)")
        .click();
    settle(&mut h);
    let c = h.state().state.compare.as_ref().expect("a comparison");
    let after = flows_as_of(name, "2026-04-27");
    // Side B's analysis is `check --as-of 2026-04-27`; A is the map's own date.
    assert_eq!(c.other_analysis.flows, after);
    assert_eq!(
        h.state().doc.analysis().scenario.as_of.to_string(),
        "2026-03-15"
    );
    assert!(shown(
        &h,
        "Comparing the open map with the same map as of 2026-04-27"
    ));
}

#[test]
fn a_zones_context_menu_marks_its_region_down_as_check_down_does() {
    let name = "bedrock-sre-agent.ron";
    let doc = Document::open(&saved_map(name)).unwrap();
    let mut h = harness(App::new(doc, Prefs::default()));
    settle(&mut h);
    // Right-click the zone's title strip.
    let (rect, region) = {
        let app = h.state();
        let z = &app.doc.map().zones[0];
        let r = app.doc.layout().zones[0];
        let world = egui::Rect::from_min_size(
            egui::pos2(r.x as f32, r.y as f32),
            egui::vec2(r.w as f32, 20.0),
        );
        (
            app.state.camera.screen_rect(app.state.canvas_rect, world),
            z.host.region.as_deref().unwrap().to_owned(),
        )
    };
    let at = rect.center();
    h.hover_at(at);
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Secondary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
    }
    settle(&mut h);
    h.get_by_label(&format!("What if {region} is down?"))
        .click();
    settle(&mut h);
    assert_eq!(
        h.state().doc.overrides().down,
        vec![Down::Region(region.clone())]
    );
    let cli = cli_flows(
        name,
        &stateline::domain::scenario::Overrides {
            down: vec![Down::Region(region)],
            ..Default::default()
        },
    );
    assert!(
        cli.iter().all(|f| f.broken),
        "everything runs in that region"
    );
    assert_eq!(h.state().doc.analysis().flows, cli);
    assert!(!h.state().doc.is_dirty(), "a what-if, not an edit");
}

#[test]
fn b_as_of_any_typed_date() {
    let name = "bedrock-sre-agent.ron";
    let doc = Document::open(&saved_map(name)).unwrap();
    let mut h = harness(App::new(doc, Prefs::default()));
    settle(&mut h);
    h.get_by_label("View").click();
    settle(&mut h);
    h.get_by_label_contains("A/B: compare scenarios").hover();
    settle(&mut h);
    let field = h.get_by_role_and_label(egui::accesskit::Role::TextInput, "or as of");
    field.click();
    settle(&mut h);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.event(egui::Event::Text("2026-09-30".into()));
    settle(&mut h);
    h.get_by_label("Compare").click();
    settle(&mut h);
    let c = h.state().state.compare.as_ref().expect("a comparison");
    let later = flows_as_of(name, "2026-09-30");
    assert_eq!(c.other_analysis.flows, later);
    assert_eq!(c.other_analysis.scenario.as_of.to_string(), "2026-09-30");
}
