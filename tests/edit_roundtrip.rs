//! Nothing the window can make fails to reopen: random sequences of every kind of edit,
//! with good and absurd values, applied to every saved map; after each step the map saves
//! and reloads as the same map, and a refused edit leaves the map untouched.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use proptest::prelude::*;
use stateline::domain::Catalog;
use stateline::domain::edit::Edit;
use stateline::domain::ids::Id;
use stateline::domain::model::{
    Component, Connection, ConnectionKind, Flow, Host, Interpretation, Kind, Map, Note, Policy,
    Pos, Provider, Rect, Residency, Scenario, StateKind, Zone,
};
use stateline::domain::validate;

/// A value a user (or a bug) could type into a field.
fn number() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(0.0),
        Just(1.0),
        Just(-1.0),
        0.001..5000.0f64,
        Just(1e308),
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(9_999_999.0),
        Just(1e9),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 ]{0,24}",
        Just("a\u{202E}reversed".to_owned()),
        Just("x".repeat(1_200)),
        Just("quote \" back\\slash §4.2 €".to_owned()),
    ]
}

/// What to do, resolved against the map as it is when the step runs.
#[derive(Clone, Debug)]
enum Step {
    AddComponent(u8, String, Option<(f64, f64)>, Option<f64>),
    RemoveComponent(usize),
    MoveComponent(usize, f64, f64),
    Relabel(usize, String),
    SetLatency(usize, f64),
    AddZone(String, (f64, f64, f64, f64)),
    MoveZone(usize, f64, f64),
    ResizeZone(usize, f64, f64),
    RemoveZone(usize),
    Connect(usize, usize, f64, f64),
    SetConnection(usize, f64, f64, String),
    RemoveConnection(usize),
    AddFlow(usize, String, Option<f64>, f64),
    SetFlow(usize, Option<f64>, f64),
    AddNote(String, (f64, f64), Option<(f64, f64)>, usize),
    SetNote(usize, String),
    Title(String),
    Description(String),
    Scenario(bool, Option<String>),
    Policy(Vec<String>),
}

fn step() -> impl Strategy<Value = Step> {
    let i = any::<usize>();
    prop_oneof![
        (
            0u8..10,
            text(),
            proptest::option::of((number(), number())),
            proptest::option::of(number())
        )
            .prop_map(|(k, t, p, l)| Step::AddComponent(k, t, p, l)),
        i.prop_map(Step::RemoveComponent),
        (i, number(), number()).prop_map(|(a, x, y)| Step::MoveComponent(a, x, y)),
        (i, text()).prop_map(|(a, t)| Step::Relabel(a, t)),
        (i, number()).prop_map(|(a, v)| Step::SetLatency(a, v)),
        (text(), (number(), number(), number(), number())).prop_map(|(t, r)| Step::AddZone(t, r)),
        (i, number(), number()).prop_map(|(a, x, y)| Step::MoveZone(a, x, y)),
        (i, number(), number()).prop_map(|(a, w, h)| Step::ResizeZone(a, w, h)),
        i.prop_map(Step::RemoveZone),
        (i, i, number(), number()).prop_map(|(a, b, c, p)| Step::Connect(a, b, c, p)),
        (i, number(), number(), text()).prop_map(|(a, c, p, t)| Step::SetConnection(a, c, p, t)),
        i.prop_map(Step::RemoveConnection),
        (i, text(), proptest::option::of(number()), number())
            .prop_map(|(a, t, b, r)| Step::AddFlow(a, t, b, r)),
        (i, proptest::option::of(number()), number()).prop_map(|(a, b, r)| Step::SetFlow(a, b, r)),
        (
            text(),
            (number(), number()),
            proptest::option::of((number(), number())),
            0usize..5
        )
            .prop_map(|(t, p, s, c)| Step::AddNote(t, p, s, c)),
        (i, text()).prop_map(|(a, t)| Step::SetNote(a, t)),
        text().prop_map(Step::Title),
        text().prop_map(Step::Description),
        (any::<bool>(), proptest::option::of(text())).prop_map(|(b, p)| Step::Scenario(b, p)),
        proptest::collection::vec(
            prop_oneof![
                Just("eu".to_owned()),
                Just("us-east-1".to_owned()),
                Just("atlantis".to_owned())
            ],
            0..3
        )
        .prop_map(Step::Policy),
    ]
}

fn kind(k: u8) -> Kind {
    match k {
        0 => Kind::Client,
        2 => Kind::Gateway,
        3 => Kind::HumanApproval,
        4 => Kind::Tool {
            service: "crm".into(),
        },
        5 => Kind::DataSource {
            service: "erp".into(),
        },
        6 => Kind::StateStore {
            holds: vec![StateKind::Conversation],
            service: "postgres".into(),
            portable: true,
        },
        _ => Kind::Agent,
    }
}

fn pick<T>(list: &[T], i: usize) -> Option<&T> {
    (!list.is_empty()).then(|| &list[i % list.len()])
}

/// The edit a step asks for on this map (`None` when it has nothing to act on).
fn edit_for(map: &Map, step: &Step) -> Option<Edit> {
    Some(match step.clone() {
        Step::AddComponent(k, label, pos, latency) => {
            let mut c = Component::new(map.unique_id("c"), label, kind(k));
            c.pos = pos.map(|(x, y)| Pos::new(x, y));
            c.latency_ms = latency;
            if let Some(z) = map.zones.first() {
                c.zone = Some(z.id.clone());
            } else {
                c.host = Some(Host::new(Provider::Aws, Some("us-east-1")));
            }
            Edit::AddComponent {
                component: c,
                index: None,
            }
        }
        Step::RemoveComponent(i) => Edit::RemoveComponents {
            ids: vec![pick(&map.components, i)?.id.clone()],
        },
        Step::MoveComponent(i, x, y) => Edit::MoveComponents {
            moves: vec![(pick(&map.components, i)?.id.clone(), Some(Pos::new(x, y)))],
        },
        Step::Relabel(i, label) => {
            let c = pick(&map.components, i)?;
            Edit::SetComponent {
                id: c.id.clone(),
                component: Component { label, ..c.clone() },
            }
        }
        Step::SetLatency(i, v) => {
            let c = pick(&map.components, i)?;
            Edit::SetComponent {
                id: c.id.clone(),
                component: Component {
                    latency_ms: Some(v),
                    ..c.clone()
                },
            }
        }
        Step::AddZone(label, (x, y, w, h)) => Edit::AddZone {
            zone: Zone {
                id: map.unique_id("zone"),
                label,
                host: Host::new(Provider::Azure, Some("westeurope")),
                rect: Some(Rect::new(x, y, w, h)),
            },
            index: None,
        },
        Step::MoveZone(i, x, y) => Edit::MoveZone {
            id: pick(&map.zones, i)?.id.clone(),
            to: Pos::new(x, y),
        },
        Step::ResizeZone(at, width, height) => {
            let zone = pick(&map.zones, at)?;
            let old = zone.rect.unwrap_or_default();
            Edit::ResizeZone {
                id: zone.id.clone(),
                rect: Rect::new(old.x, old.y, width, height),
            }
        }
        Step::RemoveZone(i) => Edit::RemoveZone {
            id: pick(&map.zones, i)?.id.clone(),
        },
        Step::Connect(a, b, calls, payload) => {
            let mut c = Connection::new(
                pick(&map.components, a)?.id.clone(),
                pick(&map.components, b)?.id.clone(),
            );
            c.calls = calls;
            c.payload_kb = payload;
            c.kind = ConnectionKind::Call;
            Edit::AddConnection {
                connection: c,
                index: None,
            }
        }
        Step::SetConnection(i, calls, payload, label) => {
            let n = map.connections.len();
            let index = (n > 0).then(|| i % n)?;
            Edit::SetConnection {
                index,
                connection: Connection {
                    calls,
                    payload_kb: payload,
                    label,
                    ..map.connections[index].clone()
                },
            }
        }
        Step::RemoveConnection(i) => {
            let n = map.connections.len();
            Edit::RemoveConnection {
                index: (n > 0).then(|| i % n)?,
            }
        }
        Step::AddFlow(i, name, budget, requests) => {
            let mut f = Flow::new(name, pick(&map.components, i)?.id.clone());
            f.budget_ms = budget;
            f.requests_per_month = requests;
            Edit::AddFlow {
                flow: f,
                index: None,
            }
        }
        Step::SetFlow(i, budget, requests) => {
            let n = map.flows.len();
            let index = (n > 0).then(|| i % n)?;
            Edit::SetFlow {
                index,
                flow: Flow {
                    budget_ms: budget,
                    requests_per_month: requests,
                    ..map.flows[index].clone()
                },
            }
        }
        Step::AddNote(t, (x, y), size, colour) => Edit::AddNote {
            note: Note {
                text: t,
                pos: Some(Pos::new(x, y)),
                size: size.map(|(w, h)| stateline::domain::model::NoteSize { w, h }),
                colour: stateline::domain::model::NoteColour::ALL[colour % 5],
            },
            index: None,
        },
        Step::SetNote(i, t) => {
            let n = map.notes.len();
            let index = (n > 0).then(|| i % n)?;
            Edit::SetNote {
                index,
                note: Note {
                    text: t,
                    ..map.notes[index].clone()
                },
            }
        }
        Step::Title(t) => Edit::SetTitle(t),
        Step::Description(t) => Edit::SetDescription(t),
        Step::Scenario(api, pack) => Edit::SetScenario(Scenario {
            interpretation: if api {
                Interpretation::ApiAccess
            } else {
                Interpretation::Runtime
            },
            rule_pack: pack,
            ..map.scenario.clone()
        }),
        Step::Policy(regions) => Edit::SetPolicy(Policy {
            residency: vec![Residency {
                holds: vec![StateKind::Conversation],
                regions,
            }],
            ..map.policy.clone()
        }),
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn random_edits_on_every_saved_map_always_save_and_reopen(
        which in any::<usize>(),
        steps in proptest::collection::vec(step(), 1..40),
    ) {
        let names = common::saved_maps();
        let name = &names[which % names.len()];
        let mut map = common::load(name);
        for step in &steps {
            let Some(edit) = edit_for(&map, step) else { continue };
            let before = map.clone();
            match edit.apply(&mut map) {
                Ok(_) => {}
                Err(e) => prop_assert_eq!(&map, &before, "a refused edit ({}) changes nothing", e),
            }
            prop_assert!(
                validate::is_valid(&map, Catalog::builtin()),
                "{name} after {step:?}: {:?}",
                validate::map(&map, Catalog::builtin())
            );
            let text = stateline::io::to_canonical_string(&map);
            let reopened = stateline::io::load_str(&text, "saved.ron", Catalog::builtin());
            prop_assert!(reopened.is_ok(), "{name} after {step:?}: {}", reopened.err().map(|e| e.render()).unwrap_or_default());
            let reopened = reopened.ok();
            prop_assert_eq!(reopened.as_ref(), Some(&map));
        }
    }
}

#[test]
fn what_the_inspector_could_type_is_refused_with_its_bounds() {
    let mut map = common::load("bedrock-sre-agent.ron");
    let f = map.flows[0].clone();
    let zero = Edit::SetFlow {
        index: 0,
        flow: Flow {
            budget_ms: Some(0.0),
            ..f.clone()
        },
    };
    let err = zero.apply(&mut map).unwrap_err().to_string();
    assert!(err.contains("budget_ms") && err.contains("> 0"), "{err}");
    let c = map.connections[0].clone();
    let huge = Edit::SetConnection {
        index: 0,
        connection: Connection { calls: 1e308, ..c },
    };
    let err = huge.apply(&mut map).unwrap_err().to_string();
    assert!(err.contains("1000000"), "the bound is named: {err}");
    let bidi = Edit::SetTitle("Approved\u{202E}devorppa ton".into());
    let err = bidi.apply(&mut map).unwrap_err().to_string();
    assert!(err.contains("U+202E"), "{err}");
    let id = Id::new("x").unwrap();
    assert!(map.component(&id).is_none());
}

#[test]
fn absurd_magnitudes_and_bidi_text_in_a_file_are_refused_with_positions() {
    let text = std::fs::read_to_string("saved-maps/bedrock-sre-agent.ron")
        .unwrap()
        .replacen("calls: 4.0", "calls: 1e308", 1)
        .replacen("payload_kb: 24.0", "payload_kb: 1e308", 1)
        .replacen(
            "label: \"PagerDuty alert webhook\"",
            "label: \"Pager\u{202E}Duty\"",
            1,
        );
    let err = stateline::io::load_str(&text, "m.ron", Catalog::builtin())
        .unwrap_err()
        .render();
    assert!(
        err.contains("`calls`") && err.contains("1e308") && err.contains("≤ 1000000"),
        "{err}"
    );
    assert!(err.contains("`payload_kb`"), "{err}");
    assert!(err.contains("U+202E"), "{err}");
    // Each with its line and column.
    for line in err.lines() {
        let mut parts = line.splitn(4, ':');
        assert_eq!(parts.next(), Some("m.ron"));
        assert!(parts.next().unwrap().parse::<usize>().is_ok(), "{line}");
        assert!(parts.next().unwrap().parse::<usize>().is_ok(), "{line}");
    }
}
