//! A flow walked hop by hop (presentation mode's step-through): each step's round trip is the
//! connection's, the running total adds up, and it ends at the flow's latency — checked by
//! hand on a small map and on every flow of every saved map under both readings and dates.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{REGIME_A, REGIME_B, flow, map, run};
use stateline::domain::Catalog;
use stateline::domain::analysis::walk::StepKind;
use stateline::domain::model::Interpretation;
use stateline::domain::scenario::{Overrides, Resolved};

fn close(actual: f64, expected: f64) {
    assert!(
        (actual - expected).abs() <= 1e-9,
        "got {actual}, expected {expected}"
    );
}

#[test]
fn a_walk_adds_up_to_the_latency_computed_by_hand() {
    // web → agent (6 ms, Device to AWS in the same metro); agent → t1 twice (1 ms, same
    // region); t1 → store; agent → t2 ∥ t3 (the slower one counts); agent → store again.
    let m = map(
        r#"(id: "t1", label: "T1", kind: Tool(service: "x"), zone: "aws", latency_ms: 100.0),
        (id: "t2", label: "T2", kind: Tool(service: "x"), zone: "aws", latency_ms: 50.0),
        (id: "t3", label: "T3", kind: Tool(service: "x"), zone: "aws", latency_ms: 20.0),
        (id: "store", label: "Store", kind: StateStore(holds: [Conversation], service: "pg", portable: true), zone: "aws", latency_ms: 5.0),"#,
        r#"(from: "agent", to: "t1", calls: 2.0),
        (from: "t1", to: "store"),
        (from: "agent", to: "t2", parallel: true),
        (from: "agent", to: "t3", parallel: true),
        (from: "agent", to: "store"),"#,
        r#"flows: [(name: "F", entry: "web")],"#,
    );
    let a = run(&m, REGIME_A);
    let f = flow(&a, "F");
    // T(agent) = 10 + 2·(1 + 100 + 1·(1 + 5)) + max(1 + 50, 1 + 20) + (1 + 5) = 281, and the
    // flow adds the 6 ms round trip from web to agent: 6 + 281 = 287.
    close(f.latency_ms, 287.0);
    let got: Vec<(StepKind, &str, f64, f64)> = f
        .walk
        .iter()
        .map(|s| {
            (
                s.kind,
                m.components[s.to].id.as_str(),
                s.adds_ms,
                s.total_ms,
            )
        })
        .collect();
    let want = [
        (StepKind::Entry, "web", 0.0, 0.0),
        (StepKind::Hop, "agent", 16.0, 16.0),
        (StepKind::Hop, "t1", 202.0, 218.0),
        (StepKind::Hop, "store", 12.0, 230.0),
        (StepKind::Hop, "t2", 51.0, 281.0),
        (StepKind::Overlapped, "t3", 0.0, 281.0),
        (StepKind::Again, "store", 6.0, 287.0),
    ];
    assert_eq!(got.len(), want.len(), "{got:?}");
    for (g, w) in got.iter().zip(&want) {
        assert_eq!((g.0, g.1), (w.0, w.1), "{got:?}");
        close(g.2, w.2);
        close(g.3, w.3);
    }
    // The store is reached twice per call of t1: times 2 on that path.
    close(f.walk[3].times, 2.0);
    close(f.walk[1].rtt_ms, 6.0);
}

#[test]
fn every_flow_of_every_saved_map_walks_to_its_latency() {
    let mut walked = 0;
    for name in common::saved_maps() {
        let map = common::load(&name);
        for (date, reading) in [REGIME_A, REGIME_B]
            .into_iter()
            .flat_map(|d| Interpretation::ALL.map(|r| (d, r)))
        {
            let overrides = Overrides {
                interpretation: Some(reading),
                as_of: Some(common::date(date)),
                ..Overrides::default()
            };
            let scenario = Resolved::new(&map, &overrides, None, common::date(date));
            let a = scenario.analyze(&map, Catalog::builtin());
            for f in &a.flows {
                let what = format!("{name} {date} {} {}", reading.cli_key(), f.name);
                let last = f.walk.last().unwrap_or_else(|| panic!("{what}: no steps"));
                // The total shown at the last step is the flow's latency as every view writes it.
                assert!(
                    (last.total_ms - f.latency_ms).abs() <= 0.005 + 1e-9,
                    "{what}: walk ends at {} but the flow's latency is {}",
                    last.total_ms,
                    f.latency_ms
                );
                let mut total = 0.0;
                for s in &f.walk {
                    total += s.adds_ms;
                    assert!((s.total_ms - total).abs() <= 1e-6, "{what}: running total");
                    if let Some(c) = s.conn {
                        // The round trip shown is the connection's (as rounded for display).
                        let shown = (s.rtt_ms * 100.0).round() / 100.0;
                        assert!((shown - a.connections[c].rtt_ms).abs() < 1e-9, "{what}");
                        assert_eq!(s.cross_cloud, a.connections[c].cross_cloud, "{what}");
                        assert_eq!(m_id(&map, s.from.unwrap()), a.connections[c].from.as_str());
                        assert_eq!(m_id(&map, s.to), a.connections[c].to.as_str());
                    }
                }
                walked += 1;
            }
        }
    }
    assert!(walked >= 40, "only {walked} flows walked");
}

fn m_id(map: &stateline::domain::model::Map, i: usize) -> &str {
    map.components[i].id.as_str()
}
