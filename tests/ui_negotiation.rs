//! The window shows each finding's negotiation position, lets the user set its status, party
//! and note (undoable), filters the disputed items, and exports the one-page summary from
//! File → Export.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use stateline::domain::model::PositionStatus;
use stateline::ui::App;
use stateline::ui::document::Document;
use stateline::ui::state::Prefs;

use crate::common::ui_harness;
use ui_harness::{harness, id, saved_map, settle};

fn app() -> egui_kittest::Harness<'static, App> {
    let doc = Document::open(&saved_map("bedrock-sre-agent.ron")).unwrap();
    let prefs = Prefs {
        findings_open: true,
        ..Prefs::default()
    };
    harness(App::new(doc, prefs))
}

fn status_of(
    h: &egui_kittest::Harness<'static, App>,
    rule: &str,
    subject: &str,
) -> Option<PositionStatus> {
    h.state()
        .doc
        .map()
        .negotiation
        .iter()
        .find(|p| p.rule == rule && p.subject == subject)
        .map(|p| p.status)
}

/// Opens the status picker of the position on `rule` about `subject` (the inspector's: the
/// last one; the findings table's row has one too).
fn open_position(h: &mut egui_kittest::Harness<'static, App>, rule: &str, subject: &str) {
    let label = format!("Position on {rule} about {subject}");
    h.get_all_by_role_and_label(Role::ComboBox, &label)
        .last()
        .unwrap()
        .scroll_to_me();
    settle(h);
    h.get_all_by_role_and_label(Role::ComboBox, &label)
        .last()
        .unwrap()
        .click();
    settle(h);
}

#[test]
fn the_findings_table_shows_positions_and_filters_the_disputed_ones() {
    let mut h = app();
    settle(&mut h);
    assert!(
        h.query_all_by_role_and_label(Role::ComboBox, "Position on OAI-SRE-CONTESTED about sre")
            .next()
            .is_some(),
        "the contested finding's position is in the table"
    );
    let all = h.state().doc.analysis().findings.len();
    h.get_by_label("Disputed only").click();
    settle(&mut h);
    assert!(h.state().state.findings.disputed_only);
    let view = h.state().state.findings.clone();
    let shown = stateline::ui::panels::findings::visible(&h.state().doc.analysis().findings, &view);
    assert!(!shown.is_empty() && shown.len() < all);
    assert!(shown.iter().all(|&i| {
        h.state().doc.analysis().findings[i]
            .position
            .as_ref()
            .is_some_and(|p| p.status == PositionStatus::Disputed)
    }));
}

#[test]
fn setting_a_position_in_the_inspector_is_one_undoable_edit() {
    let mut h = app();
    h.state_mut().state.selection.components = vec![id("memory")];
    settle(&mut h);
    assert_eq!(
        status_of(&h, "LOCK-STATE-PROPRIETARY", "memory"),
        Some(PositionStatus::Open)
    );
    open_position(&mut h, "LOCK-STATE-PROPRIETARY", "memory");
    h.get_by_label("Agreed").click();
    settle(&mut h);
    assert_eq!(
        status_of(&h, "LOCK-STATE-PROPRIETARY", "memory"),
        Some(PositionStatus::Agreed)
    );
    let p = h.state().doc.map().negotiation[2].clone();
    assert_eq!(
        p.updated.unwrap().to_string(),
        "2026-03-15",
        "stamped with the as-of date"
    );
    // The analysis follows: the finding carries the new status.
    let f = h
        .state()
        .doc
        .analysis()
        .findings
        .iter()
        .find(|f| {
            &*f.rule == "LOCK-STATE-PROPRIETARY" && f.subjects.iter().any(|s| &**s == "memory")
        })
        .unwrap()
        .clone();
    assert_eq!(f.position.unwrap().status, PositionStatus::Agreed);

    // Typing a party is one more step, whatever its length.
    let field = h.get_by_label("Party");
    field.focus();
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Party").type_text("Both sides");
    settle(&mut h);
    h.key_press(Key::Tab);
    settle(&mut h);
    let p = &h.state().doc.map().negotiation[2];
    assert_eq!(p.party, "Both sides");
    assert_eq!(h.state().doc.history().undo_len(), 2);
    // Undo (the Edit menu's; the keyboard goes to the focused text field first).
    assert!(h.state_mut().doc.undo().unwrap());
    assert!(h.state_mut().doc.undo().unwrap());
    settle(&mut h);
    let back = Document::open(&saved_map("bedrock-sre-agent.ron")).unwrap();
    assert_eq!(h.state().doc.map(), back.map(), "undo restores the map");
}

#[test]
fn a_position_can_be_taken_on_a_finding_without_one() {
    let mut h = app();
    h.state_mut().state.selection.components = vec![id("gpt")];
    settle(&mut h);
    // Pick the first finding of the model call that has no position yet.
    let (rule, subject) = {
        let a = h.state().doc.analysis();
        let f = a
            .findings
            .iter()
            .find(|f| f.position.is_none() && f.subjects.first().is_some_and(|s| &**s == "gpt"))
            .expect("a finding about the model call");
        (f.rule.to_string(), "gpt".to_owned())
    };
    open_position(&mut h, &rule, &subject);
    h.get_by_label("Disputed").click();
    settle(&mut h);
    assert_eq!(
        status_of(&h, &rule, &subject),
        Some(PositionStatus::Disputed)
    );
    assert!(h.state().doc.is_dirty());
}

#[test]
fn the_canvas_marks_components_with_open_or_disputed_positions() {
    let mut h = app();
    settle(&mut h);
    assert!(
        h.query_by_label("Disputed position (1): OpenAI Stateful Runtime")
            .is_some()
    );
    assert!(
        h.query_by_label("Open position (1): AgentCore Memory (past incidents)")
            .is_some()
    );
    // Agreeing the memory's position takes its mark away.
    let mut list = h.state().doc.map().negotiation.clone();
    list[2].status = PositionStatus::Agreed;
    h.state_mut()
        .doc
        .apply(stateline::domain::edit::Edit::SetNegotiation(list))
        .unwrap();
    settle(&mut h);
    assert!(
        h.query_by_label_contains("position (1): AgentCore Memory")
            .is_none()
    );
    assert!(h.query_by_label_contains("Disputed position (1)").is_some());
}

#[test]
fn file_export_offers_the_one_page_summary() {
    let mut h = app();
    h.get_by_label("File").click();
    settle(&mut h);
    h.get_by_label("Export").hover();
    settle(&mut h);
    assert!(
        h.query_by_label_contains("Summary, one page (PDF)")
            .is_some()
    );
    // The pipeline the menu uses writes one page.
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("s.pdf");
    let choice = h
        .state()
        .export_choice(stateline::io::export::Format::SummaryPdf);
    h.state_mut().write_export(&target, choice);
    let pdf = String::from_utf8_lossy(&std::fs::read(&target).unwrap()).into_owned();
    let pages = pdf
        .match_indices("/Type /Page")
        .filter(|(at, m)| !pdf[at + m.len()..].starts_with('s'))
        .count();
    assert_eq!(pages, 1);
}

#[test]
fn a_flow_findings_party_and_note_are_edited_from_the_table() {
    let mut h = app();
    settle(&mut h);
    let rule = "LAT-BUDGET";
    let subject = "Answer a question in Slack";
    assert_eq!(status_of(&h, rule, subject), None);
    // The row's "…" opens status, party and note (the error is the first row).
    h.get_all_by_role_and_label(Role::Button, "…")
        .next()
        .unwrap()
        .click();
    settle(&mut h);
    h.get_by_label("Disputed").click();
    settle(&mut h);
    assert_eq!(status_of(&h, rule, subject), Some(PositionStatus::Disputed));
    h.get_all_by_role_and_label(Role::TextInput, "Party")
        .last()
        .unwrap()
        .click();
    settle(&mut h);
    h.event(egui::Event::Text("Head of SRE".into()));
    settle(&mut h);
    let p = h
        .state()
        .doc
        .map()
        .negotiation
        .iter()
        .find(|p| p.rule == rule && p.subject == subject)
        .cloned()
        .unwrap();
    assert_eq!(p.party, "Head of SRE");
    // Renaming the flow keeps its position (it does not become an orphan).
    let flows = h.state().doc.map().flows.clone();
    let index = flows.iter().position(|f| f.name == subject).unwrap();
    let mut renamed = flows[index].clone();
    renamed.name = "Answer in Slack".into();
    h.state_mut()
        .doc
        .apply(stateline::domain::edit::Edit::SetFlow {
            index,
            flow: renamed,
        })
        .unwrap();
    settle(&mut h);
    assert_eq!(
        status_of(&h, rule, "Answer in Slack"),
        Some(PositionStatus::Disputed)
    );
    assert!(
        !h.state()
            .doc
            .analysis()
            .findings
            .iter()
            .any(|f| &*f.rule == "NEG-ORPHAN" && f.message.contains("Answer in Slack")),
        "no orphan after a rename"
    );
    h.state_mut().doc.undo().unwrap();
    settle(&mut h);
    assert_eq!(
        status_of(&h, rule, subject),
        Some(PositionStatus::Disputed),
        "undo renames it back"
    );
}
