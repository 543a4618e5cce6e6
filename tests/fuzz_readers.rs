//! The fuzz target of the readers (issue 21), run in CI for a bounded time: hostile edits
//! (control, bidirectional and invisible characters, raw or escaped, line breaks, quotes,
//! brackets, huge numbers, deep nesting) made to a real map, the built-in rule pack and
//! the built-in offerings catalog. Whatever the input: no panic; a refusal names its
//! problems one line each, with a position, and echoes nothing that could drive a
//! terminal; an accepted map or catalog round-trips through its canonical text (a pack,
//! which Stateline never writes, reads again to the same pack).
//!
//! Bounded: a fixed number of cases per reader (`CASES`), so the whole file runs in a few
//! seconds. `PROPTEST_CASES=5000 cargo test fuzz_readers` runs a longer campaign.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a panic in a test is a failed run with its message"
)]

use proptest::prelude::*;
use stateline::domain::Catalog;
use stateline::domain::offerings::Offerings;
use stateline::domain::ron_fields::Diagnostic;
use stateline::domain::rules::RulePack;

const MAP: &str = include_str!("../saved-maps/bedrock-sre-agent.ron");
const CASES: u32 = 48;

/// What the fuzzer inserts: the hostile characters of the issue, raw and escaped, and the
/// RON that breaks structure.
fn hostile_piece() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "\u{1b}]0;pwned\u{7}",
        "\u{1b}[1A\u{1b}[2K",
        "\u{0}",
        "\u{85}",
        "\u{202E}",
        "\u{2066}",
        "\u{200B}",
        "\u{200E}",
        "\u{061C}",
        "\u{FEFF}",
        "\u{E0041}",
        "\\u{202E}",
        "\\x1b[2K",
        "\\u{200D}",
        "\\n/etc/passwd:1:1: forged",
        "\n",
        "\r",
        "\t",
        "\"",
        "\\",
        "r#\"",
        "/*",
        "//",
        "(",
        ")",
        "[",
        "]",
        ",",
        ":",
        "1e308",
        "-0.0",
        "((((((((((((((((((((((((((((((((((((((((((((((((((",
        "rule_pack: \"x.ron\"",
        "é",
        "中",
    ])
    .prop_map(str::to_owned)
}

/// Edits at positions of the text: insert a piece, delete a little, or replace a little.
fn edits() -> impl Strategy<Value = Vec<(prop::sample::Index, u8, String)>> {
    proptest::collection::vec(
        (any::<prop::sample::Index>(), 0u8..3, hostile_piece()),
        1..5,
    )
}

fn apply(base: &str, edits: &[(prop::sample::Index, u8, String)]) -> String {
    let mut text = base.to_owned();
    for (at, op, piece) in edits {
        let mut i = at.index(text.len().max(1)).min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        let mut end = (i + 6).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        match op {
            0 => text.insert_str(i, piece),
            1 => text.replace_range(i..end, ""),
            _ => text.replace_range(i..end, piece),
        }
    }
    text
}

/// A refusal as a user sees it: one line per problem, at least one with a position, and
/// nothing a terminal would act on.
fn assert_reported(rendered: &str, diagnostics: &[Diagnostic], label: &str) {
    assert!(!diagnostics.is_empty(), "a refusal says why");
    assert_eq!(
        rendered.lines().count(),
        diagnostics.len(),
        "one line per problem: {rendered}"
    );
    for line in rendered.lines() {
        assert!(line.starts_with(label), "{line}");
        assert!(!line.chars().any(char::is_control), "{line:?}");
        assert!(
            !line
                .chars()
                .any(|c| stateline::domain::validate::text::refused(c).is_some()),
            "{line:?}"
        );
    }
    assert!(
        diagnostics.iter().any(|d| d.line.is_some()),
        "a position: {rendered}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(CASES),
        ..ProptestConfig::default()
    })]

    #[test]
    fn the_map_reader(edits in edits()) {
        let text = apply(MAP, &edits);
        match stateline::io::load_str(&text, "fuzz.ron", Catalog::builtin()) {
            Ok(map) => {
                let canonical = stateline::io::to_canonical_string(&map);
                let again = stateline::io::load_str(&canonical, "c.ron", Catalog::builtin())
                    .expect("the canonical text of an accepted map is accepted");
                prop_assert_eq!(again, map);
            }
            Err(err) => assert_reported(&err.render(), &err.diagnostics, "fuzz.ron"),
        }
    }

    #[test]
    fn the_rule_pack_reader(edits in edits()) {
        let text = apply(stateline::domain::rules::BUILTIN_RON, &edits);
        match RulePack::from_str(&text, "fuzz.ron") {
            Ok(pack) => {
                // Stateline writes no pack (the file is its author's): reading the accepted
                // text again gives the same pack, the same canonical content (fingerprint).
                let again = RulePack::from_str(&text, "c.ron")
                    .expect("an accepted pack is accepted again");
                prop_assert_eq!(
                    stateline::domain::canonical::pack_text(&again),
                    stateline::domain::canonical::pack_text(&pack)
                );
                prop_assert_eq!(again, pack);
            }
            Err(err) => assert_reported(&err.render(), &err.diagnostics, "fuzz.ron"),
        }
    }

    #[test]
    fn the_offerings_reader(edits in edits()) {
        let text = apply(stateline::domain::offerings::BUILTIN_RON, &edits);
        match Offerings::from_str(&text, "fuzz.ron") {
            Ok(catalog) => {
                let canonical = catalog.canonical_text();
                let again = Offerings::from_str(&canonical, "c.ron")
                    .expect("the canonical text of an accepted catalog is accepted");
                prop_assert_eq!(again.canonical_text(), canonical);
            }
            Err(err) => assert_reported(&err.render(), &err.diagnostics, "fuzz.ron"),
        }
    }
}
