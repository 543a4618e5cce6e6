//! The window driven like a user would: real clicks, drags and keys through `egui_kittest`,
//! with assertions on the document behind it (no renderer needed).
#![cfg(feature = "gui")]
use egui::{Modifiers, vec2};
use egui_kittest::{Harness, kittest::Queryable as _};
use stateline::domain::Edit;
use stateline::domain::analysis::{self, Analysis, Category, Finding, Severity, Status};
use stateline::domain::catalog::Catalog;
use stateline::domain::model::{Component, Host, Kind, Map, Pos, Provider, Rect, Zone};
use stateline::domain::scenario::Resolved;
use stateline::ui::App;
use stateline::ui::document::Document;
use stateline::ui::state::Prefs;

use crate::common::ui_harness;
use ui_harness::{drag, harness, id, saved_map, settle};

/// Two components outside any zone, one Azure zone to the right.
fn small_map() -> Map {
    let mut map = Map::new("Test map");
    map.zones.push(Zone {
        id: id("azure"),
        label: "Azure East".into(),
        host: Host::new(Provider::Azure, Some("eastus")),
        rect: Some(Rect::new(500.0, 0.0, 500.0, 400.0)),
    });
    let mut agent = Component::new(id("agent"), "Support agent", Kind::Agent);
    agent.pos = Some(Pos::new(100.0, 100.0));
    map.components.push(agent);
    let mut tool = Component::new(
        id("crm"),
        "CRM lookup",
        Kind::Tool {
            service: "crm".into(),
        },
    );
    tool.pos = Some(Pos::new(100.0, 300.0));
    tool.host = Some(Host::new(Provider::OnPrem, None));
    map.components.push(tool);
    map
}

fn component<'a>(h: &'a Harness<'_, App>, cid: &str) -> &'a Component {
    h.state()
        .doc
        .map()
        .component(&id(cid))
        .unwrap_or_else(|| panic!("no component {cid}"))
}

#[test]
fn add_a_component_from_the_palette() {
    let mut h = harness(App::new_for_test(small_map()));
    settle(&mut h);
    let before = h.state().doc.map().components.len();
    h.get_by_label("Add Model call").click();
    settle(&mut h);
    let doc = &h.state().doc;
    assert_eq!(doc.map().components.len(), before + 1);
    let added = doc.map().components.last().unwrap();
    assert_eq!(
        added.kind.tag(),
        stateline::domain::model::KindTag::ModelCall
    );
    assert_eq!(
        h.state().state.selection.components,
        vec![added.id.clone()],
        "the new component is selected"
    );
    assert!(doc.is_dirty());
    assert!(doc.window_title().contains('•'));
}

#[test]
fn drag_a_component_into_a_zone_and_its_status_changes() {
    let mut map = small_map();
    map.components[0].host = None; // unplaced
    let mut h = harness(App::new_for_test(map));
    settle(&mut h);
    assert_eq!(
        h.state().doc.analysis().components[0].status,
        Status::Unplaced
    );

    let from = h.get_by_label("Support agent").rect().center();
    let zone = h.get_by_label("Zone Azure East").rect();
    let to = zone.center() + vec2(0.0, 120.0);
    drag(&mut h, from, to);

    assert_eq!(component(&h, "agent").zone, Some(id("azure")));
    let status = h.state().doc.analysis().components[0].status;
    assert_ne!(status, Status::Unplaced, "its host now follows the zone");
    assert_eq!(
        h.state().doc.history().undo_len(),
        1,
        "the whole drag is one undo step"
    );
}

#[test]
fn connect_two_components_by_dragging_from_the_handle() {
    let mut h = harness(App::new_for_test(small_map()));
    settle(&mut h);
    let a = h.get_by_label("Support agent").rect();
    let b = h.get_by_label("CRM lookup").rect();
    // The connect handle sits on the right edge of the hovered box.
    h.hover_at(a.center());
    settle(&mut h);
    drag(&mut h, egui::pos2(a.right(), a.center().y), b.center());
    let map = h.state().doc.map();
    assert_eq!(map.connections.len(), 1);
    assert_eq!(map.connections[0].from, id("agent"));
    assert_eq!(map.connections[0].to, id("crm"));
    assert_eq!(h.state().state.selection.connection, Some(0));
}

#[test]
fn edit_a_field_in_the_inspector() {
    let mut h = harness(App::new_for_test(small_map()));
    settle(&mut h);
    h.get_by_label("Support agent").click();
    settle(&mut h);
    assert_eq!(h.state().state.selection.components, vec![id("agent")]);
    let field = h.get_by_label("Label");
    field.click();
    settle(&mut h);
    h.get_by_label("Label").type_text(" v2");
    settle(&mut h);
    assert_eq!(component(&h, "agent").label, "Support agent v2");
    assert_eq!(
        h.state().doc.history().undo_len(),
        1,
        "typing in one field is one undo step"
    );
}

#[test]
fn undo_and_redo_with_the_keyboard() {
    let mut h = harness(App::new_for_test(small_map()));
    settle(&mut h);
    h.get_by_label("Add Agent").click();
    settle(&mut h);
    assert_eq!(h.state().doc.map().components.len(), 3);
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::Z);
    settle(&mut h);
    assert_eq!(h.state().doc.map().components.len(), 2);
    assert!(
        !h.state().doc.is_dirty(),
        "back to the saved state's content"
    );
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, egui::Key::Z);
    settle(&mut h);
    assert_eq!(h.state().doc.map().components.len(), 3);
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::Z);
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::Y);
    settle(&mut h);
    assert_eq!(h.state().doc.map().components.len(), 3);
}

/// The stub analysis has no findings yet: this one adds one about the CRM tool.
fn analysis_with_a_finding(map: &Map, catalog: &Catalog, options: &Resolved) -> Analysis {
    let mut a = analysis::analyze(map, catalog, options);
    a.findings.push(Finding {
        rule: "TEST-LOCKIN".into(),
        severity: Severity::Warning,
        category: Category::Lockin,
        subjects: vec!["crm".into()],
        message: "The CRM tool is not portable".into(),
        source: "A test sentence.".into(),
        position: None,
    });
    a
}

#[test]
fn clicking_a_finding_selects_and_frames_its_subject() {
    let doc = Document::with_analyzer(small_map(), None, analysis_with_a_finding);
    let mut h = harness(App::new(doc, Prefs::default()));
    settle(&mut h);
    // The findings open from their strip.
    h.get_by_label_contains("Findings (").click();
    settle(&mut h);
    h.get_by_label("The CRM tool is not portable").click();
    settle(&mut h);
    assert_eq!(h.state().state.selection.components, vec![id("crm")]);
    // Framed: the subject is in the middle of the canvas.
    let canvas = h.state().state.canvas_rect;
    let crm = h.get_by_label("CRM lookup").rect();
    assert!(
        canvas.shrink(100.0).contains(crm.center()),
        "{crm:?} is framed in {canvas:?}"
    );
}

#[test]
fn delete_duplicate_and_copy_paste_as_text() {
    let mut h = harness(App::new_for_test(small_map()));
    settle(&mut h);
    h.get_by_label("Support agent").click();
    settle(&mut h);
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::D);
    settle(&mut h);
    assert_eq!(h.state().doc.map().components.len(), 3);
    assert!(h.state().doc.map().component(&id("agent-2")).is_some());

    h.event(egui::Event::Copy);
    settle(&mut h);
    let text = h.state().clipboard.clone().expect("copied as text");
    assert!(text.contains("Support agent"), "{text}");
    h.event(egui::Event::Paste(text));
    settle(&mut h);
    assert_eq!(h.state().doc.map().components.len(), 4);

    h.key_press(egui::Key::Delete);
    settle(&mut h);
    assert_eq!(h.state().doc.map().components.len(), 3);
}

#[test]
fn the_analysis_runs_only_when_the_map_changes() {
    let mut h = harness(App::new_for_test(small_map()));
    settle(&mut h);
    let runs = h.state().doc.analysis_runs();
    h.hover_at(egui::pos2(700.0, 400.0));
    h.run_steps(10);
    assert_eq!(
        h.state().doc.analysis_runs(),
        runs,
        "idle frames do not re-analyse"
    );
    h.get_by_label("Add Agent").click();
    settle(&mut h);
    assert_eq!(h.state().doc.analysis_runs(), runs + 1);
}

#[test]
fn open_and_save_through_the_document_layer() {
    let dir = tempfile::tempdir().unwrap();
    let src = saved_map("hybrid-bedrock-azure.ron");
    let mut doc = Document::open(&src).unwrap();
    assert!(!doc.is_dirty());
    assert!(doc.window_title().starts_with("hybrid-bedrock-azure.ron"));
    doc.apply(Edit::SetTitle("Renamed".into())).unwrap();
    assert!(doc.is_dirty());
    let out = dir.path().join("copy.ron");
    doc.save_as(&out).unwrap();
    assert!(!doc.is_dirty());
    let again = Document::open(&out).unwrap();
    assert_eq!(again.map(), doc.map());

    // A broken file: the error is shown and the current map stays.
    let bad = dir.path().join("bad.ron");
    std::fs::write(
        &bad,
        "(format: 1, title: \"x\", components: [(id: \"A B\")])",
    )
    .unwrap();
    let mut app = App::new(doc, Prefs::default());
    app.open_path(&bad);
    assert_eq!(app.doc.map().title, "Renamed");
    let (_, lines) = app.error.clone().expect("an error dialog");
    assert!(lines.contains("bad.ron:"), "{lines}");

    // Opening over unsaved changes asks first.
    app.doc.apply(Edit::SetTitle("Dirty".into())).unwrap();
    app.request(stateline::ui::Pending::Open(out.clone()));
    assert_eq!(
        app.doc.map().title,
        "Dirty",
        "nothing lost before the answer"
    );
    assert!(app.pending.is_some());
    app.pending = None;
    app.proceed(stateline::ui::Pending::Open(out));
    assert_eq!(app.doc.map().title, "Renamed");
}

#[test]
fn drag_a_kind_from_the_palette_into_a_zone() {
    let mut h = harness(App::new_for_test(small_map()));
    settle(&mut h);
    let from = h.get_by_label("Add Tool").rect().center();
    let zone = h.get_by_label("Zone Azure East").rect();
    let to = zone.center() + vec2(0.0, 150.0);
    drag(&mut h, from, to);
    let map = h.state().doc.map();
    assert_eq!(map.components.len(), 3);
    let added = map.components.last().unwrap();
    assert_eq!(added.zone, Some(id("azure")), "dropped into the zone");
}

#[test]
fn moving_a_zone_by_its_title_moves_its_contents() {
    let mut map = small_map();
    let mut inside = Component::new(id("inside"), "Inside", Kind::Gateway);
    inside.zone = Some(id("azure"));
    inside.pos = Some(Pos::new(700.0, 200.0));
    map.components.push(inside);
    let mut h = harness(App::new_for_test(map));
    settle(&mut h);
    let title = h.get_by_label("Zone Azure East").rect();
    let from = title.center();
    drag(&mut h, from, from + vec2(60.0, 90.0));
    let map = h.state().doc.map();
    let rect = map.zones[0].rect.unwrap();
    assert!(rect.x > 500.0 && rect.y > 0.0, "{rect:?}");
    let moved = map.component(&id("inside")).unwrap().pos.unwrap();
    assert_eq!(
        (moved.x - 700.0, moved.y - 200.0),
        (rect.x - 500.0, rect.y),
        "contents move with the zone"
    );
    assert_eq!(h.state().doc.history().undo_len(), 1);
}

#[test]
fn the_timeline_sets_the_as_of_date() {
    let mut h = harness(App::new_for_test(small_map()));
    settle(&mut h);
    assert_eq!(h.state().doc.map().scenario.as_of, None);
    let bar = h.get_by_label("As-of date").rect();
    h.hover_at(bar.left_center() + vec2(12.0, 0.0));
    h.drag_at(bar.left_center() + vec2(12.0, 0.0));
    h.hover_at(bar.center());
    h.hover_at(bar.right_center() - vec2(12.0, 0.0));
    h.drop_at(bar.right_center() - vec2(12.0, 0.0));
    settle(&mut h);
    let date = h.state().doc.map().scenario.as_of.expect("a date was set");
    assert!(date.year() >= 2032, "{date}");
    assert_eq!(
        h.state().doc.history().undo_len(),
        1,
        "one drag along the timeline is one undo step"
    );
}

#[test]
fn closing_with_unsaved_changes_asks_first() {
    let mut h = harness(App::new_for_test(small_map()));
    settle(&mut h);
    h.get_by_label("Add Agent").click();
    settle(&mut h);
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    h.step();
    assert!(
        h.output().viewport_output[&egui::ViewportId::ROOT]
            .commands
            .contains(&egui::ViewportCommand::CancelClose)
    );
    assert_eq!(h.state().pending, Some(stateline::ui::Pending::Quit));
    settle(&mut h);
    h.get_by_label("Cancel").click();
    settle(&mut h);
    assert_eq!(h.state().pending, None);
    assert_eq!(h.state().doc.map().components.len(), 3, "nothing lost");
}

#[test]
fn shift_drag_on_empty_space_selects_with_a_rubber_band() {
    let mut h = harness(App::new_for_test(small_map()));
    settle(&mut h);
    let a = h.get_by_label("Support agent").rect();
    let b = h.get_by_label("CRM lookup").rect();
    let start = a.min - vec2(30.0, 30.0);
    let end = b.max + vec2(30.0, 30.0);
    let shift = Modifiers::SHIFT;
    let button = |pos, pressed| egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: shift,
    };
    h.hover_at(start);
    h.event_modifiers(button(start, true), shift);
    h.event_modifiers(egui::Event::PointerMoved(start + vec2(15.0, 15.0)), shift);
    h.event_modifiers(egui::Event::PointerMoved(end), shift);
    h.event_modifiers(button(end, false), shift);
    settle(&mut h);
    let mut selected = h.state().state.selection.components.clone();
    selected.sort();
    assert_eq!(selected, vec![id("agent"), id("crm")]);
    let camera = h.state().state.camera;
    settle(&mut h);
    assert_eq!(h.state().state.camera, camera, "a rubber band does not pan");
}

#[test]
fn every_widget_has_an_accessible_name() {
    let doc = Document::with_analyzer(small_map(), None, analysis_with_a_finding);
    let mut h = harness(App::new(doc, Prefs::default()));
    h.run(); // the accessibility check runs at the end of `run`
    h.get_by_label("Support agent").click();
    h.run();
    h.get_by_label("Zone Azure East").click();
    h.run();
}

#[test]
fn double_click_a_component_to_rename_it() {
    let mut h = harness(App::new_for_test(small_map()));
    settle(&mut h);
    let p = h.get_by_label("CRM lookup").rect().center();
    let button = |pressed| egui::Event::PointerButton {
        pos: p,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: Modifiers::NONE,
    };
    h.hover_at(p);
    h.step();
    let events = &mut h.input_mut().events;
    events.extend([button(true), button(false), button(true), button(false)]);
    h.step();
    settle(&mut h);
    assert!(
        h.get_by_label("Label").is_focused(),
        "the label field has the focus"
    );
    h.get_by_label("Label").type_text("!");
    settle(&mut h);
    assert_eq!(component(&h, "crm").label, "CRM lookup!");
}

#[test]
fn selecting_a_flow_lights_up_its_critical_path() {
    let doc = Document::open(&saved_map("hybrid-bedrock-azure.ron")).unwrap();
    let mut h = harness(App::new(doc, Prefs::default()));
    settle(&mut h);
    let flows = h.state().doc.analysis().flows.len();
    assert!(flows >= 1, "the example declares flows");
    let tab = format!("Flows ({flows})");
    h.get_by_label_contains(&tab).click();
    settle(&mut h);
    let name = h.state().doc.analysis().flows[0].name.clone();
    let row = h
        .get_all_by_label(&name)
        .find(|n| n.rect().min.y > 500.0)
        .expect("the flow's row in the bottom panel")
        .rect();
    h.hover_at(row.center());
    h.drag_at(row.center());
    h.drop_at(row.center());
    settle(&mut h);
    assert_eq!(h.state().state.selected_flow, Some(0));
    assert!(
        h.state().doc.analysis().flows[0].critical_path.len() >= 2,
        "a path to light up"
    );
}
