//! Random valid maps always analyse without panicking, with finite numbers.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use proptest::prelude::*;
use stateline::domain::Catalog;
use stateline::domain::analysis::{Down, analyze};
use stateline::domain::date::Date;
use stateline::domain::ids::Id;
use stateline::domain::model::{
    Access, Channel, Component, Connection, ConnectionKind, Flow, Host, Interpretation, Kind, Map,
    Provider, Residency, StateKind, Vendor,
};
use stateline::domain::scenario::{Overrides, Resolved};

fn kind(k: u8, v: u8, a: u8, c: u8, portable: bool) -> Kind {
    let vendor = match v % 4 {
        0 => Vendor::OpenAi,
        1 => Vendor::Anthropic,
        2 => Vendor::Meta,
        _ => Vendor::Other("x".to_owned()),
    };
    let access = Access::ALL[usize::from(a) % 3];
    let channel = Channel::ALL[usize::from(c) % 6];
    let holds = vec![
        StateKind::ALL[usize::from(a) % 8],
        StateKind::ALL[usize::from(c) % 8],
    ];
    match k % 10 {
        0 => Kind::Client,
        1 => Kind::Agent,
        2 => Kind::Gateway,
        3 => Kind::ModelCall {
            vendor,
            model: "m".to_owned(),
            access,
            channel,
            deployment: stateline::domain::kind::Deployment::Regional,
            offering: None,
        },
        4 => Kind::StatefulRuntime {
            vendor,
            product: "p".to_owned(),
            channel,
            holds,
            deployment: stateline::domain::kind::Deployment::Regional,
            offering: None,
        },
        5 => Kind::AgentPlatform {
            vendor,
            product: "p".to_owned(),
            channel,
            deployment: stateline::domain::kind::Deployment::Regional,
            offering: None,
        },
        6 => Kind::StateStore {
            holds,
            service: "s".to_owned(),
            portable,
        },
        7 => Kind::Tool {
            service: "t".to_owned(),
        },
        8 => Kind::DataSource {
            service: "d".to_owned(),
        },
        _ => Kind::HumanApproval,
    }
}

fn host(h: u8) -> Option<Host> {
    let catalog = Catalog::builtin();
    let n = catalog.regions.len();
    let r = &catalog.regions[usize::from(h) % n];
    match h % 9 {
        0 => None,
        1 => Some(Host::new(Provider::Device, Some(&r.id))),
        2 => Some(Host::new(Provider::OnPrem, None)),
        3 => Some(Host::new(Provider::Vendor, None)),
        4 => Some(Host::new(Provider::Aws, None)),
        _ => Some(Host::new(r.provider, Some(&r.id))),
    }
}

type CompSpec = (u8, u8, u8, u8, bool, u8, Option<f64>);
type ConnSpec = (usize, usize, u8, f64, f64, bool);

fn build(comps: &[CompSpec], conns: &[ConnSpec], flows: &[(usize, Option<f64>)]) -> Map {
    let mut map = Map::new("random");
    for (i, &(k, v, a, c, portable, h, latency)) in comps.iter().enumerate() {
        let mut comp = Component::new(
            Id::new(&format!("c{i}")).unwrap(),
            format!("C{i}"),
            kind(k, v, a, c, portable),
        );
        comp.host = host(h);
        comp.latency_ms = latency;
        map.components.push(comp);
    }
    let n = comps.len();
    for &(from, to, kind, calls, payload, parallel) in conns {
        let (from, to) = (from % n, to % n);
        if from == to {
            continue;
        }
        let mut conn = Connection::new(
            map.components[from].id.clone(),
            map.components[to].id.clone(),
        );
        conn.kind = ConnectionKind::ALL[usize::from(kind) % 4];
        conn.calls = calls;
        conn.payload_kb = payload;
        conn.parallel = parallel;
        map.connections.push(conn);
    }
    for (k, &(entry, budget)) in flows.iter().enumerate() {
        let mut flow = Flow::new(format!("F{k}"), map.components[entry % n].id.clone());
        flow.budget_ms = budget;
        map.flows.push(flow);
    }
    map.policy.residency.push(Residency {
        holds: vec![StateKind::Conversation],
        regions: vec!["eu".to_owned()],
    });
    map.policy.avoid_providers.push(Provider::Gcp);
    map
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    #[test]
    fn random_maps_analyse_with_finite_numbers(
        comps in prop::collection::vec((any::<u8>(), any::<u8>(), any::<u8>(), any::<u8>(), any::<bool>(), any::<u8>(), prop::option::of(0.0..5000.0f64)), 1..25),
        conns in prop::collection::vec((0usize..25, 0usize..25, any::<u8>(), 0.01..10.0f64, 0.0..500.0f64, any::<bool>()), 0..60),
        flows in prop::collection::vec((0usize..25, prop::option::of(1.0..10000.0f64)), 0..4),
        days in 0i64..2500,
        api in any::<bool>(),
    ) {
        let map = build(&comps, &conns, &flows);
        let as_of = Date::parse("2025-06-01").unwrap().add_days(days);
        let options = Resolved::new(
            &map,
            &Overrides {
                interpretation: Some(if api { Interpretation::ApiAccess } else { Interpretation::Runtime }),
                as_of: Some(as_of),
                down: vec![Down::Provider(Provider::Aws), Down::Region("eastus".to_owned())],
            },
            None,
            as_of,
        );
        let a = analyze(&map, Catalog::builtin(), &options);
        prop_assert_eq!(a.components.len(), map.components.len());
        prop_assert_eq!(a.connections.len(), map.connections.len());
        prop_assert!(a.summary.lockin_score <= 100);
        for f in &a.flows {
            for v in [f.latency_ms, f.network_ms, f.egress_usd_per_month] {
                prop_assert!(v.is_finite() && v >= 0.0, "{:?}", f);
            }
            prop_assert!(f.network_ms <= f.latency_ms + 1e-6);
            prop_assert!(!f.critical_path.is_empty());
            if let Some(o) = &f.other_reading {
                prop_assert!(o.latency_ms.is_finite() && o.latency_ms + 1e-6 >= 0.0);
            }
        }
        for c in &a.connections {
            prop_assert!(c.egress_usd_per_month.is_finite() && c.egress_usd_per_month >= 0.0);
            prop_assert!(c.rtt_ms.is_finite() && c.rtt_ms > 0.0);
        }
        prop_assert!(serde_json::to_string(&a).is_ok());
        // Deterministic.
        prop_assert_eq!(&a, &analyze(&map, Catalog::builtin(), &options));
    }
}
