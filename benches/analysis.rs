//! Full analysis of a generated map with 10,000 components and 30,000 connections.
//! Target: ≤ 10 ms per analysis.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use stateline::domain::Catalog;
use stateline::domain::analysis::analyze;
use stateline::domain::date::Date;
use stateline::domain::scenario::{Overrides, Resolved};

mod common;
use common::generated_map;

fn bench(c: &mut Criterion) {
    let map = generated_map(10_000, 30_000);
    let catalog = Catalog::builtin();
    let as_of = Date::parse("2026-03-15").unwrap();
    let overrides = Overrides {
        as_of: Some(as_of),
        ..Overrides::default()
    };
    let options = Resolved::new(&map, &overrides, None, as_of);
    let a = analyze(&map, catalog, &options);
    let mut per_rule = std::collections::BTreeMap::new();
    for f in &a.findings {
        *per_rule.entry(&*f.rule).or_insert(0) += 1;
    }
    eprintln!("findings per rule: {per_rule:?}");
    eprintln!(
        "generated map: {} components, {} connections, {} flows, {} findings; first flow {:.1} ms over {} components",
        map.components.len(),
        map.connections.len(),
        a.flows.len(),
        a.findings.len(),
        a.flows[0].latency_ms,
        a.flows[0].critical_path.len()
    );
    c.bench_function("analyze 10k components / 30k connections", |b| {
        b.iter(|| analyze(std::hint::black_box(&map), catalog, &options));
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
