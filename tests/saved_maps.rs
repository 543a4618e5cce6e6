//! Every example in `saved-maps/` loads, is canonical, round-trips and analyses.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a panic in a test or bench helper is a failed run with its message"
)]

use std::path::PathBuf;

use stateline::domain::Catalog;
use stateline::domain::ids::Id;
use stateline::domain::model::{Map, StateKind};
use stateline::io::{load_path, load_str, to_canonical_string};

fn saved_maps() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("saved-maps");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    paths.sort();
    paths
}

#[test]
fn there_are_at_least_six_examples() {
    assert!(saved_maps().len() >= 6, "{:?}", saved_maps());
}

#[test]
fn every_example_loads_is_canonical_and_round_trips() {
    let catalog = Catalog::builtin();
    for path in saved_maps() {
        let map = load_path(&path, catalog).unwrap_or_else(|e| panic!("{}", e.render()));
        let text = std::fs::read_to_string(&path).unwrap();
        let canonical = to_canonical_string(&map);
        assert_eq!(
            text,
            canonical,
            "{} is not in canonical form (run stateline fmt)",
            path.display()
        );
        let again = load_str(&canonical, "again", catalog).unwrap();
        assert_eq!(
            map,
            again,
            "{}: load → save → load changed the map",
            path.display()
        );
    }
}

#[test]
fn every_example_is_a_complete_drawing() {
    let catalog = Catalog::builtin();
    for path in saved_maps() {
        let map = load_path(&path, catalog).unwrap();
        let name = path.display();
        assert!(!map.description.is_empty(), "{name}: describe the design");
        assert!(!map.flows.is_empty(), "{name}: at least one flow");
        assert!(
            map.flows.iter().any(|f| f.budget_ms.is_some()),
            "{name}: a budget"
        );
        assert!(
            map.zones.iter().all(|z| z.rect.is_some()),
            "{name}: zones are positioned"
        );
        assert!(
            map.components.iter().all(|c| c.pos.is_some()),
            "{name}: components are positioned"
        );
    }
}

#[test]
fn every_example_analyses() {
    let catalog = Catalog::builtin();
    for path in saved_maps() {
        let map = load_path(&path, catalog).unwrap();
        let analysis = crate::common::analyse(&map);
        assert_eq!(
            analysis.components.len(),
            map.components.len(),
            "{}",
            path.display()
        );
        assert!(
            analysis
                .components
                .iter()
                .all(|c| c.effective_host.is_some()),
            "{}: every example places every component",
            path.display()
        );
    }
}

/// On a large map the analysis splits its per-connection work over two threads (from 4,096
/// connections). Many copies of an example, side by side, must come out as the example does,
/// copy by copy: both halves of the connections and every flow.
#[test]
fn many_copies_of_an_example_analyse_as_the_example() {
    let catalog = Catalog::builtin();
    for path in saved_maps() {
        let mut small = load_path(&path, catalog).unwrap();
        // Implicit flows (one per client): every copy has its own.
        small.flows.clear();
        if small.connections.is_empty() {
            continue;
        }
        let copies = 4_200 / small.connections.len() + 1;
        let big = side_by_side(&small, copies);
        assert!(big.connections.len() > 4_096);
        let a = crate::common::analyse(&small);
        let b = crate::common::analyse(&big);
        let name = path.display();
        for (k, chunk) in b.connections.chunks(small.connections.len()).enumerate() {
            for (x, y) in a.connections.iter().zip(chunk) {
                assert_eq!(
                    (
                        x.rtt_ms,
                        x.cross_cloud,
                        x.cross_region,
                        x.egress_usd_per_month
                    ),
                    (
                        y.rtt_ms,
                        y.cross_cloud,
                        y.cross_region,
                        y.egress_usd_per_month
                    ),
                    "{name}: copy {k}, {} → {}",
                    y.from,
                    y.to
                );
            }
        }
        for (k, chunk) in b.components.chunks(small.components.len()).enumerate() {
            for (x, y) in a.components.iter().zip(chunk) {
                assert_eq!(
                    (x.status, &x.effective_host, &x.obligation, x.rule),
                    (y.status, &y.effective_host, &y.obligation, y.rule),
                    "{name}: copy {k}, {}",
                    y.id
                );
            }
        }
        assert_eq!(b.flows.len(), a.flows.len() * copies, "{name}");
        for (k, chunk) in b.flows.chunks(a.flows.len().max(1)).enumerate() {
            for (x, y) in a.flows.iter().zip(chunk) {
                assert_eq!(
                    (x.latency_ms, x.cross_cloud_hops, x.egress_usd_per_month),
                    (y.latency_ms, y.cross_cloud_hops, y.egress_usd_per_month),
                    "{name}: copy {k}, flow {}",
                    y.name
                );
            }
        }
        assert_eq!(
            b.summary.cross_cloud_connections,
            a.summary.cross_cloud_connections * u32::try_from(copies).unwrap(),
            "{name}"
        );
    }
}

/// `copies` copies of a map's zones, components and connections side by side (ids suffixed
/// `-c0`, `-c1`, …), without its flows.
fn side_by_side(small: &Map, copies: usize) -> Map {
    let renamed = |id: &Id, k: usize| Id::new(&format!("{id}-c{k}")).unwrap();
    let mut big = small.clone();
    big.zones.clear();
    big.components.clear();
    big.connections.clear();
    big.flows.clear();
    for k in 0..copies {
        big.zones.extend(small.zones.iter().map(|z| {
            let mut z = z.clone();
            z.id = renamed(&z.id, k);
            z
        }));
        big.components.extend(small.components.iter().map(|c| {
            let mut c = c.clone();
            c.id = renamed(&c.id, k);
            c.zone = c.zone.as_ref().map(|z| renamed(z, k));
            c
        }));
        big.connections.extend(small.connections.iter().map(|c| {
            let mut c = c.clone();
            c.from = renamed(&c.from, k);
            c.to = renamed(&c.to, k);
            c
        }));
    }
    big
}

/// The CIO answers stay readable on a large estate: the components that change on the next
/// rule date and the audit-trail holders are named up to 8, then counted.
#[test]
fn long_answers_name_the_first_eight_then_count_the_rest() {
    let catalog = Catalog::builtin();
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("saved-maps/bedrock-sre-agent.ron");
    let small = load_path(&path, catalog).unwrap();
    let one = crate::common::analyse(&small);
    let listed = |text: &str| {
        text.split_once("the rules change: ")
            .map_or(0, |(_, rest)| rest.split(" → ").count() - 1)
    };
    let changes = listed(&one.questions.contract_change);
    assert!(changes >= 2, "{}", one.questions.contract_change);
    let copies = 9;
    let big = side_by_side(&small, copies);
    let many = crate::common::analyse(&big);
    let answer = &many.questions.contract_change;
    assert_eq!(listed(answer), 8, "{answer}");
    assert!(
        answer.contains(&format!("; and {} more.", copies * changes - 8)),
        "{answer}"
    );
    let holders = small
        .components
        .iter()
        .filter(|c| c.kind.holds().contains(&StateKind::AuditTrail))
        .count();
    assert!(holders >= 1);
    assert!(
        many.questions
            .audit_trail
            .contains(&format!("; and {} more.", copies * holders - 8)),
        "{}",
        many.questions.audit_trail
    );
}
