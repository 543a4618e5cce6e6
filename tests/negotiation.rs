//! Negotiation positions: they load and round-trip, are validated with positions, apply to
//! the findings of their rule and subject, and are never silently dropped (`NEG-ORPHAN`);
//! the JSON, the CSV, the report and the diff show them.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a panic in a test is a failed run with its message"
)]

use crate::common;

use stateline::domain::Catalog;
use stateline::domain::analysis::Analysis;
use stateline::domain::diff::diff;
use stateline::domain::edit::Edit;
use stateline::domain::model::{Map, Position, PositionStatus};
use stateline::domain::negotiation::with_position;
use stateline::io::export;
use stateline::io::{load_str, to_canonical_string};

const SRE: &str = r#"(id: "sre", label: "OpenAI Stateful Runtime", kind: StatefulRuntime(vendor: OpenAi, product: "Stateful Runtime Environment", channel: Bedrock, holds: [Conversation]), zone: "aws"),
        (id: "gpt", label: "GPT via Bedrock", kind: ModelCall(vendor: OpenAi, model: "gpt-5.2", access: StatelessApi, channel: Bedrock), zone: "aws"),"#;
const SRE_CONNECTIONS: &str = r#"(from: "agent", to: "sre"),
        (from: "sre", to: "gpt"),"#;
const POSITIONS: &str = r#"negotiation: [
        (rule: "OAI-SRE-CONTESTED", subject: "sre", status: Disputed, party: "Counsel for Contoso", note: "Runtime reading not accepted", updated: "2026-03-20"),
        (rule: "LOCK-STATE-PROPRIETARY", subject: "sre", status: Agreed, party: "Both sides"),
    ],"#;

fn negotiated() -> Map {
    common::map(SRE, SRE_CONNECTIONS, POSITIONS)
}

fn load_err(text: &str) -> String {
    load_str(text, "neg.ron", Catalog::builtin())
        .unwrap_err()
        .render()
}

fn with_positions(positions: &str) -> String {
    format!(
        r#"(
    format: 1,
    title: "t",
    components: [(id: "a", label: "A", kind: Agent)],
    negotiation: [
{positions}
    ],
)"#
    )
}

#[test]
fn positions_load_and_round_trip_in_canonical_form() {
    let map = negotiated();
    assert_eq!(map.negotiation.len(), 2);
    let p = &map.negotiation[0];
    assert_eq!(
        (p.rule.as_str(), p.subject.as_str(), p.status),
        ("OAI-SRE-CONTESTED", "sre", PositionStatus::Disputed)
    );
    assert_eq!(p.party, "Counsel for Contoso");
    assert_eq!(p.updated.unwrap().to_string(), "2026-03-20");
    let text = to_canonical_string(&map);
    assert!(
        text.contains(r#"(rule: "OAI-SRE-CONTESTED", subject: "sre", status: Disputed, party: "Counsel for Contoso", note: "Runtime reading not accepted", updated: "2026-03-20"),"#),
        "{text}"
    );
    // Defaults are left out: no party, note or date on the second.
    assert!(text.contains(
        r#"(rule: "LOCK-STATE-PROPRIETARY", subject: "sre", status: Agreed, party: "Both sides"),"#
    ));
    let again = load_str(&text, "again.ron", Catalog::builtin()).unwrap();
    assert_eq!(again, map);
    // A map without positions writes no `negotiation` at all.
    let none = common::map(SRE, SRE_CONNECTIONS, "");
    assert!(!to_canonical_string(&none).contains("negotiation"));
}

#[test]
fn bad_positions_are_refused_with_their_place() {
    let err = load_err(&with_positions(
        r#"        (rule: "OAI-SRE-CONTESTED", subject: "a", status: Disputd),"#,
    ));
    assert!(
        err.contains("neg.ron:6:") && err.contains("Disputd"),
        "{err}"
    );
    let err = load_err(&with_positions(
        r#"        (rule: "OAI-SRE-CONTESTED", subject: "a", status: Open, updated: "2026-02-30"),"#,
    ));
    assert!(
        err.contains("neg.ron:6:") && err.contains("`updated` of position #1"),
        "{err}"
    );
    let err = load_err(&with_positions(
        r#"        (rule: "X", subject: "a", status: Open),
        (rule: "X", subject: "a", status: Agreed),"#,
    ));
    assert!(
        err.contains("neg.ron:7:") && err.contains("repeats position #1"),
        "{err}"
    );
    let err = load_err(&with_positions(
        "        (rule: \"X\", subject: \"a\", status: Open, party: \"evil\u{202E}txt\"),",
    ));
    assert!(err.contains("U+202E") && err.contains("`party`"), "{err}");
    let err = load_err(&with_positions(
        r#"        (rule: "", subject: "a", status: Open, colour: "red"),"#,
    ));
    assert!(
        err.contains("colour") && err.contains("`rule` of position #1 is empty"),
        "{err}"
    );
}

fn finding<'a>(
    a: &'a Analysis,
    rule: &str,
    subject: &str,
) -> &'a stateline::domain::analysis::Finding {
    a.findings
        .iter()
        .find(|f| &*f.rule == rule && f.subjects.iter().any(|s| &**s == subject))
        .unwrap_or_else(|| panic!("no {rule} about {subject}"))
}

#[test]
fn a_position_applies_to_the_findings_of_its_rule_and_subject() {
    let a = common::run(&negotiated(), common::REGIME_A);
    let contested = finding(&a, "OAI-SRE-CONTESTED", "sre");
    let p = contested.position.as_ref().expect("the disputed position");
    assert_eq!(p.status, PositionStatus::Disputed);
    assert_eq!(p.party, "Counsel for Contoso");
    let lock = finding(&a, "LOCK-STATE-PROPRIETARY", "sre");
    assert_eq!(
        lock.position.as_ref().unwrap().status,
        PositionStatus::Agreed
    );
    // Other findings carry none, and nothing is orphaned.
    assert!(
        a.findings
            .iter()
            .filter(|f| &*f.rule != "OAI-SRE-CONTESTED" && &*f.rule != "LOCK-STATE-PROPRIETARY")
            .all(|f| f.position.is_none())
    );
    assert!(!common::fires(&a, "NEG-ORPHAN"));
}

#[test]
fn a_position_on_a_hosting_decision_alone_is_not_orphaned() {
    // OAI-SRE-BEDROCK decides the runtime's obligation without a finding of its own once
    // the contested reading has ended (Regime B).
    let map = common::map(
        SRE,
        SRE_CONNECTIONS,
        r#"negotiation: [(rule: "OAI-SRE-BEDROCK", subject: "sre", status: Agreed)],"#,
    );
    let a = common::run(&map, common::REGIME_B);
    assert_eq!(
        common::component(&a, "sre").rule.unwrap().as_str(),
        "OAI-SRE-BEDROCK"
    );
    assert!(!common::fires(&a, "NEG-ORPHAN"), "{:#?}", a.findings);
}

#[test]
fn a_design_change_never_silently_drops_a_position() {
    // The rule stops firing on the date: the contested reading ends on 2026-04-26.
    let a = common::run(&negotiated(), common::REGIME_B);
    let orphans = common::findings(&a, "NEG-ORPHAN");
    assert_eq!(orphans.len(), 1, "{:#?}", a.findings);
    let o = orphans[0];
    assert_eq!(o.severity.key(), "warning");
    assert!(
        o.message.contains("OAI-SRE-CONTESTED")
            && o.message.contains("does not apply on 2026-06-01"),
        "{}",
        o.message
    );
    assert!(o.message.contains("Counsel for Contoso") && o.message.contains("disputed"));
    assert_eq!(
        o.position.as_ref().unwrap().status,
        PositionStatus::Disputed
    );
    assert_eq!(
        a.summary.warnings as usize,
        a.findings
            .iter()
            .filter(|f| f.severity.key() == "warning")
            .count()
    );

    // The component is removed: both its positions are orphaned, and say why.
    let mut map = negotiated();
    Edit::RemoveComponents {
        ids: vec![stateline::domain::ids::Id::new("sre").unwrap()],
    }
    .apply(&mut map)
    .unwrap();
    assert_eq!(
        map.negotiation.len(),
        2,
        "removing a component keeps its positions"
    );
    let a = common::run(&map, common::REGIME_A);
    let orphans = common::findings(&a, "NEG-ORPHAN");
    assert_eq!(orphans.len(), 2);
    assert!(
        orphans
            .iter()
            .all(|o| o.message.contains("\"sre\" is no longer in the map"))
    );

    // A rule the pack does not hold is allowed, and reported.
    let map = common::map(
        SRE,
        SRE_CONNECTIONS,
        r#"negotiation: [(rule: "THEIR-RULE-7", subject: "sre", status: Open)],"#,
    );
    let a = common::run(&map, common::REGIME_A);
    let o = common::findings(&a, "NEG-ORPHAN");
    assert!(
        o[0].message.contains("has no rule THEIR-RULE-7"),
        "{}",
        o[0].message
    );
}

#[test]
fn the_json_carries_each_findings_position_or_null() {
    let a = common::run(&negotiated(), common::REGIME_A);
    let json = serde_json::to_value(&a).unwrap();
    let findings = json["findings"].as_array().unwrap();
    assert!(
        findings.iter().all(|f| f.get("position").is_some()),
        "every finding has the key"
    );
    let contested = findings
        .iter()
        .find(|f| f["rule"] == "OAI-SRE-CONTESTED")
        .unwrap();
    assert_eq!(
        contested["position"],
        serde_json::json!({"status": "disputed", "party": "Counsel for Contoso", "note": "Runtime reading not accepted", "updated": "2026-03-20"})
    );
    let other = findings
        .iter()
        .find(|f| f["rule"] == "OAI-MSFT-IP")
        .unwrap();
    assert!(other["position"].is_null());
}

#[test]
fn the_fingerprint_covers_positions() {
    let map = negotiated();
    let resolved = |m: &Map| {
        stateline::domain::scenario::Resolved::new(
            m,
            &stateline::domain::scenario::Overrides::default(),
            None,
            common::date(common::REGIME_A),
        )
        .analyze(m, Catalog::builtin())
        .fingerprint
        .unwrap()
    };
    let mut agreed = map.clone();
    agreed.negotiation[0].status = PositionStatus::Agreed;
    assert_ne!(resolved(&map), resolved(&agreed));
}

#[test]
fn the_csv_report_and_diff_show_positions() {
    let map = negotiated();
    let a = common::run(&map, common::REGIME_A);
    let csv = export::findings_csv(&map, &a);
    let mut lines = csv.split("\r\n");
    assert!(lines.next().unwrap().ends_with(",source,position_status"));
    let contested = csv
        .lines()
        .find(|l| l.contains("OAI-SRE-CONTESTED"))
        .unwrap();
    assert!(contested.ends_with(",disputed"), "{contested}");

    let md = export::markdown(&map, &a);
    let section = md
        .split("## Negotiation positions")
        .nth(1)
        .expect("the section");
    let section = section.split("\n## ").next().unwrap();
    for needle in [
        "Disputed",
        "Counsel for Contoso",
        "Runtime reading not accepted",
        "2026-03-20",
        "OAI-SRE-CONTESTED",
        "Source:",
    ] {
        assert!(section.contains(needle), "{needle} missing in\n{section}");
    }

    // The other side agrees, and a new position is taken.
    let mut new = map.clone();
    let mut agreed = new.negotiation[0].clone();
    agreed.status = PositionStatus::Agreed;
    agreed.party = "Contoso and the reseller".to_owned();
    new.negotiation = with_position(&new.negotiation, "OAI-SRE-CONTESTED", "sre", Some(agreed));
    new.negotiation.push(Position::new(
        "LOCK-NO-GATEWAY",
        "agent",
        PositionStatus::Open,
    ));
    let b = common::run(&new, common::REGIME_A);
    let d = diff(&map, &a, &new, &b);
    assert_eq!(d.positions.len(), 2);
    assert_eq!(d.positions[0].fields, vec!["status", "party"]);
    assert_eq!(d.positions[0].old.as_ref().unwrap().status, "disputed");
    assert_eq!(d.positions[0].new.as_ref().unwrap().status, "agreed");
    assert!(d.positions[1].old.is_none());
    let json = serde_json::to_value(&d).unwrap();
    assert_eq!(json["positions"][0]["new"]["status"], "agreed");
}

#[test]
fn positions_are_edited_with_undo() {
    let mut map = negotiated();
    let before = map.clone();
    let mut p = map.negotiation[0].clone();
    p.status = PositionStatus::Agreed;
    let list = with_position(
        &map.negotiation,
        &p.rule.clone(),
        &p.subject.clone(),
        Some(p),
    );
    let inverse = Edit::SetNegotiation(list).apply(&mut map).unwrap();
    assert_eq!(map.negotiation[0].status, PositionStatus::Agreed);
    inverse.apply(&mut map).unwrap();
    assert_eq!(map, before);
    // An edit refuses what the loader refuses.
    let mut dup = map.negotiation.clone();
    dup.push(dup[0].clone());
    assert!(Edit::SetNegotiation(dup).apply(&mut map).is_err());
    assert_eq!(map, before);
    // Renaming a component in the window carries its positions; undo brings them back.
    let sre = stateline::domain::ids::Id::new("sre").unwrap();
    let mut renamed = map.component(&sre).unwrap().clone();
    renamed.id = stateline::domain::ids::Id::new("runtime").unwrap();
    let inverse = Edit::SetComponent {
        id: sre,
        component: renamed,
    }
    .apply(&mut map)
    .unwrap();
    assert!(map.negotiation.iter().all(|p| p.subject == "runtime"));
    let a = common::run(&map, common::REGIME_A);
    assert!(
        !common::fires(&a, "NEG-ORPHAN"),
        "still matched after the rename"
    );
    inverse.apply(&mut map).unwrap();
    assert_eq!(map, before);
}
