//! The rule pack is data: an edited copy changes the analysis without a rebuild, and a
//! broken copy is refused with positions.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::sync::Arc;

use common::{REGIME_A, component, date, fires, map};
use stateline::domain::Catalog;
use stateline::domain::analysis::{Analysis, analyze};
use stateline::domain::model::Provider;
use stateline::domain::rules::{BUILTIN_RON, RulePack};
use stateline::domain::scenario::{Overrides, PackOrigin, Resolved};

fn gpt_map() -> stateline::domain::model::Map {
    map(
        r#"(id: "gpt", label: "GPT", kind: ModelCall(vendor: OpenAi, model: "g", access: StatelessApi, channel: Bedrock), zone: "aws"),"#,
        r#"(from: "agent", to: "gpt"),"#,
        r#"flows: [(name: "F", entry: "web", budget_ms: 100.0)],"#,
    )
}

fn with_pack(text: &str) -> Analysis {
    let pack = RulePack::from_str(text, "edited.ron").unwrap_or_else(|e| panic!("{}", e.render()));
    let map = gpt_map();
    let scenario = Resolved::new(
        &map,
        &Overrides {
            as_of: Some(date(REGIME_A)),
            ..Overrides::default()
        },
        Some((
            Arc::new(pack),
            PackOrigin::CommandLine("edited.ron".to_owned()),
        )),
        date(REGIME_A),
    );
    analyze(&map, Catalog::builtin(), &scenario)
}

/// Replaces the first occurrence of `from` after the rule `id` in the built-in pack.
fn edit(id: &str, from: &str, to: &str) -> String {
    let start = BUILTIN_RON.find(&format!("id: \"{id}\"")).unwrap();
    let at = start + BUILTIN_RON[start..].find(from).unwrap();
    format!(
        "{}{to}{}",
        &BUILTIN_RON[..at],
        &BUILTIN_RON[at + from.len()..]
    )
}

#[test]
fn builtin_pack_unchanged_gives_the_builtin_answer() {
    let a = with_pack(BUILTIN_RON);
    assert_eq!(
        component(&a, "gpt")
            .effective_host
            .as_ref()
            .unwrap()
            .provider,
        Provider::Azure
    );
}

#[test]
fn editing_a_provider_moves_the_component() {
    let a = with_pack(&edit(
        "OAI-STATELESS-AZURE",
        "providers: [Azure]",
        "providers: [Gcp]",
    ));
    let gpt = component(&a, "gpt");
    assert_eq!(gpt.obligation, vec![Provider::Gcp]);
    assert_eq!(gpt.effective_host.as_ref().unwrap().provider, Provider::Gcp);
}

#[test]
fn editing_a_date_changes_which_rules_apply() {
    let a = with_pack(&edit(
        "OAI-STATELESS-AZURE",
        "valid_until: \"2026-04-26\"",
        "valid_until: \"2026-03-01\"",
    ));
    assert!(!fires(&a, "OAI-STATELESS-AZURE"));
    assert_eq!(component(&a, "gpt").rule.as_deref(), Some("CHANNEL-HOST"));
    assert_eq!(
        component(&a, "gpt")
            .effective_host
            .as_ref()
            .unwrap()
            .provider,
        Provider::Aws
    );
}

#[test]
fn switching_off_and_severity_come_from_the_pack() {
    let builtin = with_pack(BUILTIN_RON);
    assert!(fires(&builtin, "LOCK-NO-GATEWAY"));
    assert!(builtin.summary.errors >= 1, "LAT-BUDGET is an error");
    let off = with_pack(&edit(
        "LOCK-NO-GATEWAY",
        "effect: Check,",
        "enabled: false, effect: Check,",
    ));
    assert!(!fires(&off, "LOCK-NO-GATEWAY"));
    let softer = with_pack(&edit("LAT-BUDGET", "severity: Error", "severity: Warning"));
    assert_eq!(softer.summary.errors, 0);
    assert!(fires(&softer, "LAT-BUDGET"));
}

#[test]
fn a_broken_pack_is_refused_with_positions() {
    let dup = edit(
        "OAI-FIRSTPARTY-AZURE",
        "id: \"OAI-FIRSTPARTY-AZURE\"",
        "id: \"OAI-STATELESS-AZURE\"",
    );
    let err = RulePack::from_str(&dup, "p.ron").unwrap_err().render();
    assert!(err.starts_with("p.ron:"), "{err}");
    assert!(err.contains("appears twice"), "{err}");
    let line = BUILTIN_RON[..BUILTIN_RON.find("id: \"OAI-FIRSTPARTY-AZURE\"").unwrap()]
        .lines()
        .count();
    assert!(
        err.contains(&format!("p.ron:{line}:")),
        "{err} (line {line})"
    );

    let syntax = edit("UNPLACED", "severity: Warning", "severity: Warnin");
    let err = RulePack::from_str(&syntax, "p.ron").unwrap_err().render();
    let line = BUILTIN_RON[..BUILTIN_RON.find("id: \"UNPLACED\"").unwrap()]
        .lines()
        .count()
        + 2;
    assert!(
        err.starts_with(&format!("p.ron:{line}:")),
        "{err} (line {line})"
    );

    let unknown = edit("UNPLACED", "id: \"UNPLACED\"", "id: \"NOT-A-CHECK\"");
    let err = RulePack::from_str(&unknown, "p.ron").unwrap_err().render();
    assert!(err.contains("no structural check has this id"), "{err}");

    let window = edit(
        "OAI-STATELESS-AZURE",
        "valid_until: \"2026-04-26\"",
        "valid_until: \"2025-01-01\"",
    );
    let err = RulePack::from_str(&window, "p.ron").unwrap_err().render();
    assert!(err.contains("would never apply"), "{err}");
}
