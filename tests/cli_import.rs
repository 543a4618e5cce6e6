//! `stateline import`, `check --against` and `export -o .drawio/.mmd`, run as a user runs
//! them: a separate process, its exit code, its output and the files it writes.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;

use crate::common::process::{stateline, text};

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
        .display()
        .to_string()
}

fn saved(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("saved-maps")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn import_exits_0_clean_1_with_skipped_items_2_on_unreadable_input() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("clean.ron");
    let o = stateline(&[
        "import",
        &fixture("plan-clean-tf0.12.json"),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let report = text(&o.stdout);
    assert!(
        report.contains("0 items skipped") && report.contains("wrote"),
        "{report}"
    );
    // The map it wrote is a map: it checks.
    let check = stateline(&["check", out.to_str().unwrap(), "--as-of", "2026-06-01"]);
    assert_ne!(check.status.code(), Some(2), "{}", text(&check.stderr));

    // Skipped items: exit 1, each listed with why.
    let out2 = dir.path().join("plan.ron");
    let o = stateline(&[
        "import",
        &fixture("plan-bedrock-alias-modules.json"),
        "-o",
        out2.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let report = text(&o.stdout);
    assert!(report.contains("aws_iam_role.agent → SKIPPED"), "{report}");
    assert!(out2.exists());

    // Without -o the map goes to stdout and the report to stderr.
    let o = stateline(&[
        "import",
        &fixture("two-pages-plain.drawio"),
        "--page",
        "Architecture",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stdout).starts_with("#![enable(implicit_some)]"));
    assert!(text(&o.stderr).contains("Import report: draw.io diagram, page 1 of 2"));

    // Unreadable input: exit 2 with its position; nothing written.
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{\n \"format_version\": \"1.0\",\n \"values\": }").unwrap();
    let out3 = dir.path().join("bad.ron");
    let o = stateline(&[
        "import",
        bad.to_str().unwrap(),
        "-o",
        out3.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("bad.json:3:"),
        "{}",
        text(&o.stderr)
    );
    assert!(!out3.exists());

    // An existing map is never replaced without --force.
    let before = std::fs::read(&out).unwrap();
    let o = stateline(&[
        "import",
        &fixture("plan-bedrock-alias-modules.json"),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("--force"));
    assert_eq!(std::fs::read(&out).unwrap(), before);
    let o = stateline(&[
        "import",
        &fixture("plan-bedrock-alias-modules.json"),
        "-o",
        out.to_str().unwrap(),
        "--force",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert_ne!(std::fs::read(&out).unwrap(), before);
}

#[test]
fn check_against_a_deployment_reports_drift_in_text_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("m.ron");
    let o = stateline(&[
        "import",
        &fixture("state-azure-openai.json"),
        "-o",
        map.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    // Move the global deployment to another region, by hand.
    let text_map = std::fs::read_to_string(&map).unwrap();
    let moved = text_map.replacen(
        r#"(id: "gpt-4o-global", label: "gpt-4o-global", kind: ModelCall(vendor: OpenAi, model: "gpt-4o", access: StatelessApi, channel: Azure, deployment: Global), zone: "azure-swedencentral""#,
        r#"(id: "gpt-4o-global", label: "gpt-4o-global", kind: ModelCall(vendor: OpenAi, model: "gpt-4o", access: StatelessApi, channel: Azure, deployment: Global), zone: "azure-westeurope""#,
        1,
    );
    assert_ne!(
        moved, text_map,
        "the fixture's map changed shape:\n{text_map}"
    );
    std::fs::write(&map, moved).unwrap();
    let deployed = fixture("state-azure-openai.json");
    let o = stateline(&[
        "check",
        map.to_str().unwrap(),
        "--against",
        &deployed,
        "--as-of",
        "2026-06-01",
    ]);
    let out = text(&o.stdout);
    assert!(out.contains("DRIFT-REGION"), "{out}");
    assert!(out.contains("azurerm_cognitive_deployment.gpt4o"), "{out}");
    let o = stateline(&[
        "check",
        map.to_str().unwrap(),
        "--against",
        &deployed,
        "--as-of",
        "2026-06-01",
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let drift: Vec<&serde_json::Value> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "DRIFT-REGION")
        .collect();
    assert_eq!(drift.len(), 1);
    assert_eq!(drift[0]["severity"], "warning");
    assert_eq!(drift[0]["category"], "drift");
    assert_eq!(drift[0]["subjects"][0], "gpt-4o-global");
    // An unreadable deployment is an input error.
    let o = stateline(&[
        "check",
        map.to_str().unwrap(),
        "--against",
        &saved("bedrock-sre-agent.ron"),
    ]);
    assert_eq!(o.status.code(), Some(2));
    // The report carries drift too.
    let md = dir.path().join("r.md");
    let o = stateline(&[
        "export",
        map.to_str().unwrap(),
        "-o",
        md.to_str().unwrap(),
        "--against",
        &deployed,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(
        std::fs::read_to_string(&md)
            .unwrap()
            .contains("DRIFT-REGION")
    );
}

#[test]
fn export_writes_drawio_and_mermaid_by_extension() {
    let dir = tempfile::tempdir().unwrap();
    let drawio = dir.path().join("map.drawio");
    let o = stateline(&[
        "export",
        &saved("hybrid-bedrock-azure.ron"),
        "-o",
        drawio.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let xml = std::fs::read_to_string(&drawio).unwrap();
    assert!(xml.starts_with("<mxfile"));
    // And it imports back as a map that checks like the original.
    let back = dir.path().join("back.ron");
    let o = stateline(&[
        "import",
        drawio.to_str().unwrap(),
        "-o",
        back.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stdout));
    let mmd = dir.path().join("map.mmd");
    let o = stateline(&[
        "export",
        &saved("hybrid-bedrock-azure.ron"),
        "-o",
        mmd.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        std::fs::read_to_string(&mmd)
            .unwrap()
            .contains("\narchitecture-beta\n")
    );
}
