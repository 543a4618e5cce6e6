//! One resolution of the scenario: a map's own rule pack drives `check`, every export and
//! `diff` alike; a map may not make Stateline read a file outside its folder; the
//! fingerprint binds the pack's content. The CLI as a user runs it (a separate process).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a panic in a test is a failed run with its message"
)]

use crate::common::process;
use process::{stateline, text};

use std::path::{Path, PathBuf};

fn example(name: &str) -> String {
    std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("saved-maps")
            .join(name),
    )
    .unwrap()
}

/// The hybrid example (it has a `LOCK-NO-GATEWAY` info) naming `pack` as its rule pack.
fn map_naming(dir: &Path, pack: &str) -> String {
    let map = example("hybrid-bedrock-azure.ron").replacen(
        "scenario: (",
        &format!("scenario: (\n        rule_pack: \"{pack}\","),
        1,
    );
    assert!(map.contains("rule_pack"), "the example has a scenario");
    let path = dir.join("map.ron");
    std::fs::write(&path, map).unwrap();
    path.display().to_string()
}

/// The built-in pack with `LOCK-NO-GATEWAY` raised to an error.
fn strict_pack(dir: &Path) {
    let builtin = text(&stateline(&["rules", "show", "--ron"]).stdout);
    let at = builtin.find("id: \"LOCK-NO-GATEWAY\"").unwrap();
    let (head, tail) = builtin.split_at(at);
    let tail = tail.replacen("severity: Info", "severity: Error", 1);
    std::fs::write(dir.join("strict.ron"), format!("{head}{tail}")).unwrap();
}

#[test]
fn the_maps_own_pack_drives_check_every_export_and_diff() {
    let dir = tempfile::tempdir().unwrap();
    strict_pack(dir.path());
    let map = map_naming(dir.path(), "strict.ron");

    let json = stateline(&["check", &map, "--format", "json"]);
    assert_eq!(json.status.code(), Some(1), "{}", text(&json.stderr));
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let gateway = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "LOCK-NO-GATEWAY")
        .unwrap();
    assert_eq!(gateway["severity"], "error");

    for ext in ["csv", "md", "html"] {
        let out = dir.path().join(format!("out.{ext}"));
        let run = stateline(&["export", &map, "-o", out.to_str().unwrap()]);
        assert!(run.status.success(), "{}", text(&run.stderr));
        let body = std::fs::read_to_string(&out).unwrap();
        let line = body
            .lines()
            .find(|l| l.contains("LOCK-NO-GATEWAY") && l.to_lowercase().contains("error"));
        assert!(
            line.is_some(),
            "{ext}: LOCK-NO-GATEWAY is an error here too"
        );
    }

    // diff: the same map under the built-in pack (old) and under its own pack (new).
    let plain = dir.path().join("plain.ron");
    std::fs::write(&plain, example("hybrid-bedrock-azure.ron")).unwrap();
    let d = stateline(&["diff", plain.to_str().unwrap(), &map, "--format", "json"]);
    assert!(d.status.success(), "{}", text(&d.stderr));
    let dj = text(&d.stdout);
    assert!(dj.contains("LOCK-NO-GATEWAY"), "{dj}");
}

#[test]
fn a_map_cannot_make_stateline_read_outside_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    for bad in ["/etc/passwd", "../outside.ron", "sub/../../outside.ron"] {
        let map = map_naming(dir.path(), bad);
        for args in [
            vec!["check", map.as_str()],
            vec!["export", map.as_str(), "-o", "/dev/null.svg"],
        ] {
            let out = stateline(&args);
            assert_eq!(out.status.code(), Some(2), "{bad}: {args:?}");
            let err = text(&out.stderr);
            assert!(err.contains("scenario.rule_pack"), "{err}");
            assert!(
                err.contains("absolute paths are refused")
                    || err.contains("leaves the map's folder"),
                "{err}"
            );
            assert!(
                !err.contains("root"),
                "nothing of the file is echoed: {err}"
            );
            // The position of the field in the map.
            assert!(err.contains("map.ron:"), "{err}");
        }
    }
    // `--rules` is the user's own choice: free.
    strict_pack(dir.path());
    let elsewhere = tempfile::tempdir().unwrap();
    let pack = elsewhere.path().join("p.ron");
    std::fs::copy(dir.path().join("strict.ron"), &pack).unwrap();
    let map = map_naming(dir.path(), "/etc/passwd");
    let out = stateline(&["check", &map, "--rules", pack.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
}

#[cfg(unix)]
#[test]
fn a_link_out_of_the_folder_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    strict_pack(outside.path());
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("strict.ron"),
        dir.path().join("link.ron"),
    )
    .unwrap();
    let map = map_naming(dir.path(), "link.ron");
    let out = stateline(&["check", &map]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("outside the map's folder"));
}

#[test]
fn the_fingerprint_binds_the_packs_content_not_its_name() {
    let dir = tempfile::tempdir().unwrap();
    strict_pack(dir.path());
    let strict = std::fs::read_to_string(dir.path().join("strict.ron")).unwrap();
    let builtin = text(&stateline(&["rules", "show", "--ron"]).stdout);
    let map = map_naming(dir.path(), "p.ron");
    // The same map naming `p.ron`, whose content changes between runs.
    let fingerprint = |content: &str| {
        std::fs::write(dir.path().join("p.ron"), content).unwrap();
        let out = stateline(&["check", &map, "--format", "json"]);
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["fingerprint"].as_str().unwrap().to_owned()
    };
    let same = fingerprint(&builtin);
    assert_eq!(same.len(), 64);
    let spaced = format!("// a comment\n\n{}", builtin.replace("    ", "  "));
    assert_eq!(
        same,
        fingerprint(&spaced),
        "comments and spacing do not count"
    );
    assert_ne!(
        same,
        fingerprint(&strict),
        "same id and version, one severity changed: another fingerprint"
    );
}
