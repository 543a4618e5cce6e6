//! Sources a lawyer accepts: every citation a user sees names a public page (title,
//! publisher, date, URL) and quotes it; no internal source number reaches any output; a
//! rule never cites a page about another vendor or channel.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use stateline::domain::model::{Channel, Vendor};
use stateline::domain::rules::{PageKind, RulePack};
use stateline::io::export::{self, ExportOptions};

/// "(sources 001)", "source 002", "(004)": the internal numbers of the project's notes.
fn has_internal_number(text: &str) -> bool {
    let lower = text.to_lowercase();
    lower.contains("(sources ")
        || lower.contains("source 0")
        || ["(000)", "(001)", "(002)", "(003)", "(004)"]
            .iter()
            .any(|n| lower.contains(n))
}

#[test]
fn every_rule_of_the_built_in_pack_names_its_pages() {
    let pack = RulePack::builtin();
    for rule in &pack.rules {
        assert!(!rule.citation.is_legacy(), "{}", rule.id);
        let mut seen_commentary = false;
        for page in &rule.citation.pages {
            assert!(
                page.url.starts_with("https://"),
                "{}: {}",
                rule.id,
                page.url
            );
            assert!(!page.title.is_empty() && !page.publisher.is_empty() && !page.quote.is_empty());
            assert!(
                page.date.is_some() || page.retrieved.is_some(),
                "{}: a page says when it was published or read",
                rule.id
            );
            // Primary statements first, commentary after (LAT-CROSS-CLOUD excepted: its
            // primary page only shows that egress is charged; the claim is commentary's).
            if page.kind == PageKind::Commentary {
                seen_commentary = true;
            } else if &*rule.id != "LAT-CROSS-CLOUD" {
                assert!(!seen_commentary, "{}: primary after commentary", rule.id);
            }
        }
        let line = rule.source_text();
        assert!(!has_internal_number(&line), "{}: {line}", rule.id);
    }
    // Stateline's own checks cite nothing outside, and say so.
    for own in [
        "UNPLACED",
        "GRAPH-CYCLE",
        "LAT-UNKNOWN-RTT",
        "LAT-HUMAN-WAIT",
        "POL-PROVIDER",
    ] {
        let rule = pack.rule(own).unwrap();
        assert!(rule.citation.pages.is_empty(), "{own}");
        assert!(rule.source_text().contains("Stateline's own check"));
    }
}

#[test]
fn channel_host_cites_the_page_for_its_own_vendor_and_channel() {
    let pack = RulePack::builtin();
    let rule = pack.rule("CHANNEL-HOST").unwrap();
    let bedrock = rule.source_for(Some(&Vendor::OpenAi), Some(Channel::Bedrock));
    assert!(
        bedrock.contains("Bedrock") && bedrock.contains("https://"),
        "{bedrock}"
    );
    // No sentence about Claude justifies an OpenAI model, and none about OpenAI a Claude one.
    assert!(!bedrock.contains("Claude"));
    let claude = rule.source_for(Some(&Vendor::Anthropic), Some(Channel::Bedrock));
    assert!(!claude.contains("OpenAI"), "{claude}");
    assert!(
        claude.contains("not verified"),
        "unknown stays unknown: {claude}"
    );
    for page in &rule.citation.pages {
        assert!(
            !page.channels.is_empty(),
            "every CHANNEL-HOST page names the channel it speaks of"
        );
    }
}

#[test]
fn no_output_of_any_saved_map_shows_an_internal_number_and_reports_end_with_sources() {
    for name in common::saved_maps() {
        let map = common::load(&name);
        let analysis = common::real(&map);
        let json = serde_json::to_string(&analysis).unwrap();
        let md = export::markdown(&map, &analysis);
        let csv = export::findings_csv(&map, &analysis);
        let svg = export::svg(&map, &analysis, &ExportOptions::default());
        for (what, text) in [("json", &json), ("md", &md), ("csv", &csv), ("svg", &svg)] {
            assert!(!has_internal_number(text), "{name} {what}");
        }
        for f in &analysis.findings {
            assert!(
                f.source.contains("https://")
                    || f.source.contains("Stateline's own check")
                    || f.source.contains("not verified"),
                "{name}: {} cites {}",
                f.rule,
                f.source
            );
        }
        // The report ends with its Sources: each page once.
        let at = md
            .rfind("## Sources")
            .unwrap_or_else(|| panic!("{name}: no Sources"));
        assert!(
            !md[at..].contains("\n## "),
            "{name}: Sources is the last section"
        );
        let mut urls: Vec<&str> = analysis.sources.iter().map(|s| s.url.as_str()).collect();
        let n = urls.len();
        urls.sort_unstable();
        urls.dedup();
        assert_eq!(urls.len(), n, "{name}: each source once");
        for s in &analysis.sources {
            assert!(md[at..].contains(&s.url), "{name}: {} listed", s.url);
        }
    }
}

#[test]
fn an_old_style_citation_is_refused_with_what_to_write_instead() {
    let old = stateline::domain::rules::BUILTIN_RON.replacen(
        "citation: (\n                pages: [",
        "citation: (\n                quote: \"x\", statement: \"y\", sources: [\"001\"],\n                pages: [",
        1,
    );
    let err = RulePack::from_str(&old, "old.ron").unwrap_err().render();
    assert!(err.contains("old.ron:"), "{err}");
    assert!(err.contains("name the public pages"), "{err}");
}
