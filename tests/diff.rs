//! `diff`: pairs of maps with known changes.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::too_many_lines)]

use crate::common;

use stateline::domain::Id;
use stateline::domain::diff::diff;
use stateline::domain::model::{Component, Connection, ConnectionKind, Kind, Pos};

fn id(s: &str) -> Id {
    Id::new(s).unwrap()
}

#[test]
fn a_map_against_itself_has_no_change() {
    for name in common::saved_maps() {
        let map = common::load(&name);
        let a = common::sample(&map);
        let d = diff(&map, &a, &map, &a);
        assert!(d.is_empty(), "{name}: {d:?}");
        assert!(d.analysis.flows.iter().all(|f| f.latency_ms == Some(0.0)));
    }
}

#[test]
fn known_edits_are_listed_with_their_fields_and_effects() {
    let old = common::load("hybrid-bedrock-azure.ron");
    let mut new = old.clone();
    // Components: move triage into the Azure zone (fixes the relocation), rename the agent,
    // remove the claims tool, add a cache.
    let triage = new
        .components
        .iter_mut()
        .find(|c| c.id.as_str() == "triage")
        .unwrap();
    triage.zone = Some(id("azure-swc"));
    triage.pos = Some(Pos::new(1540.0, 110.0));
    let agent = new
        .components
        .iter_mut()
        .find(|c| c.id.as_str() == "agent")
        .unwrap();
    agent.label = "Claims intake agent (Lambda)".into();
    new.components.retain(|c| c.id.as_str() != "claims");
    new.connections.retain(|c| c.to.as_str() != "claims");
    let mut cache = Component::new(
        id("cache"),
        "Session cache",
        Kind::StateStore {
            holds: vec![],
            service: "redis".into(),
            portable: true,
        },
    );
    cache.zone = Some(id("aws-euw1"));
    new.components.push(cache);
    // Connections: a second state write sre → memory, a payload change, a new edge.
    let mut write2 = Connection::new(id("sre"), id("memory"));
    write2.kind = ConnectionKind::StateWrite;
    new.connections.push(write2);
    new.connections
        .iter_mut()
        .find(|c| c.from.as_str() == "portal")
        .unwrap()
        .payload_kb = 12.0;
    new.connections
        .push(Connection::new(id("agent"), id("cache")));
    // Zones and flows.
    new.zones
        .iter_mut()
        .find(|z| z.id.as_str() == "azure-swc")
        .unwrap()
        .label = "Azure SWC".into();
    new.flows.retain(|f| f.name != "Adjuster claim summary");
    new.title = "v2".into();

    let old_a = common::sample(&old);
    let mut new_a = common::sample(&new);
    if let Some(flow) = new_a.flows.first_mut() {
        flow.latency_ms -= 31.4;
        flow.cross_cloud_hops -= 1;
    }
    let d = diff(&old, &old_a, &new, &new_a);

    assert_eq!(d.map_fields, vec!["title"]);
    assert_eq!(d.components.added, vec!["cache"]);
    assert_eq!(d.components.removed, vec!["claims"]);
    let changed: Vec<(String, Vec<&str>)> = d
        .components
        .changed
        .iter()
        .map(|c| (c.key.clone(), c.fields.clone()))
        .collect();
    assert_eq!(
        changed,
        vec![
            ("triage".to_owned(), vec!["zone", "pos"]),
            ("agent".to_owned(), vec!["label"]),
        ]
    );
    assert_eq!(
        d.connections.added,
        vec!["sre → memory (state_write) #2", "agent → cache (call)"]
    );
    assert_eq!(d.connections.removed, vec!["sre → claims (call)"]);
    assert_eq!(d.connections.changed.len(), 1);
    assert_eq!(d.connections.changed[0].key, "portal → agent (call)");
    assert_eq!(d.connections.changed[0].fields, vec!["payload_kb"]);
    assert_eq!(d.zones.changed[0].key, "azure-swc");
    assert_eq!(d.flows.removed, vec!["Adjuster claim summary"]);

    // Analysis: triage is no longer relocated; it runs where it is drawn.
    let triage = d
        .analysis
        .components
        .iter()
        .find(|c| c.id == "triage")
        .unwrap();
    let status = triage.status.as_ref().unwrap();
    assert_eq!((status.old, status.new), ("relocated", "ok"));
    assert!(
        triage.effective_host.is_none(),
        "Azure swedencentral either way"
    );
    // The removed edge's cross-cloud finding is gone; flows have deltas.
    let chat = d
        .analysis
        .flows
        .iter()
        .find(|f| f.name == "Claimant chat turn")
        .unwrap();
    assert!((chat.latency_ms.unwrap() + 31.4).abs() < 1e-9);
    assert_eq!(chat.cross_cloud_hops, Some(-1));
    let adjuster = d
        .analysis
        .flows
        .iter()
        .find(|f| f.name == "Adjuster claim summary")
        .unwrap();
    assert!(adjuster.new.is_none() && adjuster.latency_ms.is_none());

    insta::assert_json_snapshot!("diff-hybrid-known-edits", d);
}

#[test]
fn findings_are_matched_by_rule_and_subjects() {
    let map = common::load("hybrid-bedrock-azure.ron");
    let old_a = common::sample(&map);
    let mut new_a = old_a.clone();
    let gone = new_a.findings.remove(0);
    let mut extra = gone.clone();
    extra.subjects = vec!["agent".into()];
    new_a.findings.push(extra);
    // Same rule and subjects, different message: not a change of findings.
    new_a.findings[0].message.push_str(" (reworded)");
    let d = diff(&map, &old_a, &map, &new_a);
    assert_eq!(d.analysis.findings_disappeared.len(), 1);
    let gone_subjects: Vec<String> = gone.subjects.iter().map(ToString::to_string).collect();
    assert_eq!(d.analysis.findings_disappeared[0].subjects, gone_subjects);
    assert_eq!(d.analysis.findings_appeared.len(), 1);
    assert_eq!(d.analysis.findings_appeared[0].subjects, vec!["agent"]);
}
