//! Load and save of a 10,000-component map (product.md: ≤ 200 ms each).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a panic in a test or bench helper is a failed run with its message"
)]

use criterion::{Criterion, criterion_group, criterion_main};
use stateline::domain::Catalog;
use stateline::domain::ids::Id;
use stateline::domain::model::{
    Access, Channel, Component, Connection, ConnectionKind, Flow, Host, Kind, Map, Pos, Provider,
    Rect, StateKind, Vendor, Zone,
};
use stateline::io::{load_str, save_path, to_canonical_string};

/// A map shaped like a large real design: 20 zones on 4 clouds, 10,000 components of every
/// kind, 30,000 connections, 50 flows.
fn big_map(components: usize, connections: usize) -> Map {
    let regions = [
        (Provider::Aws, "us-east-1"),
        (Provider::Azure, "eastus"),
        (Provider::Gcp, "us-central1"),
        (Provider::Oracle, "us-ashburn-1"),
        (Provider::Aws, "eu-central-1"),
    ];
    let mut map = Map::new("Synthetic estate");
    for z in 0..20 {
        let (provider, region) = regions[z % regions.len()];
        map.zones.push(Zone {
            id: Id::new(&format!("zone-{z}")).unwrap(),
            label: format!("{} {region} #{z}", provider.label()),
            host: Host::new(provider, Some(region)),
            rect: Some(Rect::new(
                (z % 5) as f64 * 5000.0,
                (z / 5) as f64 * 5000.0,
                4800.0,
                4800.0,
            )),
        });
    }
    for i in 0..components {
        let kind = match i % 10 {
            0 => Kind::Client,
            1 => Kind::Agent,
            2 => Kind::Gateway,
            3 => Kind::ModelCall {
                vendor: Vendor::OpenAi,
                model: "gpt-5.2".into(),
                access: Access::StatelessApi,
                channel: Channel::Bedrock,
            },
            4 => Kind::StatefulRuntime {
                vendor: Vendor::OpenAi,
                product: "SRE".into(),
                channel: Channel::Bedrock,
                holds: vec![StateKind::Conversation],
            },
            5 => Kind::StateStore {
                holds: vec![StateKind::LongTermMemory, StateKind::AuditTrail],
                service: "postgres".into(),
                portable: true,
            },
            6 => Kind::Tool {
                service: "mcp".into(),
            },
            7 => Kind::DataSource {
                service: "crm".into(),
            },
            8 => Kind::AgentPlatform {
                vendor: Vendor::OpenAi,
                product: "Frontier".into(),
                channel: Channel::Direct,
            },
            _ => Kind::HumanApproval,
        };
        let mut c = Component::new(
            Id::new(&format!("c{i}")).unwrap(),
            format!("Component number {i}"),
            kind,
        );
        let zone = i % 20;
        c.zone = Some(Id::new(&format!("zone-{zone}")).unwrap());
        c.pos = Some(Pos::new(
            (zone % 5) as f64 * 5000.0 + (i % 23) as f64 * 200.0 + 100.0,
            (zone / 5) as f64 * 5000.0 + ((i / 23) % 23) as f64 * 200.0 + 100.0,
        ));
        map.components.push(c);
    }
    for k in 0..connections {
        let from = (k * 7919) % components;
        let mut to = (k * 104_729 + 13) % components;
        if to == from {
            to = (to + 1) % components;
        }
        let mut conn = Connection::new(
            map.components[from].id.clone(),
            map.components[to].id.clone(),
        );
        conn.kind = ConnectionKind::ALL[k % 4];
        conn.calls = 1.0 + (k % 3) as f64;
        conn.payload_kb = 2.0 + (k % 17) as f64;
        map.connections.push(conn);
    }
    for f in 0..50 {
        let mut flow = Flow::new(format!("flow {f}"), map.components[f * 10].id.clone());
        flow.budget_ms = Some(3000.0);
        map.flows.push(flow);
    }
    map
}

fn load_save(c: &mut Criterion) {
    let map = big_map(10_000, 30_000);
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
