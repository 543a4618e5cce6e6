//! The negotiation pack: valid, escaped, deterministic exports with real text.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use stateline::domain::Id;
use stateline::domain::model::{Component, Connection, Host, Kind, Map, Note, Pos, Provider, Zone};
use stateline::io::export::{self, ExportOptions, Format};

const HOSTILE: &str = r#"<script>alert(1)</script> & "quotes" 'single' ]]> <!-- x -->"#;

fn id(s: &str) -> Id {
    Id::new(s).unwrap()
}

/// A map whose every user string is markup.
fn hostile_map() -> Map {
    let mut map = Map::new(format!("Title {HOSTILE}"));
    map.description = format!("Description {HOSTILE}");
    map.zones.push(Zone {
        id: id("z"),
        label: format!("</text><script>zone</script>{HOSTILE}"),
        host: Host::new(Provider::Aws, Some("eu-west-1")),
        rect: None,
    });
    let mut a = Component::new(id("a"), HOSTILE, Kind::Agent);
    a.zone = Some(id("z"));
    let mut b = Component::new(
        id("b"),
        "<b>bold</b>",
        Kind::Tool {
            service: HOSTILE.to_owned(),
        },
    );
    b.host = Some(Host::new(Provider::Azure, Some("eastus")));
    b.pos = Some(Pos::new(900.0, 80.0));
    map.components.extend([a, b]);
    let mut conn = Connection::new(id("a"), id("b"));
    HOSTILE.clone_into(&mut conn.label);
    map.connections.push(conn);
    map.notes.push(Note {
        text: HOSTILE.to_owned(),
        pos: None,
        size: None,
        colour: stateline::domain::model::NoteColour::Pink,
    });
    map
}

fn texts(doc: &roxmltree::Document<'_>) -> String {
    doc.descendants()
        .filter(roxmltree::Node::is_text)
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn svg_is_valid_xml_and_user_markup_stays_text() {
    let map = hostile_map();
    let analysis = common::sample(&map);
    let svg = export::svg(&map, &analysis, &ExportOptions::default());
    let doc = roxmltree::Document::parse(&svg).expect("valid XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    for node in doc.descendants().filter(roxmltree::Node::is_element) {
        let name = node.tag_name().name();
        assert!(
            !matches!(name, "script" | "foreignObject" | "b" | "a"),
            "element <{name}> must not come from user text"
        );
    }
    let all = texts(&doc);
    assert!(all.contains("<script>alert(1)</script>"), "labels are text");
    assert!(all.contains("<b>bold</b>"));
    // The title and the zone's label come through whole, as text (escaped in the file).
    assert!(all.contains(&format!("Title {HOSTILE}")), "{all}");
    assert!(all.contains("</text><script>zone</script>"), "{all}");
    assert!(!svg.contains("<script>"), "no raw markup in the file");
    // Text is real text: the title, component labels and legend are <text> elements.
    let n_text = doc.descendants().filter(|n| n.has_tag_name("text")).count();
    assert!(n_text > 20, "{n_text} text elements");
    assert!(svg.contains("font-family=\"'DejaVu Sans'"));
}

#[test]
fn html_report_is_well_formed_self_contained_and_escaped() {
    let map = hostile_map();
    let analysis = common::sample(&map);
    let html = export::html(&map, &analysis, &ExportOptions::default());
    let doc = roxmltree::Document::parse_with_options(
        &html,
        roxmltree::ParsingOptions {
            allow_dtd: true,
            ..roxmltree::ParsingOptions::default()
        },
    )
    .expect("the HTML is also well-formed XML");
    for node in doc.descendants().filter(roxmltree::Node::is_element) {
        let name = node.tag_name().name();
        assert!(
            !matches!(
                name,
                "script" | "iframe" | "object" | "embed" | "link" | "img" | "b"
            ),
            "<{name}> in the report"
        );
        for attr in node.attributes() {
            assert!(
                !attr.name().starts_with("on"),
                "event handler {}",
                attr.name()
            );
            assert!(!attr.value().contains("javascript:"));
        }
    }
    assert_eq!(
        doc.descendants().filter(|n| n.has_tag_name("svg")).count(),
        1,
        "the diagram is embedded"
    );
    let all = texts(&doc);
    assert!(all.contains(r#"<script>alert(1)</script> & "quotes""#));
    assert!(
        all.contains("A <b>source</b> with ]]>"),
        "source sentence quoted as text"
    );
}

#[test]
fn markdown_and_csv_escape_table_breakers() {
    let map = hostile_map();
    let analysis = common::sample(&map);
    let md = export::markdown(&map, &analysis);
    assert!(!md.contains("<script>"), "{md}");
    assert!(md.contains("\\<script\\>alert(1)\\</script\\>"));
    for line in md.lines().filter(|l| l.starts_with('|')) {
        let unescaped = line.replace("\\|", "");
        let cells = unescaped.matches('|').count();
        assert!(cells >= 3, "{line}");
    }
    let csv = export::findings_csv(&map, &analysis);
    let mut lines = csv.split("\r\n");
    assert_eq!(
        lines.next(),
        Some("severity,rule,category,subjects,subject_labels,message,source,position_status")
    );
    assert!(csv.contains(r#""<script>alert(1)</script> & ""quotes"" | pipes""#));
}

#[test]
fn every_export_is_deterministic() {
    let map = common::load("hybrid-bedrock-azure.ron");
    let analysis = common::sample(&map);
    let opts = ExportOptions {
        png_scale: 0.5,
        ..ExportOptions::default()
    };
    for format in Format::ALL {
        let a = export::render(format, &map, &analysis, &opts).unwrap();
        let b = export::render(format, &map, &analysis, &opts).unwrap();
        assert!(a == b, "{format:?} differs between two runs");
    }
}

fn png_size(png: &[u8]) -> (u32, u32) {
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    (be(&png[16..20]), be(&png[20..24]))
}

#[test]
fn png_and_pdf_have_signatures_and_sizes() {
    let map = common::load("hybrid-bedrock-azure.ron");
    let analysis = common::sample(&map);
    let svg = export::svg(&map, &analysis, &ExportOptions::default());
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let width: f64 = doc
        .root_element()
        .attribute("width")
        .unwrap()
        .parse()
        .unwrap();
    let height: f64 = doc
        .root_element()
        .attribute("height")
        .unwrap()
        .parse()
        .unwrap();

    for scale in [1.0_f32, 2.0] {
        let opts = ExportOptions {
            png_scale: scale,
            ..ExportOptions::default()
        };
        let png = export::png(&map, &analysis, &opts).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        let (w, h) = png_size(&png);
        assert_eq!(w, (width * f64::from(scale)).ceil() as u32);
        assert_eq!(h, (height * f64::from(scale)).ceil() as u32);
        assert!(png.len() > 20_000, "{} bytes", png.len());
    }
    let bad = ExportOptions {
        png_scale: 0.0,
        ..ExportOptions::default()
    };
    assert!(export::png(&map, &analysis, &bad).is_err());

    let pdf = export::pdf(&map, &analysis, &ExportOptions::default()).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    assert!(pdf.trim_ascii_end().ends_with(b"%%EOF"));
    assert!(
        pdf.len() > 10_000 && pdf.len() < 2_000_000,
        "{} bytes",
        pdf.len()
    );
    let has = |needle: &[u8]| pdf.windows(needle.len()).any(|w| w == needle);
    assert!(has(b"/FontFile2"), "the font is embedded: text stays text");
    assert!(has(b"DejaVuSans"), "only the shipped font is used");
}

#[test]
fn export_options_switch_overlays_off() {
    let map = common::load("hybrid-bedrock-azure.ron");
    let analysis = common::sample(&map);
    let on = export::svg(&map, &analysis, &ExportOptions::default());
    let off = export::svg(
        &map,
        &analysis,
        &ExportOptions {
            obligation_colours: false,
            latency_labels: false,
            lockin_badges: false,
            ..ExportOptions::default()
        },
    );
    assert!(on.contains("class=\"latency\"") && !off.contains("class=\"latency\""));
    assert!(on.contains("LOCK-IN") && !off.contains(">LOCK-IN<"));
    assert!(on.contains("31.4 ms"));
    let short = analysis.fingerprint.as_deref().unwrap().get(..16).unwrap();
    assert!(on.contains(short), "the diagram shows the fingerprint");
}

#[test]
fn markdown_report_of_every_saved_map() {
    for name in common::saved_maps() {
        let map = common::load(&name);
        let analysis = common::real(&map);
        let md = export::markdown(&map, &analysis);
        insta::assert_snapshot!(format!("report-{}", name.trim_end_matches(".ron")), md);
    }
}

#[test]
fn markdown_report_with_every_section_filled() {
    let map = common::load("hybrid-bedrock-azure.ron");
    let md = export::markdown(&map, &common::sample(&map));
    for needle in [
        "## Summary",
        "### 1. Where does the data live?",
        "### 5. Which vendor owns the support chain when something breaks?",
        "OAI-STATELESS-AZURE",
        "> Microsoft–OpenAI joint statement, 2026-02-27",
        "## Flows: latency, hops, egress",
        "## Components: where each piece runs",
        "## Contested items: both readings",
        "latency +66.5 ms · hops +1 · egress +$181.75/month",
        "Azure network round-trip latency statistics",
        "CC BY 4.0",
        "estimates for comparing designs",
    ] {
        assert!(md.contains(needle), "missing {needle:?}");
    }
    insta::assert_snapshot!("report-sample-hybrid", md);
}

#[test]
fn pdf_can_carry_the_report_pages_after_the_diagram() {
    let map = common::load("hybrid-bedrock-azure.ron");
    let analysis = common::sample(&map);
    let opts = ExportOptions {
        pdf_report: true,
        ..ExportOptions::default()
    };
    let pdf = export::pdf(&map, &analysis, &opts).unwrap();
    assert_eq!(
        pdf,
        export::pdf(&map, &analysis, &opts).unwrap(),
        "deterministic"
    );
    assert!(pdf.starts_with(b"%PDF-"));
    let count = |needle: &[u8]| pdf.windows(needle.len()).filter(|w| *w == needle).count();
    let pages = count(b"/Type /Page") - count(b"/Type /Pages");
    assert!(pages >= 4, "diagram + report pages, got {pages}");
    assert!(
        count(b"/MediaBox [0 0 595.276 841.89]") >= 3,
        "A4 report pages"
    );
}

/// Every saved map exports in every format, each file of its kind (signature checked). With
/// `STATELINE_EXPORT_DIR=/tmp/x cargo test every_saved_map_exports` the files are kept there
/// for a look (PNG at full scale, the PDF with its report pages too).
#[test]
fn every_saved_map_exports_in_every_format() {
    let keep = std::env::var_os("STATELINE_EXPORT_DIR").map(std::path::PathBuf::from);
    let scratch = tempfile::tempdir().unwrap();
    let dir = keep.clone().unwrap_or_else(|| scratch.path().to_path_buf());
    let opts = ExportOptions {
        // Small PNGs unless someone is going to look at them.
        png_scale: if keep.is_some() { 2.0 } else { 0.25 },
        ..ExportOptions::default()
    };
    for name in common::saved_maps() {
        let map = common::load(&name);
        let analysis = common::sample(&map);
        let stem = name.trim_end_matches(".ron");
        for format in Format::ALL {
            let path = dir.join(format!("{stem}-{format:?}.{}", format.extension()));
            export::write(&path, format, &map, &analysis, &opts).unwrap();
            let bytes = std::fs::read(&path).unwrap();
            let head = String::from_utf8_lossy(&bytes[..bytes.len().min(64)]).into_owned();
            let ok = match format {
                Format::Svg => head.starts_with("<svg") || head.starts_with("<?xml"),
                Format::Png => bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
                Format::Pdf | Format::SummaryPdf => bytes.starts_with(b"%PDF-"),
                Format::Html | Format::SummaryHtml => {
                    head.to_lowercase().starts_with("<!doctype html")
                }
                Format::Markdown | Format::SummaryMarkdown => head.starts_with("# "),
                Format::Csv => head.starts_with("severity,rule,category,"),
                Format::Drawio => head.starts_with("<mxfile "),
                Format::Mermaid => {
                    head.starts_with("---\ntitle: ")
                        && String::from_utf8_lossy(&bytes).contains("architecture-beta")
                }
            };
            assert!(ok, "{name} as {format:?} starts {head:?}");
        }
        if keep.is_some() {
            let full = ExportOptions {
                pdf_report: true,
                ..ExportOptions::default()
            };
            let path = dir.join(format!("{stem}-full.pdf"));
            export::write(&path, Format::Pdf, &map, &analysis, &full).unwrap();
        }
    }
}

/// The `/MediaBox` of every page of a PDF, in page order.
fn media_boxes(pdf: &[u8]) -> Vec<(f64, f64)> {
    let text = String::from_utf8_lossy(pdf);
    text.match_indices("/MediaBox [")
        .map(|(at, m)| {
            let rest = &text[at + m.len()..];
            let inner = &rest[..rest.find(']').unwrap()];
            let v: Vec<f64> = inner
                .split_whitespace()
                .map(|x| x.parse().unwrap())
                .collect();
            (v[2] - v[0], v[3] - v[1])
        })
        .collect()
}

#[test]
fn every_pdf_page_has_one_paper_size_and_the_diagram_is_landscape() {
    for name in common::saved_maps() {
        let map = common::load(&name);
        let analysis = common::real(&map);
        for (paper, (w, h)) in [
            (export::Paper::A4, (595.276, 841.89)),
            (export::Paper::Letter, (612.0, 792.0)),
        ] {
            let opts = ExportOptions {
                pdf_report: true,
                paper,
                ..ExportOptions::default()
            };
            let pdf = export::pdf(&map, &analysis, &opts).unwrap();
            let boxes = media_boxes(&pdf);
            assert!(boxes.len() >= 2, "{name}: diagram and report pages");
            let (dw, dh) = boxes[0];
            assert!(
                (dw - h).abs() < 0.01 && (dh - w).abs() < 0.01,
                "{name}: landscape {boxes:?}"
            );
            for &(pw, ph) in &boxes[1..] {
                assert!(
                    (pw - w).abs() < 0.01 && (ph - h).abs() < 0.01,
                    "{name}: {boxes:?}"
                );
            }
        }
    }
}
