//! Evidence: every claim of a catalog row (a region, a status other than GA, a start date)
//! is stated by a quote the row carries, and every quote says something and names what it
//! is about. Each rule refuses a bad row (with the row id, the claim and its position, exit
//! 2 from `stateline offerings validate`) and accepts the same row once a quote states it.
//! The rule pack's quotes are held to the same standard (`stateline rules validate`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a panic in a test is a failed run with its message"
)]

use crate::common::process::{stateline, text};
use stateline::domain::offerings::Offerings;

/// A catalog of one GPT-5.5-on-Bedrock row with these regions, status, date line and quote.
fn catalog(regions: &str, status: &str, date: &str, quote: &str) -> String {
    format!(
        r#"(
    id: "test",
    verified_through: "2026-12-07",
    offerings: [
        (
            id: "row",
            name: "GPT-5.5 on Amazon Bedrock",
            vendor: OpenAi,
            models: ["gpt-5.5"],
            channel: Bedrock,
            kind: Model,
            regions: [{regions}],
            scope: Regional,
            status: {status},
            {date}
            sources: [
                (title: "OpenAI on Amazon Bedrock", publisher: "OpenAI", retrieved: "2026-12-01", url: "https://example.com/bedrock", quote: "{quote}", kind: Primary),
            ],
        ),
    ],
)"#
    )
}

const GOOD_QUOTE: &str = "For the initial `openai.gpt-5.5` deployment, use `us-east-2`. GPT-5.5 is generally available since June 1, 2026.";
const DATE: &str = r#"valid_from: "2026-06-01","#;

/// The problems `Offerings::from_str` reports, one line each (empty = accepted).
fn problems(text: &str) -> String {
    match Offerings::from_str(text, "cat.ron") {
        Ok(_) => String::new(),
        Err(e) => e.render(),
    }
}

#[test]
fn a_row_whose_claims_are_all_quoted_is_accepted() {
    assert_eq!(
        problems(&catalog(r#""us-east-2""#, "GA", DATE, GOOD_QUOTE)),
        ""
    );
    // A region named by the display name the region catalog gives it counts too.
    let by_name = "GPT-5.5 is sold in US East (Ohio) from June 1, 2026.";
    assert_eq!(
        problems(&catalog(r#""us-east-2""#, "GA", DATE, by_name)),
        ""
    );
}

#[test]
fn a_region_no_quote_names_is_refused_with_its_position() {
    let text = catalog(r#""us-east-1", "us-east-2""#, "GA", DATE, GOOD_QUOTE);
    let out = problems(&text);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.contains(r#"offering "row""#), "{out}");
    assert!(out.contains(r#"region "us-east-1""#), "{out}");
    assert!(out.contains("US East (N. Virginia)"), "{out}");
    // The position is the region's own, in the `regions` list.
    let (line, col) = text
        .lines()
        .enumerate()
        .find_map(|(k, l)| l.find(r#""us-east-1""#).map(|c| (k + 1, c + 1)))
        .unwrap();
    assert!(out.starts_with(&format!("cat.ron:{line}:{col}:")), "{out}");
}

#[test]
fn a_region_named_only_by_a_quote_about_something_else_is_refused() {
    // The quote names us-east-1, but not the model: it cannot say GPT-5.5 is sold there.
    let text = catalog(r#""us-east-1""#, "GA", DATE, GOOD_QUOTE).replace(
        "            ],\n        ),",
        "                (title: \"Regions\", publisher: \"AWS\", retrieved: \"2026-12-01\", url: \"https://example.com/regions\", quote: \"Amazon Bedrock is available in us-east-1 and eu-west-1.\", kind: Primary),\n            ],\n        ),",
    );
    let out = problems(&text);
    assert!(out.contains(r#"region "us-east-1""#), "{out}");
}

#[test]
fn a_preview_status_no_quote_states_is_refused() {
    let out = problems(&catalog(r#""us-east-2""#, "Preview", DATE, GOOD_QUOTE));
    assert!(
        out.contains("status Preview is stated by no quote"),
        "{out}"
    );
    let stated = "GPT-5.5 is in preview in us-east-2 since June 1, 2026.";
    assert_eq!(
        problems(&catalog(r#""us-east-2""#, "Preview", DATE, stated)),
        ""
    );
    // A limited preview needs those words; "preview" alone is not "private".
    let out = problems(&catalog(r#""us-east-2""#, "PrivatePreview", DATE, stated));
    assert!(out.contains("status PrivatePreview"), "{out}");
}

#[test]
fn a_start_date_no_quote_states_is_refused_unless_it_is_only_first_seen() {
    let undated = "For the initial `openai.gpt-5.5` deployment, use `us-east-2`.";
    let out = problems(&catalog(r#""us-east-2""#, "GA", DATE, undated));
    assert!(
        out.contains("valid_from 2026-06-01 is stated by no quote"),
        "{out}"
    );
    let first_seen = r#"valid_from: "2026-06-01", date_is: FirstSeen,"#;
    assert_eq!(
        problems(&catalog(r#""us-east-2""#, "GA", first_seen, undated)),
        ""
    );
}

#[test]
fn a_header_a_link_or_a_quote_about_nothing_is_not_evidence() {
    for (quote, why) in [
        ("| Region | In-Region | Geo | Global |", "table header"),
        (
            "[GPT-5.5](model-card-openai-gpt-55.md \\\"x\\\")| Region | In-Region | Geo | Global |",
            "table header",
        ),
        (
            "https://docs.aws.amazon.com/bedrock/",
            "only markup and links",
        ),
        (
            "Use us-east-2 for the initial deployment from June 1, 2026.",
            "names neither the model nor the product",
        ),
    ] {
        let out = problems(&catalog("", "GA", "", quote));
        assert!(out.contains(why), "{quote}: {out}");
    }
}

#[test]
fn the_old_single_source_is_still_read() {
    let text = catalog(r#""us-east-2""#, "GA", DATE, GOOD_QUOTE)
        .replace("sources: [\n                (", "source: (")
        .replace("kind: Primary),\n            ],", "kind: Primary),");
    assert!(text.contains("source: (title"), "{text}");
    let c = Offerings::from_str(&text, "old.ron").unwrap_or_else(|e| panic!("{}", e.render()));
    assert_eq!(c.offerings[0].sources.len(), 1);
}

#[test]
fn offerings_validate_refuses_with_exit_2_and_the_builtin_catalog_is_clean() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.ron");
    std::fs::write(
        &bad,
        catalog(r#""us-east-1", "us-east-2""#, "Preview", DATE, GOOD_QUOTE),
    )
    .unwrap();
    let out = stateline(&["offerings", "validate", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains(r#"region "us-east-1""#), "{err}");
    assert!(err.contains("status Preview"), "{err}");
    // The shipped catalog passes with zero problems, and says what it does not know.
    let builtin = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/offerings/stateline-offerings.ron"
    );
    let out = stateline(&["offerings", "validate", builtin]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("with unknown regions"));
}

#[test]
fn rules_validate_holds_the_packs_quotes_to_the_same_standard() {
    let pack = stateline::domain::rules::BUILTIN_RON;
    let quote = "quote: \"Azure remains the exclusive cloud provider of stateless OpenAI APIs. Microsoft is the exclusive cloud provider for stateless APIs that provide access to OpenAI’s models and IP. These APIs can be purchased from Microsoft or directly from OpenAI.\"";
    assert!(pack.contains(quote));
    let header = pack.replacen(quote, "quote: \"| Provider | Stateless | Stateful |\"", 1);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pack.ron");
    std::fs::write(&path, header).unwrap();
    let out = stateline(&["rules", "validate", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("OAI-STATELESS-AZURE"), "{err}");
    assert!(err.contains("table header"), "{err}");
    // The built-in pack passes.
    let ok = stateline(&[
        "rules",
        "validate",
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/assets/rules/stateline-2026.ron"
        ),
    ]);
    assert_eq!(ok.status.code(), Some(0), "{}", text(&ok.stderr));
}
