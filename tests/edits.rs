//! Edits: every edit undoes exactly, and refused edits leave the map alone.

use stateline::domain::edit::Edit;
use stateline::domain::ids::Id;
use stateline::domain::model::{
    Component, Connection, Flow, Host, Kind, Map, Pos, Provider, Rect, Zone,
};

fn id(s: &str) -> Id {
    Id::new(s).unwrap_or_else(|e| panic!("bad test id {s}: {e}"))
}

fn sample() -> Map {
    let mut map = Map::new("t");
    map.zones.push(Zone {
        id: id("z"),
        label: "Z".into(),
        host: Host::new(Provider::Azure, Some("eastus")),
        rect: Some(Rect::new(0.0, 0.0, 400.0, 300.0)),
    });
    for (n, zone) in [("a", true), ("b", true), ("c", false)] {
        let mut c = Component::new(id(n), n.to_uppercase(), Kind::Agent);
        c.pos = Some(Pos::new(100.0, 100.0));
        if zone {
            c.zone = Some(id("z"));
        }
        map.components.push(c);
    }
    map.connections.push(Connection::new(id("a"), id("b")));
    map.connections.push(Connection::new(id("b"), id("c")));
    map.flows.push(Flow::new("f", id("a")));
    map
}

fn roundtrip(edit: Edit) -> Map {
    let original = sample();
    let mut map = original.clone();
    let inverse = edit
        .apply(&mut map)
        .unwrap_or_else(|e| panic!("the edit applies: {e}"));
    let changed = map.clone();
    let redo = inverse
        .apply(&mut map)
        .unwrap_or_else(|e| panic!("its inverse applies: {e}"));
    assert_eq!(map, original, "undo restores the original");
    redo.apply(&mut map)
        .unwrap_or_else(|e| panic!("the redo applies: {e}"));
    assert_eq!(map, changed, "redo restores the change");
    changed
}

#[test]
fn removing_a_component_takes_its_connections_and_flows_and_undo_restores_them() {
    let after = roundtrip(Edit::RemoveComponents {
        ids: vec![id("a"), id("c")],
    });
    assert_eq!(after.components.len(), 1);
    assert!(after.connections.is_empty());
    assert!(after.flows.is_empty());
}

#[test]
fn renaming_a_component_renames_its_references() {
    let mut c = sample().components[1].clone();
    c.id = id("bee");
    let after = roundtrip(Edit::SetComponent {
        id: id("b"),
        component: c,
    });
    assert_eq!(after.connections[0].to, id("bee"));
    assert_eq!(after.connections[1].from, id("bee"));
}

#[test]
fn moving_a_zone_moves_its_contents() {
    let after = roundtrip(Edit::MoveZone {
        id: id("z"),
        to: Pos::new(50.0, 20.0),
    });
    assert_eq!(after.components[0].pos, Some(Pos::new(150.0, 120.0)));
    assert_eq!(after.components[2].pos, Some(Pos::new(100.0, 100.0)));
}

#[test]
fn removing_a_zone_keeps_its_members_on_its_host() {
    let after = roundtrip(Edit::RemoveZone { id: id("z") });
    assert!(after.zones.is_empty());
    assert_eq!(after.components[0].zone, None);
    assert_eq!(
        after.components[0].host.as_ref().unwrap().provider,
        Provider::Azure
    );
}

#[test]
fn invalid_edits_are_refused_and_leave_the_map_alone() {
    let original = sample();
    let mut map = original.clone();
    let bad = [
        Edit::AddConnection {
            connection: Connection::new(id("a"), id("a")),
            index: None,
        },
        Edit::AddConnection {
            connection: Connection::new(id("a"), id("nope")),
            index: None,
        },
        Edit::AddComponent {
            component: Component::new(id("z"), "dup", Kind::Agent),
            index: None,
        },
        Edit::RemoveConnection { index: 9 },
        Edit::Batch(vec![
            Edit::SetTitle("changed".into()),
            Edit::RemoveComponents { ids: vec![id("x")] },
        ]),
    ];
    for edit in bad {
        assert!(edit.clone().apply(&mut map).is_err(), "{edit:?}");
        assert_eq!(map, original, "{edit:?} left the map unchanged");
    }
}

#[test]
fn the_item_cap_is_one_rule_with_one_message() {
    use stateline::domain::validate::{self, MAX_ITEMS};
    let note = stateline::domain::model::Note {
        text: "n".into(),
        pos: None,
        size: None,
        colour: stateline::domain::model::NoteColour::default(),
    };
    // A map at the cap: one more note is refused by the edit with the message the
    // validator gives a file that holds one more.
    let mut map = Map::new("t");
    map.notes = vec![note.clone(); MAX_ITEMS];
    let err = Edit::AddNote {
        note: note.clone(),
        index: None,
    }
    .apply(&mut map)
    .unwrap_err();
    let one = validate::item_cap("notes", MAX_ITEMS + 1).unwrap_err();
    assert_eq!(err.to_string(), one);
    assert_eq!(
        map.notes.len(),
        MAX_ITEMS,
        "the refused edit changed nothing"
    );
    map.notes.push(note);
    let problems = validate::map(&map, stateline::domain::Catalog::builtin());
    assert!(
        problems
            .iter()
            .any(|p| p.field == "notes" && p.message == one),
        "{problems:?}"
    );
    assert!(one.contains("200000"), "{one}");
}
