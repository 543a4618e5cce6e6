//! Export speed: a positioned 1,000-component map to SVG, side by side with Graphviz
//! (`neato -n2 -Tsvg`) on the same positioned graph (product.md: faster than neato).
//!
//! `cargo bench --no-default-features --bench export`. The DOT file is written to
//! `$CARGO_TARGET_DIR/bench-1000.dot` (or `target/`) so it can be timed by hand too:
//! `hyperfine 'neato -n2 -Tsvg bench-1000.dot -o /dev/null'`.
//!
//! Measured 2026-11-23 on the shared 2-core box (release, 1,000 components, 1,890
//! connections, every latency label drawn): Stateline 28.2 ms (criterion median) vs
//! neato -n2 377 ms (criterion, process included; hyperfine 375 ± 36 ms wall, 160 ms user).

#![allow(clippy::unwrap_used, clippy::expect_used)]

/// The allocator the shipped binary uses (src/main.rs), so the figures are what users get.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::fmt::Write as _;
use std::hint::black_box;
use std::path::PathBuf;
use std::process::Command;

use criterion::{Criterion, criterion_group, criterion_main};
use stateline::domain::analysis::{ConnectionResult, analyze};
use stateline::domain::model::{Component, Connection, Host, Kind, Map, Pos, Provider, Rect, Zone};
use stateline::domain::scenario::{Overrides, Resolved};
use stateline::domain::{Catalog, Date, Id};
use stateline::io::export::{self, ExportOptions};

const N: usize = 1000;
const PER_ZONE: usize = 100;

/// 10 zones of 100 components on a 10×10 grid; each component calls its right and lower
/// neighbour, and every tenth calls into the next zone (~1,900 connections).
fn big_map() -> Map {
    let providers = [
        Provider::Aws,
        Provider::Azure,
        Provider::Gcp,
        Provider::Oracle,
    ];
    let mut map = Map::new("Benchmark: 1,000 components");
    for z in 0..N / PER_ZONE {
        let x0 = (z % 5) as f64 * 2500.0;
        let y0 = (z / 5) as f64 * 1300.0;
        map.zones.push(Zone {
            id: Id::new(&format!("zone-{z}")).unwrap(),
            label: format!("Zone {z}"),
            host: Host::new(providers[z % 4], None),
            rect: Some(Rect::new(x0, y0, 2400.0, 1240.0)),
        });
        for k in 0..PER_ZONE {
            let i = z * PER_ZONE + k;
            let mut c = Component::new(
                Id::new(&format!("c{i}")).unwrap(),
                format!("Component number {i}"),
                if i.is_multiple_of(3) {
                    Kind::Agent
                } else {
                    Kind::Gateway
                },
            );
            c.zone = Some(Id::new(&format!("zone-{z}")).unwrap());
            c.pos = Some(Pos::new(
                x0 + 130.0 + (k % 10) as f64 * 230.0,
                y0 + 80.0 + (k / 10) as f64 * 115.0,
            ));
            map.components.push(c);
        }
    }
    for i in 0..N {
        let k = i % PER_ZONE;
        let c = |j: usize| Id::new(&format!("c{j}")).unwrap();
        if k % 10 != 9 {
            map.connections.push(Connection::new(c(i), c(i + 1)));
        }
        if k < 90 {
            map.connections.push(Connection::new(c(i), c(i + 10)));
        }
        if k.is_multiple_of(10) && i + PER_ZONE < N {
            map.connections.push(Connection::new(c(i), c(i + PER_ZONE)));
        }
    }
    map
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| PathBuf::from("target"), PathBuf::from)
}

/// The same positioned graph for Graphviz: boxes of the same size at the same centres
/// (points, y up), with the same labels and latency labels on edges.
fn dot(map: &Map, analysis: &stateline::domain::analysis::Analysis) -> String {
    let mut out = String::from(
        "digraph G {\n  graph [splines=false, outputorder=edgesfirst];\n  node [shape=box, style=\"rounded,filled\", fillcolor=\"#f8fafc\", fontname=\"DejaVu Sans\", fontsize=11, width=2.5, height=0.8889, fixedsize=true];\n  edge [fontname=\"DejaVu Sans\", fontsize=10];\n",
    );
    for c in &map.components {
        let p = c.pos.unwrap_or_default();
        writeln!(
            out,
            "  \"{}\" [label=\"{}\", pos=\"{:.1},{:.1}!\"];",
            c.id.as_str(),
            c.label,
            p.x,
            -p.y
        )
        .ok();
    }
    for (conn, r) in map.connections.iter().zip(&analysis.connections) {
        writeln!(
            out,
            "  \"{}\" -> \"{}\" [label=\"{:.1} ms\"];",
            conn.from.as_str(),
            conn.to.as_str(),
            r.rtt_ms
        )
        .ok();
    }
    out.push_str("}\n");
    out
}

fn bench(c: &mut Criterion) {
    let map = big_map();
    let catalog = Catalog::builtin();
    let mut analysis = analyze(
        &map,
        catalog,
        &Resolved::new(
            &map,
            &Overrides {
                as_of: Date::new(2026, 3, 15),
                ..Overrides::default()
            },
            None,
            Date::new(2026, 3, 15).expect("a date"),
        ),
    );
    // Figures on every connection, so the export draws every latency label.
    analysis.connections = map
        .connections
        .iter()
        .enumerate()
        .map(|(i, conn)| ConnectionResult {
            from: conn.from.clone(),
            to: conn.to.clone(),
            kind: conn.kind,
            rtt_ms: 1.0 + (i % 40) as f64,
            rtt_guessed: false,
            cross_cloud: i % 10 == 0,
            cross_region: i % 10 == 0,
            egress_usd_per_month: 0.0,
        })
        .collect();
    let opts = ExportOptions::default();
    let svg = export::svg(&map, &analysis, &opts);
    eprintln!(
        "{} components, {} connections → SVG of {} KiB",
        map.components.len(),
        map.connections.len(),
        svg.len() / 1024
    );

    let mut group = c.benchmark_group("export_1000");
    group.sample_size(20);
    group.bench_function("stateline_svg", |b| {
        b.iter(|| export::svg(black_box(&map), black_box(&analysis), &opts));
    });

    let dot_path = target_dir().join("bench-1000.dot");
    std::fs::write(&dot_path, dot(&map, &analysis)).unwrap();
    let neato = Command::new("neato").arg("-V").output();
    if neato.is_ok_and(|o| o.status.success()) {
        group.sample_size(10);
        group.bench_function("graphviz_neato_n2_svg", |b| {
            b.iter(|| {
                let out = Command::new("neato")
                    .args(["-n2", "-Tsvg"])
                    .arg(&dot_path)
                    .output()
                    .unwrap();
                assert!(out.status.success());
                black_box(out.stdout.len())
            });
        });
    } else {
        eprintln!("neato not found (apt-get install graphviz): Graphviz side skipped");
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
