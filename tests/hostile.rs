//! Hostile input (issue 21): maps, rule packs and catalogs arrive from the other side of a
//! negotiation. Each test carries the reproduction: the tool never freezes on them,
//! never writes through a planted name, never echoes a control character, never lets a
//! doctored pack pass for the built-in one. Mostly as a user runs it (a separate process).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a panic in a test is a failed run with its message"
)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::process::{stateline, text};
use stateline::domain::Catalog;

pub(crate) fn example(name: &str) -> String {
    std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("saved-maps")
            .join(name),
    )
    .unwrap()
}

/// The hybrid example naming `field: "name"` in its scenario, written as `map.ron` in `dir`.
fn map_naming(dir: &Path, field: &str, name: &str) -> PathBuf {
    let map = example("hybrid-bedrock-azure.ron").replacen(
        "scenario: (",
        &format!("scenario: (\n        {field}: \"{name}\","),
        1,
    );
    let path = dir.join("map.ron");
    std::fs::write(&path, map).unwrap();
    path
}

pub(crate) fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Every line of a CLI's stderr is one `PATH:LINE:COL: message` or `PATH: message`, and
/// nothing in it could drive a terminal.
fn assert_clean_lines(stderr: &str, path: &str) {
    assert!(
        !stderr.chars().any(|c| c.is_control() && c != '\n'),
        "no control character reaches the terminal: {stderr:?}"
    );
    for line in stderr.lines() {
        assert!(
            line.starts_with(path),
            "a forged line: {line:?} in {stderr}"
        );
    }
}

// ----- 1. Near-linear: the shapes that froze the tool -----

#[test]
fn dangling_references_are_all_reported_with_bounded_suggestions() {
    // Many connections to ids that do not exist (the issue: 3,000 in a 714 KB map took
    // 157 s, the "did you mean" search comparing each with every id).
    let mut text = example("bedrock-sre-agent.ron");
    let at = text.find("connections: [").unwrap() + "connections: [".len();
    let mut extra = String::new();
    for i in 0..3_000 {
        write!(extra, "\n        (from: \"sre\", to: \"sr{i}\"),").unwrap();
    }
    text.insert_str(at, &extra);
    let started = Instant::now();
    let err = stateline::io::load_str(&text, "m.ron", Catalog::builtin()).unwrap_err();
    let dangling: Vec<_> = err
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("no component \"sr"))
        .collect();
    assert_eq!(dangling.len(), 3_000, "every dangling end is reported");
    assert!(
        dangling.iter().all(|d| d.line.is_some()),
        "with its position"
    );
    let suggested = dangling
        .iter()
        .filter(|d| d.message.contains("did you mean"))
        .count();
    assert!(
        (1..=stateline::domain::validate::MAX_SUGGESTIONS).contains(&suggested),
        "the first few get a suggestion, not all: {suggested}"
    );
    // Not a benchmark (benches/outputs.rs measures): a guard against minutes.
    assert!(started.elapsed() < Duration::from_mins(1));
}

#[test]
fn repeated_positions_are_found_in_one_pass_naming_the_first() {
    let mut map = stateline::domain::Map::new("m");
    for i in 0..20_000 {
        map.negotiation.push(stateline::domain::model::Position {
            rule: "R".to_owned(),
            subject: format!("s{}", i % 10_000),
            status: stateline::domain::model::PositionStatus::Open,
            party: String::new(),
            note: String::new(),
            updated: None,
        });
    }
    let problems = stateline::domain::validate::map(&map, Catalog::builtin());
    let repeats: Vec<_> = problems
        .iter()
        .filter(|p| p.message.contains("repeats position"))
        .collect();
    assert_eq!(repeats.len(), 10_000);
    assert!(
        repeats[0]
            .message
            .contains("#10001 (R on \"s0\") repeats position #1")
    );
}

// ----- 2. Writes never follow a planted name: tests/hostile_writes.rs -----

// ----- 3. One rule for text -----

#[test]
fn control_sequences_in_a_map_are_refused_at_their_position_and_never_echoed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.ron");
    // A title that retitles the terminal, a label that erases the line above.
    let hostile = example("bedrock-sre-agent.ron")
        .replacen("title: \"", "title: \"\u{1b}]0;pwned\u{7}", 1)
        .replacen(
            "label: \"PagerDuty alert webhook\"",
            "label: \"Pager\u{1b}[1A\u{1b}[2KDuty\"",
            1,
        );
    std::fs::write(&path, &hostile).unwrap();
    let out = stateline(&["check", s(&path)]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert_clean_lines(&err, s(&path));
    assert!(err.contains("U+001B (ESC)"), "{err}");
    let title_line = hostile.lines().position(|l| l.contains("pwned")).unwrap() + 1;
    assert!(
        err.contains(&format!("{}:{title_line}:", s(&path))),
        "at the title's line: {err}"
    );
}

#[test]
fn a_line_break_in_a_value_cannot_forge_an_error_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.ron");
    // A region name echoed by its error message, holding a line break and a fake error.
    let hostile = example("bedrock-sre-agent.ron").replacen(
        "region: \"",
        "region: \"x\\n/etc/passwd:1:1: forged\\u{1b}[2K",
        1,
    );
    std::fs::write(&path, &hostile).unwrap();
    let out = stateline(&["check", s(&path)]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert_clean_lines(&err, s(&path));
    assert!(
        err.contains("\\n/etc/passwd:1:1: forged\\u{1B}"),
        "escaped: {err}"
    );
}

#[test]
fn invisible_and_bidi_marks_are_refused_in_maps_too() {
    for (c, name) in [
        ('\u{200B}', "U+200B"),
        ('\u{200E}', "U+200E"),
        ('\u{200F}', "U+200F"),
        ('\u{061C}', "U+061C"),
        ('\u{FEFF}', "U+FEFF"),
        ('\u{0}', "U+0000"),
    ] {
        let text = example("bedrock-sre-agent.ron").replacen(
            "label: \"PagerDuty alert webhook\"",
            &format!("label: \"Pager{c}Duty\""),
            1,
        );
        let err = stateline::io::load_str(&text, "m.ron", Catalog::builtin())
            .unwrap_err()
            .render();
        assert!(err.contains(name), "{name}: {err}");
        assert!(err.starts_with("m.ron:"), "with a position: {err}");
        // The window's edits follow the same rule.
        let mut map = stateline::domain::Map::new("m");
        let edit = stateline::domain::Edit::SetTitle(format!("a{c}b"));
        assert!(edit.apply(&mut map).is_err(), "{name}");
    }
}

/// The built-in pack's RON with `from` replaced by `to` once.
fn builtin_pack_with(from: &str, to: &str) -> String {
    let pack = stateline::domain::rules::BUILTIN_RON;
    assert!(pack.contains(from));
    pack.replacen(from, to, 1)
}

#[test]
fn a_doctored_pack_or_catalog_fails_validation_with_positions() {
    let dir = tempfile::tempdir().unwrap();
    let raw = dir.path().join("raw.ron");
    std::fs::write(
        &raw,
        builtin_pack_with("title: \"", "title: \"\u{202E}evorppa\u{202C} "),
    )
    .unwrap();
    let escaped = dir.path().join("escaped.ron");
    std::fs::write(
        &escaped,
        builtin_pack_with("title: \"", "title: \"\\u{200B}"),
    )
    .unwrap();
    for pack in [&raw, &escaped] {
        let out = stateline(&["rules", "validate", s(pack)]);
        assert_eq!(out.status.code(), Some(2), "{}", text(&out.stdout));
        let err = text(&out.stderr);
        assert_clean_lines(&err, s(pack));
        let line = err.lines().next().unwrap();
        let mut parts = line.strip_prefix(s(pack)).unwrap().split(':');
        assert_eq!(parts.next(), Some(""));
        assert!(parts.next().unwrap().parse::<usize>().is_ok(), "{line}");
        assert!(parts.next().unwrap().parse::<usize>().is_ok(), "{line}");
    }
    let catalog = dir.path().join("catalog.ron");
    let builtin = stateline::domain::offerings::BUILTIN_RON;
    std::fs::write(
        &catalog,
        builtin.replacen("name: \"", "name: \"\u{2066}Azure\u{2069} ", 1),
    )
    .unwrap();
    let out = stateline(&["offerings", "validate", s(&catalog)]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.contains("U+2066") && err.contains("bidirectional"),
        "{err}"
    );
    assert_clean_lines(&err, s(&catalog));
}

// ----- 4. Exhibits say where their rules came from -----

#[test]
fn every_exhibit_says_the_pack_came_from_the_maps_folder() {
    let dir = tempfile::tempdir().unwrap();
    // A copy of the built-in pack, same id and version: it looks like the built-in one.
    std::fs::write(
        dir.path().join("pack.ron"),
        stateline::domain::rules::BUILTIN_RON,
    )
    .unwrap();
    let map = map_naming(dir.path(), "rule_pack", "pack.ron");
    let said = "rule pack from pack.ron in the map's folder, not the built-in stateline-2026";

    let check = text(&stateline(&["check", s(&map)]).stdout);
    assert!(check.contains(said), "check: {check}");
    let json = stateline(&["check", s(&map), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["rule_pack"]["provenance"], said);
    assert_eq!(
        v["rule_pack"]["id"], "stateline-2026",
        "the id is kept as is"
    );
    for ext in ["csv", "md", "html", "svg"] {
        let out = dir.path().join(format!("x.{ext}"));
        let run = stateline(&["export", s(&map), "-o", s(&out)]);
        assert!(run.status.success(), "{ext}: {}", text(&run.stderr));
        let written = std::fs::read_to_string(&out).unwrap();
        let written = written.replace("&#39;", "'");
        assert!(
            written.contains(said),
            "{ext} says where the rules came from"
        );
    }
    let summary = dir.path().join("s.md");
    assert!(
        stateline(&["export", s(&map), "--summary", "-o", s(&summary)])
            .status
            .success()
    );
    assert!(std::fs::read_to_string(&summary).unwrap().contains(said));

    // The built-in pack: nothing is said, and the JSON has no such key.
    let plain = dir.path().join("plain.ron");
    std::fs::write(&plain, example("hybrid-bedrock-azure.ron")).unwrap();
    let json = stateline(&["check", s(&plain), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert!(v["rule_pack"].get("provenance").is_none());
    assert!(!text(&stateline(&["check", s(&plain)]).stdout).contains("not the built-in"));
    // --rules says so too, naming the flag.
    let out = stateline(&[
        "check",
        s(&plain),
        "--rules",
        s(&dir.path().join("pack.ron")),
    ]);
    assert!(text(&out.stdout).contains("(--rules), not the built-in stateline-2026"));
}

// ----- 5. Files named by a map -----

/// Runs stateline and fails the test if it has not ended within `limit` (it is then killed).
fn run_within(args: &[&str], limit: Duration) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_stateline"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > limit {
            child.kill().ok();
            panic!("stateline {args:?} blocked for {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

#[cfg(unix)]
#[test]
fn a_fifo_a_device_or_a_sparse_giant_named_as_pack_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pack.ron");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let map = map_naming(dir.path(), "rule_pack", "pack.ron");
    let out = run_within(&["check", s(&map)], Duration::from_secs(20));
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.contains("named pipe") && err.contains("regular file"),
        "{err}"
    );

    let plain = dir.path().join("plain.ron");
    std::fs::write(&plain, example("hybrid-bedrock-azure.ron")).unwrap();
    let out = run_within(
        &["check", s(&plain), "--rules", "/dev/zero"],
        Duration::from_secs(20),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("a device"),
        "{}",
        text(&out.stderr)
    );
    let out = run_within(&["rules", "validate", "/dev/zero"], Duration::from_secs(20));
    assert_eq!(out.status.code(), Some(2));

    let giant = dir.path().join("giant.ron");
    std::fs::File::create(&giant)
        .unwrap()
        .set_len(1024 * 1024 * 1024)
        .unwrap();
    let map = map_naming(dir.path(), "offerings", "giant.ron");
    let out = run_within(&["check", s(&map)], Duration::from_secs(20));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("limited to 32 MiB"),
        "{}",
        text(&out.stderr)
    );
}

// ----- 6. The CSV -----

#[test]
fn the_csv_carries_the_full_fingerprint_and_no_formula_after_any_delimiter() {
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("m.ron");
    // A label that is a formula cell under a `;`-delimited reader (Excel de/fr).
    std::fs::write(
        &map,
        example("bedrock-sre-agent.ron").replacen(
            "label: \"Audit trail (CloudTrail Lake)\"",
            "label: \"a;=cmd|' /C calc'!A0\"",
            1,
        ),
    )
    .unwrap();
    let out = dir.path().join("f.csv");
    assert!(
        stateline(&["export", s(&map), "-o", s(&out)])
            .status
            .success()
    );
    let csv = std::fs::read_to_string(&out).unwrap();
    let json = stateline(&["check", s(&map), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let fingerprint = v["fingerprint"].as_str().unwrap();
    let last = csv.lines().last().unwrap();
    assert!(
        last.starts_with(&format!("fingerprint,{fingerprint},")),
        "{last}"
    );
    // After every `,`, `;` or tab a formula character is guarded, inside quotes or not.
    for delimiter in [',', ';', '\t'] {
        for c in ['=', '+', '@'] {
            let bad = format!("{delimiter}{c}");
            assert!(!csv.contains(&bad), "{bad:?} in the CSV");
        }
    }
    assert!(csv.contains("a;'=cmd|"), "{csv}");
    // The diagram shows 16 hex digits (64 bits) of it.
    let svg = dir.path().join("d.svg");
    assert!(
        stateline(&["export", s(&map), "-o", s(&svg)])
            .status
            .success()
    );
    assert!(
        std::fs::read_to_string(&svg)
            .unwrap()
            .contains(&fingerprint[..16])
    );
}

// ----- 7. Closed pipes, positions of fields -----

/// Runs stateline with its stdout read once (a few bytes) then closed, as `| head -c 1` does.
fn with_closed_pipe(args: &[&str]) -> (Option<i32>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_stateline"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    (out.status.code(), text(&out.stderr))
}

#[test]
fn closed_pipes_end_every_command_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("m.ron");
    // Not canonical, with a long diff to print.
    std::fs::write(
        &map,
        example("bedrock-sre-agent.ron").replace("    ", "      "),
    )
    .unwrap();
    let catalog =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/offerings/stateline-offerings.ron");
    for (args, code) in [
        (vec!["fmt", "--check", s(&map)], 1),
        (vec!["offerings", "validate", catalog.to_str().unwrap()], 0),
        (vec!["offerings", "show"], 0),
        (vec!["rules", "show"], 0),
        // The map has an error finding: exit 1, as documented, pipe or not.
        (vec!["check", s(&map), "--format", "json"], 1),
    ] {
        let (status, stderr) = with_closed_pipe(&args);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_eq!(status, Some(code), "{args:?}: {stderr}");
    }
}

#[test]
fn the_rule_pack_error_points_at_the_field_not_at_the_description() {
    let dir = tempfile::tempdir().unwrap();
    let text_of_map = example("hybrid-bedrock-azure.ron")
        .replacen("title: \"", "title: \"mentions rule_pack: here, ", 1)
        .replacen(
            "scenario: (",
            "scenario: (\n        rule_pack: \"missing.ron\",",
            1,
        );
    let path = dir.path().join("map.ron");
    std::fs::write(&path, &text_of_map).unwrap();
    let out = stateline(&["check", s(&path)]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    let line = text_of_map
        .lines()
        .position(|l| l.contains("rule_pack: \"missing.ron\""))
        .unwrap()
        + 1;
    assert!(
        err.starts_with(&format!("{}:{line}:", s(&path))),
        "at line {line}: {err}"
    );
}

#[cfg(feature = "gui")]
#[test]
fn the_window_says_where_the_rules_came_from_beside_the_fingerprint() {
    use egui_kittest::kittest::Queryable as _;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("pack.ron"),
        stateline::domain::rules::BUILTIN_RON,
    )
    .unwrap();
    let path = map_naming(dir.path(), "rule_pack", "pack.ron");
    let doc = stateline::ui::document::Document::open(&path).unwrap();
    let mut h = crate::common::ui_harness::harness(stateline::ui::App::new(
        doc,
        stateline::ui::state::Prefs::default(),
    ));
    crate::common::ui_harness::settle(&mut h);
    assert!(
        h.query_by_label_contains(
            "rule pack from pack.ron in the map's folder, not the built-in stateline-2026"
        )
        .is_some(),
        "the status bar says so"
    );
    let shown = h.state().doc.analysis().fingerprint.clone().unwrap();
    assert!(
        h.query_by_label_contains(&shown[..16]).is_some(),
        "beside the fingerprint's 16 digits"
    );
}
