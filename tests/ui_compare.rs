//! Comparing the open map with its last saved version or another file, through the window.
#![cfg(feature = "gui")]

use egui_kittest::kittest::Queryable as _;
use stateline::domain::catalog::Catalog;
use stateline::domain::model::{Component, Kind, Map, Pos};
use stateline::io::map_file;
use stateline::ui::App;
use stateline::ui::document::Document;
use stateline::ui::state::{BottomTab, Prefs};

use crate::common::ui_harness;
use ui_harness::{harness, id, saved_map, settle};

#[test]
fn compare_with_last_saved_marks_the_renamed_component() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hybrid.ron");
    std::fs::copy(saved_map("hybrid-bedrock-azure.ron"), &path).unwrap();
    let doc = Document::open(&path).unwrap();
    let mut h = harness(App::new(doc, Prefs::default()));
    settle(&mut h);

    // Rename a component in the inspector.
    h.get_by_label("Claims intake agent (ECS)").click();
    settle(&mut h);
    assert_eq!(h.state().state.selection.components, vec![id("agent")]);
    h.get_by_label("Label").click();
    settle(&mut h);
    h.get_by_label("Label").type_text(" v2");
    settle(&mut h);
    assert!(h.state().doc.is_dirty());

    h.get_by_label("File").click();
    settle(&mut h);
    h.get_by_label_contains("Compare with last saved").click();
    settle(&mut h);

    let c = h.state().state.compare.as_ref().expect("a comparison");
    let mark = c.component_mark("agent");
    assert!(mark.changed && !mark.added, "{mark:?}");
    assert!(c.component_mark("triage").is_empty());
    assert_eq!(c.diff.components.changed.len(), 1);
    assert_eq!(c.diff.components.changed[0].fields, vec!["label"]);
    assert_eq!(h.state().state.bottom_tab, BottomTab::Changes);
    let renamed = h
        .state()
        .doc
        .map()
        .component(&id("agent"))
        .unwrap()
        .label
        .clone();
    assert!(renamed.contains("v2"), "{renamed}");
    // Named as every view names a subject: `Label (id)`.
    h.get_by_label_contains(&format!("Component changed: {renamed} (agent): label"));

    // Later edits recompute the diff once, not every frame.
    let runs = h.state().state.compare.as_ref().unwrap().diff_runs;
    settle(&mut h);
    assert_eq!(h.state().state.compare.as_ref().unwrap().diff_runs, runs);
    h.get_by_label("Label").click();
    settle(&mut h);
    h.get_by_label("Label").type_text("!");
    settle(&mut h);
    let c = h.state().state.compare.as_ref().unwrap();
    assert!(c.diff_runs > runs);
    assert!(c.component_mark("agent").changed);

    // Clicking the entry selects the component.
    h.state_mut().state.selection.clear();
    h.get_by_label_contains("(agent): label").click();
    settle(&mut h);
    assert_eq!(h.state().state.selection.components, vec![id("agent")]);

    // Saving makes the last saved version the current one: nothing differs any more.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    settle(&mut h);
    assert!(!h.state().doc.is_dirty());
    let c = h.state().state.compare.as_ref().expect("still comparing");
    assert!(c.diff.is_empty(), "{:?}", c.diff);
    assert!(c.component_mark("agent").is_empty());

    let before = h.state().doc.map().clone();
    h.get_by_label("Close comparison").click();
    settle(&mut h);
    assert!(h.state().state.compare.is_none());
    assert_ne!(h.state().state.bottom_tab, BottomTab::Changes);
    assert!(h.query_by_label_contains("Component changed").is_none());
    assert_eq!(
        h.state().doc.map(),
        &before,
        "the comparison never changes the map"
    );
}

fn two_components() -> Map {
    let mut map = Map::new("Compare test");
    let mut agent = Component::new(id("agent"), "Support agent", Kind::Agent);
    agent.pos = Some(Pos::new(100.0, 100.0));
    map.components.push(agent);
    let mut store = Component::new(id("notes"), "Case notes", Kind::Agent);
    store.pos = Some(Pos::new(100.0, 300.0));
    map.components.push(store);
    map
}

#[test]
fn compare_with_a_file_marks_the_added_component_and_escape_ends_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut older = two_components();
    older.components.truncate(1);
    let other = dir.path().join("older.ron");
    map_file::save_path(&other, &older).unwrap();
    assert!(map_file::load_path(&other, Catalog::builtin()).is_ok());

    let mut h = harness(App::new_for_test(two_components()));
    settle(&mut h);
    h.state_mut().compare_with_path(&other);
    settle(&mut h);
    let c = h.state().state.compare.as_ref().expect("a comparison");
    assert!(c.component_mark("notes").added);
    assert!(c.component_mark("agent").is_empty());
    h.get_by_label_contains("Component added: Case notes (notes)");
    // The other way round, the component is removed: named in the tab, not on the canvas.
    let mut newer = two_components();
    let mut extra = Component::new(id("fax"), "Fax gateway", Kind::Agent);
    extra.pos = Some(Pos::new(300.0, 300.0));
    newer.components.push(extra);
    let newer_path = dir.path().join("newer.ron");
    map_file::save_path(&newer_path, &newer).unwrap();
    h.state_mut().compare_with_path(&newer_path);
    settle(&mut h);
    h.get_by_label_contains("Component removed: Fax gateway (fax)");
    h.state_mut().compare_with_path(&other);
    settle(&mut h);
    h.run(); // the accessibility check (every widget of the Changes tab is named)

    // Escape ends the comparison.
    h.key_press(egui::Key::Escape);
    settle(&mut h);
    assert!(h.state().state.compare.is_none());

    // A broken file: the error list is shown, as for Open, and nothing is compared.
    let bad = dir.path().join("bad.ron");
    std::fs::write(
        &bad,
        "(format: 1, title: \"x\", components: [(id: \"A B\")])",
    )
    .unwrap();
    h.state_mut().compare_with_path(&bad);
    assert!(h.state().state.compare.is_none());
    let (_, lines) = h.state().error.clone().expect("an error dialog");
    assert!(lines.contains("bad.ron:"), "{lines}");
}

fn analysis_without_sources(
    map: &Map,
    catalog: &Catalog,
    options: &stateline::domain::scenario::Resolved,
) -> stateline::domain::analysis::Analysis {
    let mut a = stateline::domain::analysis::analyze(map, catalog, options);
    for f in &mut a.findings {
        f.source = stateline::domain::ids::Text::from("");
    }
    a
}

#[test]
fn the_inspector_cites_the_deciding_rule_from_the_pack() {
    let path = saved_map("hybrid-bedrock-azure.ron");
    let map = Document::open(&path).unwrap().map().clone();
    // No finding carries a source sentence: the inspector must take it from the pack.
    let doc = Document::with_analyzer(map, None, analysis_without_sources);
    let i = doc.map().component_index(&id("gpt-sum")).unwrap();
    let rule = doc.analysis().components[i].rule.expect("a deciding rule");
    let pack = doc.rule_pack();
    let cited = pack.rule(&rule).expect("the rule is in the pack");
    let page = cited.citation.pages.first().expect("the rule cites a page");
    let quote: String = page.quote.chars().take(24).collect();
    assert!(!quote.is_empty());

    let mut h = harness(App::new(doc, Prefs::default()));
    settle(&mut h);
    h.get_by_label("GPT-5.2 summaries (Azure OpenAI)").click();
    settle(&mut h);
    h.get_by_label_contains(&format!("Decided by {rule}"));
    h.get_by_label_contains(&quote);
    // The page is named and linked, not a number.
    h.get_by_label_contains(&page.title);
    h.get_by_label_contains(&page.url);
}

#[test]
fn compare_with_a_file_shows_what_stateline_diff_says() {
    // The other file has its own scenario (the other reading, another date): the window
    // analyses it under that scenario, as `stateline diff` does — not under the open map's.
    let dir = tempfile::tempdir().unwrap();
    let current = dir.path().join("current.ron");
    std::fs::copy(saved_map("hybrid-bedrock-azure.ron"), &current).unwrap();
    let mut other_map = map_file::load_path(&current, Catalog::builtin()).unwrap();
    let reading = stateline::domain::analysis::other(other_map.scenario.interpretation);
    other_map.scenario.interpretation = reading;
    other_map.scenario.as_of = Some(stateline::domain::date::Date::parse("2026-09-01").unwrap());
    let other = dir.path().join("other.ron");
    map_file::save_path(&other, &other_map).unwrap();

    let doc = Document::open(&current).unwrap();
    let mut h = harness(App::new(doc, Prefs::default()));
    settle(&mut h);
    h.state_mut().compare_with_path(&other);
    settle(&mut h);
    let c = h.state().state.compare.as_ref().expect("a comparison");
    assert_eq!(c.other_analysis.scenario.interpretation, reading);
    assert_eq!(c.other_analysis.scenario.as_of.to_string(), "2026-09-01");
    assert!(
        !c.diff
            .analysis
            .flows
            .iter()
            .all(stateline::domain::diff::FlowDelta::is_unchanged)
            || !c.diff.analysis.components.is_empty(),
        "the other reading moves something: {:?}",
        c.diff.analysis
    );
    let window = serde_json::to_value(&c.diff).unwrap();

    let out = crate::common::process::stateline(&[
        "diff",
        "--format",
        "json",
        other.to_str().unwrap(),
        current.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let cli: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(window, cli, "the window's Changes are `stateline diff`'s");
}
