//! The window never waits for the analysis of a big map: it runs on the analysis thread,
//! the latest edit wins, and what arrives is the same analysis the command line computes.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use stateline::domain::Catalog;
use stateline::domain::edit::Edit;
use stateline::domain::ids::Id;
use stateline::domain::model::{Component, Connection, Host, Kind, Map, Pos, Provider, Zone};
use stateline::ui::document::{Document, IN_PLACE_COMPONENTS};

fn big_map(n: usize) -> Map {
    let mut map = Map::new("big");
    map.zones.push(Zone {
        id: Id::new("z").unwrap(),
        label: "Zone".into(),
        host: Host::new(Provider::Aws, Some("us-east-1")),
        rect: None,
    });
    for i in 0..n {
        let kind = if i == 0 { Kind::Client } else { Kind::Agent };
        let mut c = Component::new(Id::new(&format!("c{i}")).unwrap(), format!("C {i}"), kind);
        c.zone = Some(Id::new("z").unwrap());
        c.pos = Some(Pos::new((i % 50) as f64 * 240.0, (i / 50) as f64 * 120.0));
        map.components.push(c);
        if i > 0 {
            map.connections.push(Connection::new(
                Id::new(&format!("c{}", (i - 1) / 2)).unwrap(),
                Id::new(&format!("c{i}")).unwrap(),
            ));
        }
    }
    map
}

#[test]
fn a_big_map_is_analysed_off_the_ui_thread_and_the_latest_edit_wins() {
    let map = big_map(IN_PLACE_COMPONENTS + 500);
    let mut doc = Document::new(map, None);
    assert!(
        doc.is_current(),
        "the first analysis is there when the window opens"
    );
    // Three quick edits: the window goes on at once, with the layout of the newest map.
    for k in 0..3 {
        let mut c = doc.map().components[1].clone();
        c.label = format!("renamed {k}");
        doc.apply(Edit::SetComponent {
            id: c.id.clone(),
            component: c,
        })
        .unwrap();
        doc.refresh();
        assert!(
            !doc.is_current(),
            "the edit is queued, the window did not wait"
        );
        assert_eq!(doc.layout().components.len(), doc.map().components.len());
    }
    let before = doc.analysis_runs();
    doc.wait_for_analysis();
    assert!(doc.is_current());
    assert!(doc.analysis_runs() > before);
    // What arrived is the answer for the newest map, as the one resolution computes it.
    let expected = doc.scenario().analyze(doc.map(), Catalog::builtin());
    assert_eq!(doc.analysis(), &expected);
    assert_eq!(doc.scene().texts[1].label.join(" "), "renamed 2");
}

#[test]
fn a_small_map_is_analysed_in_place() {
    let mut doc = Document::new(big_map(20), None);
    let mut c = doc.map().components[1].clone();
    c.label = "x".into();
    doc.apply(Edit::SetComponent {
        id: c.id.clone(),
        component: c,
    })
    .unwrap();
    doc.refresh();
    assert!(doc.is_current(), "no wait, no thread");
    assert!(doc.analysing().is_none());
}
