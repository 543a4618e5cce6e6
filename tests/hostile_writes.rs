//! Hostile input (issue 21), item 2: writes never follow a planted name. A temporary file
//! is created exclusively under a name no one can predict, a linked map is written through
//! to its target, and what a killed save left is cleaned by the next one. The CLI as a user
//! runs it (a separate process).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a panic in a test is a failed run with its message"
)]

use std::process::Command;
use std::time::Duration;

use crate::common::process::{stateline, text};
use crate::hostile::{example, s};
use stateline::domain::Catalog;

#[cfg(unix)]
#[test]
fn a_planted_link_at_the_temp_name_redirects_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let work = dir.path().join("work");
    std::fs::create_dir(&work).unwrap();
    std::fs::write(dir.path().join("victim.txt"), "victim").unwrap();
    let original = example("bedrock-sre-agent.ron").replacen("title: ", "title:  ", 1);
    std::fs::write(work.join("map.ron"), &original).unwrap();
    // The reproduction: the shell's pid is the one `exec` gives stateline.
    let out = Command::new("sh")
        .current_dir(&work)
        .arg("-c")
        .arg(format!(
            "ln -s ../victim.txt .map.ron.$$.tmp; exec '{}' fmt map.ron",
            env!("CARGO_BIN_EXE_stateline")
        ))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("victim.txt")).unwrap(),
        "victim",
        "the file the link leads to is untouched"
    );
    let meta = std::fs::symlink_metadata(work.join("map.ron")).unwrap();
    assert!(meta.file_type().is_file(), "the map is still a file");
    assert_ne!(
        std::fs::read_to_string(work.join("map.ron")).unwrap(),
        original
    );
    // The planted link (older than the save) was cleaned away with the leftovers.
    let left: Vec<_> = std::fs::read_dir(&work)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, ["map.ron"], "{left:?}");
}

#[cfg(unix)]
#[test]
fn saving_a_linked_map_writes_its_target_and_a_dangling_link_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real");
    std::fs::create_dir(&real).unwrap();
    let original = example("bedrock-sre-agent.ron").replacen("title: ", "title:  ", 1);
    std::fs::write(real.join("map.ron"), &original).unwrap();
    let link = dir.path().join("link.ron");
    std::os::unix::fs::symlink(real.join("map.ron"), &link).unwrap();
    let out = stateline(&["fmt", s(&link)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link stays a link"
    );
    let formatted = std::fs::read_to_string(real.join("map.ron")).unwrap();
    assert_ne!(formatted, original, "its target was rewritten");
    // A link that leads nowhere: refused, saying so, nothing created.
    let map = stateline::io::load_str(&formatted, "m", Catalog::builtin()).unwrap();
    let dangling = dir.path().join("dangling.ron");
    std::os::unix::fs::symlink(dir.path().join("nowhere/map.ron"), &dangling).unwrap();
    let err = stateline::io::save_path(&dangling, &map).unwrap_err();
    assert!(err.to_string().contains("is a link to"), "{err}");
    assert!(!dir.path().join("nowhere").exists());
}

#[test]
fn a_killed_saves_leftover_is_cleaned_by_the_next_save() {
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("map.ron");
    std::fs::write(
        &map,
        example("bedrock-sre-agent.ron").replacen("title: ", "title:  ", 1),
    )
    .unwrap();
    // What a save killed between write and rename leaves (the old name shape, too).
    std::fs::write(dir.path().join(".map.ron.4242.tmp"), "half a map").unwrap();
    std::fs::write(
        dir.path().join(".map.ron.4243.0123456789abcdef.tmp"),
        "half a map",
    )
    .unwrap();
    std::fs::write(dir.path().join(".notes.txt.1.tmp"), "someone else's").unwrap();
    std::thread::sleep(Duration::from_millis(20));
    let out = stateline(&["fmt", s(&map)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let mut left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, [".notes.txt.1.tmp", "map.ron"]);
}
