//! Full analysis of a generated map with 10,000 components and 30,000 connections.
//! Target: ≤ 10 ms per analysis.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use stateline::domain::Catalog;
use stateline::domain::analysis::{Options, analyze};
use stateline::domain::date::Date;
use stateline::domain::ids::Id;
use stateline::domain::model::{
    Access, Channel, Component, Connection, ConnectionKind, Flow, Host, Kind, Map, Provider,
    StateKind, Vendor, Zone,
};

/// A deterministic pseudo-random generator (no extra dependency).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// `n` components in 40 zones over the four clouds, `m` connections mostly inside a zone's
/// neighbourhood (a layered system of agents, gateways, models, stores and tools), 20 flows.
pub fn generated_map(n: usize, m: usize) -> Map {
    let catalog = Catalog::builtin();
    let mut rng = Lcg(42);
    let mut map = Map::new("generated");
    let regions: Vec<_> = catalog
        .regions
        .iter()
        .filter(|r| r.provider.is_cloud())
        .collect();
    for z in 0..40 {
        let r = regions[(z * 7) % regions.len()];
        map.zones.push(Zone {
            id: Id::new(&format!("z{z}")).unwrap(),
            label: format!("Zone {z}"),
            host: Host::new(r.provider, Some(&r.id)),
            rect: None,
        });
    }
    for i in 0..n {
        let kind = match i % 10 {
            0 => Kind::Client,
            1 | 2 => Kind::Agent,
            3 => Kind::Gateway,
            4 => Kind::ModelCall {
                vendor: if i % 3 == 0 {
                    Vendor::OpenAi
                } else {
                    Vendor::Anthropic
                },
                model: "m".to_owned(),
                access: Access::StatelessApi,
                channel: [Channel::Azure, Channel::Bedrock, Channel::Vertex][i % 3],
            },
            5 => Kind::StateStore {
                holds: vec![StateKind::Conversation, StateKind::AuditTrail],
                service: "pg".to_owned(),
                portable: i % 4 != 0,
            },
            6 => Kind::StatefulRuntime {
                vendor: Vendor::OpenAi,
                product: "SRE".to_owned(),
                channel: Channel::Bedrock,
                holds: vec![StateKind::WorkflowState],
            },
            7 => Kind::Tool {
                service: "t".to_owned(),
            },
            8 => Kind::DataSource {
                service: "d".to_owned(),
            },
            _ => Kind::HumanApproval,
        };
        let mut c = Component::new(
            Id::new(&format!("c{i}")).unwrap(),
            format!("Component {i}"),
            kind,
        );
        if i % 10 == 0 {
            let r = regions[rng.below(regions.len())];
            c.host = Some(Host::new(Provider::Device, Some(&r.id)));
        } else if i % 997 != 1 {
            c.zone = Some(Id::new(&format!("z{}", (i / 250) % 40)).unwrap());
        }
        map.components.push(c);
    }
    let mut made = 0;
    while made < m {
        let from = rng.below(n);
        // Mostly forward and local (a layered call graph), a few long or backward edges.
        let to = if rng.below(100) < 97 {
            (from + 1 + rng.below(40)).min(n - 1)
        } else {
            rng.below(n)
        };
        if from == to {
            continue;
        }
        let mut conn = Connection::new(
            map.components[from].id.clone(),
            map.components[to].id.clone(),
        );
        conn.kind = match rng.below(10) {
            0 => ConnectionKind::Event,
            1 => ConnectionKind::StateRead,
            2 => ConnectionKind::StateWrite,
            _ => ConnectionKind::Call,
        };
        conn.calls = [1.0, 1.0, 2.0, 0.5][rng.below(4)];
        conn.parallel = rng.below(4) == 0;
        map.connections.push(conn);
        made += 1;
    }
    for f in 0..20 {
        let entry = (f * 487) % n / 10 * 10; // a client
        let mut flow = Flow::new(format!("Flow {f}"), map.components[entry].id.clone());
        flow.budget_ms = Some(5000.0);
        map.flows.push(flow);
    }
    map
}

fn bench(c: &mut Criterion) {
    let map = generated_map(10_000, 30_000);
    let catalog = Catalog::builtin();
    let options = Options {
        as_of: Some(Date::parse("2026-03-15").unwrap()),
        ..Options::default()
    };
    let a = analyze(&map, catalog, &options);
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
