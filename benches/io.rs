//! Load and save of a 10,000-component map (product.md: ≤ 200 ms each).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a panic in a test or bench helper is a failed run with its message"
)]

use criterion::{Criterion, criterion_group, criterion_main};
use stateline::domain::Catalog;

mod common;
use common::drawn_map;
use stateline::io::{load_str, save_path, to_canonical_string};

fn load_save(c: &mut Criterion) {
    let map = drawn_map(10_000, 30_000);
    let text = to_canonical_string(&map);
    let catalog = Catalog::builtin();
    assert_eq!(
        load_str(&text, "big.ron", catalog).as_ref().ok(),
        Some(&map)
    );
    eprintln!(
        "10,000-component map: {:.1} MB of RON",
        text.len() as f64 / 1e6
    );

    let mut group = c.benchmark_group("map_10k");
    group.sample_size(10);
    group.bench_function("load (parse + validate)", |b| {
        b.iter(|| load_str(&text, "big.ron", catalog));
    });
    group.bench_function("serialize (canonical text)", |b| {
        b.iter(|| to_canonical_string(&map));
    });
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.ron");
    group.bench_function("save (canonical text + atomic write)", |b| {
        b.iter(|| save_path(&path, &map));
    });
    group.finish();
}

criterion_group!(benches, load_save);
criterion_main!(benches);
