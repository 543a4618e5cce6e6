//! The one-page summary: exactly one page (A4 and Letter) on every saved map and on a big
//! generated map, naming every disputed item; `--summary` on the command line.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a panic in a test is a failed run with its message"
)]

use crate::common;
use crate::common::process;

use std::fmt::Write as _;
use std::path::PathBuf;

use process::{stateline, text};
use stateline::domain::Catalog;
use stateline::domain::model::Map;
use stateline::domain::scenario::{Overrides, Resolved};
use stateline::io::export::{self, Paper};
use stateline::io::{load_path, load_str};

fn analyse(map: &Map) -> stateline::domain::analysis::Analysis {
    Resolved::new(map, &Overrides::default(), None, common::date("2026-03-15"))
        .analyze(map, Catalog::builtin())
}

/// The pages of a PDF: its `/Type /Page` objects (not `/Pages`), and the page tree's count.
fn page_count(pdf: &[u8]) -> usize {
    let s = String::from_utf8_lossy(pdf);
    let objects = s
        .match_indices("/Type /Page")
        .filter(|(at, _)| !s[at + "/Type /Page".len()..].starts_with('s'))
        .count();
    let counted = s
        .split("/Count ")
        .nth(1)
        .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|n| n.parse::<usize>().ok())
        .unwrap();
    assert_eq!(objects, counted, "page objects and the page tree agree");
    objects
}

/// Every text the summary page draws, in order.
fn page_texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or_default().to_owned())
        .collect()
}

/// The lowest baseline drawn on the page.
fn lowest_text(svg: &str) -> f64 {
    let doc = roxmltree::Document::parse(svg).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.attribute("y").unwrap().parse::<f64>().unwrap())
        .fold(0.0, f64::max)
}

#[test]
fn the_summary_is_one_page_on_every_saved_map_and_names_every_disputed_item() {
    let mut with_positions = 0;
    for path in common::saved_maps()
        .iter()
        .map(|n| common::repo().join("saved-maps").join(n))
    {
        let map = load_path(&path, Catalog::builtin()).unwrap();
        let a = analyse(&map);
        for paper in [Paper::A4, Paper::Letter] {
            let pdf = export::summary_pdf(&map, &a, paper).unwrap();
            assert_eq!(page_count(&pdf), 1, "{} on {paper:?}", path.display());
            let svg = export::summary_svg(&map, &a, paper);
            let (w, h) = paper.portrait();
            assert!(
                svg.contains(&format!(r#"width="{w:.1}" height="{h:.1}""#)),
                "{svg:.200}"
            );
            assert!(lowest_text(&svg) < h - 30.0);
            let texts = page_texts(&svg).join("\n");
            assert!(
                texts.contains(a.fingerprint.as_deref().unwrap()),
                "the full fingerprint"
            );
            // The title, on up to two lines.
            assert!(
                map.title.split_whitespace().all(|w| texts.contains(w)),
                "{}",
                map.title
            );
            for p in map
                .negotiation
                .iter()
                .filter(|p| p.status.key() == "disputed")
            {
                assert!(
                    texts.contains(&p.rule) && texts.contains(&p.party),
                    "{}: disputed {} by {} missing",
                    path.display(),
                    p.rule,
                    p.party
                );
            }
        }
        with_positions += usize::from(!map.negotiation.is_empty());
        let md = export::summary_markdown(&map, &a, Paper::A4);
        for p in map
            .negotiation
            .iter()
            .filter(|p| p.status.key() == "disputed")
        {
            assert!(md.contains(&p.party), "{md}");
        }
    }
    assert!(with_positions >= 1, "a saved map carries positions");
}

/// A map with `n` contested runtimes and model calls, a flow each, and a disputed position
/// on each runtime.
fn big_map(n: usize) -> Map {
    let mut components = String::new();
    let mut connections = String::new();
    let mut flows = String::new();
    let mut positions = String::new();
    for i in 0..n {
        write!(
            components,
            r#"(id: "web{i}", label: "Portal {i}", kind: Client, host: (provider: Device, region: "us-east-1")),
        (id: "sre{i}", label: "Runtime number {i} with a rather long label to be cut", kind: StatefulRuntime(vendor: OpenAi, product: "SRE", channel: Bedrock, holds: [Conversation]), zone: "aws"),
        (id: "gpt{i}", label: "GPT {i}", kind: ModelCall(vendor: OpenAi, model: "gpt-5.2", access: StatelessApi, channel: Bedrock), zone: "aws"),
        "#
        )
        .unwrap();
        write!(
            connections,
            r#"(from: "web{i}", to: "sre{i}"), (from: "sre{i}", to: "gpt{i}"), "#
        )
        .unwrap();
        write!(
            flows,
            r#"(name: "Flow {i}", entry: "web{i}", budget_ms: 100.0), "#
        )
        .unwrap();
        write!(
            positions,
            r#"(rule: "OAI-SRE-CONTESTED", subject: "sre{i}", status: Disputed, party: "Party {i}", note: "{}"), "#,
            "a long note ".repeat(20)
        )
        .unwrap();
    }
    let text = format!(
        r#"(format: 1, title: "{}", zones: [(id: "aws", label: "AWS", host: (provider: Aws, region: "us-east-1"))],
    components: [{components}], connections: [{connections}], flows: [{flows}], negotiation: [{positions}])"#,
        "A very long title ".repeat(12)
    );
    load_str(&text, "big.ron", Catalog::builtin()).unwrap()
}

#[test]
fn a_big_map_is_summarised_on_one_page_never_overflowing() {
    let map = big_map(300);
    let a = analyse(&map);
    for paper in [Paper::A4, Paper::Letter] {
        let pdf = export::summary_pdf(&map, &a, paper).unwrap();
        assert_eq!(page_count(&pdf), 1);
        let svg = export::summary_svg(&map, &a, paper);
        let (_, h) = paper.portrait();
        assert!(lowest_text(&svg) < h - 30.0, "nothing below the footer");
        let texts = page_texts(&svg).join("\n");
        assert!(
            texts.contains("more (the full report lists them)"),
            "{texts}"
        );
        // Disputed items come first and grow before the other tables: more than the three
        // rows every table keeps.
        for k in 0..5 {
            assert!(
                texts.contains(&format!("Party {k}\n")),
                "Party {k} in\n{texts}"
            );
        }
    }
    let md = export::summary_markdown(&map, &a, Paper::A4);
    assert!(
        md.contains("more (the full report lists them)"),
        "the Markdown is cut like the page"
    );
    assert!(
        md.lines().count() < 150,
        "one page of Markdown, not 300 rows"
    );
}

#[test]
fn summary_exports_are_deterministic_and_escape_user_text() {
    let map = big_map(2);
    let mut map = map;
    map.title = "<script>alert(1)</script> & co".to_owned();
    map.negotiation[0].party = "<b>Counsel</b>".to_owned();
    let a = analyse(&map);
    let svg = export::summary_svg(&map, &a, Paper::A4);
    roxmltree::Document::parse(&svg).unwrap();
    assert!(!svg.contains("<script>") && !svg.contains("<b>"));
    let html = export::summary_html(&map, &a, Paper::A4);
    assert!(!html.contains("<script>alert") && html.contains("&lt;b&gt;Counsel"));
    assert_eq!(
        export::summary_pdf(&map, &a, Paper::A4).unwrap(),
        export::summary_pdf(&map, &a, Paper::A4).unwrap()
    );
}

#[test]
fn the_command_line_writes_the_summary() {
    let dir = tempfile::tempdir().unwrap();
    let map = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("saved-maps/bedrock-sre-agent.ron");
    let map = map.to_str().unwrap();
    for (name, paper) in [("s.pdf", "a4"), ("l.pdf", "letter")] {
        let out = dir.path().join(name);
        let o = stateline(&[
            "export",
            map,
            "-o",
            out.to_str().unwrap(),
            "--summary",
            "--paper",
            paper,
        ]);
        assert!(o.status.success(), "{}", text(&o.stderr));
        let pdf = std::fs::read(&out).unwrap();
        assert_eq!(page_count(&pdf), 1);
        let size = if paper == "a4" {
            "595.276 841.89"
        } else {
            "612 792"
        };
        assert!(String::from_utf8_lossy(&pdf).contains(&format!("/MediaBox [0 0 {size}]")));
    }
    let md = dir.path().join("s.md");
    let o = stateline(&["export", map, "-o", md.to_str().unwrap(), "--summary"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let md = std::fs::read_to_string(md).unwrap();
    assert!(md.contains("## Open and disputed items") && md.contains("Counsel for Contoso"));
    let html = dir.path().join("s.html");
    let o = stateline(&["export", map, "-o", html.to_str().unwrap(), "--summary"]);
    assert!(o.status.success());
    assert!(
        std::fs::read_to_string(html)
            .unwrap()
            .contains("<h2>Obligations</h2>")
    );
    // Other formats have no summary.
    let svg = dir.path().join("s.svg");
    let o = stateline(&["export", map, "-o", svg.to_str().unwrap(), "--summary"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("--summary writes a one-page summary as .pdf, .md or .html"));
}

#[test]
fn check_json_and_diff_text_show_positions() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("saved-maps/bedrock-sre-agent.ron");
    let p = path.to_str().unwrap();
    let o = stateline(&["check", p, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let f = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "OAI-SRE-CONTESTED")
        .unwrap();
    assert_eq!(f["position"]["status"], "disputed");
    let o = stateline(&["check", p]);
    assert!(
        text(&o.stdout).contains("position: disputed by Counsel for Contoso (2026-03-13)"),
        "{}",
        text(&o.stdout)
    );
    // After the contested reading ends, the position is reported, not dropped.
    let o = stateline(&["check", p, "--format", "json", "--as-of", "2026-06-01"]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(
        json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule"] == "NEG-ORPHAN")
    );

    let dir = tempfile::tempdir().unwrap();
    let new = dir.path().join("new.ron");
    let text_of = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &new,
        text_of.replacen("status: Disputed", "status: Agreed", 1),
    )
    .unwrap();
    let o = stateline(&["diff", p, new.to_str().unwrap()]);
    let out = text(&o.stdout);
    assert!(
        out.contains("Negotiation positions")
            && out.contains("OAI-SRE-CONTESTED on sre: disputed → agreed"),
        "{out}"
    );
}
