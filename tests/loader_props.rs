//! Property tests: the loader never panics on any input, and save → load is the identity.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a panic in a test or bench helper is a failed run with its message"
)]

use proptest::prelude::*;
use stateline::domain::Catalog;
use stateline::domain::ids::Id;
use stateline::domain::model::{
    Access, Channel, Component, Connection, ConnectionKind, Flow, Host, Kind, Map, Note, Pos,
    Provider, Rect, StateKind, Vendor, Zone,
};
use stateline::domain::validate::text::refused;
use stateline::io::{load_bytes, load_str, load_str_thorough, to_canonical_string};

const SAMPLE: &str = include_str!("../saved-maps/bedrock-sre-agent.ron");

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = load_bytes(&bytes, "fuzz.ron", Catalog::builtin());
    }

    #[test]
    fn random_text_never_panics(text in "\\PC{0,400}") {
        let _ = load_str(&text, "fuzz.ron", Catalog::builtin());
    }

    #[test]
    fn mutated_maps_never_panic(edits in proptest::collection::vec((any::<prop::sample::Index>(), 0u8..4, "[\\[\\](){}:,\"a-z0-9 ]{0,3}"), 1..6)) {
        let mut text = SAMPLE.to_owned();
        for (at, op, insert) in edits {
            let mut i = at.index(text.len().max(1));
            while !text.is_char_boundary(i) { i -= 1; }
            match op {
                0 => text.insert_str(i, &insert),
                1 => { let end = (i + 8).min(text.len()); if text.is_char_boundary(end) { text.replace_range(i..end, ""); } }
                2 => text.truncate(i),
                _ => { let end = (i + 1).min(text.len()); if text.is_char_boundary(end) { text.replace_range(i..end, &insert); } }
            }
        }
        let _ = load_str(&text, "fuzz.ron", Catalog::builtin());
    }

    /// The fast path (typed parse + validity gate) and the thorough field-by-field reader
    /// accept exactly the same texts and read them to the same map.
    #[test]
    fn fast_and_thorough_loaders_agree(edits in proptest::collection::vec((any::<prop::sample::Index>(), prop::sample::select(vec![
        "0.0", "-1.0", "\"us-east-1\"", "\"eastus\"", "\"nowhere\"", "Azure", "Gcp", "\"agent\"", "\"gpt\"", "\"aws-use1\"",
        "true", "Event", "zone: \"aws-use1\", ", "host: (provider: Device), ", "1e400", "\"X\"",
    ])), 1..4)) {
        let mut text = SAMPLE.to_owned();
        for (at, token) in edits {
            // Replace one value-ish token (the text between a ':' and the next ',' or ')').
            let colons: Vec<usize> = text.match_indices(": ").map(|(i, _)| i + 2).collect();
            let start = colons[at.index(colons.len())];
            let end = text[start..].find([',', ')']).map_or(text.len(), |e| start + e);
            text.replace_range(start..end, token);
        }
        let fast = load_str(&text, "m.ron", Catalog::builtin());
        let thorough = load_str_thorough(&text, "m.ron", Catalog::builtin());
        prop_assert_eq!(fast.is_ok(), thorough.is_ok(), "{}", thorough.as_ref().err().map(stateline::io::LoadError::render).unwrap_or_default());
        prop_assert_eq!(fast.ok(), thorough.ok());
    }

    #[test]
    fn save_then_load_is_the_identity(map in arb_map()) {
        let text = to_canonical_string(&map);
        let loaded = load_str(&text, "gen.ron", Catalog::builtin());
        let thorough = load_str_thorough(&text, "gen.ron", Catalog::builtin());
        prop_assert_eq!(loaded.as_ref().ok(), thorough.as_ref().ok());
        prop_assert!(loaded.is_ok(), "{}\n{}", text, loaded.err().map(|e| e.render()).unwrap_or_default());
        prop_assert_eq!(loaded.ok(), Some(map.clone()));
        // Canonical text is a fixed point.
        prop_assert_eq!(to_canonical_string(&map), text);
    }
}

/// Labels a map may hold: any printable text but the characters the core refuses in a
/// label (`validate::text::refused`: bidirectional controls, invisible characters, line and
/// paragraph separators), which the loaders refuse, with their position, by design.
fn label() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z0-9 ]{0,12}",
        "\\PC{0,10}".prop_map(|s| s.chars().filter(|&c| refused(c).is_none()).collect()),
        Just("quote \" back\\slash §4.2 €".to_owned())
    ]
}

fn num() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(0.0),
        Just(1.5),
        -1.0e6..1.0e6f64,
        Just(1e-7),
        // The largest coordinate a map may hold (validate::MAX_COORD).
        Just(9_999_999.5)
    ]
}

fn arb_kind() -> impl Strategy<Value = Kind> {
    let vendor = prop_oneof![
        Just(Vendor::OpenAi),
        Just(Vendor::Anthropic),
        "[a-zA-Z ]{1,8}".prop_map(Vendor::Other)
    ];
    let channel = prop::sample::select(Channel::ALL.to_vec());
    let access = prop::sample::select(Access::ALL.to_vec());
    let holds = proptest::collection::vec(prop::sample::select(StateKind::ALL.to_vec()), 0..3);
    prop_oneof![
        Just(Kind::Client),
        Just(Kind::Agent),
        Just(Kind::HumanApproval),
        (
            vendor.clone(),
            label(),
            access,
            channel.clone(),
            prop::sample::select(stateline::domain::kind::Deployment::ALL.to_vec()),
            proptest::option::of("[a-z0-9-]{1,12}")
        )
            .prop_map(|(vendor, model, access, channel, deployment, offering)| {
                Kind::ModelCall {
                    vendor,
                    model,
                    access,
                    channel,
                    deployment,
                    offering,
                }
            }),
        (vendor.clone(), label(), channel.clone(), holds.clone()).prop_map(
            |(vendor, product, channel, holds)| Kind::StatefulRuntime {
                vendor,
                product,
                channel,
                holds,
                deployment: stateline::domain::kind::Deployment::Regional,
                offering: None,
            }
        ),
        (vendor, label(), channel).prop_map(|(vendor, product, channel)| Kind::AgentPlatform {
            vendor,
            product,
            channel,
            deployment: stateline::domain::kind::Deployment::Regional,
            offering: None,
        }),
        (holds, label(), any::<bool>()).prop_map(|(holds, service, portable)| Kind::StateStore {
            holds,
            service,
            portable
        }),
        label().prop_map(|service| Kind::Tool { service }),
        label().prop_map(|service| Kind::DataSource { service }),
    ]
}

fn arb_map() -> impl Strategy<Value = Map> {
    let n_zones = 0usize..3;
    let n_comps = 1usize..6;
    (n_zones, n_comps, label(), label(), any::<u64>())
        .prop_flat_map(|(nz, nc, title, description, seed)| {
            (
                proptest::collection::vec(
                    (
                        label(),
                        prop::sample::select(vec![
                            Provider::Aws,
                            Provider::Azure,
                            Provider::Gcp,
                            Provider::Device,
                        ]),
                        proptest::option::of((num(), num(), 1.0..500.0f64, 1.0..500.0f64)),
                    ),
                    nz,
                ),
                proptest::collection::vec(
                    (
                        label(),
                        arb_kind(),
                        proptest::option::of((num(), num())),
                        proptest::option::of(0.0..5000.0f64),
                        any::<u8>(),
                    ),
                    nc,
                ),
                proptest::collection::vec(
                    (
                        any::<u8>(),
                        any::<u8>(),
                        prop::sample::select(ConnectionKind::ALL.to_vec()),
                        0.1..10.0f64,
                        0.0..100.0f64,
                        any::<bool>(),
                        label(),
                    ),
                    0..6,
                ),
                Just((title, description, seed)),
                proptest::collection::vec(
                    (
                        label(),
                        proptest::option::of((num(), num())),
                        proptest::option::of((60.0..2000.0f64, 60.0..2000.0f64)),
                        0usize..5,
                    ),
                    0..2,
                ),
            )
        })
        .prop_map(
            |(zones, comps, conns, (title, description, _seed), notes)| {
                let region = |p: Provider| match p {
                    Provider::Aws => Some("us-east-1"),
                    Provider::Azure => Some("westeurope"),
                    Provider::Gcp => None,
                    _ => Some("uksouth"),
                };
                let mut map = Map::new(title);
                map.description = description;
                for (i, (label, provider, rect)) in zones.into_iter().enumerate() {
                    map.zones.push(Zone {
                        id: Id::new(&format!("z{i}")).unwrap(),
                        label,
                        host: Host::new(provider, region(provider)),
                        rect: rect.map(|(x, y, w, h)| Rect::new(x, y, w, h)),
                    });
                }
                let nz = map.zones.len();
                for (i, (label, kind, pos, latency, place)) in comps.into_iter().enumerate() {
                    let mut c = Component::new(Id::new(&format!("c{i}")).unwrap(), label, kind);
                    c.pos = pos.map(|(x, y)| Pos::new(x, y));
                    c.latency_ms = latency;
                    match (place % 3, nz) {
                        (0, n) if n > 0 => {
                            c.zone =
                                Some(Id::new(&format!("z{}", usize::from(place) % n)).unwrap());
                        }
                        (1, _) => c.host = Some(Host::new(Provider::Device, Some("eastus"))),
                        _ => {}
                    }
                    map.components.push(c);
                }
                let nc = map.components.len();
                for (a, b, kind, calls, payload, parallel, label) in conns {
                    let (a, b) = (usize::from(a) % nc, usize::from(b) % nc);
                    if a == b {
                        continue;
                    }
                    map.connections.push(Connection {
                        from: map.components[a].id.clone(),
                        to: map.components[b].id.clone(),
                        kind,
                        calls,
                        payload_kb: payload,
                        parallel,
                        label,
                    });
                }
                let entry = map.components[0].id.clone();
                map.flows.push(Flow::new("flow", entry));
                for (text, pos, size, colour) in notes {
                    map.notes.push(Note {
                        text,
                        pos: pos.map(|(x, y)| Pos::new(x, y)),
                        size: size.map(|(w, h)| stateline::domain::model::NoteSize { w, h }),
                        colour: stateline::domain::model::NoteColour::ALL[colour % 5],
                    });
                }
                map
            },
        )
}
