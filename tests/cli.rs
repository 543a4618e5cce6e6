//! The command line as a user runs it: a separate process, exit codes, stdout/stderr.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a panic in a test or bench helper is a failed run with its message"
)]

use crate::common::process;
use process::{stateline, text};

use std::path::{Path, PathBuf};

fn example(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("saved-maps")
        .join(name)
}

fn write(dir: &Path, name: &str, content: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path.display().to_string()
}

#[test]
fn check_prints_a_readable_report() {
    let out = stateline(&[
        "check",
        example("chat-azure-stateless.ron").to_str().unwrap(),
    ]);
    assert!(
        out.status.code() == Some(0) || out.status.code() == Some(1),
        "{out:?}"
    );
    let stdout = text(&out.stdout);
    assert!(stdout.contains("Summary:"), "{stdout}");
    assert!(
        !stdout.contains("\x1b["),
        "no colour when stdout is not a terminal"
    );
}

#[test]
fn check_json_has_the_contract_keys() {
    let out = stateline(&[
        "check",
        example("bedrock-sre-agent.ron").to_str().unwrap(),
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in [
        "map",
        "rule_pack",
        "scenario",
        "components",
        "connections",
        "flows",
        "findings",
        "summary",
    ] {
        assert!(json.get(key).is_some(), "missing key {key}");
    }
    assert_eq!(json["map"]["format"], 1);
    let first = &json["components"][0];
    assert_eq!(first["id"], "alert-hook");
    assert_eq!(first["drawn_host"]["provider"], "device");
    assert_eq!(
        json["scenario"]["as_of"], "2026-03-15",
        "the map's as_of is used"
    );
}

#[test]
fn check_flags_override_the_scenario() {
    let out = stateline(&[
        "check",
        example("bedrock-sre-agent.ron").to_str().unwrap(),
        "--format=json",
        "--interpretation",
        "api-access",
        "--as-of",
        "2026-05-01",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["scenario"]["interpretation"], "api_access");
    assert_eq!(json["scenario"]["as_of"], "2026-05-01");
}

#[test]
fn a_broken_map_exits_2_with_positions_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "bad.ron",
        "(format: 1, title: \"x\", components: [(id: \"a\", label: \"A\", kind: Agnet)], extra: 1)",
    );
    let out = stateline(&["check", &path]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = text(&out.stderr);
    assert!(stderr.lines().count() >= 2, "both problems: {stderr}");
    for line in stderr.lines() {
        assert!(
            line.starts_with(&format!("{path}:1:")),
            "PATH:LINE:COL form: {line}"
        );
    }
}

#[test]
fn a_missing_file_exits_2() {
    let out = stateline(&["check", "/nonexistent/map.ron"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("/nonexistent/map.ron"));
}

#[test]
fn unknown_options_exit_2() {
    assert_eq!(stateline(&["check", "--bogus"]).status.code(), Some(2));
    assert_eq!(
        stateline(&["check", "x.ron", "--as-of", "2026-13-01"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        stateline(&["check", "x.ron", "--down", "atlantis"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn fmt_check_reports_and_fmt_rewrites() {
    let dir = tempfile::tempdir().unwrap();
    let messy = "#![enable(implicit_some)]\n(format: 1, title: \"x\",\n components: [(id: \"a\", label: \"A\", kind: Agent, pos: (x: 1, y: 2))], connections: [])\n";
    let path = write(dir.path(), "m.ron", messy);
    let out = stateline(&["fmt", &path, "--check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stdout).contains("+    components: ["),
        "shows the difference: {}",
        text(&out.stdout)
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        messy,
        "--check changes nothing"
    );

    let out = stateline(&["fmt", &path]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let formatted = std::fs::read_to_string(&path).unwrap();
    assert!(
        formatted.contains("(id: \"a\", label: \"A\", kind: Agent, pos: (x: 1.0, y: 2.0)),"),
        "{formatted}"
    );
    assert_eq!(stateline(&["fmt", &path, "--check"]).status.code(), Some(0));
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no temp files left behind");
}

#[test]
fn fmt_never_touches_a_broken_file() {
    let dir = tempfile::tempdir().unwrap();
    let broken = "(format: 1, title: \"x\", components: [";
    let path = write(dir.path(), "m.ron", broken);
    assert_eq!(stateline(&["fmt", &path]).status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), broken);
}

#[test]
fn saved_maps_are_canonical() {
    for entry in std::fs::read_dir(example("")).unwrap() {
        let path = entry.unwrap().path();
        let out = stateline(&["fmt", "--check", path.to_str().unwrap()]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}: {}",
            path.display(),
            text(&out.stdout)
        );
    }
}
