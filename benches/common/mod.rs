//! The synthetic map the benchmarks share: a large estate shaped like real designs.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "bench fixtures: a panic is a failed run with its message"
)]

use stateline::domain::Catalog;

/// The allocator the shipped binary uses (src/main.rs), so the figures are what users get.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use stateline::domain::ids::Id;
use stateline::domain::layout::layout;
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

/// `n` components in 40 zones over the four clouds, `m` connections, 20 flows: 250
/// subsystems of 40 components in layers (client → agents → gateway → models → stores and
/// runtimes → tools and data sources); 97 % of the connections go one or two layers down
/// inside a subsystem, 3 % reach a shared service (tools and data sources of other
/// subsystems), 1 % call back up inside the subsystem (cycles, cut by the analysis).
pub fn generated_map(n: usize, m: usize) -> Map {
    let catalog = Catalog::builtin();
    let mut rng = Lcg(42);
    let mut map = Map::new("generated");
    // The 49 regions of the original catalog (later additions come after them): the same
    // map, and so the same work, whatever regions are added, so figures stay comparable.
    let regions: Vec<_> = catalog
        .regions
        .iter()
        .take(49)
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
        let kind = match (i % 40) / 7 {
            0 if i % 40 == 0 => Kind::Client,
            0 | 1 => Kind::Agent,
            2 => Kind::Gateway,
            3 => Kind::ModelCall {
                vendor: if i % 3 == 0 {
                    Vendor::OpenAi
                } else {
                    Vendor::Anthropic
                },
                model: "m".to_owned(),
                access: Access::StatelessApi,
                channel: [Channel::Azure, Channel::Bedrock, Channel::Vertex][i % 3],
                deployment: stateline::domain::kind::Deployment::Regional,
                offering: None,
            },
            4 if i % 5 == 0 => Kind::StatefulRuntime {
                vendor: Vendor::OpenAi,
                product: "SRE".to_owned(),
                channel: Channel::Bedrock,
                holds: vec![StateKind::WorkflowState],
                deployment: stateline::domain::kind::Deployment::Regional,
                offering: None,
            },
            4 => Kind::StateStore {
                holds: vec![StateKind::Conversation, StateKind::AuditTrail],
                service: "pg".to_owned(),
                portable: i % 4 != 0,
            },
            _ if i % 40 == 39 => Kind::HumanApproval,
            _ if i % 2 == 0 => Kind::Tool {
                service: "t".to_owned(),
            },
            _ => Kind::DataSource {
                service: "d".to_owned(),
            },
        };
        let mut c = Component::new(
            Id::new(&format!("c{i}")).unwrap(),
            format!("Component {i}"),
            kind,
        );
        if i % 40 == 0 {
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
        let base = from / 40 * 40;
        let roll = rng.below(100);
        let to = if roll < 96 {
            let layer = (from % 40) / 7;
            let target = (layer + 1 + rng.below(2)) * 7 + rng.below(7);
            (base + target.min(39)).min(n - 1)
        } else if roll < 99 {
            // A shared service: the deepest layer of one of the first 25 subsystems.
            (rng.below(25) * 40 + 35 + rng.below(4)).min(n - 1)
        } else {
            // A call back up inside the subsystem (closes a cycle).
            base + rng.below(14)
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
        let entry = (f * 487) % n / 40 * 40; // a client
        let mut flow = Flow::new(format!("Flow {f}"), map.components[entry].id.clone());
        flow.budget_ms = Some(5000.0);
        map.flows.push(flow);
    }
    map
}

/// [`generated_map`] with every zone and component placed (by the shared auto-layout), as
/// a map saved from the window would be.
pub fn drawn_map(n: usize, m: usize) -> Map {
    let mut map = generated_map(n, m);
    let placed = layout(&map);
    for (zone, rect) in map.zones.iter_mut().zip(placed.zones) {
        zone.rect = Some(rect);
    }
    for (comp, pos) in map.components.iter_mut().zip(placed.components) {
        comp.pos = Some(pos);
    }
    map
}
