//! Every output format over a map of 100,000 components and 100,000 negotiation positions,
//! against the JSON of the same analysis (issue 21: each within 3× of JSON), and the readers
//! on hostile maps (3,000 dangling references, 200,000 positions). Figures in README.md.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a panic in a bench helper is a failed run with its message"
)]

use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use stateline::domain::Catalog;
use stateline::domain::analysis::Analysis;
use stateline::domain::date::Date;
use stateline::domain::model::{Map, Position, PositionStatus};
use stateline::domain::scenario::{Overrides, Resolved};
use stateline::io::export::{self, ExportOptions, Format, Paper};

mod common;
use common::drawn_map;

const COMPONENTS: usize = 100_000;
const POSITIONS: usize = 100_000;

/// The map: 100,000 components, 150,000 connections, and 100,000 positions, most on the
/// findings the analysis makes (so every position is matched), the rest orphaned.
fn big() -> (Map, Analysis) {
    let catalog = Catalog::builtin();
    let mut map = drawn_map(COMPONENTS, COMPONENTS * 3 / 2);
    let scenario = |map: &Map| {
        Resolved::new(
            map,
            &Overrides::default(),
            None,
            Date::parse("2026-03-15").unwrap(),
        )
    };
    let first = scenario(&map).analyze(&map, catalog);
    let mut seen = std::collections::HashSet::new();
    let statuses = [
        PositionStatus::Open,
        PositionStatus::Disputed,
        PositionStatus::Agreed,
    ];
    let pairs = first
        .findings
        .iter()
        .flat_map(|f| {
            f.subjects
                .iter()
                .map(move |s| (f.rule.to_string(), s.to_string()))
        })
        .chain((0..).map(|i| ("GONE-RULE".to_owned(), format!("c{i}"))));
    for (rule, subject) in pairs {
        if map.negotiation.len() >= POSITIONS {
            break;
        }
        if seen.insert((rule.clone(), subject.clone())) {
            let status = statuses[map.negotiation.len() % 3];
            map.negotiation.push(Position {
                rule,
                subject,
                status,
                party: "Counsel for Contoso".to_owned(),
                note: "Not accepted; see clause 4.2".to_owned(),
                updated: Some(Date::parse("2026-03-01").unwrap()),
            });
        }
    }
    let t = Instant::now();
    let analysis = scenario(&map).analyze(&map, catalog);
    eprintln!(
        "{} components, {} connections, {} positions, {} findings; analysis {:.2} s",
        map.components.len(),
        map.connections.len(),
        map.negotiation.len(),
        analysis.findings.len(),
        t.elapsed().as_secs_f64()
    );
    (map, analysis)
}

fn outputs(c: &mut Criterion) {
    let (map, analysis) = big();
    let opts = ExportOptions::default();
    // The PNG at the scale that keeps it under the pixel limit.
    let svg = export::svg(&map, &analysis, &opts);
    let (w, h) = svg_size(&svg);
    let png = ExportOptions {
        png_scale: ((16.0e6 / (w * h)).sqrt() as f32).clamp(0.1, 2.0),
        ..opts
    };
    // `STATELINE_BENCH_MAP=big.ron`: the map as a file, to time whole commands
    // (`farm-bench`, README), as the issue measured them.
    if let Some(path) = std::env::var_os("STATELINE_BENCH_MAP") {
        std::fs::write(path, stateline::io::to_canonical_string(&map)).unwrap();
    }
    let text = stateline::io::to_canonical_string(&map);
    let json = serde_json::to_string_pretty(&analysis).unwrap().len();
    eprintln!("sizes: map {:.1} MB of RON", text.len() as f64 / 1e6);
    eprintln!("sizes: json {:.1} MB", json as f64 / 1e6);
    for format in Format::ALL {
        let opts = if format == Format::Png { png } else { opts };
        match export::render(format, &map, &analysis, &opts) {
            Ok(bytes) => eprintln!(
                "sizes: {} {:.1} MB",
                format.label(),
                bytes.len() as f64 / 1e6
            ),
            Err(e) => eprintln!("sizes: {} refused: {e}", format.label()),
        }
    }
    let mut group = c.benchmark_group("outputs_100k");
    group.sample_size(10);
    // What every command does first: read the map (in memory: at 38 MB this map is above
    // the 32 MiB a file may hold) and analyse it.
    group.bench_function("load (parse + validate)", |b| {
        b.iter(|| stateline::io::load_str(&text, "big.ron", Catalog::builtin()).unwrap());
    });
    let resolved = Resolved::new(
        &map,
        &Overrides::default(),
        None,
        Date::parse("2026-03-15").unwrap(),
    );
    group.bench_function("analysis (with the fingerprint)", |b| {
        b.iter(|| resolved.analyze(&map, Catalog::builtin()).findings.len());
    });
    group.bench_function("json (check --format json)", |b| {
        b.iter(|| serde_json::to_string_pretty(&analysis).unwrap());
    });
    group.bench_function("text (check)", |b| {
        b.iter(|| stateline::cli::check_text(&map, &analysis, false));
    });
    for format in Format::ALL {
        let opts = if format == Format::Png { png } else { opts };
        group.bench_function(format.label(), |b| {
            b.iter(|| export::render(format, &map, &analysis, &opts).map(|v| v.len()));
        });
    }
    // The geometry the diagram is drawn from (shared with the canvas): part of the SVG's time.
    group.bench_function("geometry of the diagram (layout + scene)", |b| {
        b.iter(|| {
            let placed = stateline::domain::layout::layout(&map);
            stateline::domain::scene::Scene::new(&map, &placed, &analysis)
                .boxes
                .len()
        });
    });
    group.bench_function("summary (A4 SVG page)", |b| {
        b.iter(|| export::summary_svg(&map, &analysis, Paper::A4));
    });
    group.finish();
}

/// The width and height an SVG declares.
fn svg_size(svg: &str) -> (f64, f64) {
    let attr = |name: &str| {
        let at = svg.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        let end = svg[at..].find('"').unwrap() + at;
        svg[at..end].parse::<f64>().unwrap()
    };
    (attr("width"), attr("height"))
}

fn readers(c: &mut Criterion) {
    let catalog = Catalog::builtin();
    // 3,000 connections to ids that do not exist, in a 10,000-component map: refused with
    // every problem and its position (the "did you mean" search is bounded).
    let mut dangling = drawn_map(10_000, 20_000);
    for (i, conn) in dangling.connections.iter_mut().take(3_000).enumerate() {
        conn.to = stateline::domain::Id::new(&format!("gone-{i}")).unwrap();
    }
    let dangling = stateline::io::to_canonical_string(&dangling);
    // 200,000 positions (each on its own pair), valid.
    let mut positions = drawn_map(10_000, 20_000);
    for i in 0..200_000 {
        positions.negotiation.push(Position {
            rule: format!("R-{}", i % 97),
            subject: format!("c{i}"),
            status: PositionStatus::Open,
            party: String::new(),
            note: String::new(),
            updated: None,
        });
    }
    let positions = stateline::io::to_canonical_string(&positions);
    let mut group = c.benchmark_group("readers");
    group.sample_size(10);
    group.bench_function("3,000 dangling references (refused, every position)", |b| {
        b.iter(|| {
            let err = stateline::io::load_str(&dangling, "m.ron", catalog).unwrap_err();
            assert!(err.diagnostics.len() >= 3_000);
        });
    });
    group.bench_function("200,000 positions (read and validated)", |b| {
        b.iter(|| stateline::io::load_str(&positions, "m.ron", catalog).unwrap());
    });
    group.finish();
}

criterion_group!(benches, outputs, readers);
criterion_main!(benches);
